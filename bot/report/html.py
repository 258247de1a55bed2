"""A self-contained HTML report, written as the run goes: one table per page, a summary at
the end.  Everything from the wiki (titles, messages, sections) is escaped."""

from __future__ import annotations

import html
from typing import TextIO

from bot import __version__
from bot.runner import AuditStats, PageResult

__all__ = ["HtmlReporter"]

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#202122}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #c8ccd1}
table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;text-align:left;
vertical-align:top;border-bottom:1px solid #eaecf0}th{background:#f8f9fa}
.error{color:#b32424;font-weight:600}.warning{color:#a66200;font-weight:600}.info{color:#36c}
code{background:#f8f9fa;padding:0 .2rem}.problem{color:#b32424}.meta{color:#54595d}
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


class HtmlReporter:
    def __init__(self, stream: TextIO, **meta):
        self.stream = stream
        self.meta = meta
        self.problems: list[str] = []

    def start(self) -> None:
        profile = _e(self.meta.get("profile", ""))
        self.stream.write(
            f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>wikiwarden audit</title><style>{_STYLE}</style></head><body>\n"
            f"<h1>wikiwarden audit</h1>\n<p class=\"meta\">wikiwarden {_e(__version__)}, "
            f"profile <code>{profile}</code>, {len(self.meta.get('rules', []))} checks</p>\n"
        )

    def page(self, result: PageResult) -> None:
        if result.problem is not None:
            self.problems.append(str(result.problem))
            return
        if not result.findings:
            return
        doc = result.document
        revision = f" <span class=\"meta\">(revision {_e(doc.revid)})</span>" if doc.revid else ""
        rows = "".join(
            f"<tr><td>{f.line}:{f.column}</td><td class=\"{_e(f.severity)}\">{_e(f.severity)}"
            f"</td><td><code>{_e(f.code)}</code> {_e(f.name)}</td>"
            f"<td>{_e(' › '.join(f.section))}</td><td>{_e(f.message)}</td></tr>"
            for f in result.findings
        )
        self.stream.write(
            f"<h2>{_e(doc.where)}{revision}</h2>\n<table><tr><th>line:col</th>"
            f"<th>severity</th><th>check</th><th>section</th><th>message</th></tr>"
            f"{rows}</table>\n"
        )

    def finish(self, stats: AuditStats) -> None:
        if self.problems:
            items = "".join(f"<li class=\"problem\">{_e(p)}</li>" for p in self.problems)
            self.stream.write(f"<h2>Inputs that could not be read</h2><ul>{items}</ul>\n")
        by_code = ", ".join(f"{_e(c)} ×{n}" for c, n in sorted(stats.by_code.items()))
        self.stream.write(
            f"<h2>Summary</h2><p>{stats.pages} pages, {stats.findings} findings"
            f"{' (' + by_code + ')' if by_code else ''}, {stats.problems} unreadable inputs, "
            f"{stats.seconds:.1f} s.</p>\n</body></html>\n"
        )
