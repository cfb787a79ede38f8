"""/api/v1/persons: people, their names, roles, events and counterparts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from dragoman.store import browse
from dragoman.store.browse import EventFilter
from dragoman.web.api.models import EventOut, Page, PersonOut, errors
from dragoman.web.deps import CacheDep, SessionDep
from dragoman.web.filters import CountryQ, IdQ, Limit, Offset

router = APIRouter(tags=["persons"])


@router.get("/persons", response_model=Page[PersonOut], responses=errors(422))
def list_persons(s: SessionDep, country: CountryQ = None, institution: IdQ = None,
                 q: Annotated[str | None, Query(max_length=200, description="Name in any script")] = None,
                 limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Persons by name; filter by country, institution or a name query (diacritics ignored)."""
    return browse.list_persons(s, country=(country or "").upper() or None, q=q or None,
                               institution=institution or None, limit=limit, offset=offset).to_dict()


@router.get("/persons/{person_id}", responses=errors(404))
def get_person(person_id: str, s: SessionDep, cache: CacheDep) -> dict[str, Any]:
    """A person: every name form, the role history, the current office and the people met most."""
    person = browse.get_person(s, person_id)
    if person is None:
        raise HTTPException(404, f"There is no person {person_id!r}.")
    person["counterparts"] = browse.person_counterparts(s, person_id)
    person["events_total"] = browse.count_events(s, EventFilter(person=person_id), cache)
    return person


@router.get("/persons/{person_id}/events", response_model=Page[EventOut], responses=errors(404, 422))
def person_events(person_id: str, s: SessionDep, cache: CacheDep, limit: Limit = 50,
                  offset: Offset = 0) -> dict[str, Any]:
    """The events a person took part in, newest first."""
    if browse.get_person(s, person_id) is None:
        raise HTTPException(404, f"There is no person {person_id!r}.")
    return browse.list_events(s, EventFilter(person=person_id), limit=limit, offset=offset, cache=cache).to_dict()
