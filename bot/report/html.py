"""A self-contained HTML report, written as the run goes: one table per page, a summary at
the end.  The markup is in jinja2 templates (``templates/audit_*.html.j2``) rendered with
autoescape, so everything from the wiki (titles, messages, sections) is escaped."""

from __future__ import annotations

from functools import cache
from typing import TextIO

from bot import __version__
from bot.runner import AuditStats, PageResult

__all__ = ["HtmlReporter", "html_environment"]

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#202122}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #c8ccd1}
table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;text-align:left;
vertical-align:top;border-bottom:1px solid #eaecf0}th{background:#f8f9fa}
.error{color:#b32424;font-weight:600}.warning{color:#a66200;font-weight:600}.info{color:#36c}
code{background:#f8f9fa;padding:0 .2rem}.problem{color:#b32424}.meta{color:#54595d}
"""


@cache
def html_environment():
    """The jinja2 environment of the HTML templates: autoescape on, undefined names fail."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("bot.report", "templates"), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class HtmlReporter:
    def __init__(self, stream: TextIO, **meta):
        self.stream = stream
        self.meta = meta
        self.problems: list[str] = []

    def _write(self, template: str, **values) -> None:
        self.stream.write(html_environment().get_template(template).render(**values))

    def start(self) -> None:
        from markupsafe import Markup

        self._write("audit_head.html.j2", style=Markup(_STYLE), version=__version__,
                    profile=self.meta.get("profile", ""),
                    checks=len(self.meta.get("rules", [])))

    def page(self, result: PageResult) -> None:
        if result.problem is not None:
            self.problems.append(str(result.problem))
            return
        if result.findings:
            self._write("audit_page.html.j2", doc=result.document, findings=result.findings)

    def finish(self, stats: AuditStats) -> None:
        self._write("audit_foot.html.j2", problems=self.problems, stats=stats,
                    by_code=sorted(stats.by_code.items()))
