"""Plain data records shared by every stage of Dragoman.

These dataclasses are the contract between the stages:

    ingest (readers, cleaning)  ->  InputDocument, CleanDocument
    extract (pure function)     ->  ExtractionResult (mentions, people, events, ...)
    resolve (across documents)  ->  rows in the store (persons, events, copies)

They hold no behaviour beyond (de)serialisation, so a result can be shipped to
another process or machine as JSON and read back unchanged.

All character offsets (``start``/``end``) point into ``CleanDocument.text``
(the cleaned text). ``CleanDocument.offset_map`` maps them back to the raw input.
Dates are ISO strings of day, month or year precision ("2025-05-15",
"2025-05", "2025") so that unknown parts are never invented.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Granularity = Literal["day", "month", "year"]
EventType = Literal["meeting", "visit", "phone_call", "agreement", "message", "other"]
EventStatus = Literal["occurred", "planned"]
MentionKind = Literal[
    "person",  # a personal name as written, honorific excluded
    "honorific",  # Sheikh, H.E., Dr., المهندس ...
    "title",  # an office: Foreign Minister, Speaker, سفير ...
    "institution",  # Milli Majlis, Ministry of Foreign Affairs ...
    "country",  # a country name or adjective; value = ISO 3166-1 alpha-2
    "place",  # a city or venue; value = ISO country of the place when known
    "date",  # a date expression; value = ISO start date (partial allowed)
    "organization",  # an international organisation: UN, OIC, CICA ...
    "trigger",  # an event trigger word: met, received, بحث ...
]


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in the cleaned text."""

    start: int
    end: int


@dataclass
class Evidence:
    """The sentence (or sentences) a field was read from."""

    start: int
    end: int
    text: str


@dataclass
class InputDocument:
    """One document as a reader delivers it, before cleaning.

    ``origin`` says where it came from ("reports.jsonl:12", "stdin", a URL) and
    is used in error messages and the ingest summary.
    """

    raw: str
    raw_format: Literal["text", "html", "markdown"] = "text"
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    lang: str | None = None
    published: str | None = None  # ISO date if the input gives one
    origin: str = ""


@dataclass
class CleanDocument:
    """A document after cleaning: what extraction reads.

    ``offset_map`` is a list of (clean_offset, raw_offset) anchor pairs, sorted
    by clean_offset: a clean offset ``c`` maps to ``raw + (c - clean)`` from the
    last anchor at or before ``c``. Use ``dragoman.ingest.offsets.to_raw``.
    """

    external_id: str
    text: str
    lang: str
    raw: str = ""
    raw_format: str = "text"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date: given, from metadata, or the dateline
    dateline_place: str | None = None  # "Baku" from "BAKU, Azerbaijan, May 15."
    dateline_country: str | None = None  # ISO alpha-2 when the dateline names it
    dateline_date: str | None = None  # ISO date read from the dateline
    offset_map: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Mention:
    """A typed stretch of text. ``value`` is the normalised reading, if any."""

    kind: MentionKind
    start: int
    end: int
    text: str
    value: str | None = None
    entity: str | None = None  # local key of the person/institution it refers to


@dataclass
class DocPerson:
    """A person as one document knows them (all their mentions clustered).

    ``key`` is local to the document ("p1"); resolution maps it to a global id.
    """

    key: str
    name: str  # the fullest form of the name in the document, honorific excluded
    honorifics: list[str] = field(default_factory=list)
    title: str | None = None
    organization: str | None = None  # institution name as written / canonical
    institution: str | None = None  # canonical institution key (lang data), if known
    country: str | None = None  # ISO alpha-2 of the country they represent
    mentions: list[Span] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class DocInstitution:
    key: str  # canonical key from the language data ("az.milli_majlis") or "i1"
    name: str
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class EventDate:
    start: str | None  # ISO, partial allowed
    end: str | None = None  # for multi-day spans
    granularity: Granularity = "day"
    evidence: Evidence | None = None


@dataclass
class Location:
    name: str | None
    country: str | None  # ISO alpha-2
    evidence: Evidence | None = None


@dataclass
class Participant:
    person: str  # DocPerson.key
    role: Literal["visitor", "host", "participant"] = "participant"
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class DocEvent:
    """One distinct encounter reported by one document."""

    key: str  # local to the document ("e1")
    type: str  # EventType
    status: str = "occurred"  # EventStatus
    date: EventDate | None = None
    location: Location | None = None
    participants: list[Participant] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    plover: dict[str, Any] = field(default_factory=dict)  # {"category": "CONSULT", "mode": "visit"}
    parent: str | None = None  # key of the visit this event is part of
    title: str | None = None  # for agreements: the agreement's title
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5


@dataclass
class Agreement:
    title: str
    date: str | None = None
    parties: list[str] = field(default_factory=list)  # countries (ISO) or institution names
    status: str = "signed"  # signed | planned | mentioned
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Milestone:
    what: str
    kind: str = "other"  # relations_established | anniversary | chairmanship | other
    date: str | None = None
    countries: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Commitment:
    text: str
    kind: str = "other"  # reciprocal_visits | political_consultations | planned_visit | other
    countries: list[str] = field(default_factory=list)
    due: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ExtractionResult:
    """Everything the extractor read from one document."""

    document: str  # external id
    lang: str
    version: str  # extractor version; a change triggers re-extraction
    mentions: list[Mention] = field(default_factory=list)
    people: list[DocPerson] = field(default_factory=list)
    institutions: list[DocInstitution] = field(default_factory=list)
    events: list[DocEvent] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ExtractionResult":
        return _from_dict(cls, d)


def _from_dict(cls: Any, value: Any) -> Any:
    """Rebuild nested dataclasses from ``dataclasses.asdict`` output."""
    if value is None or not dataclasses.is_dataclass(cls):
        return value
    hints = {f.name: f.type for f in dataclasses.fields(cls)}
    kwargs = {}
    for name, hint in hints.items():
        if name not in value:
            continue
        kwargs[name] = _convert(hint, value[name])
    return cls(**kwargs)


_NESTED = {
    "Span": Span,
    "Evidence": Evidence,
    "Mention": Mention,
    "DocPerson": DocPerson,
    "DocInstitution": DocInstitution,
    "EventDate": EventDate,
    "Location": Location,
    "Participant": Participant,
    "DocEvent": DocEvent,
    "Agreement": Agreement,
    "Milestone": Milestone,
    "Commitment": Commitment,
}


def _convert(hint: Any, value: Any) -> Any:
    """Rebuild a field from its annotation (a string under ``from __future__ import annotations``)."""
    text = str(hint).replace(" | None", "").strip()
    if text.startswith("list[") and text.endswith("]"):
        inner = text[5:-1]
        if inner in _NESTED:
            return [_from_dict(_NESTED[inner], v) for v in value or []]
        if inner.startswith("tuple"):
            return [tuple(v) for v in value or []]
        return value
    if text in _NESTED:
        return _from_dict(_NESTED[text], value)
    return value
