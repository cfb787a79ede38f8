"""Persons: one record per real person across documents, spellings and scripts.

Policy (why it is safe):

- Candidates come from the indexed family-name skeleton (``person_names.key``),
  never from a scan.
- A full name attaches to a stored person only when some stored *full* form
  agrees on given name and family name (``names.same_name``) and the countries
  do not conflict. Two people sharing only a surname never merge.
- A bare surname ("al-Zayani", "Hajiyev") first looks inside its own document,
  then in the store, and attaches only when exactly one candidate fits by
  country, title, institution and time; otherwise it becomes its own record.
  Full names are resolved before bare surnames in every batch so that the
  order of documents inside a batch does not change the outcome.
- Ids are ``per_`` + a hash of (country, given, family) skeletons: the same
  person gets the same id on every run; a clash with a different person adds
  the document and local key to the hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from dragoman.models import DocPerson, ExtractionResult
from dragoman.resolve.context import Context
from dragoman.resolve.names import NameParts, block_key, blocking_keys, is_latin, parse_name, same_name, surname_fits
from dragoman.resolve.translit import romanize
from dragoman.store import entities as db
from dragoman.store.entities import PersonView
from dragoman.store.events import DocRow
from dragoman.textnorm import script_of

__all__ = ["DocPersons", "resolve_full_names", "resolve_bare_names", "document_date"]

TIME_SLACK_DAYS = 730  # a bare surname may attach to someone seen within two years


@dataclass
class DocPersons:
    """A document's people as resolution sees them."""

    doc: DocRow
    result: ExtractionResult
    institutions: dict[str, str]  # person local key -> org id
    date: str | None
    mapping: dict[str, str]  # person local key -> person id (filled as we go)


def document_date(doc: DocRow, result: ExtractionResult) -> str | None:
    """The day a document speaks of: its publication date, else its first event date."""
    if doc.published:
        return doc.published[:10]
    dates = sorted(e.date.start for e in result.events if e.date and e.date.start)
    return dates[0] if dates else None


def _hash_id(prefix: str, basis: str) -> str:
    return prefix + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _evidence(dp: DocPerson, doc: DocRow) -> list[dict[str, Any]]:
    return [{"document": doc.external_id, "start": e.start, "end": e.end, "text": e.text} for e in dp.evidence[:1]]


def _parsed(ctx_cache: dict[str, NameParts], name: str) -> NameParts:
    parts = ctx_cache.get(name)
    if parts is None:
        if len(ctx_cache) > 200_000:
            ctx_cache.clear()
        parts = ctx_cache[name] = parse_name(name)
    return parts


def _roles_of(ctx: Context, cand: PersonView) -> set[str]:
    return {r for r in (ctx.titles.role_of(x.title) for x in cand.roles) if r}


def _full_score(ctx: Context, parts: NameParts, dp: DocPerson, inst_id: str | None,
                cand: PersonView, agree: int) -> tuple[Any, ...] | None:
    """How well a stored person (``agree`` of whose full forms fit the name) fits; None if it cannot be them.

    A country conflict rules a candidate out unless something else vouches for
    it: the same office, the same institution, or a long name (three tokens or
    more) that agrees. (Extracted countries are sometimes the other party's.)
    """
    role = ctx.titles.role_of(dp.title)
    same_inst = bool(inst_id) and any(r.institution_id == inst_id for r in cand.roles)
    same_role = bool(role) and role in _roles_of(ctx, cand)
    if dp.country and cand.country and dp.country != cand.country:
        if not (same_inst or same_role or len(parts.tokens) >= 3):
            return None
    return (dp.country is not None and dp.country == cand.country, same_inst, same_role, agree)


def _forms_matching(s: Session, cache: dict[str, NameParts], keys: list[str], ok: Any) -> dict[str, int]:
    """{person id: number of its name forms accepted by ``ok``} among forms with these keys."""
    out: dict[str, int] = {}
    for pid, form in db.name_forms_by_keys(s, keys):
        if ok(_parsed(cache, form)):
            out[pid] = out.get(pid, 0) + 1
    return out


def _within(day: str | None, cand: PersonView) -> bool:
    """Was the candidate seen within TIME_SLACK_DAYS of ``day``? (True when unknown.)"""
    seen = sorted(d for r in cand.roles for d in (r.first_seen, r.last_seen) if d)
    if not day or not seen:
        return True
    try:
        ref = date.fromisoformat(day[:10])
        lo = date.fromisoformat((seen[0] + "-01-01")[:10]) - timedelta(days=TIME_SLACK_DAYS)
        hi = date.fromisoformat((seen[-1] + "-12-31")[:10]) + timedelta(days=TIME_SLACK_DAYS)
    except ValueError:
        return True
    return lo <= ref <= hi


def _bare_fits(ctx: Context, dp: DocPerson, inst_id: str | None, day: str | None, cand: PersonView) -> bool:
    """A bare surname may be this stored person: no conflict, and one positive sign."""
    if dp.country and cand.country and dp.country != cand.country:
        return False
    insts = {r.institution_id for r in cand.roles if r.institution_id}
    roles = _roles_of(ctx, cand)
    role = ctx.titles.role_of(dp.title)
    if inst_id and insts and inst_id not in insts:
        return False
    if role and roles and role not in roles:
        return False
    if not _within(day, cand):
        return False
    return bool((dp.country and dp.country == cand.country) or (inst_id and inst_id in insts) or (role and role in roles))


def _attach(s: Session, ctx: Context, pid: str, dp: DocPerson, parts: NameParts, info: DocPersons,
            view: PersonView | None) -> None:
    """Record a document person as ``pid``: name form, display names, role, mapping."""
    inst_id = info.institutions.get(dp.key)
    script = script_of(dp.name)
    if view is None:
        latin = dp.name if is_latin(dp.name) else romanize(dp.name)
        db.create_person(s, pid, dp.name, latin, dp.country)
        ctx.summary.persons_created += 1
    else:
        ctx.summary.persons_matched += 1
        updates: dict[str, Any] = {}
        if view.country is None and dp.country:
            updates["country"] = dp.country
        if is_latin(dp.name) and not parts.is_bare:
            current = parse_name(view.name)
            if not is_latin(view.name) or len(parts.tokens) > len(current.tokens):
                updates.update(name=dp.name, name_latin=dp.name)
            elif view.name_latin not in view.names:
                updates["name_latin"] = dp.name
        db.update_person(s, pid, **updates)
    if view is None or dp.name not in view.names:
        db.add_person_name(s, pid, dp.name, script, block_key(parts.family))
    if dp.title or inst_id or dp.organization:
        db.record_role(s, pid, dp.title, dp.organization, inst_id, dp.country, info.date, _evidence(dp, info.doc))
    info.mapping[dp.key] = pid


def _new_id(s: Session, basis: str, dp: DocPerson, info: DocPersons) -> str:
    pid = _hash_id("per_", basis)
    if db.person_exists(s, pid):  # same skeleton, judged a different person
        pid = _hash_id("per_", f"{basis}|{info.doc.external_id}|{dp.key}")
    return pid


def resolve_full_names(s: Session, ctx: Context, cache: dict[str, NameParts], info: DocPersons) -> None:
    """First pass: people named by at least a given name and a family name."""
    for dp in sorted(info.result.people, key=lambda p: p.key):
        parts = _parsed(cache, dp.name or "")
        if not parts.tokens or parts.is_bare:
            continue
        keys = sorted({k for t in (parts.family, *parts.middle) for k in blocking_keys(t)})
        inst_id = info.institutions.get(dp.key)
        agree = _forms_matching(s, cache, keys, lambda other: not other.is_bare and same_name(parts, other))
        scored = []
        for cand in db.load_person_views(s, sorted(agree)):
            score = _full_score(ctx, parts, dp, inst_id, cand, agree[cand.id])
            if score is not None:
                scored.append((score, cand))
        if scored:
            best = max(scored, key=lambda sc: (sc[0], [-ord(c) for c in sc[1].id]))[1]
            _attach(s, ctx, best.id, dp, parts, info, best)
            continue
        basis = f"{dp.country or ''}|{parts.given}|{parts.family}"
        _attach(s, ctx, _new_id(s, basis, dp, info), dp, parts, info, None)


def resolve_bare_names(s: Session, ctx: Context, cache: dict[str, NameParts], info: DocPersons) -> None:
    """Second pass: bare surnames attach only to a unique fitting candidate."""
    full_here = {dp.key: _parsed(cache, dp.name or "") for dp in info.result.people if dp.key in info.mapping}
    for dp in sorted(info.result.people, key=lambda p: p.key):
        parts = _parsed(cache, dp.name or "")
        if not parts.is_bare or dp.key in info.mapping:
            continue
        inst_id = info.institutions.get(dp.key)
        here = {info.mapping[k] for k, p in full_here.items() if surname_fits(parts, p)}
        if here:
            views = [v for v in db.load_person_views(s, sorted(here)) if not (dp.country and v.country and dp.country != v.country)]
            fits = views if len(views) == 1 else [v for v in views if _bare_fits(ctx, dp, inst_id, info.date, v)]
        else:
            named = _forms_matching(s, cache, blocking_keys(parts.family), lambda f: not f.is_bare and surname_fits(parts, f))
            fits = [c for c in db.load_person_views(s, sorted(named)) if _bare_fits(ctx, dp, inst_id, info.date, c)]
        if len(fits) == 1:
            _attach(s, ctx, fits[0].id, dp, parts, info, fits[0])
        else:
            basis = f"bare|{info.doc.external_id}|{dp.key}"
            _attach(s, ctx, _new_id(s, basis, dp, info), dp, parts, info, None)
