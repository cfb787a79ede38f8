"""Tokenisation and the fast per-token normal form used for all matching.

Every matcher in the extractor works on tokens, not characters: a token keeps
its character offsets into ``CleanDocument.text`` and a normal form that equals
``dragoman.textnorm.normalize_token`` (diacritics, alef/yeh/ta marbuta forms,
tatweel and the Arabic article removed; Latin/Cyrillic case- and accent-folded).
The normal form is computed with a translation table instead of pyarabic calls
because it runs for every token of every document.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from dragoman.textnorm import fold

# A word (letters/digits plus Arabic marks and tatweel), an English possessive,
# or one punctuation character.
TOKEN_RE = re.compile(r"['’]s\b|(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+|[^\w\s]")
_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF]")
_AR_ARTICLE = re.compile(r"^(?:وال|بال|لل|كال|فال|ال)(?=\w{2,})")
_AR_TABLE = {c: None for c in range(0x064B, 0x0660)}
_AR_TABLE.update({0x0670: None, 0x0640: None, 0x0610: None, 0x0611: None, 0x0612: None})
_AR_TABLE.update({ord(a): "ا" for a in "أإآٱ"})
_AR_TABLE.update({ord("ى"): "ي", ord("ة"): "ه", ord("ؤ"): "و", ord("ئ"): "ي"})
HYPHENS = frozenset("-‐‑–—")
APOS = frozenset("'’")
AR_CLITICS = frozenset("وفبلك")


def norm_token(tok: str) -> str:
    """The matching form of one token (same result as textnorm.normalize_token)."""
    if tok.isascii():
        return "'s" if tok in ("'s", "’s") else tok.lower()
    if tok[:1] in APOS and tok[1:].lower() == "s":
        return "'s"
    if _ARABIC_CHAR.search(tok):
        return _AR_ARTICLE.sub("", tok.translate(_AR_TABLE))
    return fold(tok)


def strip_clitic(norm: str) -> str | None:
    """An Arabic token without a leading conjunction/preposition (و ف ب ل ك)."""
    if len(norm) > 3 and norm[0] in AR_CLITICS and _ARABIC_CHAR.match(norm):
        rest = norm[1:]
        return _AR_ARTICLE.sub("", rest)
    return None


@dataclass
class Tokens:
    """Parallel arrays describing the tokens of one text.

    ``alt`` holds, for Arabic tokens with a glued conjunction/preposition, the
    normal form without it (else None), so matchers never recompute it.
    """

    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    norm: list[str] = field(default_factory=list)
    is_word: list[bool] = field(default_factory=list)
    upper: list[bool] = field(default_factory=list)
    alt: list[str | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.raw)

    def span_text(self, i: int, j: int) -> str:
        """Text from the start of token i to the end of token j-1."""
        return self.text[self.starts[i] : self.ends[j - 1]]

    def index_at(self, offset: int) -> int:
        """First token starting at or after a character offset."""
        return bisect.bisect_left(self.starts, offset)


def tokenize(text: str, whole_words: frozenset = frozenset()) -> Tokens:
    """Split text into tokens with offsets, normal forms and capitalisation flags.

    ``whole_words`` (normal forms, e.g. given names) never lose a leading letter as
    a clitic: فيصل is a name, not ف + يصل.
    """
    ms = list(TOKEN_RE.finditer(text))
    raw = [m.group() for m in ms]
    uniq = set(raw)
    memo = {s: norm_token(s) for s in uniq}
    alt_memo = {s: strip_clitic(memo[s]) for s in uniq if _ARABIC_CHAR.match(s) and memo[s] not in whole_words}
    return Tokens(
        text=text,
        starts=[m.start() for m in ms],
        ends=[m.end() for m in ms],
        raw=raw,
        norm=[memo[s] for s in raw],
        is_word=[s[0].isalnum() or (s[0] in APOS and len(s) > 1) for s in raw],
        upper=[s[0].isupper() for s in raw],
        alt=[alt_memo.get(s) for s in raw],
    )


def phrase_norms(phrase: str) -> tuple[str, ...]:
    """Normal forms of a gazetteer phrase's tokens, hyphens dropped."""
    return tuple(norm_token(m.group()) for m in TOKEN_RE.finditer(phrase) if m.group() not in HYPHENS)
