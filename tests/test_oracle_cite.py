"""MediaWiki's Cite extension is the oracle for reference errors.

Each input is rendered on the real test wiki with `action=parse&uselang=qqx`, which shows
Cite's message keys (`cite_error_references_no_text` ...).  For every page we compare the
*kinds* of reference error Cite reports with the kinds our offline replay
(:mod:`bot.parse.cite`) finds.  Inputs: samples, the edge cases below, every corpus page
with references and the inputs of Cite's own parser tests (when ../shared/corpus exists).
Pages whose difference comes from templates the test wiki does not have are classified as
template-dependent, with the reason, and not counted as disagreements.
Run alone:  .venv/bin/python -m pytest tests/test_oracle_cite.py -s
"""

from __future__ import annotations

import re

import pytest

from bot.parse.cite import analyse_refs
from bot.parse.document import Document
from bot.profiles import load_profile
from oracle import OracleInput, oracle_inputs

PEER_TESTS = "peer-tests/cite/citeParserTests.txt"
TARGET = 99.5

#: Cite's message key -> our issue kind
CITE_KINDS = {
    "cite_error_references_no_text": "no-text",
    "cite_error_references_duplicate_key": "conflict",
    "cite_error_ref_no_input": "empty",
    "cite_error_ref_no_key": "empty",
    "cite_error_empty_references_define": "empty",
    "cite_error_included_ref": "unclosed",
    "cite_error_group_refs_without_references": "group-without-list",
    "cite_error_references_missing_key": "unused-list-ref",
    "cite_error_references_missing_group": "unused-list-ref",
    "cite_error_ref_numeric_key": "numeric-name",
    "cite_error_references_no_key": "unnamed-list-ref",
    "cite_error_references_group_mismatch": "group-mismatch",
    "cite_error_ref_too_many_keys": "bad-attribute",
    "cite_error_references_invalid_parameters": "bad-attribute",
    "cite_error_ref_invalid_dir": "bad-attribute",
}
#: our kinds that are not Cite errors (literal text, editorial problems)
NOT_CITE = {"unclosed-literal", "stray-close"}

#: reference-list templates of the profile, as the test wiki should have them
TEMPLATES = {
    name: "{{#tag:references|{{{refs|}}}|group={{{group|}}}}}"
    for name in ("Reflist", "Refs", "References", "Reference list")
}

EDGE_CASES = {
    "clean": 'A.<ref name="a">x</ref> B.<ref name="a" />\n<references />',
    "no-list-default-group": "A.<ref>x</ref>",
    "undefined-name": 'A.<ref name="u" />\n<references />',
    "reuse-before-definition": 'A.<ref name="a" /> B.<ref name="a">x</ref>\n<references />',
    "empty-pair-reuse": 'A.<ref name="a"></ref> B.<ref name="a">x</ref>',
    "defined-after-list": 'A.<ref name="s" />\n<references />\nB.<ref name="s">x</ref>',
    "conflict": 'A.<ref name="s">one</ref> B.<ref name="s">two</ref>',
    "conflict-in-spacing": 'A.<ref name="s">one</ref> B.<ref name="s">one </ref>',
    "same-content": 'A.<ref name="s">one</ref> B.<ref name="s">one</ref>',
    "empty-ref": "A.<ref></ref>",
    "empty-self-closing": "A.<ref />",
    "whitespace-ref": "A.<ref> </ref>",
    "group-no-list": 'A.<ref group="n">x</ref>\n<references />',
    "group-list-before": '<references group="n" />\nA.<ref group="n">x</ref>',
    "group-ok": 'A.<ref group="n">x</ref>\n<references group="n" />',
    "group-by-template": 'A.<ref group="n">x</ref>\n{{Reflist|group=n}}',
    "list-defined-ok": 'A.<ref name="a" />\n<references>\n<ref name="a">x</ref>\n</references>',
    "list-defined-unused": 'A.<ref name="b">y</ref>\n<references>\n<ref name="a">x</ref>\n'
                           "</references>",
    "list-defined-missing-group": '<references group="g">\n<ref name="a">x</ref>\n'
                                  "</references>",
    "list-defined-unnamed": "A.<ref>y</ref><references>\n<ref>x</ref>\n</references>",
    "list-defined-empty": 'A.<ref name="a" /><references>\n<ref name="a"></ref>\n'
                          "</references>",
    "list-defined-mismatch": 'A.<ref name="x" group="n" />\n<references group="n">\n'
                             '<ref name="x" group="o">x</ref>\n</references>',
    "list-defined-conflict": 'A.<ref name="a">one</ref>\n<references>\n<ref name="a">two</ref>'
                             "\n</references>",
    "reflist-refs": 'A.<ref name="a" />\n{{Reflist|refs=\n<ref name="a">x</ref>\n}}',
    "numeric-name": 'A.<ref name="1">x</ref>',
    "numeric-follow": 'A.<ref follow="2">x</ref>',
    "unknown-attribute": 'A.<ref nmae="a">x</ref>',
    "name-and-follow": 'A.<ref name="a" follow="b">x</ref>',
    "bad-dir": 'A.<ref dir="up">x</ref>',
    "good-dir": 'A.<ref dir="rtl">x</ref>',
    "references-bad-param": 'A.<ref>x</ref>\n<references foo="1" />',
    "included-ref": "A.<ref>one<ref>two</ref>",
    "unclosed-at-end": "A.<ref>one and the rest",
    "stray-close": "A.</ref> b",
    "nowiki": "Type <nowiki><ref></nowiki>.",
    "comment": "A. <!-- <ref name=x/> -->",
    "quoted-names": "A.<ref name='q a'>x</ref> B.<ref name=\"q a\" />",
    "two-lists": 'A.<ref>x</ref>\n<references />\nB.<ref name="c" />\n<references />',
    "follow-ok": 'A.<ref name="p">x</ref> B.<ref follow="p">y</ref>',
    "case-insensitive-tag": "A.<REF>x</REF>",
    "includeonly": "<includeonly>A.<ref name=z /></includeonly>",
}

_KEY = re.compile(r"\((cite_error_[a-z_]+)")


def cite_kinds(html: str) -> set[str]:
    return {CITE_KINDS.get(key, f"other:{key}") for key in _KEY.findall(html)}


def our_kinds(item: OracleInput, profile) -> tuple[set[str], set[str]]:
    """(kinds, kinds of template-dependent issues) found offline."""
    analysis = analyse_refs(Document(item.title, item.text).spans, profile)
    issues = [i for i in analysis.issues if i.kind not in NOT_CITE]
    return {i.kind for i in issues}, {i.kind for i in issues if i.template_dependent}


def _has_ref_in_template(text: str) -> bool:
    doc = Document("T", text)
    return any(
        "<ref" in str(param.value).lower() or "group" in str(param.name).lower()
        for span in doc.spans if type(span.node).__name__ == "Template"
        for param in span.node.params
    )


def explain(item: OracleInput, ours: set[str], dependent: set[str], theirs: set[str]):
    """None when we agree; else (reason, explained?)."""
    if ours == theirs:
        return None
    missing, extra = theirs - ours, ours - theirs
    reason = f"Cite reports {sorted(missing) or '-'}, we report {sorted(extra) or '-'}"
    if (missing | extra) <= (dependent | {"no-text", "group-without-list", "unused-list-ref"}) \
            and (dependent or _has_ref_in_template(item.text)):
        return f"template-dependent: {reason}", True
    return reason, False


@pytest.fixture(scope="module")
def cite_wiki(wiki_api):
    for name, body in TEMPLATES.items():
        wiki_api.edit(f"Template:{name}", body)
    return wiki_api


def test_reference_errors_agree_with_cite(cite_wiki):
    """Per page, the kinds of reference error match Cite's (≥ 99.5 %, differences explained)."""
    profile = load_profile("mepedia")
    inputs = [OracleInput(f"edge: {k}", "Edge case", v) for k, v in EDGE_CASES.items()]
    inputs += [i for i in oracle_inputs(PEER_TESTS) if "<ref" in i.text.lower()]
    total, disagreements, explained = 0, [], []
    for item in inputs:
        parsed = cite_wiki.parse(text=item.text, title=item.title, prop="text", uselang="qqx")
        theirs = cite_kinds(parsed["text"])
        ours, dependent = our_kinds(item, profile)
        total += 1
        verdict = explain(item, ours, dependent, theirs)
        if verdict is None:
            continue
        (explained if verdict[1] else disagreements).append(f"{item.name}: {verdict[0]}")
    agreement = 100 * (total - len(disagreements)) / total
    print(f"\ncite oracle: {total} pages, agreement {agreement:.2f}% "
          f"({len(disagreements)} disagreements, {len(explained)} template-dependent)")
    for line in disagreements:
        print("  DIFF", line)
    for line in explained:
        print("  TMPL", line)
    assert agreement >= TARGET, disagreements
    edge_failures = [d for d in disagreements if d.startswith("edge:")]
    assert edge_failures == []
