"""The brief's language: UI strings from ``locales/<lang>.json``, dates and names from Babel.

Strings live in data files so a translator edits JSON, not code. Plural
variants are keyed by CLDR plural category (``one``, ``two``, ``few``,
``many``, ``other``; Arabic uses them all) and chosen with Babel's rules.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.lists import format_list

from dragoman.briefing.dates import format_partial, format_range

LOCALES_DIR = Path(__file__).with_name("locales")
FSI, PDI = "\u2068", "\u2069"  # Unicode bidi isolates: first-strong isolate, pop directional isolate
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@lru_cache(maxsize=8)
def _load(lang: str) -> dict[str, Any]:
    with open(LOCALES_DIR / f"{lang}.json", encoding="utf-8") as fh:
        return json.load(fh)


class Strings:
    """Lookup and formatting of everything the brief writes in its own language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.data = _load(lang)
        self.locale = Locale.parse(lang)
        self.direction: str = self.data.get("dir", "ltr")

    def raw(self, key: str) -> Any:
        """The value at a dotted key ("s.summary_count")."""
        value: Any = self.data
        for part in key.split("."):
            value = value[part]
        return value

    def iso(self, value: str | None) -> str:
        """Isolate a value written in the other direction (a Latin name in an Arabic sentence).

        Wrapping it in FSI…PDI keeps its punctuation with it ("Minister (Foreign)")
        in every renderer (HTML, PDF, DOCX, Markdown) without markup.
        """
        if not value:
            return ""
        other = ("L",) if self.direction == "rtl" else ("R", "AL")
        if any(unicodedata.bidirectional(c) in other for c in value):
            return f"{FSI}{value}{PDI}"
        return value

    def get(self, key: str, default: str | None = None) -> str | None:
        try:
            value = self.raw(key)
        except (KeyError, TypeError):
            return default
        return value if isinstance(value, str) else default

    def t(self, key: str, **kw: Any) -> str:
        """A plain string, formatted."""
        return str(self.raw(key)).format(**kw)

    def plural(self, key: str, n: int, **kw: Any) -> str:
        """The variant of ``key`` for the number ``n`` (``{n}`` is filled in)."""
        forms = self.raw(key)
        if isinstance(forms, str):
            return forms.format(n=n, **kw)
        form = self.locale.plural_form(n)
        template = forms.get(form) or forms.get("other") or next(iter(forms.values()))
        return template.format(n=n, **kw)

    def counted(self, what: str, n: int) -> str:
        """"3 meetings", "لقاءان"."""
        return self.plural(f"types_counted.{what}", n)

    def ordinal(self, n: int) -> str:
        forms = self.raw("ordinal")
        form = self.locale.ordinal_form(n)
        return (forms.get(form) or forms["other"]).format(n=n)

    def date(self, value: str | None) -> str:
        """A partial ISO date in words, or the word for "undated"."""
        return format_partial(value, self.lang) if value else self.t("undated")

    def on_date(self, value: str | None) -> str:
        """"on 12 May 2025" / "in 2026": the preposition depends on the precision."""
        from dragoman.briefing.dates import precision

        form = "day" if precision(value) == "day" else "other"
        return self.t(f"on_date.{form}", date=self.date(value))

    def date_range(self, start: str | None, end: str | None) -> str:
        return format_range(start, end, self.lang) if start else self.t("undated")

    def country(self, code: str | None) -> str:
        """The country's name in this language ("AZ" -> "Azerbaijan" / "أذربيجان")."""
        if not code:
            return ""
        return self.locale.territories.get(code.upper(), code.upper())

    def language(self, code: str | None) -> str:
        if not code:
            return ""
        return self.locale.languages.get(code, code)

    def event_type(self, kind: str) -> str:
        return self.get(f"types.{kind}") or kind.replace("_", " ")

    def topic(self, key: str) -> str:
        return self.get(f"topics.{key}") or key.replace("_", " ")

    def join(self, items: list[str]) -> str:
        """"a, b and c" in this language."""
        items = [i for i in items if i]
        if not items:
            return ""
        return format_list(items, locale=self.lang)
