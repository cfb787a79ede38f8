"""/api/v1/search: documents, events and people in one query."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dragoman.web.api.models import errors
from dragoman.web.deps import CacheDep, SessionDep
from dragoman.web.filters import EventFilterDep, Limit, Offset
from dragoman.web.search import run_search

router = APIRouter(tags=["search"])


@router.get("/search", responses=errors(422))
def search(s: SessionDep, cache: CacheDep, f: EventFilterDep,
           q: Annotated[str, Query(min_length=1, max_length=300, description="Words in any language")],
           kind: Annotated[str, Query(pattern="^(all|documents|events|persons)$")] = "all",
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Full-text search over documents (Arabic vowel marks, letter forms and the article are ignored),
    events reported by matching documents or attended by matching people, and persons by any name form.
    ``lang`` narrows documents; the event filters narrow events. Snippets are lists of
    ``[text, is_match]`` pieces. ``offset`` pages the documents."""
    return run_search(s, q, kind=kind, lang=f.lang, f=f.with_(lang=None), limit=limit, offset=offset,
                      cache=cache)
