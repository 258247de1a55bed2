"""REF008 unclosed-ref."""

from bot.checks.refs._cite import CiteIssueRule

__all__ = ["UnclosedRef"]


class UnclosedRef(CiteIssueRule):
    """Unclosed ``<ref>`` or stray ``</ref>``.

    ## What it does
    Reports a ``<ref>`` without its ``</ref>``, a ``</ref>`` without its ``<ref>``, and a
    reference that contains another ``<ref>`` (Cite: ``cite_error_included_ref``; CheckWiki
    #94).  Tags inside ``<nowiki>``, ``<pre>`` or comments are left alone.

    ## Why is this bad?
    An unclosed reference swallows the text after it up to the next ``</ref>`` (Cite then
    shows an error), or shows up as literal text; so does a stray closing tag.

    ## Example
    ```wikitext
    B12 helps.<ref>Smith 2015. More text here.
    ```

    ## Use instead
    ```wikitext
    B12 helps.<ref>Smith 2015.</ref> More text here.
    ```

    ## Fix safety
    No automatic fix: where the reference should end is an editor's decision.
    """

    code = "REF008"
    name = "unclosed-ref"
    kinds = ("unclosed", "unclosed-literal", "stray-close")
    checkwiki = 94
    advice = "close each <ref> with </ref> where its citation ends"
