"""`wikiwarden revert` against the real test wiki: MediaWiki's undo for every save of a run,
a human's later edit elsewhere kept, a page the undo cannot apply listed and untouched, and
the revert itself revertible."""

from __future__ import annotations

import sqlite3

import pytest

from wikiapi import WikiApi

pytestmark = pytest.mark.wiki

ORIGINAL = ("Vitamin B12 helps<ref>Smith 2015</ref>.\n\nIt is found in meat.\n\n"
            "It is stored in the liver.\n\nDeficiency is common.\n\n"
            "== See also ==\n* [[Folate]]\n")


def _text(wiki_api: WikiApi, title: str) -> str:
    return wiki_api.parse(page=title, prop="wikitext")["wikitext"]


def _revid(wiki_api: WikiApi, title: str) -> int:
    data = wiki_api.get(action="query", prop="revisions", titles=title, rvprop="ids")
    return data["query"]["pages"][0]["revisions"][0]["revid"]


def test_revert_a_run_of_20_saves(cli, wiki_api, testwiki, tmp_path):
    """20 saves undone: 18 pages back to their text before the run, one keeps a human's
    later edit made elsewhere, one whose undo no longer applies is listed and untouched;
    then the revert run is reverted in turn."""
    titles = [f"Revert page {i}" for i in range(20)]
    for title in titles:
        wiki_api.edit(title, ORIGINAL)
    before = {t: _text(wiki_api, t) for t in titles}  # as stored (MediaWiki trims the end)
    state = str(tmp_path / "state.sqlite")
    fixed = cli("fix", *[f"-page:{t}" for t in titles], "--apply", "--state", state)
    assert fixed.exit_code == 0, fixed.stderr
    db = sqlite3.connect(state)
    run_id = db.execute("SELECT id FROM runs WHERE command = 'fix'").fetchone()[0]
    assert db.execute("SELECT COUNT(*) FROM saves WHERE run_id = ?", (run_id,)).fetchone()[0] \
        == 20
    after_fix = {t: _text(wiki_api, t) for t in titles}
    assert all(after_fix[t] != before[t] for t in titles)

    human = WikiApi(testwiki["MW_API"])  # anonymous: another editor than the bot
    elsewhere, same_place = titles[3], titles[7]
    human.edit(elsewhere, after_fix[elsewhere].replace(
        "It is stored in the liver.", "It is stored in the liver for years."), summary="human")
    human.edit(same_place, after_fix[same_place].replace("Vitamin B12 helps",
                                                         "Vitamin B12 really helps"),
               summary="human")
    untouched_revid = _revid(wiki_api, same_place)
    human_text = _text(wiki_api, same_place)

    dry = cli("revert", run_id, "--state", state)
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.count("would-revert") == 20
    assert _revid(wiki_api, same_place) == untouched_revid

    reverted = cli("revert", run_id, "--apply", "--state", state)
    assert reverted.exit_code == 4, reverted.stderr
    assert reverted.stdout.count("reverted: ") == 19
    assert f"left: [[{same_place}]]" in reverted.stderr
    for title in titles:
        text = _text(wiki_api, title)
        if title == elsewhere:
            assert text == before[title].replace("It is stored in the liver.",
                                                 "It is stored in the liver for years.")
        elif title == same_place:
            assert text == human_text and _revid(wiki_api, title) == untouched_revid
        else:
            assert text == before[title], title

    revert_run = db.execute("SELECT id FROM runs WHERE command = 'revert'"
                            " ORDER BY started_at DESC, rowid DESC").fetchone()[0]
    statuses = dict(db.execute("SELECT status, COUNT(*) FROM reverts WHERE run_id = ?"
                               " GROUP BY status", (revert_run,)).fetchall())
    assert statuses == {"reverted": 19, "left": 1}
    redo = cli("revert", revert_run, "--apply", "--state", state)
    assert redo.exit_code == 0, redo.stderr
    for title in titles:
        if title not in (elsewhere, same_place):
            assert _text(wiki_api, title) == after_fix[title]
    assert "for years" in _text(wiki_api, elsewhere)
    assert "helps.<ref>" in _text(wiki_api, elsewhere)
