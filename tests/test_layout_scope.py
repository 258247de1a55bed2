"""The article layout rules apply to articles only (issue 10: false findings on talk archives,
project pages and templates of the corpus's dumps)."""

from __future__ import annotations

import pytest

from bot.parse.document import Document
from bot.profiles import load_profile
from bot.rules import Context, get_registry

# From the corpus page sweble/Talk:Australian rules football/Archive 1 (lines 515-548,
# shortened): a talk archive's threads follow a thread titled "External links".
TALK_ARCHIVE = """== External links ==
Should we link the AFL site?

== Padding ==
Do players wear padding?

== POV ==
This article reads like an advertisement.<ref>A comment.</ref>
"""


@pytest.mark.parametrize("code", ["SEC015", "SEC016"])
def test_layout_rules_skip_pages_outside_content_namespaces(code):
    """The same text is reported as an article (namespace 0), not as a talk page (1)."""
    rule = get_registry().get(code)()
    ctx = Context(load_profile("wikipedia"))
    article = Document("Australian rules football", TALK_ARCHIVE, namespace=0)
    talk = Document("Talk:Australian rules football/Archive 1", TALK_ARCHIVE, namespace=1)
    assert list(rule.check(article, ctx))
    assert not list(rule.check(talk, ctx))


def test_content_namespaces_come_from_the_profile():
    """A profile may declare more content namespaces (a wiki with an extra article space)."""
    profile = load_profile("wikipedia")
    data = {"content_namespaces": [0, 100], "appendix": [{"title": "External links"}]}
    custom = type(profile).from_dict("custom", data)
    assert custom.content_namespaces == (0, 100)
    rule = get_registry().get("SEC016")()
    portal = Document("Portal:Football", TALK_ARCHIVE, namespace=100)
    assert list(rule.check(portal, Context(custom)))
