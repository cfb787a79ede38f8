"""Script-independent name keys for evaluation: do two name forms denote one person?

Evaluation needs a lenient, transparent comparison that works across Latin,
Arabic and Cyrillic spellings ("Alzayani" ~ "Al Zayani" ~ "الزياني"). Each name
token becomes a consonant skeleton; vowels, doubled letters, particles (al, bin,
Sheikh, Dr. …) and honorifics are dropped. This mirrors the comparison of the
shared evaluation contract so our figures agree with it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ARABIC_SKELETON = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "p", "چ": "c", "ژ": "j", "گ": "g", "ڤ": "f",
}
CYRILLIC_LATIN = {
    "а": "a", "б": "b", "в": "f", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "u", "я": "a", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i",
}
PARTICLES = frozenset({
    "al", "el", "bin", "ibn", "bint", "bn", "b", "ben", "abu", "bu", "sheikh", "shaikh", "sheik", "dr", "h.e",
    "he", "mr", "mrs", "ms", "engineer", "eng", "prof", "hrh", "his", "her", "excellency", "highness",
    "ال", "بن", "بنت", "ابن", "آل", "الشيخ", "شيخ", "المهندس", "الدكتور", "د",
})
LATIN_DIGRAPHS = (("kh", "h"), ("sh", "s"), ("ch", "c"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("zh", "j"),
                  ("dj", "j"), ("q", "k"), ("v", "f"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("x", "h"))
_SPLIT = re.compile(r"[\s\-‐–—_,.()«»\"“”]+")


def latin_skeleton(token: str) -> str:
    t = unicodedata.normalize("NFKD", token.lower().replace("ə", "a").replace("ı", "i"))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"^(al|el)[-']", "", t)
    for a, b in LATIN_DIGRAPHS:
        t = t.replace(a, b)
    t = re.sub(r"[^a-z]", "", t)
    t = re.sub(r"(?<=[sktdzjgf])h", "", t)
    t = re.sub(r"[aeiouyw']", "", t)
    return re.sub(r"(.)\1+", r"\1", t)


def arabic_skeleton(token: str) -> str:
    token = re.sub(r"^(ال|آل)", "", token)
    return re.sub(r"(.)\1+", r"\1", "".join(ARABIC_SKELETON.get(c, "") for c in token))


def skeletons(name: str | None) -> list[str]:
    """The consonant skeletons of a personal name's meaningful tokens."""
    out = []
    for token in _SPLIT.split((name or "").strip()):
        if not token or token.lower() in PARTICLES or token in PARTICLES:
            continue
        if re.search(r"[\u0600-\u06FF]", token):
            key = arabic_skeleton(token)
        elif re.search(r"[\u0400-\u04FF]", token):
            key = latin_skeleton("".join(CYRILLIC_LATIN.get(c, c) for c in token.lower()))
        else:
            key = latin_skeleton(token)
        if key:
            out.append(key)
    return out


def _same_token(a: str, b: str) -> bool:
    """Equal skeletons, allowing an article glued to one of them."""
    if a == b:
        return True
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(shorter) >= 2 and longer[0] == "l" and longer[1:] == shorter


def same_person(forms_a: Iterable[str], forms_b: Iterable[str]) -> bool:
    """True when some form of a and some form of b look like the same person."""
    keys_b = [k for k in (skeletons(f) for f in forms_b) if k]
    for ka in (skeletons(f) for f in forms_a):
        if not ka:
            continue
        for kb in keys_b:
            if not _same_token(ka[-1], kb[-1]):
                subset = set(ka) <= set(kb) or set(kb) <= set(ka)
                if not subset or min(len(ka), len(kb)) < 2:
                    continue
            if len(ka) == 1 or len(kb) == 1 or _same_token(ka[0], kb[0]):
                return True
    return False


def name_forms(record: dict) -> list[str]:
    forms = [record.get("name"), record.get("latin"), record.get("name_latin")]
    forms += record.get("aliases") or []
    return [f for f in forms if f]
