"""REF005 conflicting-ref-definitions."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["ConflictingRefDefinitions"]


class ConflictingRefDefinitions(CiteIssueRule):
    """Same reference name defined twice with different content.

    ## What it does
    Reports a ``<ref name="x">…</ref>`` whose content differs from an earlier definition of
    the same name in the same group (Cite: ``cite_error_references_duplicate_key``).  Cite
    compares the raw text, so even a difference in spacing counts.

    ## Why is this bad?
    Only the first definition is shown; readers see a Cite error, and the second source is
    silently lost.

    ## Example
    ```wikitext
    A.<ref name="s">Smith 2015</ref> B.<ref name="s">Smith 2016</ref>
    ```

    ## Use instead
    ```wikitext
    A.<ref name="s2015">Smith 2015</ref> B.<ref name="s2016">Smith 2016</ref>
    ```

    ## Fix safety
    No automatic fix yet (renaming is planned where the two contents only differ in spacing).
    """

    code = "REF005"
    name = "conflicting-ref-definitions"
    kinds = ("conflict",)
    advice = "reuse it with <ref name=\"…\" /> or give the second source its own name"
