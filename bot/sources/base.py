"""What every source yields: documents, and problems that did not stop the run."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SourceProblem"]


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """An input (or one page of it) that could not be read.  The run goes on.

    ``source`` names the input (a path, a dump, the wiki); ``title`` the page, when the
    problem concerns a single page of a larger input; ``where``, when the page was read,
    names it as reports name pages (``Document.where``: a path, ``dump.xml[[Title]]`` or
    ``[[Title]]``).
    """

    source: str
    problem: str
    title: str | None = None
    where: str | None = None

    def __str__(self) -> str:
        if self.title is not None:
            return f"{self.source}: page {self.title!r}: {self.problem}"
        return f"{self.source}: {self.problem}"

    def to_dict(self) -> dict:
        return {"source": self.source, "title": self.title, "problem": self.problem}
