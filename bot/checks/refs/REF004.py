"""REF004 undefined-named-ref."""

from mwparserfromhell.nodes import Template

from bot.checks.refs._cite import CiteIssueRule
from bot.parse.emitted import template_ref_names

__all__ = ["UndefinedNamedRef"]


class UndefinedNamedRef(CiteIssueRule):
    """Named reference used but never defined.

    ## What it does
    Reports ``<ref name="x" />`` when no ``<ref name="x">…</ref>`` with content exists in
    the same group before the reference list that shows it (Cite:
    ``cite_error_references_no_text``).  A name that a template gives as the value of a
    reference parameter, alone or in a list (``{{Infobox language|ref=e18}}``, Wiktionary's
    ``{{ja-pron|acc_ref=DJR,NHK,SMK5}}``, ``{{Ref|smith}}``), is taken as defined by that
    template, and is not reported (see :func:`bot.parse.emitted.template_ref_names`).  When
    a template's parameters only mention the name (``{{1x|foo}}``, a phrase), the finding
    is a warning: the template may define the reference.

    ## Why is this bad?
    Readers see "Cite error: no text was provided for refs named x" instead of the source.

    ## Example
    ```wikitext
    B12 helps.<ref name="smith" />
    <references />
    ```

    ## Use instead
    ```wikitext
    B12 helps.<ref name="smith">Smith J (2015). ''Vitamins''.</ref>
    <references />
    ```

    ## Fix safety
    No automatic fix: the source text has to come from an editor.
    """

    code = "REF004"
    name = "undefined-named-ref"
    kinds = ("no-text",)
    advice = "define it once with its citation, <ref name=\"…\">citation</ref>"

    def answered(self, issue, doc, ctx) -> bool:
        names = doc.memo("template-ref-names", lambda: template_ref_names(doc.index.of(Template)))
        return issue.name in names
