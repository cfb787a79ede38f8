"""An iCalendar file of what lies ahead: anniversaries, planned visits, committed consultations.

Items are all-day events spanning exactly what the source says: a planned
visit reported for "March 2026" spans March, an anniversary of relations
established in "1996" spans the year. Each item's description names its
sources (outlet, date, URL), and its UID is stable so a re-export updates a
subscribed calendar instead of duplicating it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import BinaryIO

from icalendar import Calendar
from icalendar import Event as VEvent
from sqlalchemy.orm import Session

from dragoman.briefing.dates import precision, span, upcoming_anniversaries
from dragoman.store import reports as q
from dragoman.store.reports import DocRef, ReportFilters

PRODID = "-//Dragoman//Bilateral relations calendar//EN"


@dataclass
class CalendarItem:
    """One calendar entry with the documents that support it."""

    uid: str
    category: str  # anniversary | planned_visit | consultations | commitment
    summary: str
    start: str  # partial ISO
    end: str | None = None
    location: str | None = None
    sources: list[DocRef] = field(default_factory=list)
    note: str | None = None


def ordinal(n: int) -> str:
    """English ordinal: 1st, 2nd, 3rd, 11th, 22nd, 30th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _pair_label(countries: list[str] | tuple[str, ...] | None, pair: str | None) -> str:
    if pair:
        return pair.replace("-", "–")
    return "–".join(sorted(countries or []))


def _anniversaries(session: Session, f: ReportFilters, today: date) -> Iterator[CalendarItem]:
    rows = q.milestones(session, f.pair)
    docs = q.doc_refs(session, [m.document_id for m in rows])
    for m in rows:
        if m.kind != "relations_established" or not precision(m.date) or int((m.date or "0")[:4]) >= today.year:
            continue  # a date this year or later is an anniversary misread as the establishment
        label = _pair_label(m.countries, m.pair)
        for ann in upcoming_anniversaries(m.date or "", today):
            if f.until and ann.on > f.until:
                continue
            yield CalendarItem(
                uid=f"anniversary-{m.pair or label}-{ann.years}@dragoman",
                category="anniversary",
                summary=f"{ordinal(ann.years)} anniversary of diplomatic relations {label}",
                start=ann.on,
                sources=[docs[m.document_id]] if m.document_id in docs else [],
                note=f"Relations established {m.date}.",
            )


def _planned_events(session: Session, f: ReportFilters) -> Iterator[CalendarItem]:
    ev_filter = ReportFilters(pair=f.pair, country=f.country, since=f.since, until=f.until,
                              type=f.type, status="planned")
    events = q.events_by_date(session, ev_filter)
    ids = [e.id for e in events]
    parts = q.event_participants(session, ids)
    sources = q.event_sources(session, ids)
    for ev in events:
        if not precision(ev.date_start):
            continue
        who = ", ".join(f"{person.name}" + (f" ({p.title})" if p.title else "") for p, person in parts.get(ev.id, []))
        kind = ev.type.replace("_", " ")
        summary = f"Planned {kind}: {who}" if who else f"Planned {kind} {_pair_label(ev.countries, None)}".rstrip()
        yield CalendarItem(
            uid=f"{ev.id}@dragoman", category="planned_visit" if ev.type == "visit" else "planned_event",
            summary=summary, start=ev.date_start or "", end=ev.date_end,
            location=", ".join(x for x in (ev.location_name, ev.location_country) if x) or None,
            sources=[s.doc for s in sources.get(ev.id, [])],
        )


def _commitments(session: Session, f: ReportFilters, planned_docs: set[int]) -> Iterator[CalendarItem]:
    """Dated commitments; a planned visit already listed from a planned event of the same report is skipped."""
    rows = q.commitments(session, f.pair)
    docs = q.doc_refs(session, [c.document_id for c in rows])
    for c in rows:
        if not precision(c.due) or (c.kind == "planned_visit" and c.document_id in planned_docs):
            continue
        due = c.due or ""
        if (f.since and span(due)[1].isoformat() <= f.since) or (f.until and due > f.until):
            continue
        label = _pair_label(c.countries, c.pair)
        category = "consultations" if "consultation" in c.kind else "commitment"
        yield CalendarItem(
            uid=f"commitment-{c.id}-{c.document_id}@dragoman", category=category,
            summary=" ".join(x for x in (c.kind.replace("_", " ").capitalize(), label) if x) + f": {c.text}",
            start=due,
            sources=[docs[c.document_id]] if c.document_id in docs else [],
        )


def calendar_items(session: Session, filters: ReportFilters, today: date | None = None) -> list[CalendarItem]:
    """Every dated item ahead (from ``filters.since``, default today), in date order."""
    today = today or date.today()
    f = filters if filters.since else ReportFilters(**{**filters.__dict__, "since": today.isoformat()})
    planned = list(_planned_events(session, f))
    planned_docs = {d.id for item in planned for d in item.sources}
    merged: dict[str, CalendarItem] = {}
    for item in [*_anniversaries(session, f, today), *planned, *_commitments(session, f, planned_docs)]:
        if item.uid in merged:  # the same anniversary reported by several documents: one entry, all sources
            known = merged[item.uid]
            known.sources += [d for d in item.sources if d not in known.sources]
        else:
            merged[item.uid] = item
    return sorted(merged.values(), key=lambda i: (i.start, i.uid))


def _describe(item: CalendarItem) -> str:
    lines = [item.summary]
    if item.note:
        lines.append(item.note)
    if item.start and precision(item.start) != "day":
        lines.append(f"Date as reported: {item.start} (exact day not reported).")
    if item.sources:
        lines.append("Sources:")
        for d in item.sources:
            meta = ", ".join(x for x in (d.outlet, d.published, d.lang) if x)
            lines.append(f"- {d.title or d.external_id} ({meta}) {d.url or ''}".rstrip())
    return "\n".join(lines)


def build_calendar(items: list[CalendarItem], now: datetime | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Dragoman: bilateral relations ahead")
    stamp = now or datetime.now(timezone.utc)
    for item in items:
        start, stop = span(item.start, item.end)
        ev = VEvent()
        ev.add("uid", item.uid)
        ev.add("dtstamp", stamp)
        ev.add("summary", item.summary)
        ev.add("dtstart", start)
        ev.add("dtend", stop)
        ev.add("categories", [item.category])
        ev.add("description", _describe(item))
        if item.location:
            ev.add("location", item.location)
        if item.sources and item.sources[0].url:
            ev.add("url", item.sources[0].url)
        cal.add_component(ev)
    return cal


def write_ics(session: Session, filters: ReportFilters, out: BinaryIO, today: date | None = None) -> int:
    """Write the calendar; returns the number of entries."""
    items = calendar_items(session, filters, today)
    out.write(build_calendar(items).to_ical())
    return len(items)
