"""The relations record of one document: agreements, milestones, commitments.

These are per-document rows (each keeps its own evidence); ``pair`` is the
sorted "AZ-BH" key when exactly two countries are involved, so the country-pair
pages can list them with one indexed query. An agreement is linked to the fused
event of the document's agreement/signing event with the same title or date.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from sqlalchemy.orm import Session

from dragoman.models import ExtractionResult
from dragoman.store import events as db
from dragoman.textnorm import fold

__all__ = ["pair_of", "write_records", "write_records_many"]

_ISO2 = re.compile(r"^[A-Z]{2}$")


def pair_of(countries: list[str]) -> str | None:
    """"AZ-BH" for two distinct ISO countries (sorted), else None."""
    codes = sorted({c.upper() for c in countries if c and _ISO2.match(c.upper())})
    return "-".join(codes) if len(codes) == 2 else None


def _evidence(items: list[Any], external_id: str) -> list[dict[str, Any]]:
    return [dict(dataclasses.asdict(e), document=external_id) for e in items]


def _agreement_event(result: ExtractionResult, events: dict[str, str], title: str, day: str | None) -> str | None:
    signing = [e for e in result.events if e.type == "agreement" and e.key in events]
    for e in signing:
        if e.title and fold(e.title) == fold(title):
            return events[e.key]
    for e in signing:
        if day and e.date and e.date.start == day:
            return events[e.key]
    return events[signing[0].key] if len(signing) == 1 else None


def write_records(s: Session, document_id: int, external_id: str, result: ExtractionResult, events: dict[str, str]) -> None:
    """Replace the document's agreements, milestones and commitments."""
    db.replace_records(s, document_id, *_records(external_id, result, events))


def write_records_many(s: Session, docs: list[tuple[int, str, ExtractionResult, dict[str, str]]]) -> None:
    """``write_records`` for several documents with bulk statements."""
    if not docs:
        return
    agreements, milestones, commitments = [], [], []
    for document_id, external_id, result, events in docs:
        a, m, c = _records(external_id, result, events)
        agreements += [dict(x, document_id=document_id) for x in a]
        milestones += [dict(x, document_id=document_id) for x in m]
        commitments += [dict(x, document_id=document_id) for x in c]
    db.replace_records_many(s, [d[0] for d in docs], agreements, milestones, commitments)


def _records(external_id: str, result: ExtractionResult, events: dict[str, str]) -> tuple[list[dict[str, Any]], ...]:
    doc_countries = sorted({c for e in result.events for c in e.countries})
    agreements = []
    for a in result.agreements:
        parties = [p for p in a.parties if p]
        pair = pair_of(parties) or pair_of(doc_countries)
        agreements.append({"event_id": _agreement_event(result, events, a.title, a.date), "pair": pair,
                           "title": a.title, "date": (a.date or None) and a.date[:10], "status": a.status or "signed",
                           "parties": parties, "evidence": _evidence(a.evidence, external_id)})
    milestones = [{"pair": pair_of(m.countries), "what": m.what, "kind": m.kind or "other",
                   "date": (m.date or None) and m.date[:10], "countries": list(m.countries),
                   "evidence": _evidence(m.evidence, external_id)} for m in result.milestones]
    commitments = [{"pair": pair_of(c.countries), "text": c.text, "kind": c.kind or "other",
                    "due": (c.due or None) and c.due[:10], "countries": list(c.countries),
                    "evidence": _evidence(c.evidence, external_id)} for c in result.commitments]
    return agreements, milestones, commitments
