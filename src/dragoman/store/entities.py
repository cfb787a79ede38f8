"""SQL for people and institutions: what cross-document resolution reads and writes.

Resolution (``dragoman.resolve``) decides; this module stores. The web app,
exports and briefs use the query helpers at the bottom:

- ``role_holders(s, "Foreign Minister", country="BH", on="2025-05")``:
  who held an office at a time (answers "who was Bahrain's Foreign Minister in
  May 2025");
- ``offices_of(s, person_id)``: a person's role history;
- ``get_person`` / ``person_aliases`` / ``person_documents``.

Blocking for person matching goes through the indexed ``person_names.key``
(a family-name consonant skeleton) and ``person_name_keys`` (middle names),
never a scan of all persons.

``person_roles.evidence`` is a list of ``{document, start, end, text}`` where
``document`` is the document's *external* id (as in every export), not the
store's integer id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from dragoman.store.schema import (
    Document,
    DocumentEntity,
    EventParticipant,
    Institution,
    Person,
    PersonName,
    PersonNameKey,
    PersonRole,
)
from dragoman.textnorm import fold, normalize_for_search

__all__ = [
    "RoleView",
    "PersonView",
    "upsert_institution",
    "person_candidates",
    "name_forms_by_keys",
    "name_forms_with_keys",
    "name_keys_of",
    "role_rows",
    "find_role",
    "extend_role",
    "write_persons",
    "load_person_views",
    "person_exists",
    "existing_person_ids",
    "create_person",
    "update_person",
    "add_person_name",
    "remove_person_name",
    "record_role",
    "set_document_entities",
    "set_document_entities_many",
    "preload_institutions",
    "associates_of",
    "document_entity_map",
    "entities_for_documents",
    "retract_document_entities",
    "delete_orphan_persons",
    "merge_persons",
    "move_person_document",
    "role_holders",
    "offices_of",
    "get_person",
    "person_aliases",
    "person_documents",
]

MAX_ROLE_EVIDENCE = 50  # evidence kept per role row: first seen + most recent


@dataclass
class RoleView:
    title: str | None
    organization: str | None
    institution_id: str | None
    country: str | None
    first_seen: str | None
    last_seen: str | None


@dataclass
class PersonView:
    """A stored person with what matching needs: every name form and role."""

    id: str
    name: str
    name_latin: str | None
    country: str | None
    names: list[str] = field(default_factory=list)
    roles: list[RoleView] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(timezone.utc)


# ----------------------------------------------------------------- institutions


def upsert_institution(
    s: Session, inst_id: str, name: str, country: str | None, kind: str | None, lang: str | None, form: str | None
) -> None:
    """Create an institution or add a name form (per language) to it."""
    row = s.get(Institution, inst_id)
    if row is None:
        row = Institution(id=inst_id, name=name, country=country, kind=kind, names={})
        s.add(row)
    names = dict(row.names or {})
    if form:
        forms = list(names.get(lang or "und", []))
        if form not in forms:
            forms.append(form)
            names[lang or "und"] = forms
            row.names = names
    if row.country is None and country:
        row.country = country


# ----------------------------------------------------------------- persons


def person_candidates(s: Session, keys: list[str]) -> list[PersonView]:
    """Persons having a name form whose blocking key is in ``keys`` (indexed lookup)."""
    if not keys:
        return []
    ids = sorted(set(s.scalars(select(PersonName.person_id).where(PersonName.key.in_(keys)))))
    return load_person_views(s, ids)


def name_forms_by_keys(s: Session, keys: list[str]) -> list[tuple[str, str]]:
    """(person id, name form) of every form whose blocking key is in ``keys``.

    Cheap first step of matching: the caller filters the forms by name
    compatibility and loads full views only for the few persons that remain.
    """
    if not keys:
        return []
    q = select(PersonName.person_id, PersonName.name).where(PersonName.key.in_(keys)).order_by(PersonName.person_id, PersonName.id)
    return [(pid, name) for pid, name in s.execute(q)]


def name_forms_with_keys(s: Session, keys: list[str]) -> list[tuple[str, str, str]]:
    """(person id, name form, key) of every form whose blocking key is in ``keys``, in a stable order."""
    if not keys:
        return []
    q = (select(PersonName.person_id, PersonName.name, PersonName.key).where(PersonName.key.in_(keys))
         .order_by(PersonName.person_id, PersonName.id))
    out = [(pid, name, key) for pid, name, key in s.execute(q)]
    by_middle: dict[str, list[str]] = defaultdict(list)
    for key, pid in s.execute(select(PersonNameKey.key, PersonNameKey.person_id).where(PersonNameKey.key.in_(keys))):
        by_middle[pid].append(key)
    if by_middle:
        q2 = (select(PersonName.person_id, PersonName.name).where(PersonName.person_id.in_(sorted(by_middle)))
              .order_by(PersonName.person_id, PersonName.id))
        out += [(pid, name, key) for pid, name in s.execute(q2) for key in sorted(by_middle[pid])]
    return out


def name_keys_of(s: Session, person_ids: list[str]) -> set[tuple[str, str]]:
    """The stored (middle-name key, person id) rows of these persons."""
    if not person_ids:
        return set()
    q = select(PersonNameKey.key, PersonNameKey.person_id).where(PersonNameKey.person_id.in_(person_ids))
    return {(k, p) for k, p in s.execute(q)}


def load_person_views(s: Session, ids: list[str], with_roles: bool = True) -> list[PersonView]:
    """Persons by id with their names (and roles), in id order."""
    if not ids:
        return []
    q = select(Person.id, Person.name, Person.name_latin, Person.country).where(Person.id.in_(ids))
    views = {pid: PersonView(pid, name, latin, country) for pid, name, latin, country in s.execute(q)}
    for pid, name in s.execute(select(PersonName.person_id, PersonName.name).where(PersonName.person_id.in_(ids)).order_by(PersonName.id)):
        views[pid].names.append(name)
    if with_roles:
        roles = select(PersonRole).where(PersonRole.person_id.in_(ids)).order_by(PersonRole.id)
        for r in s.scalars(roles):
            views[r.person_id].roles.append(RoleView(r.title, r.organization, r.institution_id, r.country, r.first_seen, r.last_seen))
    return [views[i] for i in sorted(views)]


def role_rows(s: Session, ids: list[str]) -> dict[str, list[PersonRole]]:
    """{person id: its PersonRole rows (ORM objects, to be updated in place)} in id order."""
    out: dict[str, list[PersonRole]] = defaultdict(list)
    if ids:
        for r in s.scalars(select(PersonRole).where(PersonRole.person_id.in_(ids)).order_by(PersonRole.id)):
            out[r.person_id].append(r)
    return out


def find_role(rows: list[PersonRole], title: str | None, institution_id: str | None, country: str | None) -> PersonRole | None:
    """The role row of the same (title, institution, country), if any."""
    key = (fold(title or ""), institution_id, country)
    return next((r for r in rows if (fold(r.title or ""), r.institution_id, r.country) == key), None)


def extend_role(row: PersonRole, organization: str | None, date: str | None, evidence: list[dict[str, Any]]) -> None:
    """One more sighting of a role: widen first/last seen, add evidence."""
    if date:
        row.first_seen = min(filter(None, [row.first_seen, date]))
        row.last_seen = max(filter(None, [row.last_seen, date]))
    if organization and not row.organization:
        row.organization = organization
    row.evidence = _merge_evidence(row.evidence or [], evidence)


def write_persons(s: Session, created: list[dict[str, Any]], updates: dict[str, dict[str, Any]],
                  names: list[dict[str, Any]], roles: list[PersonRole], keys: list[tuple[str, str]] = ()) -> None:
    """A batch's new persons, display-name/country updates, new name forms, middle-name keys and role rows, in bulk."""
    now = _now()
    if created:
        s.execute(insert(Person), [dict(r, updated_at=now) for r in created])
    for pid, values in sorted(updates.items()):
        s.execute(update(Person).where(Person.id == pid).values(updated_at=now, **values))
    if names:
        s.execute(insert(PersonName), [dict(n, search=normalize_for_search(n["name"])) for n in names])
    if keys:
        s.execute(insert(PersonNameKey), [{"key": k, "person_id": p} for k, p in sorted(set(keys))])
    if roles:
        s.add_all(roles)
    s.flush()


def existing_person_ids(s: Session, ids: list[str]) -> set[str]:
    """Those of the ids that are stored persons (one query per 500)."""
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        out.update(s.scalars(select(Person.id).where(Person.id.in_(ids[i : i + 500]))))
    return out


def person_exists(s: Session, person_id: str) -> bool:
    """Asked of the database, not the identity map (rows may have been deleted in bulk)."""
    return s.scalar(select(Person.id).where(Person.id == person_id)) is not None


def create_person(s: Session, person_id: str, name: str, name_latin: str | None, country: str | None) -> None:
    s.add(Person(id=person_id, name=name, name_latin=name_latin, country=country, updated_at=_now()))
    s.flush()


def update_person(s: Session, person_id: str, **values: Any) -> None:
    """Set the given columns (name, name_latin, country) of a person."""
    if values:
        s.execute(update(Person).where(Person.id == person_id).values(updated_at=_now(), **values))


def add_person_name(s: Session, person_id: str, name: str, script: str, key: str | None) -> bool:
    """Record a name form; returns False when the person already had it."""
    exists = s.scalar(select(PersonName.id).where(PersonName.person_id == person_id, PersonName.name == name))
    if exists is not None:
        return False
    s.add(PersonName(person_id=person_id, name=name, script=script, key=key, search=normalize_for_search(name)))
    s.flush()
    return True


def remove_person_name(s: Session, person_id: str, name: str) -> None:
    s.execute(delete(PersonName).where(PersonName.person_id == person_id, PersonName.name == name))


def _merge_evidence(old: list[Any], new: list[Any]) -> list[Any]:
    seen = {(e.get("document"), e.get("start")) for e in old}
    out = list(old) + [e for e in new if (e.get("document"), e.get("start")) not in seen]
    if len(out) > MAX_ROLE_EVIDENCE:
        out = out[:1] + out[-(MAX_ROLE_EVIDENCE - 1) :]
    return out


def record_role(
    s: Session,
    person_id: str,
    title: str | None,
    organization: str | None,
    institution_id: str | None,
    country: str | None,
    date: str | None,
    evidence: list[dict[str, Any]],
) -> None:
    """Add one sighting of (title, institution, country) to a person's role history."""
    rows = s.scalars(select(PersonRole).where(PersonRole.person_id == person_id)).all()
    row = find_role(list(rows), title, institution_id, country)
    if row is None:
        s.add(PersonRole(person_id=person_id, title=title, organization=organization, institution_id=institution_id,
                         country=country, first_seen=date, last_seen=date, evidence=list(evidence)))
        return
    extend_role(row, organization, date, evidence)


def set_document_entities(s: Session, document_id: int, mapping: dict[str, tuple[str, str]], replace: bool = True) -> None:
    """Map a document's local keys to global ids: {local_key: (kind, entity_id)} (replacing old rows)."""
    if replace:
        s.execute(delete(DocumentEntity).where(DocumentEntity.document_id == document_id))
    rows = [{"document_id": document_id, "local_key": k, "kind": kind, "entity_id": eid} for k, (kind, eid) in sorted(mapping.items())]
    if rows:
        s.execute(insert(DocumentEntity), rows)


def set_document_entities_many(s: Session, mappings: dict[int, dict[str, tuple[str, str]]]) -> None:
    """Insert several documents' {local_key: (kind, entity_id)} maps (their old rows already retracted)."""
    rows = [{"document_id": d, "local_key": k, "kind": kind, "entity_id": eid}
            for d in sorted(mappings) for k, (kind, eid) in sorted(mappings[d].items())]
    if rows:
        s.execute(insert(DocumentEntity), rows)


def associates_of(s: Session, person_id: str, recent: int = 200) -> set[str]:
    """Persons named in the same documents as ``person_id`` (its ``recent`` latest documents)."""
    docs = (select(DocumentEntity.document_id).where(DocumentEntity.entity_id == person_id)
            .order_by(DocumentEntity.document_id.desc()).limit(recent).scalar_subquery())
    q = select(DocumentEntity.entity_id).where(DocumentEntity.document_id.in_(docs), DocumentEntity.kind == "person",
                                               DocumentEntity.entity_id != person_id).distinct()
    return set(s.scalars(q))


def preload_institutions(s: Session, ids: list[str]) -> None:
    """Bring these institutions into the session (later ``upsert_institution`` calls find them there)."""
    for i in range(0, len(ids), 500):
        s.scalars(select(Institution).where(Institution.id.in_(ids[i : i + 500]))).all()


def document_entity_map(s: Session, document_id: int, kind: str | None = None) -> dict[str, str]:
    q = select(DocumentEntity.local_key, DocumentEntity.entity_id).where(DocumentEntity.document_id == document_id)
    if kind:
        q = q.where(DocumentEntity.kind == kind)
    return dict(s.execute(q).all())


def entities_for_documents(s: Session, document_ids: list[int]) -> dict[int, dict[str, str]]:
    """{document_id: {local_key: person_id}} for several documents at once."""
    out: dict[int, dict[str, str]] = defaultdict(dict)
    if document_ids:
        q = select(DocumentEntity.document_id, DocumentEntity.local_key, DocumentEntity.entity_id).where(
            DocumentEntity.document_id.in_(document_ids), DocumentEntity.kind == "person"
        )
        for doc_id, key, eid in s.execute(q):
            out[doc_id][key] = eid
    return out


def _strip_role_evidence(s: Session, person_ids: list[str], external_id: str) -> None:
    for role in s.scalars(select(PersonRole).where(PersonRole.person_id.in_(person_ids))).all():
        kept = [e for e in role.evidence or [] if e.get("document") != external_id]
        if len(kept) == len(role.evidence or []):
            continue
        if kept:
            role.evidence = kept
        else:
            s.delete(role)


def retract_document_entities(s: Session, document_id: int, external_id: str) -> list[str]:
    """Forget what a document contributed to people; returns the persons it touched."""
    rows = s.execute(
        select(DocumentEntity.entity_id).where(DocumentEntity.document_id == document_id, DocumentEntity.kind == "person")
    ).scalars().all()
    person_ids = sorted(set(rows))
    if person_ids:
        _strip_role_evidence(s, person_ids, external_id)
    s.execute(delete(DocumentEntity).where(DocumentEntity.document_id == document_id))
    return person_ids


def delete_orphan_persons(s: Session, person_ids: list[str]) -> int:
    """Delete those of ``person_ids`` that no document mentions any more."""
    if not person_ids:
        return 0
    used = set(s.scalars(select(DocumentEntity.entity_id).where(DocumentEntity.entity_id.in_(person_ids))))
    gone = [p for p in person_ids if p not in used]
    if gone:
        s.execute(delete(EventParticipant).where(EventParticipant.person_id.in_(gone)))
        s.execute(delete(PersonName).where(PersonName.person_id.in_(gone)))
        s.execute(delete(PersonNameKey).where(PersonNameKey.person_id.in_(gone)))
        s.execute(delete(PersonRole).where(PersonRole.person_id.in_(gone)))
        s.execute(delete(Person).where(Person.id.in_(gone)))
        for pid in gone:
            stale = s.identity_map.get(s.identity_key(Person, pid)) if hasattr(s, "identity_key") else None
            if stale is not None:
                s.expunge(stale)
    return len(gone)


def _move_participation(s: Session, src: str, dst: str, external_id: str | None) -> None:
    """Move event participation from ``src`` to ``dst`` (all, or one document's)."""
    for row in s.scalars(select(EventParticipant).where(EventParticipant.person_id == src)).all():
        docs = list(row.documents or [])
        moving = docs if external_id is None else [d for d in docs if d == external_id]
        if not moving:
            continue
        target = s.scalar(select(EventParticipant).where(EventParticipant.event_id == row.event_id, EventParticipant.person_id == dst))
        if target is None:
            s.add(EventParticipant(event_id=row.event_id, person_id=dst, role=row.role, title=row.title,
                                   organization=row.organization, country=row.country, documents=sorted(moving)))
        else:
            target.documents = sorted(set(target.documents or []) | set(moving))
        rest = [d for d in docs if d not in moving]
        if rest:
            row.documents = rest
        else:
            s.delete(row)
        s.flush()


def merge_persons(s: Session, keep: str, gone: str) -> bool:
    """Fold person ``gone`` into ``keep`` (analyst correction); False if either is missing."""
    if keep == gone or not person_exists(s, keep) or not person_exists(s, gone):
        return False
    s.execute(update(DocumentEntity).where(DocumentEntity.entity_id == gone).values(entity_id=keep))
    for n in s.scalars(select(PersonName).where(PersonName.person_id == gone)).all():
        add_person_name(s, keep, n.name, n.script or "latin", n.key)
    have = name_keys_of(s, [keep])
    moved = [{"key": k, "person_id": keep} for k, _ in sorted(name_keys_of(s, [gone])) if (k, keep) not in have]
    if moved:
        s.execute(insert(PersonNameKey), moved)
    for r in s.scalars(select(PersonRole).where(PersonRole.person_id == gone)).all():
        s.add(PersonRole(person_id=keep, title=r.title, organization=r.organization, institution_id=r.institution_id,
                         country=r.country, first_seen=r.first_seen, last_seen=r.last_seen, evidence=r.evidence))
    _move_participation(s, gone, keep, None)
    delete_orphan_persons(s, [gone])
    return True


def move_person_document(s: Session, src: str, dst: str, document_id: int, external_id: str, local_keys: list[str]) -> None:
    """Re-point one document's mentions of ``src`` (the given local keys) to ``dst``."""
    s.execute(
        update(DocumentEntity)
        .where(DocumentEntity.document_id == document_id, DocumentEntity.local_key.in_(local_keys))
        .values(entity_id=dst)
    )
    for r in s.scalars(select(PersonRole).where(PersonRole.person_id == src)).all():
        mine = [e for e in r.evidence or [] if e.get("document") == external_id]
        if not mine:
            continue
        record_role(s, dst, r.title, r.organization, r.institution_id, r.country, r.first_seen, mine)
        rest = [e for e in r.evidence if e.get("document") != external_id]
        if rest:
            r.evidence = rest
        else:
            s.delete(r)
    _move_participation(s, src, dst, external_id)


# ----------------------------------------------------------------- queries


def _month_bounds(on: str) -> tuple[str, str]:
    """(first, last) ISO day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    if len(on) == 4:
        return on + "-01-01", on + "-12-31"
    if len(on) == 7:
        return on + "-01", on + "-31"
    return on, on


def role_holders(s: Session, title: str, country: str | None = None, on: str | None = None) -> list[dict[str, Any]]:
    """Who held an office (title words, e.g. "Foreign Minister") in a country at a time.

    A role row matches when every word of ``title`` (normalised) appears in its
    title or organisation, and its [first_seen, last_seen] interval overlaps
    ``on`` (a year, month or day). Most recently seen holders first.
    """
    words = normalize_for_search(title).split()
    q = select(PersonRole, Person).join(Person, Person.id == PersonRole.person_id)
    if country:
        q = q.where(PersonRole.country == country)
    if on:
        lo, hi = _month_bounds(on)
        q = q.where(PersonRole.first_seen <= hi, PersonRole.last_seen >= lo)
    out = []
    for role, person in s.execute(q):
        hay = normalize_for_search(f"{role.title or ''} {role.organization or ''}").split()
        if all(w in hay for w in words):
            out.append({"person_id": person.id, "name": person.name, "name_latin": person.name_latin,
                        "title": role.title, "organization": role.organization, "institution_id": role.institution_id,
                        "country": role.country, "first_seen": role.first_seen, "last_seen": role.last_seen,
                        "evidence": role.evidence})
    out.sort(key=lambda r: (r["last_seen"] or "", r["person_id"]), reverse=True)
    return out


def offices_of(s: Session, person_id: str) -> list[dict[str, Any]]:
    """A person's role history, oldest first: title, institution, country, first/last seen, evidence."""
    q = select(PersonRole).where(PersonRole.person_id == person_id)
    rows = sorted(s.scalars(q), key=lambda r: (r.first_seen or "", r.id))
    return [{"title": r.title, "organization": r.organization, "institution_id": r.institution_id, "country": r.country,
             "first_seen": r.first_seen, "last_seen": r.last_seen, "evidence": r.evidence} for r in rows]


def get_person(s: Session, person_id: str) -> Person | None:
    return s.get(Person, person_id)


def person_aliases(s: Session, person_id: str) -> list[str]:
    q = select(PersonName.name).where(PersonName.person_id == person_id).order_by(PersonName.id)
    return list(s.scalars(q))


def person_documents(s: Session, person_id: str) -> list[str]:
    """External ids of the documents that mention a person, sorted."""
    q = (
        select(Document.external_id)
        .join(DocumentEntity, DocumentEntity.document_id == Document.id)
        .where(DocumentEntity.entity_id == person_id)
        .distinct()
    )
    return sorted(s.scalars(q))
