"""The relational schema: one mapped class per table.

The schema is created and changed only by the Alembic migrations in
``store/migrations/versions``; this module must describe the same tables
(a test compares them). Dates of events, roles and documents are ISO strings of
day, month or year precision so that partial dates survive unchanged on every
backend; timestamps are timezone-aware datetimes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# ----------------------------------------------------------------- documents


class Document(Base):
    """A stored report: raw input, cleaned text and metadata (current revision)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    external_id: Mapped[str] = mapped_column(String(512), unique=True, nullable=False)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(255), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(8), index=True)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    place: Mapped[str | None] = mapped_column(String(255))
    place_country: Mapped[str | None] = mapped_column(String(2))
    dateline_date: Mapped[str | None] = mapped_column(String(10))
    raw: Mapped[str] = mapped_column(Text, nullable=False)
    raw_format: Mapped[str] = mapped_column(String(16), nullable=False, default="text")
    text: Mapped[str] = mapped_column(Text, nullable=False)
    offset_map: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    # Extraction bookkeeping: what version read which content (see pipeline.extract).
    extracted_version: Mapped[str | None] = mapped_column(String(32))
    extracted_hash: Mapped[str | None] = mapped_column(String(64))
    # Resolution bookkeeping: the content hash last resolved into events/persons.
    resolved_hash: Mapped[str | None] = mapped_column(String(64))


class DocumentRevision(Base):
    """Every revision of a document, the current one included (append-only)."""

    __tablename__ = "document_revisions"
    __table_args__ = (UniqueConstraint("document_id", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    raw: Mapped[str] = mapped_column(Text, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class Extraction(Base):
    """The extractor's output for one document (``ExtractionResult`` as JSON)."""

    __tablename__ = "extractions"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[str] = mapped_column(String(32), nullable=False)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class DocumentCopy(Base):
    """Syndication: ``document_id`` is a near-copy of ``original_id``."""

    __tablename__ = "document_copies"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    original_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    similarity: Mapped[float] = mapped_column(Float, nullable=False)


class DocumentSignature(Base):
    """A document's MinHash signature (syndication detection; migration 0005)."""

    __tablename__ = "document_signatures"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    signature: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class DocumentBand(Base):
    """One LSH band key of a document's signature: the persistent LSH index (0005)."""

    __tablename__ = "document_bands"

    band: Mapped[str] = mapped_column(String(40), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )


# ----------------------------------------------------------------- entities


class Institution(Base):
    __tablename__ = "institutions"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # "org_…"
    name: Mapped[str] = mapped_column(Text, nullable=False)  # English/canonical name
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    kind: Mapped[str | None] = mapped_column(String(40))  # parliament, ministry, ...
    names: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)  # lang -> [names]


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # "per_…"
    name: Mapped[str] = mapped_column(Text, nullable=False)
    name_latin: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PersonName(Base):
    """Every form of a person's name seen, in any script; ``key`` is for blocking."""

    __tablename__ = "person_names"
    __table_args__ = (UniqueConstraint("person_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    script: Mapped[str | None] = mapped_column(String(12))  # latin | arabic | cyrillic
    key: Mapped[str | None] = mapped_column(String(255), index=True)
    search: Mapped[str | None] = mapped_column(Text)  # normalised for search


class PersonNameKey(Base):
    """A blocking key of a middle name of one of a person's name forms (0007)."""

    __tablename__ = "person_name_keys"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True, index=True)


class PersonRole(Base):
    __tablename__ = "person_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    institution_id: Mapped[str | None] = mapped_column(ForeignKey("institutions.id", ondelete="SET NULL"), index=True)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    first_seen: Mapped[str | None] = mapped_column(String(10))
    last_seen: Mapped[str | None] = mapped_column(String(10))
    evidence: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)  # [{document,start,end,text}]


class DocumentEntity(Base):
    """Maps a document's local person/institution keys to global ids (for linking mentions)."""

    __tablename__ = "document_entities"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    local_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # person | institution
    entity_id: Mapped[str] = mapped_column(String(40), nullable=False, index=True)


# ----------------------------------------------------------------- events


class Event(Base):
    """A fused event: one real encounter, however many reports describe it."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_digest", "id", "date_start", "type", "level"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # "ev_…"
    type: Mapped[str] = mapped_column(String(24), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(12), nullable=False, default="occurred")
    date_start: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    granularity: Mapped[str | None] = mapped_column(String(8))
    location_name: Mapped[str | None] = mapped_column(Text)
    location_country: Mapped[str | None] = mapped_column(String(2))
    countries: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    topics: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    plover: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    title: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[str | None] = mapped_column(String(40), index=True)  # the visit it belongs to
    level: Mapped[int | None] = mapped_column(Integer)  # protocol level of the highest participant (1 = head of state)
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.5)
    reports: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    newsrooms: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    disagreements: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    # The day the event is placed on for blocking: its date, else its earliest report's date (0005).
    anchor_date: Mapped[str | None] = mapped_column(String(10), index=True)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EventCountry(Base):
    """One row per (event, country): the index behind country-pair pages."""

    __tablename__ = "event_countries"
    __table_args__ = (Index("ix_event_countries_country_event", "country", "event_id"),)

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), primary_key=True)


class EventSource(Base):
    """One document's account of an event, with its own evidence and readings."""

    __tablename__ = "event_sources"
    __table_args__ = (UniqueConstraint("document_id", "local_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)
    local_key: Mapped[str] = mapped_column(String(64), nullable=False)
    is_copy: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    evidence: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)
    reading: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)  # the DocEvent as read


class EventParticipant(Base):
    __tablename__ = "event_participants"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default="participant")
    title: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(2))
    documents: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)  # external ids


# ----------------------------------------------------------------- relations record


class AgreementRecord(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)
    event_id: Mapped[str | None] = mapped_column(String(40))
    pair: Mapped[str | None] = mapped_column(String(5), index=True)  # "AZ-BH", sorted
    title: Mapped[str] = mapped_column(Text, nullable=False)
    date: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="signed")
    parties: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    evidence: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)


class MilestoneRecord(Base):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)
    pair: Mapped[str | None] = mapped_column(String(5), index=True)
    what: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False, default="other")
    date: Mapped[str | None] = mapped_column(String(10))
    countries: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    evidence: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)


class CommitmentRecord(Base):
    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)
    pair: Mapped[str | None] = mapped_column(String(5), index=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False, default="other")
    due: Mapped[str | None] = mapped_column(String(10))
    countries: Mapped[list[str]] = mapped_column(JSON, nullable=False, default=list)
    evidence: Mapped[list[Any]] = mapped_column(JSON, nullable=False, default=list)


class Correction(Base):
    """Analyst corrections (merge/split of persons and events): an append-only log."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # person | event
    action: Mapped[str] = mapped_column(String(16), nullable=False)  # merge | split
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    author: Mapped[str | None] = mapped_column(String(255))
    note: Mapped[str | None] = mapped_column(Text)


# ----------------------------------------------------------------- acquisition


class Source(Base):
    """A followed source: a feed, a sitemap or a listing page."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # feed | sitemap | listing
    lang: Mapped[str | None] = mapped_column(String(8))
    interval_seconds: Mapped[int] = mapped_column(Integer, nullable=False, default=3600)
    link_pattern: Mapped[str | None] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    error_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    next_due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    articles_found: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class FetchedUrl(Base):
    """Every article URL fetched, with validators so nothing unchanged is fetched twice."""

    __tablename__ = "fetched_urls"

    url_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), index=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
