"""Read queries for the web application and its JSON API.

Every page and every ``/api/v1`` endpoint reads the store through these
functions; the web package never builds SQL. Results are plain dicts that are
JSON-ready (the API returns them as they are; the templates read the same keys).

Performance notes (100,000 events, see ``bench/bench_web.py``): a country pair
is found through ``event_countries`` (index ``country, event_id`` on one side,
the primary key on the other); lists are paged with LIMIT/OFFSET and a separate
COUNT; aggregates (per period, per type, top pairs) are single GROUP BY queries.
The store-wide "most active pairs" aggregate is memoised for a short time
(``top_pairs``) because it reads every row of ``event_countries``.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from dragoman.store.schema import (
    AgreementRecord,
    CommitmentRecord,
    Document,
    DocumentEntity,
    Event,
    EventCountry,
    EventParticipant,
    EventSource,
    Extraction,
    Institution,
    MilestoneRecord,
    Person,
    PersonName,
    PersonRole,
)
from dragoman.textnorm import normalize_for_search

PAIR_RE = re.compile(r"^([A-Z]{2})-([A-Z]{2})$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
EVENT_TYPES = ("meeting", "visit", "phone_call", "agreement", "message", "other")


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by event lists, charts, the API and the pair page."""

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


@dataclass
class Page:
    """One page of a list, with the total for pagination."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset, **self.extra}


def parse_pair(text: str) -> tuple[str, str] | None:
    """'AZ-BH' (either order, any case) -> ('AZ', 'BH'); None if malformed."""
    m = PAIR_RE.match((text or "").strip().upper())
    if not m or m.group(1) == m.group(2):
        return None
    a, b = sorted((m.group(1), m.group(2)))
    return a, b


# ----------------------------------------------------------------- row -> dict


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


def _record_dict(r: Any, kind: str) -> dict[str, Any]:
    base = {"id": r.id, "document_id": r.document_id, "pair": r.pair, "evidence": list(r.evidence or [])}
    if kind == "agreement":
        base.update(title=r.title, date=r.date, status=r.status, parties=list(r.parties or []), event_id=r.event_id)
    elif kind == "milestone":
        base.update(what=r.what, kind=r.kind, date=r.date, countries=list(r.countries or []))
    else:
        base.update(text=r.text, kind=r.kind, due=r.due, countries=list(r.countries or []))
    return base


# ----------------------------------------------------------------- event filters


def _pair_ids(a: str, b: str) -> Select[Any]:
    """Ids of events involving both countries."""
    ea, eb = aliased(EventCountry), aliased(EventCountry)
    return (
        select(ea.event_id)
        .join(eb, and_(eb.event_id == ea.event_id, eb.country == b))
        .where(ea.country == a)
    )


def _apply(query: Select[Any], f: EventFilter) -> Select[Any]:
    """Add the WHERE clauses of ``f`` to a query over ``Event``."""
    if f.pair:
        query = query.where(Event.id.in_(_pair_ids(*f.pair)))
    if f.country:
        query = query.where(Event.id.in_(select(EventCountry.event_id).where(EventCountry.country == f.country)))
    if f.type:
        query = query.where(Event.type == f.type)
    if f.since:
        query = query.where(Event.date_start >= f.since)
    if f.until:
        query = query.where(Event.date_start <= f.until + "\uffff")
    if f.level:
        query = query.where(Event.level == f.level)
    if f.person:
        query = query.where(Event.id.in_(select(EventParticipant.event_id).where(EventParticipant.person_id == f.person)))
    if f.institution:
        members = select(PersonRole.person_id).where(PersonRole.institution_id == f.institution)
        query = query.where(
            Event.id.in_(select(EventParticipant.event_id).where(EventParticipant.person_id.in_(members)))
        )
    if f.lang or f.outlet:
        docs = select(EventSource.event_id).join(Document, Document.id == EventSource.document_id)
        if f.lang:
            docs = docs.where(Document.lang == f.lang)
        if f.outlet:
            docs = docs.where(Document.outlet == f.outlet)
        query = query.where(Event.id.in_(docs))
    return query


def count_events(s: Session, f: EventFilter = EventFilter()) -> int:
    return int(s.scalar(_apply(select(func.count(Event.id)), f)) or 0)


def list_events(s: Session, f: EventFilter = EventFilter(), *, limit: int = 50, offset: int = 0,
                with_people: bool = True) -> Page:
    """Events matching ``f``, newest first, with participants' names."""
    query = _apply(select(Event), f).order_by(Event.date_start.desc().nulls_last(), Event.id).limit(limit).offset(offset)
    items = [event_dict(e) for e in s.scalars(query)]
    if with_people:
        attach_participants(s, items)
    return Page(items, count_events(s, f), limit, offset)


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


def event_period_counts(s: Session, f: EventFilter, period: str = "year") -> list[dict[str, Any]]:
    """Counts per period ('year' or 'month') and type: [{period, type, n}]."""
    width = 4 if period == "year" else 7
    bucket = func.substr(Event.date_start, 1, width)
    query = _apply(select(bucket, Event.type, func.count()), f).where(func.length(Event.date_start) >= width)
    rows = s.execute(query.group_by(bucket, Event.type).order_by(bucket)).all()
    return [{"period": p, "type": t, "n": int(n)} for p, t, n in rows]


def event_type_counts(s: Session, f: EventFilter) -> dict[str, int]:
    rows = s.execute(_apply(select(Event.type, func.count()), f).group_by(Event.type)).all()
    return {t: int(n) for t, n in sorted(rows, key=lambda r: -r[1])}


def timeline_points(s: Session, f: EventFilter, limit: int = 400) -> list[dict[str, Any]]:
    """The latest dated events (id, date, type, level, title) for the timeline drawing."""
    query = _apply(select(Event.id, Event.date_start, Event.type, Event.level, Event.title), f)
    query = query.where(Event.date_start.is_not(None)).order_by(Event.date_start.desc()).limit(limit)
    return [{"id": i, "date": d, "type": t, "level": lv, "title": ti} for i, d, t, lv, ti in s.execute(query)]


def date_range(s: Session, f: EventFilter) -> tuple[str | None, str | None]:
    row = s.execute(_apply(select(func.min(Event.date_start), func.max(Event.date_start)), f)).one()
    return row[0], row[1]


@dataclass
class Digest:
    """The light columns (id, date, type, level, title) of every event matching a filter, newest first.

    One query feeds a whole page: the count, the counts per type and period,
    the date range, the timeline and the ids of the listed page, instead of
    running the (possibly costly) filter once per widget.
    """

    rows: list[tuple[str, str | None, str, int | None, str | None]]

    @property
    def total(self) -> int:
        return len(self.rows)

    def type_counts(self) -> dict[str, int]:
        return dict(Counter(r[2] for r in self.rows).most_common())

    def period_counts(self, period: str = "year") -> list[dict[str, Any]]:
        width = 4 if period == "year" else 7
        counts = Counter((r[1][:width], r[2]) for r in self.rows if r[1] and len(r[1]) >= width)
        return [{"period": p, "type": t, "n": n} for (p, t), n in sorted(counts.items())]

    def date_range(self) -> tuple[str | None, str | None]:
        dated = [r[1] for r in self.rows if r[1]]
        return (min(dated), max(dated)) if dated else (None, None)

    def timeline(self, limit: int = 400) -> list[dict[str, Any]]:
        """The latest ``limit`` dated events (titles are filled in by ``with_titles``)."""
        dated = [r for r in self.rows if r[1]][:limit]
        return [{"id": i, "date": d, "type": t, "level": lv, "title": ti} for i, d, t, lv, ti in dated]


    def ids(self, offset: int = 0, limit: int | None = None) -> list[str]:
        end = None if limit is None else offset + limit
        return [r[0] for r in self.rows[offset:end]]


def with_titles(s: Session, points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fill the ``title`` of timeline points (one query for all)."""
    ids = [p["id"] for p in points]
    titles: dict[str, str] = {}
    if ids:
        rows = s.execute(select(Event.id, Event.title).where(Event.id.in_(ids), Event.title.is_not(None))).all()
        titles = {i: t for i, t in rows}
    return [{**p, "title": titles.get(p["id"])} for p in points]


def event_digest(s: Session, f: EventFilter) -> Digest:
    """The digest of the events matching ``f``; a pair or country filter drives the query as a join."""
    columns = (Event.id, Event.date_start, Event.type, Event.level)
    if f.pair:
        ea, eb = aliased(EventCountry), aliased(EventCountry)
        query = (select(*columns).select_from(ea)
                 .join(eb, and_(eb.event_id == ea.event_id, eb.country == f.pair[1]))
                 .join(Event, Event.id == ea.event_id).where(ea.country == f.pair[0]))
        query = _apply(query, f.with_(pair=None))
    elif f.country:
        query = (select(*columns).select_from(EventCountry).join(Event, Event.id == EventCountry.event_id)
                 .where(EventCountry.country == f.country))
        query = _apply(query, f.with_(country=None))
    else:
        query = _apply(select(*columns), f)
    rows = [(*r, None) for r in s.execute(query)]
    rows.sort(key=lambda r: r[0])
    rows.sort(key=lambda r: r[1] or "", reverse=True)  # stable: equal dates keep id order
    return Digest(rows)  # type: ignore[arg-type]


def events_by_ids(s: Session, ids: Sequence[str], *, with_people: bool = True) -> list[dict[str, Any]]:
    """Full event dicts for ``ids``, in that order."""
    if not ids:
        return []
    found = {e.id: event_dict(e) for e in s.scalars(select(Event).where(Event.id.in_(list(ids))))}
    items = [found[i] for i in ids if i in found]
    if with_people:
        attach_participants(s, items)
    return items


def digest_page(s: Session, digest: Digest, *, limit: int = 50, offset: int = 0) -> Page:
    return Page(events_by_ids(s, digest.ids(offset, limit)), digest.total, limit, offset)


# ----------------------------------------------------------------- overview


def overview_counts(s: Session) -> dict[str, int]:
    """Row counts for the overview cards."""
    def n(col: Any) -> int:
        return int(s.scalar(select(func.count(col))) or 0)

    return {
        "documents": n(Document.id),
        "events": n(Event.id),
        "persons": n(Person.id),
        "institutions": n(Institution.id),
        "agreements": n(AgreementRecord.id),
    }


_PAIR_CACHE: dict[tuple[str, int], tuple[float, list[dict[str, Any]]]] = {}
_PAIR_LOCK = threading.Lock()
PAIR_CACHE_SECONDS = 60.0


def top_pairs(s: Session, limit: int = 10, *, country: str | None = None, cache: bool = True) -> list[dict[str, Any]]:
    """The most active country pairs: [{pair, a, b, events, last}] by event count.

    Memoised per database for ``PAIR_CACHE_SECONDS`` (and invalidated by
    ``forget_cached``), since the store-wide aggregate reads every event row.
    """
    key = (f"{s.get_bind().url}|{country or ''}", limit)
    now = time.monotonic()
    with _PAIR_LOCK:
        hit = _PAIR_CACHE.get(key)
    if cache and hit and now - hit[0] < PAIR_CACHE_SECONDS:
        return [dict(r) for r in hit[1]]
    ea, eb = aliased(EventCountry), aliased(EventCountry)
    query = select(ea.country, eb.country, func.count()).join(
        eb, and_(eb.event_id == ea.event_id, eb.country > ea.country))
    if country:
        query = select(ea.country, eb.country, func.count()).join(
            eb, and_(eb.event_id == ea.event_id, eb.country != ea.country)).where(ea.country == country)
    rows = s.execute(query.group_by(ea.country, eb.country).order_by(func.count().desc()).limit(limit)).all()
    result = []
    for a, b, n in rows:
        x, y = sorted((a, b))
        result.append({"pair": f"{x}-{y}", "a": x, "b": y, "events": int(n)})
    with _PAIR_LOCK:
        _PAIR_CACHE[key] = (now, result)
    return [dict(r) for r in result]


def forget_cached() -> None:
    """Drop memoised aggregates (after a write through the app)."""
    with _PAIR_LOCK:
        _PAIR_CACHE.clear()


def latest_documents(s: Session, limit: int = 8) -> list[dict[str, Any]]:
    query = select(Document).order_by(Document.published.desc().nulls_last(), Document.id.desc()).limit(limit)
    return [document_dict(d) for d in s.scalars(query)]


# ----------------------------------------------------------------- pair page


def pair_people(s: Session, a: str, b: str, *, event_ids: Sequence[str] | None = None, recent: int = 2000,
                per_side: int = 12) -> dict[str, list[dict[str, Any]]]:
    """People on each side of a pair (from its latest ``recent`` events) with their current office."""
    if event_ids is None:
        event_ids = event_digest(s, EventFilter(pair=(a, b))).ids(0, recent)
    return {side: people[:per_side] for side, people in _people_of(s, list(event_ids)[:recent], (a, b)).items()}


def _people_of(s: Session, event_ids: list[str], sides: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Participants of ``event_ids`` grouped by the country they represented, most active first."""
    counts: dict[str, Counter[str]] = {c: Counter() for c in sides}
    last: dict[str, str | None] = {}
    for chunk in range(0, len(event_ids), 5000):
        rows = s.execute(
            select(EventParticipant.person_id, EventParticipant.country, func.count(), func.max(Event.date_start))
            .join(Event, Event.id == EventParticipant.event_id)
            .where(EventParticipant.event_id.in_(event_ids[chunk:chunk + 5000]))
            .group_by(EventParticipant.person_id, EventParticipant.country)
        ).all()
        for pid, country, n, latest_date in rows:
            if country in counts:
                counts[country][pid] += int(n)
                last[pid] = max(filter(None, (last.get(pid), latest_date)), default=None)
    out: dict[str, list[dict[str, Any]]] = {}
    for side, counter in counts.items():
        top = [pid for pid, _ in counter.most_common(24)]
        people = persons_by_id(s, top)
        offices = current_offices(s, top)
        out[side] = [{**people[pid], "events": counter[pid], "last": last.get(pid), "office": offices.get(pid)}
                     for pid in top if pid in people]
    return out


def persons_by_id(s: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    return {p.id: person_dict(p) for p in s.scalars(select(Person).where(Person.id.in_(list(ids))))}


def current_offices(s: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The most recently seen role of each person."""
    if not ids:
        return {}
    rows = s.scalars(select(PersonRole).where(PersonRole.person_id.in_(list(ids))))
    best: dict[str, PersonRole] = {}
    for r in rows:
        cur = best.get(r.person_id)
        if cur is None or (r.last_seen or "") > (cur.last_seen or ""):
            best[r.person_id] = r
    return {pid: role_dict(r) for pid, r in best.items()}


def pair_records(s: Session, pair: str, kind: str, limit: int = 100) -> list[dict[str, Any]]:
    """Agreements, milestones or commitments recorded for a pair, newest first."""
    model = {"agreement": AgreementRecord, "milestone": MilestoneRecord, "commitment": CommitmentRecord}[kind]
    date_col = model.due if kind == "commitment" else model.date
    query = select(model).where(model.pair == pair).order_by(date_col.desc().nulls_last(), model.id).limit(limit)
    return [_record_dict(r, kind) for r in s.scalars(query)]


def institutions_of(s: Session, countries: Iterable[str], limit: int = 200) -> list[dict[str, Any]]:
    query = select(Institution).where(Institution.country.in_(list(countries))).order_by(Institution.name).limit(limit)
    return [institution_dict(i) for i in s.scalars(query)]


# ----------------------------------------------------------------- event page


def get_event(s: Session, event_id: str) -> dict[str, Any] | None:
    """An event with participants, sources (documents and readings) and related events."""
    e = s.get(Event, event_id)
    if e is None:
        return None
    out = event_dict(e)
    out["plover"] = dict(e.plover or {})
    out["disagreements"] = list(e.disagreements or [])
    parts = s.execute(
        select(EventParticipant, Person).join(Person, Person.id == EventParticipant.person_id)
        .where(EventParticipant.event_id == event_id).order_by(EventParticipant.id)
    ).all()
    out["participants"] = [
        {**person_dict(p), "role": ep.role, "title": ep.title, "organization": ep.organization,
         "country": ep.country or p.country, "documents": list(ep.documents or [])}
        for ep, p in parts
    ]
    srcs = s.execute(
        select(EventSource, Document).join(Document, Document.id == EventSource.document_id)
        .where(EventSource.event_id == event_id).order_by(Document.published, Document.id)
    ).all()
    out["sources"] = [
        {"id": es.id, "document": document_dict(d, text=True), "is_copy": es.is_copy,
         "evidence": list(es.evidence or []), "reading": dict(es.reading or {})}
        for es, d in srcs
    ]
    children = s.scalars(select(Event).where(Event.parent_id == event_id).limit(50))  # few: sorted here
    out["children"] = sorted((event_dict(c) for c in children), key=lambda c: (c["date_start"] or "", c["id"]))
    parent = s.get(Event, e.parent_id) if e.parent_id else None
    out["parent"] = event_dict(parent) if parent else None
    out["agreements"] = [_record_dict(r, "agreement") for r in
                         s.scalars(select(AgreementRecord).where(AgreementRecord.event_id == event_id))]
    return out


# ----------------------------------------------------------------- persons


def get_person(s: Session, person_id: str) -> dict[str, Any] | None:
    """A person with every name form and role history."""
    p = s.get(Person, person_id)
    if p is None:
        return None
    out = person_dict(p)
    names = s.scalars(select(PersonName).where(PersonName.person_id == person_id).order_by(PersonName.script, PersonName.name))
    out["names"] = [{"name": n.name, "script": n.script} for n in names]
    roles = s.scalars(select(PersonRole).where(PersonRole.person_id == person_id)
                      .order_by(PersonRole.last_seen.desc().nulls_last(), PersonRole.id))
    out["roles"] = [role_dict(r) for r in roles]
    out["office"] = out["roles"][0] if out["roles"] else None
    return out


def person_counterparts(s: Session, person_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """The people this person met most often: [{id, name, country, events}]."""
    mine = select(EventParticipant.event_id).where(EventParticipant.person_id == person_id)
    rows = s.execute(
        select(EventParticipant.person_id, func.count())
        .where(EventParticipant.event_id.in_(mine), EventParticipant.person_id != person_id)
        .group_by(EventParticipant.person_id).order_by(func.count().desc()).limit(limit)
    ).all()
    people = persons_by_id(s, [r[0] for r in rows])
    return [{**people[pid], "events": int(n)} for pid, n in rows if pid in people]


def list_persons(s: Session, *, country: str | None = None, q: str | None = None, institution: str | None = None,
                 limit: int = 50, offset: int = 0) -> Page:
    """Persons, filtered by country, institution or a name query (any script)."""
    query = select(Person)
    if country:
        query = query.where(Person.country == country)
    if institution:
        query = query.where(Person.id.in_(select(PersonRole.person_id).where(PersonRole.institution_id == institution)))
    if q:
        query = query.where(Person.id.in_(_name_matches(q)))
    total = int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = s.scalars(query.order_by(Person.name, Person.id).limit(limit).offset(offset))
    items = [person_dict(p) for p in rows]
    offices = current_offices(s, [p["id"] for p in items])
    for p in items:
        p["office"] = offices.get(p["id"])
    return Page(items, total, limit, offset)


def _name_matches(q: str) -> Select[Any]:
    """Person ids whose normalised names contain every word of ``q``."""
    query = select(PersonName.person_id)
    for token in normalize_for_search(q).split()[:6]:
        query = query.where(PersonName.search.like(f"%{_escape_like(token)}%", escape="\\"))
    return query


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# ----------------------------------------------------------------- institutions and countries


def get_institution(s: Session, inst_id: str) -> dict[str, Any] | None:
    i = s.get(Institution, inst_id)
    if i is None:
        return None
    out = institution_dict(i)
    rows = s.execute(
        select(PersonRole, Person).join(Person, Person.id == PersonRole.person_id)
        .where(PersonRole.institution_id == inst_id)
        .order_by(PersonRole.last_seen.desc().nulls_last()).limit(200)
    ).all()
    out["people"] = [{**person_dict(p), "role": role_dict(r)} for r, p in rows]
    return out


def list_institutions(s: Session, *, country: str | None = None, q: str | None = None,
                      limit: int = 50, offset: int = 0) -> Page:
    query = select(Institution)
    if country:
        query = query.where(Institution.country == country)
    if q:
        query = query.where(Institution.name.ilike(f"%{_escape_like(q)}%", escape="\\"))
    total = int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = s.scalars(query.order_by(Institution.name, Institution.id).limit(limit).offset(offset))
    return Page([institution_dict(i) for i in rows], total, limit, offset)


def country_people(s: Session, country: str, *, event_ids: Sequence[str] | None = None, recent: int = 2000,
                   limit: int = 24) -> list[dict[str, Any]]:
    """The most active people of a country in its latest ``recent`` events."""
    if event_ids is None:
        event_ids = event_digest(s, EventFilter(country=country)).ids(0, recent)
    return _people_of(s, list(event_ids)[:recent], [country])[country][:limit]


# ----------------------------------------------------------------- documents


def document_events(s: Session, document_id: int) -> list[dict[str, Any]]:
    """Events this document reports, with its evidence for each."""
    rows = s.execute(
        select(EventSource, Event).join(Event, Event.id == EventSource.event_id)
        .where(EventSource.document_id == document_id).order_by(Event.date_start)
    ).all()
    return [{**event_dict(e), "evidence": list(es.evidence or []), "reading": dict(es.reading or {})} for es, e in rows]


def document_entity_map(s: Session, document_id: int) -> dict[str, tuple[str, str]]:
    """local key -> (kind, global id) for linking a document's mentions."""
    rows = s.execute(select(DocumentEntity.local_key, DocumentEntity.kind, DocumentEntity.entity_id)
                     .where(DocumentEntity.document_id == document_id))
    return {k: (kind, eid) for k, kind, eid in rows}


def extraction_of(s: Session, document_id: int) -> dict[str, Any] | None:
    """The stored ExtractionResult JSON of a document (mentions with offsets), if any."""
    row = s.get(Extraction, document_id)
    return dict(row.result) if row is not None else None


def documents_by_id(s: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    return {d.id: document_dict(d) for d in s.scalars(select(Document).where(Document.id.in_(list(ids))))}


def outlets(s: Session, limit: int = 100) -> list[str]:
    rows = s.execute(select(Document.outlet, func.count()).where(Document.outlet.is_not(None))
                     .group_by(Document.outlet).order_by(func.count().desc()).limit(limit))
    return [o for o, _ in rows]


# ----------------------------------------------------------------- search


def search_persons(s: Session, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Persons by any form of their name; diacritics and Arabic letter forms ignored."""
    tokens = normalize_for_search(q).split()
    if not tokens:
        return []
    found = list_persons(s, q=q, limit=limit).items
    if found or len(tokens) == 1:
        return found
    # No one carries every word: people matching any word of three letters or more.
    return merge_lists(*(list_persons(s, q=t, limit=limit).items for t in tokens if len(t) >= 3))[:limit]


def events_of_documents(s: Session, document_ids: Sequence[int], f: EventFilter = EventFilter(),
                        limit: int = 20) -> list[dict[str, Any]]:
    """Events reported by any of these documents (search results), newest first."""
    if not document_ids:
        return []
    ids = select(EventSource.event_id).where(EventSource.document_id.in_(list(document_ids)))
    query = _apply(select(Event).where(Event.id.in_(ids)), f).order_by(Event.date_start.desc().nulls_last()).limit(limit)
    items = [event_dict(e) for e in s.scalars(query)]
    attach_participants(s, items)
    return items


def events_with_people(s: Session, person_ids: Sequence[str], f: EventFilter = EventFilter(),
                       limit: int = 20) -> list[dict[str, Any]]:
    if not person_ids:
        return []
    ids = select(EventParticipant.event_id).where(EventParticipant.person_id.in_(list(person_ids)))
    query = _apply(select(Event).where(Event.id.in_(ids)), f).order_by(Event.date_start.desc().nulls_last()).limit(limit)
    items = [event_dict(e) for e in s.scalars(query)]
    attach_participants(s, items)
    return items


def known_countries(s: Session) -> list[str]:
    """Countries present in ``event_countries`` (for filter menus)."""
    return [c for (c,) in s.execute(select(EventCountry.country).distinct().order_by(EventCountry.country))]


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


__all__ = [
    "EVENT_TYPES",
    "EventFilter",
    "Page",
    "parse_pair",
    "list_events",
    "count_events",
    "get_event",
    "get_person",
    "get_institution",
    "top_pairs",
    "overview_counts",
]
