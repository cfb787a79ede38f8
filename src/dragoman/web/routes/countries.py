"""Country pages: partners, people, engagements over time."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.charts import counts_svg
from dragoman.web.deps import CacheDep, SessionDep, UiDep, render
from dragoman.web.filters import AfterQ, Offset, check_after

router = APIRouter(include_in_schema=False)
PAGE = 25


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(request: Request, code: str, s: SessionDep, ui: UiDep, cache: CacheDep, offset: Offset = 0,
                 after: AfterQ = None) -> HTMLResponse:
    """A country's partners, most active people, engagements per year and events."""
    code = code.upper()
    if len(code) != 2 or not code.isalpha():
        raise HTTPException(404, f"{code!r} is not a country code.")
    f = EventFilter(country=code)
    stats = browse.event_stats(s, f, cache)
    context = {
        "code": code,
        "events": browse.events_page(s, f, limit=PAGE, offset=offset, after=check_after(after), cache=cache,
                                     stats=stats),
        "chart": counts_svg(stats.period_counts("year"), ui),
        "partners": browse.top_pairs(s, 20, country=code, cache=cache),
        "people": browse.country_people(s, code, cache=cache),
        "institutions": browse.institutions_of(s, [code], limit=50),
        "f": f,
    }
    return render(request, ui, "country.html", context)
