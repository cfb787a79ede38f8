"""Partial ISO dates ("2025", "2025-05", "2025-05-12"): spans, formatting, anniversaries.

Dates in the store keep the precision the source gave. These helpers never
invent the missing parts: a year-precision date is formatted as a year and
spans the whole year in a calendar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import format_date, format_skeleton

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def precision(value: str | None) -> str | None:
    """'day', 'month', 'year' or None for a value that is not a partial ISO date."""
    m = _ISO.match(value or "")
    if not m:
        return None
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def first_day(value: str) -> date:
    """The first day the partial date can mean."""
    m = _ISO.match(value)
    if not m:
        raise ValueError(f"not an ISO date: {value!r}")
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def span(start: str, end: str | None = None) -> tuple[date, date]:
    """[first day, day after the last day) covered by a partial date range."""
    last = end or start
    m = _ISO.match(last)
    if not m:
        raise ValueError(f"not an ISO date: {last!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        stop = date(y, int(mo), int(d)) + timedelta(days=1)
    elif mo:
        stop = date(y + (mo == "12"), int(mo) % 12 + 1, 1)
    else:
        stop = date(y + 1, 1, 1)
    return first_day(start), stop


def format_partial(value: str | None, locale: str) -> str | None:
    """A partial date in the locale's words: "12 May 2025", "May 2025", "2025"."""
    p = precision(value)
    if p is None or value is None:
        return value
    d = first_day(value)
    if p == "day":
        return format_date(d, format="long", locale=locale)
    if p == "month":
        return format_skeleton("yMMMM", d, locale=locale)
    return format_skeleton("y", d, locale=locale)


def format_range(start: str | None, end: str | None, locale: str) -> str | None:
    """"12 May 2025" or "12 May 2025 – 14 May 2025" (end only when it differs)."""
    a = format_partial(start, locale)
    if end and end != start:
        return f"{a} – {format_partial(end, locale)}"
    return a


@dataclass(frozen=True)
class Anniversary:
    """The ``years``-th anniversary of ``since`` falling on ``on`` (same precision as ``since``)."""

    since: str
    years: int
    on: str

    @property
    def round(self) -> bool:
        return self.years % 5 == 0


def upcoming_anniversaries(since: str, today: date, horizon_years: int = 10) -> list[Anniversary]:
    """The next anniversary of ``since`` on or after ``today``, and the next round one (5, 10, 15…).

    A year-precision ``since`` gives anniversaries of year precision: this
    year's counts as upcoming because its day is unknown.
    """
    p = precision(since)
    if p is None:
        return []
    base = first_day(since)
    out: list[Anniversary] = []
    for years in range(1, 400):
        year = base.year + years
        if year > today.year + horizon_years:
            break
        if p == "year":
            on, upcoming = f"{year:04d}", year >= today.year
        elif p == "month":
            on, upcoming = f"{year:04d}-{base.month:02d}", (year, base.month) >= (today.year, today.month)
        else:
            day = min(base.day, 28) if base.month == 2 and base.day == 29 else base.day
            on, upcoming = f"{year:04d}-{base.month:02d}-{day:02d}", date(year, base.month, day) >= today
        if not upcoming:
            continue
        if not out or (years % 5 == 0 and not out[0].round):
            out.append(Anniversary(since, years, on))
        if out and (out[-1].round or years % 5 == 0):
            break
    return out
