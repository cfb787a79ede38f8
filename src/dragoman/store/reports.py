"""Read-only queries over the resolved tables, for exports and briefing notes.

Every query the exporters and the brief builder need lives here, so that
``dragoman.export`` and ``dragoman.briefing`` never build SQL themselves.
Large result sets are read in batches by keyset pagination on the primary key
(``WHERE id > :last ORDER BY id LIMIT n``): memory stays constant however large
the store, and the same code runs on SQLite and PostgreSQL.

Dates are ISO strings of day, month or year precision. A period filter keeps an
event whose (possibly partial) date overlaps the period: "2025" overlaps
``since=2025-03-01`` because the year runs until 2025-12-31.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, and_, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from dragoman.errors import DragomanError
from dragoman.store.schema import (
    AgreementRecord,
    CommitmentRecord,
    Document,
    DocumentCopy,
    DocumentEntity,
    Event,
    EventCountry,
    EventParticipant,
    EventSource,
    Institution,
    MilestoneRecord,
    Person,
    PersonName,
    PersonRole,
)

__all__ = [
    "InvalidFilter",
    "AmbiguousName",
    "ReportFilters",
    "DocRef",
    "parse_pair",
    "normalize_date",
]

BATCH_SIZE = 500
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


class InvalidFilter(DragomanError):
    """A filter value (pair, date, country) that cannot be read."""

    exit_code = 2


class AmbiguousName(DragomanError):
    """A person or institution name that matches several records: give an id."""

    exit_code = 2


# ----------------------------------------------------------------- filters


def parse_pair(pair: str) -> tuple[str, str]:
    """``"az-bh"`` or ``"BH-AZ"`` -> ``("AZ", "BH")`` (sorted, upper case)."""
    parts = [p.strip().upper() for p in re.split(r"[-_/,: ]+", pair.strip()) if p.strip()]
    if len(parts) != 2 or not all(_COUNTRY_RE.match(p) for p in parts) or parts[0] == parts[1]:
        raise InvalidFilter(f"Not a country pair: {pair!r}. Use two ISO 3166-1 alpha-2 codes, e.g. AZ-BH.")
    a, b = sorted(parts)
    return a, b


def normalize_date(value: str | None, *, end: bool = False) -> str | None:
    """Check an ISO date (YYYY, YYYY-MM or YYYY-MM-DD); pad the end of a period.

    ``until=2025`` means up to 2025-12-31, so it is padded to ``2025-12-31``
    (string comparison then keeps every date of 2025, partial or not).
    """
    if value is None or value == "":
        return None
    value = value.strip()
    if not _DATE_RE.match(value):
        raise InvalidFilter(f"Not a date: {value!r}. Use YYYY, YYYY-MM or YYYY-MM-DD.")
    if end:
        return {4: value + "-12-31", 7: value + "-31"}.get(len(value), value)
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


@dataclass(frozen=True)
class ReportFilters:
    """What the API, the exports and the briefs filter by. Build with ``make``."""

    pair: tuple[str, str] | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    status: str | None = None
    lang: str | None = None
    outlet: str | None = None

    @classmethod
    def make(
        cls,
        *,
        pair: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        status: str | None = None,
        lang: str | None = None,
        outlet: str | None = None,
    ) -> "ReportFilters":
        """Validate raw (CLI/API) values; raises ``InvalidFilter``."""
        if country is not None:
            country = country.strip().upper()
            if not _COUNTRY_RE.match(country):
                raise InvalidFilter(f"Not a country code: {country!r}. Use ISO 3166-1 alpha-2, e.g. AZ.")
        s, u = normalize_date(since), normalize_date(until, end=True)
        if s and u and s > u:
            raise InvalidFilter(f"--since {since} is after --until {until}.")
        return cls(
            pair=parse_pair(pair) if pair else None,
            country=country,
            since=s,
            until=u,
            type=type or None,
            status=status or None,
            lang=lang or None,
            outlet=outlet or None,
        )

    @property
    def pair_key(self) -> str | None:
        """The ``pair`` column value: ``"AZ-BH"``."""
        return f"{self.pair[0]}-{self.pair[1]}" if self.pair else None

    def has_event_filter(self) -> bool:
        return any((self.pair, self.country, self.since, self.until, self.type, self.status))


def _date_overlaps(start: Any, end: Any, since: str | None, until: str | None) -> list[ColumnElement[bool]]:
    """Conditions keeping a partial ISO date range that overlaps [since, until]."""
    conds: list[ColumnElement[bool]] = []
    last = func.coalesce(end, start)
    if since:
        # compare at the precision of the stored date: "2025" >= "2025" for since 2025-03-01
        conds.append(last.is_not(None))
        conds.append(last >= func.substr(cast(literal(since), Text), 1, func.length(last)))
    if until:
        conds.append(start.is_not(None))
        conds.append(start <= until)
    return conds


def _in_pair_events(pair: tuple[str, str]) -> ColumnElement[bool]:
    a = select(EventCountry.event_id).where(EventCountry.country == pair[0])
    b = select(EventCountry.event_id).where(EventCountry.country == pair[1])
    return and_(Event.id.in_(a), Event.id.in_(b))


def event_conditions(f: ReportFilters) -> list[ColumnElement[bool]]:
    """The WHERE conditions on ``events`` for the filters."""
    conds: list[ColumnElement[bool]] = []
    if f.pair:
        conds.append(_in_pair_events(f.pair))
    if f.country:
        conds.append(Event.id.in_(select(EventCountry.event_id).where(EventCountry.country == f.country)))
    if f.type:
        conds.append(Event.type == f.type)
    if f.status:
        conds.append(Event.status == f.status)
    conds.extend(_date_overlaps(Event.date_start, Event.date_end, f.since, f.until))
    return conds


def _keyset(session: Session, stmt: Select[Any], key: Any, batch_size: int) -> Iterator[list[Any]]:
    """Yield batches of ``stmt`` rows ordered by ``key`` (a unique column)."""
    last: Any = None
    while True:
        page = stmt if last is None else stmt.where(key > last)
        rows = list(session.scalars(page.order_by(key).limit(batch_size)))
        if not rows:
            return
        yield rows
        last = getattr(rows[-1], key.key)
        if len(rows) < batch_size:
            return


# ----------------------------------------------------------------- documents


@dataclass(frozen=True)
class DocRef:
    """A stored document as a citation needs it (no text)."""

    id: int
    external_id: str
    url: str | None
    outlet: str | None
    lang: str | None
    published: str | None
    title: str | None


_DOCREF_COLS = (Document.id, Document.external_id, Document.url, Document.outlet, Document.lang,
                Document.published, Document.title)


def doc_refs(session: Session, ids: Iterable[int]) -> dict[int, DocRef]:
    """Citation data of documents by store id."""
    ids = sorted(set(ids))
    out: dict[int, DocRef] = {}
    for chunk in _chunks(ids):
        for row in session.execute(select(*_DOCREF_COLS).where(Document.id.in_(chunk))):
            out[row[0]] = DocRef(*row)
    return out


def doc_refs_by_external(session: Session, external_ids: Iterable[str]) -> dict[str, DocRef]:
    """Citation data of documents by external id."""
    ids = sorted(set(external_ids))
    out: dict[str, DocRef] = {}
    for chunk in _chunks(ids):
        for row in session.execute(select(*_DOCREF_COLS).where(Document.external_id.in_(chunk))):
            out[row[1]] = DocRef(*row)
    return out


def _document_conditions(f: ReportFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.lang:
        conds.append(Document.lang == f.lang)
    if f.outlet:
        conds.append(Document.outlet == f.outlet)
    conds.extend(_date_overlaps(Document.published, None, f.since, f.until))
    if f.pair or f.country or f.type or f.status:
        ev = select(Event.id).where(*event_conditions(ReportFilters(
            pair=f.pair, country=f.country, type=f.type, status=f.status)))
        conds.append(Document.id.in_(select(EventSource.document_id).where(EventSource.event_id.in_(ev))))
    return conds


def count_documents(session: Session, f: ReportFilters) -> int:
    return session.scalar(select(func.count()).select_from(Document).where(*_document_conditions(f))) or 0


def iter_document_batches(session: Session, f: ReportFilters, batch_size: int = BATCH_SIZE) -> Iterator[list[Document]]:
    """Documents (with their text) in id order, a batch at a time."""
    stmt = select(Document).where(*_document_conditions(f))
    for rows in _keyset(session, stmt, Document.id, batch_size):
        yield rows
        for row in rows:  # keep the identity map small
            session.expunge(row)


def copies_of(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """document id -> external id of the original it copies."""
    out: dict[int, str] = {}
    for chunk in _chunks(list(ids)):
        stmt = (select(DocumentCopy.document_id, Document.external_id)
                .join(Document, Document.id == DocumentCopy.original_id)
                .where(DocumentCopy.document_id.in_(chunk)))
        out.update({d: e for d, e in session.execute(stmt)})
    return out


# ----------------------------------------------------------------- events


def count_events(session: Session, f: ReportFilters) -> int:
    return session.scalar(select(func.count()).select_from(Event).where(*event_conditions(f))) or 0


def iter_event_batches(session: Session, f: ReportFilters, batch_size: int = BATCH_SIZE) -> Iterator[list[Event]]:
    """Events matching ``f`` in id order, a batch at a time (keyset pagination)."""
    stmt = select(Event).where(*event_conditions(f))
    for rows in _keyset(session, stmt, Event.id, batch_size):
        yield rows
        for row in rows:
            session.expunge(row)


def events_by_date(session: Session, f: ReportFilters, event_ids: Iterable[str] | None = None) -> list[Event]:
    """Events matching ``f`` (and among ``event_ids`` if given), oldest first, undated last."""
    conds = event_conditions(f)
    if event_ids is not None:
        ids = sorted(set(event_ids))
        if not ids:
            return []
        events: list[Event] = []
        for chunk in _chunks(ids):
            events.extend(session.scalars(select(Event).where(Event.id.in_(chunk), *conds)))
    else:
        events = list(session.scalars(select(Event).where(*conds)))
    return sorted(events, key=lambda e: (e.date_start is None, e.date_start or "", e.id))


@dataclass
class SourceRow:
    """One document's account of an event, with the document's citation data."""

    doc: DocRef
    is_copy: bool
    evidence: list[dict[str, Any]]
    reading: dict[str, Any] = field(default_factory=dict)


def event_sources(session: Session, event_ids: Sequence[str]) -> dict[str, list[SourceRow]]:
    """event id -> its sources (oldest publication first)."""
    out: dict[str, list[SourceRow]] = defaultdict(list)
    for chunk in _chunks(list(event_ids)):
        stmt = (select(EventSource.event_id, EventSource.is_copy, EventSource.evidence, EventSource.reading,
                       *_DOCREF_COLS)
                .join(Document, Document.id == EventSource.document_id)
                .where(EventSource.event_id.in_(chunk))
                .order_by(EventSource.event_id, Document.published, Document.external_id))
        for ev_id, is_copy, evidence, reading, *doc in session.execute(stmt):
            out[ev_id].append(SourceRow(DocRef(*doc), bool(is_copy), list(evidence or []), dict(reading or {})))
    return out


def event_participants(session: Session, event_ids: Sequence[str]) -> dict[str, list[tuple[EventParticipant, Person]]]:
    """event id -> [(participation, person)] in a stable order (visitors, hosts, others)."""
    out: dict[str, list[tuple[EventParticipant, Person]]] = defaultdict(list)
    order = {"visitor": 0, "host": 1}
    for chunk in _chunks(list(event_ids)):
        stmt = (select(EventParticipant, Person)
                .join(Person, Person.id == EventParticipant.person_id)
                .where(EventParticipant.event_id.in_(chunk)))
        for part, person in session.execute(stmt):
            out[part.event_id].append((part, person))
    for rows in out.values():
        rows.sort(key=lambda r: (order.get(r[0].role, 2), r[0].country or "", r[1].name))
    return out


def events_of_person(session: Session, person_id: str) -> list[str]:
    """Ids of events the person took part in."""
    return list(session.scalars(select(EventParticipant.event_id).where(EventParticipant.person_id == person_id)))


def events_of_institution(session: Session, inst: Institution) -> list[str]:
    """Ids of events where a participant acted for the institution.

    A participant acts for it when the participation names the institution (any
    of its names) or, naming no organisation, the person holds a role there.
    """
    names = institution_names(inst)
    members = select(PersonRole.person_id).where(PersonRole.institution_id == inst.id)
    stmt = select(EventParticipant.event_id).where(or_(
        EventParticipant.organization.in_(sorted(names)),
        and_(EventParticipant.organization.is_(None), EventParticipant.person_id.in_(members)),
    ))
    return sorted(set(session.scalars(stmt)))


# ----------------------------------------------------------------- persons


def _person_conditions(f: ReportFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    ev = ReportFilters(pair=f.pair, since=f.since, until=f.until, type=f.type, status=f.status)
    if ev.has_event_filter():
        in_events = select(EventParticipant.person_id).where(
            EventParticipant.event_id.in_(select(Event.id).where(*event_conditions(ev))))
        conds.append(Person.id.in_(in_events))
    if f.country:
        conds.append(Person.country == f.country)
    return conds


def count_persons(session: Session, f: ReportFilters) -> int:
    return session.scalar(select(func.count()).select_from(Person).where(*_person_conditions(f))) or 0


def iter_person_batches(session: Session, f: ReportFilters, batch_size: int = BATCH_SIZE) -> Iterator[list[Person]]:
    stmt = select(Person).where(*_person_conditions(f))
    for rows in _keyset(session, stmt, Person.id, batch_size):
        yield rows
        for row in rows:
            session.expunge(row)


def person_names(session: Session, person_ids: Sequence[str]) -> dict[str, list[PersonName]]:
    out: dict[str, list[PersonName]] = defaultdict(list)
    for chunk in _chunks(list(person_ids)):
        for row in session.scalars(select(PersonName).where(PersonName.person_id.in_(chunk)).order_by(PersonName.id)):
            out[row.person_id].append(row)
    return out


def person_roles(session: Session, person_ids: Sequence[str]) -> dict[str, list[PersonRole]]:
    """person id -> roles, most recently seen last."""
    out: dict[str, list[PersonRole]] = defaultdict(list)
    for chunk in _chunks(list(person_ids)):
        for row in session.scalars(select(PersonRole).where(PersonRole.person_id.in_(chunk))):
            out[row.person_id].append(row)
    for roles in out.values():
        roles.sort(key=lambda r: (r.last_seen or r.first_seen or "", r.first_seen or "", r.id))
    return out


def entity_documents(session: Session, entity_ids: Sequence[str]) -> dict[str, set[str]]:
    """person/institution id -> external ids of the documents that mention it."""
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(list(entity_ids)):
        stmt = (select(DocumentEntity.entity_id, Document.external_id)
                .join(Document, Document.id == DocumentEntity.document_id)
                .where(DocumentEntity.entity_id.in_(chunk)))
        for ent, ext in session.execute(stmt):
            out[ent].add(ext)
        stmt2 = select(EventParticipant.person_id, EventParticipant.documents).where(
            EventParticipant.person_id.in_(chunk))
        for ent, docs in session.execute(stmt2):
            out[ent].update(str(d) for d in docs or [])
    return out


def get_person(session: Session, person_id: str) -> Person | None:
    return session.get(Person, person_id)


def find_persons(session: Session, name: str) -> list[Person]:
    """Persons whose canonical, Latin or any recorded name equals ``name`` (case-insensitive)."""
    from dragoman.textnorm import normalize_for_search

    low = name.strip().lower()
    norm = normalize_for_search(name)
    ids = set(session.scalars(select(Person.id).where(
        or_(func.lower(Person.name) == low, func.lower(Person.name_latin) == low))))
    ids.update(session.scalars(select(PersonName.person_id).where(
        or_(func.lower(PersonName.name) == low, PersonName.search == norm))))
    return [p for p in (session.get(Person, i) for i in sorted(ids)) if p is not None]


# ----------------------------------------------------------------- institutions


def institution_names(inst: Institution) -> set[str]:
    """The canonical name and every name recorded in any language."""
    names = {inst.name}
    for values in (inst.names or {}).values():
        if isinstance(values, str):
            names.add(values)
        else:
            names.update(v for v in values or [] if isinstance(v, str))
    return names


def get_institution(session: Session, inst_id: str) -> Institution | None:
    return session.get(Institution, inst_id)


def find_institutions(session: Session, name: str) -> list[Institution]:
    """Institutions one of whose names equals ``name`` (case-insensitive)."""
    low = name.strip().lower()
    out = []
    for chunk in _keyset(session, select(Institution), Institution.id, BATCH_SIZE):
        out.extend(i for i in chunk if low in {n.lower() for n in institution_names(i)})
    return out


def _institution_conditions(f: ReportFilters) -> list[ColumnElement[bool]]:
    if f.country:
        return [Institution.country == f.country]
    if f.pair:
        return [Institution.country.in_(list(f.pair))]
    return []


def count_institutions(session: Session, f: ReportFilters) -> int:
    stmt = select(func.count()).select_from(Institution).where(*_institution_conditions(f))
    return session.scalar(stmt) or 0


def iter_institution_batches(session: Session, f: ReportFilters,
                             batch_size: int = BATCH_SIZE) -> Iterator[list[Institution]]:
    stmt = select(Institution).where(*_institution_conditions(f))
    for rows in _keyset(session, stmt, Institution.id, batch_size):
        yield rows
        for row in rows:
            session.expunge(row)


def institution_members(session: Session, inst_ids: Sequence[str]) -> dict[str, list[tuple[PersonRole, Person]]]:
    """institution id -> [(role, person)] of the people who held a role there, latest first."""
    out: dict[str, list[tuple[PersonRole, Person]]] = defaultdict(list)
    for chunk in _chunks(list(inst_ids)):
        stmt = (select(PersonRole, Person).join(Person, Person.id == PersonRole.person_id)
                .where(PersonRole.institution_id.in_(chunk)))
        for role, person in session.execute(stmt):
            out[role.institution_id or ""].append((role, person))
    for rows in out.values():
        rows.sort(key=lambda r: (r[0].last_seen or "", r[1].name), reverse=True)
    return out


# ----------------------------------------------------------------- relations record


def _pair_record_conditions(model: Any, pair: tuple[str, str] | None) -> list[ColumnElement[bool]]:
    return [model.pair == f"{pair[0]}-{pair[1]}"] if pair else []


def agreements(session: Session, *, pair: tuple[str, str] | None = None,
               event_ids: Iterable[str] | None = None) -> list[AgreementRecord]:
    """Agreements of a pair and/or signed at the given events, oldest first."""
    conds = _pair_record_conditions(AgreementRecord, pair)
    if event_ids is not None:
        ids = sorted(set(event_ids))
        if not ids:
            return []
        conds.append(AgreementRecord.event_id.in_(ids))
    if not conds:
        return []
    rows = list(session.scalars(select(AgreementRecord).where(*conds)))
    return sorted(rows, key=lambda r: (r.date is None, r.date or "", r.id))


def milestones(session: Session, pair: tuple[str, str] | None = None) -> list[MilestoneRecord]:
    """Milestones of a pair (every milestone without one), oldest first."""
    rows = list(session.scalars(select(MilestoneRecord).where(*_pair_record_conditions(MilestoneRecord, pair))))
    return sorted(rows, key=lambda r: (r.date is None, r.date or "", r.id))


def commitments(session: Session, pair: tuple[str, str] | None = None) -> list[CommitmentRecord]:
    stmt = select(CommitmentRecord).where(*_pair_record_conditions(CommitmentRecord, pair))
    rows = list(session.scalars(stmt))
    return sorted(rows, key=lambda r: (r.due is None, r.due or "", r.id))


def pair_has_data(session: Session, pair: tuple[str, str]) -> bool:
    """Whether anything at all is recorded for the pair (events or relations record)."""
    if session.scalar(select(func.count()).select_from(Event).where(_in_pair_events(pair))):
        return True
    key = f"{pair[0]}-{pair[1]}"
    for model in (AgreementRecord, MilestoneRecord, CommitmentRecord):
        if session.scalar(select(func.count()).select_from(model).where(model.pair == key)):
            return True
    return False


# ----------------------------------------------------------------- helpers


def _chunks(items: Sequence[Any], size: int = BATCH_SIZE) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
