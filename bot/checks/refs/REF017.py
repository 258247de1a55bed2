"""REF017 invalid-ref-attribute."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["InvalidRefAttribute"]


class InvalidRefAttribute(CiteIssueRule):
    """Unknown or invalid attribute on ``<ref>`` or ``<references>``.

    ## What it does
    Reports attributes Cite does not accept (``<ref>``: name, group, follow, dir;
    ``<references>``: group, responsive), ``name=`` together with ``follow=``, and ``dir=``
    other than ltr/rtl (Cite: ``cite_error_ref_too_many_keys``,
    ``cite_error_references_invalid_parameters``, ``cite_error_ref_invalid_dir``).
    A misspelled ``name`` (``nmae=``) is the usual cause.

    ## Why is this bad?
    Cite replaces the whole reference with an error.

    ## Example
    ```wikitext
    Text.<ref nmae="smith">Smith 2015</ref>
    ```

    ## Use instead
    ```wikitext
    Text.<ref name="smith">Smith 2015</ref>
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "REF017"
    name = "invalid-ref-attribute"
    kinds = ("bad-attribute",)
    advice = "fix the attribute's spelling or remove it"
