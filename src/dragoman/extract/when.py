"""Glue to the dates module: date mentions of a document and the anchor day.

``find_dates`` (dragoman.extract.dates, owned by the dates work) resolves
absolute, relative and range expressions against an anchor. The anchor is the
dateline date, else the publication date: agency copy reports the day's
events, so "today", "on Monday", "yesterday" and undated main events hang on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dragoman.models import CleanDocument


@dataclass
class DateHit:
    """A resolved date mention (a thin copy of dates.DateMention)."""

    start: int
    end: int
    text: str
    value: str | None
    end_value: str | None
    granularity: str
    kind: str
    relative: bool


def anchor_of(doc: CleanDocument) -> str | None:
    """The reference day for relative dates: dateline date, else publication date."""
    for value in (doc.dateline_date, doc.published):
        if value and len(value) >= 10:
            return value[:10]
    return doc.dateline_date or doc.published


def find_date_hits(doc: CleanDocument, pack) -> list[DateHit]:
    """All date mentions of the document; [] when the dates module is absent."""
    try:
        from dragoman.extract.dates import find_dates
    except ImportError:
        return []
    anchor = anchor_of(doc)
    if pack.date_resources is None:
        return []
    found = find_dates(doc.text, doc.lang, anchor, pack.date_resources)
    out = []
    for d in found:
        value = getattr(d, "value", None)
        if not value and getattr(d, "kind", None) != "same_day":
            continue
        out.append(
            DateHit(
                start=d.start, end=d.end, text=getattr(d, "text", doc.text[d.start : d.end]), value=value,
                end_value=getattr(d, "end_value", None), granularity=getattr(d, "granularity", "day") or "day",
                kind=getattr(d, "kind", "absolute") or "absolute", relative=bool(getattr(d, "relative", False)),
            )
        )
    return out


def granularity_of(value: str | None) -> str:
    if not value:
        return "day"
    return {4: "year", 7: "month"}.get(len(value), "day")
