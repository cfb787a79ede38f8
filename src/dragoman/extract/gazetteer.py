"""Token tries built from the language data, and a longest-match matcher.

All gazetteer entries of one language (countries from CLDR, adjectives,
cities, institutions, titles, honorifics, triggers...) are compiled once in
``load_resources`` into nested dicts keyed by token normal forms. Matching a
document is then one left-to-right walk: at each token the longest entry that
starts there wins, and its payloads say what it is. Arabic tokens may carry a
glued conjunction or preposition (و ف ب ل ك); the matcher retries without it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dragoman.extract.tokens import HYPHENS, Tokens, phrase_norms

END = ""  # trie key under which payloads are stored (never a token)

Payload = tuple  # (kind, value, needs_capital)


def trie_add(trie: dict, phrase: str, payload: Payload) -> None:
    """Insert one phrase with its payload (duplicates are kept once)."""
    norms = phrase_norms(phrase)
    if not norms:
        return
    node = trie
    for n in norms:
        node = node.setdefault(n, {})
    bucket = node.setdefault(END, [])
    if payload not in bucket:
        bucket.append(payload)


def freeze(trie: dict) -> dict:
    """Turn payload lists into tuples so the trie is safe to share."""
    for key, value in trie.items():
        if key == END:
            trie[key] = tuple(value)
        else:
            freeze(value)
    return trie


@dataclass(frozen=True)
class Match:
    """A gazetteer hit covering tokens [start, end)."""

    start: int
    end: int
    payloads: tuple

    def has(self, kind: str) -> bool:
        return any(p[0] == kind for p in self.payloads)

    def value(self, kind: str):
        for p in self.payloads:
            if p[0] == kind:
                return p[1]
        return None


def word_stream(toks: Tokens) -> list[int]:
    """Indices of the tokens the matcher walks over (hyphens are transparent)."""
    return [i for i, r in enumerate(toks.raw) if r not in HYPHENS]


def match_all(trie: dict, toks: Tokens, stream: list[int], arabic: bool) -> list[Match]:
    """Greedy longest, non-overlapping matches of ``trie`` over the token stream."""
    out: list[Match] = []
    norms, upper, alts = toks.norm, toks.upper, toks.alt
    n = len(stream)
    get = trie.get
    # Only positions whose token can start an entry (a C-speed prefilter).
    cands = [p for p, i in enumerate(stream) if norms[i] in trie or (alts[i] is not None and alts[i] in trie)]
    k, covered = 0, -1
    for p in cands:
        if p <= covered:
            continue
        i = stream[p]
        node = get(norms[i])
        if node is None:
            node = get(alts[i])
        best = None
        q = p
        while node is not None:
            pay = node.get(END)
            if pay:
                cap_ok = upper[i]
                valid = pay if cap_ok else tuple(x for x in pay if not x[2])
                if valid:
                    best = (q, valid)
            q += 1
            if q >= n:
                break
            j = stream[q]
            nxt = node.get(norms[j])
            if nxt is None and alts[j] is not None:
                nxt = node.get(alts[j])
            node = nxt
        if best is None:
            continue
        q, valid = best
        out.append(Match(i, stream[q] + 1, valid))
        covered = q
    return out


def index_matches(matches: list[Match]) -> dict[int, Match]:
    """Map each match's first token index to the match."""
    return {m.start: m for m in matches}


def lookup(trie: dict, phrase: str, kind: str):
    """The value of ``kind`` for an exact phrase in the trie (e.g. a dateline city)."""
    node = trie
    for n in phrase_norms(phrase):
        node = node.get(n)
        if node is None:
            return None
    for p in node.get(END, ()):
        if p[0] == kind:
            return p[1]
    return None
