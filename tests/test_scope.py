"""Which pages a check runs on: articles only for conventions of articles, and never for a
check whose convention the wiki's profile says it does not follow (``ignore``)."""

from __future__ import annotations

from bot.parse.document import Document
from bot.profiles import load_profile
from bot.rules import Context, select_rules
from bot.runner import audit_document

_HEADINGS = "Text.\n\n== Questions: ==\nWhy?\n\n== '''Bold''' ==\nYes.\n"


def _codes(text: str, profile: str = "wikipedia", namespace: int = 0) -> set[str]:
    doc = Document("Page", text, namespace=namespace, location="Page")
    return {f.code for f in audit_document(doc, select_rules(), Context(load_profile(profile)))}


def test_article_conventions_apply_to_articles():
    """A trailing colon and a bold heading are reported in an article."""
    assert {"SEC009", "SEC010"} <= _codes(_HEADINGS)


def test_article_conventions_skip_talk_project_and_help_pages():
    """The same headings on talk (1), project (4) and help (12) pages are not reported."""
    for namespace in (1, 4, 12):
        assert not {"SEC009", "SEC010"} & _codes(_HEADINGS, namespace=namespace)


def test_rendering_errors_are_reported_on_every_page():
    """A Cite error (a named reference never defined) is reported on a talk page too."""
    assert "REF004" in _codes("See.<ref name=x />\n\n<references />\n", namespace=1)


def test_wiktionary_lists_references_per_language_section():
    """Wiktionary's one <references /> per language section is its convention, not an error;
    the wikipedia profile reports the second list."""
    text = ("==English==\n===Noun===\n# a word.<ref>A</ref>\n\n===References===\n"
            "<references />\n\n==French==\n===Noun===\n# un mot.<ref>B</ref>\n\n"
            "===References===\n<references />\n")
    assert "REF002" in _codes(text, "wikipedia")
    assert "REF002" not in _codes(text, "wiktionary")


def test_profile_ignore_is_read_from_the_profile_data():
    """``ignore`` codes are upper-cased and kept on the profile."""
    assert "SEC008" in load_profile("wiktionary").ignore
    assert load_profile("wikipedia").ignore == ()
