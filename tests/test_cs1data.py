"""The bundled CS1 data is what the generator makes from CS1's own modules, and the
generator reads other module folders (as a live wiki's or a configured one would be)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.citations import cs1data
from bot.citations.luapattern import compile_lua
from bot.citations.spec import bundled, from_folder

CS1 = Path(__file__).resolve().parents[1] / "../shared/oracles/cs1"
needs_cs1 = pytest.mark.skipif(not (CS1 / "Module").is_dir(), reason="no ../shared/oracles/cs1")
COMMITTED = Path(cs1data.__file__).with_name("cs1.json")


@needs_cs1
def test_committed_data_is_a_fresh_generation():
    fresh = cs1data.to_json(cs1data.generate(cs1data.read_folder(CS1),
                                             cs1data.templates_from_folder(CS1)))
    assert COMMITTED.read_text("utf-8") == fresh, "run scripts/cs1data"


def test_bundled_data_answers_as_cs1_of_that_version():
    spec = bundled()
    for name in ("p", "pp", "jfm", "contribution-url", "people", "accessdate", "last12",
                 "author3-link", "chapterurl", "lastauthoramp", "nopp"):
        assert spec.validate(name, "book") is True, name
    assert spec.validate("deadurl", "web") is None
    assert spec.old_name("deadurl", "web") == "url-status"
    assert spec.validate("publisher", "arxiv") is None  # limited list of cite arXiv
    assert spec.validate("network", "episode") and spec.validate("network", "book") is None
    assert spec.suggestion("acessdate", "web") == ("access-date", "exact")
    assert spec.suggestion("Title", "web") == ("title", "case")
    assert spec.citation_class("cite_web") == "web"
    assert spec.citation_class("Cite newspaper") == "news"  # a redirect in the package


@needs_cs1
def test_a_module_folder_with_a_changed_whitelist(tmp_path):
    """A wiki whose CS1 removed |accessdate= (as newer CS1 did): the data follows it."""
    for module in cs1data.MODULES:
        shutil.copy(CS1 / "Module" / f"Citation#CS1#{module}", tmp_path / f"{module}.lua")
    whitelist = tmp_path / "Whitelist.lua"
    whitelist.write_text(whitelist.read_text("utf-8").replace("['accessdate'] = true,", ""),
                         "utf-8")
    spec = from_folder(str(tmp_path))
    assert spec.validate("accessdate", "web") is None
    assert bundled().validate("accessdate", "web") is True
    assert spec.citation_class("Cite web") == "web"  # templates from the bundled data


def test_broken_module_is_one_clear_error(tmp_path):
    for module in cs1data.MODULES:
        (tmp_path / f"{module}.lua").write_text("return {", "utf-8")
    with pytest.raises(cs1data.CS1DataError, match="Module:Citation/CS1/Whitelist"):
        cs1data.generate(cs1data.read_folder(tmp_path))


@pytest.mark.parametrize(("pattern", "text", "ustring", "groups"), [
    ("^(%D-) +([1-9]%d?), +((%d%d%d%d?)%a?)$", "March 7, 2015", True,
     ("March", "7", "2015", "2015")),
    ("^([^%d–]-) +((%d%d%d%d)%a?)$", "January–March 2019", True, None),
    ("^((%d%d)%d%d)[%-–]((%d%d)%a?)$", "1947–71", True, ("1947", "19", "71", "71")),
    ("^a[utho]+r(%d+)$", "athor2", False, ("2",)),
    ("^n%.d%.%a?$", "n.d.", False, ()),
    ("^n%.d%.%a?$", "nXdX", False, None),
])
def test_lua_patterns_translate(pattern, text, ustring, groups):
    match = compile_lua(pattern, ustring).search(text)
    assert (match.groups() if match else None) == groups
