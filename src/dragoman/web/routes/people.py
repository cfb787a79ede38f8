"""Persons: the list and the person page (names, role history, events over time, counterparts)."""

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


@router.get("/persons", response_class=HTMLResponse)
def person_list(request: Request, s: SessionDep, ui: UiDep, country: CountryQ = None,
                q: Annotated[str | None, Query(max_length=200)] = None, offset: Offset = 0) -> HTMLResponse:
    page = browse.list_persons(s, country=(country or "").upper() or None, q=q or None, limit=PAGE, offset=offset)
    return render(request, ui, "persons.html", {"people": page, "q": q or "", "country": country or ""})


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str, s: SessionDep, ui: UiDep, cache: CacheDep, offset: Offset = 0,
                after: AfterQ = None) -> HTMLResponse:
    """A person's names, offices, events over time and counterparts."""
    person = browse.get_person(s, person_id)
    if person is None:
        raise HTTPException(404, f"There is no person {person_id!r}.")
    f = EventFilter(person=person_id)
    stats = browse.event_stats(s, f, cache)
    context = {
        "p": person,
        "events": browse.events_page(s, f, limit=PAGE, offset=offset, after=check_after(after), cache=cache,
                                     stats=stats),
        "chart": counts_svg(stats.period_counts("year"), ui),
        "counterparts": browse.person_counterparts(s, person_id),
        "f": f,
    }
    return render(request, ui, "person.html", context)
