"""Agreements, milestones and commitments a report mentions.

- Agreements: an agreement noun (Memorandum of Understanding, protocol,
  مذكرة تفاهم, меморандум...) with its title read to the end of the clause,
  the parties named in that title (countries as ISO codes, institutions by
  name), a date from the sentence or the signing event, and a status: signed
  (a signing verb), planned (a plan cue) or mentioned.
- Milestones: a clean statement ("Diplomatic relations established",
  "30th anniversary of diplomatic relations", "Chairmanship of the OIC") with
  its kind and date: the establishment date when stated (or the anniversary
  year minus its number), an anniversary's year from "this year"/"next
  year"/the stated year. A chairmanship needs an organisation and is never the
  "led by" of a delegation.
- Commitments: what the sides agreed to do (reciprocal visits, regular
  consultations, the next round in Baku, an invitation) as a phrase read from
  its cue to the end of the clause, lead verbs ("agreed to") dropped, with a
  due date when given.
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
        anchor_year = _anchor_year(doc)
        milestones += _milestones(st, toks, anchor_year, ev, dict(pack.ordinals))
        for group, kind, tok in st.marks:
            if group != "commitment":
                continue
            what = _phrase(toks, text, tok, st)
            if what and not _reports_event(st, toks, tok, what):
                commitments.append(Commitment(text=what, kind=kind, countries=_countries(st), due=_near_date(st, toks, tok), evidence=[ev]))
    _dedupe(milestones, lambda m: (m.kind, m.what, m.date))
    _dedupe(commitments, lambda c: c.text)
    _drop_contained(commitments)
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


def _anchor_year(doc) -> int | None:
    for v in (doc.published, doc.dateline_date):
        if v and v[:4].isdigit():
            return int(v[:4])
    return None


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def _number_near(st, toks, tok) -> int | None:
    """The number of an anniversary ('30th', '30-летие', 'بمرور 30 عاما') next to its cue, not a date's."""
    in_date = [(d.start, d.end) for d in st.dates]
    for off in (-1, -2, 1, 2, -3, 3, 4):
        j = tok + off
        if not st.ts <= j < st.te:
            continue
        m = _NUM.match(toks.raw[j])
        if m and not any(a <= toks.starts[j] < b for a, b in in_date):
            n = int(m.group(1))
            if 1 <= n <= 150:
                return n
    return None


def _ordinal_near(st, toks, tok, ordinals: dict) -> int | None:
    """An anniversary number in words after its cue: 'الذكرى الثلاثين', 'الخامسة والعشرين' (5 + 20), 'thirtieth'."""
    def value(j):
        if not st.ts <= j < st.te:
            return None
        alt = toks.alt[j] if j < len(toks.alt) else None
        return ordinals.get(toks.norm[j], ordinals.get(alt) if alt else None)

    arabic = "\u0600" <= toks.raw[tok][:1] <= "\u06ff"
    for j in range(tok + 1, tok + 4) if arabic else (tok - 1, tok - 2):  # الذكرى الثلاثين / the thirtieth anniversary
        n = value(j)
        if n is not None:
            tens = value(j + 1)
            return n + tens if tens is not None and n < 10 <= tens and tens % 10 == 0 else n
    return None


def _milestones(st, toks, anchor_year, ev, ordinals=None) -> list[Milestone]:
    """Clean milestone statements of one sentence."""
    kinds = {}
    for group, kind, tok in st.marks:
        if group == "milestone" and kind not in kinds:
            kinds[kind] = tok
    out: list[Milestone] = []
    countries = _countries(st)
    dated = [(d, toks.index_at(d.start)) for d in st.dates if d.value and d.value[:4].isdigit()]
    if "anniversary" in kinds:
        tok = kinds["anniversary"]
        n = _number_near(st, toks, tok) or _ordinal_near(st, toks, tok, ordinals or {})
        relations = "relations_established" in kinds or any(toks.norm[j] in _DIPLOMATIC for j in range(st.ts, st.te))
        later = [(abs(t - tok), d.value[:4]) for d, t in dated if anchor_year is None or int(d.value[:4]) >= anchor_year - 1]
        year = min(later)[1] if later else None
        what = (f"{_ordinal(n)} anniversary" if n else "Anniversary") + (" of diplomatic relations" if relations else "")
        out.append(Milestone(what=what, kind="anniversary", date=year, countries=countries, evidence=[ev]))
        if relations:
            earlier = [(abs(t - tok), d.value) for d, t in dated if anchor_year is not None and int(d.value[:4]) < anchor_year - 1]
            date = min(earlier)[1] if earlier else (str(int(year) - n) if year and n else None)
            if year is None and date and n:
                out[-1].date = str(int(date[:4]) + n)  # 'the 30th anniversary of relations established in 1996'
            out.append(Milestone(what="Diplomatic relations established", kind="relations_established", date=date,
                                 countries=countries, evidence=[ev]))
    elif "relations_established" in kinds:
        tok = kinds["relations_established"]
        past = [(abs(t - tok), d.value) for d, t in dated if anchor_year is None or int(d.value[:4]) < anchor_year
                or (len(d.value) > 4 and not d.relative and int(d.value[:4]) == anchor_year)]
        out.append(Milestone(what="Diplomatic relations established", kind="relations_established",
                             date=min(past)[1] if past else None, countries=countries, evidence=[ev]))
    if "chairmanship" in kinds and st.orgs:
        tok = kinds["chairmanship"]
        lead = st.cues.get("delegation_lead", []) + st.cues.get("delegation_words", [])
        if not any(abs(tok - p) <= 2 for p in lead):
            org = st.orgs[0]
            out.append(Milestone(what=f"Chairmanship of {org.split(':')[-1].upper() if len(org) <= 12 else org}", kind="chairmanship",
                                 date=_near_date(st, toks, tok), countries=countries, evidence=[ev]))
    return out


def _phrase(toks, text, tok, st) -> str:
    """A commitment as a phrase: from its cue (with the verb that governs it) to the end of the clause."""
    s = tok
    while s > st.ts and toks.raw[s - 1] not in CLAUSE_END and toks.norm[s - 1] not in _LEAD and toks.norm[s - 1].isalpha() \
            and toks.raw[s - 1][:1].islower() and tok - s < 2:
        s -= 1
    while s < st.te and toks.norm[s] in _LEAD:
        s += 1
    e = tok
    while e < st.te and toks.raw[e] not in CLAUSE_END and e - s < MAX_PHRASE:
        e += 1
    while e > s + 1 and (toks.norm[e - 1] in _TRAIL or toks.raw[e - 1] in CLAUSE_END):
        e -= 1
    if e <= s:
        return ""
    return text[toks.starts[s] : toks.ends[e - 1]].strip()


def _reports_event(st, toks, tok, what) -> bool:
    """'Political consultations ... were held in Manama': an encounter that happened, not a commitment."""
    if st.has("planned") or st.has("invite"):
        return False
    return any(strong and tok <= p <= tok + MAX_PHRASE and toks.raw[p] in what.split() and not toks.raw[p][:1].isupper()
               and toks.norm[p] not in ("meeting", "session", "consultations", "visit", "visits")
               for _, p, strong, _ in st.triggers)


def _drop_contained(items) -> None:
    """'political consultations' inside 'hold the next round of political consultations in Baku' is the same commitment."""
    keep = []
    for c in items:
        if any(o is not c and c.text != o.text and c.text in o.text and o.evidence[0].start == c.evidence[0].start for o in items):
            continue
        keep.append(c)
    items[:] = keep


_DIPLOMATIC = frozenset({"diplomatic", "دبلوماسيه", "الدبلوماسيه", "дипломатических", "дипломатические", "diplomatik"})
_NUM = __import__("re").compile(r"^(\d{1,3})(?:st|nd|rd|th|-?[a-zа-яəüöğışç]*)?$")
MAX_PHRASE = 24
_LEAD = frozenset({"agreed", "agree", "agrees", "to", "on", "upon", "committed", "expressed", "readiness", "stressed", "stress",
                   "necessity", "importance", "of", "noted", "sides", "parties", "both", "two", "for", "the", "ministers", "leaders",
                   "الجانبان", "الطرفان", "стороны", "tərəflər", "underlined", "emphasized", "emphasised", "that", "and", "also",
                   "اتفق", "اتفقا", "اتفقت", "علي", "على", "اكد", "اكدا", "اهميه", "الي", "جانب", "و", "договорились", "о",
                   "необходимость", "важность", "razılaşıblar", "razılaşdılar", "və"})
_TRAIL = frozenset({"and", "or", "the", "of", "to", "in", "with", "و", "في", "مع", "и", "в", "с", "və"})


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
