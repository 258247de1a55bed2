"""A seeded, faulty HTTP proxy in front of the test wiki (stdlib only), for fault injection.

Each request is, at random with a fixed seed, passed through or hit by one fault:

- ``500``/``502``/``503``: an error page, the wiki never sees the request;
- ``retry-after``: 503 with ``Retry-After: 1``;
- ``maxlag``: MediaWiki's maxlag error (HTTP 200, JSON, ``Retry-After``);
- ``stall``: the request waits ``stall`` seconds, then goes through;
- ``cut-before``: the connection is closed before the wiki sees the request;
- ``cut-after``: the wiki gets the request (an edit lands!) but the answer is cut halfway:
  the client never learns the outcome.

``max_in_a_row`` bounds consecutive faults so that a run can always make progress.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["FAULTS", "FaultProxy"]

FAULTS = ("500", "502", "503", "retry-after", "maxlag", "stall", "cut-before", "cut-after")
_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host",
        "proxy-connection", "te", "trailer", "upgrade", "content-encoding"}


class FaultProxy:
    def __init__(self, upstream: str, seed: int = 0, rate: float = 0.2,
                 faults: tuple[str, ...] = FAULTS, stall: float = 1.0, max_in_a_row: int = 2,
                 only_posts: bool = False, grace: int = 0):
        parts = urlsplit(upstream)
        self.upstream_host, self.upstream_port = parts.hostname, parts.port or 80
        self.rng = random.Random(seed)
        self.rate, self.faults, self.stall = rate, faults, stall
        self.max_in_a_row, self.only_posts = max_in_a_row, only_posts
        self.grace = grace  # the first requests (site info, login) always pass
        self.down_after: int | None = None  # from this request on, every answer is a 503
        self.lock = threading.Lock()
        self.in_a_row = 0
        self.injected: Counter = Counter()
        self.requests = 0
        self.enabled = True
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                proxy._handle(self)

            def do_POST(self):
                proxy._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.handle_error = lambda request, address: None  # clients that went away
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _choose(self, method: str) -> str | None:
        with self.lock:
            self.requests += 1
            if self.down_after is not None and self.requests > self.down_after:
                self.injected["down"] += 1
                return "503"
            if (not self.enabled or self.requests <= self.grace
                    or (self.only_posts and method != "POST")):
                return None
            roll = self.rng.random()
            fault = self.rng.choice(self.faults)
            if roll >= self.rate or self.in_a_row >= self.max_in_a_row:
                self.in_a_row = 0
                return None
            self.in_a_row += 1
            self.injected[fault] += 1
            return fault

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        fault = self._choose(handler.command)
        if fault in ("500", "502", "503"):
            return _reply(handler, int(fault), b"<html><body>Server error</body></html>",
                          "text/html")
        if fault == "retry-after":
            return _reply(handler, 503, b"<html>busy</html>", "text/html",
                          {"Retry-After": "1"})
        if fault == "maxlag":
            data = json.dumps({"error": {"code": "maxlag", "info": "Waiting for 127.0.0.1: "
                                         "2 seconds lagged.", "host": "127.0.0.1",
                                         "lag": 2}}).encode()
            return _reply(handler, 200, data, "application/json",
                          {"Retry-After": "1", "X-Database-Lag": "2"})
        if fault == "cut-before":
            handler.close_connection = True
            return None
        if fault == "stall":
            time.sleep(self.stall)
        status, headers, data = self._forward(handler, body)
        if fault == "cut-after":
            handler.send_response(status)
            for key, value in headers:
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data[: len(data) // 2])
            handler.wfile.flush()
            handler.close_connection = True
            return None
        handler.send_response(status)
        for key, value in headers:
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
        return None

    def _forward(self, handler, body: bytes):
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=120)
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in _HOP}
        headers["Host"] = f"{self.upstream_host}:{self.upstream_port}"
        headers["Accept-Encoding"] = "identity"
        conn.request(handler.command, handler.path, body=body or None, headers=headers)
        response = conn.getresponse()
        data = response.read()
        out = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP]
        conn.close()
        return response.status, out, data


def _reply(handler, status: int, data: bytes, ctype: str, extra: dict | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    for key, value in (extra or {}).items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
