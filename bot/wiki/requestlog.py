"""Counting the HTTP requests pywikibot sends (a ``requests`` response hook)."""

from __future__ import annotations

__all__ = ["RequestLog"]


class RequestLog:
    """Counts HTTP requests pywikibot sends, by kind (a ``requests`` response hook)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []

    def __call__(self, response, *args, **kwargs):
        request = response.request
        body = request.body or b""
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        self.requests.append({"method": request.method, "url": request.url, "body": body})
        return response

    def count(self, predicate=lambda r: True) -> int:
        return sum(1 for r in self.requests if predicate(r))

    @staticmethod
    def is_write(record: dict) -> bool:
        """An edit (save) request."""
        return "action=edit" in record["body"] or "action=edit" in record["url"]

    @staticmethod
    def is_content_fetch(record: dict) -> bool:
        """A read of page texts: ``prop=revisions`` with ``rvprop`` including content."""
        from urllib.parse import parse_qs, urlsplit

        params = parse_qs(urlsplit(record["url"]).query)
        params.update(parse_qs(record["body"]))
        props = ",".join(params.get("prop", [])).replace("%7C", "|")
        rvprop = ",".join(params.get("rvprop", [])).replace("%7C", "|")
        return "revisions" in props and "content" in rvprop
