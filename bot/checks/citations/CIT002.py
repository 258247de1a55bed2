"""CIT002 unknown-citation-parameter."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from bot.citations import cs1, find_citations
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, Rule

__all__ = ["UnknownCitationParameter", "suggest_parameter"]


def suggest_parameter(name: str) -> str | None:
    """The known parameter closest to a misspelled one (e.g. ``titel`` → ``title``)."""
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    spec = cs1()
    if spec.is_known(key):
        return key
    matches = difflib.get_close_matches(key, spec.known_names(), n=1, cutoff=0.8)
    return matches[0] if matches else None


class UnknownCitationParameter(Rule):
    """Unknown or misspelled citation-template parameter.

    ## What it does
    Reports a parameter that the citation templates (CS1) do not accept, with the closest
    valid name when there is one (``titel`` → ``title``, ``acessdate`` → ``access-date``).
    Positional (unnamed) values are reported too: CS1 templates take none.

    ## Why is this bad?
    The value is silently dropped from the rendered citation, and CS1 adds a red error.

    ## Example
    ```wikitext
    <ref>{{cite journal |titel=Vitamin B12 |journal=Blood}}</ref>
    ```

    ## Use instead
    ```wikitext
    <ref>{{cite journal |title=Vitamin B12 |journal=Blood}}</ref>
    ```

    ## Fix safety
    No automatic fix yet (renaming a misspelling with exactly one close match is planned as
    a safe fix).
    """

    code = "CIT002"
    name = "unknown-citation-parameter"
    family = "CIT"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        spec = cs1()
        for citation in find_citations(doc):
            for param in citation.template.params:
                name = str(param.name).strip()
                if not param.showkey:
                    if str(param.value).strip():
                        yield self.finding(
                            doc, citation.span.start,
                            f"{{{{{citation.name}}}}} has a value without a parameter name "
                            f"({str(param.value).strip()[:40]!r}): name it, e.g. title=.",
                        )
                    continue
                if spec.is_known(name):
                    continue
                suggestion = suggest_parameter(name)
                hint = f' Did you mean "{suggestion}"?' if suggestion else ""
                yield self.finding(
                    doc, citation.span.start,
                    f'{{{{{citation.name}}}}} has an unknown parameter "{name}".{hint}',
                )
