"""The search page: documents, events and people, with filters and highlighted snippets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from dragoman.store import browse
from dragoman.web.deps import CacheDep, SessionDep, UiDep, render
from dragoman.web.filters import EventFilterDep, Offset
from dragoman.web.highlight import snippet_markup
from dragoman.web.search import run_search

router = APIRouter(include_in_schema=False)
PAGE = 20


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, s: SessionDep, cache: CacheDep, ui: UiDep, f: EventFilterDep,
                q: Annotated[str, Query(max_length=300)] = "",
                kind: Annotated[str, Query(pattern="^(all|documents|events|persons)$")] = "all",
                offset: Offset = 0) -> HTMLResponse:
    result = run_search(s, q, kind=kind, lang=f.lang, f=f.with_(lang=None), limit=PAGE, offset=offset,
                        cache=cache)
    for doc in result.get("documents", {}).get("items", []):
        doc["snippet_html"] = snippet_markup(doc["snippet"])
    context = {"q": q, "kind": kind, "r": result, "f": f, "types": browse.EVENT_TYPES, "offset": offset}
    return render(request, ui, "search.html", context)
