"""Events: one fused event per real encounter, however many reports describe it.

For each DocEvent of a document we look for a stored event that is the same
encounter. Candidates come from indexed queries only (shared participant
person ids, else the country, within a few days of the event's anchor day);
a candidate is the same encounter when

- it has no source from this document yet (a document's events are distinct
  by the extractor's judgement: three meetings with three hosts stay three);
- status agrees, types agree (meeting/visit/other are interchangeable,
  phone calls, messages and agreements are not);
- single-day dates are equal, or one day apart only when type and the whole
  participant list agree (consecutive days of one visit are different
  meetings; a next-day report's date slip is not), ranges and coarser dates
  overlap, or, where a date is unknown,
  publication days are within two days;
- they share participants: at least two, or all of the smaller side's when it
  names only one (an Arabic report may name only its own minister).

The best candidate wins by (same type, shared participants, same day, same
place country); when two candidates tie we do not guess and create a new
event (precision over recall). Ids are ``ev_`` + a hash of the creating
source's (document external id, local key): stable across re-runs.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from dragoman.models import DocEvent
from dragoman.resolve.context import Context
from dragoman.resolve.fusion import bounds, dates_overlap, fuse_participants, fuse_readings
from dragoman.resolve.persons import DocPersons
from dragoman.store import entities as edb
from dragoman.store import events as db
from dragoman.store.events import EventView

__all__ = ["fuse_document", "recompute_event", "reading_of"]

IN_PERSON = frozenset({"meeting", "visit", "other"})
WINDOW_DAYS = 3


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _anchor(ev: DocEvent, published: str | None) -> str | None:
    start = ev.date.start if ev.date else None
    if start and len(start) == 10:
        return start
    if published and (not start or published.startswith(start)):
        return published[:10]
    return (bounds(start) or (None,))[0]


def reading_of(ev: DocEvent, info: DocPersons, newsroom: str) -> dict[str, Any]:
    """The DocEvent as this source read it, participants completed from DocPerson."""
    reading = dataclasses.asdict(ev)
    people = {p.key: p for p in info.result.people}
    for p in reading["participants"]:
        dp = people.get(p["person"])
        if dp is not None:
            p["name"] = dp.name
            p["title"] = p.get("title") or dp.title
            p["organization"] = p.get("organization") or dp.organization
            p["country"] = p.get("country") or dp.country
    reading.update(_document=info.doc.external_id, _published=info.doc.published, _newsroom=newsroom,
                   _url=info.doc.url, _outlet=info.doc.outlet)
    return reading


def _date_fit(ev: DocEvent, anchor: str | None, cand: EventView) -> tuple[bool, bool]:
    """(compatible, same day) of a DocEvent's date and a stored event's."""
    mine = bounds(ev.date.start, ev.date.end) if ev.date else None
    theirs = bounds(cand.date_start, cand.date_end)
    if mine and theirs:
        exact = mine == theirs and (ev.date.granularity or "day") == "day"
        both_days = mine[0] == mine[1] and theirs[0] == theirs[1]
        if both_days:  # two single days: the same day, or the next one (checked harder by the caller)
            near = abs((date.fromisoformat(mine[0]) - date.fromisoformat(theirs[0])).days) <= 1
            return near, exact
        return dates_overlap(mine, theirs), exact
    if anchor and cand.anchor_date:
        gap = abs((date.fromisoformat(anchor) - date.fromisoformat(cand.anchor_date[:10])).days)
        return gap <= 2, False
    return False, False


def _score(ev: DocEvent, anchor: str | None, pids: set[str], doc_id: int, cand: EventView) -> tuple[Any, ...] | None:
    """How well a stored event fits as the same encounter; None when it cannot be."""
    if doc_id in cand.document_ids or (ev.status or "occurred") != cand.status:
        return None
    if ev.type != cand.type and not (ev.type in IN_PERSON and cand.type in IN_PERSON):
        return None
    ok, exact = _date_fit(ev, anchor, cand)
    if not ok:
        return None
    one_day_apart = ev.date and cand.date_start and len(cand.date_start) == 10 and not exact and (ev.date.granularity or "day") == "day"
    if one_day_apart and not (ev.type == cand.type and len(pids) >= 2 and pids == cand.person_ids):
        return None  # consecutive days of one visit are different meetings unless everything else agrees
    shared = len(pids & cand.person_ids)
    need = min(2, len(pids), len(cand.person_ids))
    if need == 0:
        if pids or cand.person_ids or not exact or ev.type != cand.type:
            return None
        if sorted(set(ev.countries)) != sorted(set(cand.countries)) or len(set(ev.countries)) < 2:
            return None
    elif shared < need:
        return None
    loc = ev.location.country if ev.location else None
    return (ev.type == cand.type, shared, exact, bool(loc) and loc == cand.location_country)


def _candidates(s: Session, ev: DocEvent, anchor: str | None, pids: list[str]) -> list[EventView]:
    if not anchor:
        return []
    lo, hi = _shift(anchor, -WINDOW_DAYS), _shift(anchor, WINDOW_DAYS)
    if pids:
        return db.event_candidates_by_persons(s, pids, lo, hi)
    countries = sorted(set(ev.countries))
    return db.event_candidates_by_countries(s, countries, lo, hi, ev.type) if len(countries) >= 2 else []


def _best(scored: list[tuple[tuple[Any, ...], EventView]]) -> EventView | None:
    """The single best candidate, or None when the top score is shared (ambiguous)."""
    if not scored:
        return None
    scored.sort(key=lambda sc: sc[0], reverse=True)
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def _new_event_id(s: Session, external_id: str, local_key: str) -> str:
    basis = f"{external_id}|{local_key}"
    eid = "ev_" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
    n = 0
    while db.event_exists(s, eid):
        n += 1
        eid = "ev_" + hashlib.sha1(f"{basis}|{n}".encode("utf-8")).hexdigest()[:16]
    return eid


def fuse_document(s: Session, ctx: Context, info: DocPersons, root_id: int, newsroom: str) -> dict[str, str]:
    """Fuse each of a document's events into a stored event or a new one; {local key: event id}."""
    out: dict[str, str] = {}
    for ev in sorted(info.result.events, key=lambda e: e.key):
        pids = sorted({info.mapping[p.person] for p in ev.participants if p.person in info.mapping})
        anchor = _anchor(ev, info.doc.published)
        scored = []
        for cand in _candidates(s, ev, anchor, pids):
            score = _score(ev, anchor, set(pids), info.doc.id, cand)
            if score is not None:
                scored.append((score, cand))
        best = _best(scored)
        if best is None:
            eid = _new_event_id(s, info.doc.external_id, ev.key)
            db.create_event(s, eid, ev.type, ev.status or "occurred")
            ctx.summary.events_created += 1
        else:
            eid = best.id
            ctx.summary.events_fused += 1
        evidence = [dataclasses.asdict(e) for e in ev.evidence]
        db.add_source(s, eid, info.doc.id, ev.key, root_id != info.doc.id, evidence, reading_of(ev, info, newsroom))
        recompute_event(s, ctx, eid)
        out[ev.key] = eid
    for ev in info.result.events:
        if ev.parent and ev.parent in out and out[ev.parent] != out[ev.key]:
            db.set_parent(s, out[ev.key], out[ev.parent])
    return out


def recompute_event(s: Session, ctx: Context, event_id: str) -> bool:
    """Rebuild an event's fused fields and participants from its sources; False if deleted."""
    sources = db.sources_of(s, event_id)
    if not sources:
        db.delete_event(s, event_id)
        ctx.summary.events_removed += 1
        return False
    readings = [dict(src.reading or {}) for src in sources]
    fields = fuse_readings(readings, ctx.titles)
    ext_by_doc = {src.document_id: (src.reading or {}).get("_document") for src in sources}
    ents = edb.entities_for_documents(s, sorted(ext_by_doc))
    persons = {ext_by_doc[d]: m for d, m in ents.items()}
    participants, title_alts, level = fuse_participants(readings, persons, ctx.titles)
    fields["disagreements"] = fields["disagreements"] + title_alts
    fields["level"] = level
    db.write_event(s, event_id, fields)
    db.write_participants(s, event_id, participants)
    return True
