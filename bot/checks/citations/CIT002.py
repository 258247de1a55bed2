"""CIT002 unknown-citation-parameter."""

from __future__ import annotations

from collections.abc import Iterator

from bot.citations import Citation, cs1_for, find_citations, parameter_spans, strip_comments
from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["UnknownCitationParameter", "unknown_parameters"]

#: CS1 suggestions safe to apply: the lower-case name, a plain misspelling or translation
_SAFE_KINDS = ("case", "exact")


def unknown_parameters(citation: Citation) -> Iterator[tuple[str, str | None, str]]:
    """(name, CS1's suggestion or None, its kind) for each named parameter with a value
    that CS1 ignores, old names left out (CIT012).  As CS1: only parameters with a value
    are checked, the last of duplicates is the one CS1 sees."""
    spec = citation.spec
    for name, named in citation.named.items():
        if not named:
            continue
        key = spec.dates.western_digits(name)
        if spec.validate(key, citation.klass) is not None or spec.old_name(key, citation.klass):
            continue  # (asked first: answers are kept, the value is read only when needed)
        if not citation.is_set(name):
            continue
        suggestion, kind = spec.suggestion(key, citation.klass)
        yield name, suggestion, kind
    # accepted names that the main module still ignores for some templates
    ignored = []
    if citation.klass not in ("encyclopaedia", "citation"):
        ignored.append(citation.select("Encyclopedia"))
    if citation.klass == "newsgroup":
        ignored.append(citation.select("PublisherName"))
    for name in filter(None, ignored):
        yield name, None, "template"


class UnknownCitationParameter(Rule):
    """Unknown or misspelled citation-template parameter.

    ## What it does
    Reports a parameter with a value that the citation template's CS1 module does not
    accept, with CS1's own suggestion when it has one (``Title`` → ``title``, ``acessdate`` →
    ``access-date``).  The accepted names come from CS1's whitelist, per template (``{{cite
    arXiv}}`` accepts fewer), plus the names CS1 ignores in some templates (``encyclopedia``
    outside ``{{cite encyclopedia}}``/``{{citation}}``).  Old names CS1 replaced are
    CIT012.  Positional (unnamed) values are reported too: CS1 templates take none.

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
    Safe when CS1 suggests the lower-case name, or its suggestion list gives the name as a
    plain misspelling or translation of one name (not a guess), that name is accepted by
    the template and is not already there: the name is replaced, spacing and value
    untouched.
    """

    code = "CIT002"
    name = "unknown-citation-parameter"
    family = "CIT"
    severity = Severity.WARNING
    fix_safety = FixSafety.SAFE

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for citation in find_citations(doc, cs1_for(ctx)):
            every_named = citation.count == len(citation.raws) and all(citation.named.values())
            for _, raw, named in () if every_named else citation.entries:
                if named:
                    continue
                value = strip_comments(raw).strip()
                if value:
                    yield self.finding(
                        doc, citation.span.start,
                        f"{{{{{citation.name}}}}} has a value without a parameter name "
                        f"({value[:40]!r}): name it, e.g. title=.",
                    )
            for name, suggestion, kind in unknown_parameters(citation):
                hint = f' Did you mean "{suggestion}"?' if suggestion else ""
                if kind == "template":
                    text = f'does not use "{name}" (only some citation templates do)'
                else:
                    text = f'has an unknown parameter "{name}".{hint}'
                yield self.finding(doc, citation.span.start,
                                   f"{{{{{citation.name}}}}} {text}")

    def fix(self, doc: Document, ctx: Context) -> list:
        edits = []
        for citation in find_citations(doc, cs1_for(ctx)):
            bad = {name: (suggestion, kind) for name, suggestion, kind
                   in unknown_parameters(citation)}
            for param, start, _ in parameter_spans(citation):
                raw = str(param.name)
                name = raw.strip()
                if not param.showkey or name not in bad:
                    continue
                suggestion, kind = bad[name]
                if not suggestion or kind not in _SAFE_KINDS or citation.has(suggestion):
                    continue
                offset = start + len(raw) - len(raw.lstrip())
                edits.append(self.edit(offset, offset + len(name), suggestion,
                                       f'rename "{name}" to "{suggestion}"', drops=name))
        return edits
