"""REF010 unused-list-defined-ref."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["UnusedListDefinedRef"]


class UnusedListDefinedRef(CiteIssueRule):
    """List-defined reference that the text never uses.

    ## What it does
    Reports a ``<ref name="x">`` inside ``<references>…</references>`` (or a list template's
    ``refs=``) when no ``<ref name="x" />`` of that group comes before the list (Cite:
    ``cite_error_references_missing_key`` / ``…_missing_group``).

    ## Why is this bad?
    The source is defined but cited nowhere; Cite shows an error in the reference list.

    ## Example
    ```wikitext
    Text.
    <references>
    <ref name="smith">Smith 2015</ref>
    </references>
    ```

    ## Use instead
    ```wikitext
    Text.<ref name="smith" />
    <references>
    <ref name="smith">Smith 2015</ref>
    </references>
    ```

    ## Fix safety
    No automatic fix: whether to cite it or delete it is an editor's decision.
    """

    code = "REF010"
    name = "unused-list-defined-ref"
    kinds = ("unused-list-ref",)
    advice = "cite it in the text with <ref name=\"…\" />, or remove it"
