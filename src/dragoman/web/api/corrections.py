"""/api/v1/{persons,events}/{merge,split}: analyst corrections (token required).

They call the resolution package's ``dragoman.resolve.corrections.merge(store,
kind, a, b)`` (b folded into a) and ``split(store, kind, a, document=…|name=…)``,
which log each correction and apply it; without that package they answer 501.
Ids are checked first, so an unknown id is a 404 either way.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from dragoman.store import Store, browse
from dragoman.web.api.models import MergeRequest, SplitRequest, errors
from dragoman.store.browse import BrowseCache
from dragoman.web.deps import CacheDep, SessionDep, StoreDep, TokenDep, optional_module

router = APIRouter(tags=["corrections"])
PREFIX = {"person": "per_", "event": "ev_"}
WRITE_ERRORS = errors(401, 403, 404, 422, 501)
AUTHOR = "web api"


def _check_ids(s: Session, kind: str, ids: list[str]) -> None:
    for ref in ids:
        found = browse.get_person(s, ref) if kind == "person" else browse.get_event(s, ref)
        if found is None:
            raise HTTPException(404, f"There is no {kind} {ref!r}.")


def _corrections() -> Any:
    mod = optional_module("dragoman.resolve.corrections")
    if mod is None or not hasattr(mod, "merge") or not hasattr(mod, "split"):
        raise HTTPException(501, "Merging and splitting are not available yet: "
                                 "dragoman.resolve.corrections is not installed.")
    return mod


def _run_merge(store: Store, cache: BrowseCache, kind: str, into: str, others: list[str],
               note: str | None) -> list[dict[str, Any]]:
    """Fold each of ``others`` into ``into`` (one logged correction each)."""
    mod = _corrections()
    done = [mod.merge(store, kind, into, other, author=AUTHOR, note=note) for other in others]
    cache.clear()
    return done


def _run_split(store: Store, cache: BrowseCache, kind: str, ident: str, documents: list[str], name: str | None,
               note: str | None) -> list[dict[str, Any]]:
    """Split each document's account (or a name form, for persons) off ``ident``."""
    mod = _corrections()
    done = [mod.split(store, kind, ident, document=doc, author=AUTHOR, note=note) for doc in documents]
    if name:
        done.append(mod.split(store, kind, ident, name=name, author=AUTHOR, note=note))
    cache.clear()
    return done


async def _merge(kind: str, body: MergeRequest, s: Session, store: Store, cache: BrowseCache) -> dict[str, Any]:
    ids = list(dict.fromkeys(body.ids))
    if len(ids) < 2:
        raise HTTPException(422, "Invalid request: ids: give at least two different ids.")
    if body.into and body.into not in ids:
        raise HTTPException(422, "Invalid request: into: must be one of ids.")
    _check_ids(s, kind, ids)
    into = body.into or ids[0]
    others = [i for i in ids if i != into]
    done = await run_in_threadpool(_run_merge, store, cache, kind, into, others, body.note)
    return {"status": "ok", "kind": kind, "action": "merge", "id": into, "corrections": done}


async def _split(kind: str, body: SplitRequest, s: Session, store: Store, cache: BrowseCache) -> dict[str, Any]:
    if not body.documents and not (kind == "person" and body.name):
        raise HTTPException(422, "Invalid request: documents: name at least one document"
                                 + (" (or a name form)." if kind == "person" else "."))
    _check_ids(s, kind, [body.id])
    done = await run_in_threadpool(_run_split, store, cache, kind, body.id, body.documents, body.name, body.note)
    return {"status": "ok", "kind": kind, "action": "split", "id": body.id, "corrections": done}


@router.post("/persons/merge", responses=WRITE_ERRORS, tags=["persons"])
async def merge_persons(body: MergeRequest, _t: TokenDep, s: SessionDep, store: StoreDep,
                        cache: CacheDep) -> dict[str, Any]:
    """Merge persons the resolver kept apart (recorded in the corrections log)."""
    return await _merge("person", body, s, store, cache)


@router.post("/persons/split", responses=WRITE_ERRORS, tags=["persons"])
async def split_persons(body: SplitRequest, _t: TokenDep, s: SessionDep, store: StoreDep,
                        cache: CacheDep) -> dict[str, Any]:
    """Split the mentions in ``documents`` off a person into a new one."""
    return await _split("person", body, s, store, cache)


@router.post("/events/merge", responses=WRITE_ERRORS, tags=["events"])
async def merge_events(body: MergeRequest, _t: TokenDep, s: SessionDep, store: StoreDep,
                       cache: CacheDep) -> dict[str, Any]:
    """Merge events that are one real encounter."""
    return await _merge("event", body, s, store, cache)


@router.post("/events/split", responses=WRITE_ERRORS, tags=["events"])
async def split_events(body: SplitRequest, _t: TokenDep, s: SessionDep, store: StoreDep,
                       cache: CacheDep) -> dict[str, Any]:
    """Split the accounts in ``documents`` off an event into a new event."""
    return await _split("event", body, s, store, cache)
