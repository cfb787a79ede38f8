"""Persons and institutions: lists, pages, current offices, counterparts, the most active people of a pair."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from dragoman.store.browse.cache import BrowseCache, cached
from dragoman.store.browse.common import EventFilter, Page, escape_like, institution_dict, person_dict, role_dict
from dragoman.store.browse.events import latest_ids
from dragoman.store.schema import Event, EventParticipant, Institution, Person, PersonName, PersonRole
from dragoman.textnorm import normalize_for_search

RECENT = 2000  # "active people" are counted over this many latest events


def persons_by_id(s: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    return {p.id: person_dict(p) for p in s.scalars(select(Person).where(Person.id.in_(list(ids))))}


def current_offices(s: Session, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The most recently seen role of each person."""
    if not ids:
        return {}
    best: dict[str, PersonRole] = {}
    for r in s.scalars(select(PersonRole).where(PersonRole.person_id.in_(list(ids)))):
        cur = best.get(r.person_id)
        if cur is None or (r.last_seen or "") > (cur.last_seen or ""):
            best[r.person_id] = r
    return {pid: role_dict(r) for pid, r in best.items()}


def _active(s: Session, f: EventFilter, sides: Sequence[str], cache: BrowseCache | None,
            per_side: int) -> dict[str, list[dict[str, Any]]]:
    """Participants of the latest events of ``f`` by the country they represented, most active first."""
    recent = latest_ids(s, f, RECENT, cache).subquery()
    rows = s.execute(
        select(EventParticipant.person_id, EventParticipant.country, func.count(), func.max(Event.date_start))
        .join(Event, Event.id == EventParticipant.event_id)
        .where(EventParticipant.event_id.in_(select(recent.c.id)), EventParticipant.country.in_(list(sides)))
        .group_by(EventParticipant.person_id, EventParticipant.country)
    ).all()
    counts: dict[str, Counter[str]] = {c: Counter() for c in sides}
    last: dict[str, str | None] = {}
    for pid, country, n, latest in rows:
        counts[country][pid] += int(n)
        last[pid] = max(filter(None, (last.get(pid), latest)), default=None)
    out: dict[str, list[dict[str, Any]]] = {}
    for side, counter in counts.items():
        top = [pid for pid, _ in counter.most_common(per_side)]
        people, offices = persons_by_id(s, top), current_offices(s, top)
        out[side] = [{**people[pid], "events": counter[pid], "last": last.get(pid), "office": offices.get(pid)}
                     for pid in top if pid in people]
    return out


def pair_people(s: Session, a: str, b: str, *, f: EventFilter | None = None, per_side: int = 12,
                cache: BrowseCache | None = None) -> dict[str, list[dict[str, Any]]]:
    """People on each side of a pair (from its latest events matching ``f``) with their current office."""
    f = (f or EventFilter()).with_(pair=(a, b))
    return cached(cache, ("pair_people", f, per_side), lambda: _active(s, f, (a, b), cache, per_side))


def country_people(s: Session, country: str, *, limit: int = 24,
                   cache: BrowseCache | None = None) -> list[dict[str, Any]]:
    """The most active people of a country in its latest events."""
    f = EventFilter(country=country)
    return cached(cache, ("country_people", country, limit), lambda: _active(s, f, [country], cache, limit)[country])


def get_person(s: Session, person_id: str) -> dict[str, Any] | None:
    """A person with every name form and role history."""
    p = s.get(Person, person_id)
    if p is None:
        return None
    out = person_dict(p)
    names = s.scalars(select(PersonName).where(PersonName.person_id == person_id)
                      .order_by(PersonName.script, PersonName.name))
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
        .group_by(EventParticipant.person_id).order_by(func.count().desc(), EventParticipant.person_id).limit(limit)
    ).all()
    people = persons_by_id(s, [r[0] for r in rows])
    return [{**people[pid], "events": int(n)} for pid, n in rows if pid in people]


def name_matches(q: str) -> Select[Any]:
    """Person ids whose normalised names contain every word of ``q``."""
    query = select(PersonName.person_id)
    for token in normalize_for_search(q).split()[:6]:
        query = query.where(PersonName.search.like(f"%{escape_like(token)}%", escape="\\"))
    return query


def list_persons(s: Session, *, country: str | None = None, q: str | None = None, institution: str | None = None,
                 limit: int = 50, offset: int = 0) -> Page:
    """Persons, filtered by country, institution or a name query (any script)."""
    query = select(Person)
    if country:
        query = query.where(Person.country == country)
    if institution:
        query = query.where(Person.id.in_(select(PersonRole.person_id).where(PersonRole.institution_id == institution)))
    if q:
        query = query.where(Person.id.in_(name_matches(q)))
    total = int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)
    items = [person_dict(p) for p in s.scalars(query.order_by(Person.name, Person.id).limit(limit).offset(offset))]
    offices = current_offices(s, [p["id"] for p in items])
    for p in items:
        p["office"] = offices.get(p["id"])
    return Page(items, total, limit, offset)


def get_institution(s: Session, inst_id: str) -> dict[str, Any] | None:
    i = s.get(Institution, inst_id)
    if i is None:
        return None
    out = institution_dict(i)
    rows = s.execute(
        select(PersonRole, Person).join(Person, Person.id == PersonRole.person_id)
        .where(PersonRole.institution_id == inst_id)
        .order_by(PersonRole.last_seen.desc().nulls_last(), PersonRole.id).limit(200)
    ).all()
    out["people"] = [{**person_dict(p), "role": role_dict(r)} for r, p in rows]
    return out


def list_institutions(s: Session, *, country: str | None = None, q: str | None = None,
                      limit: int = 50, offset: int = 0) -> Page:
    query = select(Institution)
    if country:
        query = query.where(Institution.country == country)
    if q:
        query = query.where(Institution.name.ilike(f"%{escape_like(q)}%", escape="\\"))
    total = int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = s.scalars(query.order_by(Institution.name, Institution.id).limit(limit).offset(offset))
    return Page([institution_dict(i) for i in rows], total, limit, offset)


def institutions_of(s: Session, countries: Iterable[str], limit: int = 200) -> list[dict[str, Any]]:
    query = select(Institution).where(Institution.country.in_(list(countries))).order_by(Institution.name).limit(limit)
    return [institution_dict(i) for i in s.scalars(query)]
