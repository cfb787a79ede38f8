"""Documents and what was read from them: events reported, entity links, extractions, pair records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dragoman.store.browse.common import document_dict, event_dict, record_dict
from dragoman.store.schema import (
    AgreementRecord,
    CommitmentRecord,
    Document,
    DocumentEntity,
    Event,
    EventSource,
    Extraction,
    MilestoneRecord,
)


def document_events(s: Session, document_id: int) -> list[dict[str, Any]]:
    """Events this document reports, with its evidence for each."""
    rows = s.execute(
        select(EventSource, Event).join(Event, Event.id == EventSource.event_id)
        .where(EventSource.document_id == document_id).order_by(Event.date_start, Event.id)
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
    """Outlets by number of documents (for filter menus)."""
    rows = s.execute(select(Document.outlet, func.count()).where(Document.outlet.is_not(None))
                     .group_by(Document.outlet).order_by(func.count().desc()).limit(limit))
    return [o for o, _ in rows]


def pair_records(s: Session, pair: str, kind: str, limit: int = 100) -> list[dict[str, Any]]:
    """Agreements, milestones or commitments recorded for a pair, newest first."""
    model = {"agreement": AgreementRecord, "milestone": MilestoneRecord, "commitment": CommitmentRecord}[kind]
    date_col = model.due if kind == "commitment" else model.date
    query = select(model).where(model.pair == pair).order_by(date_col.desc().nulls_last(), model.id).limit(limit)
    return [record_dict(r, kind) for r in s.scalars(query)]
