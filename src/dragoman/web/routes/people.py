"""Persons: the list and the person page (names, role history, events over time, counterparts)."""

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


@router.get("/persons", response_class=HTMLResponse)
def person_list(request: Request, s: SessionDep, ui: UiDep, country: CountryQ = None,
                q: Annotated[str | None, Query(max_length=200)] = None, offset: Offset = 0) -> HTMLResponse:
    page = browse.list_persons(s, country=(country or "").upper() or None, q=q or None, limit=PAGE, offset=offset)
    return render(request, ui, "persons.html", {"people": page, "q": q or "", "country": country or ""})


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str, s: SessionDep, ui: UiDep, offset: Offset = 0) -> HTMLResponse:
    person = browse.get_person(s, person_id)
    if person is None:
        raise HTTPException(404, f"There is no person {person_id!r}.")
    f = EventFilter(person=person_id)
    digest = browse.event_digest(s, f)
    context = {
        "p": person,
        "events": browse.digest_page(s, digest, limit=PAGE, offset=offset),
        "chart": counts_svg(digest.period_counts("year"), ui),
        "counterparts": browse.person_counterparts(s, person_id),
        "f": f,
    }
    return render(request, ui, "person.html", context)
