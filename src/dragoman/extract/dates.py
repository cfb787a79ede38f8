"""Find and resolve date expressions in diplomatic news text.

    find_dates(text, lang, anchor, resources=None) -> list[DateMention]
    load_date_resources(lang) -> DateResources      (cached; pass it in for speed)

The grammar is ours and language-neutral: every word (month names with their
inflections, weekdays, relative phrases and their offsets, range connectors,
ordinal and year suffixes ...) comes from ``dragoman/lang/<code>/dates.json``
and is compiled once into a single regular expression by
:mod:`dragoman.extract.dates_grammar`. ``dateparser`` is only consulted for a
span the grammar delimits but does not resolve itself: a language's
``fallback_patterns`` ("in two weeks", "через две недели", "dans deux
semaines"), which are rare, so the common path never calls it.

Resolution rules
----------------
``anchor`` is the ISO publication/dateline date ("2025-05-15"; "2025-05" and
"2025" are accepted with reduced power). With no anchor nothing that needs one
is resolved: the mention is still returned, with ``value=None``.

* Explicit dates ("15 May 2025", "2025-05-12", "12.05.2025", "в октябре 2024
  года") resolve without the anchor: ``relative=False``.
* A day or month without a year ("15 May", "January 24 through 26", "in
  October") takes the anchor's year, except that a date more than 60 days
  after the anchor is moved to the previous year (news reports past events).
  When the sentence carries a future cue from the data file ("will", "سوف",
  "будет", "-acaq" ...) the rule flips: a date more than 60 days *before* the
  anchor moves to the next year. ``relative=True`` because the anchor was used.
* Month modifiers: "last October"/"أكتوبر الماضي" is the latest such month
  strictly before the anchor's month, "next"/"المقبل" the first one after it,
  "this"/"الجاري" the anchor's year. With a day the comparison is by day.
  "October last year"/"в октябре прошлого года"/"ötən ilin oktyabr ayında"
  shift the anchor's year by the phrase's offset.
* Weekdays: a bare "Monday"/"يوم الاثنين"/"в понедельник" is the most recent
  such day on or before the anchor (past reporting), or the first on or after
  it when a future cue is present; "last Monday" is strictly before, "next
  Monday" strictly after, "this Monday" the day in the anchor's week.
* Relative phrases carry their offset in the data file: ``{"days": -1}``
  (day), ``{"weeks": -1}`` (the Monday..Sunday of that week as a range of days,
  ``until_anchor``/``from_anchor`` clip it to the anchor), ``{"months": 1}``
  (month granularity), ``{"years": -1}`` (year granularity).
* "N days ago" / "قبل يومين" / "три дня назад" use the data file's units and
  number words; a vague count ("several days ago") gives ``value=None``.
* "On the same day", "later in the day", "في اليوم نفسه" ... have
  ``kind="same_day"`` and ``value=None``: the caller uses the previous event's
  date.

``kind`` is "range" for ranges, "same_day" as above, "relative" for purely
deictic expressions (no month name or calendar number written: yesterday, on
Monday, last week, next year, two days ago) and "absolute" otherwise, even when
the year came from the anchor (then ``relative`` is True).

Spans cover the date expression itself: introducing prepositions ("on", "in",
"في", "в", "am" ...) and Arabic clitics (و ف ب ل) are excluded, range prefixes
("from", "between", "с", "من", "du", "vom") are included; relative and
same-day phrases are spanned as the data file lists them ("В тот же день",
"am selben Tag").

Speed: the common path is one regex scan plus a few dictionary look-ups per
date; ``bench/bench_dates.py`` measures about 0.1-0.2 ms per 3 KB report.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources as importlib_resources
from types import MappingProxyType
from typing import Any

from dragoman.extract.dates_grammar import (
    build_master,
    make_fold,
    make_scan_table,
    trie_regex,
)

__all__ = ["DateMention", "DateResources", "find_dates", "load_date_resources", "REQUIRED_KEYS"]


@dataclass(frozen=True)
class DateMention:
    start: int  # char offsets into the text passed in
    end: int
    text: str
    value: str | None  # ISO start: "2025-05-15", "2025-05" or "2025"; None if unresolvable
    end_value: str | None  # ISO end for ranges, else None
    granularity: str  # "day" | "month" | "year"
    relative: bool  # True when resolved against the anchor
    kind: str  # "absolute" | "relative" | "range" | "same_day"


# Every lang/<code>/dates.json has exactly these keys (plus optional "_comment"-style
# keys starting with "_"). The value says what type the key holds.
REQUIRED_KEYS: Mapping[str, type] = MappingProxyType(
    {
        "lang": str,
        "char_equivalents": list,  # [["ا","أ","إ","آ"], ...]: first member is canonical
        "clitics": list,  # prefixes glued to a date word, excluded from spans: و ف ب ل
        "month_intros": list,  # words that make a bare month name a date ("in", "في", "в")
        "year_intros": list,  # words that make a bare 4-digit year a date ("in", "عام")
        "weekday_intros": list,  # "on", "يوم", "в"
        "weekday_intro_required": bool,  # True: a weekday is a date only after an intro
        "weekday_date_joiners": list,  # words between a weekday and its date ("الموافق")
        "months": dict,  # full month forms with all inflections -> 1..12
        "months_abbr": dict,  # abbreviations: only with a day or a year
        "months_md": dict,  # forms allowed before the day ("mayın 15-də"); {} = all
        "months_standalone": dict,  # forms that are a date on their own ("mayda")
        "month_standalone_capitalized": bool,  # bare month must be capitalised ("in May", not "may")
        "month_suffix_words": list,  # words after a bare month that make it a date (" ayında")
        "month_modifiers_before": dict,  # "last" -> "past" | "next" | "current"
        "month_modifiers_after": dict,  # "الماضي" -> "past"
        "year_relative_before": dict,  # "ötən ilin" -> -1 (before a month)
        "year_relative_after": dict,  # "прошлого года" -> -1 (after a month)
        "weekdays": dict,  # weekday forms -> 0 (Monday) .. 6 (Sunday)
        "weekday_modifiers_before": dict,  # "last" -> "past", "next" -> "next", "this" -> "current"
        "weekday_modifiers_after": dict,  # "الماضي" -> "past"
        "week_start": int,  # 0 = Monday .. 6 = Sunday, for "last week" ranges
        "relative": dict,  # phrase -> {"days": -1} | {"weeks": n} | {"months": n} | {"years": n}
        "same_day": list,  # "on the same day", "في اليوم نفسه"
        "not_dates": list,  # phrases consumed and never reported ("Russia Today", "اليوم الوطني")
        "exact_case": list,  # relative phrases that count only in exactly this case ("morgen")
        "day_suffixes": list,  # "th", "-də", "." (German "15.")
        "day_month_joiners": list,  # "of" in "15th of May"
        "orders": list,  # "dm" (15 May) and/or "md" (May 15)
        "year_first": bool,  # allow "2025-ci il 15 may"
        "year_suffixes": list,  # "года", "-ci il", "م"
        "range_prefixes": list,  # "from", "between", "с", "من" (kept in the span)
        "range_connectors": dict,  # connector -> prefixes it requires ([] = none): "and": ["between"]
        "range_start_suffixes": list,  # day suffixes that open a range without connector ("24-dən")
        "numeric_order": dict,  # separator -> "dmy" | "mdy" for 12.05.2025 / 05/12/2025
        "ago": dict,  # {"before": [...], "after": [...], "units": {...}, "numbers": {...}, "not_followed_by": [...]}
        "future_cues": list,  # regexes (no groups) marking future tense; matched on folded lower-case text
        "future_scope": str,  # where to look for them: "before" | "after" | "both"
        "fallback_patterns": list,  # regexes (no groups, folded lower-case) resolved by dateparser
    }
)

_AGO_KEYS = ("before", "after", "units", "numbers", "not_followed_by")
_MODS = ("past", "next", "current")
_REL_UNITS = ("days", "weeks", "months", "years")
_SENTENCE_END = ".!?؟\n"
_OPENERS = "([{«\"“„'‹,;:"
_WINDOW = 100
_FUTURE_GAP = timedelta(days=60)
_ANCHOR_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, eq=False)
class DateResources:
    """Everything compiled from one language's dates.json. Share freely: the only
    mutable part is ``single``, a cache of retry patterns filled on first use."""

    lang: str
    pattern: re.Pattern[str]  # runs on the folded scan text (see dates_grammar)
    scan_table: Mapping[int, str]
    scan_pairs: tuple[tuple[str, str], ...]  # the same map as (char, replacement), for str.replace
    alts: Mapping[str, tuple[str, Mapping[str, str], int]]  # name -> (kind, role -> group, index)
    alt_prefix: str  # separator + lead + gate, shared by all alternatives
    alt_bodies: tuple[str, ...]  # the alternatives' sources, in priority order
    single: dict[int, re.Pattern[str]]  # lazily compiled prefix + one alternative (retries)
    fold: Callable[[str], str]
    months: Mapping[str, int]
    standalone_forms: frozenset[str]
    standalone_capitalized: bool
    month_suffix_re: re.Pattern[str] | None
    month_mods: Mapping[str, str]
    year_rel: Mapping[str, int]
    weekdays: Mapping[str, int]
    weekday_mods: Mapping[str, str]
    weekday_intros: frozenset[str]
    weekday_intro_required: bool
    month_intros: frozenset[str]
    year_intros: frozenset[str]
    intro_words: int  # the most words any intro has
    clitics: tuple[str, ...]
    week_start: int
    relative: Mapping[str, Mapping[str, Any]]
    exact_case: Mapping[str, frozenset[str]]
    range_connectors: Mapping[str, frozenset[str]]
    range_start_suffixes: frozenset[str]
    range_prefixes: frozenset[str]
    numeric_order: Mapping[str, str]
    ago_units: Mapping[str, tuple[str, int | None]]
    ago_numbers: Mapping[str, int | None]
    future_re: re.Pattern[str] | None
    future_scope: str


# ---------------------------------------------------------------------------
# Loading


def _lang_file(lang: str):
    return importlib_resources.files("dragoman").joinpath("lang", lang, "dates.json")


def read_date_data(lang: str) -> dict[str, Any]:
    """Read and validate lang/<lang>/dates.json (raises ValueError naming the problem)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        raise ValueError(f"not a language code: {lang!r}")
    path = _lang_file(lang)
    if not path.is_file():
        raise ValueError(f"no date data for language {lang!r} (expected lang/{lang}/dates.json)")
    data = json.loads(path.read_text(encoding="utf-8"))
    validate_date_data(data, source=f"lang/{lang}/dates.json")
    return data


def validate_date_data(data: dict[str, Any], source: str = "dates.json") -> None:
    """Check keys, types and value ranges of one dates.json document."""
    problems: list[str] = []
    keys = {k for k in data if not k.startswith("_")}
    missing = sorted(set(REQUIRED_KEYS) - keys)
    extra = sorted(keys - set(REQUIRED_KEYS))
    if missing:
        problems.append(f"missing keys {missing}")
    if extra:
        problems.append(f"unknown keys {extra}")
    for key, typ in REQUIRED_KEYS.items():
        if key in data and not isinstance(data[key], typ):
            problems.append(f"{key} must be a {typ.__name__}")
    if problems:
        raise ValueError(f"{source}: " + "; ".join(problems))

    def check_map(key: str, ok: Callable[[Any], bool], what: str) -> None:
        for form, v in data[key].items():
            if not isinstance(form, str) or not form.strip() or not ok(v):
                problems.append(f"{key}[{form!r}] must be {what}, got {v!r}")

    for key in ("months", "months_abbr", "months_md", "months_standalone"):
        check_map(key, lambda v: isinstance(v, int) and 1 <= v <= 12, "a month 1..12")
    check_map("weekdays", lambda v: isinstance(v, int) and 0 <= v <= 6, "a weekday 0..6")
    for key in (
        "month_modifiers_before",
        "month_modifiers_after",
        "weekday_modifiers_before",
        "weekday_modifiers_after",
    ):
        check_map(key, lambda v: v in _MODS, f"one of {_MODS}")
    for key in ("year_relative_before", "year_relative_after"):
        check_map(key, lambda v: isinstance(v, int), "an integer year offset")
    check_map(
        "relative",
        lambda v: isinstance(v, dict)
        and sum(u in v for u in _REL_UNITS) == 1
        and all(k in _REL_UNITS + ("until_anchor", "from_anchor") for k in v)
        and all(isinstance(v[u], int) for u in _REL_UNITS if u in v),
        "one of {days|weeks|months|years: int} (+ until_anchor/from_anchor)",
    )
    check_map("range_connectors", lambda v: isinstance(v, list), "a list of required prefixes")
    check_map("numeric_order", lambda v: v in ("dmy", "mdy"), '"dmy" or "mdy"')
    if not 0 <= data["week_start"] <= 6:
        problems.append("week_start must be 0..6")
    if not set(data["orders"]) <= {"dm", "md"} or not data["orders"]:
        problems.append('orders must be a non-empty subset of ["dm", "md"]')
    if data["range_start_suffixes"] and not data["day_suffixes"]:
        problems.append("range_start_suffixes need day_suffixes to attach to")
    if data["future_scope"] not in ("before", "after", "both"):
        problems.append('future_scope must be "before", "after" or "both"')
    ago = data["ago"]
    if set(ago) != set(_AGO_KEYS):
        problems.append(f"ago must have exactly the keys {list(_AGO_KEYS)}")
    else:
        for u, spec in ago["units"].items():
            if not (
                isinstance(spec, list)
                and len(spec) == 2
                and spec[0] in _REL_UNITS
                and (spec[1] is None or isinstance(spec[1], int))
            ):
                problems.append(f"ago.units[{u!r}] must be [unit, implied count or null]")
        for w, n in ago["numbers"].items():
            if not (n is None or isinstance(n, int)):
                problems.append(f"ago.numbers[{w!r}] must be an int or null")
    for key in ("future_cues", "fallback_patterns"):
        for p in data[key]:
            try:
                if re.compile(p).groups:
                    problems.append(f"{key}: {p!r} must not contain capturing groups")
            except re.error as exc:
                problems.append(f"{key}: {p!r} is not a regex ({exc})")
    # One form, one month: an inflected form may not point at two months.
    fold = make_fold(data["char_equivalents"])
    seen: dict[str, int] = {}
    for key in ("months", "months_abbr", "months_md", "months_standalone"):
        for form, n in data[key].items():
            f = fold(form)
            if seen.setdefault(f, n) != n:
                problems.append(f"month form {form!r} maps to both {seen[f]} and {n}")
    if problems:
        raise ValueError(f"{source}: " + "; ".join(problems))


@functools.lru_cache(maxsize=16)
def load_date_resources(lang: str) -> DateResources:
    """Compile lang/<lang>/dates.json into a DateResources (cached per language)."""
    data = read_date_data(lang)
    return compile_date_resources(data, lang)


def compile_date_resources(data: dict[str, Any], lang: str | None = None) -> DateResources:
    """Compile already-validated date data (also used by tests with synthetic data)."""
    fold = make_fold(data["char_equivalents"])
    pattern, alts, parts = build_master(data, fold)

    def fmap(d: Mapping[str, Any]) -> Mapping[str, Any]:
        return MappingProxyType({fold(k): v for k, v in d.items()})

    months: dict[str, int] = {}
    for key in ("months", "months_abbr", "months_md", "months_standalone"):
        months.update({fold(k): v for k, v in data[key].items()})
    if data["month_suffix_words"]:
        suffix = trie_regex({fold(w) for w in data["month_suffix_words"]})
        month_suffix_re = re.compile(rf"\s*(?:{suffix})(?!\w)")
    else:
        month_suffix_re = None
    if data["future_cues"]:
        table = make_scan_table(data["char_equivalents"])
        cues = "|".join(c.translate(table) for c in data["future_cues"])
        future_re = re.compile(r"(?<!\w)(?:" + cues + r")(?!\w)", re.IGNORECASE)
    else:
        future_re = None
    exact: dict[str, set[str]] = {}
    for form in data["exact_case"]:
        exact.setdefault(fold(form), set()).add(" ".join(form.split()))
    return DateResources(
        lang=lang or data["lang"],
        pattern=pattern,
        scan_table=MappingProxyType(make_scan_table(data["char_equivalents"])),
        scan_pairs=tuple(
            (chr(k), v) for k, v in sorted(make_scan_table(data["char_equivalents"]).items()) if chr(k) != v
        ),
        alts=MappingProxyType(alts),
        alt_prefix=parts["prefix"],
        alt_bodies=tuple(body for _kind, body in parts["alternatives"]),
        single={},
        fold=fold,
        months=MappingProxyType(months),
        standalone_forms=frozenset(fold(k) for k in data["months_standalone"]),
        standalone_capitalized=data["month_standalone_capitalized"],
        month_suffix_re=month_suffix_re,
        month_mods=MappingProxyType(
            {**fmap(data["month_modifiers_before"]), **fmap(data["month_modifiers_after"])}
        ),
        year_rel=MappingProxyType({**fmap(data["year_relative_before"]), **fmap(data["year_relative_after"])}),
        weekdays=fmap(data["weekdays"]),
        weekday_mods=MappingProxyType(
            {**fmap(data["weekday_modifiers_before"]), **fmap(data["weekday_modifiers_after"])}
        ),
        weekday_intros=frozenset(fold(w) for w in data["weekday_intros"]),
        weekday_intro_required=data["weekday_intro_required"],
        month_intros=frozenset(fold(w) for w in data["month_intros"]),
        year_intros=frozenset(fold(w) for w in data["year_intros"]),
        intro_words=max(
            (len(fold(w).split()) for k in ("month_intros", "year_intros", "weekday_intros") for w in data[k]),
            default=0,
        ),
        clitics=tuple(sorted({fold(c) for c in data["clitics"]}, key=len, reverse=True)),
        week_start=data["week_start"],
        relative=MappingProxyType({fold(k): MappingProxyType(v) for k, v in data["relative"].items()}),
        exact_case=MappingProxyType({k: frozenset(v) for k, v in exact.items()}),
        range_connectors=MappingProxyType(
            {fold(k): frozenset(fold(p) for p in v) for k, v in data["range_connectors"].items()}
        ),
        range_start_suffixes=frozenset(fold(s) for s in data["range_start_suffixes"]),
        range_prefixes=frozenset(fold(s) for s in data["range_prefixes"]),
        numeric_order=MappingProxyType(dict(data["numeric_order"])),
        ago_units=MappingProxyType({fold(k): (v[0], v[1]) for k, v in data["ago"]["units"].items()}),
        ago_numbers=fmap(data["ago"]["numbers"]),
        future_re=future_re,
        future_scope=data["future_scope"],
    )


# ---------------------------------------------------------------------------
# Anchor and calendar helpers


@dataclass(frozen=True)
class _Anchor:
    y: int
    m: int | None
    d: int | None

    @property
    def day(self) -> date | None:
        return date(self.y, self.m, self.d) if self.m and self.d else None

    @property
    def ref(self) -> date:
        """A reference day for comparisons (the 15th when only the month is known)."""
        return date(self.y, self.m or 7, self.d or (15 if self.m else 1))


def _parse_anchor(anchor: Any) -> _Anchor | None:
    if anchor is None:
        return None
    if isinstance(anchor, (date, datetime)):
        anchor = anchor.isoformat()
    m = _ANCHOR_RE.match(str(anchor))
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    try:
        date(y, mo or 1, d or 1)
    except ValueError:
        return None
    if mo is None:
        d = None
    return _Anchor(y, mo, d)


def _iso_day(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


_MONTH_DAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29 February may exist


def _day_exists(m: int, d: int) -> bool:
    return d <= _MONTH_DAYS[m]


# ---------------------------------------------------------------------------
# Matching


class _Ctx:
    __slots__ = ("text", "scan", "res", "anchor")

    def __init__(self, text: str, scan: str, res: DateResources, anchor: _Anchor | None) -> None:
        self.text = text
        self.scan = scan
        self.res = res
        self.anchor = anchor

    def mention(
        self,
        m: re.Match[str],
        name: str,
        value: str | None,
        end_value: str | None,
        granularity: str,
        relative: bool,
        kind: str,
    ) -> DateMention:
        s, e = m.span(name)
        return DateMention(s - 1, e - 1, self.text[s:e], value, end_value, granularity, relative, kind)

    def future(self, start: int, end: int) -> bool:
        res = self.res
        if res.future_re is None:
            return False
        text = self.scan
        if res.future_scope != "after":
            seg = text[max(0, start - _WINDOW) : start]
            cut = max(seg.rfind(c) for c in _SENTENCE_END)
            if res.future_re.search(seg, cut + 1):
                return True
        if res.future_scope != "before":
            seg = text[end : end + _WINDOW]
            cuts = [i for i in (seg.find(c) for c in _SENTENCE_END) if i >= 0]
            if res.future_re.search(seg, 0, min(cuts) if cuts else len(seg)):
                return True
        return False

    def capitalized(self, m: re.Match[str], group: int) -> bool:
        """Whether the original text of a group starts with a capital letter."""
        return self.text[m.start(group) : m.start(group) + 1].isupper()

    def sentence_start(self, pos: int) -> bool:
        """Whether only spaces, quotes or a sentence end precede ``pos``."""
        i = pos - 1
        while i >= 0 and (self.text[i].isspace() or self.text[i] in "\"'«“„(-–—"):
            i -= 1
        return i < 0 or self.text[i] in _SENTENCE_END or self.text[i] in ":;"

    def has_intro(self, m: re.Match[str], name: str, intros: frozenset[str]) -> bool:
        """Whether one of ``intros`` ("in", "في", "в", "mid-") ends right before the date."""
        res = self.res
        scan = self.scan
        start = j = m.start(name)
        if start > 0 and not (scan[start - 1].isspace() or scan[start - 1] == "-"):
            return False
        for _ in range(res.intro_words):
            while j > 0 and scan[j - 1].isspace():
                j -= 1
            while j > 0 and not scan[j - 1].isspace():
                j -= 1
            word = " ".join(scan[j:start].split()).lstrip(_OPENERS)  # scan is folded already
            if word in intros:
                return True
            for c in res.clitics:  # "وفي" = و + في
                if word.startswith(c) and word[len(c) :] in intros:
                    return True
        return False


def _g(m: re.Match[str], roles: Mapping[str, str], role: str) -> str | None:
    group = roles.get(role)
    return m.group(group) if group is not None else None


def _month_no(res: DateResources, s: str) -> int | None:
    return res.months.get(res.fold(s.split("/", 1)[0]))


def _year_for_mod(a: _Anchor | None, mod: str, month: int, day: int | None) -> int | None:
    if a is None:
        return None
    if mod == "current":
        return a.y
    if a.m is None:
        return None
    here = (a.m, a.d or 15) if day else (a.m, 0)
    there = (month, day) if day else (month, 0)
    if mod == "past":
        return a.y if there < here else a.y - 1
    return a.y if there > here else a.y + 1


def _infer_year(ctx: _Ctx, month: int, day: int | None, start: int, end: int) -> int | None:
    """The anchor's year, moved by a year when that puts the date far on the wrong side."""
    a = ctx.anchor
    if a is None:
        return None
    if a.m is None:
        return a.y
    ref = a.ref
    y = a.y
    first = date(y, month, min(day, 28) if day else 1)
    last = date(y, month, min(day, 28) if day else calendar.monthrange(y, month)[1])
    if ctx.future(start, end):
        if last < ref - _FUTURE_GAP:
            y += 1
    elif first > ref + _FUTURE_GAP:
        y -= 1
    return y


def _year_for(
    ctx: _Ctx, m: re.Match[str], roles: Mapping[str, str], month: int, day: int | None
) -> tuple[int | None, bool]:
    """Year of a day/month date from its tail (explicit year, modifiers) or the anchor.

    Returns (year or None, relative) where relative says the anchor was used.
    """
    res = ctx.res
    y = _g(m, roles, "y") or _g(m, roles, "y0")
    if y:
        return int(y), False
    for role in ("ya", "yb"):
        v = _g(m, roles, role)
        if v:
            off = res.year_rel.get(res.fold(v), 0)
            return (ctx.anchor.y + off if ctx.anchor else None), True
    for role in ("ma", "mb"):
        v = _g(m, roles, role)
        if v:
            return _year_for_mod(ctx.anchor, res.month_mods.get(res.fold(v), "current"), month, day), True
    return _infer_year(ctx, month, day, m.start(), m.end()), True


_SKIP = object()


def _h_skip(ctx, m, name, roles):
    return _SKIP


def _h_iso(ctx, m, name, roles):
    value = _iso_day(int(_g(m, roles, "y")), int(_g(m, roles, "m")), int(_g(m, roles, "d")))
    if value is None:
        return None
    return ctx.mention(m, name, value, None, "day", False, "absolute")


def _h_numeric(ctx, m, name, roles):
    a, b, y = int(_g(m, roles, "a")), int(_g(m, roles, "b")), int(_g(m, roles, "y"))
    order = ctx.res.numeric_order.get(_g(m, roles, "sep"), "dmy")
    d, mo = (a, b) if order == "dmy" else (b, a)
    value = _iso_day(y, mo, d) or _iso_day(y, d, mo)
    if value is None:
        return None
    return ctx.mention(m, name, value, None, "day", False, "absolute")


def _connector_ok(ctx: _Ctx, m: re.Match[str], roles: Mapping[str, str]) -> bool:
    """Whether the range connector is allowed ("and" needs "between"; "24-dən 26-dək")."""
    res = ctx.res
    c = _g(m, roles, "c")
    if c is None:  # no connector word: the first day must carry a "from" suffix ("24-dən")
        suffix = _g(m, roles, "d1s")
        return suffix is not None and res.fold(suffix) in res.range_start_suffixes
    need = res.range_connectors.get(res.fold(c))
    if need:
        rp = _g(m, roles, "rp")
        return rp is not None and res.fold(rp) in need
    return True


def _day_range(ctx, m, name, roles, m1: int, d1: int, m2: int, d2: int):
    if not (_day_exists(m1, d1) and _day_exists(m2, d2)):
        return None
    y1 = _g(m, roles, "y1")
    explicit_end = _g(m, roles, "y")
    if explicit_end or _g(m, roles, "ya") or _g(m, roles, "ma"):
        ye, rel = _year_for(ctx, m, roles, m2, d2)
        if ye is None:
            return ctx.mention(m, name, None, None, "day", rel, "range")
        ys = int(y1) if y1 else (ye if (m1, d1) <= (m2, d2) else ye - 1)
    elif y1:
        ys, rel = int(y1), False
        ye = ys if (m1, d1) <= (m2, d2) else ys + 1
    else:
        ys = _infer_year(ctx, m1, d1, m.start(), m.end())
        rel = True
        if ys is None:
            return ctx.mention(m, name, None, None, "day", rel, "range")
        ye = ys if (m1, d1) <= (m2, d2) else ys + 1
    start, end = _iso_day(ys, m1, d1), _iso_day(ye, m2, d2)
    if start is None or end is None or end < start:
        return None
    return ctx.mention(m, name, start, end, "day", rel, "range")


def _h_range_dm_dm(ctx, m, name, roles):
    if not _connector_ok(ctx, m, roles):
        return None
    m1, m2 = _month_no(ctx.res, _g(m, roles, "m1")), _month_no(ctx.res, _g(m, roles, "m2"))
    if m1 is None or m2 is None:
        return None
    return _day_range(ctx, m, name, roles, m1, int(_g(m, roles, "d1")), m2, int(_g(m, roles, "d2")))


def _h_range_d_d(ctx, m, name, roles):
    if not _connector_ok(ctx, m, roles):
        return None
    mo = _month_no(ctx.res, _g(m, roles, "m"))
    d1, d2 = int(_g(m, roles, "d1")), int(_g(m, roles, "d2"))
    if mo is None or d2 <= d1:
        return None
    return _day_range(ctx, m, name, roles, mo, d1, mo, d2)


def _h_range_m_m(ctx, m, name, roles):
    if not _connector_ok(ctx, m, roles):
        return None
    res = ctx.res
    m1, m2 = _month_no(res, _g(m, roles, "m1")), _month_no(res, _g(m, roles, "m2"))
    if m1 is None or m2 is None or m1 == m2:
        return None
    y1 = _g(m, roles, "y1")
    has_tail = _g(m, roles, "y") or _g(m, roles, "ya") or _g(m, roles, "ma")
    if not (y1 or has_tail or _g(m, roles, "rp")):
        return None  # "May to March" alone is too weak
    if res.standalone_capitalized and not (ctx.capitalized(m, roles["m1"]) and ctx.capitalized(m, roles["m2"])):
        return None
    if has_tail:
        ye, rel = _year_for(ctx, m, roles, m2, None)
        if ye is None:
            return ctx.mention(m, name, None, None, "month", rel, "range")
        ys = int(y1) if y1 else (ye if m1 <= m2 else ye - 1)
    elif y1:
        ys, rel = int(y1), False
        ye = ys if m1 <= m2 else ys + 1
    else:
        ys, rel = _infer_year(ctx, m1, None, m.start(), m.end()), True
        if ys is None:
            return ctx.mention(m, name, None, None, "month", rel, "range")
        ye = ys if m1 <= m2 else ys + 1
    if (ye, m2) <= (ys, m1):
        return None
    return ctx.mention(m, name, f"{ys:04d}-{m1:02d}", f"{ye:04d}-{m2:02d}", "month", rel, "range")


def _h_range_y_y(ctx, m, name, roles):
    if not _connector_ok(ctx, m, roles):
        return None
    y1, y2 = int(_g(m, roles, "y1")), int(_g(m, roles, "y2"))
    if not y1 < y2 <= y1 + 50:
        return None
    return ctx.mention(m, name, str(y1), str(y2), "year", False, "range")


def _h_day_month(ctx, m, name, roles):
    mo = _month_no(ctx.res, _g(m, roles, "m"))
    d = int(_g(m, roles, "d"))
    if mo is None or not _day_exists(mo, d):
        return None
    y, rel = _year_for(ctx, m, roles, mo, d)
    if y is None:
        return ctx.mention(m, name, None, None, "day", rel, "absolute")
    value = _iso_day(y, mo, d)
    if value is None:  # 29 February in a common year
        return None
    return ctx.mention(m, name, value, None, "day", rel, "absolute")


def _h_month_year(ctx, m, name, roles):
    mo = _month_no(ctx.res, _g(m, roles, "m"))
    if mo is None:
        return None
    return ctx.mention(m, name, f"{int(_g(m, roles, 'y')):04d}-{mo:02d}", None, "month", False, "absolute")


def _h_month_yrel(ctx, m, name, roles):
    res = ctx.res
    role = "m" if _g(m, roles, "m") else "m2"
    mo = _month_no(res, _g(m, roles, role))
    if mo is None:
        return None
    if res.standalone_capitalized and not ctx.capitalized(m, roles[role]):
        return None
    off = res.year_rel.get(res.fold(_g(m, roles, "yb") or _g(m, roles, "ya")), 0)
    value = f"{ctx.anchor.y + off:04d}-{mo:02d}" if ctx.anchor else None
    return ctx.mention(m, name, value, None, "month", True, "absolute")


def _h_same_day(ctx, m, name, roles):
    return ctx.mention(m, name, None, None, "day", False, "same_day")


def _relative_value(
    ctx: _Ctx, spec: Mapping[str, Any]
) -> tuple[str | None, str | None, str]:
    a = ctx.anchor
    if "years" in spec:
        return (str(a.y + spec["years"]) if a else None), None, "year"
    if "months" in spec:
        if a is None or a.m is None:
            return None, None, "month"
        y, mo = _add_months(a.y, a.m, spec["months"])
        return f"{y:04d}-{mo:02d}", None, "month"
    day = a.day if a else None
    if day is None:
        return None, None, "day"
    if "days" in spec:
        return (day + timedelta(days=spec["days"])).isoformat(), None, "day"
    week_start = day - timedelta(days=(day.weekday() - ctx.res.week_start) % 7)
    start = week_start + timedelta(weeks=spec["weeks"])
    end = start + timedelta(days=6)
    if spec.get("until_anchor"):
        end = min(end, day)
    if spec.get("from_anchor"):
        start = max(start, day)
    return start.isoformat(), end.isoformat(), "day"


def _h_relative(ctx, m, name, roles):
    res = ctx.res
    key = res.fold(m.group(name))
    exact = res.exact_case.get(key)
    if exact is not None:
        raw = " ".join(ctx.text[m.start(name) : m.end(name)].split())
        # Exactly as listed, or capitalised at the start of a sentence ("Morgen reist er").
        capitalised = raw[:1].isupper() and raw[:1].lower() + raw[1:] in exact
        if raw not in exact and not (capitalised and ctx.sentence_start(m.start(name))):
            return None
    spec = res.relative.get(key)
    if spec is None:
        return None
    value, end_value, gran = _relative_value(ctx, spec)
    return ctx.mention(m, name, value, end_value, gran, True, "relative")


def _h_ago(ctx, m, name, roles):
    res = ctx.res
    unit, implied = res.ago_units.get(res.fold(_g(m, roles, "u")), (None, None))
    if unit is None:
        return None
    n = _g(m, roles, "n")
    count = (int(n) if n.isdigit() else res.ago_numbers.get(res.fold(n))) if n else implied
    gran = {"days": "day", "weeks": "day", "months": "month", "years": "year"}[unit]
    if count is None:  # "several days ago": vague, dateparser cannot do better
        return ctx.mention(m, name, None, None, gran, True, "relative")
    if count > 1000:
        return None
    if unit == "weeks":  # "two weeks ago" is a day, not a calendar week
        unit, count = "days", count * 7
    value, _end, gran = _relative_value(ctx, {unit: -count})
    return ctx.mention(m, name, value, None, gran, True, "relative")


def _h_weekday(ctx, m, name, roles):
    res = ctx.res
    if res.weekday_intro_required and not ctx.has_intro(m, name, res.weekday_intros):
        return None
    w = res.weekdays.get(res.fold(_g(m, roles, "wd")))
    if w is None:
        return None
    modtext = _g(m, roles, "mb") or _g(m, roles, "ma")
    mod = res.weekday_mods.get(res.fold(modtext)) if modtext else None
    day = ctx.anchor.day if ctx.anchor else None
    if day is None:
        return ctx.mention(m, name, None, None, "day", True, "relative")
    aw = day.weekday()
    if mod is None and ctx.future(m.start(), m.end()):
        mod = "future"
    if mod == "past":
        delta = -((aw - w) % 7 or 7)
    elif mod == "next":
        delta = (w - aw) % 7 or 7
    elif mod == "future":
        delta = (w - aw) % 7
    elif mod == "current":
        delta = (w - res.week_start) % 7 - (aw - res.week_start) % 7
    else:
        delta = -((aw - w) % 7)
    return ctx.mention(m, name, (day + timedelta(days=delta)).isoformat(), None, "day", True, "relative")


def _h_month(ctx, m, name, roles):
    res = ctx.res
    mtext = _g(m, roles, "m")
    key = res.fold(mtext.split("/", 1)[0])
    mo = res.months.get(key)
    if mo is None:
        return None
    modtext = _g(m, roles, "mb") or _g(m, roles, "ma")
    ok = (
        modtext is not None
        or key in res.standalone_forms
        or ctx.has_intro(m, name, res.month_intros)
        or (res.month_suffix_re is not None and res.month_suffix_re.match(ctx.scan, m.end()) is not None)
    )
    if not ok:
        return None
    if res.standalone_capitalized and not ctx.capitalized(m, roles["m"]):
        return None
    if modtext is not None:
        y = _year_for_mod(ctx.anchor, res.month_mods.get(res.fold(modtext), "current"), mo, None)
    else:
        y = _infer_year(ctx, mo, None, m.start(), m.end())
    value = f"{y:04d}-{mo:02d}" if y is not None else None
    return ctx.mention(m, name, value, None, "month", True, "absolute")


def _h_year(ctx, m, name, roles):
    if _g(m, roles, "ys") is None and not ctx.has_intro(m, name, ctx.res.year_intros):
        return None
    return ctx.mention(m, name, str(int(_g(m, roles, "y"))), None, "year", False, "absolute")


def _h_fallback(ctx, m, name, roles, gran: str = "day"):
    """Resolve a span the grammar could not, with dateparser (rare path)."""
    a = ctx.anchor.day if ctx.anchor else None
    if a is None:
        return ctx.mention(m, name, None, None, gran, True, "relative")
    from dateparser.date import DateDataParser  # imported lazily: slow to import, rarely needed

    settings = {
        "RELATIVE_BASE": datetime(a.year, a.month, a.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        data = DateDataParser(languages=[ctx.res.lang], settings=settings).get_date_data(m.group(name))
    except Exception:  # dateparser raises assorted errors on odd input; unknown stays unknown
        data = None
    if data is None or data.date_obj is None:
        return ctx.mention(m, name, None, None, gran, True, "relative")
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return ctx.mention(m, name, f"{d.year:04d}", None, "year", True, "relative")
    if period == "month":
        return ctx.mention(m, name, f"{d.year:04d}-{d.month:02d}", None, "month", True, "relative")
    return ctx.mention(m, name, d.isoformat(), None, "day", True, "relative")


_HANDLERS = MappingProxyType(
    {
        "skip": _h_skip,
        "iso": _h_iso,
        "numeric": _h_numeric,
        "range_dm_dm": _h_range_dm_dm,
        "range_md_md": _h_range_dm_dm,
        "range_d_d_m": _h_range_d_d,
        "range_m_d_d": _h_range_d_d,
        "range_m_m": _h_range_m_m,
        "range_y_y": _h_range_y_y,
        "dm": _h_day_month,
        "md": _h_day_month,
        "my": _h_month_year,
        "ym": _h_month_year,
        "m_yrel": _h_month_yrel,
        "same_day": _h_same_day,
        "relative": _h_relative,
        "ago": _h_ago,
        "weekday": _h_weekday,
        "month": _h_month,
        "year": _h_year,
        "fallback": _h_fallback,
    }
)


def find_dates(
    text: str, lang: str, anchor: str | None, resources: DateResources | None = None
) -> list[DateMention]:
    """All date expressions in ``text``, left to right, non-overlapping.

    ``anchor`` is the document's ISO publication date or None; ``resources``
    the result of ``load_date_resources(lang)`` (loaded and cached if omitted).
    """
    res = resources if resources is not None else load_date_resources(lang)
    if not text:
        return []
    # Fold one-to-one (same length, so offsets carry over): lower case, dash and
    # apostrophe variants, Arabic letter variants, Arabic-Indic digits.
    # (Chained str.replace of the characters present is ~10x faster than
    # str.translate on non-ASCII text.)
    scan = text
    for ch, repl in res.scan_pairs:
        if ch in scan:
            scan = scan.replace(ch, repl)
    # The grammar consumes the separator before each date; a leading space lets a
    # date open the text. Offsets are shifted back by one in _Ctx.mention.
    scan = " " + scan.lower()
    ctx = _Ctx(" " + text, scan, res, _parse_anchor(anchor))
    out: list[DateMention] = []
    search = res.pattern.search
    alts = res.alts
    pos = 0
    while True:
        m = search(scan, pos)
        if m is None:
            break
        name = m.lastgroup
        kind, roles, index = alts[name]
        found = _HANDLERS[kind](ctx, m, name, roles)
        if found is None:
            # Rejected ("3 and 5 March" is no range): the regex engine stopped at
            # the first alternative that matched here, so try the later ones.
            found, m = _retry(ctx, scan, m.start(), index)
            if found is None:
                pos = m.start() + 1
                continue
        if found is not _SKIP:
            out.append(found)
        pos = m.end()
    return out


def _single(res: DateResources, index: int) -> re.Pattern[str]:
    """Prefix + alternative ``index`` alone, compiled on first use and kept."""
    pattern = res.single.get(index)
    if pattern is None:
        pattern = re.compile(res.alt_prefix + res.alt_bodies[index])
        res.single[index] = pattern
    return pattern


def _retry(ctx: _Ctx, scan: str, start: int, index: int) -> tuple[Any, re.Match[str] | Any]:
    """Try the alternatives after ``index`` at ``start``; (mention or None, match)."""
    res = ctx.res
    for j in range(index + 1, len(res.alt_bodies)):
        m = _single(res, j).match(scan, start)
        if m is None:
            continue
        name = m.lastgroup
        kind, roles, _ = res.alts[name]
        found = _HANDLERS[kind](ctx, m, name, roles)
        if found is not None:
            return found, m
    return None, _Pos(start)


class _Pos:
    """Stands in for a match when nothing matched: only ``start()`` is used."""

    __slots__ = ("_start",)

    def __init__(self, start: int) -> None:
        self._start = start

    def start(self) -> int:
        return self._start
