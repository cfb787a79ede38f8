"""Cleaning scraped article text: drop page furniture, read the dateline, keep an offset map.

Real inputs arrive with font-size widgets (``date 2025-05-12 + ↺ − 16 px``),
photo credits, "Related news"/"Read more" tails that repeat the lead, share
buttons and agency datelines (``BAKU, Azerbaijan, Feb. 2 Trend:``,
``المنامة في 26 يناير / بنا /``). Cleaning removes them, turns the widget date
and the dateline into document metadata, and records which raw stretches were
kept so every later evidence span can be shown in the raw text
(see ``offsets.py``). The furniture markers are data (``furniture.json``);
month names for datelines come from CLDR through Babel.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from babel import Locale
from babel.dates import get_month_names
from rapidfuzz import fuzz

from dragoman.ingest.offsets import TextBuilder
from dragoman.settings import SUPPORTED_LANGUAGES
from dragoman.textnorm import fold

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_UPPER = "A-ZА-ЯЁƏÜÖĞŞÇİ"


@dataclass(frozen=True)
class CleanRules:
    """Compiled furniture rules (built once per process by ``load_rules``)."""

    font_widget: re.Pattern[str]
    tail: re.Pattern[str]
    photo: re.Pattern[str]
    drop: frozenset[str]
    dateline_latin: re.Pattern[str]
    dateline_arabic: re.Pattern[str]
    months: dict[str, int]
    countries: dict[str, str]
    agencies: frozenset[str]
    credit: re.Pattern[str]
    social: frozenset[str]
    widgets: re.Pattern[str]


@dataclass
class Cleaned:
    """The cleaned text and what cleaning learnt about the document."""

    text: str
    offset_map: list[tuple[int, int]]
    dateline_place: str | None = None
    dateline_country: str | None = None
    dateline_date: str | None = None
    widget_date: str | None = None
    agency: str | None = None  # the news agency named in the dateline or a "… reports" credit


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)


def _month_table() -> tuple[dict[str, int], set[str]]:
    """Folded month name -> number, and every written form (for the regular expressions)."""
    months: dict[str, int] = {"sept": 9}
    forms: set[str] = {"Sept"}
    for lang in SUPPORTED_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context="format", locale=lang).items():
                name = name.rstrip(".")
                months[fold(name)] = number
                forms |= {name, fold(name)}
    return months, forms


def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lang in SUPPORTED_LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                table.setdefault(fold(name), code)
    return table


@lru_cache(maxsize=1)
def load_rules() -> CleanRules:
    """Compile the furniture data and CLDR month names into regular expressions."""
    data = json.loads(resources.files("dragoman.ingest").joinpath("furniture.json").read_text("utf-8"))
    months, forms = _month_table()
    month_alt = _alternation({m for m in forms if not re.search(r"[\u0600-\u06FF]", m)})
    ar_month_alt = _alternation({m for m in forms if re.search(r"[\u0600-\u06FF]", m)})
    agencies = frozenset(fold(a) for a in data["agencies"])
    agency_alt = _alternation(set(data["agencies"]))
    city = rf"[{_UPPER}][\w'’\-]+(?:\s[{_UPPER}][\w'’\-]+)?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    date = (
        rf"(?:(?P<m1>{month_alt})\.?\s*(?P<d1>{day})|(?P<d2>{day})\s*(?:of\s+)?(?P<m2>{month_alt})\.?)"
        rf"(?:\s*,?\s*(?P<year>\d{{4}})(?:-?c[iı]\s+il|\s*г(?:ода|\.)?)?)?"
    )
    agency = rf"(?:[/(]\s*)?(?P<agency>{agency_alt})\s*[/)]?"
    latin = (
        rf"^(?P<city>{city})\s*[,.]?\s*(?:(?P<country>{city})\s*,\s*)?"
        rf"(?:{date}(?=[\s.:,/(–—-])\s*(?:[.:,]\s*)?(?:[–—-]+\s*)?(?:{agency}\s*[.:,–—-]*\s*)?"
        rf"|{agency.replace('agency>', 'agency2>')}\s*[.:,]?\s*[–—-]+\s*)"
    )
    arabic = (
        r"^(?P<city>[\u0600-\u06FF]+(?:\s[\u0600-\u06FF]+)?)\s*(?:في|،|-|–)\s*"
        rf"(?P<d2>[0-9٠-٩]{{1,2}})\s+(?P<m2>{ar_month_alt})(?:\s+(?P<year>[0-9٠-٩]{{4}}))?\s*"
        r"(?:[/(]\s*(?P<agency>[\u0600-\u06FF ]{2,20}?)\s*[/)]\s*[:.،-]?|[:：-])\s*"
    )
    return CleanRules(
        font_widget=re.compile(data["font_widget"], re.IGNORECASE | re.MULTILINE),
        tail=re.compile(rf"^(?:{_alternation(set(data['tail']))})(?!\w)\s*[:.]?\s*$", re.IGNORECASE),
        photo=re.compile(rf"^(?:{_alternation(set(data['photo']))})\s*[:：]", re.IGNORECASE),
        drop=frozenset(fold(d) for d in data["drop"]),
        dateline_latin=re.compile(latin, re.IGNORECASE),
        dateline_arabic=re.compile(arabic),
        months=months,
        countries=_country_table(),
        agencies=agencies,
        social=frozenset(fold(w) for w in data["social"]),
        widgets=re.compile(rf"^(?:{_alternation(set(data['widgets']))})\b", re.IGNORECASE),
        credit=re.compile(rf"\b(?P<agency>{agency_alt})\s+(?:reports|reported|informs|news agency reports)\b"),
    )


def _line_spans(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, surrounding white space excluded."""
    spans = []
    for m in re.finditer(r"[^\n]+", raw):
        s, e = m.start(), m.end()
        while s < e and raw[s].isspace():
            s += 1
        while e > s and raw[e - 1].isspace():
            e -= 1
        spans.append((s, e))
    return spans


def _paragraphs(raw: str) -> list[list[tuple[int, int]]]:
    """Group non-empty lines into paragraphs (blank lines separate them)."""
    paragraphs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last_end = 0
    for s, e in _line_spans(raw):
        gap = raw[last_end:s]
        if current and gap.count("\n") >= 2:
            paragraphs.append(current)
            current = []
        if e > s:
            current.append((s, e))
        elif current:
            paragraphs.append(current)
            current = []
        last_end = e
    if current:
        paragraphs.append(current)
    return paragraphs


def _strip_widgets(raw: str, spans: list[tuple[int, int]], rules: CleanRules, found: dict[str, str]) -> list[tuple[int, int]]:
    """Cut font-size widgets out of line spans, remembering the widget's date."""
    out = []
    for s, e in spans:
        pos = s
        for m in rules.font_widget.finditer(raw[s:e]):
            widget_date = m.group("date") or m.group("date2")
            if widget_date and "widget_date" not in found:
                found["widget_date"] = widget_date
            out.append((pos, s + m.start()))
            pos = s + m.end()
        out.append((pos, e))
    return [_trim(raw, a, b) for a, b in out if raw[a:b].strip()]


def _trim(raw: str, s: int, e: int) -> tuple[int, int]:
    while s < e and raw[s].isspace():
        s += 1
    while e > s and raw[e - 1].isspace():
        e -= 1
    return s, e


# "RIYADH:", "ANKARA —": a capitalised city alone before the body
_CAPS_DATELINE = re.compile(r"^(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]{2,}(?:\s[A-ZА-ЯЁ][A-ZА-ЯЁ'’\-]{2,})?)\s*(?::|\s[–—-]{1,2})\s+")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_DATE_ONLY = re.compile(r"^[\w\s.,/:-]{0,12}\d{1,4}[./-]\d{1,2}[./-]\d{1,4}[\w\s.,:]{0,12}$")


def _is_share_bar(line: str, rules: CleanRules) -> bool:
    """'Share: Facebook | X | WhatsApp' and the like: every item a social network or share word."""
    items = [fold(i).strip() for i in re.split(r"[|•·,:/]+|\s{2,}", line) if i.strip()]
    if len(items) < 2:
        items = [fold(i) for i in line.split()]
    return len(items) >= 2 and all(i in rules.social for i in items)


def _is_furniture(line: str, rules: CleanRules) -> bool:
    folded = fold(line.strip(" \t|•·-–—"))
    if folded in rules.drop or folded in rules.agencies:
        return True
    if len(line) >= 120:
        return False
    if rules.photo.match(line) or rules.widgets.match(line) or _is_share_bar(line, rules):
        return True
    # a bare timestamp line ("08 July, 2025 12:47", "Mon 13-10-2025 19:05 PM")
    return len(line.split()) <= 6 and bool(_TIME.search(line) or _DATE_ONLY.match(line))


def _is_heading(line: str) -> bool:
    """A short line without sentence punctuation: a section label or headline above the body."""
    return len(line.split()) <= 8 and not re.search(r"[.!?؟。:]\s*$", line)


def _dateline_date(m: re.Match[str], rules: CleanRules, anchor: str | None) -> str | None:
    groups = m.groupdict()
    month_word = groups.get("m1") or groups.get("m2")
    day_word = groups.get("d1") or groups.get("d2")
    if not month_word or not day_word:
        return None
    month = rules.months.get(fold(month_word.rstrip(".")))
    if not month or not day_word:
        return None
    day = int(re.match(r"\d+", day_word.translate(_ARABIC_DIGITS)).group())  # type: ignore[union-attr]
    year_word = groups.get("year")
    if year_word:
        year = int(year_word.translate(_ARABIC_DIGITS))
    elif anchor:
        year = int(anchor[:4])
        try:  # a dateline well after the anchor belongs to the year before
            if (date(year, month, day) - date.fromisoformat(anchor[:10])).days > 60:
                year -= 1
        except ValueError:
            return None
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _read_dateline(raw: str, s: int, e: int, rules: CleanRules, anchor: str | None, cleaned: Cleaned) -> int:
    """If the paragraph starts with a dateline, record it; returns where the body starts."""
    for pattern in (rules.dateline_latin, rules.dateline_arabic, _CAPS_DATELINE):
        m = pattern.match(raw[s:e])
        if not m:
            continue
        if pattern is rules.dateline_arabic and not m.group("agency") and not m.group(0).rstrip().endswith((":", "-")):
            continue
        city = m.group("city").strip()
        cleaned.dateline_place = city.title() if city.isupper() else city
        country = m.groupdict().get("country")
        if country:
            cleaned.dateline_country = rules.countries.get(fold(country.strip()))
        cleaned.dateline_date = _dateline_date(m, rules, anchor)
        agency = m.groupdict().get("agency") or m.groupdict().get("agency2")
        cleaned.agency = agency.strip() if agency and agency.strip() else None
        return s + m.end()
    return s


def _same_text(a: str, b: str) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    if len(a) < 40 or len(b) < 40:
        return False
    return a == b or fuzz.ratio(a, b) >= 90 or (len(b) > 60 and b in a) or (len(a) > 60 and a in b)


def clean_text(raw: str, anchor: str | None = None, rules: CleanRules | None = None) -> Cleaned:
    """Clean ``raw`` article text; ``anchor`` (ISO date) gives datelines their year."""
    rules = rules or load_rules()
    found: dict[str, str] = {}
    cleaned = Cleaned(text="", offset_map=[])
    kept: list[list[tuple[int, int]]] = []
    for paragraph in _paragraphs(raw):
        lines = _strip_widgets(raw, paragraph, rules, found)
        if kept and lines and rules.tail.match(raw[lines[0][0]:lines[0][1]]):
            break
        lines = [(s, e) for s, e in lines if not _is_furniture(raw[s:e], rules)]
        if not kept:
            lines = _drop_leading_headings(raw, lines, rules)
        if not kept and lines:
            s, e = lines[0]
            start = _read_dateline(raw, s, e, rules, anchor or found.get("widget_date"), cleaned)
            lines[0] = _trim(raw, start, e)
            lines = [ln for ln in lines if ln[1] > ln[0]]
        if lines:
            kept.append(lines)
    cleaned.widget_date = found.get("widget_date")
    if len(kept) >= 3 and _same_text(_para_text(raw, kept[0]), _para_text(raw, kept[-1])):
        kept.pop()  # a share/"Read more" tail that repeats the lead
    builder = TextBuilder(raw)
    for lines in kept:
        builder.separator("\n\n")
        for i, (s, e) in enumerate(lines):
            if i:
                builder.separator("\n")
            builder.keep(s, e)
    cleaned.text = builder.text()
    cleaned.offset_map = builder.anchors
    if cleaned.agency is None and (credit := rules.credit.search(cleaned.text[:800])):
        cleaned.agency = credit.group("agency")
    return cleaned


def _drop_leading_headings(raw: str, lines: list[tuple[int, int]], rules: CleanRules) -> list[tuple[int, int]]:
    """Before the body starts, drop section labels and headline lines (never a dateline)."""
    while lines:
        text = raw[lines[0][0]:lines[0][1]]
        if not _is_heading(text) or rules.dateline_latin.match(text) or rules.dateline_arabic.match(text):
            break
        if len(lines) == 1 and len(raw) - lines[0][1] < 100:
            break  # nothing substantial follows: keep what there is
        lines = lines[1:]
    return lines


def _para_text(raw: str, lines: list[tuple[int, int]]) -> str:
    return " ".join(raw[s:e] for s, e in lines)
