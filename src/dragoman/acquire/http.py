"""The polite, safe HTTP client every acquisition goes through.

``PoliteClient.fetch(url, kind)`` does one logical GET:

- the URL and every redirect hop are checked by ``safety.check_url`` and the
  connection is pinned to the checked address (``safety.PinnedTransport``);
  redirects are followed by hand, at most ``max_redirects``, loops refused;
- robots.txt of each host is fetched through this same client, cached and
  honoured (RFC 9309: 4xx means allow all, 5xx or no answer means try later);
  a Crawl-delay slows that host down;
- a per-host throttle keeps ``per_host_delay`` seconds between requests and at
  most ``per_host_concurrency`` requests in flight per host;
- conditional GET: pass the stored ETag / Last-Modified, get ``not_modified``;
- the body is streamed and abandoned past the size limit of its kind (the
  Content-Length is checked first, compressed bodies are inflated in bounded
  steps), and past ``total_timeout`` seconds;
- only the content types that suit the kind are accepted.

Problems raise ``FetchRefused`` (we will not fetch this) or ``FetchFailed``
(the server or network failed; worth retrying later).
"""

from __future__ import annotations

import email.utils
import logging
import re
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from dragoman.acquire.options import AcquireOptions
from dragoman.acquire.safety import AddressPolicy, PinnedTransport, check_url
from dragoman.errors import DragomanError, FetchRefused

log = logging.getLogger("dragoman.acquire")

Kind = Literal["page", "feed", "sitemap", "listing", "robots"]
ROBOTS_AGENT = "Dragoman"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
XML_TYPES = {"application/xml", "text/xml"}
FEED_TYPES = XML_TYPES | {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml"}
GZIP_TYPES = {"application/gzip", "application/x-gzip"}
ACCEPTED_TYPES: dict[str, set[str]] = {
    "page": HTML_TYPES,
    "listing": HTML_TYPES,
    "feed": FEED_TYPES,
    "sitemap": XML_TYPES | GZIP_TYPES | {"text/plain"},
}
ACCEPT_HEADERS = {
    "page": "text/html,application/xhtml+xml;q=0.9",
    "listing": "text/html,application/xhtml+xml;q=0.9",
    "feed": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.8",
    "sitemap": "application/xml,text/xml;q=0.9,text/plain;q=0.5",
    "robots": "text/plain",
}
MAX_CRAWL_DELAY = 60.0


class FetchFailed(DragomanError):
    """The server or the network failed (timeout, refused connection, HTTP 5xx...): retry later.

    ``status`` is the HTTP status if there was one; ``retry_after`` the seconds
    the server asked us to wait (429/503), if it said.
    """

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class Stopped(Exception):
    """Raised inside a fetch when the stop event was set (SIGINT/SIGTERM)."""


@dataclass
class Validators:
    """What we know of a URL from an earlier fetch, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchResult:
    """One completed GET (after redirects)."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str = ""
    charset: str | None = None
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the declared charset, else a <meta charset>, else UTF-8."""
        return decode_body(self.body, self.charset)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)


def decode_body(body: bytes, charset: str | None) -> str:
    """Decode ``body``; an unknown or missing charset falls back to the page's meta tag, then UTF-8."""
    candidates = [charset] if charset else []
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    if body.startswith(b"\xef\xbb\xbf"):
        candidates.insert(0, "utf-8-sig")
    for name in candidates + ["utf-8"]:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``"text/html; charset=utf-8"`` -> ``("text/html", "utf-8")``."""
    if not value:
        return "", None
    main, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return main.strip().lower(), charset


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def human_bytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB" if n >= 1024 else f"{n} bytes"


class HostThrottle:
    """Per-host politeness: a minimum delay between request starts and a concurrency cap."""

    def __init__(self, delay: float, concurrency: int, stop: threading.Event | None = None) -> None:
        self.delay = delay
        self.concurrency = max(1, concurrency)
        self.stop = stop or threading.Event()
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        """Use a longer delay for ``host`` (e.g. its robots.txt Crawl-delay)."""
        with self._lock:
            self._delays[host] = max(self.delay, min(delay, MAX_CRAWL_DELAY))

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for a free slot and our turn on ``host``; raise ``Stopped`` if asked to stop."""
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        while not sem.acquire(timeout=0.2):
            if self.stop.is_set():
                raise Stopped()
        try:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, 0.0))
                self._next_start[host] = start + self._delays.get(host, self.delay)
            if start > now and self.stop.wait(start - now):
                raise Stopped()
            if self.stop.is_set():
                raise Stopped()
            yield
        finally:
            sem.release()


@dataclass
class _RobotsEntry:
    expires: float
    parser: RobotFileParser | None = None
    error: FetchFailed | None = None


class _BoundedInflater:
    """Inflates gzip/deflate bodies without ever producing more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        wbits = 47 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._z = zlib.decompressobj(wbits)
        self._limit = limit
        self._encoding = encoding
        self._raw_deflate = encoding == "deflate"

    def feed(self, chunk: bytes) -> bytes:
        try:
            out = self._z.decompress(chunk, self._limit + 1)
        except zlib.error:
            if self._raw_deflate:  # some servers send raw deflate without the zlib header
                self._z, self._raw_deflate = zlib.decompressobj(-zlib.MAX_WBITS), False
                return self.feed(chunk)
            raise FetchFailed(f"corrupt {self._encoding} body") from None
        if self._z.unconsumed_tail:
            out += b"x" * (self._limit + 1)  # more output than allowed: the caller aborts
        return out


class PoliteClient:
    """The one HTTP client of acquisition. Use as a context manager; safe to share between threads."""

    def __init__(self, options: AcquireOptions, stop: threading.Event | None = None) -> None:
        self.options = options
        self.stop = stop or threading.Event()
        self.throttle = HostThrottle(options.per_host_delay, options.per_host_concurrency, self.stop)
        self._robots: dict[str, _RobotsEntry] = {}
        self._robots_lock = threading.Lock()
        self._origin_locks: dict[str, threading.Lock] = {}
        self.policy = AddressPolicy(options.allow_private, frozenset(h.lower() for h in options.allowed_hosts))
        timeout = httpx.Timeout(
            connect=options.connect_timeout, read=options.read_timeout, write=options.read_timeout,
            pool=options.total_timeout,
        )
        self._http = httpx.Client(
            transport=PinnedTransport(self.policy, max_connections=max(4, options.concurrency * 2)),
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ public

    def fetch(self, url: str, kind: Kind, validators: Validators | None = None) -> FetchResult:
        """GET ``url`` safely and politely, following redirects by hand. See the module docstring."""
        seen = [url]
        current = url
        deadline = time.monotonic() + self.options.total_timeout
        while True:
            check_url(current, self.policy)
            if kind != "robots":
                self._check_robots(current)
            result = self._get_once(current, kind, validators, deadline)
            if result.status not in REDIRECT_STATUSES:
                result.url, result.redirects = url, seen[1:]
                return self._accept(result, kind)
            nxt = urljoin(current, result.final_url)
            if nxt in seen:
                raise FetchRefused(f"{url}: redirect loop ({' -> '.join(seen[-3:])} -> {nxt})")
            if len(seen) > self.options.max_redirects:
                raise FetchRefused(f"{url}: more than {self.options.max_redirects} redirects")
            log.debug("redirect %s -> %s", current, nxt)
            seen.append(nxt)
            current = nxt

    def robots_allows(self, url: str) -> bool:
        """Whether robots.txt lets Dragoman fetch ``url`` (fetching robots.txt if needed)."""
        try:
            self._check_robots(url)
        except FetchRefused:
            return False
        return True

    # ----------------------------------------------------------------- helpers

    def _accept(self, result: FetchResult, kind: Kind) -> FetchResult:
        if result.status == 304 or kind == "robots":
            return result
        if result.status >= 400:
            raise FetchFailed(f"{result.url}: HTTP {result.status}", status=result.status)
        allowed = ACCEPTED_TYPES[kind]
        if result.content_type and result.content_type not in allowed:
            raise FetchRefused(f"{result.url}: content type {result.content_type} is not accepted for a {kind}")
        if not result.content_type and not result.body.lstrip()[:1] == b"<":
            raise FetchRefused(f"{result.url}: no content type and the body is not markup")
        return result

    def _get_once(self, url: str, kind: Kind, validators: Validators | None, deadline: float) -> FetchResult:
        headers = {"Accept": ACCEPT_HEADERS[kind]}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        host = urlsplit(url).hostname or ""
        with self.throttle.slot(host):
            try:
                with self._http.stream("GET", url, headers=headers) as response:
                    return self._read(url, kind, response, deadline)
            except httpx.TimeoutException as exc:
                raise FetchFailed(f"{url}: timed out ({type(exc).__name__})") from None
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                raise FetchRefused(f"{url}: {exc}") from None
            except httpx.HTTPError as exc:
                raise FetchFailed(f"{url}: {type(exc).__name__}: {exc or 'connection failed'}") from None

    def _limit(self, kind: Kind) -> int:
        if kind == "robots":
            return self.options.max_robots_bytes
        return self.options.max_feed_bytes if kind in ("feed", "sitemap") else self.options.max_page_bytes

    def _read(self, url: str, kind: Kind, response: httpx.Response, deadline: float) -> FetchResult:
        status = response.status_code
        content_type, charset = parse_content_type(response.headers.get("content-type"))
        result = FetchResult(
            url=url, final_url=url, status=status, content_type=content_type, charset=charset,
            etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
        )
        if status in REDIRECT_STATUSES:
            location = response.headers.get("location")
            if not location:
                raise FetchFailed(f"{url}: HTTP {status} without a Location", status=status)
            result.final_url = location
            return result
        if status == 304:
            return result
        if status >= 400:
            retry = parse_retry_after(response.headers.get("retry-after"))
            raise FetchFailed(f"{url}: HTTP {status} {response.reason_phrase}".rstrip(), status, retry)
        if kind != "robots" and content_type and content_type not in ACCEPTED_TYPES[kind]:
            raise FetchRefused(f"{url}: content type {content_type} is not accepted for a {kind}")
        result.body = self._read_body(url, kind, response, deadline)
        return result

    def _read_body(self, url: str, kind: Kind, response: httpx.Response, deadline: float) -> bytes:
        limit = self._limit(kind)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchRefused(f"{url}: {human_bytes(int(declared))} is larger than the {human_bytes(limit)} limit")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "", "gzip", "x-gzip", "deflate"):
            raise FetchRefused(f"{url}: unsupported content encoding {encoding!r}")
        inflater = _BoundedInflater(encoding, limit) if encoding not in ("identity", "") else None
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw(chunk_size=64 * 1024):
            chunk = inflater.feed(raw) if inflater else raw
            size += len(chunk)
            if size > limit:
                raise FetchRefused(f"{url}: the response is larger than the {human_bytes(limit)} limit")
            if time.monotonic() > deadline:
                raise FetchFailed(f"{url}: took longer than {self.options.total_timeout:g} s")
            if self.stop.is_set():
                raise Stopped()
            chunks.append(chunk)
        return b"".join(chunks)

    def _check_robots(self, url: str) -> None:
        if not self.options.respect_robots:
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        entry = self._robots_entry(origin, parts.hostname or "")
        if entry.error is not None:
            raise FetchFailed(str(entry.error), entry.error.status, entry.error.retry_after)
        if entry.parser is not None and not entry.parser.can_fetch(ROBOTS_AGENT, url):
            raise FetchRefused(f"{url}: disallowed by robots.txt")

    def _robots_entry(self, origin: str, host: str) -> _RobotsEntry:
        with self._robots_lock:
            origin_lock = self._origin_locks.setdefault(origin, threading.Lock())
        with origin_lock:  # one robots.txt request per origin, however many threads ask
            with self._robots_lock:
                entry = self._robots.get(origin)
            if entry is not None and entry.expires > time.monotonic():
                return entry
            entry = self._load_robots(origin, host)
            with self._robots_lock:
                self._robots[origin] = entry
            return entry

    def _load_robots(self, origin: str, host: str) -> _RobotsEntry:
        ttl = self.options.robots_ttl
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            result = self.fetch(origin + "/robots.txt", "robots")
        except FetchFailed as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                parser.parse([])  # RFC 9309: unavailable robots.txt means no restriction
                return _RobotsEntry(time.monotonic() + ttl, parser)
            why = FetchFailed(f"robots.txt of {origin} could not be read ({exc}); trying later",
                              exc.status, exc.retry_after)
            return _RobotsEntry(time.monotonic() + min(ttl, 60.0), error=why)
        except FetchRefused:
            parser.parse([])
            return _RobotsEntry(time.monotonic() + ttl, parser)
        parser.parse(result.text().splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self.throttle.set_delay(host, float(delay))
        return _RobotsEntry(time.monotonic() + ttl, parser)
