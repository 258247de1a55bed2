"""Count citation findings per false-finding cause of issue 10 in audit reports.

    scripts/citcauses.py REPORT.json [REPORT.json ...]

Each REPORT is `wikiwarden audit ../shared/corpus --select CIT --format json` output (e.g.
one made by the main branch, one by this one).  Each finding is read back at its page and
position and sorted into the causes named in issue 10 (judged by the bundled CS1 data:
CS1's whitelist, suggestions and date grammar), then counted per report.
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

import mwparserfromhell

from bot.citations import cs1

NAMED = ("p", "pp", "jfm", "contribution-url", "people")
_PARAM = re.compile(r'unknown parameter "([^"]+)"')
_DATE = re.compile(r'has ([\w-]+)="(.*)", which is')
_HINT = re.compile(r'Did you mean "([^"]+)"')
_texts: dict[str, str] = {}


def citation_at(path: str, line: int, column: int):
    if path not in _texts:
        _texts[path] = Path(path).read_text("utf-8", errors="replace")
    lines = _texts[path].splitlines(keepends=True)
    offset = sum(len(x) for x in lines[:line - 1]) + column - 1
    code = mwparserfromhell.parse(_texts[path][offset:offset + 20000])
    templates = code.filter_templates(recursive=False)
    return templates[0] if templates else None


def cause(finding: dict) -> str:
    spec = cs1()
    code, message = finding["code"], finding["message"]
    if not Path(finding.get("location") or "").is_file():
        return f"{code} (page inside a dump: not classified)"
    template = citation_at(finding["location"], finding["line"], finding["column"])
    klass = spec.citation_class(str(template.name)) if template is not None else ""
    nested = template is not None and any(
        "{{" in str(p.value) for p in template.params)
    if code == "CIT006" and (m := _DATE.search(message)):
        value = m.group(2)
        if re.search(r"\d{3,4}[a-z]$", value):
            return "CIT006 year with a letter (2005a)"
        if re.search(r"[–-]", value):
            return "CIT006 date range (1947–71, November 17–19, 1970)"
        return "CIT006 other dates"
    if code == "CIT002" and (m := _PARAM.search(message)):
        name = m.group(1)
        if spec.validate(name, klass) is not None:
            return ("CIT002 valid p/pp/jfm/contribution-url/people flagged" if name in NAMED
                    else "CIT002 other valid parameter flagged")
        hint = _HINT.search(message)
        suggested = spec.suggestion(name, klass)[0]
        if spec.old_name(name, klass):
            return "CIT002 old name CS1 replaced (now CIT012)"
        if hint and hint.group(1) != suggested:
            return "CIT002 suggestion CS1 does not make"
        return "CIT002 unknown parameter"
    if code == "CIT012":
        return "CIT012 old name CS1 replaced (deadurl ...)"
    if code == "CIT001" and klass == "episode":
        return "CIT001 cite episode"
    if code in ("CIT004", "CIT005") and nested:
        return f"{code} on a citation with a template value"
    return f"{code} other"


def main(paths: list[str]) -> None:
    counts = []
    for path in paths:
        report = json.loads(Path(path).read_text("utf-8"))
        counts.append(collections.Counter(cause(f) for f in report["findings"]
                                          if f["code"].startswith("CIT")))
    keys = sorted(set().union(*counts))
    width = max(map(len, keys)) + 2
    print("cause".ljust(width) + "".join(Path(p).stem.rjust(12) for p in paths))
    for key in keys:
        print(key.ljust(width) + "".join(str(c[key]).rjust(12) for c in counts))
    print("all CIT".ljust(width) + "".join(str(sum(c.values())).rjust(12) for c in counts))


if __name__ == "__main__":
    main(sys.argv[1:])
