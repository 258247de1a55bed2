"""REF011's conventions: the profile's ``ref_punctuation``, other wikis recognised by their
Category namespace name, and ``"page"`` (the page's own established style)."""

from __future__ import annotations

import pytest

from bot.checks.refs.REF011 import RefBeforePunctuation
from bot.errors import ConfigError
from bot.parse.document import Document
from bot.profiles import Profile, load_profile
from bot.rules import Context

# Lines 6-14 of the corpus page dumpster-dive-ltgwiki/Leopards (the long refs shortened):
# every reference stands before the punctuation (5 runs).
LTGWIKI_BEFORE = """Auguma garums: 125—165 cm<ref name=CAP>Nowell, K., Jackson, P. (1996)</ref>;

Astes garums: 60—110 cm<ref name=CAP/>;
Placu augstums: 45—80 cm<ref name=CAP/>;

Svors: 28—90 kg<ref name=CAP/>;

Ira 10 zamškiru<ref name="BioLib">[http://www.biolib.cz/ BioLib] Profil taxonu</ref>:
"""
# The same page written the other way round but for one reference: 4 runs after the
# punctuation, 1 before it.
MOSTLY_AFTER = (LTGWIKI_BEFORE.replace("cm<ref name=CAP/>;", "cm;<ref name=CAP/>")
                .replace("kg<ref name=CAP/>;", "kg;<ref name=CAP/>")
                .replace("(1996)</ref>;", "(1996)</ref>")
                .replace("garums: 125—165 cm<ref", "garums: 125—165 cm;<ref"))


def findings(text: str, profile: Profile) -> list:
    rule = RefBeforePunctuation()
    return list(rule.check(Document("Case", text), Context(profile=profile)))


def profile_with(**data) -> Profile:
    return Profile.from_dict("test", data)


def test_page_style_follows_a_page_that_puts_references_before_punctuation():
    """``"page"``: a page whose references clearly stand before punctuation (5 of 5 runs)
    keeps its style; under ``"after"`` every one of them is reported."""
    assert findings(LTGWIKI_BEFORE, profile_with(ref_punctuation="page")) == []
    assert len(findings(LTGWIKI_BEFORE, profile_with(ref_punctuation="after"))) == 5


def test_page_style_reports_the_odd_one_out():
    """``"page"``: on a page that puts its references after punctuation (4 of 5 runs) the
    one before it is reported."""
    found = findings(MOSTLY_AFTER, profile_with(ref_punctuation="page"))
    assert [(f.line, f.column) for f in found] == [(8, 16)]


def test_page_style_needs_evidence():
    """``"page"``: two references before punctuation are too few to make a style of their
    own, so WP:REFPUNCT's default stands."""
    text = "\n".join(LTGWIKI_BEFORE.splitlines()[:3]) + "\n"
    assert len(findings(text, profile_with(ref_punctuation="page"))) == 2


@pytest.mark.parametrize("style", ["before", "any"])
def test_before_and_any_report_nothing(style):
    """A wiki that puts references before punctuation, or allows both, gets no REF011."""
    assert findings(LTGWIKI_BEFORE, profile_with(ref_punctuation=style)) == []


def test_category_namespace_names_the_wiki_convention():
    """``ref_punctuation_by_category``: the page's category links name its wiki (case-blind,
    as MediaWiki reads namespace names); a page without them keeps the profile's value."""
    profile = profile_with(ref_punctuation="after",
                           ref_punctuation_by_category={"Kategoreja": "before"})
    assert findings(LTGWIKI_BEFORE + "[[kategoreja:Dzeivinīki]]\n", profile) == []
    assert len(findings(LTGWIKI_BEFORE, profile)) == 5


def test_builtin_profiles():
    """The wikipedia profile follows WP:REFPUNCT and knows de/fr/ru/uk; MEpedia: after."""
    wikipedia = load_profile("wikipedia")
    assert wikipedia.ref_punctuation == "after"
    assert wikipedia.ref_punctuation_by_category["kategorie"] == "any"
    assert wikipedia.ref_punctuation_by_category["категорія"] == "before"
    assert load_profile("mepedia").ref_punctuation == "after"


@pytest.mark.parametrize("data", [
    {"ref_punctuation": "behind"},
    {"ref_punctuation_by_category": {"Kategorie": "sometimes"}},
    {"ref_punctuation_by_category": ["Kategorie"]},
])
def test_invalid_values_are_a_config_error(data):
    """A value other than after/before/any/page is one clear configuration error."""
    with pytest.raises(ConfigError, match="invalid"):
        Profile.from_dict("test", data)
