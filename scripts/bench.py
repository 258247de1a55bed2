"""wikiwarden benchmarks (run through scripts/bench).  See the issue "Benchmarks" for the
targets; every figure is measured in this run, on this machine, and compared as ratios."""

from __future__ import annotations

import argparse
import bz2
import compileall
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape

import mwparserfromhell

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

from synth import article  # noqa: E402

from bot.parse.document import Document  # noqa: E402
from bot.parse.tokenizer import SkippingTokenizer, tokenizer_for  # noqa: E402
from bot.profiles import load_profile  # noqa: E402
from bot.rules import Context, select_rules  # noqa: E402
from bot.runner import audit_document  # noqa: E402
from bot.sources import iter_local  # noqa: E402
from bot.sources.files import read_wikitext_file  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
BUILD = REPO / "build" / "bench"
rows: list[tuple[str, str, str]] = []


def row(part: str, what: str, value: str) -> None:
    rows.append((part, what, value))
    print(f"  {part:<14} {what:<52} {value}", flush=True)


# -- inputs --------------------------------------------------------------------------------
#: English Wikipedia folders of the corpus; their pages of 50 kB or more are "large English
#: articles", measured on their own as well
ENGLISH = ("wikidump-enwiki", "wtf_wikipedia", "gensim-enwiki-2017-tables")
LARGE = 50_000


def load_pages(source: str | None) -> tuple[list[Document], str]:
    if source:
        path = Path(source)
    elif CORPUS.is_dir():  # the corpus's pages: its .wiki files (not dumps, not test files)
        docs = [d for p in sorted(CORPUS.rglob("*.wiki")) for d in read_wikitext_file(p)
                if isinstance(d, Document)]
        return docs, f"{len(docs)} pages (.wiki) from {CORPUS}"
    else:
        docs = [Document(f"Synthetic {i}", article(i)) for i in range(100)]
        return docs, "100 synthetic articles (scripts/synth.py; ../shared/corpus absent)"
    docs = [d for d in iter_local(path) if isinstance(d, Document)]
    return docs, f"{len(docs)} pages from {path}"


def page_sets(docs: list[Document]) -> list[tuple[str, list[Document]]]:
    """The whole input, and its large English articles on their own (when there are any)."""
    large = [d for d in docs if Path(d.source).parent.name in ENGLISH
             and len(d.text.encode("utf-8")) >= LARGE]
    sets = [("all pages", docs)]
    if large:
        sets.append((f"large English articles ({len(large)} pages ≥ 50 kB)", large))
    return sets


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- 1 + 2 + 6: audit against a bare parse and WikiLint, interleaved; per-page distribution -
#: single-process timings are CPU time of this process (WikiLint: of the node process), which
#: other load on a shared machine disturbs far less than wall-clock time
CLOCK = time.process_time


def speed(name: str, docs: list[Document], rounds: int, with_wikilint: bool) -> None:
    """Rounds of bare parse, audit and WikiLint, interleaved (A/B/C/A/B/C...), so load on a
    shared machine hits all three alike; each is reported by its best round (CPU seconds),
    ratios from the same run."""
    texts = [d.text for d in docs]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    rules = select_rules()
    ctx = Context(profile=load_profile("wikipedia"), options={"today": dt.date.today()})
    times: dict[str, list[float]] = {"bare": [], "audit": [], "wikilint": []}
    pages: dict[str, list[list[float]]] = {"bare": [], "audit": []}
    lint = _wikilint_runner(texts) if with_wikilint else None
    for _ in range(rounds):
        for part, run in (("bare", lambda t: mwparserfromhell.parse(t)),
                          ("audit", lambda t: audit_document(Document("Page", t), rules, ctx))):
            per_page = []
            start = CLOCK()
            for text in texts:
                page_start = CLOCK()
                run(text)
                per_page.append(CLOCK() - page_start)
            times[part].append(CLOCK() - start)
            pages[part].append(per_page)
        if lint is not None:
            seconds = lint()
            if seconds is not None:
                times["wikilint"].append(seconds)
    if lint is not None:
        shutil.rmtree(lint.folder, ignore_errors=True)
    n = len(texts)
    bare, audit = min(times["bare"]), min(times["audit"])
    row(name, "bare mwparserfromhell.parse (1 process, CPU s)",
        f"{bare:.2f} s; {n / bare:.1f} pages/s, {mb / bare:.2f} MB/s")
    row(name, f"wikiwarden audit ({len(rules)} rules, 1 process, CPU s)",
        f"{audit:.2f} s; {n / audit:.1f} pages/s, {mb / audit:.2f} MB/s")
    row(name, "ratio audit / bare parse, speed (target ≥ 2)",
        f"{bare / audit:.2f} (rounds: "
        + ", ".join(f"{b / a:.2f}" for b, a in zip(times["bare"], times["audit"], strict=True))
        + ")")
    if times["wikilint"]:
        theirs = min(times["wikilint"])
        row(name, f"WikiLint {_wikilint_version()} parse+lint (1 node process, CPU s)",
            f"{theirs:.2f} s; {n / theirs:.1f} pages/s")
        row(name, "ratio audit / WikiLint, speed (target ≥ 3)",
            f"{theirs / audit:.2f} (rounds: "
            + ", ".join(f"{w / a:.2f}" for w, a in zip(times["wikilint"], times["audit"],
                                                        strict=False)) + ")")
    elif with_wikilint:
        row(name, "WikiLint", "skipped (see above)")
    for part in ("bare", "audit"):
        best = min(pages[part], key=sum)
        row(name, f"per page, {'bare parse' if part == 'bare' else 'audit'}: p50 / p99 / max",
            f"{_quantile(best, .5) * 1e3:.2f} / {_quantile(best, .99) * 1e3:.1f} / "
            f"{max(best) * 1e3:.1f} ms")
    best = min(pages["audit"], key=sum)
    slowest = max(range(n), key=best.__getitem__)
    row(name, "slowest page (audit)", f"{best[slowest]:.3f} s ({docs[slowest].title})")
    slow = max(range(n), key=min(pages["bare"], key=sum).__getitem__)
    row(name, "slowest page (bare parse)", f"{min(pages['bare'], key=sum)[slow]:.3f} s "
        f"({docs[slow].title}; audit {best[slow]:.3f} s)")
    skipping = [d.title for d in docs if isinstance(tokenizer_for(d.text), SkippingTokenizer)]
    row(name, "pages the audit tokenizes skipping the '<' that open no tag",
        f"{len(skipping)}" + (f" ({', '.join(skipping[:3])})" if skipping else ""))
    page_memory(name, texts, rules, ctx)


def page_memory(name: str, texts: list[str], rules, ctx) -> None:
    """Peak memory of auditing one page (tracemalloc), per page: the audit as it runs, and
    the tree-based audit it replaced (mwparserfromhell's whole tree, then the tree walk)."""
    import tracemalloc

    from bot.parse.spans import iter_spans
    from bot.parse.texts import TextNodes

    step = max(1, len(texts) // 400)  # every page of a small set, a fixed sample of a large one
    texts = texts[::step]
    peaks: dict[str, list[float]] = {"audit": [], "tree": []}
    for text in texts:
        for part in peaks:
            tracemalloc.start()
            doc = Document("Page", text)
            if part == "tree":  # the rules read the tree walk's spans (Document's fallback)
                doc.__dict__["_placed"] = TextNodes.split(list(iter_spans(doc.code)))
            audit_document(doc, rules, ctx)
            peaks[part].append(tracemalloc.get_traced_memory()[1] / 1e6)
            del doc
            tracemalloc.stop()
    for part, label in (("audit", "audit"), ("tree", "tree-based audit (before)")):
        values = peaks[part]
        row(name, f"memory per page, {label}: p50 / mean / max (tracemalloc peak, "
            f"{len(values)} pages)",
            f"{_quantile(values, .5):.1f} / {sum(values) / len(values):.1f} / "
            f"{max(values):.1f} MB")


# -- WikiLint ----------------------------------------------------------------------------------
WIKILINT_JS = r"""
const Parser = require(process.argv[2]);
const fs = require('fs');
const files = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
const texts = files.map(f => fs.readFileSync(f, 'utf8'));
const t = process.cpuUsage();
for (const x of texts) Parser.parse(x).lint();
const used = process.cpuUsage(t);
const seconds = (used.user + used.system) / 1e6;
console.log(JSON.stringify({pages: texts.length, seconds}));
"""
WIKILINT_MODULE = BUILD / "node" / "node_modules" / "wikilint"


def _wikilint_version() -> str:
    return json.loads((WIKILINT_MODULE / "package.json").read_text())["version"]


def _wikilint_runner(texts: list[str]):
    """A function that lints ``texts`` once with WikiLint in node and returns the seconds
    (None on failure); None when WikiLint cannot be installed."""
    if not shutil.which("npm") or not shutil.which("node"):
        row("wikilint", "skipped", "npm/node not found")
        return None
    if not WIKILINT_MODULE.is_dir():
        node_dir = BUILD / "node"
        node_dir.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--silent", "--prefix", str(node_dir),
                               "wikilint@2"], capture_output=True, text=True)
        if done.returncode != 0:
            row("wikilint", "skipped", f"npm install failed: {done.stderr.strip()[:80]}")
            return None
    tmp = Path(tempfile.mkdtemp(prefix="wikilint-"))
    names = []
    for i, text in enumerate(texts):
        path = tmp / f"{i}.wiki"
        path.write_text(text, "utf-8")
        names.append(str(path))
    script = tmp / "lint.js"
    script.write_text(WIKILINT_JS)

    def run() -> float | None:
        done = subprocess.run(["node", str(script), str(WIKILINT_MODULE)],
                              input="\n".join(names), capture_output=True, text=True)
        if done.returncode != 0:
            row("wikilint", "failed", done.stderr.strip()[-100:])
            return None
        return json.loads(done.stdout)["seconds"]

    run.folder = tmp  # the caller removes it
    return run


def profile_audit(docs: list[Document], top: int = 10) -> None:
    """cProfile of one audit pass: the top functions by own time."""
    import cProfile
    import io
    import pstats

    rules = select_rules()
    ctx = Context(profile=load_profile("wikipedia"), options={"today": dt.date.today()})
    profiler = cProfile.Profile()
    profiler.enable()
    for d in docs:
        audit_document(Document(d.title, d.text), rules, ctx)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    print(out.getvalue())


# -- 3: API requests on the real test wiki ---------------------------------------------------
def api_requests(sizes: list[int]) -> None:
    if not Path("/usr/share/mediawiki/maintenance/importDump.php").is_file():
        row("api", "skipped", "MediaWiki not installed (run scripts/test once)")
        return
    up = subprocess.run([str(REPO / "scripts" / "testwiki"), "up"], capture_output=True,
                        text=True)
    if up.returncode != 0:
        row("api", "skipped", "scripts/testwiki up failed")
        return
    env = dict(line.removeprefix("export ").split("=", 1) for line in up.stdout.splitlines()
               if line.startswith("export ") and " " not in line.removeprefix("export "))
    env = {k: v.strip("'") for k, v in env.items()}
    try:
        os.environ["PYWIKIBOT_DIR"] = env["PYWIKIBOT_DIR"]
        from bot.wiki import Wiki

        wiki = Wiki(Path(env["PYWIKIBOT_DIR"]))
        total = max(sizes) + sum(sizes)  # reads on the first pages, fixes on fresh slices
        pages = [(f"Bench page {i:05d}", article(i % 20)[:4000]) for i in range(total)]
        dump = Path(env["MW_BASE"]) / "import.xml"
        _write_dump(dump, pages)
        subprocess.run(["php", "/usr/share/mediawiki/maintenance/importDump.php", str(dump)],
                       env={**os.environ, "MW_CONFIG_FILE": env["MW_CONFIG_FILE"]},
                       capture_output=True, check=True)
        log = wiki.request_log
        for n in sizes:
            listing = Path(env["MW_BASE"]) / f"titles{n}.txt"
            listing.write_text("".join(f"[[{t}]]\n" for t, _ in pages[:n]), "utf-8")
            before_all, before_reads = log.count(), log.count(log.is_content_fetch)
            start = time.perf_counter()
            got = sum(1 for d in wiki.iter_documents([f"-file:{listing}"])
                      if isinstance(d, Document))
            seconds = time.perf_counter() - start
            reads = log.count(log.is_content_fetch) - before_reads
            row("api", f"N={n}: content reads / all requests (≤ ceil(N/50)={-(-n // 50)})",
                f"{reads} / {log.count() - before_all} ({got} pages, {seconds:.2f} s)")
        from bot.fixes.run import PageFixer

        ctx = Context(profile=load_profile("wikipedia"), options={"today": dt.date.today()})
        offset = max(sizes)
        for n in sizes:
            listing = Path(env["MW_BASE"]) / f"fix{n}.txt"
            listing.write_text("".join(f"[[{t}]]\n" for t, _ in pages[offset:offset + n]))
            offset += n
            counts = []
            for _ in range(2):  # apply, then apply again
                fixer = PageFixer(select_rules(), ctx, apply=True, wiki=wiki)
                before = log.count(log.is_write)
                saved = sum(fixer.fix(d).status == "saved"
                            for d in wiki.iter_documents([f"-file:{listing}"])
                            if isinstance(d, Document))
                counts.append((log.count(log.is_write) - before, saved))
            (writes, saved), (again, _) = counts
            row("api", f"N={n}: write requests to fix / pages changed; second run writes",
                f"{writes} / {saved}; {again}")
    finally:
        subprocess.run([str(REPO / "scripts" / "testwiki"), "down", env["MW_BASE"]])


def _write_dump(path: Path, pages, compress: bool = False) -> int:
    opener = bz2.open if compress else open
    written = 0
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n')
        for i, (title, text) in enumerate(pages, start=1):
            chunk = (f"<page><title>{escape(title)}</title><ns>0</ns><id>{i}</id><revision>"
                     f"<id>{i}</id><timestamp>2024-01-01T00:00:00Z</timestamp><model>wikitext"
                     f"</model><format>text/x-wiki</format><text xml:space=\"preserve\">"
                     f"{escape(text)}</text></revision></page>\n")
            fh.write(chunk)
            written += len(chunk)
        fh.write("</mediawiki>\n")
    return written


# -- 4 + 5: memory on big dumps, parallel speed-up ---------------------------------------------
def make_dump(megabytes: int, docs: list[Document]) -> Path:
    BUILD.mkdir(parents=True, exist_ok=True)
    path = BUILD / f"dump-{megabytes}MB.xml.bz2"
    if path.is_file():
        return path
    target = megabytes * 1_000_000

    def pages():
        i, size = 0, 0
        while size < target:
            doc = docs[i % len(docs)]
            size += len(doc.text) + 200
            yield f"{doc.title} (copy {i})", doc.text
            i += 1

    tmp = path.with_suffix(".tmp")
    _write_dump(tmp, pages(), compress=True)
    tmp.rename(path)
    return path


def run_measured(args: list[str], sample_rss: bool = True) -> tuple[float, float, str, float]:
    """(seconds, peak RSS of the whole process tree in MB, sha256 of stdout, CPU seconds of
    the process and the workers it waited for).

    Sampling /proc costs CPU on the same cores; timings that matter (--jobs speed-up) are
    taken with ``sample_rss=False``."""
    proc = subprocess.Popen([sys.executable, "-m", "bot", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, cwd=REPO)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    start = time.perf_counter()
    if sample_rss:
        sampler.start()
    digest = hashlib.sha256()
    for chunk in iter(lambda: proc.stdout.read(1 << 16), b""):
        digest.update(chunk)
    _, status, usage = os.wait4(proc.pid, 0)  # usage: with the workers it has reaped
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    stop.set()
    if sample_rss:
        sampler.join()
    return seconds, peak / 1024, digest.hexdigest(), usage.ru_utime + usage.ru_stime


def _tree_rss(pid: int) -> int:
    """Sum of VmRSS (kB) over ``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        ppid = int(fields.get("PPid", "0").strip())
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def memory(docs, sizes: list[int]) -> None:
    for megabytes in sizes:
        dump = make_dump(megabytes, docs)
        seconds, peak, _, _ = run_measured(["audit", str(dump), "-q", "--format", "json",
                                         "--jobs", "2", "-o", os.devnull])
        row("memory", f"{megabytes} MB dump ({dump.stat().st_size / 1e6:.0f} MB bz2), --jobs 2",
            f"peak RSS {peak:.0f} MB (target < 300), {seconds:.1f} s")


def plain_dump(dump: Path) -> Path:
    """``dump`` decompressed, beside it."""
    path = dump.with_suffix("")
    if not path.is_file():
        tmp = path.with_suffix(".tmp")
        with bz2.open(dump, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        tmp.rename(path)
    return path


def reading_cpu(paths: list[Path], rounds: int = 3) -> float:
    """CPU seconds to read every page of ``paths`` in this process (opening files,
    decompressing, XML): work that only the parent process of ``audit --jobs N`` does; best
    of ``rounds``."""
    from bot.sources import iter_sources

    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in iter_sources([str(path) for path in paths], []):
            pass
        best = min(best, time.process_time() - start)
    return best


def parallel(docs, megabytes: int, max_jobs: int, rounds: int = 3) -> None:
    """``audit --jobs N`` on a dump, bz2-compressed and plain, and on the pages' own files
    (the corpus's .wiki files), whole processes; the N alternate round by round (1, 2, 1,
    2, ...) so load on a shared machine hits them alike; best round of each.

    With as many workers as cores, the parent process (start-up, reading the input,
    ordering, the report) shares the cores with them; on two cores the speed-up is at most
    2·T1 / (T1 + S + R), where T1 is the --jobs 1 time (its worker and its parent overlap),
    S the start-up before the first page (one core idle) and R the parent's reading.  The
    rows print that bound from this run's figures."""
    dump = make_dump(megabytes, docs)
    inputs = [(f"the {megabytes} MB dump, bz2", [dump]),
              (f"the {megabytes} MB dump, XML", [plain_dump(dump)])]
    files = [Path(doc.source) for doc in docs if doc.source and doc.source == doc.location]
    if files and len(files) == len(docs):  # the pages came from files: read them as they are
        inputs.append((f"the {len(files):,} page files (.wiki)", files))
    # an installed package has its bytecode; without it (PYTHONDONTWRITEBYTECODE, as in this
    # sandbox) every start compiles the package again, a serial 0.1 s of each run
    compiled = compileall.compile_dir(REPO / "bot", quiet=1)
    row("parallel", "bytecode of the package compiled beforehand", "yes" if compiled else "no")
    jobs_list = sorted({1, 2, *range(4, max_jobs + 1, 2)} & set(range(1, max_jobs + 1)))
    runs: dict[tuple[str, int], list[tuple[float, float]]] = {
        (kind, jobs): [] for kind, _ in inputs for jobs in jobs_list}
    digests: dict[str, set[str]] = {kind: set() for kind, _ in inputs}
    tiny = BUILD / "one-page.xml"
    _write_dump(tiny, [("Start-up", "A page.")])
    startup = []
    for _ in range(rounds):
        for kind, paths in inputs:
            for jobs in jobs_list:
                took, _, digest, cpu = run_measured(
                    ["audit", *map(str, paths), "-q", "--jobs", str(jobs)], sample_rss=False)
                digests[kind].add(digest)
                runs[kind, jobs].append((took, cpu))
        startup.append(run_measured(["audit", str(tiny), "-q", "--jobs", "1"],
                                    sample_rss=False)[0])
    start = min(startup)
    row("parallel", "start-up: audit of a one-page dump, --jobs 1", f"{start:.2f} s")
    for kind, paths in inputs:
        base = min(took for took, _ in runs[kind, 1])
        for jobs in jobs_list:
            took, cpu = min(runs[kind, jobs])
            row("parallel", f"--jobs {jobs} on {kind} ({os.cpu_count()} cores)",
                f"{took:.2f} s, speed-up **{base / took:.2f}**, CPU {cpu:.2f} s (rounds: "
                + ", ".join(f"{t:.2f}" for t, _ in runs[kind, jobs]) + " s)")
        reading = reading_cpu(paths)
        bound = 2 * base / (base + start + reading)
        row("parallel", f"reading {kind} in one process (parent only): --jobs 2 bound",
            f"{reading:.2f} s CPU; bound {bound:.2f}")
    row("parallel", "same findings in the same order for every N",
        "yes" if all(len(d) == 1 for d in digests.values()) else
        "NO (" + ", ".join(f"{kind}: {len(d)} different outputs" for kind, d in digests.items())
        + ")")


# -- report --------------------------------------------------------------------------------
def environment() -> str:
    from importlib.metadata import version

    cpu = "unknown CPU"
    meminfo = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
        meminfo = next(line.split(":", 1)[1].strip() for line in
                       Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        pass
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip() \
        if shutil.which("node") else "absent"
    return (f"{platform.machine()}, {os.cpu_count()} cores ({cpu}), {meminfo}; "
            f"Python {platform.python_version()}, mwparserfromhell {version('mwparserfromhell')}"
            f", pywikibot {version('pywikibot')}, wikiwarden {version('wikiwarden')}, "
            f"node {node}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", help="folder or dump to benchmark (default: "
                        "../shared/corpus, else synthetic articles)")
    parser.add_argument("--sizes", default="10,100", help="dump sizes in MB for memory")
    parser.add_argument("--full", action="store_true", help="add the 1 GB dump")
    parser.add_argument("--api", default="50,500,2000", help="page counts for API requests")
    parser.add_argument("--parallel-mb", type=int, default=10, help="dump size for --jobs N")
    parser.add_argument("--max-jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke run)")
    parser.add_argument("--no-append", action="store_true", help="do not write docs/")
    parser.add_argument("--skip", default="",
                        help="parts to skip: speed,wikilint,api,memory,parallel")
    parser.add_argument("--rounds", type=int, default=2,
                        help="interleaved rounds of bare parse / audit / WikiLint (best kept)")
    parser.add_argument("--only-large", action="store_true",
                        help="speed: only the large English articles")
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile top 10 of one audit pass per page set")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.api, args.parallel_mb = "2", "50", 2
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([1000] if args.full else [])
    skip = set(args.skip.split(","))

    docs, described = load_pages(args.pages)
    print(f"wikiwarden benchmarks, {dt.datetime.now():%Y-%m-%d %H:%M}\n  input: {described}")
    for name, pages in page_sets(docs)[1 if args.only_large else 0:]:
        if args.profile:
            print(f"profile, {name}:")
            profile_audit(pages)
        if "speed" not in skip:
            speed(name, pages, args.rounds, "wikilint" not in skip)
    row("worst case", "per-page budget in workers (--page-timeout)",
        "5 s default; a 1 MB hostile page is stopped at the budget (tests/test_workers.py)")
    if "api" not in skip:
        api_requests([int(n) for n in args.api.split(",") if n])
    if "memory" not in skip:
        memory(docs, sizes)
    if "parallel" not in skip:
        parallel(docs, args.parallel_mb, args.max_jobs)

    table = ["| part | measurement | result |", "|---|---|---|"]
    table += [f"| {p} | {w} | {v} |" for p, w, v in rows]
    report = (f"\n## {dt.datetime.now():%Y-%m-%d %H:%M} — `scripts/bench {' '.join(sys.argv[1:])}`"
              f"\n\n{environment()}  \nInput: {described}\n\n" + "\n".join(table) + "\n")
    print(report)
    if not args.no_append:
        out = REPO / "docs" / "benchmarks.md"
        if not out.exists():
            out.write_text("# Benchmarks\n\nAppended by `scripts/bench`; every run is one "
                           "machine, ratios measured in the same run.\n", "utf-8")
        with out.open("a", encoding="utf-8") as fh:
            fh.write(report)


if __name__ == "__main__":
    main()
