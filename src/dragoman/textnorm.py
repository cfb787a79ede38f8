"""Text normalisation shared by full-text search, queries and name matching.

Arabic is the hard case: the same word appears with or without short vowels
(tashkeel), with several alef forms (أ إ آ ٱ ا), yeh/alef maqsura (ي ى),
ta marbuta/heh (ة ه), tatweel (ـ) and the article ال glued to the word.
FTS5's unicode61 tokenizer does none of this, so we index and query a
normalised form instead. pyarabic supplies the character tables; the article
stripping is ours because no library does it for search keys.
"""

from __future__ import annotations

import re
import unicodedata

from pyarabic import araby

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"\w+", re.UNICODE)
# Prefixes glued to Arabic nouns: the article, and wa-/bi-/li-/ka-/fa- + article.
_AR_ARTICLE = re.compile(r"^(?:وال|بال|لل|كال|فال|ال)(?=\w{2,})")
_LATIN_FOLD = str.maketrans({"ə": "a", "Ə": "a", "ı": "i", "İ": "i", "ß": "ss", "ø": "o", "æ": "ae"})


def script_of(text: str) -> str:
    """'arabic', 'cyrillic' or 'latin' by the first letters seen."""
    if _ARABIC.search(text):
        return "arabic"
    if _CYRILLIC.search(text):
        return "cyrillic"
    return "latin"


def normalize_arabic(text: str) -> str:
    """Remove tashkeel and tatweel and unify alef, yeh, ta marbuta and hamza forms."""
    text = araby.strip_tashkeel(text)
    text = araby.strip_tatweel(text)
    text = araby.normalize_alef(text)
    text = text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return text


def fold(text: str) -> str:
    """Case-fold and strip Latin/Cyrillic diacritics ("Ülviyyə" -> "ulviyya")."""
    text = text.translate(_LATIN_FOLD).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_token(token: str) -> str:
    """Normalise one word for search: Arabic forms and article, else fold."""
    if _ARABIC.search(token):
        token = normalize_arabic(token)
        return _AR_ARTICLE.sub("", token)
    return fold(token)


def normalize_for_search(text: str) -> str:
    """The form we index and query: normalised words joined by single spaces."""
    if not text:
        return ""
    if _ARABIC.search(text):
        text = normalize_arabic(text)
    return " ".join(normalize_token(w) for w in _WORD.findall(text))
