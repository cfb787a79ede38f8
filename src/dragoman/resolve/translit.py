"""Romanisation of personal names for display (``persons.name_latin``).

- Cyrillic and Latin with diacritics (Azerbaijani ə, ğ, ş ...): ``anyascii``
  (ISC licence, maintained, no data download), with apostrophes from soft signs
  removed ("Ульвия Агаева" -> "Ulviya Agaeva").
- Arabic: no maintained library romanises unvowelled names usefully, so we use
  our own rules: a table of common Gulf, Arab and Azerbaijani name tokens
  (``data/arabic_names.json``) and a letter-by-letter fallback that turns
  Azerbaijani/Russian surname endings (وف -ov, يف -yev, وفا -ova) back into
  their usual Latin shape.

Matching never relies on these strings (it uses ``names.skeleton``); they only
make the record readable and give exports a ``name_latin``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

from dragoman.textnorm import normalize_arabic, script_of

__all__ = ["romanize", "arabic_table"]

_AR_LETTER = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "dh",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ة": "a", "ى": "a", "ء": "", "ئ": "", "ؤ": "", "پ": "p", "چ": "ch", "گ": "g",
}
_ENDINGS = (("وفا", "ova"), ("يفا", "yeva"), ("وف", "ov"), ("يف", "yev"))


@lru_cache(maxsize=1)
def arabic_table() -> dict[str, str]:
    """The name-token table, keyed by normalised Arabic spelling."""
    text = resources.files("dragoman.resolve").joinpath("data/arabic_names.json").read_text("utf-8")
    tokens = json.loads(text)["tokens"]
    return {normalize_arabic(k): v for k, v in tokens.items()}


def _romanize_arabic_token(token: str) -> str:
    """Letter-by-letter romanisation with long vowels from و/ي and Turkic endings."""
    table = arabic_table()
    norm = normalize_arabic(token)
    if norm in table:
        return table[norm]
    prefix = ""
    if norm.startswith("ال") and len(norm) > 3:
        prefix, token, norm = "Al-", token[2:], norm[2:]
        if norm in table:
            return prefix + table[norm]
    suffix = ""
    for ar, lat in _ENDINGS:
        if token.endswith(ar) and len(token) > len(ar) + 1:
            token, suffix = token[: -len(ar)], lat
            break
    out = []
    for i, ch in enumerate(token):
        if ch in "وي":
            out.append(("w" if ch == "و" else "y") if i == 0 else ("u" if ch == "و" else "i"))
        else:
            out.append(_AR_LETTER.get(ch, ""))
    word = "".join(out) + suffix
    return prefix + word[:1].upper() + word[1:]


def romanize(name: str) -> str:
    """A readable Latin form of a personal name in any of our scripts."""
    script = script_of(name)
    if script == "arabic":
        words = re.split(r"\s+", name.strip())
        table = arabic_table()
        out: list[str] = []
        i = 0
        while i < len(words):
            pair = normalize_arabic(" ".join(words[i : i + 2]))
            if i + 1 < len(words) and pair in table:
                out.append(table[pair])
                i += 2
                continue
            word = words[i]
            out.append({"بن": "bin", "بنت": "bint", "آل": "Al"}.get(word) or _romanize_arabic_token(word))
            i += 1
        return " ".join(w for w in out if w)
    return anyascii(name).replace("'", "").replace("`", "").strip()
