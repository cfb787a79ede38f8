"""Best-effort Latin forms of Arabic and Cyrillic personal names.

Used for ``name_latin`` in exports; cross-document resolution may later
replace it with a form seen in a Latin-script report.
"""

from __future__ import annotations

import re

_AR = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a",
    "و": "u", "ي": "i", "ى": "a", "ء": "", "ئ": "i", "ؤ": "u", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ڤ": "v",
}
_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}
_AR_WORD = re.compile(r"[\u0600-\u06FF]+")
_PARTICLE = {"بن": "bin", "بنت": "bint", "ابن": "ibn", "آل": "Al", "عبد": "Abd"}


def _ar_word(w: str) -> str:
    if w in _PARTICLE:
        return _PARTICLE[w]
    pre = ""
    if w.startswith("ال") and len(w) > 3:
        pre, w = "Al-", w[2:]
    out = []
    for i, ch in enumerate(w):
        t = _AR.get(ch, "")
        if ch in "وي" and i > 0 and i < len(w) - 1 and w[i - 1] in "اوي":
            t = "w" if ch == "و" else "y"
        elif ch == "و" and i == 0:
            t = "w"
        elif ch == "ي" and i == 0:
            t = "y"
        elif ch == "ا" and i > 0:
            t = "a"
        out.append(t)
    s = "".join(out)
    if s and not pre:
        s = s[0].upper() + s[1:]
    elif s:
        s = pre + s[0].upper() + s[1:]
    return s


def to_latin(name: str) -> str:
    """A readable Latin form of ``name`` (unchanged when already Latin)."""
    if _AR_WORD.search(name):
        return " ".join(_ar_word(w) for w in name.split())
    if re.search(r"[\u0400-\u04FF]", name):
        out = []
        for ch in name:
            low = ch.lower()
            t = _CYR.get(low)
            if t is None:
                out.append(ch)
            else:
                out.append(t.capitalize() if ch != low and t else t)
        return "".join(out)
    return name
