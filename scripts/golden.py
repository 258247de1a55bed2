"""Golden findings: what the audit says about every corpus page, recorded once, compared after
every change (run through scripts/golden).

    scripts/golden record            # audit every corpus page, write tests/golden/corpus.jsonl.gz
    scripts/golden check             # audit every corpus page again, list every difference
    scripts/golden check --sample 200  # a fixed seeded sample only (what the default tests run)
    scripts/golden spans             # the one-pass spans equal the tree walk on every page
    scripts/golden tokens            # the skipping tokenizer gives the C tokenizer's tokens

A page is every ``.wiki`` and ``.txt`` file under ../shared/corpus, titled as PAGES.tsv says
(else by its file name).  Each page is audited with every built-in profile; a line of the
file holds the page's path, a hash of its text, and per profile its findings (``to_dict()``,
byte for byte) and a hash of the text its safe fixes produce (None when they change nothing).
An intended change of behaviour is recorded again (``record``) in the same commit, with the
reason in the commit message; differences listed in ``INTENDED`` are ignored by ``check``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.fixes import fix_document  # noqa: E402
from bot.parse.document import Document  # noqa: E402
from bot.profiles import builtin_profile_names, load_profile  # noqa: E402
from bot.rules import Context, select_rules  # noqa: E402
from bot.runner import audit_document  # noqa: E402
from bot.sources.files import title_from_path  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
GOLDEN = REPO / "tests" / "golden" / "corpus.jsonl.gz"
SUFFIXES = (".wiki", ".txt")
#: the run's "today" (CIT006 compares dates with it): fixed, so the record never ages
TODAY = dt.date(2026, 11, 25)
#: (page path, profile) -> why its recorded findings are allowed to differ
INTENDED: dict[tuple[str, str], str] = {}


def corpus_pages(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    """(path relative to the corpus, title) of every page, sorted by path."""
    titles: dict[str, str] = {}
    listing = corpus / "PAGES.tsv"
    if listing.is_file():
        with listing.open(encoding="utf-8", newline="") as fh:
            for record in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                titles[record["path"]] = record["title"]
    paths = sorted(
        p.relative_to(corpus).as_posix() for p in corpus.rglob("*")
        if p.is_file() and p.name.endswith(SUFFIXES)
    )
    return [(p, titles.get(p) or title_from_path(Path(p))) for p in paths]


def sample(pages: list, size: int, seed: int = 15) -> list:
    """A fixed seeded sample of ``pages`` (the same pages on every run and machine)."""
    if size >= len(pages):
        return list(pages)
    return sorted(random.Random(seed).sample(pages, size))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def contexts() -> dict[str, Context]:
    return {name: Context(profile=load_profile(name), options={"today": TODAY})
            for name in builtin_profile_names()}


def page_record(path: str, title: str, text: str, rules, ctxs: dict[str, Context]) -> dict:
    """What the audit and the fixes make of one page, under every profile."""
    record: dict = {"page": path, "sha": _digest(text)}
    for name, ctx in ctxs.items():
        doc = Document(title=title, text=text, source=path)
        findings = [f.to_dict() for f in audit_document(doc, rules, ctx)]
        fixed = fix_document(doc, rules, ctx)
        record[name] = {"findings": findings,
                        "fixed": _digest(fixed.text) if fixed.changed else None}
    return record


def audit_pages(pages: Iterable[tuple[str, str]], corpus: Path = CORPUS) -> Iterator[dict]:
    rules = select_rules()
    ctxs = contexts()
    for path, title in pages:
        text = (corpus / path).read_bytes().decode("utf-8")
        yield page_record(path, title, text, rules, ctxs)


def load_golden(path: Path = GOLDEN) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {record["page"]: record for record in map(json.loads, fh)}


def differences(now: dict, then: dict | None) -> list[str]:
    """Readable differences between a page's record now and its golden record."""
    page = now["page"]
    if then is None:
        return [f"{page}: not in the golden file (record it again)"]
    if then["sha"] != now["sha"]:
        return [f"{page}: the corpus page changed since it was recorded"]
    out = []
    for name in sorted(set(now) - {"page", "sha"}):
        if (page, name) in INTENDED:
            continue
        old, new = then.get(name, {}), now[name]
        if old.get("findings") != new["findings"]:
            before = {json.dumps(f, sort_keys=True) for f in old.get("findings", [])}
            after = {json.dumps(f, sort_keys=True) for f in new["findings"]}
            out += [f"{page} [{name}] lost: {f}" for f in sorted(before - after)[:5]]
            out += [f"{page} [{name}] new:  {f}" for f in sorted(after - before)[:5]]
            if before == after:
                out.append(f"{page} [{name}] same findings in another order")
        if old.get("fixed") != new["fixed"]:
            out.append(f"{page} [{name}] fixes produce other text "
                       f"({old.get('fixed')} -> {new['fixed']})")
    return out


def record(out: Path = GOLDEN) -> None:
    pages = corpus_pages()
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    tmp = out.with_suffix(".tmp")
    # mtime=0: the same findings give the same bytes, so git sees only real changes
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        for i, rec in enumerate(audit_pages(pages), 1):
            gz.write((json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
                     .encode("utf-8"))
            if i % 500 == 0:
                print(f"  {i}/{len(pages)} pages", file=sys.stderr, flush=True)
    tmp.replace(out)
    print(f"recorded {len(pages)} pages in {time.perf_counter() - start:.0f} s -> "
          f"{out.relative_to(REPO)} ({out.stat().st_size / 1e3:.0f} kB)")


def check(size: int | None) -> int:
    golden = load_golden()
    pages = corpus_pages()
    if size:
        pages = sample(pages, size)
    start = time.perf_counter()
    problems = []
    for rec in audit_pages(pages):
        problems += differences(rec, golden.get(rec["page"]))
    for line in problems:
        print(line)
    print(f"{len(pages)} pages checked in {time.perf_counter() - start:.0f} s: "
          f"{'same findings and fixes as recorded' if not problems else 'DIFFERENT'}")
    return 1 if problems else 0


def spans(size: int | None) -> int:
    """bot.parse.stream against the tree walk on every corpus page (or a sample)."""
    from bot.parse.streamcheck import stream_problems

    pages = corpus_pages()
    if size:
        pages = sample(pages, size)
    bad = 0
    for path, _ in pages:
        problems = stream_problems((CORPUS / path).read_bytes().decode("utf-8"))
        for line in problems:
            print(f"{path}: {line}")
        bad += bool(problems)
    print(f"{len(pages)} pages: {'spans equal the tree walk' if not bad else f'{bad} differ'}")
    return 1 if bad else 0


def tokens(size: int | None) -> int:
    """bot.parse.tokenizer's skipping tokenizer on every corpus page: the same tokens as the
    pure-Python tokenizer trying every "<", and, on each page the audit sends to it, the
    same tokens as the C tokenizer."""
    from mwparserfromhell.parser._tokenizer import CTokenizer
    from mwparserfromhell.parser.tokenizer import Tokenizer
    from mwparserfromhell.parser.tokens import Text

    from bot.parse.tokenizer import SkippingTokenizer, tokenizer_for

    pages = corpus_pages()
    if size:
        pages = sample(pages, size)
    bad = sent = apart = 0
    start = time.perf_counter()
    for path, _ in pages:
        text = (CORPUS / path).read_bytes().decode("utf-8")
        skipped = SkippingTokenizer().tokenize(text, 0, True)
        tried = [t for t in Tokenizer().tokenize(text, 0, True) if type(t) is not Text or t.text]
        if skipped != tried:
            print(f"{path}: skipping changed the pure-Python tokenizer's tokens")
            bad += 1
        c_differs = skipped != CTokenizer().tokenize(text, 0, True)
        apart += c_differs
        if isinstance(tokenizer_for(text), SkippingTokenizer):
            sent += 1
            if c_differs:
                print(f"{path}: sent to the skipping tokenizer, tokens differ from the C one's")
                bad += 1
        elif c_differs:
            print(f"{path}: (C tokenizer kept) mwparserfromhell's two tokenizers differ here")
    print(f"{len(pages)} pages in {time.perf_counter() - start:.0f} s; {sent} sent to the "
          f"skipping tokenizer; the two tokenizers differ on {apart}: "
          f"{'no token changed by skipping' if not bad else f'{bad} problems'}")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["record", "check", "spans", "tokens"])
    parser.add_argument("--sample", type=int, default=0,
                        help="check only a fixed seeded sample of this many pages")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    if args.command == "record":
        record()
        return 0
    if args.command == "spans":
        return spans(args.sample or None)
    if args.command == "tokens":
        return tokens(args.sample or None)
    return check(args.sample or None)


if __name__ == "__main__":
    sys.exit(main())
