"""Audit every page of the shared corpus and count the findings by code.

A measuring tool, not a test: run it before and after a change to a check and compare the
counts (the false-finding causes of issue 10 are reported this way).

    .venv/bin/python scripts/corpus_audit.py                       # both profiles, counts
    .venv/bin/python scripts/corpus_audit.py --profile wikipedia --select REF,SEC,MEP \
        --findings /tmp/findings.jsonl                            # and every finding
    .venv/bin/python scripts/corpus_audit.py --compare before.json after.json

``--counts FILE`` writes the counts as JSON (``{profile: {code: n}}``) for ``--compare``.
The corpus is ``../shared/corpus`` (override with ``--corpus``); titles come from its
``PAGES.tsv``.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import json
import lzma
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.parse.document import Document  # noqa: E402
from bot.profiles import load_profile  # noqa: E402
from bot.rules.base import Context  # noqa: E402
from bot.rules.registry import select_rules  # noqa: E402
from bot.runner import audit_document  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


_NAMESPACE = re.compile(r'<namespace key="(-?\d+)"[^>]*>([^<]+)</namespace>')
_OPENERS = {".bz2": bz2.open, ".gz": gzip.open, ".xz": lzma.open}


def namespace_names(corpus: Path) -> dict[str, int]:
    """Namespace names (case-folded) -> number, from the <siteinfo> of the corpus's dumps:
    the pages split from them are audited in their own namespace, as a dump audit does."""
    names: dict[str, int] = {}
    for path in sorted((corpus / "xml-dumps").rglob("*")):
        opener = _OPENERS.get(path.suffix, open if path.suffix == ".xml" else None)
        if opener is None or not path.is_file():
            continue
        with opener(path, "rb") as fh:
            head = fh.read(60_000)
        text = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8",
                            errors="replace")
        for key, name in _NAMESPACE.findall(text):
            names.setdefault(name.strip().casefold(), int(key))
    return names


def namespace_of(title: str, names: dict[str, int]) -> int:
    """The namespace a title's prefix names (0 for none); a leading language prefix, as in
    the corpus's "en:Talk:…" titles, is skipped."""
    prefix, colon, rest = title.partition(":")
    if colon and prefix.strip().casefold() not in names and re.fullmatch(r"[a-z]{2,3}", prefix):
        prefix, colon, rest = rest.partition(":")
    return names.get(prefix.strip().casefold(), 0) if colon else 0


def corpus_pages(corpus: Path):
    """(relative path, title, text) of every ``.wiki`` page, sorted by path."""
    titles = {}
    pages_tsv = corpus / "PAGES.tsv"
    if pages_tsv.is_file():
        with pages_tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                titles[row["path"]] = row["title"]
    for path in sorted(corpus.rglob("*.wiki")):
        rel = path.relative_to(corpus).as_posix()
        text = path.read_bytes().decode("utf-8", errors="replace")
        yield rel, titles.get(rel) or path.stem, text


def audit(corpus: Path, profiles: list[str], select: str | None, findings_out) -> dict:
    counts: dict[str, Counter] = {}
    pages = list(corpus_pages(corpus))
    names = namespace_names(corpus)
    for name in profiles:
        ctx = Context(load_profile(name))
        rules = select_rules(select.split(",") if select else ())
        counter: Counter = Counter()
        for rel, title, text in pages:
            doc = Document(title=title, text=text, source=rel, location=rel,
                           namespace=namespace_of(title, names))
            for finding in audit_document(doc, rules, ctx):
                counter[finding.code] += 1
                if findings_out is not None:
                    findings_out.write(json.dumps({
                        "profile": name, "page": rel, "line": finding.line,
                        "column": finding.column, "code": finding.code,
                        "severity": str(finding.severity), "message": finding.message,
                    }, ensure_ascii=False) + "\n")
        counts[name] = counter
    return {"pages": len(pages), "counts": {k: dict(sorted(v.items())) for k, v in counts.items()}}


def compare(before: dict, after: dict) -> None:
    for profile in sorted(set(before["counts"]) | set(after["counts"])):
        b, a = before["counts"].get(profile, {}), after["counts"].get(profile, {})
        print(f"profile {profile} ({after.get('pages', '?')} pages)")
        print(f"  {'code':8} {'before':>7} {'after':>7} {'change':>7}")
        for code in sorted(set(a) | set(b)):
            nb, na = b.get(code, 0), a.get(code, 0)
            print(f"  {code:8} {nb:7} {na:7} {na - nb:+7}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--profile", action="append", help="default: wikipedia and mepedia")
    parser.add_argument("--select", help="codes or prefixes, comma-separated")
    parser.add_argument("--findings", type=Path, help="write every finding here (JSON lines)")
    parser.add_argument("--counts", type=Path, help="write the counts here (JSON)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text("utf-8")) for p in args.compare)
        compare(before, after)
        return 0
    if not args.corpus.is_dir():
        print(f"{args.corpus}: corpus folder not found", file=sys.stderr)
        return 2
    started = time.perf_counter()
    out = args.findings.open("w", encoding="utf-8") if args.findings else None
    try:
        result = audit(args.corpus, args.profile or ["wikipedia", "mepedia"], args.select, out)
    finally:
        if out is not None:
            out.close()
    result["seconds"] = round(time.perf_counter() - started, 1)
    if args.counts:
        args.counts.write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    for profile, counter in result["counts"].items():
        print(f"{profile}: {result['pages']} pages, {sum(counter.values())} findings")
        for code, n in counter.items():
            print(f"  {code} {n}")
    print(f"{result['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
