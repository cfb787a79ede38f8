"""A real HTTP server on 127.0.0.1 serving the invented site, counting every hit."""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dragoman.acquire import AcquireOptions
from tests.acquire.site import Route, build_site


class SiteServer:
    """The running server: ``url(path)``, ``hits[path]``, ``routes`` (editable), ``requests`` log."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: collections.Counter[str] = collections.Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.bytes_sent: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.routes = build_site(self.base)
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def article_hits(self) -> int:
        return sum(n for p, n in self.hits.items() if p.startswith("/news/"))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?")[0]
                with server.lock:
                    server.hits[path] += 1
                    server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(path)
                if route is None:
                    return self._send(404, {"Content-Type": "text/plain"}, b"not found")
                if route.delay:
                    time.sleep(route.delay)
                headers = {"Content-Type": route.content_type, **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                if route.status == 200 and self._not_modified(route):
                    return self._send(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
                if route.stream_bytes:
                    return self._stream(route, headers, path)
                self._send(route.status, headers, route.body)

            def _not_modified(self, route: Route) -> bool:
                inm = self.headers.get("If-None-Match")
                if inm is not None and route.etag:
                    return inm == route.etag
                ims = self.headers.get("If-Modified-Since")
                return bool(ims and route.last_modified and ims == route.last_modified)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _stream(self, route: Route, headers: dict[str, str], path: str) -> None:
                self.send_response(200)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>"
                sent = 0
                try:
                    while sent < route.stream_bytes:
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        sent += len(chunk)
                        with server.lock:
                            server.bytes_sent[path] = sent
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        return Handler


@pytest.fixture
def site() -> Iterator[SiteServer]:
    server = SiteServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


@pytest.fixture
def fast_options() -> AcquireOptions:
    """Allow the test server, small limits, short timeouts, no politeness delay, no extraction."""
    from dragoman.ingest import IngestOptions

    return AcquireOptions(
        allow_private=True, max_page_bytes=1024 * 1024, max_feed_bytes=1024 * 1024,
        connect_timeout=1.0, read_timeout=0.5, total_timeout=3.0, per_host_delay=0.0,
        per_host_concurrency=4, concurrency=4, backoff_base=60.0,
        ingest=IngestOptions(extract=False, resolve=False),
    )
