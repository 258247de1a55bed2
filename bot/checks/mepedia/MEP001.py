"""MEP001 study-without-ref."""

from __future__ import annotations

from collections.abc import Iterator

from bot.findings import Finding, Severity
from bot.parse.document import Document
from bot.parse.studies import find_study_items
from bot.rules.base import Context, Rule

__all__ = ["StudyWithoutRef"]


class StudyWithoutRef(Rule):
    """"Notable studies" entry without a reference.

    ## What it does
    In the profile's study sections (MEpedia: "Notable studies", "Notable articles"),
    reports a bullet with no ``<ref>``.  MEpedia's format is
    ``* YEAR, [URL Title]`` + the quoted abstract + a ``<ref>`` with the full citation.

    ## Why is this bad?
    The entry's claim about a study has no citation in the reference list, so readers
    cannot check it, and the study's authors and journal are missing from the page.

    ## Example
    ```wikitext
    == Notable studies ==
    * 2015, [https://doi.org/10.1/b12 Response to Vitamin B12]<br />"Abstract..."
    ```

    ## Use instead
    ```wikitext
    == Notable studies ==
    * 2015, [https://doi.org/10.1/b12 Response to Vitamin B12]<br />"Abstract..."<ref>
      {{cite journal |title=Response to Vitamin B12 |journal=PLOS ONE |date=2015}}</ref>
    ```

    ## Fix safety
    No automatic fix.

    ## Options
    ``study_sections`` in the profile.
    """

    code = "MEP001"
    name = "study-without-ref"
    family = "MEP"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for item in find_study_items(doc, ctx.profile):
            if not item.refs:
                year = f" ({item.year})" if item.year else ""
                yield self.finding(
                    doc, item.start,
                    f"This study entry{year} has no reference: add a <ref> with the full "
                    f"citation after the abstract.",
                )
