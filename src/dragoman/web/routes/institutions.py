"""Institutions: the list and the institution page (its people and their engagements)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.charts import counts_svg
from dragoman.web.deps import CacheDep, SessionDep, UiDep, render
from dragoman.web.filters import AfterQ, CountryQ, Offset, check_after

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/institutions", response_class=HTMLResponse)
def institution_list(request: Request, s: SessionDep, ui: UiDep, country: CountryQ = None,
                     q: Annotated[str | None, Query(max_length=200)] = None, offset: Offset = 0) -> HTMLResponse:
    page = browse.list_institutions(s, country=(country or "").upper() or None, q=q or None, limit=PAGE,
                                    offset=offset)
    return render(request, ui, "institutions.html", {"items": page, "q": q or "", "country": country or ""})


@router.get("/institutions/{inst_id}", response_class=HTMLResponse)
def institution_page(request: Request, inst_id: str, s: SessionDep, ui: UiDep, cache: CacheDep, offset: Offset = 0,
                     after: AfterQ = None) -> HTMLResponse:
    """An institution's people and the events they attended."""
    inst = browse.get_institution(s, inst_id)
    if inst is None:
        raise HTTPException(404, f"There is no institution {inst_id!r}.")
    f = EventFilter(institution=inst_id)
    stats = browse.event_stats(s, f, cache)
    context = {
        "i": inst,
        "events": browse.events_page(s, f, limit=PAGE, offset=offset, after=check_after(after), cache=cache,
                                     stats=stats),
        "chart": counts_svg(stats.period_counts("year"), ui),
        "f": f,
    }
    return render(request, ui, "institution.html", context)
