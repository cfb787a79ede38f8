"""Aggregates of the events matching a filter, from one GROUP BY in SQL.

``event_stats`` counts the events per (month, type) together with the first
and last start date: the total, the counts per type, per year or per month,
the date range and the aggregated timeline all derive from those few hundred
rows, and so does the seek of a deep page (``month_offsets``). No event row is
loaded into Python. The result is kept in the app's ``BrowseCache``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dragoman.store.browse.cache import BrowseCache, cached
from dragoman.store.browse.common import EventFilter
from dragoman.store.browse.filters import driven
from dragoman.store.schema import Event

Bucket = tuple[str | None, str, int]  # (YYYY-MM, or a shorter date, or None; type; count)


@dataclass(frozen=True)
class EventStats:
    """Counts of the events matching one filter, per month and type."""

    buckets: tuple[Bucket, ...]
    first: str | None
    last: str | None

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.buckets)

    def type_counts(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for _, t, n in self.buckets:
            counts[t] += n
        return dict(counts.most_common())

    def period_counts(self, period: str = "year") -> list[dict[str, Any]]:
        """[{period, type, n}] per 'year' or 'month' (dates less precise than the period are left out)."""
        width = 4 if period == "year" else 7
        counts: Counter[tuple[str, str]] = Counter()
        for b, t, n in self.buckets:
            if b and len(b) >= width:
                counts[(b[:width], t)] += n
        return [{"period": p, "type": t, "n": n} for (p, t), n in sorted(counts.items())]

    def date_range(self) -> tuple[str | None, str | None]:
        return self.first, self.last

    def month_totals(self) -> list[tuple[str | None, int]]:
        """(bucket, events) newest first, undated last: the page order of the events."""
        counts: Counter[str | None] = Counter()
        for b, _, n in self.buckets:
            counts[b] += n
        dated = sorted((b for b in counts if b is not None), reverse=True)
        return [(b, counts[b]) for b in dated] + ([(None, counts[None])] if None in counts else [])

    def seek(self, offset: int) -> tuple[str | None, int] | None:
        """The bucket holding position ``offset`` and the position within it; None past the end.

        Buckets compare like the dates in them, so "every event dated at most
        this bucket" is one index range and a deep page skips whole months.
        """
        seen = 0
        for bucket, n in self.month_totals():
            if offset < seen + n:
                return bucket, offset - seen
            seen += n
        return None


def upper_bound(bucket: str) -> str:
    """The greatest date string in ``bucket``: '2015-03' -> '2015-03\\uffff'; a year-only '2015' is itself."""
    return bucket + "\uffff" if len(bucket) >= 7 else bucket


def _compute(s: Session, f: EventFilter) -> EventStats:
    bucket = func.substr(Event.date_start, 1, 7)
    query = driven(f, bucket, Event.type, func.count(), func.min(Event.date_start), func.max(Event.date_start))
    rows = s.execute(query.group_by(bucket, Event.type)).all()
    dates = [d for r in rows for d in (r[3], r[4]) if d]
    return EventStats(tuple((b, t, int(n)) for b, t, n, _, _ in rows),
                      min(dates) if dates else None, max(dates) if dates else None)


def event_stats(s: Session, f: EventFilter = EventFilter(), cache: BrowseCache | None = None) -> EventStats:
    """The counts of the events matching ``f`` (cached by filter)."""
    return cached(cache, ("stats", f), lambda: _compute(s, f))


def count_all_events(s: Session, cache: BrowseCache | None = None) -> int:
    """How many events the store holds (to judge how selective a filter is)."""
    return cached(cache, ("events_total",), lambda: int(s.scalar(select(func.count()).select_from(Event)) or 0))


def aggregated_timeline(stats: EventStats, max_points: int = 400) -> list[dict[str, Any]]:
    """Timeline points per (month, type) with their count, or per (year, type) when months are too many."""
    for width in (7, 4):
        counts: Counter[tuple[str, str]] = Counter()
        for b, t, n in stats.buckets:
            if b and len(b) >= width:
                counts[(b[:width], t)] += n
        if len(counts) <= max_points or width == 4:
            return [{"period": p, "date": p, "type": t, "n": n} for (p, t), n in sorted(counts.items())]
    return []
