"""Institutions: the list and the institution page (its people and their engagements)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.charts import counts_svg
from dragoman.web.deps import SessionDep, UiDep, render
from dragoman.web.filters import CountryQ, Offset

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/institutions", response_class=HTMLResponse)
def institution_list(request: Request, s: SessionDep, ui: UiDep, country: CountryQ = None,
                     q: Annotated[str | None, Query(max_length=200)] = None, offset: Offset = 0) -> HTMLResponse:
    page = browse.list_institutions(s, country=(country or "").upper() or None, q=q or None, limit=PAGE,
                                    offset=offset)
    return render(request, ui, "institutions.html", {"items": page, "q": q or "", "country": country or ""})


@router.get("/institutions/{inst_id}", response_class=HTMLResponse)
def institution_page(request: Request, inst_id: str, s: SessionDep, ui: UiDep, offset: Offset = 0) -> HTMLResponse:
    inst = browse.get_institution(s, inst_id)
    if inst is None:
        raise HTTPException(404, f"There is no institution {inst_id!r}.")
    f = EventFilter(institution=inst_id)
    digest = browse.event_digest(s, f)
    context = {
        "i": inst,
        "events": browse.digest_page(s, digest, limit=PAGE, offset=offset),
        "chart": counts_svg(digest.period_counts("year"), ui),
        "f": f,
    }
    return render(request, ui, "institution.html", context)
