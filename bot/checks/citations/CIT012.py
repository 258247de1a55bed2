"""CIT012 old-citation-parameter."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import Citation, cs1_for, find_citations, parameter_spans
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["OldCitationParameter", "old_parameters"]


def old_parameters(citation: Citation) -> Iterator[tuple[str, str, bool]]:
    """(name, the name CS1 wants instead, still accepted) for each deprecated or removed
    parameter with a value, as CS1 lists them (whitelist ``false``; Suggestions' "old
    parameter name")."""
    spec = citation.spec
    for name, named in citation.named.items():
        if not named:
            continue
        new = spec.old_name(name, citation.klass)  # (a kept answer: asked before the value)
        if new and citation.is_set(name):
            yield name, new, spec.validate(name, citation.klass) is False


class OldCitationParameter(Rule):
    """Deprecated or removed citation parameter, with the name that replaced it.

    ## What it does
    Reports a parameter that CS1 has deprecated (still works, red message) or removed
    (ignored, red message), naming the parameter CS1 wants instead: ``deadurl`` →
    ``url-status``, ``dead-url`` → ``url-status``.  Which names are old depends on the CS1
    version the wiki runs: the check reads it from that CS1's whitelist and suggestions.

    ## Why is this bad?
    A removed parameter's value is dropped from the citation; a deprecated one will be.

    ## Example
    ```wikitext
    <ref>{{cite web |url=https://example.org |title=T |deadurl=no}}</ref>
    ```

    ## Use instead
    ```wikitext
    <ref>{{cite web |url=https://example.org |title=T |url-status=live}}</ref>
    ```

    ## Fix safety
    Safe when the new name is the old one respelled (``chapterurl`` → ``chapter-url``) or
    an alias CS1 treats alike, and the citation does not already have the new name.  Not
    when the value's meaning changes too (``deadurl=no`` is ``url-status=live``).
    """

    code = "CIT012"
    name = "old-citation-parameter"
    family = "CIT"
    severity = Severity.WARNING
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation in find_citations(doc, cs1_for(ctx)):
            for name, new, works in old_parameters(citation):
                state = "deprecated" if works else "no longer supported and is ignored"
                yield self.finding(
                    doc, citation.span.start,
                    f'{{{{{citation.name}}}}} uses "{name}", which is {state}: use "{new}".',
                )

    def fix(self, doc: Document, ctx: Context) -> list:
        edits = []
        for citation in find_citations(doc, cs1_for(ctx)):
            old = {name: (new, works) for name, new, works in old_parameters(citation)}
            for param, start, _ in parameter_spans(citation):
                raw = str(param.name)
                name = raw.strip()
                if not param.showkey or name not in old:
                    continue
                new, works = old[name]
                safe = works or citation.spec.same_spelling(name, new)
                if not safe or citation.has(new):
                    continue
                offset = start + len(raw) - len(raw.lstrip())
                edits.append(self.edit(offset, offset + len(name), new,
                                       f'rename "{name}" to "{new}"', drops=name))
        return edits
