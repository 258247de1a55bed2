"""`wikiwarden fix` against the real test wiki: requests, conflicts, {{nobots}}, stop page."""

from __future__ import annotations

import pytest

from bot.fixes.run import PageFixer
from bot.profiles import load_profile
from bot.rules import Context, select_rules
from bot.wiki import RequestLog
from wikiapi import WikiApi

BROKEN = "Vitamin B12 helps<ref>Smith 2015</ref>.\n\n== See also ==\n* [[Folate]]\n"


@pytest.fixture
def writes(wiki):
    """Counts edit requests sent through pywikibot (a hook on its HTTP session)."""
    from pywikibot.comms import http

    log = RequestLog()
    wiki.pywikibot  # noqa: B018 - configures pywikibot before its session is used
    http.session.hooks["response"].append(log)
    yield lambda: log.count(RequestLog.is_write)
    http.session.hooks["response"].remove(log)


def _titles(prefix: str, n: int, wiki_api, text: str = BROKEN) -> list[str]:
    titles = [f"{prefix} {i}" for i in range(n)]
    for title in titles:
        wiki_api.edit(title, text)
    return titles


def test_dry_run_apply_and_second_apply_request_counts(cli, wiki_api, writes, tmp_path):
    """Dry run: 0 writes; --apply: exactly one write per changed page; again: 0 writes."""
    titles = _titles("Fixcount", 3, wiki_api)
    wiki_api.edit("Fixcount clean", "Nothing to fix here.\n")
    selectors = [f"-page:{t}" for t in [*titles, "Fixcount clean"]]
    state = str(tmp_path / "state.sqlite")
    before = writes()
    dry = cli("fix", *selectors, "--state", state)
    assert dry.exit_code == 0 and dry.stdout.count("+++ b/") == 3
    assert writes() == before
    applied = cli("fix", *selectors, "--apply", "--state", state)
    assert applied.exit_code == 0, applied.stderr
    assert writes() - before == 3
    for title in titles:
        text = wiki_api.parse(page=title, prop="wikitext")["wikitext"]
        assert "helps.<ref>Smith 2015</ref>" in text and "<references />" in text
    again = cli("fix", *selectors, "--apply", "--state", state)
    assert again.exit_code == 0 and writes() - before == 3


def test_human_edit_in_the_same_second_survives(wiki, wiki_api, testwiki):
    """A human saves between the bot's fetch and its save: the bot's save conflicts on the
    base revision id, re-fetches, re-applies its fix, and the human's text is kept."""
    title = "Conflict page"
    wiki_api.edit(title, BROKEN)
    human = WikiApi(testwiki["MW_API"])  # anonymous: another editor than the bot
    done = []

    def human_edits(doc):
        if not done:
            human.edit(title, doc.text + "\nA sentence a human added.\n", summary="human")
            done.append(True)

    rules = select_rules()
    fixer = PageFixer(rules, Context(profile=load_profile("mepedia")), apply=True,
                      wiki=wiki, before_save=human_edits)
    doc = next(iter(wiki.iter_documents([f"-page:{title}"])))
    outcome = fixer.fix(doc)
    assert done and outcome.status == "saved", outcome.reason
    final = wiki_api.parse(page=title, prop="wikitext")["wikitext"]
    assert "A sentence a human added." in final
    assert "helps.<ref>Smith 2015</ref>" in final
    assert outcome.base_revid != doc.revid  # saved over the human's revision


def test_nobots_page_is_untouched(cli, wiki_api, writes, tmp_path):
    """{{nobots}} pages are skipped, with the reason, and not written."""
    title = "Nobots page"
    wiki_api.edit(title, "{{nobots}}\n" + BROKEN)
    revid = wiki_api.revid(title)
    before = writes()
    result = cli("fix", f"-page:{title}", "--apply", "--state", str(tmp_path / "s.sqlite"))
    assert result.exit_code == 4 and "{{bots}}/{{nobots}}" in result.stderr  # SKIPPED
    assert writes() == before and wiki_api.revid(title) == revid


def test_stop_page_halts_before_the_next_save(cli, wiki_api, writes, tmp_path):
    """A non-empty stop page halts the run before any save; emptied, the run proceeds."""
    titles = _titles("Stoppable", 2, wiki_api)
    selectors = [f"-page:{t}" for t in titles]
    wiki_api.edit("User:TestBot/Stop", "Please stop: the bot broke a table.")
    before = writes()
    halted = cli("fix", *selectors, "--apply", "--stop-page", "User:TestBot/Stop",
                 "--state", str(tmp_path / "s.sqlite"))
    assert halted.exit_code == 3 and "halted" in halted.stderr
    assert writes() == before
    wiki_api.edit("User:TestBot/Stop", "")
    resumed = cli("fix", *selectors, "--apply", "--stop-page", "User:TestBot/Stop",
                  "--state", str(tmp_path / "s.sqlite"))
    assert resumed.exit_code == 0 and writes() - before == 2


SPREAD = ("Vitamin B12 helps<ref>Smith 2015</ref>.\n\nLine two.\n\nLine three.\n\nLine four.\n\n"
          "Line five.\n\n== References ==\n<references />\n\n== See also ==\n* [[Folate]]\n")


def _fixer_with_human(wiki, testwiki, title, change, store=None):
    """A fixer whose save is preceded by a human (anonymous) edit: ``change(text)``."""
    human = WikiApi(testwiki["MW_API"])
    done = []

    def human_edits(doc):
        if not done:
            current = human.parse(page=title, prop="wikitext")["wikitext"]
            human.edit(title, change(current), summary="human")
            done.append(True)

    fixer = PageFixer(select_rules(), Context(profile=load_profile("mepedia")), apply=True,
                      wiki=wiki, before_save=human_edits, store=store, run_id="r1")
    return fixer, done


def test_merged_save_is_validated_and_recorded_with_its_true_parent(wiki, wiki_api, testwiki,
                                                                      tmp_path):
    """A human edits another part of the page between fetch and save: MediaWiki merges; the
    merged revision is checked, kept, and recorded with the human's revision as parent."""
    from bot.store import StateStore

    title = "Merge kept page"
    wiki_api.edit(title, SPREAD)
    store = StateStore(tmp_path / "s.sqlite")
    store.db.execute("INSERT INTO runs (id, command, arguments, started_at) "
                     "VALUES ('r1', 'fix', '[]', 'now')")
    fixer, done = _fixer_with_human(
        wiki, testwiki, title, lambda t: t.replace("Line four.", "Line four, edited."), store)
    doc = next(iter(wiki.iter_documents([f"-page:{title}"])))
    outcome = fixer.fix(doc)
    assert done and outcome.status == "saved", outcome.reason
    final = wiki_api.parse(page=title, prop="wikitext")["wikitext"]
    assert "Line four, edited." in final and "helps.<ref>Smith 2015</ref>" in final
    [row] = store.saves()
    assert row["base_revid"] == doc.revid
    assert row["parent_revid"] not in (None, doc.revid)  # the human's revision
    assert row["new_revid"] == wiki_api.revid(title)
    assert row["status"] == "saved"


def test_merged_save_with_nobots_added_meanwhile_is_undone(wiki, wiki_api, testwiki, tmp_path):
    """A human adds {{nobots}} elsewhere on the page between fetch and save: the merged bot
    revision is undone at once, the human's text stays, and the undo is recorded."""
    from bot.store import StateStore

    title = "Merge nobots page"
    wiki_api.edit(title, SPREAD)
    store = StateStore(tmp_path / "s.sqlite")
    store.db.execute("INSERT INTO runs (id, command, arguments, started_at) "
                     "VALUES ('r1', 'fix', '[]', 'now')")
    fixer, done = _fixer_with_human(
        wiki, testwiki, title, lambda t: t.replace("Line four.", "Line four.{{nobots}}"), store)
    doc = next(iter(wiki.iter_documents([f"-page:{title}"])))
    outcome = fixer.fix(doc)
    assert done and outcome.status == "failed" and "undone" in outcome.reason, outcome.reason
    final = wiki_api.parse(page=title, prop="wikitext")["wikitext"]
    assert "Line four.{{nobots}}" in final
    assert "helps<ref>Smith 2015</ref>." in final  # the bot's change is gone
    [row] = store.saves()
    assert row["status"] == "undone" and "nobots" in row["reason"]
    assert row["undo_revid"] == wiki_api.revid(title)


def test_conflict_refetch_sees_nobots_added_meanwhile(wiki, wiki_api, testwiki):
    """A human edits the same line and adds {{nobots}}: the edit conflicts, the page is
    fetched again with fresh template information, and the bot leaves it alone."""
    title = "Conflict nobots page"
    wiki_api.edit(title, SPREAD)
    fixer, done = _fixer_with_human(
        wiki, testwiki, title,
        lambda t: t.replace("Vitamin B12 helps", "{{nobots}}Vitamin B12 really helps"))
    doc = next(iter(wiki.iter_documents([f"-page:{title}"])))
    revid = None
    outcome = fixer.fix(doc)
    revid = wiki_api.revid(title)
    assert done and outcome.status == "skipped" and "nobots" in outcome.reason, outcome.reason
    final = wiki_api.parse(page=title, prop="wikitext")["wikitext"]
    assert final.startswith("{{nobots}}Vitamin B12 really helps<ref>")
    assert wiki_api.revid(title) == revid


def test_apply_without_a_user_fails_once_at_the_start(testwiki, wiki_api, tmp_path):
    """fix --apply on a wiki with no user configured: one line at the start, exit 2,
    nothing saved (not one failure per page)."""
    import shutil

    from conftest import run_wikiwarden

    titles = _titles("Nouser", 3, wiki_api)
    revids = [wiki_api.revid(t) for t in titles]
    pwb = tmp_path / "pwb"
    shutil.copytree(testwiki["PYWIKIBOT_DIR"], pwb,
                    ignore=shutil.ignore_patterns("*.lwp", "*.ctrl", "apicache*", "logs"))
    config = (pwb / "user-config.py").read_text()
    (pwb / "user-config.py").write_text(
        "\n".join(line for line in config.splitlines() if not line.startswith("usernames")))
    result = run_wikiwarden("--pywikibot-dir", str(pwb), "fix",
                            *[f"-page:{t}" for t in titles], "--apply",
                            "--state", str(tmp_path / "s.sqlite"))
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "needs a bot account" in errors[0]
    assert [wiki_api.revid(t) for t in titles] == revids
