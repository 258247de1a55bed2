"""REF009 group-without-list."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["GroupWithoutList"]


class GroupWithoutList(CiteIssueRule):
    """References in a group with no matching reference list after them.

    ## What it does
    Reports ``<ref group="note">`` when no ``<references group="note" />`` (or a list
    template with ``group=note``) follows (Cite: ``cite_error_group_refs_without_references``).

    ## Why is this bad?
    Unlike the default group, Cite does not show a named group by itself: the notes are lost
    and readers see an error.

    ## Example
    ```wikitext
    Text.<ref group="note">An aside.</ref>
    == References ==
    <references />
    ```

    ## Use instead
    ```wikitext
    Text.<ref group="note">An aside.</ref>
    == Notes ==
    <references group="note" />
    == References ==
    <references />
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "REF009"
    name = "group-without-list"
    kinds = ("group-without-list",)
    advice = "add the group's reference list below them"
