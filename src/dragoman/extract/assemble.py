"""Turning clusters and frames into the contract's DocPerson and DocEvent records.

This is where a person's single best title, institution and represented
country are chosen (from their own titles, then coreferent title-only
mentions, then 'his Bahraini counterpart' context, then the two sides of the
encounter), and where each event gets its evidence, date, place and
participants with roles.
"""

from __future__ import annotations

from collections import Counter

from dragoman.extract.analysis import Sent
from dragoman.extract.coref import Cluster
from dragoman.extract.names import _oblique, nominative
from dragoman.extract.events import Frame
from dragoman.extract.sentences import evidence_of
from dragoman.extract.titles import TitleInfo, institution_of
from dragoman.extract.when import granularity_of
from dragoman.models import (DocEvent, DocPerson, Evidence, EventDate, Location, Participant, Span)


def best_title(c: Cluster) -> TitleInfo | None:
    """The most informative title of a person (a real office, with a country, longest)."""
    real = [t for t in c.titles if t.role not in ("counterpart", "official")]
    pool = real or c.titles
    if not pool:
        return None
    return max(pool, key=lambda t: (t.country is not None, t.rank, len(t.text)))


def dynasty_country(name_norms: tuple, dynasties: tuple) -> str | None:
    """Gulf ruling families name their country (Al Khalifa -> BH, آل ثاني -> QA)."""
    joined = " " + " ".join(name_norms) + " "
    for phrase, iso in dynasties:
        if f" {phrase} " in joined:
            return iso
    return None


def _best_name(c: Cluster, cases: tuple):
    """The fullest mention; among equally full ones the least inflected (the nominative)."""
    if not cases:
        return c.best
    top = max(len(m.key) for m in c.mentions)
    full = [m for m in c.mentions if len(m.key) == top]
    return min(full, key=lambda m: (sum(1 for w in m.text.split() if _oblique(w, cases)), m.start))


def build_people(clusters: list[Cluster], toks, text: str, sent_spans, shared, doc_countries: list[str], dynasties: tuple = (),
                 cases: tuple = ()) -> list[DocPerson]:
    """One DocPerson per cluster, key 'p<n>'."""
    people = []
    for c in clusters:
        best = _best_name(c, cases)
        t = best_title(c)
        inst_key, inst_name = (institution_of(t, shared) if t else (None, None))
        country = t.country if t else None
        if country is None:
            country = next((x.country for x in c.titles if x.country), None)
        if country is None:
            best_norms = tuple(toks.norm[i] for i in range(best.start, best.end) if toks.is_word[i])
            country = dynasty_country(best_norms, dynasties)
        title_text = _clean_title(t.text) if t and t.role not in ("counterpart", "official") else None
        honors = []
        for m in c.mentions:
            for h in m.honorifics:
                if h not in honors:
                    honors.append(h)
        spans = [Span(toks.starts[m.start], toks.ends[m.end - 1]) for m in c.mentions]
        evid = _evidence_for(spans, text, sent_spans)
        people.append(DocPerson(key=f"p{c.idx + 1}", name=nominative(best.text, cases), honorifics=honors, title=title_text,
                                organization=inst_name, institution=inst_key, country=country,
                                mentions=spans, evidence=evid))
    return people


def _clean_title(text: str) -> str:
    for lead in ("the ", "The ", "his ", "her ", "His ", "Her "):
        if text.startswith(lead):
            text = text[len(lead):]
    return text.strip(" ,،")


def _evidence_for(spans: list[Span], text: str, sent_spans) -> list[Evidence]:
    out, seen = [], set()
    for sp in spans:
        for i, (s, e) in enumerate(sent_spans):
            if s <= sp.start < e and i not in seen:
                seen.add(i)
                out.append(evidence_of(text, (s, e)))
                break
    return out


def fill_counterparts(frames: list[Frame], people: list[DocPerson], clusters: list[Cluster]) -> None:
    """'his Bahraini counterpart X': X gets the other side's office as title."""
    for f in frames:
        for ci in f.persons:
            c = clusters[ci]
            if not c.titles or best_title(c) is None or best_title(c).role != "counterpart":
                continue
            p = people[ci]
            for other in f.persons:
                o = people[other]
                if other != ci and o.title:
                    p.title = o.title
                    if p.organization is None:
                        p.organization = o.organization
                    break


def fill_countries(frames: list[Frame], people: list[DocPerson], doc_countries: list[str],
                   context: dict[int, str], delegation: tuple[list[int], str | None], home: str | None = None) -> None:
    """Give a side to people whose office names no country.

    In order: the delegation they belong to, the country named just before
    them in their sentence, then the encounter: within a visit everyone who is
    not a visitor is a host of the visited country, and visitors come from the
    other side.
    """
    members, dcountry = delegation
    for ci, p in enumerate(people):
        if p.country is None and ci in members and dcountry:
            p.country = dcountry
        if p.country is None and ci in context:
            p.country = context[ci]
    main = [c for c, _ in Counter(doc_countries).most_common(3)]
    if home:  # the dateline's country: agency copy names its own officials without a country
        main = [home] + [c for c in main if c != home]
    by_key = {f.key: f for f in frames}
    for f in frames:
        parent = by_key.get(f.parent) if f.parent else None
        visitors = set(f.visitors) | set(parent.visitors if parent else [])
        iso = f.place[1] if f.place else None
        for ci in f.persons:
            p = people[ci]
            if p.country or (p.institution or "").startswith("org:"):
                continue  # international officials represent no country
            known = {people[c].country for c in f.persons if people[c].country}
            if iso and f.type != "phone_call" and visitors and ci not in visitors:
                p.country = iso
            elif iso and ci in visitors:
                p.country = next((c for c in known if c != iso), None) or next((c for c in main if c != iso), None)
            elif len(known) == 1 and [c for c in main if c not in known]:
                p.country = [c for c in main if c not in known][0]
            elif not known and (iso or main):
                p.country = iso or main[0]


def context_countries(clusters, sents, has_country) -> dict[int, str]:
    """The country named right before a person's first mention (no other person between)."""
    out: dict[int, str] = {}
    seen: set[int] = set()
    for st in sents:
        for k, (ci, tok) in enumerate(st.persons):
            if ci in seen:
                continue
            seen.add(ci)
            if has_country(ci):
                continue
            prev_person = st.persons[k - 1][1] if k > 0 else st.ts
            cands = [iso for iso, t in st.countries if prev_person <= t < tok and tok - t <= 20]
            if cands:
                out[ci] = cands[-1]
    return out


def build_event(f: Frame, sents: list[Sent], text: str, people: list[DocPerson], anchor: str | None,
                is_main: bool, countries_of_place) -> DocEvent:
    """A DocEvent from a frame: evidence, date, place, participants and countries."""
    evid = [evidence_of(text, (sents[i].start, sents[i].end)) for i in sorted(f.sents)]
    date = None
    if f.date is not None:
        d = f.date
        ev = evidence_of(text, (sents[f.date_sent].start, sents[f.date_sent].end)) if f.date_sent is not None else None
        date = EventDate(start=d.value, end=d.end_value, granularity=d.granularity if d.granularity in ("day", "month", "year") else granularity_of(d.value), evidence=ev)
    elif anchor and (is_main or not f.background) and f.status == "occurred":
        date = EventDate(start=anchor, granularity=granularity_of(anchor), evidence=None)
    loc = None
    if f.place is not None and f.type != "phone_call":
        name, iso, si = f.place
        loc = Location(name=name, country=iso, evidence=evidence_of(text, (sents[si].start, sents[si].end)))
    parts = []
    for ci in f.persons:
        p = people[ci]
        role = "host" if ci in f.hosts else "visitor" if ci in f.visitors else "participant"
        if role == "participant" and loc and loc.country and p.country and f.type in ("meeting", "visit"):
            role = "host" if p.country == loc.country else "visitor"
        pe = [e for e in evid if any(e.start <= m.start < e.end for m in p.mentions)] or evid[:1]
        parts.append(Participant(person=p.key, role=role, title=p.title, organization=p.organization, country=p.country, evidence=pe))
    countries = []
    for part in parts:
        if part.country and part.country not in countries:
            countries.append(part.country)
    if loc and loc.country and loc.country not in countries:
        countries.append(loc.country)
    conf = 0.9 if f.date is not None and f.date_sent is not None else 0.7
    return DocEvent(key=f.key, type=f.type, status=f.status, date=date, location=loc, participants=parts,
                    countries=countries, parent=f.parent, evidence=evid, confidence=conf)
