"""Reporters: turn audit results into text, JSON or HTML, written as the run goes.

Each reporter has ``start()``, ``page(result)`` and ``finish(stats)``; pick one with
:func:`get_reporter`.  The JSON format is documented in ``docs/json-schema.md``.
"""

from bot.report.html import HtmlReporter
from bot.report.json import JSON_SCHEMA_ID, JsonReporter
from bot.report.text import TextReporter

__all__ = [
    "FORMATS", "JSON_SCHEMA_ID", "HtmlReporter", "JsonReporter", "TextReporter", "get_reporter",
]

FORMATS = {"text": TextReporter, "json": JsonReporter, "html": HtmlReporter}


def get_reporter(fmt: str, stream, **meta):
    return FORMATS[fmt](stream, **meta)
