"""Cross-document resolution: persons, institutions, fused events, copies.

    from dragoman.resolve import resolve_documents, ResolveSummary
    summary = resolve_documents(store, document_ids=None)

``document_ids=None`` resolves every document whose extraction changed since
it was last resolved (``documents.resolved_hash != extractions.content_hash``);
explicit ids are resolved again whatever their state. Documents are taken in
a stable order (publication date, external id) in batches, one transaction per
batch. Inside a batch the order is:

    retract the documents' previous contributions
    → copies (MinHash/LSH) → institutions → persons (full names, then bare
      surnames) → document_entities → events (fusion) → records
    → drop persons no document mentions any more
and after the last batch the analyst corrections log is replayed.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from dragoman.models import ExtractionResult
from dragoman.resolve.context import Context, ResolveSummary, load_context
from dragoman.resolve.copies import detect_copy
from dragoman.resolve.corrections import apply_corrections
from dragoman.resolve.events import fuse_document, recompute_event
from dragoman.resolve.institutions import resolve_institutions
from dragoman.resolve.names import NameParts
from dragoman.resolve.persons import DocPersons, document_date, resolve_bare_names, resolve_full_names
from dragoman.resolve.records import write_records
from dragoman.store import Store
from dragoman.store import entities as edb
from dragoman.store import events as db
from dragoman.store.events import DocRow
from dragoman.textnorm import fold

__all__ = ["resolve_documents", "ResolveSummary"]

BATCH_SIZE = 200


def resolve_documents(store: Store, document_ids: Sequence[int] | None = None, *, batch_size: int = BATCH_SIZE) -> ResolveSummary:
    """Resolve documents into persons, institutions and fused events; apply corrections."""
    ctx = load_context()
    with store.session() as s:
        ids = db.pending_document_ids(s, list(document_ids) if document_ids is not None else None)
    cache: dict[str, NameParts] = {}
    for i in range(0, len(ids), batch_size):
        with store.session() as s:
            _resolve_batch(s, ctx, cache, ids[i : i + batch_size])
    with store.session() as s:
        ctx.summary.corrections_applied = apply_corrections(s, ctx)
    ctx.summary.documents = len(ids)
    ctx.summary.document_ids = ids
    return ctx.summary


def _newsroom(s: Session, doc: DocRow, root_id: int) -> str:
    """Who wrote it: the original's outlet (or web host); copies share their original's."""
    ext, outlet, url = (doc.external_id, doc.outlet, doc.url) if root_id == doc.id else (db.document_brief(s, root_id) or (doc.external_id, None, None))
    if outlet:
        return "outlet:" + fold(outlet)
    host = urlparse(url).hostname if url else None
    if host:
        return "host:" + host.removeprefix("www.")
    return "doc:" + ext


def _prepare(s: Session, ctx: Context, doc: DocRow, raw: dict, text: str, touched: tuple[set[str], set[str]],
             seen: set[int]) -> tuple[DocPersons, int, str, dict[str, str]]:
    """Retract a document's old contributions, detect copies, store its institutions."""
    result = ExtractionResult.from_dict(raw)
    if doc.id in seen:  # resolved before: forget what it said then
        touched[0].update(edb.retract_document_entities(s, doc.id, doc.external_id))
        touched[1].update(db.retract_document_events(s, doc.id))
    copy = detect_copy(s, doc, text)
    if copy:
        ctx.summary.copies += 1
    root = copy[0] if copy else doc.id
    inst_local, inst_person = resolve_institutions(s, ctx, result)
    info = DocPersons(doc, result, inst_person, document_date(doc, result), {})
    return info, root, _newsroom(s, doc, root), inst_local


def _resolve_batch(s: Session, ctx: Context, cache: dict[str, NameParts], ids: list[int]) -> None:
    touched: tuple[set[str], set[str]] = (set(), set())
    seen = db.previously_resolved(s, ids)
    prepared = [_prepare(s, ctx, doc, raw, text, touched, seen) for doc, raw, text in db.load_batch(s, ids)]
    for event_id in sorted(touched[1]):
        recompute_event(s, ctx, event_id)
    for info, *_ in prepared:
        resolve_full_names(s, ctx, cache, info)
    for info, *_ in prepared:
        resolve_bare_names(s, ctx, cache, info)
    for info, root, newsroom, inst_local in prepared:
        mapping = {k: ("person", v) for k, v in info.mapping.items()}
        mapping.update({k: ("institution", v) for k, v in inst_local.items() if k not in mapping})
        edb.set_document_entities(s, info.doc.id, mapping, replace=info.doc.id in seen)
    s.flush()
    for info, root, newsroom, _ in prepared:
        events = fuse_document(s, ctx, info, root, newsroom)
        if info.doc.id in seen or info.result.agreements or info.result.milestones or info.result.commitments:
            write_records(s, info.doc.id, info.doc.external_id, info.result, events)
        db.mark_resolved(s, info.doc.id, info.doc.extraction_hash)
    ctx.summary.persons_removed += edb.delete_orphan_persons(s, sorted(touched[0]))
