"""What every kind of brief shares: citations, event loading and the common sections.

The rule of the brief is that nothing is stated without a source: ``Ctx.fact``
returns ``None`` for a sentence that would have no citation, and the section
builders drop it. A section that ends up with no item says so in one
uncited sentence (``Ctx.empty``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from dragoman.briefing.i18n import Strings
from dragoman.briefing.model import BriefSpec, Item, Section, Sentence, Source
from dragoman.store import reports as q
from dragoman.store.reports import DocRef, ReportFilters
from dragoman.store.schema import AgreementRecord, CommitmentRecord, Event, EventParticipant, Person, PersonRole

QUOTE_MAX = 280


class Citer:
    """Numbers documents in the order they are first cited."""

    def __init__(self, session: Session, strings: Strings) -> None:
        self.session = session
        self.S = strings
        self.numbers: dict[int, int] = {}
        self.refs: dict[int, DocRef] = {}

    def refs_(self, refs: Iterable[DocRef]) -> list[int]:
        """Cite these documents; returns their numbers, ascending."""
        out = set()
        for ref in refs:
            if ref.id not in self.numbers:
                self.numbers[ref.id] = len(self.numbers) + 1
                self.refs[ref.id] = ref
            out.add(self.numbers[ref.id])
        return sorted(out)

    def ids(self, doc_ids: Iterable[int]) -> list[int]:
        ids = [i for i in doc_ids if i is not None]
        missing = [i for i in ids if i not in self.refs]
        found = dict(self.refs)
        found.update(q.doc_refs(self.session, missing))
        return self.refs_(found[i] for i in ids if i in found)

    def externals(self, ext_ids: Iterable[str]) -> list[int]:
        refs = q.doc_refs_by_external(self.session, ext_ids)
        return self.refs_(refs.values())

    def evidence_docs(self, evidence: list[Any]) -> list[int]:
        """Cite the documents named in role evidence (``document``: store id or external id)."""
        ints = [e["document"] for e in evidence or [] if isinstance(e, dict) and isinstance(e.get("document"), int)]
        exts = [e["document"] for e in evidence or [] if isinstance(e, dict) and isinstance(e.get("document"), str)]
        return sorted(set(self.ids(ints)) | set(self.externals(exts)))

    def sources(self) -> list[Source]:
        out = []
        for doc_id, n in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            ref = self.refs[doc_id]
            parts = [self.S.iso(ref.outlet or ref.external_id),
                     self.S.date(ref.published) if ref.published else None, self.S.language(ref.lang)]
            label = self.S.t("s.org_sep").join(p for p in parts if p)
            if ref.title:
                label += ": " + self.S.t("quote", text=self.S.iso(ref.title))
            out.append(Source(n, ref.id, ref.external_id, ref.outlet, ref.published, ref.lang, ref.url,
                              ref.title, label))
        return out


@dataclass
class EventData:
    """Events (oldest first) with their participants and sources."""

    events: list[Event]
    parts: dict[str, list[tuple[EventParticipant, Person]]] = field(default_factory=dict)
    sources: dict[str, list[q.SourceRow]] = field(default_factory=dict)

    @property
    def occurred(self) -> list[Event]:
        return [e for e in self.events if e.status != "planned"]

    @property
    def planned(self) -> list[Event]:
        return [e for e in self.events if e.status == "planned"]


def load_events(session: Session, f: ReportFilters, event_ids: Iterable[str] | None = None) -> EventData:
    events = q.events_by_date(session, f, event_ids)
    ids = [e.id for e in events]
    return EventData(events, q.event_participants(session, ids), q.event_sources(session, ids))


class Ctx:
    """One brief being built: session, spec, strings and citations."""

    def __init__(self, session: Session, spec: BriefSpec, filters: ReportFilters) -> None:
        self.session = session
        self.spec = spec
        self.filters = filters
        self.S = Strings(spec.lang)
        self.citer = Citer(session, self.S)
        self.today = spec.today or date.today()

    # ---- sentences

    def fact(self, text: str, cites: list[int], lang: str | None = None) -> Sentence | None:
        """A fact sentence, or None when nothing supports it (then it is not written)."""
        if not cites:
            return None
        return Sentence(text, sorted(set(cites)), True, lang if lang and lang != self.spec.lang else None)

    def note(self, text: str) -> Sentence:
        """A sentence about the record itself (no fact, no citation)."""
        return Sentence(text, [], fact=False)

    def section(self, key: str, items: list[Item], style: str = "list") -> Section:
        """A section, or its "nothing recorded" sentence when ``items`` is empty."""
        title = self.S.t(f"headings.{key}")
        items = [i for i in items if i.sentences]
        if not items:
            return Section(key, title, [Item([self.note(self.S.t(f"empty.{key}"))])], style, empty=True)
        return Section(key, title, items, style)  # type: ignore[arg-type]

    # ---- events

    def event_cites(self, data: EventData, ev: Event) -> list[int]:
        return self.citer.refs_(s.doc for s in data.sources.get(ev.id, []))

    def first_cites(self, data: EventData, events: Iterable[Event]) -> list[int]:
        """One citation per event (its earliest source), for counts and overviews."""
        refs = [data.sources[e.id][0].doc for e in events if data.sources.get(e.id)]
        return self.citer.refs_(refs)

    def person_text(self, part: EventParticipant, person: Person) -> str:
        x = self.S.iso
        details = [x(part.title), x(part.organization), self.S.country(part.country or person.country)]
        details = [d for d in details if d]
        if not details:
            return x(person.name)
        return self.S.t("s.person", name=x(person.name), details=self.S.t("s.org_sep").join(details))

    def people_text(self, data: EventData, ev: Event, exclude: set[str] | None = None) -> str:
        rows = [r for r in data.parts.get(ev.id, []) if not exclude or r[1].id not in exclude]
        return self.S.join([self.person_text(p, person) for p, person in rows])

    def place(self, ev: Event) -> str:
        where = ev.location_name or (self.S.country(ev.location_country) if ev.location_country else None)
        return self.S.t("s.in_place", place=self.S.iso(where)) if where else ""

    def quote(self, data: EventData, ev: Event) -> Sentence | None:
        """The evidence sentence, from a source in the brief's language when there is one."""
        rows = [s for s in data.sources.get(ev.id, []) if any(e.get("text") for e in s.evidence)]
        if not rows:
            return None
        rows.sort(key=lambda s: (s.doc.lang != self.spec.lang, s.is_copy))
        row = rows[0]
        text = next(e["text"] for e in row.evidence if e.get("text")).strip()
        if len(text) > QUOTE_MAX:  # cut at a word boundary: a half word would be a misquote
            cut = text.rfind(" ", 0, QUOTE_MAX)
            text = text[: cut if cut > QUOTE_MAX // 2 else QUOTE_MAX].rstrip(" ,،;؛:") + " …"
        sentence = self.fact(self.S.t("quote", text=self.S.iso(text)), self.citer.refs_([row.doc]), row.doc.lang)
        if sentence:
            sentence.quote = True
            sentence.lang = row.doc.lang
        return sentence

    def event_item(self, data: EventData, ev: Event, exclude: set[str] | None = None, planned: bool = False) -> Item:
        """A timeline entry: date, type, place, participants [n]; then the quoted evidence."""
        people = self.people_text(data, ev, exclude)
        key = ("s.planned_item" if planned else "s.timeline_item") + ("" if people else "_nobody")
        text = self.S.t(key, date=self.S.date_range(ev.date_start, ev.date_end), type=self.S.event_type(ev.type),
                        place=self.place(ev), people=people)
        if not planned:
            text = text[:1].upper() + text[1:]
        main = self.fact(text, self.event_cites(data, ev))
        return Item([s for s in (main, self.quote(data, ev)) if s])

    def breakdown(self, events: list[Event]) -> str:
        counts = Counter(e.type for e in events)
        order = sorted(counts, key=lambda t: (-counts[t], t))
        return self.S.join([self.counted_type(t, counts[t]) for t in order])

    def counted_type(self, kind: str, n: int) -> str:
        key = kind if self.S.get(f"types_counted.{kind}.other") else "other"
        return self.S.counted(key, n)


# ----------------------------------------------------------------- shared sections


def timeline_section(ctx: Ctx, data: EventData) -> Section:
    events = data.occurred
    items: list[Item] = []
    limit = ctx.spec.max_timeline
    if limit and len(events) > limit:
        items.append(Item([ctx.note(ctx.S.t("s.timeline_more", n=len(events) - limit))]))
        events = events[-limit:]
    items.extend(ctx.event_item(data, ev) for ev in events)
    return ctx.section("timeline", items)


def topics_section(ctx: Ctx, data: EventData) -> Section:
    """Per year, the topics of the engagements and how often they came up."""
    by_year: dict[str, list[Event]] = defaultdict(list)
    for ev in data.occurred:
        if ev.date_start and ev.topics:
            by_year[ev.date_start[:4]].append(ev)
    items = []
    for year in sorted(by_year):
        counts = Counter(t for ev in by_year[year] for t in ev.topics)
        order = sorted(counts, key=lambda t: (-counts[t], t))
        topics = ctx.S.t("s.org_sep").join(ctx.S.t("s.topic_count", topic=ctx.S.iso(ctx.S.topic(t)), n=counts[t])
                                           for t in order)
        s = ctx.fact(ctx.S.t("s.topics_item", year=year, topics=topics), ctx.first_cites(data, by_year[year]))
        items.append(Item([s] if s else []))
    return ctx.section("topics", items)


def in_period(value: str | None, f: ReportFilters) -> bool:
    """Whether a partial date lies in the filters' period (undated: only without a period)."""
    if not (f.since or f.until):
        return True
    if not value:
        return False
    return not ((f.since and value < f.since[: len(value)]) or (f.until and value > f.until))


def agreements_section(ctx: Ctx, rows: list[AgreementRecord]) -> Section:
    """Agreements (already filtered to the period), with date, title, status and parties."""
    docs = q.doc_refs(ctx.session, [r.document_id for r in rows])
    items = []
    for r in rows:
        status = ctx.S.get(f"statuses.{r.status}") or r.status
        parties = ctx.S.join([ctx.S.country(p) if len(p) == 2 and p.isupper() else ctx.S.iso(p)
                              for p in r.parties or []])
        key = "s.agreement_item" if parties else "s.agreement_item_noparties"
        text = ctx.S.t(key, date=ctx.S.date(r.date), title=ctx.S.iso(r.title), status=status, parties=parties)
        ref = docs.get(r.document_id)
        s = ctx.fact(text[:1].upper() + text[1:], ctx.citer.refs_([ref]) if ref else [])
        items.append(Item([s] if s else []))
    return ctx.section("agreements", items)


def commitments_section(ctx: Ctx, rows: list[CommitmentRecord], data: EventData) -> Section:
    """Commitments due (or, undated, reported) in the period, minus planned visits already listed
    as planned events; then the planned events."""
    planned = data.planned
    planned_docs = {s.doc.id for ev in planned for s in data.sources.get(ev.id, [])}
    docs = q.doc_refs(ctx.session, [r.document_id for r in rows])
    items = []
    for r in rows:
        if r.kind == "planned_visit" and r.document_id in planned_docs:
            continue
        ref = docs.get(r.document_id)
        when = r.due or (ref.published if ref else None)  # undated: when it was reported
        if not in_period(when, ctx.filters):
            continue
        kind = ctx.S.get(f"commitment_kinds.{r.kind}") or ctx.S.t("commitment_kinds.other")
        key = "s.commitment_item_due" if r.due else "s.commitment_item"
        text = ctx.S.t(key, kind=kind, text=ctx.S.iso(r.text), date=ctx.S.date(r.due))
        s = ctx.fact(text, ctx.citer.refs_([ref]) if ref else [])
        items.append(Item([s] if s else []))
    items.extend(ctx.event_item(data, ev, planned=True) for ev in planned)
    return ctx.section("commitments", items)


def latest_role(roles: list[PersonRole]) -> PersonRole | None:
    """The most recently seen role (roles come sorted oldest first)."""
    return roles[-1] if roles else None
