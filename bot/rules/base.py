"""The :class:`Rule` base class and the context a check runs in."""

from __future__ import annotations

import abc
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from bot.findings import Finding, Severity

if TYPE_CHECKING:
    from bot.fixes.edit import Edit
    from bot.parse.document import Document
    from bot.profiles import Profile

__all__ = ["Context", "FixSafety", "Rule"]


class FixSafety(enum.Enum):
    """Whether a rule can repair what it finds, and how safely."""

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Context:
    """What a check may know besides the page: the wiki's profile and rule options."""

    profile: Profile
    options: dict = field(default_factory=dict)


class Rule(abc.ABC):
    """Base class of every check.

    Subclasses set the class attributes below and implement :meth:`check`.  The docstring is
    the user documentation, in sections: a one-line summary, then ``What it does``,
    ``Why is this bad?``, ``Example``, ``Use instead`` and ``Fix safety``.  A check is pure:
    no network, no database, no clock.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[Severity]
    fix_safety: ClassVar[FixSafety] = FixSafety.NONE
    #: a fix that changes nothing readers see; never saved on its own
    cosmetic: ClassVar[bool] = False
    aliases: ClassVar[tuple[str, ...]] = ()
    #: "all" pages, or only "articles": pages in the profile's ``content_namespaces``
    #: (style and layout conventions such as WP:LAYOUT and CheckWiki are about articles;
    #: talk, project and help pages follow their own)
    scope: ClassVar[str] = "all"
    checkwiki: ClassVar[int | None] = None

    @abc.abstractmethod
    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """The findings of this rule on ``doc``."""

    def applies_to(self, doc: Document, ctx: Context) -> bool:
        """Whether this rule runs on ``doc``: not when the profile ignores it (a convention
        the wiki does not follow), nor on non-articles when its scope is articles."""
        profile = ctx.profile
        if self.code in getattr(profile, "ignore", ()):
            return False
        return self.scope != "articles" or doc.namespace in profile.content_namespaces

    def fix(self, doc: Document, ctx: Context) -> list[Edit]:
        """Edits that repair this rule's findings on ``doc`` (rules with a safe fix)."""
        return []

    def edit(self, start: int, end: int, replacement: str, title: str, drops: str = "",
             group: object = None, adds: str = "") -> Edit:
        from bot.fixes.edit import Edit

        return Edit(start, end, replacement, self.code, title, self.cosmetic, drops,
                    group=group, adds=adds)

    def finding(
        self, doc: Document, offset: int, message: str, *, severity: Severity | None = None
    ) -> Finding:
        """A finding of this rule at character ``offset`` of ``doc``."""
        line, column = doc.lines.line_col(offset)
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            title=doc.title,
            line=line,
            column=column,
            message=message,
            section=doc.section_path(offset),
            revid=doc.revid,
            source=doc.source,
            fixable=self.fix_safety is FixSafety.SAFE,
        )

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]
