"""Messages and exit statuses a new user meets: one clear line, the documented status, and
never a traceback (bad input to every documented command)."""

from __future__ import annotations

import logging
import random

import pytest

from bot.exits import Exit
from bot.fixes.edit import Edit, apply_edits
from bot.wiki.errors import short_error
from bot.wiki.exclusion import bots_allow
from bot.wiki.retries import RetryLog
from conftest import SAMPLES, make_dump, run_wikiwarden


def _unreachable_wiki(tmp_path):
    pwb = tmp_path / "pwb"
    pwb.mkdir()
    (pwb / "user-config.py").write_text(
        "family_files['nowiki'] = 'http://127.0.0.1:9/api.php'\n"
        "family = 'nowiki'\nmylang = 'nowiki'\nmax_retries = 3\nretry_wait = 5\n")
    return pwb


BAD_INPUTS = [
    ("missing file", lambda t: ["audit", str(t / "nope.wiki")], Exit.USAGE, "no such file"),
    ("report into a missing folder", lambda t: ["audit", str(SAMPLES), "-o",
                                                str(t / "no" / "r.json")],
     Exit.USAGE, "does not exist"),
    ("unknown rule", lambda t: ["audit", str(SAMPLES), "--select", "ZZZ999"], Exit.USAGE,
     "unknown rule"),
    ("zero jobs", lambda t: ["audit", str(SAMPLES), "-j0"], Exit.USAGE, "-j"),
    ("fix without pages", lambda t: ["fix"], Exit.USAGE, "give at least one"),
    ("fix a missing file", lambda t: ["fix", str(t / "nope.wiki")], Exit.USAGE,
     "no such file"),
    ("apply to a dump", lambda t: ["fix", str(_dump(t)), "--apply"], Exit.USAGE,
     "dumps cannot be written back"),
    ("unknown rule code", lambda t: ["rules", "ZZZ999"], Exit.USAGE, "ZZZ999"),
    ("bad config", lambda t: ["--config", str(_bad_config(t)), "audit", str(SAMPLES)],
     Exit.USAGE, "bad.toml"),
    ("unreachable wiki", lambda t: ["--pywikibot-dir", str(_unreachable_wiki(t)), "fix",
                                    "-page:X"], Exit.WIKI_DOWN, "cannot reach"),
    ("unknown command", lambda t: ["frobnicate"], Exit.USAGE, "No such command"),
]


def _dump(tmp_path):
    path = tmp_path / "d.xml"
    path.write_bytes(make_dump([("A", "Text<ref>x</ref>.\n<references />\n")] * 3))
    return path


def _bad_config(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("jobs = 'many'\n")
    return path


@pytest.mark.parametrize(("case", "args", "status", "message"), BAD_INPUTS,
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_gets_one_line_and_the_documented_status(tmp_path, case, args, status,
                                                            message):
    """Every documented command with bad input: the documented exit status, the problem
    named, and no traceback."""
    result = run_wikiwarden(*args(tmp_path))
    assert result.returncode == status, result.stderr
    assert message.lower() in result.stderr.lower()
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_dump_apply_inside_a_folder_is_said_once(tmp_path):
    """Dumps found in a folder with --apply: one line per dump, not one per page."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "d.xml").write_bytes(make_dump([(f"P{i}", "Text<ref>x</ref>.\n") for i in
                                              range(20)]))
    result = run_wikiwarden("fix", str(folder), "--apply", "--state", str(tmp_path / "s.db"))
    assert result.stderr.count("dumps cannot be written back") == 1, result.stderr
    assert result.returncode == Exit.SKIPPED


def test_short_options_are_not_page_selectors():
    """-j2, -qj 2 and -qj2 are options of the command, not pywikibot page selectors."""
    for args in (["-j2"], ["-qj", "2"], ["-qj2"], ["-q", "-j", "2"]):
        result = run_wikiwarden("audit", str(SAMPLES), *args)
        assert result.returncode == Exit.FINDINGS, (args, result.stderr)
        assert "wiki" not in result.stderr


def test_fix_stopped_early_exits_without_a_traceback(tmp_path):
    """--limit stops a fix run with worker processes alive: they are stopped cleanly."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(4):
        (folder / f"P{i}.wiki").write_text("Text<ref>x</ref>.\n<references />\n")
    result = run_wikiwarden("fix", str(folder), "--limit", "1")
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert "stopping after 1" in result.stderr and result.returncode == Exit.CLEAN


def test_crlf_file_keeps_crlf(tmp_path):
    """A CRLF file gets CRLF in the lines a fix inserts, and nothing else changes."""
    path = tmp_path / "Crlf.wiki"
    path.write_bytes(b"Intro<ref>Smith 2015</ref>.\r\n\r\n== See also ==\r\n* [[Folate]]\r\n")
    result = run_wikiwarden("fix", str(path), "--apply", "--state", str(tmp_path / "s.db"))
    assert result.returncode == Exit.CLEAN, result.stderr
    data = path.read_bytes()
    assert data != b"Intro<ref>Smith 2015</ref>.\r\n\r\n== See also ==\r\n* [[Folate]]\r\n"
    assert data.count(b"\n") == data.count(b"\r\n")


def test_error_lines_are_never_cut_to_an_empty_reason():
    """A multi-line error message is kept whole on one line, not cut at 'failed:'."""
    error = RuntimeError("Edit to page [[X]] failed:\nabusefilter-disallowed: no")
    assert short_error(error) == "Edit to page [[X]] failed: abusefilter-disallowed: no"
    assert short_error(RuntimeError("")) == "RuntimeError"


def test_retries_are_counted_by_cause_not_printed():
    """pywikibot's "Waiting ... before retrying" lines are dropped and summed up by cause."""
    log = RetryLog()

    def record(msg):
        return logging.LogRecord("pywiki", logging.WARNING, "", 0, msg, (), None)

    traceback = ("Traceback (most recent call last):\n  File x\n"
                 "pywikibot.exceptions.ServerError: 503 Server Error: Service Unavailable")
    shown = [log.filter(record(m)) for m in
             [traceback, "Waiting 5.0 seconds before retrying.", traceback,
              "Waiting 10.0 seconds before retrying.", "Pausing due to database lag: 7 s",
              "Retrieving 3 pages"]]
    assert shown == [False, False, False, False, False, True]
    assert log.retries == 3
    assert log.summary() == "3 requests retried (503 Server Error ×2, maxlag ×1)"


@pytest.mark.parametrize(("text", "allowed"), [
    ("Plain text {{cite web|url=x}}", True),
    ("{{nobots}}\nText", False),
    ("{{bots|deny=all}}", False),
    ("{{bots|deny=OtherBot, TestBot}}", False),
    ("{{bots|deny=OtherBot}}", True),
    ("{{bots|allow=none}}", False),
    ("{{bots|allow=TestBot}}", True),
    ("{{bots|allow=OtherBot}}", False),
    ("{{Bots|allow=all}}", True),
    ("<ref>{{nobots}}</ref>", False),
])
def test_bots_exclusion_read_from_a_revision_text(text, allowed):
    """{{bots}}/{{nobots}} rules applied to any revision's text."""
    assert bots_allow(text, "TestBot") is allowed


def test_apply_edits_chooses_what_the_pairwise_rule_chooses():
    """The sorted neighbour search picks exactly the edits the all-pairs check picked."""
    rng = random.Random(7)
    text = "x" * 300
    for _ in range(300):
        edits = []
        for _ in range(rng.randint(1, 40)):
            start = rng.randint(0, 300)
            end = min(300, start + rng.choice([0, 0, 1, 2, 5, 20]))
            edits.append(Edit(start, end, rng.choice(["", "y", "zz"]), "T", "t"))
        naive: list[Edit] = []
        for edit in edits:
            if text[edit.start:edit.end] == edit.replacement:
                continue
            if not any(edit.overlaps(other) for other in naive):
                naive.append(edit)
        _, chosen = apply_edits(text, edits)
        assert chosen == sorted(naive, key=lambda e: (e.start, e.end))
