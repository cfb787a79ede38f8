"""Language identification with lingua, restricted to the seven supported languages.

Restricting lingua keeps its models at ~200 MB instead of over 1 GB and makes it
faster. Arabic script means Arabic here (the only Arabic-script language we
support), so only Latin and Cyrillic texts reach the detector.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_SAMPLE = 2000

_CODES = {
    "ENGLISH": "en",
    "ARABIC": "ar",
    "RUSSIAN": "ru",
    "AZERBAIJANI": "az",
    "TURKISH": "tr",
    "FRENCH": "fr",
    "GERMAN": "de",
}


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _CODES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language among the supported seven, or None."""
    sample = text[:_SAMPLE]
    arabic = len(_ARABIC.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic and arabic >= max(cyrillic, latin):
        return "ar"
    if not (cyrillic or latin):
        return None
    language = _detector().detect_language_of(sample)
    if language is None:
        return None
    return _CODES.get(language.name)
