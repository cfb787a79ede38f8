"""Personal-name keys that are the same across Latin, Cyrillic and Arabic script.

Why skeletons: "Hajiyev", "Gadzhiev", "Гаджиев" and "حاجييف" share no letters,
but they share a *consonant skeleton* once every script is mapped onto a small
set of consonant classes (h/kh/g/q/x/ح/خ/غ/ق/г/х → K, j/c/dzh/zh/ج/дж → J,
v/w/f/ф/ف/в → F, ...) and vowels, y/w/ي/و/ع and doubled letters are dropped.
A leading vowel (or alef/ain) is kept as ``A`` so that "Ahmed" (AKMD) and
"Hamad" (KMD) stay apart.

A name is parsed into ``NameParts``: honorifics and particles (Sheikh, H.E.,
Dr., المهندس, bin, Al, оглы ...) removed, "Abd al-" compounds joined, and the
remaining tokens split into given name, middle names (patronymics) and family
name. Matching rules (``same_name``) live here too, so that the policy "never
merge two people who share only a surname" is in one place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz.fuzz import ratio

from dragoman.textnorm import normalize_arabic, script_of

__all__ = ["NameParts", "parse_name", "skeleton", "tok_eq", "same_name", "surname_fits", "blocking_keys", "block_key",
           "middle_keys", "script_of"]

# Honorifics and forms of address: never part of the identity.
HONORIFICS = frozenset(
    """sheikh shaikh sheik shaykh sh h.e he h.e. his her excellency highness majesty royal hrh hh
    dr dr. doctor prof prof. professor engineer eng eng. mr mr. mrs mrs. ms ms. miss madam sir lord
    ambassador minister president general gen col colonel the
    cənab xanım hörmətli janab khanum
    prince princess king queen emir crown hrh
    şeyx doktor professor zati-aliləri zati aliləri
    господин госпожа г-н г-жа г н жа доктор профессор шейх его ее её превосходительство
    الشيخ شيخ الشيخة المهندس المهندسة مهندس م الدكتور الدكتورة دكتور د السيد السيدة معالي سعادة سمو سموه
    السمو الملكي الأمير الامير الأميرة الملك ولي العهد الجلالة جلالة حضرة فخامة سماحة الأستاذ الأستاذة الاستاذ اللواء العميد الفريق""".split()
)
# Particles inside names: articles, "son of", Turkic patronymic markers.
ARTICLES = frozenset("al el ar as az ad at an ash ud ul əl ал аль эль ال آل".split())
SON_OF = frozenset("bin ibn bint bn b. ben binti бин ибн بن ابن بنت".split())
TURKIC_PATRONYMIC = frozenset("oglu oğlu ogly oglı qizi qızı kyzy kizi оглы кызы гызы".split())
# Tokens that begin a compound with the next token ("Abd al-Latif" = "Abdullatif").
# "صاحب السمو" (His Highness) is an honorific, but "صاحبة" alone is the name Sahiba.
HONORIFIC_BEFORE = frozenset("صاحب صاحبة".split())
COMPOUND_HEADS = frozenset("abd abdul abdel abdal abdol abdu abdur abdus abu عبد ابو أبو".split())

_SPLIT = re.compile(r"[\s\-‐–—_,()«»\"“”/]+")
_AR_LETTERS = {
    "ب": "B", "پ": "B", "ت": "T", "ث": "T", "ط": "T", "ج": "J", "چ": "J", "ژ": "J",
    "ح": "K", "خ": "K", "ه": "K", "غ": "K", "ق": "K", "ك": "K", "ک": "K", "گ": "K",
    "د": "D", "ذ": "D", "ض": "D", "ر": "R", "ز": "Z", "ظ": "Z", "س": "S", "ش": "S",
    "ص": "S", "ف": "F", "ڤ": "F", "ل": "L", "م": "M", "ن": "N",
}
_AR_VOWELISH = frozenset("اأإآٱعءؤئىوي")
# Latin digraphs first (order matters), then single letters.
_LATIN_DIGRAPHS = (
    ("dzh", "J"), ("kh", "K"), ("gh", "K"), ("sh", "S"), ("ch", "J"), ("zh", "J"), ("dj", "J"),
    ("th", "T"), ("dh", "D"), ("ph", "F"), ("ts", "S"), ("ck", "K"),
)
_LATIN_LETTERS = {
    "b": "B", "p": "B", "t": "T", "j": "J", "c": "J", "h": "K", "k": "K", "g": "K", "q": "K",
    "x": "K", "d": "D", "r": "R", "z": "Z", "s": "S", "f": "F", "v": "F", "l": "L", "m": "M", "n": "N",
}
_LATIN_VOWELS = frozenset("aeiou")
_FOLD = str.maketrans({"ə": "a", "Ə": "a", "ı": "i", "İ": "i", "ğ": "g", "Ğ": "g", "'": "", "’": "", "ʼ": ""})


@dataclass(frozen=True)
class NameParts:
    """A parsed personal name: skeletons of given, middle and family tokens."""

    given: str | None
    middle: tuple[str, ...]
    family: str | None
    latin: tuple[str, ...]  # folded vowelful Latin tokens (for same-script checks)
    script: str

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(t for t in (self.given, *self.middle, self.family) if t)

    @property
    def is_bare(self) -> bool:
        """A single token (a bare surname, or a given name used alone)."""
        return len(self.tokens) == 1


def _latin_skeleton(token: str) -> str:
    if token[:1] in ("Е", "е"):  # a word-initial Cyrillic Е is "Ye" (Ерлан = Yerlan), not a vowel onset
        token = "Y" + token
    t = anyascii(token.translate(_FOLD)).lower()
    t = re.sub(r"[^a-z]", "", t)
    if not t:
        return ""
    lead = "A" if t[0] in _LATIN_VOWELS else ""
    if len(t) > 3 and t[-1] == "h" and t[-2] in _LATIN_VOWELS:
        t = t[:-1]  # final h is optional: Saleh = صالح, Abdullah = عبدالله
    for a, b in _LATIN_DIGRAPHS:
        t = t.replace(a, b)
    out = "".join(_LATIN_LETTERS.get(c, c if c.isupper() else "") for c in t)
    return lead + out


def _arabic_skeleton(token: str) -> str:
    # Strip the article before normalising: "إلهام" (Ilham) must not lose "إل".
    t = normalize_arabic(re.sub(r"^(?:ال|آل)(?=\w{2,})", "", token))
    if not t:
        return ""
    lead = "A" if t[0] in _AR_VOWELISH - {"ي", "و", "ى"} else ""
    if t[-1] in "هح" and len(t) > 2:
        t = t[:-1]  # ta marbuta, final heh or hah: "Fatima", "Abdullah", "Saleh"
    return lead + "".join(_AR_LETTERS.get(c, "") for c in t)


def skeleton(token: str) -> str:
    """Script-independent consonant skeleton of one name token ("Гаджиев" -> "KJF")."""
    raw = _arabic_skeleton(token) if script_of(token) == "arabic" else _latin_skeleton(token)
    raw = re.sub(r"(.)\1+", r"\1", raw)
    if raw.startswith("ABDL") and len(raw) > 4:
        raw = "ABD" + raw[4:]  # "Abd al-Rahman" = "Əbdürrəhman": the article assimilates
    return raw


def _fold_latin(token: str) -> str:
    t = anyascii(token.translate(_FOLD)).lower()
    return re.sub(r"[^a-z]", "", t)


def _clean_tokens(name: str) -> list[tuple[str, bool]]:
    """Split a name and drop honorifics/particles; returns (token, after_son_of)."""
    out: list[tuple[str, bool]] = []
    pending_join = ""
    son_of = False
    raw = _SPLIT.split(name.strip())
    for i, tok in enumerate(raw):
        low = tok.lower().strip(".")
        if not tok or low in HONORIFICS or tok in HONORIFICS or tok.lower() in HONORIFICS:
            continue
        if tok in HONORIFIC_BEFORE and i + 1 < len(raw) and raw[i + 1] in HONORIFICS:
            continue
        if low in SON_OF or tok in SON_OF:
            son_of = True
            continue
        if low in TURKIC_PATRONYMIC or tok in TURKIC_PATRONYMIC:
            continue
        if low in COMPOUND_HEADS or tok in COMPOUND_HEADS:
            pending_join += tok
            continue
        if low in ARTICLES or tok in ARTICLES:
            if pending_join:
                pending_join += tok
            continue
        out.append((pending_join + tok, son_of))
        pending_join, son_of = "", False
    if pending_join:
        out.append((pending_join, son_of))
    return out


def parse_name(name: str | None) -> NameParts:
    """Parse a personal name into skeleton parts (honorifics and particles removed)."""
    script = script_of(name or "")
    toks = [(t, s) for t, s in _clean_tokens(name or "") if skeleton(t)]
    sks = [skeleton(t) for t, _ in toks]
    latin = tuple(_fold_latin(t) for t, _ in toks) if script != "arabic" else ()
    if not sks:
        return NameParts(None, (), None, (), script)
    if len(sks) == 1:
        return NameParts(None, (), sks[0], latin, script)
    return NameParts(sks[0], tuple(sks[1:-1]), sks[-1], latin, script)


def tok_eq(a: str | None, b: str | None) -> bool:
    """Equal skeletons, allowing an article glued to one of them ("Alzayani" ~ "Zayani")."""
    if not a or not b:
        return False
    if a == b:
        return True
    long, short = (a, b) if len(a) > len(b) else (b, a)
    return len(short) >= 2 and long.startswith("AL") and long[2:] in (short, short.lstrip("A"))


def _family_eq(a: NameParts, b: NameParts) -> bool:
    """Family names agree; across scripts an h-sound may be written or not (محمدوف = Mammadov)."""
    if tok_eq(a.family, b.family):
        return True
    if (a.script == "arabic") == (b.script == "arabic") or not a.family or not b.family:
        return False
    weak = [re.sub(r"(.)\1+", r"\1", t.replace("K", "")) for t in (a.family, b.family)]
    return len(weak[0]) >= 3 and weak[0] == weak[1]


def _latin_close(a: NameParts, b: NameParts, check_last: bool = True) -> bool:
    """Two Latin/Cyrillic spellings must also look alike letter by letter.

    Skeletons are coarse ("Mohammed" and "Mahmoud" are both MKMD); when both
    forms are written in the same script family we can afford a finer check.
    """
    if not a.latin or not b.latin or a.script != b.script:
        return True
    first_a, first_b = a.latin[0], b.latin[0]
    last_a, last_b = a.latin[-1], b.latin[-1]
    ok_last = not check_last or ratio(last_a, last_b) >= 35 or last_a.endswith(last_b) or last_b.endswith(last_a)
    if len(a.latin) < 2 or len(b.latin) < 2:
        return ok_last
    return ok_last and ratio(first_a, first_b) >= 35


def same_name(a: NameParts, b: NameParts) -> bool:
    """True when two full names (not bare surnames) can name the same person.

    Family names must agree; given names must agree (Farid Hajiyev is not
    Sabir Hajiyev); middle names (patronymics) may be missing on one side but
    must not contradict ("Mohammed Ibrahim X" vs "Mohammed Ali X"). A dropped
    family name is tolerated when one token list contains the other
    ("Khalid bin Abdullah" ~ "Khalid bin Abdullah Al Khalifa").
    """
    if not a.given or a.given != b.given:  # a bare name has no given name
        return False
    if _family_eq(a, b):
        if a.middle and b.middle and not tok_eq(a.middle[0], b.middle[0]):
            return False
        return _latin_close(a, b)
    ta, tb = set(a.tokens), set(b.tokens)
    return (ta <= tb or tb <= ta) and min(len(ta), len(tb)) >= 2 and _latin_close(a, b, check_last=False)


def surname_fits(bare: NameParts, full: NameParts) -> bool:
    """A bare token names the family of ``full`` ("al-Zayani" -> "Abdullatif Al Zayani")."""
    return bool(bare.family) and tok_eq(bare.family, full.family)


def block_key(sk: str | None) -> str | None:
    """The stored blocking key of a family skeleton: h-sounds (K) dropped, as scripts disagree on them."""
    if not sk:
        return None
    return re.sub(r"(.)\1+", r"\1", sk.replace("K", "")) or sk


def blocking_keys(key: str | None) -> list[str]:
    """Keys to look up for a family skeleton, covering a glued article ("AL" prefix)."""
    if not key:
        return []
    keys = {key, "AL" + key}
    if key.startswith("AL") and len(key) > 3:
        keys.add(key[2:])
        keys.add("A" + key[2:])
    return sorted({block_key(k) for k in keys if block_key(k)})


def is_latin(text: str) -> bool:
    """True when the text is written in Latin script (any diacritics allowed)."""
    return script_of(text) == "latin" and any(unicodedata.category(c).startswith("L") for c in text)


def middle_keys(name: str | NameParts | None) -> list[str]:
    """Blocking keys of a name form's middle names (stored in ``person_name_keys``).

    They let a short form whose family token is this form's middle name find it:
    "Mohammed Ibrahim" -> "Mohammed Ibrahim Al-Sisi Al-Buainain".
    """
    parts = name if isinstance(name, NameParts) else parse_name(name)
    return sorted({k for t in parts.middle if (k := block_key(t)) and k != block_key(parts.family)})
