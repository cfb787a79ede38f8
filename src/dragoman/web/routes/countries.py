"""Country pages: partners, people, engagements over time."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.charts import counts_svg
from dragoman.web.deps import SessionDep, UiDep, render
from dragoman.web.filters import Offset

router = APIRouter(include_in_schema=False)
PAGE = 25


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(request: Request, code: str, s: SessionDep, ui: UiDep, offset: Offset = 0) -> HTMLResponse:
    code = code.upper()
    if len(code) != 2 or not code.isalpha():
        raise HTTPException(404, f"{code!r} is not a country code.")
    f = EventFilter(country=code)
    digest = browse.event_digest(s, f)
    context = {
        "code": code,
        "events": browse.digest_page(s, digest, limit=PAGE, offset=offset),
        "chart": counts_svg(digest.period_counts("year"), ui),
        "partners": browse.top_pairs(s, 20, country=code),
        "people": browse.country_people(s, code, event_ids=digest.ids(0, 2000)),
        "institutions": browse.institutions_of(s, [code], limit=50),
        "f": f,
    }
    return render(request, ui, "country.html", context)
