"""Agreements, milestones and commitments a report mentions.

- Agreements: an agreement noun (Memorandum of Understanding, protocol,
  مذكرة تفاهم, меморандум...) with its title read to the end of the clause,
  the parties named in that title (countries as ISO codes, institutions by
  name), a date from the sentence or the signing event, and a status: signed
  (a signing verb), planned (a plan cue) or mentioned.
- Milestones: anniversaries, the establishment of relations, chairmanships,
  with the date named next to them.
- Commitments: what the sides agreed to do (reciprocal visits, regular
  consultations, the next round in Baku, an invitation), with a due date when given.
Cue words are language data (triggers.json "milestones"/"commitments").
"""

from __future__ import annotations

from dragoman.extract.events import AGREEMENT_NOUNS, SIGN_WORDS
from dragoman.extract.sentences import evidence_of
from dragoman.models import Agreement, Commitment, Milestone

CLAUSE_END = frozenset({",", "،", ";", "؛", ".", "(", ")", "\"", "“", "”"})
MAX_TITLE = 45


def find(sents, text, toks, pack, doc, events):
    """(agreements, milestones, commitments) of one document."""
    agreements, milestones, commitments = [], [], []
    seen_titles: set[str] = set()
    for st in sents:
        if st.quoted:
            continue
        ev = evidence_of(text, (st.start, st.end))
        for a in _agreements(st, toks, text):
            key = a.title.casefold()
            if key in seen_titles:
                continue
            seen_titles.add(key)
            a.evidence = [ev]
            agreements.append(a)
        for group, kind, tok in st.marks:
            date = _near_date(st, toks, tok)
            countries = _countries(st)
            what = _clause(toks, text, tok, st)
            if group == "milestone":
                milestones.append(Milestone(what=what, kind=kind, date=date, countries=countries, evidence=[ev]))
            else:
                commitments.append(Commitment(text=what, kind=kind, countries=countries, due=date, evidence=[ev]))
    _dedupe(milestones, lambda m: (m.kind, m.date))
    _dedupe(commitments, lambda c: (c.kind, c.text))
    _title_agreement_events(events, agreements)
    for ev in events:
        if ev.type == "agreement" and ev.date and ev.date.start:
            for a in agreements:
                if a.title == ev.title and a.date is None:
                    a.date = ev.date.start
    return agreements, milestones, commitments


def _agreements(st, toks, text):
    out = []
    for type_, pos, _, end in st.triggers:
        if type_ != "agreement" or toks.norm[pos] in SIGN_WORDS or toks.norm[pos] not in _HEADS:
            continue
        if _refers_back(toks, pos, st):
            continue
        stop = pos
        while stop < st.te and stop - pos < MAX_TITLE and toks.raw[stop] not in CLAUSE_END:
            stop += 1
        title = text[toks.starts[pos] : toks.ends[stop - 1]] if stop > pos else toks.raw[pos]
        signed = any(toks.norm[p] in SIGN_WORDS for t, p, _, _ in st.triggers if t == "agreement")
        status = "signed" if signed else "planned" if st.has("planned") else "mentioned"
        parties = []
        for iso, t in st.countries:
            if pos <= t < stop and iso not in parties:
                parties.append(iso)
        date = _near_date(st, toks, pos)
        out.append(Agreement(title=title.strip(), date=date, parties=parties, status=status))
    return out


_HEADS = AGREEMENT_NOUNS | {"مذكره", "اتفاقيه", "اتفاق", "بروتوكول", "برنامج", "memorandumu", "saziş", "protokol",
                            "меморандум", "соглашение", "протокол", "договор", "plan", "mou"}


def _refers_back(toks, pos, st) -> bool:
    """'the memorandum', 'مذكرة التفاهم': a definite mention of an agreement named before."""
    nxt = toks.raw[pos + 1] if pos + 1 < st.te else ""
    if toks.raw[pos].startswith("ال") or nxt.startswith("ال") and toks.norm[pos] == "مذكره":
        return True
    prev = toks.norm[pos - 1] if pos > st.ts else ""
    return prev in ("the", "this", "that", "new") and toks.norm[pos + 1 if pos + 1 < st.te else pos] not in ("of", "on", "between")


def _near_date(st, toks, tok):
    best, dist = None, 10**9
    for d in st.dates:
        if not d.value:
            continue
        gap = abs(toks.index_at(d.start) - tok)
        if gap < dist:
            best, dist = d.value, gap
    return best


def _countries(st):
    out = []
    for iso, _ in st.countries:
        if iso not in out:
            out.append(iso)
    return out


def _clause(toks, text, tok, st) -> str:
    """The clause around a cue: from the previous clause mark to the next one."""
    s = tok
    while s > st.ts and toks.raw[s - 1] not in CLAUSE_END:
        s -= 1
    e = tok
    while e < st.te and toks.raw[e] not in CLAUSE_END:
        e += 1
    return text[toks.starts[s] : toks.ends[max(e, tok + 1) - 1]].strip()


def _dedupe(items, key) -> None:
    seen, keep = set(), []
    for it in items:
        k = key(it)
        if k not in seen:
            seen.add(k)
            keep.append(it)
    items[:] = keep


def _title_agreement_events(events, agreements) -> None:
    """An agreement event takes the title of the agreement signed in its sentence."""
    for ev in events:
        if ev.type != "agreement" or ev.title:
            continue
        for a in agreements:
            if any(e.start <= a.evidence[0].start < e.end or a.evidence[0].start == e.start for e in ev.evidence):
                ev.title = a.title
                break
