"""SQL for fused events, their sources and participants, the relations record,
syndication (MinHash signatures, LSH bands, copies) and the corrections log.

``dragoman.resolve`` decides what is the same event; this module reads and
writes. Candidate events for fusion are found by indexed queries only:
participant person ids (``event_participants.person_id``) or countries
(``event_countries``), restricted to an ``events.anchor_date`` window.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from dragoman.store.schema import (
    AgreementRecord,
    CommitmentRecord,
    Correction,
    Document,
    DocumentBand,
    DocumentCopy,
    DocumentSignature,
    Event,
    EventCountry,
    EventParticipant,
    EventSource,
    Extraction,
    MilestoneRecord,
)

__all__ = [
    "DocRow", "EventView", "pending_document_ids", "load_batch", "mark_resolved",
    "get_signature", "save_signature", "documents_with_bands", "signatures_of", "set_copy", "copy_original",
    "clear_copy", "event_candidates_by_persons", "event_candidates_by_countries", "event_exists", "create_event",
    "add_source", "sources_of", "write_event", "write_participants", "set_parent", "retract_document_events",
    "delete_event", "move_sources", "replace_records", "append_correction", "list_corrections",
    "event_ids_for_document", "source_count", "document_ids_by_external", "load_extraction_json", "outlet_roots",
    "document_brief", "previously_resolved",
    "event_ids_by_persons", "event_ids_by_countries", "LoadedEvents", "load_events", "existing_event_ids", "write_events",
    "signatures_for", "bands_lookup", "copy_originals", "save_signatures", "document_briefs", "mark_resolved_many",
    "replace_records_many",
]


@dataclass
class DocRow:
    """The document metadata resolution needs."""

    id: int
    external_id: str
    url: str | None
    outlet: str | None
    published: str | None
    lang: str | None
    extraction_hash: str
    resolved_hash: str | None
    content_hash: str


@dataclass
class EventView:
    """A stored event with what fusion compares: dates, type, people, sources."""

    id: str
    type: str
    status: str
    date_start: str | None
    date_end: str | None
    granularity: str | None
    anchor_date: str | None
    countries: list[str]
    location_country: str | None
    person_ids: set[str] = field(default_factory=set)
    document_ids: set[int] = field(default_factory=set)


def _now() -> datetime:
    return datetime.now(timezone.utc)


# ----------------------------------------------------------------- documents


def pending_document_ids(s: Session, document_ids: list[int] | None = None) -> list[int]:
    """Documents to resolve, in a stable order (publication date, then external id).

    ``None`` selects every extracted document whose extraction changed since it
    was last resolved; an explicit list is resolved again whatever its state.
    """
    q = select(Document.id, Document.published, Document.external_id).join(Extraction, Extraction.document_id == Document.id)
    if document_ids is None:
        q = q.where((Document.resolved_hash.is_(None)) | (Document.resolved_hash != Extraction.content_hash))
    else:
        q = q.where(Document.id.in_(list(document_ids)))
    rows = s.execute(q).all()
    rows.sort(key=lambda r: (r.published or "9999", r.external_id))
    return [r.id for r in rows]


def load_batch(s: Session, ids: list[int]) -> list[tuple[DocRow, dict[str, Any], str]]:
    """(metadata, extraction JSON, cleaned text) for each id, in the given order."""
    q = select(Document, Extraction).join(Extraction, Extraction.document_id == Document.id).where(Document.id.in_(ids))
    found = {}
    for d, x in s.execute(q):
        row = DocRow(d.id, d.external_id, d.url, d.outlet, d.published or d.dateline_date, d.lang, x.content_hash,
                     d.resolved_hash, d.content_hash)
        found[d.id] = (row, x.result, d.text)
    return [found[i] for i in ids if i in found]


def mark_resolved(s: Session, document_id: int, extraction_hash: str) -> None:
    s.execute(update(Document).where(Document.id == document_id).values(resolved_hash=extraction_hash))


# ----------------------------------------------------------------- syndication


def get_signature(s: Session, document_id: int) -> DocumentSignature | None:
    return s.get(DocumentSignature, document_id)


def save_signature(s: Session, document_id: int, content_hash: str, signature: bytes, bands: list[str]) -> None:
    """Store a document's MinHash signature and its LSH band keys (replacing old ones)."""
    s.execute(delete(DocumentBand).where(DocumentBand.document_id == document_id))
    s.execute(delete(DocumentSignature).where(DocumentSignature.document_id == document_id))
    s.execute(insert(DocumentSignature), [{"document_id": document_id, "content_hash": content_hash, "signature": signature}])
    s.execute(insert(DocumentBand), [{"band": b, "document_id": document_id} for b in sorted(set(bands))])


def documents_with_bands(s: Session, bands: list[str]) -> set[int]:
    """Documents sharing at least one LSH band key (an indexed lookup)."""
    if not bands:
        return set()
    return set(s.scalars(select(DocumentBand.document_id).where(DocumentBand.band.in_(bands))))


def signatures_of(s: Session, ids: list[int]) -> dict[int, bytes]:
    if not ids:
        return {}
    q = select(DocumentSignature.document_id, DocumentSignature.signature).where(DocumentSignature.document_id.in_(ids))
    return dict(s.execute(q).all())


def set_copy(s: Session, document_id: int, original_id: int, similarity: float) -> None:
    s.merge(DocumentCopy(document_id=document_id, original_id=original_id, similarity=similarity))


def copy_original(s: Session, document_id: int) -> int | None:
    return s.scalar(select(DocumentCopy.original_id).where(DocumentCopy.document_id == document_id))


def clear_copy(s: Session, document_id: int) -> None:
    s.execute(delete(DocumentCopy).where(DocumentCopy.document_id == document_id))


# ----------------------------------------------------------------- events


def _views(s: Session, ids: list[str]) -> list[EventView]:
    if not ids:
        return []
    views = {
        e.id: EventView(e.id, e.type, e.status, e.date_start, e.date_end, e.granularity, e.anchor_date,
                        list(e.countries or []), e.location_country)
        for e in s.scalars(select(Event).where(Event.id.in_(ids)))
    }
    for eid, pid in s.execute(select(EventParticipant.event_id, EventParticipant.person_id).where(EventParticipant.event_id.in_(ids))):
        views[eid].person_ids.add(pid)
    for eid, did in s.execute(select(EventSource.event_id, EventSource.document_id).where(EventSource.event_id.in_(ids))):
        views[eid].document_ids.add(did)
    return [views[i] for i in sorted(views)]


def event_candidates_by_persons(s: Session, person_ids: list[str], lo: str, hi: str) -> list[EventView]:
    """Events with any of these participants whose anchor day lies in [lo, hi]."""
    if not person_ids:
        return []
    q = (
        select(EventParticipant.event_id)
        .join(Event, Event.id == EventParticipant.event_id)
        .where(EventParticipant.person_id.in_(person_ids), Event.anchor_date >= lo, Event.anchor_date <= hi)
        .distinct()
    )
    return _views(s, list(s.scalars(q)))


def event_candidates_by_countries(s: Session, countries: list[str], lo: str, hi: str, type_: str) -> list[EventView]:
    """Events of a type involving the first of these countries, anchored in [lo, hi]."""
    if not countries:
        return []
    q = (
        select(EventCountry.event_id)
        .join(Event, Event.id == EventCountry.event_id)
        .where(EventCountry.country == countries[0], Event.type == type_, Event.anchor_date >= lo, Event.anchor_date <= hi)
    )
    return _views(s, list(s.scalars(q)))


def event_exists(s: Session, event_id: str) -> bool:
    """Asked of the database, not the identity map (rows may have been deleted in bulk)."""
    return s.scalar(select(Event.id).where(Event.id == event_id)) is not None


def create_event(s: Session, event_id: str, type_: str, status: str) -> None:
    s.add(Event(id=event_id, type=type_, status=status, countries=[], topics=[], plover={}, disagreements=[],
                confidence=0.5, reports=1, newsrooms=1, updated_at=_now()))
    s.flush()


def add_source(s: Session, event_id: str, document_id: int, local_key: str, is_copy: bool,
               evidence: list[Any], reading: dict[str, Any]) -> None:
    s.execute(insert(EventSource), [{"event_id": event_id, "document_id": document_id, "local_key": local_key,
                                     "is_copy": is_copy, "evidence": evidence, "reading": reading}])


def sources_of(s: Session, event_id: str) -> list[EventSource]:
    """An event's sources in a stable order (publication date of the reading, document id)."""
    rows = s.scalars(select(EventSource).where(EventSource.event_id == event_id)).all()
    return sorted(rows, key=lambda r: ((r.reading or {}).get("_published") or "9999", r.document_id, r.local_key))


def write_event(s: Session, event_id: str, values: dict[str, Any]) -> None:
    """Overwrite an event's fused fields and its event_countries rows."""
    row = s.get(Event, event_id)
    for k, v in values.items():
        setattr(row, k, v)
    row.updated_at = _now()
    s.execute(delete(EventCountry).where(EventCountry.event_id == event_id))
    rows = [{"event_id": event_id, "country": c} for c in sorted(set(values.get("countries") or []))]
    if rows:
        s.execute(insert(EventCountry), rows)


def write_participants(s: Session, event_id: str, participants: list[dict[str, Any]]) -> None:
    """Replace an event's participants (person_id, role, title, organization, country, documents)."""
    s.execute(delete(EventParticipant).where(EventParticipant.event_id == event_id))
    if participants:
        s.execute(insert(EventParticipant), [dict(p, event_id=event_id) for p in participants])


def set_parent(s: Session, event_id: str, parent_id: str | None) -> None:
    s.execute(update(Event).where(Event.id == event_id).values(parent_id=parent_id))


def event_ids_for_document(s: Session, document_id: int) -> dict[str, str]:
    """{local_key: event_id} for one document's sources."""
    q = select(EventSource.local_key, EventSource.event_id).where(EventSource.document_id == document_id)
    return dict(s.execute(q).all())


def retract_document_events(s: Session, document_id: int) -> list[str]:
    """Remove a document's sources; returns the events they belonged to."""
    ids = sorted(set(s.scalars(select(EventSource.event_id).where(EventSource.document_id == document_id))))
    s.execute(delete(EventSource).where(EventSource.document_id == document_id))
    s.execute(delete(AgreementRecord).where(AgreementRecord.document_id == document_id))
    s.execute(delete(MilestoneRecord).where(MilestoneRecord.document_id == document_id))
    s.execute(delete(CommitmentRecord).where(CommitmentRecord.document_id == document_id))
    s.flush()
    return ids


def delete_event(s: Session, event_id: str) -> None:
    """Delete an event (no sources left); children lose their parent link."""
    s.execute(update(Event).where(Event.parent_id == event_id).values(parent_id=None))
    s.execute(update(AgreementRecord).where(AgreementRecord.event_id == event_id).values(event_id=None))
    for table in (EventParticipant, EventCountry, EventSource):
        s.execute(delete(table).where(table.event_id == event_id))
    row = s.get(Event, event_id)
    if row is not None:
        s.delete(row)
        s.flush()


def move_sources(s: Session, src: str, dst: str, document_id: int | None = None) -> int:
    """Move sources of event ``src`` (all, or one document's) to ``dst``; returns the count."""
    q = update(EventSource).where(EventSource.event_id == src)
    if document_id is not None:
        q = q.where(EventSource.document_id == document_id)
    n = s.execute(q.values(event_id=dst)).rowcount or 0
    s.flush()
    return n


def source_count(s: Session, event_id: str) -> int:
    return s.scalar(select(func.count()).select_from(EventSource).where(EventSource.event_id == event_id)) or 0


# ----------------------------------------------------------------- relations record


def replace_records(s: Session, document_id: int, agreements: list[dict[str, Any]],
                    milestones: list[dict[str, Any]], commitments: list[dict[str, Any]]) -> None:
    """Replace one document's agreements, milestones and commitments."""
    for table in (AgreementRecord, MilestoneRecord, CommitmentRecord):
        s.execute(delete(table).where(table.document_id == document_id))
    s.add_all(AgreementRecord(document_id=document_id, **a) for a in agreements)
    s.add_all(MilestoneRecord(document_id=document_id, **m) for m in milestones)
    s.add_all(CommitmentRecord(document_id=document_id, **c) for c in commitments)


# ----------------------------------------------------------------- corrections


def append_correction(s: Session, kind: str, action: str, payload: dict[str, Any],
                      author: str | None = None, note: str | None = None) -> int:
    row = Correction(created_at=_now(), kind=kind, action=action, payload=payload, author=author, note=note)
    s.add(row)
    s.flush()
    return row.id


def list_corrections(s: Session) -> list[Correction]:
    """The whole log, oldest first (it is replayed in this order)."""
    return list(s.scalars(select(Correction).order_by(Correction.id)))


def document_ids_by_external(s: Session, external_ids: list[str]) -> dict[str, int]:
    if not external_ids:
        return {}
    q = select(Document.external_id, Document.id).where(Document.external_id.in_(external_ids))
    return dict(s.execute(q).all())


def load_extraction_json(s: Session, document_id: int) -> dict[str, Any] | None:
    return s.scalar(select(Extraction.result).where(Extraction.document_id == document_id))


def outlet_roots(s: Session, document_ids: list[int]) -> dict[int, int]:
    """{document_id: original_id} for those of the documents that are copies."""
    if not document_ids:
        return {}
    q = select(DocumentCopy.document_id, DocumentCopy.original_id).where(DocumentCopy.document_id.in_(document_ids))
    return dict(s.execute(q).all())


def by_document(rows: list[EventSource]) -> dict[int, list[EventSource]]:
    out: dict[int, list[EventSource]] = defaultdict(list)
    for r in rows:
        out[r.document_id].append(r)
    return out


def document_brief(s: Session, document_id: int) -> tuple[str, str | None, str | None] | None:
    """(external id, outlet, url) of a document."""
    row = s.execute(select(Document.external_id, Document.outlet, Document.url).where(Document.id == document_id)).first()
    return (row[0], row[1], row[2]) if row else None


def previously_resolved(s: Session, document_ids: list[int]) -> set[int]:
    """Those documents that left rows behind in a past resolution (entities, sources, signatures)."""
    if not document_ids:
        return set()
    from dragoman.store.schema import DocumentEntity

    found: set[int] = set()
    for table in (DocumentEntity, EventSource, DocumentSignature):
        found |= set(s.scalars(select(table.document_id).where(table.document_id.in_(document_ids)).distinct()))
    return found


# ----------------------------------------------------------------- batched access (one batch of documents)
#
# Resolution loads what a batch of documents may touch in a few queries, decides
# in memory, then writes the batch's changes with a few bulk statements.


def _chunks(items: list[Any], n: int = 500) -> list[list[Any]]:
    return [items[i : i + n] for i in range(0, len(items), n)] or []


def event_ids_by_persons(s: Session, person_ids: list[str], windows: list[tuple[str, str]]) -> set[str]:
    """Events with any of these participants anchored inside any of the [lo, hi] windows."""
    out: set[str] = set()
    for lo, hi in windows:
        for chunk in _chunks(sorted(set(person_ids))):
            q = (
                select(EventParticipant.event_id)
                .join(Event, Event.id == EventParticipant.event_id)
                .where(EventParticipant.person_id.in_(chunk), Event.anchor_date >= lo, Event.anchor_date <= hi)
                .distinct()
            )
            out.update(s.scalars(q))
    return out


def event_ids_by_countries(s: Session, countries: list[str], windows: list[tuple[str, str]]) -> set[str]:
    """Events involving any of these countries anchored inside any of the windows."""
    out: set[str] = set()
    if not countries:
        return out
    for lo, hi in windows:
        q = (
            select(EventCountry.event_id)
            .join(Event, Event.id == EventCountry.event_id)
            .where(EventCountry.country.in_(sorted(set(countries))), Event.anchor_date >= lo, Event.anchor_date <= hi)
            .distinct()
        )
        out.update(s.scalars(q))
    return out


@dataclass
class LoadedEvents:
    """Stored events as plain data: rows, participant ids, sources, which have children."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    person_ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sources: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    parents: set[str] = field(default_factory=set)


_EVENT_COLUMNS = ("id", "type", "status", "date_start", "date_end", "granularity", "anchor_date", "countries",
                  "location_country", "parent_id")


def load_events(s: Session, ids: list[str]) -> LoadedEvents:
    """Everything fusion needs of these events, in four queries per 500 ids."""
    out = LoadedEvents()
    for chunk in _chunks(sorted(set(ids))):
        cols = [getattr(Event, c) for c in _EVENT_COLUMNS]
        for row in s.execute(select(*cols).where(Event.id.in_(chunk))):
            out.rows[row.id] = dict(row._mapping)
        q = select(EventParticipant.event_id, EventParticipant.person_id).where(EventParticipant.event_id.in_(chunk))
        for eid, pid in s.execute(q):
            out.person_ids[eid].add(pid)
        q2 = select(EventSource.event_id, EventSource.document_id, EventSource.local_key, EventSource.is_copy,
                    EventSource.evidence, EventSource.reading).where(EventSource.event_id.in_(chunk))
        for r in s.execute(q2):
            out.sources[r.event_id].append({"document_id": r.document_id, "local_key": r.local_key, "is_copy": r.is_copy,
                                            "evidence": r.evidence, "reading": r.reading})
        out.parents.update(p for p in s.scalars(select(Event.parent_id).where(Event.parent_id.in_(chunk))) if p)
    return out


def existing_event_ids(s: Session, ids: list[str]) -> set[str]:
    out: set[str] = set()
    for chunk in _chunks(sorted(set(ids))):
        out.update(s.scalars(select(Event.id).where(Event.id.in_(chunk))))
    return out


def write_events(s: Session, *, created: list[dict[str, Any]], updated: list[dict[str, Any]],
                 participants: dict[str, list[dict[str, Any]]], sources: list[dict[str, Any]], deleted: list[str]) -> None:
    """Apply a batch's event changes with bulk statements.

    ``created``/``updated`` are full event rows (with ``id``); ``participants``
    replaces the participants (and ``event_countries``) of those events;
    ``sources`` are new ``event_sources`` rows; ``deleted`` events lose their
    rows and their children's parent link.
    """
    now = _now()
    if deleted:
        for chunk in _chunks(sorted(deleted)):
            s.execute(update(Event).where(Event.parent_id.in_(chunk)).values(parent_id=None))
            s.execute(update(AgreementRecord).where(AgreementRecord.event_id.in_(chunk)).values(event_id=None))
            for table in (EventParticipant, EventCountry, EventSource):
                s.execute(delete(table).where(table.event_id.in_(chunk)))
            s.execute(delete(Event).where(Event.id.in_(chunk)))
    if created:
        s.execute(insert(Event), [dict(r, updated_at=now) for r in created])
    if updated:
        s.execute(update(Event), [dict(r, updated_at=now) for r in updated])
    touched = sorted({r["id"] for r in created} | {r["id"] for r in updated})
    existing = sorted({r["id"] for r in updated})
    for chunk in _chunks(existing):
        s.execute(delete(EventCountry).where(EventCountry.event_id.in_(chunk)))
        s.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(chunk)))
    countries = [{"event_id": r["id"], "country": c} for r in created + updated for c in sorted(set(r.get("countries") or []))]
    if countries:
        s.execute(insert(EventCountry), countries)
    parts = [dict(p, event_id=eid) for eid in touched for p in participants.get(eid, [])]
    if parts:
        s.execute(insert(EventParticipant), parts)
    if sources:
        s.execute(insert(EventSource), sources)


def signatures_for(s: Session, ids: list[int]) -> dict[int, tuple[str, bytes]]:
    """{document id: (content hash, signature)} of those documents already signed."""
    out: dict[int, tuple[str, bytes]] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = select(DocumentSignature.document_id, DocumentSignature.content_hash, DocumentSignature.signature)
        for did, h, sig in s.execute(q.where(DocumentSignature.document_id.in_(chunk))):
            out[did] = (h, sig)
    return out


def bands_lookup(s: Session, bands: list[str]) -> dict[str, set[int]]:
    """{band key: documents having it} for these band keys (indexed ``IN`` lookups)."""
    out: dict[str, set[int]] = defaultdict(set)
    for chunk in _chunks(sorted(set(bands)), 900):
        for band, did in s.execute(select(DocumentBand.band, DocumentBand.document_id).where(DocumentBand.band.in_(chunk))):
            out[band].add(did)
    return out


def copy_originals(s: Session, ids: list[int]) -> dict[int, int]:
    """{document id: original id} for those of the documents recorded as copies."""
    out: dict[int, int] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = select(DocumentCopy.document_id, DocumentCopy.original_id).where(DocumentCopy.document_id.in_(chunk))
        out.update(dict(s.execute(q).all()))
    return out


def save_signatures(s: Session, rows: list[tuple[int, str, bytes, list[str]]], copies: dict[int, tuple[int, float]],
                    cleared: list[int], replaced: list[int] | None = None) -> None:
    """Replace the signatures/bands of these documents and their copy links, in bulk.

    ``replaced`` names the documents that may have rows already (signed before);
    ``None`` means any of them may.
    """
    ids = sorted({r[0] for r in rows} | set(cleared))
    for chunk in _chunks(ids):
        s.execute(delete(DocumentCopy).where(DocumentCopy.document_id.in_(chunk)))
    signed = sorted({r[0] for r in rows} & set(replaced if replaced is not None else {r[0] for r in rows}))
    for chunk in _chunks(signed):
        s.execute(delete(DocumentBand).where(DocumentBand.document_id.in_(chunk)))
        s.execute(delete(DocumentSignature).where(DocumentSignature.document_id.in_(chunk)))
    if rows:
        s.execute(insert(DocumentSignature), [{"document_id": d, "content_hash": h, "signature": sig} for d, h, sig, _ in rows])
        s.execute(insert(DocumentBand), [{"band": b, "document_id": d} for d, _, _, bands in rows for b in sorted(set(bands))])
    if copies:
        s.execute(insert(DocumentCopy), [{"document_id": d, "original_id": o, "similarity": sim}
                                         for d, (o, sim) in sorted(copies.items())])


def document_briefs(s: Session, ids: list[int]) -> dict[int, tuple[str, str | None, str | None]]:
    """{document id: (external id, outlet, url)}."""
    out: dict[int, tuple[str, str | None, str | None]] = {}
    for chunk in _chunks(sorted(set(ids))):
        q = select(Document.id, Document.external_id, Document.outlet, Document.url).where(Document.id.in_(chunk))
        for did, ext, outlet, url in s.execute(q):
            out[did] = (ext, outlet, url)
    return out


def mark_resolved_many(s: Session, hashes: dict[int, str]) -> None:
    if hashes:
        s.execute(update(Document), [{"id": d, "resolved_hash": h} for d, h in sorted(hashes.items())])


def replace_records_many(s: Session, document_ids: list[int], agreements: list[dict[str, Any]],
                         milestones: list[dict[str, Any]], commitments: list[dict[str, Any]]) -> None:
    """Replace the agreements, milestones and commitments of several documents (rows carry document_id)."""
    for chunk in _chunks(sorted(set(document_ids))):
        for table in (AgreementRecord, MilestoneRecord, CommitmentRecord):
            s.execute(delete(table).where(table.document_id.in_(chunk)))
    for table, rows in ((AgreementRecord, agreements), (MilestoneRecord, milestones), (CommitmentRecord, commitments)):
        if rows:
            s.execute(insert(table), rows)
