"""Export records as plain dicts: the FORMAT.md contract (``shared/eval/FORMAT.md``).

``event_records`` and ``person_records`` produce exactly the fields the
evaluation reads (extra fields are allowed and kept to a useful few);
``dragoman eval`` and every export format build on these generators. They read
the store a batch at a time, so a generator holds one batch in memory however
large the store.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy.orm import Session

from dragoman.store import reports as q
from dragoman.store.reports import ReportFilters
from dragoman.store.schema import Event, EventParticipant, Institution, Person, PersonRole

FilterLike = ReportFilters | Mapping[str, Any] | None


def as_filters(filters: FilterLike) -> ReportFilters:
    """Accept a ``ReportFilters``, a mapping of raw values (API/CLI style) or None."""
    if filters is None:
        return ReportFilters()
    if isinstance(filters, ReportFilters):
        return filters
    return ReportFilters.make(**{k: v for k, v in filters.items() if v is not None})


def _evidence(items: list[Any]) -> list[dict[str, Any]]:
    """Evidence as ``{text, start, end}`` (whatever else the store kept is dropped)."""
    out = []
    for item in items or []:
        if isinstance(item, dict) and "text" in item:
            out.append({"text": item.get("text"), "start": item.get("start"), "end": item.get("end")})
    return out


def _participant(part: EventParticipant, person: Person) -> dict[str, Any]:
    return {
        "entity_id": person.id,
        "name": person.name,
        "name_latin": person.name_latin,
        "title": part.title,
        "organization": part.organization,
        "country": part.country or person.country,
        "documents": sorted({str(d) for d in part.documents or []}),
        "role": part.role,
    }


def event_record(ev: Event, parts: list[tuple[EventParticipant, Person]], sources: list[q.SourceRow]) -> dict[str, Any]:
    """One event as a FORMAT.md record (plus a few extra fields)."""
    date = None
    if ev.date_start or ev.date_end:
        date = {"start": ev.date_start, "end": ev.date_end}
    location = None
    if ev.location_name or ev.location_country:
        location = {"name": ev.location_name, "country": ev.location_country}
    return {
        "id": ev.id,
        "type": ev.type,
        "status": ev.status,
        "plover": dict(ev.plover) if ev.plover else None,
        "date": date,
        "location": location,
        "participants": [_participant(p, person) for p, person in parts],
        "countries": sorted(ev.countries or []),
        "sources": [
            {
                "document": s.doc.external_id,
                "url": s.doc.url,
                "evidence": _evidence(s.evidence),
                "outlet": s.doc.outlet,
                "lang": s.doc.lang,
                "published": s.doc.published,
                "is_copy": s.is_copy,
            }
            for s in sources
        ],
        "confidence": ev.confidence,
        "title": ev.title,
        "level": ev.level,
        "granularity": ev.granularity,
        "topics": list(ev.topics or []),
        "parent": ev.parent_id,
        "reports": ev.reports,
        "newsrooms": ev.newsrooms,
        "disagreements": list(ev.disagreements or []),
    }


def event_records(session: Session, filters: FilterLike = None, *,
                  batch_size: int = q.BATCH_SIZE) -> Iterator[dict[str, Any]]:
    """Every event matching ``filters`` as a FORMAT.md dict, in id order."""
    f = as_filters(filters)
    for batch in q.iter_event_batches(session, f, batch_size):
        ids = [e.id for e in batch]
        parts = q.event_participants(session, ids)
        sources = q.event_sources(session, ids)
        for ev in batch:
            yield event_record(ev, parts.get(ev.id, []), sources.get(ev.id, []))


def _role(role: PersonRole) -> dict[str, Any]:
    return {
        "title": role.title,
        "organization": role.organization,
        "country": role.country,
        "first_seen": role.first_seen,
        "last_seen": role.last_seen,
        "institution": role.institution_id,
    }


def person_records(session: Session, filters: FilterLike = None, *,
                   batch_size: int = q.BATCH_SIZE) -> Iterator[dict[str, Any]]:
    """Every person matching ``filters`` as a FORMAT.md dict, in id order."""
    f = as_filters(filters)
    for batch in q.iter_person_batches(session, f, batch_size):
        ids = [p.id for p in batch]
        names = q.person_names(session, ids)
        roles = q.person_roles(session, ids)
        docs = q.entity_documents(session, ids)
        for person in batch:
            aliases = []
            for n in names.get(person.id, []):
                if n.name != person.name and n.name not in aliases:
                    aliases.append(n.name)
            if person.name_latin and person.name_latin != person.name and person.name_latin not in aliases:
                aliases.append(person.name_latin)
            yield {
                "id": person.id,
                "name": person.name,
                "name_latin": person.name_latin,
                "aliases": aliases,
                "country": person.country,
                "roles": [_role(r) for r in roles.get(person.id, [])],
                "documents": sorted(docs.get(person.id, set())),
            }


def institution_records(session: Session, filters: FilterLike = None, *,
                        batch_size: int = q.BATCH_SIZE) -> Iterator[dict[str, Any]]:
    """Institutions with their names in every language, people and documents."""
    f = as_filters(filters)
    for batch in q.iter_institution_batches(session, f, batch_size):
        ids = [i.id for i in batch]
        members = q.institution_members(session, ids)
        docs = q.entity_documents(session, ids)
        for inst in batch:
            yield _institution(inst, members.get(inst.id, []), docs.get(inst.id, set()))


def _institution(inst: Institution, members: list[tuple[PersonRole, Person]], docs: set[str]) -> dict[str, Any]:
    people: list[dict[str, Any]] = []
    seen: set[str] = set()
    for role, person in members:
        if person.id in seen:
            continue
        seen.add(person.id)
        people.append({"entity_id": person.id, "name": person.name, "name_latin": person.name_latin,
                       "title": role.title, "first_seen": role.first_seen, "last_seen": role.last_seen})
    names = {lang: ([v] if isinstance(v, str) else list(v or [])) for lang, v in (inst.names or {}).items()}
    return {"id": inst.id, "name": inst.name, "country": inst.country, "kind": inst.kind,
            "names": names, "people": people, "documents": sorted(docs)}


def document_records(session: Session, filters: FilterLike = None, *,
                     batch_size: int = q.BATCH_SIZE) -> Iterator[dict[str, Any]]:
    """Documents in the ingest input format (external id, cleaned text) plus metadata."""
    f = as_filters(filters)
    for batch in q.iter_document_batches(session, f, batch_size):
        copies = q.copies_of(session, [d.id for d in batch])
        for doc in batch:
            yield {
                "id": doc.external_id,
                "url": doc.url,
                "outlet": doc.outlet,
                "lang": doc.lang,
                "published": doc.published,
                "title": doc.title,
                "text": doc.text,
                "place": doc.place,
                "place_country": doc.place_country,
                "revision": doc.revision,
                "copy_of": copies.get(doc.id),
            }


def count(session: Session, kind: str, filters: FilterLike = None) -> int:
    """How many records ``kind`` will yield (for the progress bar)."""
    f = as_filters(filters)
    counter = {"events": q.count_events, "people": q.count_persons,
               "institutions": q.count_institutions, "documents": q.count_documents}[kind]
    return counter(session, f)


RECORDS = {
    "events": event_records,
    "people": person_records,
    "institutions": institution_records,
    "documents": document_records,
}
