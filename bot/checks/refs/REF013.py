"""REF013 numeric-ref-name."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["NumericRefName"]


class NumericRefName(CiteIssueRule):
    """Reference name that is a plain number.

    ## What it does
    Reports ``<ref name="1">`` and ``follow="2"`` (Cite: ``cite_error_ref_numeric_key``).

    ## Why is this bad?
    Cite refuses numeric names; the reference is replaced by an error.

    ## Example
    ```wikitext
    Text.<ref name="1">Smith 2015</ref>
    ```

    ## Use instead
    ```wikitext
    Text.<ref name="smith2015">Smith 2015</ref>
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "REF013"
    name = "numeric-ref-name"
    kinds = ("numeric-name",)
    advice = "use a descriptive name such as the author and year"
