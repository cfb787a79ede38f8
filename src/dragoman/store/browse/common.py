"""Shared pieces of the read queries: the event filter, pages, cursors and row-to-dict conversions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from dragoman.store.schema import Document, Event, Institution, Person, PersonRole

PAIR_RE = re.compile(r"^([A-Z]{2})-([A-Z]{2})$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CURSOR_RE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)?~([A-Za-z0-9_.:-]{1,64})$")
EVENT_TYPES = ("meeting", "visit", "phone_call", "agreement", "message", "other")


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by event lists, charts, the API and the pair page (hashable: a cache key)."""

    pair: tuple[str, str] | None = None
    country: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    person: str | None = None
    institution: str | None = None
    lang: str | None = None
    outlet: str | None = None
    level: int | None = None

    def with_(self, **changes: Any) -> "EventFilter":
        return replace(self, **changes)


@dataclass(frozen=True)
class Cursor:
    """A position in the newest-first event order: the last event shown (its start date and id).

    Pages link to the next page with ``?after=<date>~<id>``, so a deep page costs
    the same as the first one; ``offset`` stays accepted for the API.
    """

    date: str | None
    id: str

    @classmethod
    def parse(cls, text: str | None) -> "Cursor | None":
        m = CURSOR_RE.match(text or "")
        return cls(m.group(1) or None, m.group(2)) if m else None

    def __str__(self) -> str:
        return f"{self.date or ''}~{self.id}"


@dataclass
class Page:
    """One page of a list, with the total for pagination and the cursor of the next page."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    extra: dict[str, Any] = field(default_factory=dict)
    next_after: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset, **self.extra}


def parse_pair(text: str) -> tuple[str, str] | None:
    """'AZ-BH' (either order, any case) -> ('AZ', 'BH'); None if malformed."""
    m = PAIR_RE.match((text or "").strip().upper())
    if not m or m.group(1) == m.group(2):
        return None
    a, b = sorted((m.group(1), m.group(2)))
    return a, b


def event_dict(e: Event) -> dict[str, Any]:
    """The public summary of an event (stable keys; used by pages and the API)."""
    return {
        "id": e.id,
        "type": e.type,
        "status": e.status,
        "date_start": e.date_start,
        "date_end": e.date_end,
        "granularity": e.granularity,
        "title": e.title,
        "location_name": e.location_name,
        "location_country": e.location_country,
        "countries": list(e.countries or []),
        "topics": list(e.topics or []),
        "level": e.level,
        "confidence": e.confidence,
        "reports": e.reports,
        "newsrooms": e.newsrooms,
        "parent_id": e.parent_id,
    }


def person_dict(p: Person) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "name_latin": p.name_latin, "country": p.country}


def institution_dict(i: Institution) -> dict[str, Any]:
    return {"id": i.id, "name": i.name, "country": i.country, "kind": i.kind, "names": dict(i.names or {})}


def document_dict(d: Document, *, text: bool = False) -> dict[str, Any]:
    out = {
        "id": d.id,
        "external_id": d.external_id,
        "url": d.url,
        "outlet": d.outlet,
        "title": d.title,
        "lang": d.lang,
        "published": d.published,
        "place": d.place,
        "place_country": d.place_country,
        "revision": d.revision,
    }
    if text:
        out["text"] = d.text
    return out


def role_dict(r: PersonRole) -> dict[str, Any]:
    return {
        "title": r.title,
        "organization": r.organization,
        "institution_id": r.institution_id,
        "country": r.country,
        "first_seen": r.first_seen,
        "last_seen": r.last_seen,
    }


def record_dict(r: Any, kind: str) -> dict[str, Any]:
    """An agreement, milestone or commitment record."""
    base = {"id": r.id, "document_id": r.document_id, "pair": r.pair, "evidence": list(r.evidence or [])}
    if kind == "agreement":
        base.update(title=r.title, date=r.date, status=r.status, parties=list(r.parties or []), event_id=r.event_id)
    elif kind == "milestone":
        base.update(what=r.what, kind=r.kind, date=r.date, countries=list(r.countries or []))
    else:
        base.update(text=r.text, kind=r.kind, due=r.due, countries=list(r.countries or []))
    return base


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def merge_lists(*lists: Iterable[dict[str, Any]], key: str = "id") -> list[dict[str, Any]]:
    """Concatenate dict lists, dropping later duplicates by ``key``."""
    seen: set[Any] = set()
    out = []
    for lst in lists:
        for item in lst:
            if item[key] not in seen:
                seen.add(item[key])
                out.append(item)
    return out
