"""REF015 unnamed-list-defined-ref."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["UnnamedListDefinedRef"]


class UnnamedListDefinedRef(CiteIssueRule):
    """Reference inside a reference list without a name.

    ## What it does
    Reports a ``<ref>`` without ``name=`` inside ``<references>…</references>`` (Cite:
    ``cite_error_references_no_key``).

    ## Why is this bad?
    A list-defined reference can only be used by name; without one it is an error.

    ## Example
    ```wikitext
    <references>
    <ref>Smith 2015</ref>
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
    No automatic fix.
    """

    code = "REF015"
    name = "unnamed-list-defined-ref"
    kinds = ("unnamed-list-ref",)
    advice = "give it a name and cite it in the text"
