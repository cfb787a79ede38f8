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
- The display name (``name``/``name_latin``) is the best Latin form seen: plain
  English spelling (ASCII) before national alphabets ("Farid Hajiyev" before
  "Fərid Hacıyev"), then the longer form.

A batch works against a ``PersonStore``: the name forms under every blocking
key the batch needs, and the persons behind them, are loaded in a few queries;
matching then reads and updates memory, and the batch's new persons, names
and roles are written in bulk at the end.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from dragoman.models import DocPerson, ExtractionResult
from dragoman.resolve.context import Context
from dragoman.resolve.names import NameParts, block_key, blocking_keys, is_latin, middle_keys, parse_name, same_name, surname_fits
from dragoman.resolve.translit import romanize
from dragoman.store import entities as db
from dragoman.store.entities import PersonView, RoleView
from dragoman.store.schema import PersonRole
from dragoman.store.events import DocRow
from dragoman.textnorm import script_of

__all__ = ["DocPersons", "PersonStore", "resolve_full_names", "resolve_bare_names", "document_date", "batch_keys", "prefetch"]

TIME_SLACK_DAYS = 730  # a bare surname may attach to someone seen within two years


@dataclass
class DocPersons:
    """A document's people as resolution sees them."""

    doc: DocRow
    result: ExtractionResult
    institutions: dict[str, str]  # person local key -> org id
    date: str | None
    mapping: dict[str, str]  # person local key -> person id (filled as we go)
    countries: frozenset[str] = frozenset()  # countries the document speaks of (its events' and people's)


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
                cand: PersonView, agree: int, doc_countries: frozenset[str] = frozenset()) -> tuple[tuple[Any, ...], bool] | None:
    """How well a stored person (``agree`` of whose full forms fit the name) fits; None if it cannot be them.

    Returns (score, needs corroboration). A country conflict rules a candidate
    out unless something vouches for it: the same office, the same institution,
    or a long name (three tokens or more) that agrees. When only the fact that
    the candidate's country is the other party of this very report speaks for
    it (extracted countries are sometimes the other party's), the match needs
    corroboration: the candidate must already have been named together with
    someone this report names (checked by the caller).
    """
    role = ctx.titles.role_of(dp.title)
    cand_roles = _roles_of(ctx, cand)
    cand_insts = {r.institution_id for r in cand.roles if r.institution_id}
    same_inst = bool(inst_id) and inst_id in cand_insts
    same_role = bool(role) and role in cand_roles
    needs = False
    if dp.country and cand.country and dp.country != cand.country:
        if not (same_inst or same_role or len(parts.tokens) >= 3):
            inst_conflict = bool(inst_id and cand_insts and not same_inst)  # titles are too loosely worded to veto
            if cand.country not in doc_countries or inst_conflict:
                return None
            needs = True
    return (dp.country is not None and dp.country == cand.country, same_inst, same_role, agree), needs


class PersonStore:
    """The persons a batch may touch, in memory; ``flush`` writes what the batch added."""

    def __init__(self, s: Session, cache: dict[str, NameParts] | None = None) -> None:
        self.s = s
        self.cache = cache if cache is not None else {}
        self.by_given: dict[str, dict[str | None, list[tuple[str, str]]]] = {}  # key -> given skeleton -> forms
        self.db_forms: dict[str, list[tuple[str, str]]] = {}  # key -> [(person id, form)] as stored
        self.pending_forms: dict[str, list[tuple[str, str]]] = {}
        self.views: dict[str, PersonView] = {}
        self.roles: dict[str, list[PersonRole]] = {}
        self.known: dict[str, bool] = {}
        self.new_persons: list[dict[str, Any]] = []
        self.new_by_id: dict[str, dict[str, Any]] = {}
        self.new_names: list[dict[str, Any]] = []
        self.new_roles: list[PersonRole] = []
        self.name_keys: set[tuple[str, str]] = set()  # (middle-name key, person id) stored or pending
        self.new_keys: list[tuple[str, str]] = []
        self.stored_associates: dict[str, set[str]] = {}
        self.batch_associates: dict[str, set[str]] = {}
        self.updates: dict[str, dict[str, Any]] = {}

    def preload(self, keys: set[str]) -> None:
        """Load every stored form under these blocking keys (persons are loaded when a form fits)."""
        missing = sorted(k for k in keys if k not in self.db_forms)
        for k in missing:
            self.db_forms[k] = []
        for i in range(0, len(missing), 500):
            for pid, form, key in db.name_forms_with_keys(self.s, missing[i : i + 500]):
                self.db_forms[key].append((pid, form))

    def load_views(self, ids: list[str]) -> None:
        missing = [i for i in ids if i not in self.views]
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            for v in db.load_person_views(self.s, chunk, with_roles=False):
                self.views[v.id] = v
                self.known[v.id] = True
            self.name_keys |= db.name_keys_of(self.s, chunk)
            for pid, rows in db.role_rows(self.s, chunk).items():
                self.roles[pid] = rows
            for pid in chunk:
                self.roles.setdefault(pid, [])
                if pid in self.views:
                    self._refresh_roles(pid)

    def _refresh_roles(self, pid: str) -> None:
        self.views[pid].roles = [RoleView(r.title, r.organization, r.institution_id, r.country, r.first_seen, r.last_seen)
                                 for r in self.roles.get(pid, [])]

    def forms(self, keys: list[str]) -> list[tuple[str, str]]:
        """(person id, form) under these keys, stored ones first, in a stable order."""
        self.preload(set(keys))
        out: list[tuple[str, str]] = []
        for k in sorted(set(keys)):
            out += self.db_forms.get(k, [])
            out += self.pending_forms.get(k, [])
        return out

    def forms_with_given(self, keys: list[str], given: str | None) -> list[tuple[str, str]]:
        """Like ``forms`` but only forms whose given name has this skeleton (what ``same_name`` needs)."""
        self.preload(set(keys))
        out: list[tuple[str, str]] = []
        for k in sorted(set(keys)):
            idx = self.by_given.get(k)
            if idx is None:
                idx = self.by_given[k] = {}
                for pid, form in self.db_forms.get(k, []) + self.pending_forms.get(k, []):
                    idx.setdefault(_parsed(self.cache, form).given, []).append((pid, form))
            out += idx.get(given, [])
        return out

    def _pend(self, key: str, pid: str, form: str) -> None:
        self.pending_forms.setdefault(key, []).append((pid, form))
        idx = self.by_given.get(key)
        if idx is not None:
            idx.setdefault(_parsed(self.cache, form).given, []).append((pid, form))

    def mark_known(self, found: set[str], asked: set[str]) -> None:
        for pid in asked:
            self.known.setdefault(pid, pid in found)

    def get_views(self, ids: list[str]) -> list[PersonView]:
        self.load_views(sorted(ids))
        return [self.views[i] for i in sorted(ids) if i in self.views]

    def exists(self, pid: str) -> bool:
        if pid not in self.known:
            self.known[pid] = db.person_exists(self.s, pid)
        return self.known[pid]

    def create(self, pid: str, name: str, latin: str | None, country: str | None) -> PersonView:
        view = PersonView(pid, name, latin, country)
        self.views[pid] = view
        self.roles[pid] = []
        self.known[pid] = True
        row = {"id": pid, "name": name, "name_latin": latin, "country": country}
        self.new_persons.append(row)
        self.new_by_id[pid] = row
        return view

    def update(self, pid: str, **values: Any) -> None:
        if not values:
            return
        view = self.views[pid]
        for k, v in values.items():
            setattr(view, k, v)
        row = self.new_by_id.get(pid)
        if row is not None:
            row.update(values)
        else:
            self.updates.setdefault(pid, {}).update(values)

    def add_name(self, pid: str, name: str, script: str, key: str | None, middle: list[str] = ()) -> None:
        view = self.views[pid]
        if name in view.names:
            return
        view.names.append(name)
        self.new_names.append({"person_id": pid, "name": name, "script": script, "key": key})
        if key:
            self._pend(key, pid, name)
        for mk in middle:
            if (mk, pid) not in self.name_keys:
                self.name_keys.add((mk, pid))
                self.new_keys.append((mk, pid))
            # every form of the person is a candidate under the middle key (as the stored lookup gives)
            for form in view.names:
                if (pid, form) not in self.pending_forms.get(mk, []):
                    self._pend(mk, pid, form)

    def record_role(self, pid: str, title: str | None, organization: str | None, institution_id: str | None,
                    country: str | None, day: str | None, evidence: list[dict[str, Any]]) -> None:
        rows = self.roles.setdefault(pid, [])
        row = db.find_role(rows, title, institution_id, country)
        if row is None:
            row = PersonRole(person_id=pid, title=title, organization=organization, institution_id=institution_id,
                             country=country, first_seen=day, last_seen=day, evidence=list(evidence))
            rows.append(row)
            self.new_roles.append(row)
        else:
            db.extend_role(row, organization, day, evidence)
        self._refresh_roles(pid)

    def associates(self, pid: str) -> set[str]:
        """Persons named in the same documents as ``pid`` (its recent documents in the store, and this batch's)."""
        if pid not in self.stored_associates:
            self.stored_associates[pid] = db.associates_of(self.s, pid) if self.known.get(pid) and pid not in self.new_by_id else set()
        return self.stored_associates[pid] | self.batch_associates.get(pid, set())

    def note_together(self, pids: set[str]) -> None:
        """These persons were named in one document of the batch."""
        for pid in pids:
            self.batch_associates.setdefault(pid, set()).update(pids - {pid})

    def flush(self) -> None:
        """Write the batch's new persons, names, roles and display-name changes."""
        db.write_persons(self.s, self.new_persons, self.updates, self.new_names, self.new_roles, self.new_keys)
        self.new_persons, self.new_names, self.new_roles, self.updates, self.new_by_id = [], [], [], {}, {}
        self.new_keys = []
        for k, forms in self.pending_forms.items():
            if k in self.db_forms:
                self.db_forms[k] += forms
        self.pending_forms = {}



def _forms_matching(ps: PersonStore, cache: dict[str, NameParts], keys: list[str], ok: Any,
                    given: str | None = None) -> dict[str, int]:
    """{person id: number of its name forms accepted by ``ok``} among forms with these keys (and this given name)."""
    out: dict[str, int] = {}
    for pid, form in (ps.forms_with_given(keys, given) if given else ps.forms(keys)):
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


def _latin_rank(cache: dict[str, NameParts], name: str | None) -> tuple[bool, int]:
    """How good a display form is: plain English spelling first, then more name tokens."""
    if not name or not is_latin(name):
        return (False, -1)
    return (name.isascii(), len(_parsed(cache, name).tokens))


def _attach(ps: PersonStore, ctx: Context, cache: dict[str, NameParts], pid: str, dp: DocPerson, parts: NameParts,
            info: DocPersons, view: PersonView | None) -> None:
    """Record a document person as ``pid``: name form, display names, role, mapping."""
    inst_id = info.institutions.get(dp.key)
    script = script_of(dp.name)
    if view is None:
        latin = dp.name if is_latin(dp.name) else romanize(dp.name)
        view = ps.create(pid, dp.name, latin, dp.country)
        ctx.summary.persons_created += 1
    else:
        ctx.summary.persons_matched += 1
        updates: dict[str, Any] = {}
        if view.country is None and dp.country:
            updates["country"] = dp.country
        if is_latin(dp.name) and not parts.is_bare:
            if not is_latin(view.name) or _latin_rank(cache, dp.name) > _latin_rank(cache, view.name):
                updates.update(name=dp.name, name_latin=dp.name)
            elif view.name_latin not in view.names:
                updates["name_latin"] = dp.name
        ps.update(pid, **updates)
    ps.add_name(pid, dp.name, script, block_key(parts.family), middle_keys(parts))
    if dp.title or inst_id or dp.organization:
        ps.record_role(pid, dp.title, dp.organization, inst_id, dp.country, info.date, _evidence(dp, info.doc))
    info.mapping[dp.key] = pid


def _new_id(ps: PersonStore, basis: str, dp: DocPerson, info: DocPersons) -> str:
    pid = _hash_id("per_", basis)
    if ps.exists(pid):  # same skeleton, judged a different person
        pid = _hash_id("per_", f"{basis}|{info.doc.external_id}|{dp.key}")
    return pid


def _full_keys(parts: NameParts) -> list[str]:
    return sorted({k for t in (parts.family, *parts.middle) for k in blocking_keys(t)})


def prefetch(ps: PersonStore, cache: dict[str, NameParts], infos: list[DocPersons]) -> None:
    """Load, in one go, the stored persons any of the batch's names could attach to."""
    ps.preload(batch_keys(cache, infos))
    wanted: set[str] = set()
    for info in infos:
        for dp in info.result.people:
            parts = _parsed(cache, dp.name or "")
            if not parts.tokens:
                continue
            if parts.is_bare:
                wanted |= set(_forms_matching(ps, cache, blocking_keys(parts.family),
                                              lambda f, parts=parts: bool(f.given) and surname_fits(parts, f)))
            else:
                wanted |= set(_forms_matching(ps, cache, _full_keys(parts), lambda f, parts=parts: same_name(parts, f),
                                              parts.given))
    ps.load_views(sorted(wanted))
    asked = set()
    for info in infos:
        for dp in info.result.people:
            parts = _parsed(cache, dp.name or "")
            if parts.tokens and not parts.is_bare:
                asked.add(_hash_id("per_", _full_basis(dp, parts)))
            elif parts.tokens:
                asked.add(_hash_id("per_", f"bare|{info.doc.external_id}|{dp.key}"))
    asked -= set(ps.known)
    ps.mark_known(db.existing_person_ids(ps.s, sorted(asked)), asked)


def _full_basis(dp: DocPerson, parts: NameParts) -> str:
    return f"{dp.country or ''}|{parts.given}|{parts.family}"


def batch_keys(cache: dict[str, NameParts], infos: list[DocPersons]) -> set[str]:
    """Every blocking key the batch's people will look up (loaded in one go)."""
    keys: set[str] = set()
    for info in infos:
        for dp in info.result.people:
            parts = _parsed(cache, dp.name or "")
            if not parts.tokens:
                continue
            keys.update(blocking_keys(parts.family) if parts.is_bare else _full_keys(parts))
    return keys


def resolve_full_names(ps: PersonStore, ctx: Context, cache: dict[str, NameParts], info: DocPersons) -> None:
    """First pass: people named by at least a given name and a family name.

    A name whose only candidates carry the other party's country is decided
    last, once the document's other people are known: it joins the candidate
    only if that person was named before together with one of them.
    """
    deferred = []
    for dp in sorted(info.result.people, key=lambda p: p.key):
        parts = _parsed(cache, dp.name or "")
        if not parts.tokens or parts.is_bare:
            continue
        inst_id = info.institutions.get(dp.key)
        agree = _forms_matching(ps, cache, _full_keys(parts), lambda other: same_name(parts, other), parts.given)
        sure, unsure = [], []
        for cand in ps.get_views(sorted(agree)):
            fit = _full_score(ctx, parts, dp, inst_id, cand, agree[cand.id], info.countries)
            if fit is not None:
                (unsure if fit[1] else sure).append((fit[0], cand))
        if sure:
            best = max(sure, key=lambda sc: (sc[0], [-ord(c) for c in sc[1].id]))[1]
            _attach(ps, ctx, cache, best.id, dp, parts, info, best)
        elif unsure:
            deferred.append((dp, parts, unsure))
        else:
            _attach(ps, ctx, cache, _new_id(ps, _full_basis(dp, parts), dp, info), dp, parts, info, None)
    for dp, parts, unsure in deferred:
        peers = set(info.mapping.values())
        vouched = [sc for sc in unsure if ps.associates(sc[1].id) & peers]
        if vouched:
            best = max(vouched, key=lambda sc: (sc[0], [-ord(c) for c in sc[1].id]))[1]
            _attach(ps, ctx, cache, best.id, dp, parts, info, best)
        else:
            _attach(ps, ctx, cache, _new_id(ps, _full_basis(dp, parts), dp, info), dp, parts, info, None)
    ps.note_together(set(info.mapping.values()))


def resolve_bare_names(ps: PersonStore, ctx: Context, cache: dict[str, NameParts], info: DocPersons) -> None:
    """Second pass: bare surnames attach only to a unique fitting candidate."""
    full_here = {dp.key: _parsed(cache, dp.name or "") for dp in info.result.people if dp.key in info.mapping}
    for dp in sorted(info.result.people, key=lambda p: p.key):
        parts = _parsed(cache, dp.name or "")
        if not parts.is_bare or dp.key in info.mapping:
            continue
        inst_id = info.institutions.get(dp.key)
        here = {info.mapping[k] for k, p in full_here.items() if surname_fits(parts, p)}
        if here:
            views = [v for v in ps.get_views(sorted(here)) if not (dp.country and v.country and dp.country != v.country)]
            fits = views if len(views) == 1 else [v for v in views if _bare_fits(ctx, dp, inst_id, info.date, v)]
        else:
            named = _forms_matching(ps, cache, blocking_keys(parts.family), lambda f: bool(f.given) and surname_fits(parts, f))
            fits = [c for c in ps.get_views(sorted(named)) if _bare_fits(ctx, dp, inst_id, info.date, c)]
        if len(fits) == 1:
            _attach(ps, ctx, cache, fits[0].id, dp, parts, info, fits[0])
        else:
            basis = f"bare|{info.doc.external_id}|{dp.key}"
            _attach(ps, ctx, cache, _new_id(ps, basis, dp, info), dp, parts, info, None)
