"""JSON output, streamed: findings are written as they are found.

The document is one object; its schema is ``wikiwarden/audit-1`` (docs/json-schema.md).
Keys are only ever added, never renamed or removed, within a schema version.
"""

from __future__ import annotations

import json
from typing import TextIO

from bot import __version__
from bot.runner import AuditStats, PageResult

__all__ = ["JSON_SCHEMA_ID", "JsonReporter"]

JSON_SCHEMA_ID = "wikiwarden/audit-1"


class JsonReporter:
    def __init__(self, stream: TextIO, **meta):
        self.stream = stream
        self.meta = meta
        self.problems: list[dict] = []
        self._first = True

    def start(self) -> None:
        head = {"schema": JSON_SCHEMA_ID, "version": __version__, **self.meta}
        text = json.dumps(head, ensure_ascii=False)
        self.stream.write(text[:-1] + ', "findings": [')

    def page(self, result: PageResult) -> None:
        if result.problem is not None:
            self.problems.append(result.problem.to_dict())
            return
        for finding in result.findings:
            record = finding.to_dict()
            record["location"] = result.document.where
            separator = "\n  " if self._first else ",\n  "
            self.stream.write(separator + json.dumps(record, ensure_ascii=False))
            self._first = False

    def finish(self, stats: AuditStats) -> None:
        self.stream.write("\n], \"problems\": ")
        self.stream.write(json.dumps(self.problems, ensure_ascii=False))
        self.stream.write(', "summary": ' + json.dumps(stats.to_dict()) + "}\n")
