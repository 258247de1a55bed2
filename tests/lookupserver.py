"""A stand-in for the lookup services in tests: a real HTTP server on 127.0.0.1 (standard
library, one thread per request) answering from a route table, and logging every request.

Routes map a path prefix to a function ``(path, query) -> (status, headers, body)``; the
fixtures it serves are written by hand from each API's documentation (tests/fixtures/lookups).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

__all__ = ["FIXTURES", "LookupServer", "json_reply"]

FIXTURES = Path(__file__).parent / "fixtures" / "lookups"


def json_reply(data, status: int = 200, headers: dict | None = None):
    return status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(data)


class LookupServer:
    """``with LookupServer() as server: server.route("/works/", handler)``; ``server.url``."""

    def __init__(self):
        self.routes: list[tuple[str, object]] = []
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                outer.requests.append({"path": parts.path, "query": query,
                                       "headers": dict(self.headers),
                                       "at": time.monotonic()})
                for prefix, handler in outer.routes:
                    if parts.path.startswith(prefix):
                        status, headers, body = handler(parts.path, query)
                        break
                else:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, "no route"
                data = body.encode("utf-8") if isinstance(body, str) else body
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def route(self, prefix: str, handler) -> None:
        self.routes.append((prefix, handler))

    def hits(self, prefix: str = "") -> list[dict]:
        return [r for r in self.requests if r["path"].startswith(prefix)]

    def __enter__(self) -> LookupServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
