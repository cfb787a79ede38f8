"""/api/v1/events: filtered, paginated events and one event with its sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from dragoman.store import browse
from dragoman.web.api.models import EventOut, Page, errors
from dragoman.web.deps import CacheDep, SessionDep
from dragoman.web.filters import EventFilterDep, Limit, Offset

router = APIRouter(tags=["events"])


@router.get("/events", response_model=Page[EventOut], responses=errors(422))
def list_events(f: EventFilterDep, s: SessionDep, cache: CacheDep, limit: Limit = 50,
                offset: Offset = 0) -> dict[str, Any]:
    """Events, newest first. Filters combine (AND): pair, country, type, since/until (by start date),
    person, institution, lang/outlet (of a source document), level."""
    return browse.list_events(s, f, limit=limit, offset=offset, cache=cache).to_dict()


@router.get("/events/{event_id}", responses=errors(404))
def get_event(event_id: str, s: SessionDep) -> dict[str, Any]:
    """One event: participants, PLOVER coding, disagreements, and every source with its evidence."""
    event = browse.get_event(s, event_id)
    if event is None:
        raise HTTPException(404, f"There is no event {event_id!r}.")
    return event
