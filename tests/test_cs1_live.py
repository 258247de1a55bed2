"""A live wiki's own CS1 modules decide what the citation checks accept (real test wiki).

The four modules are saved on the test wiki as pages (text only: this wiki has no
Scribunto, which reading them does not need), with a whitelist that no longer accepts
|accessdate= (as newer CS1 does).  They are removed again afterwards so other tests see a
wiki without CS1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.citations import cs1data
from bot.citations.spec import bundled
from conftest import SHARED

CS1 = SHARED / "oracles" / "cs1"
CITATION = "{{cite web |url=https://example.org |title=T |accessdate=2020-01-01}}\n"


@pytest.fixture
def wiki_cs1(wiki_api):
    if not (CS1 / "Module").is_dir():
        pytest.skip(f"{CS1} is absent on this machine")
    titles = []
    for name in cs1data.MODULES:
        text = (CS1 / "Module" / f"Citation#CS1#{name}").read_text("utf-8")
        if name == "Whitelist":
            text = text.replace("['accessdate'] = true,", "")
        title = f"Module:Citation/CS1/{name}"
        wiki_api.edit(title, text)
        titles.append(title)
    yield titles
    for title in titles:
        wiki_api.post(action="delete", title=title, token=wiki_api.csrf)


def test_wiki_modules_are_read_and_cached_per_revision(wiki, wiki_api, wiki_cs1, tmp_path):
    templates = bundled().data["templates"]
    data = wiki.cs1_data(tmp_path, templates)
    assert data is not None and "accessdate" not in data["whitelist"]["basic"]
    files = list(tmp_path.glob("cs1-*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text("utf-8"))["revisions"] == data["revisions"]
    assert wiki.cs1_data(tmp_path, templates) == data  # same revisions: from the cache
    assert len(list(tmp_path.glob("cs1-*.json"))) == 1
    text = (CS1 / "Module" / "Citation#CS1#Suggestions").read_text("utf-8")
    wiki_api.edit("Module:Citation/CS1/Suggestions", text + "\n-- edited\n")
    again = wiki.cs1_data(tmp_path, templates)
    assert again["revisions"] != data["revisions"]
    assert len(list(tmp_path.glob("cs1-*.json"))) == 2


def test_audit_checks_against_the_wikis_own_cs1(cli, wiki_api, wiki_cs1, tmp_path,
                                                 monkeypatch):
    monkeypatch.chdir(tmp_path)  # the cache sits beside the state file
    wiki_api.edit("Live CS1 page", CITATION)
    page = tmp_path / "Live CS1 page.wiki"
    page.write_text(CITATION, "utf-8")
    remote = json.loads(cli("audit", "-page:Live CS1 page", "--select", "CIT",
                            "--format", "json", "-q").stdout)
    local = json.loads(cli("audit", str(page), "--select", "CIT", "--format", "json",
                           "-q").stdout)

    def codes(report):
        return [f["code"] for f in report["findings"]]

    assert codes(remote) == ["CIT002"]  # this wiki's CS1 dropped |accessdate=
    assert codes(local) == []            # the bundled (mid-2020) CS1 still takes it
    assert list((tmp_path / "cs1-cache").glob("cs1-*.json"))


def test_config_module_folder(cli, tmp_path):
    """Offline: ``cs1_modules = "folder"`` in the config replaces the bundled data."""
    if not (CS1 / "Module").is_dir():
        pytest.skip(f"{CS1} is absent on this machine")
    folder = tmp_path / "cs1"
    folder.mkdir()
    for name in cs1data.MODULES:
        text = (CS1 / "Module" / f"Citation#CS1#{name}").read_text("utf-8")
        if name == "Whitelist":
            text = text.replace("['accessdate'] = true,", "")
        (folder / f"{name}.lua").write_text(text, "utf-8")
    config = tmp_path / "wikiwarden.toml"
    config.write_text('cs1_modules = "cs1"\n', "utf-8")
    page = tmp_path / "Page.wiki"
    page.write_text(CITATION, "utf-8")
    report = json.loads(cli("--config", str(config), "audit", str(page), "--select", "CIT",
                            "--format", "json", "-q").stdout)
    assert [f["code"] for f in report["findings"]] == ["CIT002"]
    assert Path(folder).is_dir()


def test_unreadable_wiki_modules_fall_back_with_a_warning(cli, wiki_api, wiki_cs1, tmp_path,
                                                           monkeypatch):
    monkeypatch.chdir(tmp_path)
    wiki_api.edit("Module:Citation/CS1/Whitelist", "return {")
    wiki_api.edit("Live CS1 page", CITATION)
    run = cli("audit", "-page:Live CS1 page", "--select", "CIT", "--format", "json", "-q")
    assert "cannot read its CS1" in run.stderr and "Module:Citation/CS1/Whitelist" in run.stderr
    assert json.loads(run.stdout)["findings"] == []  # the bundled CS1 accepts |accessdate=
