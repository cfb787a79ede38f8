"""/api/v1/pairs: the most active country pairs and one pair's record."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from dragoman.store import browse
from dragoman.web.api.models import PairOut, errors
from dragoman.web.deps import CacheDep, SessionDep
from dragoman.web.filters import CountryQ, CommonFilterDep, Limit

router = APIRouter(tags=["pairs"])


@router.get("/pairs", response_model=list[PairOut], responses=errors(422))
def list_pairs(s: SessionDep, cache: CacheDep, country: CountryQ = None, limit: Limit = 50) -> list[dict[str, Any]]:
    """Country pairs by number of events (optionally those involving ``country``)."""
    return browse.top_pairs(s, limit, country=(country or "").upper() or None, cache=cache)


@router.get("/pairs/{pair}", responses=errors(404, 422))
def get_pair(pair: str, f: CommonFilterDep, s: SessionDep, cache: CacheDep) -> dict[str, Any]:
    """A pair's record: counts by type and year, people on each side, agreements, milestones,
    commitments. Event filters (type, since, until, …) narrow the counts; list the events
    themselves with ``/api/v1/events?pair=…``."""
    parsed = browse.parse_pair(pair)
    if parsed is None:
        raise HTTPException(404, f"{pair!r} is not a country pair (write it like AZ-BH).")
    f = f.with_(pair=parsed)
    key = f"{parsed[0]}-{parsed[1]}"
    stats = browse.event_stats(s, f, cache)
    first, last = stats.date_range()
    return {
        "pair": key,
        "countries": list(parsed),
        "events": stats.total,
        "first": first,
        "last": last,
        "by_type": stats.type_counts(),
        "by_year": stats.period_counts("year"),
        "people": browse.pair_people(s, *parsed, f=f, cache=cache),
        "agreements": browse.pair_records(s, key, "agreement"),
        "milestones": browse.pair_records(s, key, "milestone"),
        "commitments": browse.pair_records(s, key, "commitment"),
    }
