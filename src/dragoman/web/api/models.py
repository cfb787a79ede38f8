"""Response and request models of the JSON API (they document the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Participant(Open):
    id: str
    name: str
    name_latin: str | None = None
    role: str | None = None
    country: str | None = None
    title: str | None = None


class EventOut(Open):
    id: str = Field(description="Stable event id ('ev_…')")
    type: str
    status: str
    date_start: str | None = None
    date_end: str | None = None
    granularity: str | None = None
    title: str | None = None
    location_name: str | None = None
    location_country: str | None = None
    countries: list[str] = []
    topics: list[str] = []
    level: int | None = None
    confidence: float | None = None
    reports: int | None = None
    newsrooms: int | None = None
    parent_id: str | None = None
    participants: list[Participant] = []


class Office(Open):
    title: str | None = None
    organization: str | None = None
    institution_id: str | None = None
    country: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


class PersonOut(Open):
    id: str = Field(description="Stable person id ('per_…')")
    name: str
    name_latin: str | None = None
    country: str | None = None
    office: Office | None = None


class InstitutionOut(Open):
    id: str = Field(description="Stable institution id ('org_…')")
    name: str
    country: str | None = None
    kind: str | None = None
    names: dict[str, Any] = {}


class DocumentOut(Open):
    id: int
    external_id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    lang: str | None = None
    published: str | None = None
    place: str | None = None
    place_country: str | None = None
    revision: int


class PairOut(Open):
    pair: str
    a: str
    b: str
    events: int


class SourceOut(Open):
    id: int
    name: str
    url: str
    kind: str = Field(description="feed, sitemap or listing")
    lang: str | None = None
    interval_seconds: int
    link_pattern: str | None = None
    enabled: bool
    status: str = Field(description="ok, failing (the last check failed), new (never checked) or disabled")
    last_checked_at: str | None = None
    last_success_at: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    error_count: int = 0
    next_due_at: str | None = None
    articles_found: int = 0
    urls_known: int = 0


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="Items matching the filters, all pages together")
    limit: int
    offset: int


class MergeRequest(BaseModel):
    ids: list[str] = Field(min_length=2, max_length=50, description="The ids to merge")
    into: str | None = Field(default=None, description="The id to keep (default: the first)")
    note: str | None = Field(default=None, max_length=2000)


class SplitRequest(BaseModel):
    id: str = Field(description="The id to split")
    documents: list[str] = Field(default=[], max_length=500,
                                 description="External ids of the documents whose account moves to a new record")
    name: str | None = Field(default=None, max_length=300, description="Persons only: a name form to split off")
    note: str | None = Field(default=None, max_length=2000)


class DocumentIn(BaseModel):
    raw: str = Field(min_length=1, description="The report: plain text, HTML or Markdown")
    raw_format: str = Field(default="text", pattern="^(text|html|markdown)$")
    external_id: str | None = Field(default=None, max_length=512)
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    lang: str | None = Field(default=None, pattern="^[a-z]{2,3}$")
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1, max_length=1000)


class IngestOut(Open):
    ingested: int = 0
    unchanged: int = 0
    revised: int = 0
    rejected: list[dict[str, str]] = []
    document_ids: list[int] = []


class ErrorBody(BaseModel):
    status: int
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI documentation of the JSON error responses an endpoint may give."""
    text = {401: "No token", 403: "Invalid token or writes disabled", 404: "Unknown id", 413: "Too large",
            422: "Invalid filter or body", 501: "Not available in this installation"}
    return {c: {"model": ErrorOut, "description": text.get(c, "Error")} for c in codes}
