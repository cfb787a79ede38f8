"""The overview: row counts, the most active country pairs, the latest documents, known countries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from dragoman.store.browse.cache import BrowseCache, cached
from dragoman.store.browse.common import document_dict
from dragoman.store.schema import AgreementRecord, Document, Event, EventCountry, Institution, Person

PAIRS_TTL = 300.0  # the store-wide pair totals read every row of event_countries: keep them longer


def overview_counts(s: Session, cache: BrowseCache | None = None) -> dict[str, int]:
    """Row counts for the overview cards."""
    def compute() -> dict[str, int]:
        def n(col: Any) -> int:
            return int(s.scalar(select(func.count(col))) or 0)

        return {"documents": n(Document.id), "events": n(Event.id), "persons": n(Person.id),
                "institutions": n(Institution.id), "agreements": n(AgreementRecord.id)}

    return cached(cache, ("overview_counts",), compute)


def _pair_totals(s: Session, country: str | None) -> list[dict[str, Any]]:
    """Every pair (or every pair of ``country``) with its number of events, most active first."""
    ea, eb = aliased(EventCountry), aliased(EventCountry)
    if country:
        query = (select(ea.country, eb.country, func.count())
                 .join(eb, and_(eb.event_id == ea.event_id, eb.country != ea.country)).where(ea.country == country))
    else:
        query = select(ea.country, eb.country, func.count()).join(
            eb, and_(eb.event_id == ea.event_id, eb.country > ea.country))
    rows = s.execute(query.group_by(ea.country, eb.country).order_by(func.count().desc(), ea.country, eb.country))
    result = []
    for a, b, n in rows:
        x, y = sorted((a, b))
        result.append({"pair": f"{x}-{y}", "a": x, "b": y, "events": int(n)})
    return result


def top_pairs(s: Session, limit: int = 10, *, country: str | None = None,
              cache: BrowseCache | None = None) -> list[dict[str, Any]]:
    """The most active country pairs: [{pair, a, b, events}] by event count (all pairs computed once, cached)."""
    totals = cached(cache, ("pair_totals", country), lambda: _pair_totals(s, country), ttl=PAIRS_TTL)
    return [dict(r) for r in totals[:limit]]


def latest_documents(s: Session, limit: int = 8) -> list[dict[str, Any]]:
    query = select(Document).order_by(Document.published.desc().nulls_last(), Document.id.desc()).limit(limit)
    return [document_dict(d) for d in s.scalars(query)]


def known_countries(s: Session) -> list[str]:
    """Countries present in ``event_countries`` (for filter menus)."""
    return [c for (c,) in s.execute(select(EventCountry.country).distinct().order_by(EventCountry.country))]
