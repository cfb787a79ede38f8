"""Hand-built ExtractionResults and documents for resolution tests.

Resolution is tested on its own, independently of extraction quality: these
helpers write a document row and its extraction JSON straight into the store,
exactly as the pipeline would leave them, with invented names and sentences.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from dragoman.models import (
    Agreement,
    DocEvent,
    DocInstitution,
    DocPerson,
    EventDate,
    Evidence,
    ExtractionResult,
    Location,
    Participant,
)
from dragoman.store import Store
from dragoman.store.schema import Document, Extraction


def ev(text: str, start: int = 0) -> Evidence:
    return Evidence(start=start, end=start + len(text), text=text)


def person(key: str, name: str, title: str | None = None, country: str | None = None,
           institution: str | None = None, organization: str | None = None) -> DocPerson:
    return DocPerson(key=key, name=name, title=title, country=country, institution=institution,
                     organization=organization, evidence=[ev(f"{title or ''} {name}".strip())])


def event(key: str, type_: str, day: str | None, people: list[tuple[str, str]], countries: list[str],
          place: tuple[str | None, str | None] | None = None, parent: str | None = None,
          end: str | None = None, granularity: str = "day", status: str = "occurred", title: str | None = None) -> DocEvent:
    return DocEvent(
        key=key, type=type_, status=status,
        date=EventDate(start=day, end=end, granularity=granularity) if day else None,
        location=Location(name=place[0], country=place[1]) if place else None,
        participants=[Participant(person=p, role=r) for p, r in people],
        countries=countries, parent=parent, title=title, evidence=[ev(f"event {key}")], confidence=0.7,
    )


def result(doc: str, lang: str, people: list[DocPerson], events: list[DocEvent],
           institutions: list[DocInstitution] | None = None, agreements: list[Agreement] | None = None) -> ExtractionResult:
    return ExtractionResult(document=doc, lang=lang, version="test", people=people, events=events,
                            institutions=institutions or [], agreements=agreements or [])


def add_document(store: Store, res: ExtractionResult, *, text: str | None = None, outlet: str | None = None,
                 published: str | None = None, url: str | None = None) -> int:
    """Insert (or replace) a document and its extraction; returns the document id."""
    text = text or f"Report {res.document}: " + " ".join(p.name for p in res.people)
    content_hash = hashlib.sha256(text.encode()).hexdigest()
    payload = res.to_dict()
    x_hash = hashlib.sha256((content_hash + repr(payload)).encode()).hexdigest()
    now = datetime.now(timezone.utc)
    with store.session() as s:
        doc = s.query(Document).filter_by(external_id=res.document).one_or_none()
        if doc is None:
            doc = Document(external_id=res.document, raw=text, text=text, content_hash=content_hash,
                           ingested_at=now, updated_at=now, offset_map=[], raw_format="text")
            s.add(doc)
        doc.text = doc.raw = text
        doc.content_hash = content_hash
        doc.outlet, doc.published, doc.url, doc.lang = outlet, published, url, res.lang
        s.flush()
        x = s.get(Extraction, doc.id)
        if x is None:
            s.add(Extraction(document_id=doc.id, version="test", content_hash=x_hash, result=payload, created_at=now))
        else:
            x.result, x.content_hash = payload, x_hash
        return doc.id
