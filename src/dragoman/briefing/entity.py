"""Person and institution briefs: offices, engagements, counterparts, agreements, topics."""

from __future__ import annotations

from collections import defaultdict

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
from dragoman.briefing.pair import count_sentence, planned_sentence
from dragoman.briefing.model import Item, Section, Sentence
from dragoman.errors import NotFound
from dragoman.store import reports as q
from dragoman.store.reports import AmbiguousName
from dragoman.store.schema import Event, EventParticipant, Institution, Person, PersonRole

MAX_NAME_CITES = 5


def resolve_person(ctx: Ctx, subject: str) -> Person:
    """A person by id (``per_…``) or by any recorded name; NotFound / AmbiguousName otherwise."""
    person = q.get_person(ctx.session, subject.strip())
    if person:
        return person
    found = q.find_persons(ctx.session, subject)
    if not found:
        raise NotFound(f"No person with id or name {subject!r}. Try `dragoman export people` to list them.")
    if len(found) > 1:
        listing = "; ".join(f"{p.id} ({p.name}, {p.country or '?'})" for p in found[:10])
        raise AmbiguousName(f"{subject!r} names {len(found)} people: {listing}. Give the id instead.")
    return found[0]


def resolve_institution(ctx: Ctx, subject: str) -> Institution:
    inst = q.get_institution(ctx.session, subject.strip())
    if inst:
        return inst
    found = q.find_institutions(ctx.session, subject)
    if not found:
        raise NotFound(f"No institution with id or name {subject!r}. Try `dragoman export institutions`.")
    if len(found) > 1:
        listing = "; ".join(f"{i.id} ({i.name}, {i.country or '?'})" for i in found[:10])
        raise AmbiguousName(f"{subject!r} names {len(found)} institutions: {listing}. Give the id instead.")
    return found[0]


def _recent_doc_cites(ctx: Ctx, entity_id: str) -> list[int]:
    """Citations of the most recent documents that mention the entity."""
    ext = q.entity_documents(ctx.session, [entity_id]).get(entity_id, set())
    refs = sorted(q.doc_refs_by_external(ctx.session, ext).values(), key=lambda r: (r.published or "", r.id))
    return ctx.citer.refs_(refs[-MAX_NAME_CITES:])


def _role_sentence(ctx: Ctx, role: PersonRole, key: str = "s.role_item", name: str = "") -> Sentence | None:
    x = ctx.S.iso
    org = ctx.S.t("s.org_sep") + x(role.organization) if role.organization else ""
    text = ctx.S.t(key, name=x(name), title=x(role.title) or "?", org=org, country=ctx.S.country(role.country) or "?",
                   first=ctx.S.date(role.first_seen), last=ctx.S.date(role.last_seen))
    return ctx.fact(text, ctx.citer.evidence_docs(role.evidence))


def _counterparts(ctx: Ctx, data: EventData, own: set[str]) -> list[Item]:
    """People met in these events (not ``own``): latest participation, events, citations."""
    met: dict[str, list[tuple[Event, EventParticipant, Person]]] = defaultdict(list)
    for ev in data.occurred:
        for part, person in data.parts.get(ev.id, []):
            if person.id not in own:
                met[person.id].append((ev, part, person))
    items = []
    for rows in sorted(met.values(), key=lambda r: (-len(r), r[0][2].name)):
        ev, part, person = max(rows, key=lambda r: (r[0].date_start or "", r[0].id))
        details = [ctx.S.iso(part.title), ctx.S.iso(part.organization), ctx.S.country(part.country or person.country)]
        n = len(rows)
        text = ctx.S.plural("s.counterpart_item", n, name=ctx.S.iso(person.name), count=ctx.S.counted("engagement", n),
                            details=ctx.S.t("s.org_sep").join(d for d in details if d) or "?",
                            date=ctx.S.date(ev.date_start))
        s = ctx.fact(text, ctx.first_cites(data, [r[0] for r in rows]))
        items.append(_item(s))
    return items


def _item(*sentences: Sentence | None) -> Item:
    return Item([s for s in sentences if s])


def build_person_sections(ctx: Ctx) -> tuple[list[Section], str, str]:
    """Sections of a person brief; returns (sections, person id, display name)."""
    person = resolve_person(ctx, ctx.spec.subject)
    data = load_events(ctx.session, ctx.filters, q.events_of_person(ctx.session, person.id))
    roles = q.person_roles(ctx.session, [person.id]).get(person.id, [])
    names = [n.name for n in q.person_names(ctx.session, [person.id]).get(person.id, [])]
    names = list(dict.fromkeys([person.name, *([person.name_latin] if person.name_latin else []), *names]))
    summary = [count_sentence(ctx, data, "s.summary_count_subject", name=ctx.S.iso(person.name)),
               planned_sentence(ctx, data)]
    if len(names) > 1:
        listed = ctx.S.t("s.org_sep").join(ctx.S.iso(n) for n in names)
        summary.append(ctx.fact(ctx.S.t("s.summary_names", names=listed),
                                _recent_doc_cites(ctx, person.id)))
    role = latest_role(roles)
    if role and role.title:
        org = ctx.S.t("s.org_sep") + ctx.S.iso(role.organization) if role.organization else ""
        summary.append(ctx.fact(ctx.S.t("s.summary_office", title=ctx.S.iso(role.title), org=org,
                                        date=ctx.S.date(role.last_seen)), ctx.citer.evidence_docs(role.evidence)))
    agreements = [a for a in q.agreements(ctx.session, event_ids=[e.id for e in data.events])
                  if in_period(a.date, ctx.filters)]
    sections = [
        ctx.section("summary", [_item(*summary)], style="paragraph"),
        ctx.section("offices", [_item(_role_sentence(ctx, r)) for r in reversed(roles)]),
        timeline_section(ctx, data),
        ctx.section("counterparts", _counterparts(ctx, data, {person.id})),
        agreements_section(ctx, agreements),
        commitments_section(ctx, [], data),
        topics_section(ctx, data),
    ]
    return sections, person.id, person.name


def _members(ctx: Ctx, inst: Institution) -> tuple[list[Item], set[str]]:
    rows = q.institution_members(ctx.session, [inst.id]).get(inst.id, [])
    seen: set[str] = set()
    items = []
    for role, person in rows:  # latest first
        if person.id in seen:
            continue
        seen.add(person.id)
        items.append(_item(_role_sentence(ctx, role, "s.member_item", person.name)))
    return items, seen


def build_institution_sections(ctx: Ctx) -> tuple[list[Section], str, str]:
    """Sections of an institution brief; returns (sections, institution id, display name)."""
    inst = resolve_institution(ctx, ctx.spec.subject)
    data = load_events(ctx.session, ctx.filters, q.events_of_institution(ctx.session, inst))
    members, member_ids = _members(ctx, inst)
    names = q.institution_names(inst)
    own = member_ids | {person.id for ev in data.events for part, person in data.parts.get(ev.id, [])
                        if part.organization in names}
    summary = []
    if inst.country:
        kind = ctx.S.t("s.kind_sep", kind=ctx.S.iso(inst.kind)) if inst.kind else ""
        cites = _recent_doc_cites(ctx, inst.id) or ctx.first_cites(data, data.events[-MAX_NAME_CITES:])
        summary.append(ctx.fact(ctx.S.t("s.summary_institution", name=ctx.S.iso(inst.name),
                                        country=ctx.S.country(inst.country),
                                        kind=kind), cites))
    summary += [count_sentence(ctx, data, "s.summary_count_subject", name=ctx.S.iso(inst.name)),
                planned_sentence(ctx, data)]
    agreements = [a for a in q.agreements(ctx.session, event_ids=[e.id for e in data.events])
                  if in_period(a.date, ctx.filters)]
    sections = [
        ctx.section("summary", [_item(*summary)], style="paragraph"),
        ctx.section("members", members),
        timeline_section(ctx, data),
        ctx.section("counterparts", _counterparts(ctx, data, own)),
        agreements_section(ctx, agreements),
        commitments_section(ctx, [], data),
        topics_section(ctx, data),
    ]
    return sections, inst.id, inst.name
