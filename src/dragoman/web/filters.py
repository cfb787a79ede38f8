"""Query-string filters and pagination shared by the pages and the API.

Empty strings (what an HTML form sends for an empty field) mean "no filter";
anything else that cannot be read is a 422 naming the parameter.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from dragoman.store.browse import EVENT_TYPES, Cursor, EventFilter, parse_pair

DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
COUNTRY_PATTERN = r"^([A-Za-z]{2})?$"
PAIR_PATTERN = r"^([A-Za-z]{2}-[A-Za-z]{2})?$"
TYPE_PATTERN = "^(" + "|".join(EVENT_TYPES) + ")?$"
LANG_PATTERN = r"^([a-z]{2,3})?$"

DateQ = Annotated[str | None, Query(pattern=DATE_PATTERN, description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD")]
CountryQ = Annotated[str | None, Query(pattern=COUNTRY_PATTERN, description="ISO 3166-1 alpha-2 code")]
PairQ = Annotated[str | None, Query(pattern=PAIR_PATTERN, description="Country pair, e.g. AZ-BH")]
TypeQ = Annotated[str | None, Query(pattern=TYPE_PATTERN, description="Event type: " + ", ".join(EVENT_TYPES))]
LangQ = Annotated[str | None, Query(pattern=LANG_PATTERN, description="Language of the source documents")]
LevelQ = Annotated[str | None, Query(pattern=r"^[1-9]?$", description="Protocol level (1 = head of state)")]
IdQ = Annotated[str | None, Query(max_length=64)]
TextQ = Annotated[str | None, Query(max_length=255)]
Limit = Annotated[int, Query(ge=1, le=200, description="Page size (1–200)")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]
AfterQ = Annotated[str | None, Query(max_length=80, description="Continue after this event: '<date>~<id>'")]


def check_date(name: str, value: str | None) -> str | None:
    """An ISO date of any precision, or None; 422 when the calendar rejects it."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise HTTPException(422, f"Invalid request: {name}: {value!r} is not a calendar date.") from None
    return value


def check_after(value: str | None) -> Cursor | None:
    """The page cursor '<date>~<id>' of a 'next' link, or None; 422 when malformed."""
    if not value:
        return None
    cursor = Cursor.parse(value)
    if cursor is None:
        raise HTTPException(422, f"Invalid request: after: {value!r} is not a page cursor ('<date>~<id>').")
    return cursor


def check_pair(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    pair = parse_pair(value)
    if pair is None:
        raise HTTPException(422, f"Invalid request: pair: {value!r} must be two different country codes, e.g. AZ-BH.")
    return pair


def common_filters(
    country: CountryQ = None,
    type: TypeQ = None,
    since: DateQ = None,
    until: DateQ = None,
    person: IdQ = None,
    institution: IdQ = None,
    lang: LangQ = None,
    outlet: TextQ = None,
    level: LevelQ = None,
) -> EventFilter:
    """Read the event filters of a request (all optional), except the pair."""
    return EventFilter(
        country=country.upper() if country else None,
        type=type or None,
        since=check_date("since", since),
        until=check_date("until", until),
        person=person or None,
        institution=institution or None,
        lang=lang or None,
        outlet=outlet or None,
        level=int(level) if level else None,
    )


CommonFilterDep = Annotated[EventFilter, Depends(common_filters)]


def event_filters(base: CommonFilterDep, pair: PairQ = None) -> EventFilter:
    """All event filters, the pair included."""
    return base.with_(pair=check_pair(pair))


EventFilterDep = Annotated[EventFilter, Depends(event_filters)]
