"""REF006 duplicate-ref-content."""

from __future__ import annotations

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
    family = "REF"
    severity = Severity.WARNING
    checkwiki = 81
    fix_safety = FixSafety.SAFE

    @staticmethod
    def _pairs(doc: Document, ctx: Context):
        """(earlier, repeat) for each reference repeating an earlier one's content."""
        first: dict[tuple[str, str], object] = {}
        for ref in cite_analysis(doc, ctx.profile).refs:
            if not ref.defines:
                continue
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
        """Merge the first mergeable pair; the next pass takes the next one."""
        refs = cite_analysis(doc, ctx.profile).refs
        for earlier, repeat in self._pairs(doc, ctx):
            if any(r.in_template or r.list_group is not None or "follow" in r.attributes
                   for r in (earlier, repeat)):
                continue
            if str(earlier.tag)[:4].lower() != "<ref":
                continue  # the name is inserted right after "<ref"
            group = f' group="{repeat.group}"' if repeat.group else ""
            name = earlier.name or repeat.name or _free_name(refs, earlier.group)
            if '"' in name:
                continue
            reuse = f'<ref name="{name}"{group} />'
            edits = [self.edit(repeat.span.start, repeat.span.end, reuse,
                               "reuse the first citation", drops=repeat.text)]
            if not earlier.name:
                at = earlier.span.start + len("<ref")
                edits.append(self.edit(at, at, f' name="{name}"', "name the first citation"))
            if repeat.name and repeat.name != name:
                edits += [
                    self.edit(r.span.start, r.span.end, reuse, f'rename "{repeat.name}"')
                    for r in refs
                    if r is not repeat and r.name == repeat.name and r.group == repeat.group
                    and not r.defines and not r.in_template and r.list_group is None
                ]
            return edits
        return []


def _free_name(refs, group: str) -> str:
    used = {r.name for r in refs if r.group == group}
    n = 1
    while f"auto{n}" in used:
        n += 1
    return f"auto{n}"
