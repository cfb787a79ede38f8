"""One document's events and people as the export records of the eval format.

Each document stands alone here: ids are ``ev_``/``per_`` + a hash of the
document id and the local key. Cross-document resolution later replaces them.
"""

from __future__ import annotations

import hashlib

from dragoman.extract.translit import to_latin
from dragoman.models import CleanDocument, DocEvent, ExtractionResult


def _hid(prefix: str, *parts: str) -> str:
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}_{h}"


def format_records(result: ExtractionResult, doc: CleanDocument) -> tuple[list[dict], list[dict]]:
    """(events, people) records for ``export events`` / ``export people``."""
    did = doc.external_id
    by_key = {p.key: p for p in result.people}
    pid = {p.key: _hid("per", did, p.key) for p in result.people}
    events = [_event(ev, doc, by_key, pid) for ev in result.events]
    seen = doc.published or doc.dateline_date
    people = []
    for p in result.people:
        aliases = []
        for sp in p.mentions:
            form = doc.text[sp.start : sp.end]
            if form != p.name and form not in aliases and len(form.split()) >= 2:
                aliases.append(form)
        role = {"title": p.title, "organization": p.organization, "country": p.country,
                "first_seen": seen, "last_seen": seen}
        people.append({"id": pid[p.key], "name": p.name, "name_latin": to_latin(p.name), "aliases": aliases,
                       "country": p.country, "roles": [role] if (p.title or p.organization) else [],
                       "documents": [did]})
    return events, people


def _event(ev: DocEvent, doc: CleanDocument, by_key: dict, pid: dict) -> dict:
    did = doc.external_id
    parts = []
    for part in ev.participants:
        p = by_key[part.person]
        parts.append({"entity_id": pid[part.person], "name": p.name, "name_latin": to_latin(p.name),
                      "title": part.title, "organization": part.organization, "country": part.country,
                      "role": part.role, "documents": [did]})
    date = None
    if ev.date and ev.date.start:
        date = {"start": ev.date.start, "end": ev.date.end, "inferred": ev.date.evidence is None}
    loc = {"name": ev.location.name, "country": ev.location.country} if ev.location else None
    return {
        "id": _hid("ev", did, ev.key), "type": ev.type, "status": ev.status, "plover": ev.plover,
        "date": date, "location": loc, "participants": parts, "countries": ev.countries,
        "topics": ev.topics, "parent": _hid("ev", did, ev.parent) if ev.parent else None, "title": ev.title,
        "sources": [{"document": did, "url": doc.url,
                     "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in ev.evidence]}],
        "confidence": ev.confidence,
    }
