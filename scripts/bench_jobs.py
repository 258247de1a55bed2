"""Cost of scheduled jobs (`wikiwarden run NAME`) on a real test wiki; appends to
docs/benchmarks.md.  No timing is asserted anywhere; these are numbers to read.

    .venv/bin/python scripts/bench_jobs.py            # N = 2000 corpus pages, 20 edited
    .venv/bin/python scripts/bench_jobs.py -n 200 -k 5 --no-append   # a smoke run

A fresh MediaWiki (scripts/testwiki) gets N real pages of ../shared/corpus (the Latgalian
Wikipedia pages, by file name order) in one category, imported with importDump.php.  A job
over that category is run three times, each in a fresh process as cron would (pywikibot's
login cookie and site-info cache on disk are kept between runs, as they are in a real
set-up): the first run, a re-run with nothing changed on the wiki, and a run after K pages
were edited through the API.  Requests are counted with the request hook
(bot/wiki/requestlog.py) from the start of each process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "dumpster-dive-ltgwiki"
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

CATEGORY = "Jobs bench"

# One job run in this process, measured: what `wikiwarden run` does, plus the counts.
_ONE_RUN = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from bot.config import load_config
from bot.jobs import get_job, run_job
from bot.profiles import load_profile
from bot.store import StateStore
from bot.wiki import Wiki, RequestLog
from urllib.parse import parse_qs, urlsplit
def describe(r):
    q = {**parse_qs(urlsplit(r["url"]).query), **parse_qs(r["body"])}
    return " ".join(f"{k}={q[k][0]}" for k in ("action", "meta", "list", "generator", "prop")
                    if k in q)
config = load_config(Path(sys.argv[1]))
job = get_job(config, "bench")
wiki = Wiki(config.pywikibot_dir)
t1 = time.perf_counter()
wiki.connect()
t_connected = time.perf_counter()
store = StateStore(config.state_file)
outcome = run_job(job, load_profile("mepedia"), store, wiki, page_timeout=0)
store.close()
t2 = time.perf_counter()
log = wiki.request_log
print(json.dumps({
    "mode": outcome.mode, "reason": outcome.reason, "checked": outcome.pages_checked,
    "selected": outcome.pages_selected, "open": len(outcome.open),
    "requests": log.count(), "content": log.count(RequestLog.is_content_fetch),
    "api": [describe(r) for r in log.requests],
    "job_seconds": round(t2 - t1, 3), "run_seconds": round(t2 - t_connected, 3),
    "process_seconds": round(t2 - t0, 3),
    "exit": int(outcome.exit_code)}))
"""


def _corpus_pages(n: int) -> list[tuple[str, str]]:
    files = sorted(CORPUS.glob("*.wiki"))[:n]
    if len(files) < n:
        sys.exit(f"bench_jobs: {CORPUS} has only {len(files)} pages (need {n})")
    return [(f"Jobs bench {i:04d}", f.read_text("utf-8") + f"\n[[Category:{CATEGORY}]]\n")
            for i, f in enumerate(files)]


def _run(config: Path) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _ONE_RUN, str(config)], cwd=REPO,
                          capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench_jobs: the run failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = round(wall, 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="pages in the category")
    parser.add_argument("-k", type=int, default=20, help="pages edited before the third run")
    parser.add_argument("--no-append", action="store_true", help="do not write docs/")
    args = parser.parse_args()
    from bench import _write_dump, environment

    from wikiapi import WikiApi

    up = subprocess.run([str(REPO / "scripts" / "testwiki"), "up"], capture_output=True,
                        text=True)
    if up.returncode != 0:
        sys.exit(f"bench_jobs: scripts/testwiki up failed:\n{up.stderr}")
    env = dict(item.split("=", 1) for line in up.stdout.splitlines()
               for item in shlex.split(line.removeprefix("export ")))
    try:
        pages = _corpus_pages(args.n)
        dump = Path(env["MW_BASE"]) / "import.xml"
        _write_dump(dump, pages)
        print(f"importing {len(pages)} pages ...", flush=True)
        subprocess.run(["php", "/usr/share/mediawiki/maintenance/importDump.php", str(dump)],
                       env={**os.environ, "MW_CONFIG_FILE": env["MW_CONFIG_FILE"]},
                       capture_output=True, check=True)
        subprocess.run(["php", "/usr/share/mediawiki/maintenance/rebuildrecentchanges.php"],
                       env={**os.environ, "MW_CONFIG_FILE": env["MW_CONFIG_FILE"]},
                       capture_output=True, check=True)
        folder = Path(env["MW_BASE"]) / "job"
        folder.mkdir()
        config = folder / "wikiwarden.toml"
        config.write_text(f'pywikibot_dir = "{env["PYWIKIBOT_DIR"]}"\nstate_file = '
                          f'"state.sqlite"\n[jobs.bench]\nsources = ["-cat:{CATEGORY}"]\n')
        first = _run(config)
        print("first run:", {k: v for k, v in first.items() if k != "api"}, flush=True)
        again = _run(config)
        print("re-run:", again, flush=True)
        api = WikiApi(env["MW_API"], env["MW_BOT_LOGIN"], env["MW_BOT_SECRET"])
        edited = pages[:: max(1, len(pages) // args.k)][: args.k]
        for title, text in edited:
            api.edit(title, text + "\nEdited for the benchmark.\n", summary="bench edit")
        third = _run(config)
        print("after edits:", {k: v for k, v in third.items() if k != "api"}, flush=True)
    finally:
        subprocess.run([str(REPO / "scripts" / "testwiki"), "down", env["MW_BASE"]])

    n, k = len(pages), len(edited)
    rows = [
        ("first run", f"content requests (target ≤ {-(-n // 50)} = ceil(N/50), ≤ 40 at N=2000)",
         f"{first['content']} of {first['requests']} requests; {first['checked']} pages "
         f"checked; {first['job_seconds']} s"),
        ("re-run, nothing changed", "pages fetched+parsed (target 0)", str(again["checked"])),
        ("re-run, nothing changed", "API requests, whole process incl. connect (target ≤ 3)",
         f"{again['requests']} ({'; '.join(a.strip() for a in again['api'])})"),
        ("re-run, nothing changed", "time (target < 2 s)",
         f"{again['run_seconds']} s run after connecting; {again['job_seconds']} s with the "
         f"connection (pywikibot import, login check); {again['process_seconds']} s with all "
         f"imports; "
         f"{again['wall_seconds']} s process wall"),
        (f"after {k} edits", f"pages fetched+parsed (target exactly {k})",
         f"{third['checked']} ({third['content']} content requests, {third['requests']} "
         f"requests, {third['job_seconds']} s)"),
    ]
    table = ["| run | measurement | result |", "|---|---|---|"]
    table += [f"| {a} | {b} | {c.replace('|', '&#124;')} |" for a, b, c in rows]
    load = os.getloadavg()[0]
    report = (f"\n## {dt.datetime.now():%Y-%m-%d %H:%M} — `scripts/bench_jobs.py "
              f"{' '.join(sys.argv[1:])}` (scheduled jobs)\n\n{environment()}  \n"
              f"Input: N={n} pages of ../shared/corpus/dumpster-dive-ltgwiki (first {n} by "
              f"file name) in [[Category:{CATEGORY}]], imported into a fresh test wiki; "
              f"job `sources = [\"-cat:{CATEGORY}\"]`, all checks, profile mepedia; each run "
              f"a fresh process. Load average at the end: {load:.1f} (shared machine).\n\n"
              + "\n".join(table) + "\n")
    print(report)
    if not args.no_append:
        with (REPO / "docs" / "benchmarks.md").open("a", encoding="utf-8") as fh:
            fh.write(report)


if __name__ == "__main__":
    main()
