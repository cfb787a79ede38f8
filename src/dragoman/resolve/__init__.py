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
from dragoman.resolve.copies import detect_copies
from dragoman.resolve.corrections import apply_corrections
from dragoman.resolve.events import EventIndex, fuse_document
from dragoman.resolve.institutions import institution_ids_of, resolve_institutions
from dragoman.resolve.names import NameParts
from dragoman.resolve.persons import DocPersons, PersonStore, document_date, prefetch, resolve_bare_names, resolve_full_names
from dragoman.resolve.records import write_records_many
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


def _newsroom(doc: DocRow, root: tuple[str, str | None, str | None]) -> str:
    """Who wrote it: the original's outlet (or web host); copies share their original's."""
    ext, outlet, url = root
    if outlet:
        return "outlet:" + fold(outlet)
    host = urlparse(url).hostname if url else None
    if host:
        return "host:" + host.removeprefix("www.")
    return "doc:" + ext


def _resolve_batch(s: Session, ctx: Context, cache: dict[str, NameParts], ids: list[int]) -> None:
    """One batch: load what it may touch in bulk, decide in memory, write in bulk."""
    touched_persons: set[str] = set()
    touched_events: set[str] = set()
    seen = db.previously_resolved(s, ids)
    batch = db.load_batch(s, ids)
    for doc, _, _ in batch:
        if doc.id in seen:  # resolved before: forget what it said then
            touched_persons.update(edb.retract_document_entities(s, doc.id, doc.external_id))
            touched_events.update(db.retract_document_events(s, doc.id))
    copies = detect_copies(s, [(doc, text) for doc, _, text in batch], ctx.words)
    ctx.summary.copies += sum(1 for c in copies.values() if c)
    roots = {doc.id: (copies[doc.id] or (doc.id,))[0] for doc, _, _ in batch}
    briefs = {doc.id: (doc.external_id, doc.outlet, doc.url) for doc, _, _ in batch}
    briefs.update(db.document_briefs(s, sorted(set(roots.values()) - set(briefs))))
    results = [ExtractionResult.from_dict(raw) for _, raw, _ in batch]
    edb.preload_institutions(s, institution_ids_of(results))
    prepared = []
    for (doc, _, _), result in zip(batch, results):
        inst_local, inst_person = resolve_institutions(s, ctx, result)
        countries = frozenset({c for e in result.events for c in e.countries} | {p.country for p in result.people if p.country})
        info = DocPersons(doc, result, inst_person, document_date(doc, result), {}, countries)
        root = roots[doc.id]
        prepared.append((info, root, _newsroom(doc, briefs.get(root) or (doc.external_id, None, None)), inst_local))
    infos = [p[0] for p in prepared]
    ps = PersonStore(s, cache)
    prefetch(ps, cache, infos)
    for info in infos:
        resolve_full_names(ps, ctx, cache, info)
    for info in infos:
        resolve_bare_names(ps, ctx, cache, info)
    ps.flush()
    entity_rows = {}
    for info, root, newsroom, inst_local in prepared:
        mapping = {k: ("person", v) for k, v in info.mapping.items()}
        mapping.update({k: ("institution", v) for k, v in inst_local.items() if k not in mapping})
        entity_rows[info.doc.id] = mapping
    edb.set_document_entities_many(s, entity_rows)
    idx = EventIndex(ctx)
    for info in infos:
        idx.doc_persons[info.doc.external_id] = dict(info.mapping)
    idx.preload(s, infos, touched_events)
    idx.mark_dirty(touched_events)
    idx.reserve_ids(s, infos)
    records: list[tuple[DocPersons, dict[str, str]]] = []
    for info, root, newsroom, _ in prepared:
        events = fuse_document(s, idx, info, root, newsroom)
        if info.doc.id in seen or info.result.agreements or info.result.milestones or info.result.commitments:
            records.append((info, events))
    idx.flush(s)
    write_records_many(s, [(i.doc.id, i.doc.external_id, i.result, ev) for i, ev in records])
    db.mark_resolved_many(s, {info.doc.id: info.doc.extraction_hash for info in infos})
    ctx.summary.persons_removed += edb.delete_orphan_persons(s, sorted(touched_persons))
