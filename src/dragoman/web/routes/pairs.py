"""Country pairs: the list and the pair page (timeline, chart, people, record, filters, brief)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.charts import counts_svg, timeline_svg
from dragoman.web.deps import SessionDep, UiDep, briefing_available, render
from dragoman.web.filters import CommonFilterDep, Offset
from dragoman.web.i18n import Translator

router = APIRouter(include_in_schema=False)
PAGE = 25


@router.get("/pairs", response_class=HTMLResponse)
def pair_list(request: Request, s: SessionDep, ui: UiDep) -> HTMLResponse:
    return render(request, ui, "pairs.html", {"pairs": browse.top_pairs(s, 100)})


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


def pair_context(s: Session, f: EventFilter, ui: Translator, offset: int) -> dict[str, Any]:
    """Everything the pair page shows, read through ``store.browse``."""
    a, b = f.pair or ("", "")
    pair = f"{a}-{b}"
    digest = browse.event_digest(s, f)
    first, last = digest.date_range()
    monthly = bool(first and last and int(last[:4]) - int(first[:4]) < 3)
    milestones = browse.pair_records(s, pair, "milestone")
    return {
        "a": a, "b": b, "pair": pair, "f": f,
        "events": browse.digest_page(s, digest, limit=PAGE, offset=offset),
        "type_counts": digest.type_counts(),
        "timeline": timeline_svg(browse.with_titles(s, digest.timeline()), ui),
        "chart": counts_svg(digest.period_counts("month" if monthly else "year"), ui, monthly=monthly),
        "first": first, "last": last,
        "people": browse.pair_people(s, a, b, event_ids=digest.ids(0, 2000)),
        "agreements": browse.pair_records(s, pair, "agreement"),
        "milestones": milestones,
        "anniversaries": anniversaries(milestones, date.today()),
        "commitments": browse.pair_records(s, pair, "commitment"),
        "institutions": browse.institutions_of(s, (a, b)),
        "types": browse.EVENT_TYPES,
        "brief": briefing_available(),
    }


@router.get("/pairs/{pair}", response_class=HTMLResponse)
def pair_page(request: Request, pair: str, f: CommonFilterDep, s: SessionDep, ui: UiDep, offset: Offset = 0) -> Response:
    """One country pair's record."""
    parsed = browse.parse_pair(pair)
    if parsed is None:
        raise HTTPException(404, f"{pair!r} is not a country pair (write it like AZ-BH).")
    canonical = f"{parsed[0]}-{parsed[1]}"
    if pair != canonical:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/pairs/{canonical}{query}", status_code=308)
    context = pair_context(s, f.with_(pair=parsed), ui, offset)
    return render(request, ui, "pair.html", context)
