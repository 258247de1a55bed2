"""What the completion rules share: the page's metadata, the name style, the source names."""

from __future__ import annotations

from bot.citations.complete import NAME_STYLES, metadata
from bot.findings import Severity
from bot.rules.base import Context, Rule

__all__ = ["CompletionRule", "describe_source", "name_style"]

_SERVICES = {"crossref": "Crossref", "datacite": "DataCite", "pubmed": "PubMed",
             "pmc": "PubMed Central", "openlibrary": "Open Library", "web": "the web page"}


def name_style(ctx: Context) -> str:
    """The profile's ``citation_names``: ``last-first`` (default) or ``vauthors``."""
    style = ctx.profile.extra.get("citation_names", "last-first")
    return style if style in NAME_STYLES else "last-first"


def describe_source(record) -> str:
    return f"{_SERVICES.get(record.source, record.source)} ({record.key})"


class CompletionRule(Rule):
    """Base of the CMP rules (abstract: sets no code)."""

    family = "CMP"
    severity = Severity.WARNING

    @staticmethod
    def records(ctx: Context) -> dict:
        return metadata(ctx.options)
