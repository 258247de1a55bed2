"""Request costs of content sync (`wikiwarden pull/status/push`) on the real test wiki.

Starts a throwaway MediaWiki (scripts/testwiki), imports N real corpus pages per size, and
counts every HTTP request pywikibot sends (the request hook, bot/wiki/requestlog.py):

    .venv/bin/python scripts/bench_sync.py                 # N = 50, 500, 2000; appends
    .venv/bin/python scripts/bench_sync.py --sizes 50 --no-append

The table is appended to docs/benchmarks.md.  No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
CORPUS = REPO.parent / "shared" / "corpus"
EDITS = 10


def corpus_texts(n: int, seed: int = 12) -> list[str]:
    """``n`` corpus pages under 50 kB (a fixed seeded sample, cycled if the corpus is short)."""
    files = sorted(p for p in CORPUS.glob("*/*.wiki") if p.stat().st_size < 50_000)
    random.Random(seed).shuffle(files)
    return [files[i % len(files)].read_text("utf-8") for i in range(n)]


def import_pages(env: dict, pages: list[tuple[str, str]]) -> None:
    dump = Path(env["MW_BASE"]) / "sync-import.xml"
    with open(dump, "w", encoding="utf-8") as fh:
        fh.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">\n')
        for i, (title, text) in enumerate(pages, start=1):
            fh.write(f"<page><title>{escape(title)}</title><ns>0</ns><id>{i}</id><revision>"
                     f"<id>{i}</id><timestamp>2024-01-01T00:00:00Z</timestamp><model>wikitext"
                     f"</model><format>text/x-wiki</format><text xml:space=\"preserve\">"
                     f"{escape(text)}</text></revision></page>\n")
        fh.write("</mediawiki>\n")
    importer = "/usr/share/mediawiki/maintenance/importDump.php"
    subprocess.run(["php", importer, "--no-updates", str(dump)],
                   env={**os.environ, "MW_CONFIG_FILE": env["MW_CONFIG_FILE"]},
                   capture_output=True, check=True)


def measure(wiki, api, env: dict, n: int, titles: list[str], work: Path) -> list[tuple]:
    from bot.profiles import load_profile
    from bot.rules import Context, select_rules
    from bot.sync import PushGate, WorkingFolder, folder_status, pull, push
    from bot.sync.pull import bind_site

    log = wiki.request_log
    listing = work / f"titles{n}.txt"
    listing.write_text("".join(f"[[{t}]]\n" for t in titles), "utf-8")
    folder = WorkingFolder.create(work / f"wf{n}")
    bind_site(folder, wiki, [])
    rows = []
    limit = math.ceil(n / 50)

    def step(what, fn):
        start, t0 = len(log.requests), time.perf_counter()
        result = fn()
        new = log.requests[start:]
        rows.append((n, what, sum(map(log.is_content_fetch, new)), sum(map(log.is_write, new)),
                     len(new), time.perf_counter() - t0))
        return result

    report = step("first pull", lambda: pull(folder, wiki, [f"-file:{listing}"]))
    assert len(report.created) == n, report.problems[:3]
    step("status (nothing changed)", lambda: folder_status(folder, wiki))
    step("pull, nothing changed", lambda: pull(folder, wiki))
    for title in titles[:EDITS]:  # another editor, through its own session (not counted)
        text = api.get(action="query", prop="revisions", titles=title, rvprop="content",
                       rvslots="main")["query"]["pages"][0]["revisions"][0]["slots"]["main"]
        api.edit(title, text["content"] + "\n\nAdded on the wiki.", summary="bench")
    step(f"pull, {EDITS} changed on the wiki", lambda: pull(folder, wiki))
    for path in [r.path for r in folder.store.pages()][-EDITS:]:
        file = folder.root / path
        file.write_text("Local edit. " + file.read_text("utf-8"), "utf-8")
    gate = PushGate(select_rules(), Context(profile=load_profile("wikipedia"),
                                            options={"today": dt.date.today()}))
    pushed = step(f"push, {EDITS} edited locally", lambda: push(folder, wiki, gate,
                                                               summary="bench"))
    assert pushed.count("saved") == EDITS, [o.reason for o in pushed.outcomes if o.reason][:3]
    step("push again", lambda: push(folder, wiki, gate, summary="bench"))
    statuses = step("status after push", lambda: folder_status(folder, wiki))
    assert all(s.state == "unchanged" for s in statuses)
    folder.close()
    return [(*row, limit) for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    up = subprocess.run([str(REPO / "scripts" / "testwiki"), "up"], capture_output=True,
                        text=True, check=True)
    env = {}
    for line in up.stdout.splitlines():
        for part in line.removeprefix("export ").split(" "):
            key, _, value = part.partition("=")
            env[key] = value.strip("'")
    os.environ["PYWIKIBOT_DIR"] = env["PYWIKIBOT_DIR"]
    try:
        from bot.wiki import Wiki
        from wikiapi import WikiApi

        texts = corpus_texts(sum(sizes))
        pages, offset, slices = [], 0, []
        for n in sizes:
            titles = [f"Sync bench {n} {i:05d}" for i in range(n)]
            pages += zip(titles, texts[offset:offset + n], strict=True)
            slices.append((n, titles))
            offset += n
        import_pages(env, pages)
        wiki = Wiki(Path(env["PYWIKIBOT_DIR"]))
        wiki.connect()
        api = WikiApi(env["MW_API"], env["MW_BOT_LOGIN"], env["MW_BOT_SECRET"])
        rows = []
        with tempfile.TemporaryDirectory() as work:
            for n, titles in slices:
                rows += measure(wiki, api, env, n, titles, Path(work))
    finally:
        subprocess.run([str(REPO / "scripts" / "testwiki"), "down", env["MW_BASE"]])
    table = ["| N | step | content reads | writes | all requests | ceil(N/50) | seconds |",
             "|---|---|---|---|---|---|---|"]
    table += [f"| {n} | {what} | {reads} | {writes} | {total} | {limit} | {secs:.2f} |"
              for n, what, reads, writes, total, secs, limit in rows]
    report = (f"\n## {dt.datetime.now():%Y-%m-%d %H:%M} — content sync: "
              f"`scripts/bench_sync.py {' '.join(sys.argv[1:])}`\n\n"
              f"Real test wiki (MediaWiki 1.39, scripts/testwiki), pages: a seeded sample of "
              f"../shared/corpus pages under 50 kB imported as `Sync bench N i`; requests "
              f"counted with the request hook; 'content reads' = prop=revisions with content; "
              f"{EDITS} pages edited on the wiki by another session, {EDITS} edited locally.\n\n"
              + "\n".join(table) + "\n")
    print(report)
    if not args.no_append:
        with (REPO / "docs" / "benchmarks.md").open("a", encoding="utf-8") as fh:
            fh.write(report)


if __name__ == "__main__":
    main()
