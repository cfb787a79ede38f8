"""Events: one fused event per real encounter, however many reports describe it.

A batch of documents is fused against an in-memory ``EventIndex`` that is
loaded with a few indexed queries (events sharing a participant, or for
events naming nobody a country, anchored within a few days of the batch's
events) and written back with bulk statements at the end of the batch. Inside
the batch documents are taken one by one in the stable resolution order, so
the outcome does not depend on the batch size.

A document's events are matched to candidate events as a *one-to-one
assignment*, best pair first (a document's events are distinct by the
extractor's judgement, so two of them never become one). A candidate fits a
DocEvent when

- it has no source from this document yet;
- status agrees; types are compatible: equal, or meeting/visit/other when
  neither side is a *trip* (a visit with meetings inside it, or spanning
  several days: the trip is not one of its meetings); phone calls, messages
  and agreements only match their own type;
- single-day dates are equal, or one day apart only when type and the whole
  participant list agree (consecutive days of one visit are different
  meetings; a next-day report's date slip is not); ranges and coarser dates
  overlap;
- they share participants: at least two, or all of the smaller side's when it
  names only one (an Arabic report may name only its own minister). Events
  naming nobody need the same type, day and (two or more) countries.

Pairs are ranked by (same type, shared participants, same day, same place
country, fewest unshared participants). When a DocEvent's best candidates tie
we do not guess (a new event), except when the tied events all come from one
report that told them apart (a congratulation and the reply to it): then the
one with more reports, else the one that report mentions first, is taken.
Ids are ``ev_`` + a hash of the creating source's (document external id,
local key): stable across re-runs.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from dragoman.models import DocEvent
from dragoman.resolve.context import Context
from dragoman.resolve.fusion import bounds, dates_overlap, fuse_participants, fuse_readings
from dragoman.resolve.persons import DocPersons
from dragoman.store import entities as edb
from dragoman.store import events as db

__all__ = ["EventIndex", "fuse_document", "recompute_event", "reading_of"]

IN_PERSON = frozenset({"meeting", "visit", "other"})
WINDOW_DAYS = 3
_FIELDS = ("type", "status", "date_start", "date_end", "granularity", "anchor_date", "countries", "location_country")


def _shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _anchor(ev: DocEvent, published: str | None) -> str | None:
    """The day an event is placed on for blocking (the same rule as the stored ``anchor_date``)."""
    start = ev.date.start if ev.date else None
    if start and len(start) == 10:
        return start
    if published:
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


def _source_order(src: dict[str, Any]) -> tuple[str, int, str]:
    return ((src.get("reading") or {}).get("_published") or "9999", src["document_id"], src["local_key"])


def _position(src: dict[str, Any]) -> int:
    """Where the source's report mentions the event (first evidence offset)."""
    starts = [e.get("start") for e in src.get("evidence") or [] if isinstance(e, dict) and e.get("start") is not None]
    return min(starts) if starts else 10**9


@dataclass
class EvState:
    """A fused event as fusion sees it during a batch."""

    id: str
    row: dict[str, Any]
    person_ids: set[str] = field(default_factory=set)
    sources: list[dict[str, Any]] = field(default_factory=list)
    container: bool = False  # some event names it as parent
    new: bool = False
    dirty: bool = False

    @property
    def document_ids(self) -> set[int]:
        return {src["document_id"] for src in self.sources}

    @property
    def trip(self) -> bool:
        end, start = self.row.get("date_end"), self.row.get("date_start")
        return self.container or bool(end and start and end[:10] != start[:10])


class EventIndex:
    """The events a batch may touch, held in memory; ``flush`` writes the changes."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.events: dict[str, EvState] = {}
        self.by_person: dict[str, set[str]] = defaultdict(set)
        self.by_country: dict[str, set[str]] = defaultdict(set)
        self.doc_persons: dict[str, dict[str, str]] = {}  # document external id -> {local key: person id}
        self.taken_ids: set[str] = set()
        self.deleted: set[str] = set()
        self.new_sources: list[dict[str, Any]] = []

    # -------------------------------------------------------------- loading

    def preload(self, s: Session, infos: list[DocPersons], extra_ids: set[str]) -> None:
        """Load the stored events the batch's events could fuse with (plus ``extra_ids``)."""
        anchors, pids, countries = [], set(), set()
        for info in infos:
            for ev in info.result.events:
                a = _anchor(ev, info.doc.published)
                if not a:
                    continue
                anchors.append(a)
                mine = {info.mapping[p.person] for p in ev.participants if p.person in info.mapping}
                pids |= mine
                if not mine and len(set(ev.countries)) >= 2:
                    countries.update(ev.countries)
        windows = _windows(anchors)
        ids = set(extra_ids)
        if pids and windows:
            ids |= db.event_ids_by_persons(s, sorted(pids), windows)
        if countries and windows:
            ids |= db.event_ids_by_countries(s, sorted(countries), windows)
        ids -= set(self.events)
        if not ids:
            return
        loaded = db.load_events(s, sorted(ids))
        for eid, row in loaded.rows.items():
            st = EvState(eid, {k: row[k] for k in (*_FIELDS, "parent_id")}, set(loaded.person_ids.get(eid, ())),
                         sorted(loaded.sources.get(eid, []), key=_source_order), eid in loaded.parents)
            st.row["countries"] = list(st.row.get("countries") or [])
            self.events[eid] = st
            self._index(st)
        by_doc: dict[int, str] = {}
        for st in self.events.values():
            for src in st.sources:
                ext = (src.get("reading") or {}).get("_document")
                if ext and ext not in self.doc_persons:
                    by_doc[src["document_id"]] = ext
        found = edb.entities_for_documents(s, sorted(by_doc))
        for did, ext in by_doc.items():
            self.doc_persons[ext] = dict(found.get(did, {}))

    def reserve_ids(self, s: Session, infos: list[DocPersons]) -> None:
        """Note which first-choice ids of the batch's events already exist (one query)."""
        ids = [_event_id(f"{info.doc.external_id}|{ev.key}") for info in infos for ev in info.result.events]
        self.taken_ids |= db.existing_event_ids(s, ids) - set(self.events)

    def _index(self, st: EvState) -> None:
        for pid in st.person_ids:
            self.by_person[pid].add(st.id)
        for c in st.row.get("countries") or []:
            self.by_country[c].add(st.id)

    def mark_dirty(self, ids: set[str]) -> None:
        for eid in ids:
            if eid in self.events:
                self.events[eid].dirty = True

    # -------------------------------------------------------------- matching

    def candidates(self, ev: DocEvent, anchor: str | None, pids: set[str]) -> list[EvState]:
        if not anchor:
            return []
        lo, hi = _shift(anchor, -WINDOW_DAYS), _shift(anchor, WINDOW_DAYS)
        if pids:
            ids = set().union(*(self.by_person.get(p, set()) for p in pids))
        else:
            countries = sorted(set(ev.countries))
            if len(countries) < 2:
                return []
            ids = {e for e in self.by_country.get(countries[0], set()) if self.events[e].row.get("type") == ev.type}
        out = []
        for eid in sorted(ids):
            st = self.events.get(eid)
            if st is None or eid in self.deleted or not st.sources:
                continue
            a = st.row.get("anchor_date")
            if a and lo <= a[:10] <= hi:
                out.append(st)
        return out

    # -------------------------------------------------------------- changes

    def new_event(self, s: Session, external_id: str, local_key: str, ev: DocEvent) -> EvState:
        basis = f"{external_id}|{local_key}"
        eid, n = _event_id(basis), 0
        while True:
            st = self.events.get(eid)
            if st is not None and not st.new and not st.sources:
                # this document's own event of a previous run, emptied by the retraction: same id again
                st.row.update(type=ev.type, status=ev.status or "occurred", parent_id=None)
                st.dirty = True
                if eid in self.deleted:
                    self.deleted.discard(eid)
                return st
            if st is None and eid not in self.taken_ids and (n == 0 or not db.event_exists(s, eid)):
                break
            n += 1
            eid = _event_id(f"{basis}|{n}")
        st = EvState(eid, {"type": ev.type, "status": ev.status or "occurred", "countries": [], "parent_id": None},
                     new=True, dirty=True)
        self.events[eid] = st
        self.taken_ids.add(eid)
        return st

    def add_source(self, st: EvState, src: dict[str, Any], pids: set[str]) -> None:
        st.sources.append(src)
        st.sources.sort(key=_source_order)
        st.person_ids |= pids
        st.dirty = True
        fields = fuse_readings([x["reading"] for x in st.sources], self.ctx.titles)
        st.row.update({k: fields[k] for k in _FIELDS})
        self._index(st)
        self.new_sources.append(dict(src, event_id=st.id))

    def flush(self, s: Session) -> None:
        """Recompute every changed event from its sources and write the batch's changes."""
        created, updated, participants, deleted = [], [], {}, []
        for eid in sorted(self.events):
            st = self.events[eid]
            if not st.dirty:
                continue
            if not st.sources:
                if not st.new:
                    deleted.append(eid)
                    self.ctx.summary.events_removed += 1
                continue
            row, parts = self._fused(st)
            participants[eid] = parts
            (created if st.new else updated).append(row)
        # children of deleted events lose their parent (the stored rows are updated by write_events)
        gone = set(deleted)
        for row in created + updated:
            if row.get("parent_id") in gone:
                row["parent_id"] = None
        db.write_events(s, created=created, updated=updated, participants=participants, sources=self.new_sources,
                        deleted=deleted)
        for st in self.events.values():
            st.new = st.dirty = False
        self.new_sources = []

    def _fused(self, st: EvState) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        readings = [dict(src["reading"] or {}) for src in st.sources]
        fields = fuse_readings(readings, self.ctx.titles)
        persons = {r.get("_document"): self.doc_persons.get(r.get("_document"), {}) for r in readings}
        parts, title_alts, level = fuse_participants(readings, persons, self.ctx.titles)
        fields["disagreements"] = fields["disagreements"] + title_alts
        fields["level"] = level
        fields["parent_id"] = st.row.get("parent_id")
        fields["id"] = st.id
        return fields, parts


def _event_id(basis: str) -> str:
    return "ev_" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _windows(anchors: list[str]) -> list[tuple[str, str]]:
    """[lo, hi] day windows covering every anchor ± WINDOW_DAYS, merged where they touch."""
    out: list[tuple[str, str]] = []
    for a in sorted(set(anchors)):
        lo, hi = _shift(a, -WINDOW_DAYS), _shift(a, WINDOW_DAYS)
        if out and lo <= _shift(out[-1][1], 1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


# ------------------------------------------------------------------ the same-encounter test


def _date_fit(ev: DocEvent, anchor: str | None, cand: EvState) -> tuple[bool, bool]:
    """(compatible, same day) of a DocEvent's date and a stored event's."""
    mine = bounds(ev.date.start, ev.date.end) if ev.date else None
    theirs = bounds(cand.row.get("date_start"), cand.row.get("date_end"))
    if mine and theirs:
        exact = mine == theirs and (ev.date.granularity or "day") == "day"
        both_days = mine[0] == mine[1] and theirs[0] == theirs[1]
        if both_days:  # two single days: the same day, or the next one (checked harder by the caller)
            near = abs((date.fromisoformat(mine[0]) - date.fromisoformat(theirs[0])).days) <= 1
            return near, exact
        return dates_overlap(mine, theirs), exact
    if anchor and cand.row.get("anchor_date"):
        gap = abs((date.fromisoformat(anchor) - date.fromisoformat(cand.row["anchor_date"][:10])).days)
        return gap <= 2, False
    return False, False


def _is_trip(ev: DocEvent, containers: set[str]) -> bool:
    if ev.key in containers:
        return True
    return bool(ev.date and ev.date.start and ev.date.end and ev.date.end[:10] != ev.date.start[:10])


def _types_fit(ev: DocEvent, trip: bool, cand: EvState) -> bool:
    ctype = cand.row.get("type")
    if ev.type == ctype:
        return True
    if ev.type not in IN_PERSON or ctype not in IN_PERSON:
        return False
    return not (trip or cand.trip)  # a trip is not one of the meetings inside it


def _score(ev: DocEvent, anchor: str | None, pids: set[str], doc_id: int, trip: bool, cand: EvState) -> tuple[Any, ...] | None:
    """How well a stored event fits as the same encounter; None when it cannot be."""
    if doc_id in cand.document_ids or (ev.status or "occurred") != cand.row.get("status"):
        return None
    if not _types_fit(ev, trip, cand):
        return None
    ok, exact = _date_fit(ev, anchor, cand)
    if not ok:
        return None
    same_type = ev.type == cand.row.get("type")
    cstart = cand.row.get("date_start")
    cend = cand.row.get("date_end")
    single = ev.date and not (ev.date.end and ev.date.end[:10] != ev.date.start[:10]) and not (cend and cend[:10] != cstart)
    one_day_apart = single and cstart and len(cstart) == 10 and not exact and (ev.date.granularity or "day") == "day"
    if one_day_apart and not (same_type and len(pids) >= 2 and pids == cand.person_ids):
        return None  # consecutive days of one visit are different meetings unless everything else agrees
    shared = len(pids & cand.person_ids)
    need = min(2, len(pids), len(cand.person_ids))
    if need == 0:
        if pids or cand.person_ids or not exact or not same_type:
            return None
        if sorted(set(ev.countries)) != sorted(set(cand.row.get("countries") or [])) or len(set(ev.countries)) < 2:
            return None
    elif shared < need:
        return None
    loc = ev.location.country if ev.location else None
    return (same_type, shared, exact, bool(loc) and loc == cand.row.get("location_country"), -len(pids ^ cand.person_ids))


def _tie_break(tied: list[EvState]) -> EvState | None:
    """Among equally good candidates, one only if a single report told them all apart."""
    common = set.intersection(*(t.document_ids for t in tied))
    if not common:
        return None
    doc = min(common)

    def key(t: EvState) -> tuple[int, int, str]:
        pos = min(_position(src) for src in t.sources if src["document_id"] == doc)
        return (-len(t.document_ids), pos, t.id)

    return min(tied, key=key)


def _assign(pairs: list[tuple[tuple[Any, ...], int, EvState]]) -> dict[int, EvState | None]:
    """One-to-one assignment of a document's events (by position) to candidates, best pair first.

    Returns {event position: candidate} for the events that found one; an event
    whose best candidates tie ambiguously maps to None (it becomes a new event).
    """
    out: dict[int, EvState | None] = {}
    taken: set[str] = set()
    live = list(pairs)
    while True:
        live = [p for p in live if p[1] not in out and p[2].id not in taken]
        if not live:
            return out
        best = max(p[0] for p in live)
        pos = min(p[1] for p in live if p[0] == best)
        tied = sorted({p[2].id: p[2] for p in live if p[0] == best and p[1] == pos}.values(), key=lambda t: t.id)
        pick = tied[0] if len(tied) == 1 else _tie_break(tied)
        out[pos] = pick
        if pick is not None:
            taken.add(pick.id)


def fuse_document(s: Session, idx: EventIndex, info: DocPersons, root_id: int, newsroom: str) -> dict[str, str]:
    """Fuse each of a document's events into a stored event or a new one; {local key: event id}."""
    ctx = idx.ctx
    events = sorted(info.result.events, key=lambda e: e.key)
    containers = {e.parent for e in events if e.parent}
    meta = []
    pairs = []
    for i, ev in enumerate(events):
        pids = {info.mapping[p.person] for p in ev.participants if p.person in info.mapping}
        anchor = _anchor(ev, info.doc.published)
        trip = _is_trip(ev, containers)
        meta.append(pids)
        for cand in idx.candidates(ev, anchor, pids):
            score = _score(ev, anchor, pids, info.doc.id, trip, cand)
            if score is not None:
                pairs.append((score, i, cand))
    chosen = _assign(pairs)
    out: dict[str, str] = {}
    for i, ev in enumerate(events):
        st = chosen.get(i)
        if st is None:
            st = idx.new_event(s, info.doc.external_id, ev.key, ev)
            ctx.summary.events_created += 1
        else:
            ctx.summary.events_fused += 1
        src = {"document_id": info.doc.id, "local_key": ev.key, "is_copy": root_id != info.doc.id,
               "evidence": [dataclasses.asdict(e) for e in ev.evidence], "reading": reading_of(ev, info, newsroom)}
        idx.add_source(st, src, meta[i])
        out[ev.key] = st.id
    for ev in events:
        if ev.parent and ev.parent in out and out[ev.parent] != out[ev.key]:
            child, parent = idx.events[out[ev.key]], idx.events[out[ev.parent]]
            child.row["parent_id"] = parent.id
            child.dirty = True
            parent.container = True
    return out


def recompute_event(s: Session, ctx: Context, event_id: str) -> bool:
    """Rebuild one event's fused fields and participants from its sources; False if deleted.

    Used by analyst corrections (merge/split), outside the batched resolution.
    """
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
