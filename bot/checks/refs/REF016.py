"""REF016 ref-group-mismatch."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["RefGroupMismatch"]


class RefGroupMismatch(CiteIssueRule):
    """List-defined reference with a different group than its list.

    ## What it does
    Reports ``<ref group="a">`` inside ``<references group="b">`` (Cite:
    ``cite_error_references_group_mismatch``).

    ## Why is this bad?
    Cite rejects the reference and shows an error in the list.

    ## Example
    ```wikitext
    <references group="note">
    <ref name="x" group="other">Aside</ref>
    </references>
    ```

    ## Use instead
    ```wikitext
    <references group="note">
    <ref name="x">Aside</ref>
    </references>
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "REF016"
    name = "ref-group-mismatch"
    kinds = ("group-mismatch",)
    advice = "remove the group attribute or move the reference to the right list"
