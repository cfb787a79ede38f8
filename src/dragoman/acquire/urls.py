"""Article URLs: canonical form, hashing, and the ``Candidate`` a source yields.

The canonical form is what we store as a document's external id and what we
de-duplicate on: lower-case scheme and host, no default port, no fragment, no
tracking parameters (utm_*, fbclid, gclid...), the remaining query kept in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|yclid|ref_src)$", re.I)
MAX_URL_LENGTH = 2048


@dataclass
class Candidate:
    """An article URL found in a feed, sitemap or listing, with what the source says about it."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO date, if the source gives one
    updated: datetime | None = None  # when the source says the article last changed
    lang: str | None = None


def canonical_url(url: str) -> str:
    """``url`` in canonical form (see the module docstring); a URL that cannot be parsed is kept as is."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def absolute_http_url(href: str | None, base: str) -> str | None:
    """``href`` resolved against ``base`` if it is an http(s) URL of sane length, else None."""
    if not href:
        return None
    href = href.strip()
    if not href or len(href) > MAX_URL_LENGTH:
        return None
    try:
        url = urljoin(base, href)
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def same_host(a: str, b: str) -> bool:
    """Whether two URLs are on the same host, ignoring a leading ``www.``."""
    def host(u: str) -> str:
        return (urlsplit(u).hostname or "").lower().removeprefix("www.")

    return host(a) == host(b)


def parse_iso_datetime(value: str | None) -> datetime | None:
    """A W3C/ISO date or datetime (sitemap lastmod) as an aware UTC datetime, or None."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)
