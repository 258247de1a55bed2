"""Completing citations, page by page: look up first, then fix purely.

Pages come in chunks; for each chunk the identifiers on its pages are collected
(:func:`bot.citations.targets.lookup_keys`), resolved at once (:mod:`bot.resolvers`: cache,
batches, rate limits), and the records are handed to the CMP fixers through the rule
context.  Writing goes through :class:`bot.fixes.run.PageFixer` and its validation gate, as
for ``fix``; the edit summary names every field added.
"""

from bot.cite.run import CiteRun, CitingFixer, lookup_summary

__all__ = ["CiteRun", "CitingFixer", "lookup_summary"]
