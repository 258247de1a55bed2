"""REF006 duplicate-ref-content."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.cite import cite_analysis
from bot.parse.document import Document
from bot.rules.base import Context, FixSafety, Rule

__all__ = ["DuplicateRefContent"]


class DuplicateRefContent(Rule):
    """The same citation given more than once.

    ## What it does
    Reports a reference whose content (spacing ignored) repeats an earlier reference of the
    same group: either two unnamed references, or the same content under two names
    (CheckWiki #81).

    ## Why is this bad?
    The reference list shows the same source twice under two numbers.  Name it once and
    reuse it with ``<ref name="…" />``.

    ## Example
    ```wikitext
    A.<ref>Smith 2015</ref> B.<ref>Smith 2015</ref>
    ```

    ## Use instead
    ```wikitext
    A.<ref name="smith">Smith 2015</ref> B.<ref name="smith" />
    ```

    ## Fix safety
    Safe: the first reference is named (``name="auto1"`` when it had no name) and the
    repeat becomes ``<ref name="…" />``; uses of a second name are renamed to the first.
    References inside templates or reference lists are left alone.  The repeated content is
    the only text removed.
    """

    code = "REF006"
    name = "duplicate-ref-content"
    scope = "articles"  # a convention of articles (see Rule.scope)
    family = "REF"
    severity = Severity.WARNING
    checkwiki = 81
    fix_safety = FixSafety.SAFE

    @staticmethod
    def _pairs(doc: Document, ctx: Context):
        """(earlier, repeat) for each reference repeating an earlier one's content."""
        analysis = cite_analysis(doc, ctx.profile)
        flagged = {id(issue.span.node) for issue in analysis.issues}
        first: dict[tuple[str, str], object] = {}
        for ref in analysis.refs:
            if not ref.defines or id(ref.span.node) in flagged:
                continue  # Cite rejects or flags this ref: not a plain repeat
            key = (ref.group, " ".join(ref.text.split()))
            earlier = first.setdefault(key, ref)
            if earlier is ref or (ref.name and ref.name == earlier.name):
                continue  # first sight, or a conflict/reuse of the same name (REF005)
            yield earlier, ref

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for earlier, ref in self._pairs(doc, ctx):
            if earlier.name and ref.name:
                how = f'under two names, "{earlier.name}" and "{ref.name}"'
            else:
                how = "twice"
            yield self.finding(
                doc, ref.span.start,
                f"The same citation is given {how}: name the first one and reuse it with "
                f'<ref name="…" />.',
            )

    def fix(self, doc: Document, ctx: Context) -> list:
        """Merge every mergeable repeat in one pass.

        The repeats of one earlier reference are merged as one group of edits (name the
        first, reuse it, rename the repeat's own uses), applied whole or not at all.  A pair
        touching a name or reference already used by another merge in this pass waits for
        the next pass, which sees the new text.
        """
        refs = cite_analysis(doc, ctx.profile).refs
        used = {(r.group, r.name) for r in refs if r.name}
        defined = Counter((r.group, r.name) for r in refs if r.name and r.defines)
        taken: set[int] = set()  # refs (by start) and names touched by a merge in this pass
        busy: set[tuple[str, str]] = set()
        named: dict[int, str] = {}  # earlier ref's start -> the name it gets in this pass
        edits: list = []
        for earlier, repeat in self._pairs(doc, ctx):
            if any(r.in_template or r.list_group is not None or "follow" in r.attributes
                   for r in (earlier, repeat)):
                continue
            if str(earlier.tag)[:4].lower() != "<ref":
                continue  # the name is inserted right after "<ref"
            if repeat.span.start in taken or (earlier.span.start in taken
                                              and earlier.span.start not in named):
                continue
            name = earlier.name or named.get(earlier.span.start) or repeat.name
            if name is None:
                name = _free_name(used, earlier.group)
                used.add((earlier.group, name))
            if '"' in name or any(defined[(r.group, r.name)] > 1 for r in (earlier, repeat)
                                  if r.name):
                continue  # a name defined twice (REF005) is not ours to move
            renamed = repeat.name if repeat.name and repeat.name != name else None
            names = {(repeat.group, n) for n in (name, renamed) if n}
            if names & busy - {(earlier.group, named.get(earlier.span.start))}:
                continue
            group = f' group="{repeat.group}"' if repeat.group else ""
            reuse = f'<ref name="{name}"{group} />'
            key = earlier.span.start
            edits.append(self.edit(repeat.span.start, repeat.span.end, reuse,
                                   "reuse the first citation", drops=repeat.text, group=key))
            if not earlier.name and key not in named:
                at = earlier.span.start + len("<ref")
                edits.append(self.edit(at, at, f' name="{name}"', "name the first citation",
                                       group=key))
            if renamed:
                edits += [
                    self.edit(r.span.start, r.span.end, reuse, f'rename "{renamed}"',
                              group=key)
                    for r in refs
                    if r is not repeat and r.name == renamed and r.group == repeat.group
                    and not r.defines and not r.in_template and r.list_group is None
                ]
            named[key] = name
            taken |= {earlier.span.start, repeat.span.start}
            busy |= names
        return edits


def _free_name(used: set[tuple[str, str]], group: str) -> str:
    n = 1
    while (group, f"auto{n}") in used:
        n += 1
    return f"auto{n}"
