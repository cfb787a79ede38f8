"""The country-pair brief: the state of relations between two countries, every fact cited."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from dragoman.briefing.common import (
    Ctx,
    EventData,
    agreements_section,
    commitments_section,
    in_period,
    latest_role,
    load_events,
    timeline_section,
    topics_section,
)
from dragoman.briefing.dates import precision, upcoming_anniversaries
from dragoman.briefing.model import Item, Section, Sentence
from dragoman.store import reports as q
from dragoman.store.schema import AgreementRecord, Event, MilestoneRecord


def _highest(ctx: Ctx, data: EventData) -> Sentence | None:
    """The engagement at the highest protocol level (1 = head of state), the latest on a tie."""
    ranked = [e for e in data.occurred if e.level is not None]
    if not ranked:
        return None
    level = min(e.level for e in ranked if e.level is not None)
    best = [e for e in ranked if e.level == level]
    ev = max(best, key=lambda e: (e.date_start or "", e.id))
    people = ctx.people_text(data, ev)
    if not people:
        return None
    text = ctx.S.t("s.summary_highest", type=ctx.S.event_type(ev.type), date=ctx.S.date(ev.date_start), people=people)
    return ctx.fact(text, ctx.event_cites(data, ev))


def _latest(ctx: Ctx, data: EventData) -> Sentence | None:
    dated = [e for e in data.occurred if e.date_start]
    if not dated:
        return None
    ev = max(dated, key=lambda e: (e.date_start or "", e.id))
    text = ctx.S.t("s.summary_latest", type=ctx.S.event_type(ev.type), date=ctx.S.date(ev.date_start),
                   place=ctx.place(ev))
    return ctx.fact(text, ctx.event_cites(data, ev))


def count_sentence(ctx: Ctx, data: EventData, key: str, **names: str) -> Sentence | None:
    """"A and B have 4 engagements on record, from … to …: 2 meetings, …" [n]…"""
    events = data.occurred
    if not events:
        return None
    dated = [e.date_start for e in events if e.date_start]
    first, last = (min(dated), max(dated)) if dated else (None, None)
    n = len(events)
    text = ctx.S.plural(key, 1 if first == last else 2, count=ctx.S.counted("engagement", n),
                        first=ctx.S.date(first), last=ctx.S.date(last), breakdown=ctx.breakdown(events), **names)
    return ctx.fact(text, ctx.first_cites(data, events))


def planned_sentence(ctx: Ctx, data: EventData) -> Sentence | None:
    planned = data.planned
    if not planned:
        return None
    return ctx.fact(ctx.S.plural("s.summary_planned", len(planned)), ctx.first_cites(data, planned))


def _established(milestones: list[MilestoneRecord], today: date) -> MilestoneRecord | None:
    """The establishment of relations: the earliest, most precise record dated before this year.

    A date in the current year or later is a misreading (an anniversary year), not an establishment.
    """
    rows = [m for m in milestones if m.kind == "relations_established" and precision(m.date)
            and int((m.date or "0")[:4]) < today.year]
    return min(rows, key=lambda m: (-len(m.date or ""), m.date)) if rows else None


def _summary(ctx: Ctx, data: EventData, milestones: list[MilestoneRecord],
             agreements: list[AgreementRecord]) -> Section:
    a, b = (ctx.S.country(c) for c in ctx.filters.pair or ("", ""))
    sentences = [count_sentence(ctx, data, "s.summary_count", a=a, b=b), planned_sentence(ctx, data),
                 _highest(ctx, data), _latest(ctx, data)]
    est = _established(milestones, ctx.today)
    if est:
        sentences.append(ctx.fact(ctx.S.t("s.summary_established", on_date=ctx.S.on_date(est.date)),
                                  ctx.citer.ids([est.document_id])))
    if agreements:
        sentences.append(ctx.fact(ctx.S.plural("s.summary_agreements", len(agreements)),
                                  ctx.citer.ids([r.document_id for r in agreements])))
    return ctx.section("summary", [Item([s for s in sentences if s])], style="paragraph")


def _milestones(ctx: Ctx, milestones: list[MilestoneRecord]) -> Section:
    a, b = (ctx.S.country(c) for c in ctx.filters.pair or ("", ""))
    items: list[Item] = []
    est = _established(milestones, ctx.today)
    if est:
        cites = ctx.citer.ids([est.document_id])
        sentences = [ctx.fact(ctx.S.t("s.established", a=a, b=b, on_date=ctx.S.on_date(est.date)), cites)]
        for ann in upcoming_anniversaries(est.date or "", ctx.today):
            sentences.append(ctx.fact(ctx.S.t("s.anniversary", ordinal=ctx.S.ordinal(ann.years),
                                              on_date=ctx.S.on_date(ann.on),
                                              years=ctx.S.counted("year", ann.years)), cites))
        items.append(Item([s for s in sentences if s]))
    items.extend(_other_milestones(ctx, milestones, est))
    return ctx.section("milestones", items)


def _other_milestones(ctx: Ctx, milestones: list[MilestoneRecord], est: MilestoneRecord | None) -> list[Item]:
    """Milestones as reported (in the source's words), the same one from several reports cited once."""
    refs = q.doc_refs(ctx.session, [m.document_id for m in milestones])
    merged: dict[tuple[str, str], list[MilestoneRecord]] = {}
    for m in milestones:
        if m is est or (m.kind == "relations_established" and est and m.date == est.date):
            continue
        merged.setdefault((" ".join(m.what.split()).casefold(), m.date or ""), []).append(m)
    items = []
    for rows in merged.values():
        m = rows[0]
        key = "s.milestone_item" if m.date else "s.milestone_undated"
        text = ctx.S.t(key, date=ctx.S.date(m.date), what=ctx.S.iso(m.what[:1].upper() + m.what[1:]))
        s = ctx.fact(text, ctx.citer.refs_(refs[r.document_id] for r in rows if r.document_id in refs))
        items.append(Item([s] if s else []))
    return items


def _people(ctx: Ctx, data: EventData) -> Section:
    """The people met on either side, with the latest office on record."""
    last_seen: dict[str, tuple[str, Event]] = {}
    persons = {}
    for ev in data.occurred:
        for part, person in data.parts.get(ev.id, []):
            persons[person.id] = (part, person)
            prev = last_seen.get(person.id)
            if prev is None or (ev.date_start or "") >= prev[0]:
                last_seen[person.id] = (ev.date_start or "", ev)
    roles = q.person_roles(ctx.session, list(persons))
    order = list(ctx.filters.pair or ())
    by_country: dict[str, list[str]] = defaultdict(list)
    for pid, (part, person) in persons.items():
        by_country[person.country or part.country or ""].append(pid)  # the resolved country first
    items = []
    for country in sorted(by_country, key=lambda c: (order.index(c) if c in order else 9, c)):
        for pid in sorted(by_country[country], key=lambda p: persons[p][1].name):
            items.append(_person_item(ctx, data, persons[pid], roles.get(pid, []), last_seen[pid][1], country))
    return ctx.section("people", items)


def _person_item(ctx: Ctx, data: EventData, row: tuple, roles: list, last_event: Event, country: str) -> Item:
    part, person = row
    role = latest_role(roles)
    title = (role.title if role else None) or part.title
    org = (role.organization if role else None) or part.organization
    seen = max(filter(None, [role.last_seen if role else None, last_event.date_start]), default=None)
    if seen and seen > ctx.today.isoformat():  # a role "seen" at a future (planned) event
        seen = last_event.date_start
    cites = ctx.citer.evidence_docs(role.evidence) if role else []
    cites = cites or ctx.citer.externals(part.documents or []) or ctx.event_cites(data, last_event)
    org_text = ctx.S.t("s.org_sep") + ctx.S.iso(org) if org else ""
    key = "s.people_item" if title else "s.people_item_notitle"
    text = ctx.S.t(key, name=ctx.S.iso(person.name), country=ctx.S.country(country) or "?", title=ctx.S.iso(title),
                   org=org_text, date=ctx.S.date(seen))
    s = ctx.fact(text, cites)
    return Item([s] if s else [])


def build_pair_sections(ctx: Ctx) -> tuple[list[Section], str]:
    """All sections of a pair brief; returns (sections, subject id "AZ-BH")."""
    pair = ctx.filters.pair
    assert pair is not None
    data = load_events(ctx.session, ctx.filters)
    milestones = q.milestones(ctx.session, pair)
    agreements = [r for r in q.agreements(ctx.session, pair=pair) if in_period(r.date, ctx.filters)]
    commitments = q.commitments(ctx.session, pair)
    sections = [
        _summary(ctx, data, milestones, agreements),
        _milestones(ctx, milestones),
        timeline_section(ctx, data),
        _people(ctx, data),
        agreements_section(ctx, agreements),
        commitments_section(ctx, commitments, data),
        topics_section(ctx, data),
    ]
    return sections, f"{pair[0]}-{pair[1]}"
