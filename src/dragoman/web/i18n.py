"""Interface languages: UI strings from ``web/locales/<lang>.json``, Babel formatting.

The interface speaks English and Arabic. Arabic turns the whole layout
right-to-left. Dates in the store are ISO strings of day, month or year
precision; each is formatted at its own precision ("24 Jan 2026", "Jan 2026",
"2026"), never inventing a day or month.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton
from babel.units import format_unit
from babel.numbers import format_decimal

UI_LANGUAGES = ("en", "ar")
RTL_LANGUAGES = {"ar", "fa", "he", "ur"}
LANG_COOKIE = "dragoman_lang"


@lru_cache(maxsize=None)
def _strings(lang: str) -> dict[str, str]:
    raw = resources.files("dragoman.web").joinpath("locales", f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(raw)


def _parse_iso(value: str) -> tuple[date, str] | None:
    """'2026-01-24' -> (date, 'day'); '2026-01' -> (2026-01-01, 'month'); '2026' -> year."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2])), "day"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1), "year"
    except ValueError:
        return None
    return None


@dataclass(frozen=True)
class Translator:
    """Everything a template needs to speak one language."""

    lang: str

    @property
    def dir(self) -> str:
        return "rtl" if self.lang in RTL_LANGUAGES else "ltr"

    @property
    def locale(self) -> Locale:
        return _locale(self.lang)

    def t(self, key: str, **values: Any) -> str:
        """The UI string ``key``, falling back to English, then to the key itself."""
        text = _strings(self.lang).get(key) or _strings("en").get(key) or key
        if values:
            try:
                return text.format(**{k: self.num(v) if isinstance(v, int) else v for k, v in values.items()})
            except (KeyError, IndexError, ValueError):
                return text
        return text

    def has(self, key: str) -> bool:
        return key in _strings(self.lang) or key in _strings("en")

    def topic(self, value: str) -> str:
        """A topic label in this language, or the topic as stored."""
        key = f"topic.{value}"
        return self.t(key) if self.has(key) else value

    def num(self, value: int | float | None) -> str:
        if value is None:
            return ""
        return format_decimal(value, locale=self.locale)

    def ordinal(self, n: int) -> str:
        """'31st' in English; the bare number elsewhere (the sentence carries the ordinal)."""
        if self.lang != "en":
            return self.num(n)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"

    def date(self, value: str | None, style: str = "medium") -> str:
        """Format an ISO date of any precision for this language."""
        if not value:
            return ""
        parsed = _parse_iso(str(value)[:10])
        if parsed is None:
            return str(value)
        d, precision = parsed
        if precision == "year":
            return format_skeleton("y", d, locale=self.locale)
        if precision == "month":
            return format_skeleton("yMMM" if style != "long" else "yMMMM", d, locale=self.locale)
        return format_date(d, format=style, locale=self.locale)

    def moment(self, value: str | datetime | None) -> str:
        """A timestamp (ISO string or datetime, UTC) as date and time in this language, marked UTC."""
        if not value:
            return ""
        try:
            when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)
        return format_datetime(when, "medium", tzinfo=timezone.utc, locale=self.locale) + " UTC"

    def interval(self, seconds: int | None) -> str:
        """A duration such as '1 hour' or '90 minutes' in this language, in the largest exact unit."""
        if not seconds:
            return ""
        for unit, size in (("hour", 3600), ("minute", 60), ("second", 1)):
            if seconds % size == 0:
                return format_unit(seconds // size, f"duration-{unit}", length="long", locale=self.locale)
        return str(seconds)

    def date_range(self, start: str | None, end: str | None) -> str:
        if start and end and end != start:
            return f"{self.date(start)} – {self.date(end)}"
        return self.date(start)

    def country(self, code: str | None) -> str:
        """The country's name in this language ('AZ' -> 'Azerbaijan' / 'أذربيجان')."""
        if not code:
            return ""
        return self.locale.territories.get(code.upper(), code)

    def language(self, code: str | None) -> str:
        if not code:
            return ""
        return self.locale.languages.get(code, code)

    def event_type(self, value: str | None) -> str:
        return self.t(f"type.{value}") if value else ""


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def pick_language(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The interface language: ?lang=, then the cookie, then Accept-Language, then English."""
    for candidate in (query, cookie):
        if candidate in UI_LANGUAGES:
            return candidate  # type: ignore[return-value]
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in UI_LANGUAGES:
            return code
    return "en"


@lru_cache(maxsize=None)
def translator(lang: str) -> Translator:
    return Translator(lang if lang in UI_LANGUAGES else "en")


def all_keys(lang: str) -> set[str]:
    return set(_strings(lang))
