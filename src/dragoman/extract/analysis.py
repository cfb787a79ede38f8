"""Per-sentence view of a document: who is named, which cues fire, where, when.

Event building reads sentences through this view only, so the grammar that
finds people/titles/dates stays separate from the logic that groups them into
encounters.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from dragoman.extract.gazetteer import Match
from dragoman.extract.tokens import Tokens
from dragoman.extract.when import DateHit

_EN_VERBS = frozenset({"met", "meets", "meet", "held", "holds", "hold", "sign", "signs", "hosts", "receives", "visits", "spoke", "sent", "took"})


@dataclass
class Sent:
    """Features of one sentence."""

    idx: int
    start: int
    end: int
    ts: int  # first token
    te: int  # end token (exclusive)
    persons: list[tuple[int, int]] = field(default_factory=list)  # (cluster, token)
    triggers: list[tuple[str, int, bool, int]] = field(default_factory=list)  # (type, token, strong, end)
    visit_day: int | None = None
    cues: dict[str, list[int]] = field(default_factory=dict)  # kind -> token positions
    places: list[tuple[str, str, int]] = field(default_factory=list)  # (name, iso, token)
    countries: list[tuple[str, int]] = field(default_factory=list)  # (iso, token)
    dates: list[DateHit] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    quoted: bool = False  # inside a quotation (a letter's text, a statement)
    marks: list[tuple[str, str, int]] = field(default_factory=list)  # (milestone|commitment, kind, token)

    def cluster_ids(self) -> list[int]:
        seen: list[int] = []
        for c, _ in self.persons:
            if c not in seen:
                seen.append(c)
        return seen

    def has(self, kind: str) -> bool:
        return bool(self.cues.get(kind))

    def strong_types(self) -> set[str]:
        return {t for t, _, strong, _ in self.triggers if strong}

    def any_types(self) -> set[str]:
        return {t for t, _, _, _ in self.triggers}


def build_sentences(toks: Tokens, spans: list[tuple[int, int]], mentions, title_links: dict[int, int],
                    ent: list[Match], cues: list[Match], dates: list[DateHit], arabic: bool,
                    inst_country: dict[str, str], weak: frozenset = frozenset()) -> list[Sent]:
    """Assign people, cues, places, countries, dates and topics to sentences."""
    sents = []
    for i, (s, e) in enumerate(spans):
        ts = bisect.bisect_left(toks.starts, s)
        te = bisect.bisect_left(toks.starts, e)
        sents.append(Sent(i, s, e, ts, te))
    tstarts = [x.ts for x in sents]
    _mark_quotes(toks.text, sents)

    def sent_of_tok(t: int) -> Sent | None:
        k = bisect.bisect_right(tstarts, t) - 1
        return sents[k] if 0 <= k < len(sents) and t < sents[k].te else None

    _assign_people(sents, sent_of_tok, mentions, title_links)
    _assign_matches(sents, sent_of_tok, toks, ent, cues, arabic, inst_country, weak)
    for st in sents:
        ana = set(st.cues.get("anaphora", []))
        if ana:  # "görüşdə", "during the meeting": a trigger that only points back
            st.triggers = [(ty, p, strong and p not in ana, e) for ty, p, strong, e in st.triggers]
        generic = st.cues.get("generic_markers", [])
        if generic:
            st.triggers = [(ty, p, strong, e) for ty, p, strong, e in st.triggers if not any(0 < p - g <= 2 for g in generic)]
    cstarts = [x.start for x in sents]
    for d in dates:
        k = bisect.bisect_right(cstarts, d.start) - 1
        if 0 <= k < len(sents) and d.start < sents[k].end:
            sents[k].dates.append(d)
    return sents


def _assign_people(sents, sent_of_tok, mentions, title_links) -> None:
    for pm in mentions:
        st = sent_of_tok(pm.start)
        if st is not None and pm.cluster >= 0:
            st.persons.append((pm.cluster, pm.start))
    for tok, cl in title_links.items():
        st = sent_of_tok(tok)
        if st is not None:
            st.persons.append((cl, tok))
    for st in sents:
        st.persons.sort(key=lambda x: x[1])


def _assign_matches(sents, sent_of_tok, toks, ent, cues, arabic, inst_country, weak) -> None:
    for m in ent:
        st = sent_of_tok(m.start)
        if st is None:
            continue
        for kind, value, _ in m.payloads:
            if kind == "place":
                st.places.append((toks.span_text(m.start, m.end), value, m.start))
            elif kind in ("country", "demonym"):
                if m.start >= 2 and toks.raw[m.start - 1] in "-‐–" and st.countries and st.countries[-1][1] >= m.start - 4:
                    continue  # the second of "Azerbaijan-Bahrain": the first names the owner
                st.countries.append((value, m.start))
            elif kind == "inst" and inst_country.get(value):
                st.countries.append((inst_country[value], m.start))
            elif kind == "org":
                st.orgs.append(value)
    for m in cues:
        st = sent_of_tok(m.start)
        if st is None:
            continue
        for kind, value, _ in m.payloads:
            if kind == "trigger":
                st.triggers.append((value, m.start, _strong(toks, m.start, st.ts, arabic, m.end, weak), m.end))
            elif kind == "visit_day":
                st.visit_day = value
            elif kind in ("milestone", "commitment"):
                st.marks.append((kind, value, m.start))
            elif kind == "topic":
                if value not in st.topics:
                    st.topics.append(value)
            else:
                st.cues.setdefault(kind, []).append(m.start)


def _strong(toks: Tokens, t: int, ts: int, arabic: bool, end: int | None = None, weak: frozenset = frozenset()) -> bool:
    """A trigger in a noun phrase after a determiner ("during the meeting") only refers back."""
    if not arabic and any(toks.norm[i].endswith("ed") or toks.norm[i] in _EN_VERBS for i in range(t, end or t + 1)):
        return True
    for back in (1, 2):
        j = t - back
        if j < ts:
            break
        if toks.norm[j] in weak or toks.raw[j] in weak:
            return False
    if arabic and toks.raw[t].startswith(("ال", "وال", "بال", "لل")) and len(toks.norm[t]) >= 4:
        return False  # a definite noun (اللقاء، الزيارة); التقى is a verb
    return True


def _mark_quotes(text: str, sents: list[Sent]) -> None:
    """Flag sentences that start inside an open quotation."""
    depth, pos = 0, 0
    for st in sents:
        chunk = text[pos:st.start]
        depth += chunk.count("“") + chunk.count("«") - chunk.count("”") - chunk.count("»")
        straight = text.count('"', 0, st.start) % 2
        st.quoted = depth > 0 or straight == 1
        pos = st.start
