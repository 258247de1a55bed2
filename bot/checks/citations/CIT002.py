"""CIT002 unknown-citation-parameter."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from bot.citations import cs1, find_citations, parameter_spans
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

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
    Safe when the misspelling has exactly one close valid name and the template does not
    already have that parameter: the name is replaced, spacing and value untouched.
    """

    code = "CIT002"
    name = "unknown-citation-parameter"
    family = "CIT"
    severity = Severity.WARNING
    fix_safety = FixSafety.SAFE

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

    def fix(self, doc: Document, ctx: Context) -> list:
        spec = cs1()
        edits = []
        for citation in find_citations(doc):
            for param, start, _ in parameter_spans(citation):
                raw = str(param.name)
                name = raw.strip()
                if not param.showkey or spec.is_known(name):
                    continue
                key = name.lower().replace("_", "-").replace(" ", "-")
                matches = difflib.get_close_matches(key, spec.known_names(), n=2, cutoff=0.8)
                if len(matches) != 1 or citation.has(matches[0]):
                    continue  # no single obvious correction
                offset = start + len(raw) - len(raw.lstrip())
                edits.append(self.edit(offset, offset + len(name), matches[0],
                                       f'rename "{name}" to "{matches[0]}"', drops=name))
        return edits
