"""The fault-injection measurement behind scripts/faults (see there).  Asserts nothing."""

from __future__ import annotations

import argparse
import os
import random
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from faultrun import fault_run  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
FOLDERS = ("wikidump-enwiki", "wtf_wikipedia", "wikiclean", "dumpster-dive-ltgwiki",
           "sweble", "mdwiki-fix_refs")


def corpus_pages(rng: random.Random, n: int, low: int = 1_000, high: int = 40_000) -> list[str]:
    files = sorted(p for folder in FOLDERS for p in (CORPUS / folder).rglob("*.wiki")
                   if low <= p.stat().st_size <= high)
    texts = []
    for path in rng.sample(files, min(len(files), n * 3)):
        text = path.read_text("utf-8", errors="replace")
        if not text.lstrip().upper().startswith("#REDIRECT") and "\x00" not in text:
            texts.append(text)
        if len(texts) == n:
            break
    return texts


def wiki_up(base: Path) -> dict:
    out = subprocess.run([str(REPO / "scripts" / "testwiki"), "up"], capture_output=True,
                         text=True, env={**os.environ, "MW_BASE": str(base)}, check=True)
    values = {}
    for line in out.stdout.splitlines():
        for assignment in shlex.split(line.removeprefix("export ")):
            key, _, value = assignment.partition("=")
            values[key] = value
    return values


def print_run(title: str, report) -> None:
    print(f"- {title}: {report.line().split(': ', 1)[1]}")
    for reason, count in report.reasons.most_common(6):
        print(f"    {count:3d} × {reason}")
    if report.retries:
        print(f"    {report.retries.removeprefix('wikiwarden: ')}")
    sys.stdout.flush()


MUTATIONS = ("truncate", "tokens", "delete", "repeat", "crlf", "nested", "bad-utf8", "nul",
             "empty", "refs")
TOKENS = ["{{", "}}", "[[", "]]", "<ref>", "</ref>", "<ref name=a/>", "==", "\n== X ==\n",
          "|", "<!--", "-->", "{|", "|}", "<references />", "'''", "<nowiki>", "\r\n", "&"]


def mutate(rng: random.Random, text: str, kind: str) -> bytes:
    if kind == "truncate":
        return text[: rng.randint(0, len(text))].encode()
    if kind == "tokens":
        chars = list(text)
        for _ in range(rng.randint(1, 40)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(TOKENS))
        return "".join(chars).encode()
    if kind == "delete":
        a = rng.randint(0, len(text))
        return (text[:a] + text[a + rng.randint(1, 2000):]).encode()
    if kind == "repeat":
        a = rng.randint(0, max(0, len(text) - 200))
        return (text + text[a:a + 200] * rng.randint(10, 300)).encode()
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode()
    if kind == "nested":
        return (text + "{{a|" * rng.randint(1_000, 60_000)).encode()
    if kind == "bad-utf8":
        data = bytearray(text.encode())
        data[rng.randint(0, max(0, len(data) - 1)):][:1] = b"\xff"
        return bytes(data)
    if kind == "nul":
        return (text[:100] + "\x00" + text[100:]).encode()
    if kind == "empty":
        return b""
    return ("Text" + "<ref>Smith, p. {i}</ref>." * rng.randint(100, 3000)).encode()


def fuzz(n: int, tmp: Path, budget: float) -> None:
    rng = random.Random(300)
    folder = tmp / "fuzz"
    folder.mkdir()
    sources = corpus_pages(rng, 60, 200, 60_000)
    kinds = Counter()
    for i in range(n):
        kind = MUTATIONS[i % len(MUTATIONS)]
        kinds[kind] += 1
        (folder / f"Fuzz_{i:03d}.wiki").write_bytes(mutate(rng, rng.choice(sources), kind))
    print(f"\n## Fuzz: {n} inputs ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    copy = tmp / "fuzz-apply"
    shutil.copytree(folder, copy)
    runs = [("audit", ["audit", str(folder), "--format", "json", "-q", "-o",
                       str(tmp / "fuzz.json"), "--page-timeout", str(budget)]),
            ("audit -j2", ["audit", str(folder), "-j2", "-q", "--page-timeout", str(budget)]),
            ("fix (dry run)", ["fix", str(folder), "-q"]),
            ("fix --apply", ["fix", str(copy), "--apply", "-q", "--state",
                             str(tmp / "fuzz.sqlite")])]
    for name, args in runs:
        start = time.monotonic()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO,
                              capture_output=True, text=True, timeout=3600)
        wall = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        stderr = done.stderr
        over = sum("budget per page" in line for line in stderr.splitlines())
        errors = sum(line.startswith("wikiwarden: error") for line in stderr.splitlines())
        print(f"- {name}: exit {done.returncode}, {wall:.1f} s for {n} inputs "
              f"(bound: {n} × {budget:g} s budget), tracebacks {stderr.count('Traceback')}, "
              f"inputs over the budget (skipped, reported) {over}, unreadable inputs "
              f"reported {errors}, peak RSS (largest process so far) "
              f"{max(peak, before) / 1024:.0f} MiB")
    crlf = [p for p in copy.iterdir() if int(p.stem[-3:]) % len(MUTATIONS) == 4]
    mixed = sum(1 for p in crlf if p.read_bytes().count(b"\n") != p.read_bytes().count(b"\r\n"))
    print(f"- CRLF inputs after fix --apply with LF-only lines: {mixed} of {len(crlf)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    seeds, pages, humans, kills, fuzz_n = (([1], 15, [(101, 10)], 1, 30) if args.quick else
                                           ([1, 2, 3, 4, 5], 60, [(101, 40), (102, 40)], 5, 300))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still tear the wiki down
    tmp = Path(tempfile.mkdtemp(prefix="wikiwarden-faults-"))
    wiki = wiki_up(tmp / "wiki")
    try:
        print(f"# Fault injection: {len(seeds)} seeds × ~20 % faults × {pages} corpus pages")
        totals = Counter()
        for seed in seeds:
            texts = corpus_pages(random.Random(seed), pages)
            report = fault_run(wiki, seed, len(texts), tmp, rate=0.2, texts=texts, stall=5.0)
            print_run(f"seed {seed}", report)
            totals.update(report.must_be_zero())
        print(f"\n# Concurrent human edits ({pages} pages, ~20 % faults)")
        for seed, edits in humans:
            texts = corpus_pages(random.Random(seed), pages)
            report = fault_run(wiki, seed, len(texts), tmp, rate=0.2, texts=texts,
                               human_edits=edits, stall=5.0)
            print_run(f"seed {seed}, {edits} human edits", report)
            totals.update(report.must_be_zero())
        print("\n# kill -9 at random points (20 pages, ~20 % faults, 5 human edits)")
        rng = random.Random(99)
        for trial in range(kills):
            after = rng.uniform(3, 20)
            report = fault_run(wiki, 200 + trial, 20, tmp, rate=0.2, kill_after=after,
                               human_edits=5)
            print_run(f"trial {trial + 1}, kill -9 after {after:.1f} s "
                      f"({'killed' if report.signalled else 'finished first'})", report)
            totals.update(report.must_be_zero())
        print(f"\n# Totals that must be zero: {dict(totals)}")
        fuzz(fuzz_n, tmp, 5.0)
    finally:
        subprocess.run([str(REPO / "scripts" / "testwiki"), "down", wiki["MW_BASE"]],
                       check=False)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
