"""Events as PLOVER 2.0 / POLECAT-style JSON Lines records.

PLOVER (Political Language Ontology for Verifiable Event Records) codes a dyadic
event: an ``actor`` does an ``event`` (category) in a ``mode`` to a
``recipient``. A visit is coded with the visitor as actor and the host as
recipient; without roles, the side that is not at home (the location's country)
acts. Countries are given as ISO 3166-1 alpha-3 codes as POLECAT does, with the
alpha-2 code alongside. ``event_text`` is the evidence sentence, ``text_info``
the first report and ``cite_info`` every report with its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pycountry

PLOVER_VERSION = "2.0"

# Our event types to PLOVER category and mode when the extractor gave none.
DEFAULT_CODING: dict[str, tuple[str, str | None]] = {
    "meeting": ("CONSULT", "meet"),
    "visit": ("CONSULT", "visit"),
    "phone_call": ("CONSULT", "phone"),
    "message": ("CONSULT", "third-party"),
    "agreement": ("AGREE", None),
    "other": ("CONSULT", None),
}

# Our topic keys to PLOVER contexts; unknown topics are kept under ``dragoman_topics`` only.
TOPIC_CONTEXTS: dict[str, str] = {
    "economy": "economic", "economic": "economic", "trade": "economic", "investment": "economic",
    "finance": "economic", "energy": "resource", "oil": "resource", "gas": "resource",
    "military": "military", "defence": "military", "defense": "military", "security": "military",
    "health": "health", "environment": "environment", "climate": "environment",
    "migration": "migration", "refugees": "refugee", "human_rights": "human_rights",
    "justice": "legal", "law": "legal", "legal": "legal", "parliament": "legislative",
    "elections": "election", "terrorism": "terrorism", "culture": "cultural", "education": "cultural",
    "tourism": "economic", "transport": "economic", "agriculture": "agriculture",
}


def alpha3(code: str | None) -> str | None:
    """ISO alpha-2 -> alpha-3 ("AZ" -> "AZE"); None when unknown."""
    if not code:
        return None
    country = pycountry.countries.get(alpha_2=code.upper())
    return country.alpha_3 if country else None


def _sides(rec: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(actors, recipients) from participant roles, else from the location."""
    parts = rec.get("participants", [])
    actors = [p for p in parts if p.get("role") == "visitor"]
    hosts = [p for p in parts if p.get("role") == "host"]
    if actors or hosts:
        rest = [p for p in parts if p.get("role") not in ("visitor", "host")]
        return actors or rest, hosts or rest
    home = (rec.get("location") or {}).get("country")
    away = [p for p in parts if p.get("country") and p.get("country") != home]
    at_home = [p for p in parts if p.get("country") == home]
    if home and away and at_home:
        return away, at_home
    countries = sorted({p.get("country") for p in parts if p.get("country")})
    if len(countries) >= 2:
        return ([p for p in parts if p.get("country") == countries[0]],
                [p for p in parts if p.get("country") != countries[0]])
    return parts[:1], parts[1:]


def _side(people: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    lead = people[0] if people else {}
    country = lead.get("country")
    return {
        prefix: lead.get("name_latin") or lead.get("name"),
        f"{prefix}_name": lead.get("name"),
        f"{prefix}_title": lead.get("title"),
        f"{prefix}_organization": lead.get("organization"),
        f"{prefix}_country": alpha3(country),
        f"{prefix}_country_iso2": country,
        f"{prefix}_id": lead.get("entity_id"),
        f"{prefix}s": [{"id": p.get("entity_id"), "name": p.get("name"), "title": p.get("title"),
                        "country": p.get("country")} for p in people],
    }


def plover_record(rec: dict[str, Any]) -> dict[str, Any]:
    """One FORMAT.md event record coded as a PLOVER record."""
    category, mode = DEFAULT_CODING.get(rec.get("type") or "other", ("CONSULT", None))
    coded = rec.get("plover") or {}
    category, mode = coded.get("category") or category, coded.get("mode") or mode
    actors, recipients = _sides(rec)
    sources = rec.get("sources", [])
    first = sources[0] if sources else {}
    evidence = next((e for s in sources for e in s.get("evidence", []) if e.get("text")), None)
    date = rec.get("date") or {}
    loc = rec.get("location") or {}
    topics = list(rec.get("topics") or [])
    contexts = sorted({TOPIC_CONTEXTS[t] for t in topics if t in TOPIC_CONTEXTS})
    out: dict[str, Any] = {
        "id": rec["id"],
        "date": date.get("start"),
        "date_end": date.get("end"),
        "event": category,
        "mode": mode,
        "context": contexts,
        "status": rec.get("status"),
        **_side(actors, "actor"),
        **_side(recipients, "recipient"),
        "geo": {"name": loc.get("name"), "country": alpha3(loc.get("country")),
                "country_iso2": loc.get("country")} if loc else None,
        "event_text": evidence.get("text") if evidence else None,
        "text_info": {"document": first.get("document"), "url": first.get("url"), "source": first.get("outlet"),
                      "language": first.get("lang"), "publication_date": first.get("published")},
        "cite_info": [{"document": s.get("document"), "url": s.get("url"), "source": s.get("outlet"),
                       "evidence": s.get("evidence", [])} for s in sources],
        "confidence": rec.get("confidence"),
        "dragoman_type": rec.get("type"),
        "dragoman_topics": topics,
        "version": PLOVER_VERSION,
    }
    return out


def plover_records(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for rec in records:
        yield plover_record(rec)
