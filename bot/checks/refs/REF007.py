"""REF007 empty-ref."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["EmptyRef"]


class EmptyRef(CiteIssueRule):
    """Empty reference.

    ## What it does
    Reports ``<ref></ref>`` and ``<ref />`` without a name, and empty list-defined
    references (Cite: ``cite_error_ref_no_input``, ``cite_error_ref_no_key``,
    ``cite_error_empty_references_define``; CheckWiki #85).

    ## Why is this bad?
    Readers see a Cite error where a footnote should be.

    ## Example
    ```wikitext
    B12 helps.<ref></ref>
    ```

    ## Use instead
    ```wikitext
    B12 helps.<ref>Smith J (2015). ''Vitamins''.</ref>
    ```

    ## Fix safety
    No automatic fix: an empty reference may mark a citation still to be added.
    """

    code = "REF007"
    name = "empty-ref"
    kinds = ("empty",)
    checkwiki = 85
    advice = "add the citation, or remove the empty tag"
