"""Event lists (paged newest first) and the event page.

A page of events is read in one of two ways, chosen from the cached counts of
its filter (``stats.EventStats``):

* a filter matching a large share of the store (``dense``) walks the events
  newest first on the date index, checking the filter on each row with
  ``EXISTS``, and stops after one page;
* a filter matching few events is driven from its id set and sorted.

Deep pages never count through the skipped rows: ``after`` (a ``Cursor``)
continues right after the last event shown, and a bare ``offset`` first skips
whole months with the per-month counts (``EventStats.seek``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from dragoman.store.browse.cache import BrowseCache
from dragoman.store.browse.common import Cursor, EventFilter, Page, document_dict, event_dict, person_dict, record_dict
from dragoman.store.browse.filters import correlated, driven, newest_first
from dragoman.store.browse.stats import EventStats, count_all_events, event_stats, upper_bound
from dragoman.store.schema import AgreementRecord, Document, Event, EventParticipant, EventSource, Person

DENSE_MIN = 1000     # below this many matches, sorting them all is cheap
DENSE_SHARE = 40     # ... and a filter matching more than 1/40 of the store walks the date index


def is_dense(s: Session, stats: EventStats, cache: BrowseCache | None) -> bool:
    """Whether walking all events newest first finds a page of matches quickly."""
    return stats.total > DENSE_MIN and stats.total * DENSE_SHARE >= count_all_events(s, cache)


def event_query(f: EventFilter, dense: bool, *columns: Any) -> Select[Any]:
    """``SELECT columns`` (default: the event) of the events matching ``f``, in the shape for ``dense``."""
    cols = columns or (Event,)
    return correlated(select(*cols), f) if dense else driven(f, *cols)


def _after(s: Session, query: Select[Any], cursor: Cursor, limit: int) -> list[str]:
    """Ids strictly after ``cursor`` in newest-first order: the dated ones (one index range), then undated."""
    if cursor.date is None:
        return list(s.scalars(query.where(Event.date_start.is_(None), Event.id > cursor.id)))
    ids = list(s.scalars(query.where(Event.date_start <= cursor.date,
                                     or_(Event.date_start < cursor.date, Event.id > cursor.id))))
    if len(ids) < limit:
        ids += s.scalars(query.where(Event.date_start.is_(None)).limit(limit - len(ids)))
    return ids


def page_ids(s: Session, f: EventFilter, stats: EventStats, *, limit: int, offset: int = 0,
             after: Cursor | None = None, cache: BrowseCache | None = None) -> list[str]:
    """Ids of one page of events matching ``f``, newest first."""
    dense = is_dense(s, stats, cache)
    query = event_query(f, dense, Event.id).order_by(*newest_first(s)).limit(limit)
    if after is not None:
        return _after(s, query, after, limit)
    position = stats.seek(offset) if offset else None
    if position is None or position[0] is None or offset + limit > stats.total - _undated(stats):
        return list(s.scalars(query.offset(offset)))
    bucket, inside = position
    return list(s.scalars(query.where(Event.date_start <= upper_bound(bucket)).offset(inside)))


def _undated(stats: EventStats) -> int:
    return sum(n for b, _, n in stats.buckets if b is None)


def events_page(s: Session, f: EventFilter = EventFilter(), *, limit: int = 50, offset: int = 0,
                after: Cursor | None = None, cache: BrowseCache | None = None, with_people: bool = True,
                stats: EventStats | None = None) -> Page:
    """One page of events matching ``f`` with the total, and the cursor of the next page."""
    stats = stats or event_stats(s, f, cache)
    ids = page_ids(s, f, stats, limit=limit, offset=offset, after=after, cache=cache)
    items = events_by_ids(s, ids, with_people=with_people)
    nxt = str(Cursor(items[-1]["date_start"], items[-1]["id"])) if len(items) == limit else None
    return Page(items, stats.total, limit, offset, next_after=nxt)


def list_events(s: Session, f: EventFilter = EventFilter(), *, limit: int = 50, offset: int = 0,
                with_people: bool = True, cache: BrowseCache | None = None) -> Page:
    """Events matching ``f``, newest first, with participants' names (the API's list)."""
    return events_page(s, f, limit=limit, offset=offset, cache=cache, with_people=with_people)


def count_events(s: Session, f: EventFilter = EventFilter(), cache: BrowseCache | None = None) -> int:
    return event_stats(s, f, cache).total


def latest_ids(s: Session, f: EventFilter, n: int, cache: BrowseCache | None = None) -> Select[Any]:
    """A subquery of the ids of the ``n`` newest events matching ``f`` (for 'who is active lately')."""
    dense = is_dense(s, event_stats(s, f, cache), cache)
    return event_query(f, dense, Event.id).order_by(*newest_first(s)).limit(n)


def timeline_points(s: Session, f: EventFilter, limit: int = 400, cache: BrowseCache | None = None
                    ) -> list[dict[str, Any]]:
    """The latest dated events (id, date, type, level, title), one timeline dot each."""
    dense = is_dense(s, event_stats(s, f, cache), cache)
    query = event_query(f, dense, Event.id, Event.date_start, Event.type, Event.level, Event.title)
    query = query.where(Event.date_start.is_not(None)).order_by(*newest_first(s)).limit(limit)
    return [{"id": i, "date": d, "type": t, "level": lv, "title": ti} for i, d, t, lv, ti in s.execute(query)]


def attach_participants(s: Session, events: list[dict[str, Any]]) -> None:
    """Add a short ``participants`` list (id, name, role, country) to each event dict."""
    ids = [e["id"] for e in events]
    if not ids:
        return
    rows = s.execute(
        select(EventParticipant.event_id, EventParticipant.role, EventParticipant.country, EventParticipant.title,
               Person.id, Person.name, Person.name_latin)
        .join(Person, Person.id == EventParticipant.person_id)
        .where(EventParticipant.event_id.in_(ids))
        .order_by(EventParticipant.id)
    ).all()
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev, role, country, title, pid, name, latin in rows:
        by_event[ev].append({"id": pid, "name": name, "name_latin": latin, "role": role, "country": country,
                             "title": title})
    for e in events:
        e["participants"] = by_event.get(e["id"], [])


def events_by_ids(s: Session, ids: Sequence[str], *, with_people: bool = True) -> list[dict[str, Any]]:
    """Full event dicts for ``ids``, in that order."""
    if not ids:
        return []
    found = {e.id: event_dict(e) for e in s.scalars(select(Event).where(Event.id.in_(list(ids))))}
    items = [found[i] for i in ids if i in found]
    if with_people:
        attach_participants(s, items)
    return items


def _participants(s: Session, event_id: str) -> list[dict[str, Any]]:
    parts = s.execute(
        select(EventParticipant, Person).join(Person, Person.id == EventParticipant.person_id)
        .where(EventParticipant.event_id == event_id).order_by(EventParticipant.id)
    ).all()
    return [{**person_dict(p), "role": ep.role, "title": ep.title, "organization": ep.organization,
             "country": ep.country or p.country, "documents": list(ep.documents or [])} for ep, p in parts]


def _sources(s: Session, event_id: str) -> list[dict[str, Any]]:
    srcs = s.execute(
        select(EventSource, Document).join(Document, Document.id == EventSource.document_id)
        .where(EventSource.event_id == event_id).order_by(Document.published, Document.id)
    ).all()
    return [{"id": es.id, "document": document_dict(d, text=True), "is_copy": es.is_copy,
             "evidence": list(es.evidence or []), "reading": dict(es.reading or {})} for es, d in srcs]


def get_event(s: Session, event_id: str) -> dict[str, Any] | None:
    """An event with participants, sources (documents and readings) and related events."""
    e = s.get(Event, event_id)
    if e is None:
        return None
    out = event_dict(e)
    out["plover"] = dict(e.plover or {})
    out["disagreements"] = list(e.disagreements or [])
    out["participants"] = _participants(s, event_id)
    out["sources"] = _sources(s, event_id)
    children = s.scalars(select(Event).where(Event.parent_id == event_id).limit(50))  # few: sorted here
    out["children"] = sorted((event_dict(c) for c in children), key=lambda c: (c["date_start"] or "", c["id"]))
    parent = s.get(Event, e.parent_id) if e.parent_id else None
    out["parent"] = event_dict(parent) if parent else None
    out["agreements"] = [record_dict(r, "agreement") for r in
                         s.scalars(select(AgreementRecord).where(AgreementRecord.event_id == event_id))]
    return out
