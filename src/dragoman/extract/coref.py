"""Clustering the mentions of one document into people.

A later mention joins an earlier person when its name tokens are contained in
the person's (surname-only "Hajiyev", "Al-Buainain", "الزياني"; first+last).
Two full names with different given names stay two people even when they
share a surname; a bare surname shared by two people goes to the one
mentioned most recently. Title-only mentions ("the Speaker of the Milli
Majlis", "the Secretary-General") resolve to the single person holding that
role, and bare surnames elsewhere in the text are added as mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dragoman.extract.people import PersonMention
from dragoman.extract.titles import TitleInfo
import re

from dragoman.extract.tokens import Tokens, strip_clitic

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def _tok_eq(a: str, b: str) -> bool:
    """Same name token: equal, an 'al' glued on, or (inflected scripts) a shared stem."""
    if a == b or (len(a) > 3 and len(b) > 3 and (a == "al" + b or b == "al" + a)):
        return True
    if min(len(a), len(b)) >= 5 and not _ARABIC.match(a):
        n = 0
        for x, y in zip(a, b):
            if x != y:
                break
            n += 1
        return n >= max(len(a), len(b)) - 3 and n >= 5
    return False


def _contains(big: tuple, small: tuple) -> bool:
    return all(any(_tok_eq(s, b) for b in big) for s in small)


@dataclass
class Cluster:
    """One person: the fullest name and every mention."""

    idx: int
    key: tuple
    mentions: list[PersonMention] = field(default_factory=list)
    titles: list[TitleInfo] = field(default_factory=list)

    @property
    def best(self) -> PersonMention:
        return max(self.mentions, key=lambda m: (len(m.key), -m.start))


def cluster_people(mentions: list[PersonMention]) -> list[Cluster]:
    """Group mentions (in text order) into clusters."""
    clusters: list[Cluster] = []
    for pm in mentions:
        target = _find(clusters, pm)
        if target is None:
            target = Cluster(len(clusters), pm.key)
            clusters.append(target)
        elif len(pm.key) > len(target.key):
            target.key = pm.key
        target.mentions.append(pm)
        pm.cluster = target.idx
        if pm.title is not None:
            target.titles.append(pm.title)
    return clusters


def _find(clusters: list[Cluster], pm: PersonMention) -> Cluster | None:
    cands = []
    for c in clusters:
        k, key = c.key, pm.key
        if len(key) >= 2 and len(k) >= 2:
            if _tok_eq(key[0], k[0]) and (_contains(k, key) or _contains(key, k)):
                cands.append(c)
        elif len(key) == 1 and _contains(k, key):
            cands.append(c)
        elif len(k) == 1 and _contains(key, k):
            cands.append(c)
    if not cands:
        return None
    return max(cands, key=lambda c: max(m.start for m in c.mentions))


def add_surname_mentions(toks: Tokens, clusters: list[Cluster], mentions: list[PersonMention], arabic: bool) -> None:
    """Add bare-surname mentions ("Bayramov", "الزياني") of clustered people."""
    taken = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    last: dict[str, list[Cluster]] = {}
    for c in clusters:
        if len(c.key) >= 2 and len(c.key[-1]) >= 3:
            last.setdefault(c.key[-1], []).append(c)
    if not last:
        return
    alts = toks.alt
    cands = [i for i, nm in enumerate(toks.norm) if nm in last or (alts[i] is not None and alts[i] in last)]
    for i in cands:
        nm = toks.norm[i]
        if i in taken or not toks.is_word[i]:
            continue
        hit = last.get(nm) or (arabic and last.get(alts[i] or "")) or None
        if not hit or (not arabic and not toks.upper[i]):
            continue
        if len(hit) > 1:
            hit = [max(hit, key=lambda c: max((m.start for m in c.mentions if m.start < i), default=-1))]
        pm = PersonMention(i, i + 1, toks.raw[i], (nm,), cluster=hit[0].idx)
        hit[0].mentions.append(pm)
        mentions.append(pm)
    mentions.sort(key=lambda m: m.start)


def resolve_titles(lone: list[TitleInfo], clusters: list[Cluster]) -> dict[int, int]:
    """Map title-only mentions (by start token) to the single person with that role."""
    out: dict[int, int] = {}
    for info in lone:
        if info.role == "counterpart" and info.country:
            cands = [c for c in clusters if any(t.country == info.country for t in c.titles)]
            if len(cands) > 1:  # a counterpart holds the same office as someone of another country
                cands = [c for c in cands if any(t.country == info.country and any(o.role == t.role and o.country and o.country != info.country
                                                                                   for d in clusters if d is not c for o in d.titles)
                                                 for t in c.titles)]
            if len(cands) == 1:
                out[info.start] = cands[0].idx
            continue
        if info.role == "head" and info.country:  # 'الرئيس الباكستاني': the article-less head is the country's president
            cands = [c for c in clusters if any(t.role == "president" and t.country == info.country for t in c.titles)]
            if len(cands) == 1:
                out[info.start] = cands[0].idx
            continue
        if info.role in ("counterpart", "official", "head", "member"):
            continue
        cands = [c for c in clusters if any(t.role == info.role and (not info.country or t.country == info.country) for t in c.titles)]
        if len(cands) > 1:
            same = [c for c in cands if any(_same_text(t.text, info.text) for t in c.titles)]
            cands = same
        if len(cands) == 1:
            out[info.start] = cands[0].idx
    return out


def resolve_counterparts(mentions: list[PersonMention], lone: list[TitleInfo], toks, window: int = 40) -> None:
    """'X met his Bahraini counterpart Y': Y's title takes X's office, keeps its own country."""
    from dragoman.extract.titles import core_text

    prev: TitleInfo | None = None
    items = sorted([(pm.title.start, pm.title) for pm in mentions if pm.title is not None] + [(t.start, t) for t in lone], key=lambda x: x[0])
    bare = [pm.start for pm in mentions if pm.title is None]
    for _, t in items:
        between = prev is not None and any(prev.end <= b < t.start for b in bare)  # 'X ... with his counterpart': X's office, not an earlier title
        if t.role == "counterpart" and prev is not None and 0 < t.start - prev.end <= window and not between:
            t.role, t.portfolio, t.inst_type, t.rank = prev.role, prev.portfolio, prev.inst_type, prev.rank
            t.text = core_text(prev, toks)
            if t.inst_key is None and prev.inst_key and not t.country:
                t.inst_key = prev.inst_key
        elif t.role != "counterpart":
            prev = t


def _same_text(a: str, b: str) -> bool:
    from dragoman.textnorm import normalize_for_search

    return normalize_for_search(a) == normalize_for_search(b)
