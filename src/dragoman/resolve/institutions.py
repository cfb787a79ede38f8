"""Institutions: one record across languages.

The extractor gives a canonical key ("az.milli_majlis") when its language data
knows the institution, whatever language the text is in: "Milli Majlis",
"الجمعية الوطنية الأذربيجانية" and "Милли Меджлис" all arrive as
``az.milli_majlis``. That key is the identity: ``org_`` + a hash of it. The
canonical English name and country come from ``lang/_shared/institutions.json``;
each language's forms are kept in ``institutions.names``.

An institution without a canonical key is identified by (country, normalised
name): the same spelling in the same country is one record; a different
language's spelling without a key stays a separate record (we do not guess).
"""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from dragoman.models import ExtractionResult
from dragoman.resolve.context import Context
from dragoman.store import entities as db
from dragoman.textnorm import normalize_for_search

__all__ = ["institution_id", "resolve_institutions", "institution_ids_of"]


def _is_canonical(key: str | None) -> bool:
    return bool(key) and "." in key  # "az.milli_majlis"; local keys look like "i1"


def institution_id(key: str | None, name: str | None, country: str | None) -> str | None:
    """Deterministic id: from the canonical key, else from (country, normalised name)."""
    if _is_canonical(key):
        basis = f"key|{key}"
    elif name and normalize_for_search(name):
        basis = f"name|{country or ''}|{normalize_for_search(name)}"
    else:
        return None
    return "org_" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _upsert(s: Session, ctx: Context, key: str | None, name: str, country: str | None, lang: str) -> str | None:
    inst_id = institution_id(key, name, country)
    if inst_id is None:
        return None
    data = ctx.institutions.get(key or "") or {}
    canonical = data.get("name") or name
    db.upsert_institution(s, inst_id, canonical, data.get("country") or country, data.get("type"), lang, name)
    return inst_id


def resolve_institutions(s: Session, ctx: Context, result: ExtractionResult) -> tuple[dict[str, str], dict[str, str]]:
    """Store a document's institutions.

    Returns ({local key: org id} for DocInstitutions, {person key: org id} for
    the institution of each DocPerson that names one).
    """
    lang = result.lang or "und"
    local: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for di in result.institutions:
        inst_id = _upsert(s, ctx, di.key, di.name, di.country, lang)
        if inst_id:
            local[di.key] = inst_id
            by_name[normalize_for_search(di.name)] = inst_id
    persons: dict[str, str] = {}
    for dp in result.people:
        inst_id = None
        if dp.institution:
            inst_id = local.get(dp.institution) or _upsert(s, ctx, dp.institution, dp.organization or dp.institution,
                                                           dp.country, lang)
        elif dp.organization:
            inst_id = by_name.get(normalize_for_search(dp.organization))
        if inst_id:
            persons[dp.key] = inst_id
    ctx.summary.institutions += len(set(local.values()) | set(persons.values()))
    return local, persons


def institution_ids_of(results: list[ExtractionResult]) -> list[str]:
    """The ids the institutions of these documents will get (to load them in one query)."""
    ids = set()
    for result in results:
        for di in result.institutions:
            ids.add(institution_id(di.key, di.name, di.country))
        for dp in result.people:
            if dp.institution:
                ids.add(institution_id(dp.institution, dp.organization or dp.institution, dp.country))
    return sorted(i for i in ids if i)
