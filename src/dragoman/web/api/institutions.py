"""/api/v1/institutions: parliaments, ministries and their people."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.api.models import EventOut, InstitutionOut, Page, errors
from dragoman.web.deps import CacheDep, SessionDep
from dragoman.web.filters import CountryQ, Limit, Offset

router = APIRouter(tags=["institutions"])


@router.get("/institutions", response_model=Page[InstitutionOut], responses=errors(422))
def list_institutions(s: SessionDep, country: CountryQ = None,
                      q: Annotated[str | None, Query(max_length=200)] = None,
                      limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Institutions, by name; filter by country or a name fragment."""
    return browse.list_institutions(s, country=(country or "").upper() or None, q=q or None,
                                    limit=limit, offset=offset).to_dict()


@router.get("/institutions/{inst_id}", responses=errors(404))
def get_institution(inst_id: str, s: SessionDep, cache: CacheDep) -> dict[str, Any]:
    """An institution with the people who held its offices."""
    inst = browse.get_institution(s, inst_id)
    if inst is None:
        raise HTTPException(404, f"There is no institution {inst_id!r}.")
    inst["events_total"] = browse.count_events(s, EventFilter(institution=inst_id), cache)
    return inst


@router.get("/institutions/{inst_id}/events", response_model=Page[EventOut], responses=errors(404, 422))
def institution_events(inst_id: str, s: SessionDep, cache: CacheDep, limit: Limit = 50,
                       offset: Offset = 0) -> dict[str, Any]:
    """Events attended by the institution's people, newest first."""
    if browse.get_institution(s, inst_id) is None:
        raise HTTPException(404, f"There is no institution {inst_id!r}.")
    return browse.list_events(s, EventFilter(institution=inst_id), limit=limit, offset=offset, cache=cache).to_dict()
