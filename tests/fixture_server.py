"""A local HTTP server for fetch tests: static fixture pages plus scripted responses.

Register the fixture in ``tests/conftest.py`` with::

    from tests.fixture_server import fixture_http_server  # noqa: F401

It listens on 127.0.0.1 with an ephemeral port in a background thread, for the whole
session (``FixtureServer(tls_context=...)`` serves https instead). Routes (all GET):

* ``/pages/<file>`` - a file from ``tests/data/pages/``, with ETag and Last-Modified and 304
  answers to If-None-Match / If-Modified-Since. ``?type=<content type>`` overrides the
  Content-Type header (``.html`` is ``text/html``, ``.xml`` ``application/rss+xml``;
  ``none`` sends none).
* ``/redirect/<n>?to=<url>`` - a chain of ``n`` redirects ending with one to ``to``
  (default ``/pages/article.html``). ``/redirect-to?url=<url>&status=302`` - one redirect.
* ``/loop/a`` and ``/loop/b`` redirect to each other; ``/no-location`` is a 302 without one.
* ``/slow?delay=<s>`` waits before answering; ``/drip?interval=<s>&count=<n>`` sends the
  headers, then one byte every ``interval`` seconds.
* ``/huge?size=<n>&length=0|1`` streams ``n`` bytes of HTML, with or without Content-Length;
  ``/gzip?size=<n>`` sends ``n`` bytes of HTML gzip-compressed.
* ``/type?ct=<content type>`` - a small body with that Content-Type (``none`` for none).
* ``/status/<code>`` - that status with a small HTML body.
* ``/conditional`` - ETag ``"v1"`` and a Last-Modified date, 304 when they match.
* ``/echo`` - the request line and headers as ``text/plain`` (names lowercased).
"""

from __future__ import annotations

import gzip
import hashlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

PAGES_DIR = Path(__file__).resolve().parent / "data" / "pages"
LAST_MODIFIED = formatdate(1710441000, usegmt=True)  # 2024-03-14 18:30:00 UTC
CONTENT_TYPES = {
    ".html": "text/html",
    ".xml": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]


@dataclass
class FixtureServer:
    """A running fixture server; ``requests`` records every request it received."""

    pages_dir: Path = PAGES_DIR
    host: str = "127.0.0.1"
    port: int = 0
    tls_context: ssl.SSLContext | None = None
    requests: list[RecordedRequest] = field(default_factory=list)
    _httpd: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        scheme = "https" if self.tls_context else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def start(self) -> FixtureServer:
        handler = type("BoundHandler", (_Handler,), {"server_state": self})
        server_class = _QuietServer6 if ":" in self.host else _QuietServer
        httpd = server_class((self.host, 0), handler)
        if self.tls_context is not None:
            httpd.socket = self.tls_context.wrap_socket(
                httpd.socket, server_side=True, do_handshake_on_connect=False
            )
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def requests_to(self, path_prefix: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.startswith(path_prefix)]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early (timeouts, size caps, TLS failures) are expected."""


class _QuietServer6(_QuietServer):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    server_state: FixtureServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return

    # ---------------------------------------------------------------- helpers

    def _send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        try:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
        except OSError:
            return
        if body:
            self._write(body)

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            return False
        return True

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", None, {"Location": location})

    def _not_modified(self, etag: str, last_modified: str) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip() for t in if_none_match.split(",")]
            return etag in tags or "*" in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified)
            except (TypeError, ValueError):
                return False
        return False

    # ---------------------------------------------------------------- routes

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.server_state.requests.append(
            RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()})
        )
        segments = [s for s in path.split("/") if s]
        route = segments[0] if segments else ""
        handler = getattr(self, f"route_{route.replace('-', '_')}", None)
        if handler is None:
            self._send(404, b"<html><body><p>No such fixture route</p></body></html>")
            return
        handler(segments[1:], query)

    def route_pages(self, rest: list[str], query: dict[str, str]) -> None:
        name = "/".join(rest)
        file = (self.server_state.pages_dir / name).resolve()
        if not name or not file.is_file() or self.server_state.pages_dir not in file.parents:
            self._send(404, b"<html><body><p>Not found</p></body></html>")
            return
        body = file.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if self._not_modified(etag, LAST_MODIFIED):
            self._send(304, b"", None, validators)
            return
        content_type = query.get("type") or CONTENT_TYPES.get(file.suffix, "text/plain")
        self._send(200, body, None if content_type == "none" else content_type, validators)

    def route_redirect(self, rest: list[str], query: dict[str, str]) -> None:
        remaining = int(rest[0]) if rest else 1
        target = query.get("to", "/pages/article.html")
        if remaining <= 1:
            self._redirect(target)
        else:
            suffix = f"?{urlsplit(self.path).query}" if urlsplit(self.path).query else ""
            self._redirect(f"/redirect/{remaining - 1}{suffix}")

    def route_redirect_to(self, rest: list[str], query: dict[str, str]) -> None:
        self._redirect(query.get("url", "/pages/article.html"), int(query.get("status", "302")))

    def route_loop(self, rest: list[str], query: dict[str, str]) -> None:
        self._redirect("/loop/b" if rest[:1] == ["a"] else "/loop/a", 301)

    def route_no_location(self, rest: list[str], query: dict[str, str]) -> None:
        self._send(302, b"", None)

    def route_slow(self, rest: list[str], query: dict[str, str]) -> None:
        time.sleep(float(query.get("delay", "2")))
        self._send(200, b"<html><body><p>Finally.</p></body></html>")

    def route_drip(self, rest: list[str], query: dict[str, str]) -> None:
        interval = float(query.get("interval", "0.2"))
        count = int(query.get("count", "50"))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(count))
        self.end_headers()
        for _ in range(count):
            if not self._write(b"x"):
                return
            time.sleep(interval)

    def route_huge(self, rest: list[str], query: dict[str, str]) -> None:
        size = int(query.get("size", str(10 * 1024 * 1024)))
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if query.get("length", "1") == "1":
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
        sent = 0
        while sent < size:
            piece = chunk[: size - sent]
            if not self._write(piece):
                return
            sent += len(piece)

    def route_gzip(self, rest: list[str], query: dict[str, str]) -> None:
        size = int(query.get("size", "1000"))
        body = gzip.compress(b"<p>" + b"a" * max(size - 3, 0), compresslevel=9)
        self._send(200, body, "text/html", {"Content-Encoding": "gzip"})

    def route_type(self, rest: list[str], query: dict[str, str]) -> None:
        content_type = query.get("ct", "text/html")
        body = query.get("body", "<html><body><p>Typed body</p></body></html>").encode()
        self._send(200, body, None if content_type == "none" else content_type)

    def route_status(self, rest: list[str], query: dict[str, str]) -> None:
        code = int(rest[0]) if rest else 500
        self._send(code, f"<html><body><p>Status {code}</p></body></html>".encode())

    def route_conditional(self, rest: list[str], query: dict[str, str]) -> None:
        etag = '"v1"'
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if self._not_modified(etag, LAST_MODIFIED):
            self._send(304, b"", None, validators)
            return
        body = b"<html><body><p>Conditional content, version one.</p></body></html>"
        self._send(200, body, "text/html; charset=utf-8", validators)

    def route_echo(self, rest: list[str], query: dict[str, str]) -> None:
        lines = [f"{self.command} {self.path}"]
        lines += [f"{k.lower()}: {v}" for k, v in self.headers.items()]
        self._send(200, "\n".join(lines).encode(), "text/plain; charset=utf-8")


@pytest.fixture(scope="session")
def fixture_http_server() -> Iterator[FixtureServer]:
    """A :class:`FixtureServer` on 127.0.0.1 for the whole test session."""
    with FixtureServer() as server:
        yield server
