"""An ``EventFilter`` as SQL, in the two shapes the planner needs.

* ``driven``: the most selective id set of the filter (a pair, a person, an
  institution's people, a country) drives the query as a join, and the rest of
  the filter is checked on each event. Right for aggregates and for filters
  that match few events.
* ``correlated``: every condition is a correlated ``EXISTS`` so the query
  walks the events newest first on ``ix_events_date_start`` and stops after one
  page. Right when the filter matches a large share of the events (a busy
  pair, a whole country, no filter at all).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.orm import Session, aliased

from dragoman.store.browse.common import EventFilter
from dragoman.store.schema import Document, Event, EventCountry, EventParticipant, EventSource, PersonRole


def pair_ids(a: str, b: str) -> Select[Any]:
    """Ids of events involving both countries (each once)."""
    ea, eb = aliased(EventCountry), aliased(EventCountry)
    return (select(ea.event_id.label("event_id"))
            .join(eb, and_(eb.event_id == ea.event_id, eb.country == b)).where(ea.country == a))


def _members(institution: str) -> Select[Any]:
    return select(PersonRole.person_id).where(PersonRole.institution_id == institution)


def _source_docs(f: EventFilter) -> Select[Any]:
    docs = select(EventSource.event_id).join(Document, Document.id == EventSource.document_id)
    if f.lang:
        docs = docs.where(Document.lang == f.lang)
    if f.outlet:
        docs = docs.where(Document.outlet == f.outlet)
    return docs


def _plain(query: Select[Any], f: EventFilter) -> Select[Any]:
    """The conditions on the event row itself."""
    if f.type:
        query = query.where(Event.type == f.type)
    if f.since:
        query = query.where(Event.date_start >= f.since)
    if f.until:
        query = query.where(Event.date_start <= f.until + "\uffff")
    if f.level:
        query = query.where(Event.level == f.level)
    return query


def apply_in(query: Select[Any], f: EventFilter) -> Select[Any]:
    """Add ``f`` to a query over ``Event`` with ``IN (subquery)`` conditions."""
    if f.pair:
        query = query.where(Event.id.in_(pair_ids(*f.pair)))
    if f.country:
        query = query.where(Event.id.in_(select(EventCountry.event_id).where(EventCountry.country == f.country)))
    if f.person:
        attended = select(EventParticipant.event_id).where(EventParticipant.person_id == f.person)
        query = query.where(Event.id.in_(attended))
    if f.institution:
        query = query.where(Event.id.in_(
            select(EventParticipant.event_id).where(EventParticipant.person_id.in_(_members(f.institution)))))
    if f.lang or f.outlet:
        query = query.where(Event.id.in_(_source_docs(f)))
    return _plain(query, f)


def correlated(query: Select[Any], f: EventFilter) -> Select[Any]:
    """Add ``f`` to a query over ``Event`` with correlated ``EXISTS`` (the outer query keeps its order)."""
    def has_country(code: str) -> Any:
        ec = aliased(EventCountry)
        return exists().where(ec.event_id == Event.id, ec.country == code)

    for code in (f.pair or ()) + ((f.country,) if f.country else ()):
        query = query.where(has_country(code))
    if f.person:
        query = query.where(exists().where(EventParticipant.event_id == Event.id,
                                           EventParticipant.person_id == f.person))
    if f.institution:
        query = query.where(exists().where(EventParticipant.event_id == Event.id,
                                           EventParticipant.person_id.in_(_members(f.institution))))
    if f.lang or f.outlet:
        query = query.where(Event.id.in_(_source_docs(f)))
    return _plain(query, f)


def driver(f: EventFilter) -> tuple[Select[Any] | None, EventFilter]:
    """The most selective id set of ``f`` (distinct event ids) and what is left of the filter."""
    if f.pair:
        return pair_ids(*f.pair), f.with_(pair=None)
    if f.person:
        return (select(EventParticipant.event_id.label("event_id")).where(EventParticipant.person_id == f.person),
                f.with_(person=None))
    if f.institution:
        ids = (select(EventParticipant.event_id.label("event_id")).distinct()
               .where(EventParticipant.person_id.in_(_members(f.institution))))
        return ids, f.with_(institution=None)
    if f.country:
        return (select(EventCountry.event_id.label("event_id")).where(EventCountry.country == f.country),
                f.with_(country=None))
    return None, f


def driven(f: EventFilter, *columns: Any) -> Select[Any]:
    """``SELECT columns`` over the events matching ``f``, joined from the filter's driving id set."""
    ids, rest = driver(f)
    query = select(*columns)
    if ids is not None:
        sub = ids.subquery()
        query = query.select_from(sub).join(Event, Event.id == sub.c.event_id)
    return apply_in(query, rest)


def newest_first(s: Session) -> tuple[Any, ...]:
    """ORDER BY start date, newest first, undated last, then id.

    SQLite already puts NULL last in descending order (and can then use the
    date index); PostgreSQL needs it said.
    """
    date = Event.date_start.desc()
    if s.get_bind().dialect.name != "sqlite":
        date = date.nulls_last()
    return date, Event.id
