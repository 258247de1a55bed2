"""Against the real test MediaWiki: pages on the wiki audit exactly like the same text locally."""

from __future__ import annotations

import json
import math
import shutil

from bot.profiles import load_profile
from bot.rules import Context, select_rules
from bot.runner import audit_document
from bot.sources import iter_local
from conftest import SAMPLES, run_wikiwarden


def _key(finding):
    return (finding["code"], finding["line"], finding["column"], tuple(finding["section"]),
            finding["message"])


def test_wiki_pages_audit_like_local_files(cli, wiki_api, tmp_path):
    """Each sample, saved on the wiki and audited there, gives the findings of the local file."""
    for path in sorted(SAMPLES.glob("*.wiki")):
        wiki_api.edit(path.stem.replace("_", " "), path.read_text("utf-8"))
    for path in sorted(SAMPLES.glob("*.wiki")):
        title = path.stem.replace("_", " ")
        local = json.loads(cli("audit", str(path), "--format", "json", "-q").stdout)
        remote = json.loads(cli("audit", f"-page:{title}", "--format", "json", "-q").stdout)
        assert sorted(map(_key, remote["findings"])) == sorted(map(_key, local["findings"]))
        revid = wiki_api.revid(title)
        assert all(f["revid"] == revid and f["title"] == title for f in remote["findings"])


def test_selected_by_category_and_prefix(cli, wiki_api):
    """pywikibot's generators select the pages: -cat: and -prefixindex: work unchanged."""
    for i in range(3):
        wiki_api.edit(f"Catpage {i}", f"Text.\n== Empty {i} ==\n[[Category:Audit me]]\n")
    run = cli("audit", "-cat:Audit me", "--format", "json", "-q")
    assert run.exit_code == 1
    assert {f["title"] for f in json.loads(run.stdout)["findings"]} == {
        "Catpage 0", "Catpage 1", "Catpage 2"}
    run = cli("audit", "-prefixindex:Catpage 1", "--format", "json", "-q")
    assert {f["title"] for f in json.loads(run.stdout)["findings"]} == {"Catpage 1"}


def test_content_is_fetched_in_batches(wiki, wiki_api, tmp_path):
    """Auditing N=200 pages reads their texts in at most ceil(N/50) requests."""
    n = 200
    titles = [f"Batch page {i:03d}" for i in range(n)]
    for title in titles:
        wiki_api.edit(title, f"{title}.<ref>x</ref>\n== Empty ==\n")
    listing = tmp_path / "titles.txt"
    listing.write_text("".join(f"[[{t}]]\n" for t in titles), "utf-8")
    rules = select_rules()
    ctx = Context(profile=load_profile("mepedia"))
    before = wiki.request_log.count(wiki.request_log.is_content_fetch)
    audited = [d for d in wiki.iter_documents([f"-file:{listing}"]) if hasattr(d, "text")]
    fetches = wiki.request_log.count(wiki.request_log.is_content_fetch) - before
    print(f"\n{n} pages audited with {fetches} content-fetch requests")
    assert len(audited) == n
    assert fetches <= math.ceil(n / 50), fetches
    assert all({"REF001", "SEC001"} <= {f.code for f in audit_document(d, rules, ctx)}
               for d in audited)


def test_missing_page_is_reported_and_others_audited(cli, wiki_api):
    """A page that does not exist: one error line naming it, exit 2, other pages still audited."""
    wiki_api.edit("Exists page", "Text.\n== Empty ==\n")
    result = cli("audit", "-page:Exists page", "-page:No such page here")
    assert result.exit_code == 2
    assert "'No such page here': page does not exist" in result.stderr
    assert "[[Exists page]]" in result.stdout


def test_wrong_credentials_fail_cleanly(testwiki, tmp_path):
    """A wrong bot password: one line, exit 6 (WIKI_DOWN), and the secret appears nowhere."""
    pwb = tmp_path / "pwb"
    shutil.copytree(testwiki["PYWIKIBOT_DIR"], pwb,
                    ignore=shutil.ignore_patterns("*.lwp", "*.ctrl", "apicache*", "logs"))
    wrong = "1" * 32
    (pwb / "user-password.py").write_text(f"('TestBot', BotPassword('ci', '{wrong}'))\n")
    result = run_wikiwarden("--pywikibot-dir", str(pwb), "audit", "-page:Exists page")
    assert result.returncode == 6
    assert "login failed: wrong username or password" in result.stderr
    assert wrong not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_unreachable_wiki_fails_cleanly(testwiki, tmp_path):
    """A wiki that does not answer: one line naming its address, exit 6, no traceback."""
    pwb = tmp_path / "pwb"
    shutil.copytree(testwiki["PYWIKIBOT_DIR"], pwb,
                    ignore=shutil.ignore_patterns("*.lwp", "*.ctrl", "apicache*", "logs"))
    config = (pwb / "user-config.py").read_text()
    (pwb / "user-config.py").write_text(config.replace(testwiki["MW_PORT"], "9"))
    result = run_wikiwarden("--pywikibot-dir", str(pwb), "audit", "-page:Anything")
    assert result.returncode == 6
    assert "cannot reach http://127.0.0.1:9/api.php" in result.stderr
    assert "Traceback" not in result.stderr


def test_local_folder_matches_iter_local():
    """Sanity: the samples folder yields one document per .wiki file."""
    docs = list(iter_local(SAMPLES))
    assert len(docs) == len(list(SAMPLES.glob("*.wiki")))
