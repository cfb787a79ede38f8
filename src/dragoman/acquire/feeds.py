"""RSS and Atom feeds: the article links they announce, read with feedparser.

feedparser gets the bytes we fetched (wrapped in a stream, so it never fetches
anything itself) and resolves relative links against the feed URL. A feed that
feedparser cannot make sense of and that has no entries is an error of the
source; a slightly broken feed that still has entries is read as far as it goes.
"""

from __future__ import annotations

import calendar
import io
import logging
from datetime import datetime, timezone
from typing import Any

import feedparser

from dragoman.acquire.http import FetchFailed
from dragoman.acquire.urls import Candidate, absolute_http_url

log = logging.getLogger("dragoman.acquire")


def _when(entry: Any, key: str) -> datetime | None:
    parsed = dict.get(entry, f"{key}_parsed")  # dict.get: no feedparser fallback between the two keys
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


def _link(entry: Any, base: str) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            url = absolute_http_url(link["href"], base)
            if url:
                return url
    return absolute_http_url(entry.get("link"), base) or (
        absolute_http_url(entry.get("id"), base) if entry.get("guidislink", True) else None
    )


def parse_feed(body: bytes, base_url: str, content_type: str = "application/xml") -> list[Candidate]:
    """The entries of an RSS/Atom feed as candidates, newest information first as given by the feed.

    Raises ``FetchFailed`` when the document is not a feed at all.
    """
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={"content-location": base_url, "content-type": content_type},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not parsed.entries:
        if parsed.bozo:
            reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or str(
                parsed.get("bozo_exception") or "unreadable"
            )
            raise FetchFailed(f"{base_url}: not a readable feed ({reason})")
        if not parsed.get("version"):
            raise FetchFailed(f"{base_url}: not an RSS or Atom feed")
        return []
    feed_lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    out: list[Candidate] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        url = _link(entry, base_url)
        if not url or url in seen:
            continue
        seen.add(url)
        published = _when(entry, "published") or _when(entry, "updated")
        out.append(Candidate(
            url=url,
            title=(entry.get("title") or None),
            published=published.date().isoformat() if published else None,
            updated=_when(entry, "updated") or published,
            lang=feed_lang,
        ))
    if parsed.bozo:
        if not out:
            raise FetchFailed(f"{base_url}: a malformed feed with no usable links ({parsed.get('bozo_exception')})")
        log.warning("feed %s is malformed (%s); reading its %d links anyway",
                    base_url, parsed.get("bozo_exception"), len(out))
    return out
