"""Country pairs: the list and the pair page (timeline, chart, people, record, filters, brief)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.charts import counts_svg, timeline_svg
from dragoman.web.app import url_with
from dragoman.web.deps import CacheDep, SessionDep, UiDep, briefing_available, render
from dragoman.web.filters import AfterQ, CommonFilterDep, Offset, check_after
from dragoman.web.i18n import Translator

router = APIRouter(include_in_schema=False)
PAGE = 25
TIMELINE_EVENTS = 400  # more events than this are drawn aggregated by month


@router.get("/pairs", response_class=HTMLResponse)
def pair_list(request: Request, s: SessionDep, ui: UiDep, cache: CacheDep) -> HTMLResponse:
    return render(request, ui, "pairs.html", {"pairs": browse.top_pairs(s, 100, cache=cache)})


def anniversaries(milestones: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """The next anniversary of each dated 'relations established' (or similar) milestone."""
    out = []
    for m in milestones:
        when = m.get("date") or ""
        if m.get("kind") not in {"relations_established", "anniversary"} or len(when) < 4:
            continue
        year = int(when[:4])
        month, day = (int(when[5:7]), int(when[8:10])) if len(when) == 10 else (None, None)
        nxt = today.year if (month is None or (month, day) >= (today.month, today.day)) else today.year + 1
        years = nxt - year
        if years <= 0:
            continue
        upcoming = f"{nxt:04d}-{month:02d}-{day:02d}" if month else f"{nxt:04d}"
        out.append({**m, "years": years, "upcoming": upcoming,
                    "days": (date(nxt, month, day) - today).days if month else None})
    return out


def timeline(request: Request, s: Session, f: EventFilter, stats: browse.EventStats, ui: Translator,
             cache: browse.BrowseCache) -> Markup:
    """One dot per event while they are few; past ``TIMELINE_EVENTS``, one dot per month (or year) and type,
    sized by its count and linked to the page filtered to that period and type."""
    if stats.total <= TIMELINE_EVENTS:
        return timeline_svg(browse.timeline_points(s, f, TIMELINE_EVENTS, cache=cache), ui)
    points = browse.aggregated_timeline(stats)
    for p in points:
        p["href"] = url_with(request, since=p["period"], until=p["period"], type=p["type"], offset=None, after=None)
    return timeline_svg(points, ui)


def pair_context(request: Request, s: Session, f: EventFilter, ui: Translator, cache: browse.BrowseCache,
                 offset: int, after: browse.Cursor | None) -> dict[str, Any]:
    """Everything the pair page shows, read through ``store.browse``."""
    a, b = f.pair or ("", "")
    pair = f"{a}-{b}"
    stats = browse.event_stats(s, f, cache)
    first, last = stats.date_range()
    monthly = bool(first and last and int(last[:4]) - int(first[:4]) < 3)
    milestones = browse.pair_records(s, pair, "milestone")
    return {
        "a": a, "b": b, "pair": pair, "f": f,
        "events": browse.events_page(s, f, limit=PAGE, offset=offset, after=after, cache=cache, stats=stats),
        "type_counts": stats.type_counts(),
        "timeline": timeline(request, s, f, stats, ui, cache),
        "timeline_grouped": stats.total > TIMELINE_EVENTS,
        "chart": counts_svg(stats.period_counts("month" if monthly else "year"), ui, monthly=monthly),
        "first": first, "last": last,
        "people": browse.pair_people(s, a, b, f=f, cache=cache),
        "agreements": browse.pair_records(s, pair, "agreement"),
        "milestones": milestones,
        "anniversaries": anniversaries(milestones, date.today()),
        "commitments": browse.pair_records(s, pair, "commitment"),
        "institutions": browse.institutions_of(s, (a, b)),
        "types": browse.EVENT_TYPES,
        "brief": briefing_available(),
    }


@router.get("/pairs/{pair}", response_class=HTMLResponse)
def pair_page(request: Request, pair: str, f: CommonFilterDep, s: SessionDep, ui: UiDep, cache: CacheDep,
              offset: Offset = 0, after: AfterQ = None) -> Response:
    """One country pair's record."""
    parsed = browse.parse_pair(pair)
    if parsed is None:
        raise HTTPException(404, f"{pair!r} is not a country pair (write it like AZ-BH).")
    canonical = f"{parsed[0]}-{parsed[1]}"
    if pair != canonical:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/pairs/{canonical}{query}", status_code=308)
    context = pair_context(request, s, f.with_(pair=parsed), ui, cache, offset, check_after(after))
    return render(request, ui, "pair.html", context)
