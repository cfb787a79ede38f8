"""Analyst corrections: merge and split persons and events.

Every correction is appended to the ``corrections`` log (never edited) and
applied at once; ``apply_corrections`` replays the whole log after every
resolution run, so a correction survives re-extraction and re-resolution.
Replaying is idempotent: a merge whose second record is gone, or a split whose
document is already apart, does nothing.

Event corrections also record the sources (document, local key) of the events
involved, so they still find "the event that holds this report" when a re-run
has given it another id.

    merge(store, "person", "per_a", "per_b")            # b becomes a
    split(store, "person", "per_a", document="s003")    # s003's mention leaves a
    split(store, "person", "per_a", name="Sabir Hajiyev")
    merge(store, "event", "ev_a", "ev_b")
    split(store, "event", "ev_a", document="s003")      # s003's report leaves a
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy.orm import Session

from dragoman.errors import DragomanError, NotFound
from dragoman.models import ExtractionResult
from dragoman.resolve.context import Context, load_context
from dragoman.store import Store
from dragoman.store import entities as edb
from dragoman.store import events as db
from dragoman.resolve.names import block_key, is_latin, parse_name
from dragoman.resolve.translit import romanize
from dragoman.textnorm import fold, script_of

__all__ = ["merge", "split", "apply_corrections"]

KINDS = ("person", "event")


def _hid(prefix: str, basis: str) -> str:
    return prefix + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DragomanError(f"Unknown kind {kind!r}: use 'person' or 'event'.")


def _require(s: Session, kind: str, ident: str) -> None:
    exists = edb.person_exists(s, ident) if kind == "person" else db.event_exists(s, ident)
    if not exists:
        raise NotFound(f"No {kind} with id {ident!r}.")


def _sources(s: Session, event_id: str) -> list[list[str]]:
    return [[(src.reading or {}).get("_document"), src.local_key] for src in db.sources_of(s, event_id)]


def merge(store: Store, kind: str, a: str, b: str, author: str | None = None, note: str | None = None) -> dict[str, Any]:
    """Record and apply "a and b are one": b is folded into a. Returns the log entry."""
    _check_kind(kind)
    if a == b:
        raise DragomanError(f"Cannot merge {a} with itself.")
    ctx = load_context()
    with store.session() as s:
        _require(s, kind, a)
        _require(s, kind, b)
        payload: dict[str, Any] = {"a": a, "b": b}
        if kind == "event":
            payload.update(a_sources=_sources(s, a), b_sources=_sources(s, b))
        cid = db.append_correction(s, kind, "merge", payload, author, note)
        _apply(s, ctx, kind, "merge", payload)
    return {"id": cid, "kind": kind, "action": "merge", "payload": payload}


def split(store: Store, kind: str, a: str, *, document: str | None = None, name: str | None = None,
          author: str | None = None, note: str | None = None) -> dict[str, Any]:
    """Record and apply "this document's mention/report is not a": it becomes its own record.

    Persons split by ``document`` (external id) or by ``name`` (a name form);
    events split by ``document`` (the source document's external id).
    """
    _check_kind(kind)
    if not document and not (kind == "person" and name):
        raise DragomanError("Say which part to split off: --document DOCID" + (" or --name NAME." if kind == "person" else "."))
    ctx = load_context()
    with store.session() as s:
        _require(s, kind, a)
        if document and document not in db.document_ids_by_external(s, [document]):
            raise NotFound(f"No document with id {document!r}.")
        payload = {"a": a, "document": document, "name": name}
        if not _apply(s, ctx, kind, "split", payload):
            raise DragomanError(f"Nothing to split: {document or name} is not part of {a}.")
        cid = db.append_correction(s, kind, "split", payload, author, note)
    return {"id": cid, "kind": kind, "action": "split", "payload": payload}


def apply_corrections(s: Session, ctx: Context) -> int:
    """Replay the whole log in order; returns how many corrections changed something."""
    return sum(bool(_apply(s, ctx, c.kind, c.action, c.payload or {})) for c in db.list_corrections(s))


def _apply(s: Session, ctx: Context, kind: str, action: str, payload: dict[str, Any]) -> bool:
    if kind == "person" and action == "merge":
        return edb.merge_persons(s, payload["a"], payload["b"])
    if kind == "person" and action == "split":
        return _split_person(s, payload["a"], payload.get("document"), payload.get("name"))
    if kind == "event" and action == "merge":
        return _merge_events(s, ctx, payload)
    if kind == "event" and action == "split":
        return _split_event(s, ctx, payload["a"], payload.get("document"))
    return False


def _current_event(s: Session, ident: str, sources: list[list[str]]) -> str | None:
    """The event now holding the recorded sources (or still carrying the id)."""
    if db.event_exists(s, ident):
        return ident
    docs = db.document_ids_by_external(s, [d for d, _ in sources if d])
    for ext, key in sources:
        if ext in docs:
            eid = db.event_ids_for_document(s, docs[ext]).get(key)
            if eid:
                return eid
    return None


def _merge_events(s: Session, ctx: Context, payload: dict[str, Any]) -> bool:
    from dragoman.resolve.events import recompute_event

    a = _current_event(s, payload["a"], payload.get("a_sources") or [])
    b = _current_event(s, payload["b"], payload.get("b_sources") or [])
    if not a or not b or a == b:
        return False
    db.move_sources(s, b, a)
    recompute_event(s, ctx, a)
    recompute_event(s, ctx, b)  # no sources left: deleted, children re-parented to none
    return True


def _split_event(s: Session, ctx: Context, a: str, document: str | None) -> bool:
    from dragoman.resolve.events import recompute_event

    docs = db.document_ids_by_external(s, [document] if document else [])
    if not document or document not in docs or not db.event_exists(s, a):
        return False
    sources = db.sources_of(s, a)
    mine = [x for x in sources if x.document_id == docs[document]]
    if not mine or len(mine) == len(sources):
        return False
    new = _hid("ev_", f"split|{a}|{document}")
    if not db.event_exists(s, new):
        db.create_event(s, new, mine[0].reading.get("type") or "other", mine[0].reading.get("status") or "occurred")
    db.move_sources(s, a, new, docs[document])
    recompute_event(s, ctx, a)
    recompute_event(s, ctx, new)
    return True


def _person_keys(s: Session, person: str, doc_id: int, name: str | None) -> list[tuple[str, str, str | None]]:
    """(local key, name, country) of a document's people mapped to ``person``, optionally by name form."""
    mapped = {k for k, v in edb.document_entity_map(s, doc_id, "person").items() if v == person}
    raw = db.load_extraction_json(s, doc_id)
    if not mapped or raw is None:
        return []
    people = ExtractionResult.from_dict(raw).people
    return [(p.key, p.name, p.country) for p in people
            if p.key in mapped and (name is None or fold(p.name) == fold(name))]


def _split_person(s: Session, person: str, document: str | None, name: str | None) -> bool:
    if not edb.person_exists(s, person):
        return False
    ext_ids = [document] if document else edb.person_documents(s, person)
    docs = db.document_ids_by_external(s, ext_ids)
    new = _hid("per_", f"split|{person}|{document or ''}|{fold(name or '')}")
    moved = False
    for ext in sorted(docs):
        keys = _person_keys(s, person, docs[ext], name)
        if not keys:
            continue
        if not edb.person_exists(s, new):
            latin = keys[0][1] if is_latin(keys[0][1]) else romanize(keys[0][1])
            edb.create_person(s, new, keys[0][1], latin, keys[0][2])
        edb.move_person_document(s, person, new, docs[ext], ext, [k for k, _, _ in keys])
        current = edb.get_person(s, person)
        for _, form, _ in keys:
            edb.add_person_name(s, new, form, script_of(form), block_key(parse_name(form).family))
            if current is not None and form != current.name:
                edb.remove_person_name(s, person, form)
        moved = True
    if moved:
        edb.delete_orphan_persons(s, [person])
    return moved
