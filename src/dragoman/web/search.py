"""Search across documents, events and people (shared by the page and the API)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from dragoman.store import browse
from dragoman.store.browse import BrowseCache, EventFilter
from dragoman.store.documents import search_documents
from dragoman.textnorm import normalize_for_search

KINDS = ("all", "documents", "events", "persons")


def run_search(s: Session, q: str, *, kind: str = "all", lang: str | None = None, f: EventFilter = EventFilter(),
               limit: int = 20, offset: int = 0, cache: BrowseCache | None = None) -> dict[str, Any]:
    """Documents (full text, ranked), events (newest first: attended by matching people, or reported by any
    matching document) and persons (any name form). Arabic diacritics and letter forms are ignored throughout."""
    result: dict[str, Any] = {"q": q, "normalized": normalize_for_search(q), "kind": kind}
    if not result["normalized"]:
        return {**result, "documents": {"items": [], "total": 0}, "events": [], "persons": []}
    total: int | None = None
    if kind in ("all", "documents"):
        total, hits = search_documents(s, q, lang=lang, limit=limit, offset=offset)
        docs = browse.documents_by_id(s, [h.document_id for h in hits])
        items = [{**docs[h.document_id], "score": h.score, "snippet": h.snippet} for h in hits if h.document_id in docs]
        result["documents"] = {"items": items, "total": total, "limit": limit, "offset": offset}
    persons: list[dict[str, Any]] = []
    if kind in ("all", "persons", "events"):
        persons = browse.search_persons(s, q, limit=limit)
        result["persons"] = persons if kind != "events" else []
    if kind in ("all", "events"):
        by_docs = browse.events_matching_text(s, q, f, lang=lang, documents=total, limit=limit, cache=cache)
        by_people = browse.events_with_people(s, [p["id"] for p in persons[:20]], f, limit=limit)
        result["events"] = browse.merge_lists(by_people, by_docs)[:limit]
    return result
