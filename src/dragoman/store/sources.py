"""Followed sources and fetched URLs: all SQL of live acquisition.

``sources`` holds each followed feed, sitemap or listing page with its schedule
and health (last success, last error, error count, next due time, articles
found); ``fetched_urls`` remembers every URL fetched with its validators (ETag,
Last-Modified), status and content hash, so a restarted watcher fetches nothing
it already has. The web app calls ``list_sources``, ``sources_health``,
``source_health``, ``add_source`` and ``remove_source``.

Timestamps are stored in UTC; SQLite hands them back without a zone, so every
reader here goes through ``aware`` before comparing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dragoman.errors import DragomanError, NotFound
from dragoman.store.schema import FetchedUrl, Source

SOURCE_KINDS = ("feed", "sitemap", "listing")
MIN_INTERVAL_SECONDS = 60
MAX_NAME_LENGTH = 255
_LANG = re.compile(r"^[a-z]{2,3}$")


class SourceInvalid(DragomanError):
    """A source that cannot be added as given (bad URL, kind, interval, pattern or a taken name)."""

    exit_code = 2


@dataclass
class SourceHealth:
    """How a followed source is doing; ``status`` is ok | failing | new | disabled."""

    id: int
    name: str
    url: str
    kind: str
    lang: str | None
    interval_seconds: int
    link_pattern: str | None
    enabled: bool
    status: str
    last_checked_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    error_count: int
    next_due_at: datetime | None
    articles_found: int
    urls_known: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: datetimes as ISO strings."""
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(self).items()}


def aware(value: datetime | None) -> datetime | None:
    """``value`` as an aware UTC datetime (SQLite returns naive ones)."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _now(now: datetime | None) -> datetime:
    return aware(now) or datetime.now(timezone.utc)  # type: ignore[return-value]


def _validate(name: str, url: str, kind: str, lang: str | None, interval_seconds: int, link_pattern: str | None) -> None:
    if not name or not name.strip() or len(name) > MAX_NAME_LENGTH:
        raise SourceInvalid(f"A source needs a name of 1 to {MAX_NAME_LENGTH} characters.")
    if kind not in SOURCE_KINDS:
        raise SourceInvalid(f"Unknown source kind {kind!r}: use one of {', '.join(SOURCE_KINDS)}.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceInvalid(f"{url!r} is not an http(s) URL.")
    if lang is not None and not _LANG.match(lang):
        raise SourceInvalid(f"{lang!r} is not a language code such as 'en' or 'ar'.")
    if interval_seconds < MIN_INTERVAL_SECONDS:
        raise SourceInvalid(f"The interval must be at least {MIN_INTERVAL_SECONDS} seconds, not {interval_seconds}.")
    if link_pattern:
        try:
            re.compile(link_pattern)
        except re.error as exc:
            raise SourceInvalid(f"The link pattern {link_pattern!r} is not a valid regular expression: {exc}.") from None


def add_source(
    session: Session,
    name: str,
    url: str,
    kind: str,
    *,
    lang: str | None = None,
    interval_seconds: int = 3600,
    link_pattern: str | None = None,
    enabled: bool = True,
    now: datetime | None = None,
) -> Source:
    """Follow a new source (due at once). Raises ``SourceInvalid`` for bad input or a taken name."""
    name, url = name.strip(), url.strip()
    lang = lang.strip().lower() if lang else None
    _validate(name, url, kind, lang, interval_seconds, link_pattern)
    if session.scalar(select(Source.id).where(Source.name == name)) is not None:
        raise SourceInvalid(f"There is already a source named {name!r}; remove it first or choose another name.")
    row = Source(
        name=name, url=url, kind=kind, lang=lang, interval_seconds=interval_seconds,
        link_pattern=link_pattern or None, enabled=enabled, created_at=_now(now), error_count=0,
        articles_found=0, next_due_at=None,
    )
    session.add(row)
    session.flush()
    return row


def get_source(session: Session, ref: int | str) -> Source | None:
    """A source by id or name."""
    if isinstance(ref, int):
        return session.get(Source, ref)
    return session.scalar(select(Source).where(Source.name == ref))


def _require(session: Session, ref: int | str) -> Source:
    source = get_source(session, ref)
    if source is None:
        raise NotFound(f"No source named {ref!r}. `dragoman sources list` shows them.")
    return source


def list_sources(session: Session) -> list[Source]:
    """All sources, by name."""
    return list(session.scalars(select(Source).order_by(Source.name)))


def remove_source(session: Session, ref: int | str) -> None:
    """Stop following a source; its fetched URLs stay known (their source becomes empty)."""
    source = _require(session, ref)
    for fetched in session.scalars(select(FetchedUrl).where(FetchedUrl.source_id == source.id)):
        fetched.source_id = None
    session.delete(source)
    session.flush()


def set_source_enabled(session: Session, ref: int | str, enabled: bool) -> Source:
    """Pause or resume a source."""
    source = _require(session, ref)
    source.enabled = enabled
    return source


def due_sources(session: Session, now: datetime | None = None, *, force: bool = False) -> list[Source]:
    """Enabled sources whose next check is due (all enabled ones with ``force``), most overdue first."""
    moment = _now(now)
    rows = session.scalars(select(Source).where(Source.enabled.is_(True)).order_by(Source.id))
    due = [s for s in rows if force or s.next_due_at is None or aware(s.next_due_at) <= moment]  # type: ignore[operator]
    return sorted(due, key=lambda s: aware(s.next_due_at) or datetime.min.replace(tzinfo=timezone.utc))


def next_due_time(session: Session) -> datetime | None:
    """When the earliest enabled source is next due (None if there are none)."""
    times = [aware(s.next_due_at) for s in session.scalars(select(Source).where(Source.enabled.is_(True)))]
    if any(t is None for t in times):
        return datetime.now(timezone.utc)
    return min(times) if times else None  # type: ignore[type-var]


def record_source_success(
    session: Session, source_id: int, *, now: datetime, etag: str | None, last_modified: str | None,
    new_articles: int, not_modified: bool = False,
) -> Source:
    """A successful check: clear the errors, store the validators, schedule the next check."""
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"Source {source_id} disappeared while it was being checked.")
    moment = _now(now)
    source.last_checked_at = source.last_success_at = moment
    if not not_modified:
        source.etag, source.last_modified = etag, last_modified
    source.error_count = 0
    source.articles_found += new_articles
    source.next_due_at = moment + timedelta(seconds=source.interval_seconds)
    return source


def record_source_error(session: Session, source_id: int, *, now: datetime, error: str, delay_seconds: float) -> Source:
    """A failed check: count it, keep the message and try again after ``delay_seconds``."""
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"Source {source_id} disappeared while it was being checked.")
    moment = _now(now)
    source.last_checked_at = source.last_error_at = moment
    source.last_error = error[:2000]
    source.error_count += 1
    source.next_due_at = moment + timedelta(seconds=delay_seconds)
    return source


def add_articles_found(session: Session, source_id: int, count: int) -> None:
    """Add to a source's count of articles found (for articles ingested after its check)."""
    source = session.get(Source, source_id)
    if source is not None and count:
        source.articles_found += count


def _health(source: Source, urls_known: int) -> SourceHealth:
    if not source.enabled:
        status = "disabled"
    elif source.last_checked_at is None:
        status = "new"
    elif source.error_count:
        status = "failing"
    else:
        status = "ok"
    return SourceHealth(
        id=source.id, name=source.name, url=source.url, kind=source.kind, lang=source.lang,
        interval_seconds=source.interval_seconds, link_pattern=source.link_pattern, enabled=source.enabled,
        status=status, last_checked_at=aware(source.last_checked_at), last_success_at=aware(source.last_success_at),
        last_error=source.last_error, last_error_at=aware(source.last_error_at), error_count=source.error_count,
        next_due_at=aware(source.next_due_at), articles_found=source.articles_found, urls_known=urls_known,
    )


def source_health(session: Session, ref: int | str) -> SourceHealth:
    """The health of one source. Raises ``NotFound``."""
    source = _require(session, ref)
    known = session.scalar(select(func.count()).select_from(FetchedUrl).where(FetchedUrl.source_id == source.id))
    return _health(source, int(known or 0))


def sources_health(session: Session) -> list[SourceHealth]:
    """The health of every source, by name."""
    counts = dict(
        session.execute(
            select(FetchedUrl.source_id, func.count()).where(FetchedUrl.source_id.is_not(None)).group_by(FetchedUrl.source_id)
        ).all()
    )
    return [_health(s, int(counts.get(s.id, 0))) for s in list_sources(session)]


# ------------------------------------------------------------------ fetched URLs


def hash_url(canonical: str) -> str:
    """The ``fetched_urls`` key of a canonical URL."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def get_fetched(session: Session, canonical: str) -> FetchedUrl | None:
    """What we know of one canonical URL."""
    return session.get(FetchedUrl, hash_url(canonical))


def fetched_by_url(session: Session, canonicals: Sequence[str]) -> dict[str, FetchedUrl]:
    """What we know of many canonical URLs: {canonical url: row} for the known ones."""
    hashes = {hash_url(u): u for u in canonicals}
    found: dict[str, FetchedUrl] = {}
    keys = list(hashes)
    for start in range(0, len(keys), 500):
        for row in session.scalars(select(FetchedUrl).where(FetchedUrl.url_hash.in_(keys[start:start + 500]))):
            found[hashes[row.url_hash]] = row
    return found


def record_fetched(
    session: Session,
    canonical: str,
    *,
    now: datetime,
    source_id: int | None = None,
    status: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    content_hash: str | None = None,
    document_id: int | None = None,
    error: str | None = None,
) -> FetchedUrl:
    """Insert or update what we know of a URL; None keeps the stored validators, hash and document."""
    row = session.get(FetchedUrl, hash_url(canonical))
    if row is None:
        row = FetchedUrl(url_hash=hash_url(canonical), url=canonical, fetched_at=_now(now))
        session.add(row)
    row.fetched_at = _now(now)
    row.status, row.error = status, (error[:2000] if error else None)
    if source_id is not None:
        row.source_id = source_id
    if status != 304 and error is None:
        row.etag, row.last_modified = etag, last_modified
    if content_hash is not None:
        row.content_hash = content_hash
    if document_id is not None:
        row.document_id = document_id
    session.flush()
    return row


def failed_fetches(session: Session, source_id: int, limit: int = 50) -> list[FetchedUrl]:
    """URLs of a source whose last fetch ended in an error (oldest first), for a retry."""
    query = (select(FetchedUrl).where(FetchedUrl.source_id == source_id, FetchedUrl.error.is_not(None))
             .order_by(FetchedUrl.fetched_at).limit(limit))
    return list(session.scalars(query))


def count_fetched(session: Session, source_id: int | None = None) -> int:
    """How many URLs are known (of one source, or in all)."""
    query = select(func.count()).select_from(FetchedUrl)
    if source_id is not None:
        query = query.where(FetchedUrl.source_id == source_id)
    return int(session.scalar(query) or 0)
