"""Build the compiled date grammar of one language from ``lang/<code>/dates.json``.

This module is language-neutral: every word comes from the data file. It turns
the word lists into trie-shaped regular expressions (plain literals, so the
regex engine's branch skipping works; longest form preferred) and assembles
them into one master pattern::

    SEPARATOR  CLITIC?  GATE  (?: alternative_0 | alternative_1 | ... )

* ``SEPARATOR`` is one consumed character (space, bracket, quote ...): a
  leading character class lets ``re`` jump between candidate positions in C.
  The caller puts a space in front of the text so a date can open it.
* ``CLITIC`` is an optional Arabic-style prefix (و ف ب ل) outside every span.
* ``GATE`` is a look-ahead that accepts only what some alternative can start
  with: a year-like number, a day number followed by a month/connector/unit,
  a month or weekday, a whole relative or same-day phrase, a range prefix
  followed by a number or month, an "N units ago" core. Most words fail here
  after a character or two.
* The alternatives, in priority order: not-dates < ISO < numeric < ranges <
  day dates < month+year < same-day < relative phrases < "N days ago" <
  weekdays < bare months < bare years < fallback patterns. Each is a named
  group ``a<N>`` enclosing all of its own groups (named ``a<N>_<role>``), so
  ``match.lastgroup`` names the alternative that matched.

Words that introduce a date ("in", "on", "في", "в", "mid-") are not part of
the master pattern: the handlers look for them just before a bare month, a bare
year or (in Russian) a weekday.

The pattern runs on a folded copy of the text with the same length (so offsets
carry over): lower case, dashes to "-", apostrophes to "'", Turkish İ/ı to i,
the data file's ``char_equivalents`` (Arabic alef/yeh/teh marbuta forms) to
their first member, Arabic-Indic digits to ASCII. ``make_fold`` applies the
same map, plus whitespace collapsing, to look matched words up again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

DASHES = "-‐‑‒–—−"
APOSTROPHES = "'’ʼ‘`´"

# Year 1900-2099, day 1-31, month 1-12, all on ASCII digits (the caller maps
# other decimal digits such as Arabic-Indic ones to ASCII first).
YEAR_DIGITS = r"(?:19|20)\d\d"
DAY_DIGITS = r"(?:3[01]|[12]\d|0?[1-9])"
MONTH_DIGITS = r"(?:1[0-2]|0?[1-9])"
SEP_SPACE = r"[,،]?\s*"
# Characters after which a date may start (the folded scan text maps all dashes
# to "-" and all apostrophes to "'"): not after a letter, digit, ".", ",", ":",
# "/", "+" or "-", so "2334", "v2.15", "+994 12" and "x-15" never start a date.
SEPARATORS = "[\\s(\\[{«»\"“”„'‹›;؛،|*<>]"


def make_scan_table(equivalents: Iterable[Iterable[str]]) -> dict[int, str]:
    """A one-to-one character map applied before ``str.lower()``.

    Both steps keep the length of the text (``str.lower`` changes the length of
    "İ" only, which the table maps to "i" first), so offsets found in the
    folded scan text are offsets into the original text.
    """
    table: dict[int, str] = {}
    for ch in DASHES:
        table[ord(ch)] = "-"
    for ch in APOSTROPHES:
        table[ord(ch)] = "'"
    table[ord("İ")] = "i"
    table[ord("ı")] = "i"
    for group in equivalents:
        group = list(group)
        for ch in group[1:]:
            table[ord(ch)] = group[0]
    for base in (0x0660, 0x06F0):  # Arabic-Indic and Extended Arabic-Indic digits
        for i in range(10):
            table[base + i] = str(i)
    return table


def make_fold(equivalents: Iterable[Iterable[str]]) -> Callable[[str], str]:
    """The lookup normalisation for one language (see the module docstring)."""
    table = make_scan_table(equivalents)

    def fold(s: str) -> str:
        return " ".join(s.translate(table).lower().split())

    return fold


def charpat(c: str) -> str:
    """Regex for one folded character of a word (the scan text is folded too)."""
    return r"\s+" if c == " " else re.escape(c)


def trie_regex(words: Iterable[str], tails: dict[str, str] | None = None) -> str:
    """A regex matching exactly the given (folded) words, longest first.

    ``tails`` optionally gives a regex that must follow a particular word (used
    by the gate, where "two" counts only before a unit and "ago"). Returns a
    pattern that never matches when ``words`` is empty.
    """
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    if not trie:
        return r"(?!x)x"
    tails = tails or {}

    def build(node: dict, prefix: str) -> str:
        end = "" in node
        alts = [charpat(ch) + build(node[ch], prefix + ch) for ch in sorted(k for k in node if k)]
        tail = tails.get(prefix, "") if end else ""
        if end and tail:
            alts.append(tail)
            end = False
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return build(trie, "")


class AltBuilder:
    """Collects the alternatives of the master pattern in priority order.

    Bodies name their groups ``(?P<§role>...)``; ``§`` becomes ``a<N>_`` so
    that names stay unique across alternatives.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kinds: list[str] = []

    def add(self, kind: str, body: str) -> None:
        n = len(self.parts)
        name = f"a{n}"
        self.parts.append(f"(?P<{name}>" + body.replace("§", name + "_") + ")")
        self.kinds.append(kind)

    def compile(self, prefix: str) -> tuple[re.Pattern[str], dict[str, tuple[str, dict[str, str], int]]]:
        """The master pattern and, per alternative name, (kind, role -> group name, index)."""
        pattern = re.compile(prefix + "(?:" + "|".join(self.parts) + ")")
        alts: dict[str, tuple[str, dict[str, str], int]] = {}
        for n, kind in enumerate(self.kinds):
            name = f"a{n}"
            roles = {
                gname[len(name) + 1 :]: gname for gname in pattern.groupindex if gname.startswith(name + "_")
            }
            alts[name] = (kind, roles, n)
        return pattern, alts


def build_master(data: dict, fold: Callable[[str], str]):
    """Assemble the master pattern for one language's data.

    Returns ``(pattern, alts, parts)``: the compiled pattern, per alternative name
    ``(kind, role -> group name, index)``, and the sources (``prefix`` and the
    ``alternatives`` as (kind, body)) for compiling single alternatives later.
    """

    def trie(words: Iterable[str]) -> str:
        return trie_regex({fold(w) for w in words})

    months_all = list(data["months"]) + list(data["months_abbr"])
    months_md = list(data["months_md"]) or months_all
    months_bare = list(data["months"]) + list(data["months_standalone"])

    def month(role: str, forms: list[str]) -> str:
        t = trie(forms)
        return rf"(?P<§{role}>{t}(?:\s*/\s*{t})?)(?!\w)"

    day_suffix = trie(data["day_suffixes"])
    year_suffix = trie(data["year_suffixes"])

    def day(role: str) -> str:
        suffix = rf"(?:{day_suffix}(?!\w))?" if data["day_suffixes"] else ""
        return rf"(?P<§{role}>{DAY_DIGITS})(?!\d)(?![.,:]\d){suffix}"

    def day_in_range(role: str) -> str:
        # Keeps the suffix in its own group: "24-dən" marks the start of a range.
        if not data["day_suffixes"]:
            return day(role)
        return rf"(?P<§{role}>{DAY_DIGITS})(?!\d)(?![.,:]\d)(?P<§{role}s>{day_suffix}(?!\w))?"

    def year(role: str) -> str:
        suffix = rf"(?:\s*(?P<§{role}s>{year_suffix})(?!\w))?" if data["year_suffixes"] else ""
        return rf"(?P<§{role}>{YEAR_DIGITS})(?!\d)(?![.,]\d){suffix}(?!\w)"

    month_mod_before = trie(data["month_modifiers_before"])
    month_mod_after = trie(data["month_modifiers_after"])
    year_rel_after = trie(data["year_relative_after"])
    year_rel_before = trie(data["year_relative_before"])
    joiner = trie(data["day_month_joiners"])

    def tail() -> str:
        """What may follow a day+month: a year, "الجاري"-style modifier, "прошлого года"."""
        parts = [rf"{SEP_SPACE}{year('y')}"]
        if data["month_modifiers_after"]:
            parts.append(rf"\s+(?P<§ma>{month_mod_after})(?!\w)")
        if data["year_relative_after"]:
            parts.append(rf"\s+(?P<§ya>{year_rel_after})(?!\w)")
        return "(?:" + "|".join(parts) + ")?"

    yrel_before = rf"(?:(?P<§yb>{year_rel_before})\s+)?" if data["year_relative_before"] else ""
    year_first = rf"(?:{year('y0')}\s+)?" if data["year_first"] else ""
    join = rf"(?:\s*{joiner})?" if data["day_month_joiners"] else ""

    weekday = trie(data["weekdays"])
    wd_join = rf"(?:{trie(data['weekday_date_joiners'])}\s+)?" if data["weekday_date_joiners"] else ""
    weekday_part = rf"(?:(?P<§wd>{weekday})(?!\w)[,،]?\s+{wd_join})?"

    range_prefix = rf"(?:(?P<§rp>{trie(data['range_prefixes'])})\s+)?" if data["range_prefixes"] else ""
    plain_conn = rf"\s*(?P<§c>{trie(data['range_connectors'])})\s*"
    if data["range_start_suffixes"]:
        # No connector word: only after a day that carries a suffix ("24-dən 26-dək").
        conn = rf"(?:{plain_conn}|(?(§d1s)\s+|(?!)))"
    else:
        conn = plain_conn
    # With a leading year ("2025-ci il mayın 15-də") no second year may follow.
    day_tail = rf"(?(§y0)|{tail()})" if data["year_first"] else tail()
    orders = set(data["orders"])
    b = AltBuilder()

    if data["not_dates"]:
        b.add("skip", rf"{trie(data['not_dates'])}(?!\w)")
    b.add("iso", rf"(?P<§y>{YEAR_DIGITS})(?P<§sep>[-/.])(?P<§m>{MONTH_DIGITS})(?P=§sep)(?P<§d>{DAY_DIGITS})(?![.,]?\d)")
    b.add("numeric", rf"(?P<§a>\d{{1,2}})(?P<§sep>[-/.])(?P<§b>\d{{1,2}})(?P=§sep)(?P<§y>{YEAR_DIGITS})(?![.,]?\d)")

    if "dm" in orders:
        b.add(
            "range_dm_dm",
            rf"{range_prefix}{day_in_range('d1')}{join}\s*{month('m1', months_all)}(?:{SEP_SPACE}{year('y1')})?"
            rf"{conn}{day('d2')}{join}\s*{month('m2', months_all)}{tail()}",
        )
    if "md" in orders:
        b.add(
            "range_md_md",
            rf"{range_prefix}{month('m1', months_md)}\s*{day_in_range('d1')}(?:{SEP_SPACE}{year('y1')})?"
            rf"{conn}{month('m2', months_md)}\s*{day('d2')}{tail()}",
        )
    if "dm" in orders:
        b.add(
            "range_d_d_m",
            rf"{range_prefix}{day_in_range('d1')}{conn}{day('d2')}{join}\s*{month('m', months_all)}{tail()}",
        )
    if "md" in orders:
        b.add(
            "range_m_d_d",
            rf"{range_prefix}{month('m', months_md)}\s*{day_in_range('d1')}{conn}{day('d2')}{tail()}",
        )
    b.add(
        "range_m_m",
        rf"{range_prefix}{month('m1', months_all)}(?:{SEP_SPACE}{year('y1')})?"
        rf"{plain_conn}{month('m2', months_all)}{tail()}",
    )
    b.add("range_y_y", rf"{range_prefix}{year('y1')}{plain_conn}{year('y2')}")

    if "dm" in orders:
        b.add("dm", rf"{weekday_part}{year_first}{yrel_before}{day('d')}{join}\s*{month('m', months_all)}{day_tail}")
    if "md" in orders:
        b.add("md", rf"{weekday_part}{year_first}{yrel_before}{month('m', months_md)}\s*{day('d')}{day_tail}")
    b.add("my", rf"{month('m', months_all)}{SEP_SPACE}{year('y')}")
    if data["year_first"]:
        b.add("ym", rf"{year('y')}\s+{month('m', months_all)}")

    myrel = []
    if data["year_relative_before"]:
        myrel.append(rf"(?P<§yb>{year_rel_before})\s+{month('m', months_bare)}")
    if data["year_relative_after"]:
        myrel.append(rf"{month('m2', months_bare)}\s+(?P<§ya>{year_rel_after})(?!\w)")
    if myrel:
        b.add("m_yrel", "(?:" + "|".join(myrel) + ")")

    if data["same_day"]:
        b.add("same_day", rf"{trie(data['same_day'])}(?!\w)")
    if data["relative"]:
        b.add("relative", rf"{trie(data['relative'])}(?!\w)")

    ago = data["ago"]
    if ago["units"]:
        numbers = trie(ago["numbers"])
        units = trie(ago["units"])
        number = rf"(?:(?P<§n>\d{{1,3}}|{numbers})(?!\w)\s*)?"
        # "قبل يومين" is two days ago, but "قبل يوم الاثنين" / "منذ شهر يناير" / "قبل يوم من
        # الزيارة" are not: no number, month or weekday (or listed word) may follow.
        blockers = list(ago["not_followed_by"]) + months_all + list(data["weekdays"])
        not_after = rf"(?!\s+{trie(blockers)}(?!\w))"
        if ago["before"]:
            b.add(
                "ago",
                rf"(?P<§ab>{trie(ago['before'])})\s+{number}(?P<§u>{units})(?!\w)(?!\s*\d){not_after}",
            )
        if ago["after"]:
            b.add("ago", rf"{number}(?P<§u>{units})\s+(?P<§aa>{trie(ago['after'])})(?!\w)")

    weekday_mod_before = trie(data["weekday_modifiers_before"])
    weekday_mod_after = trie(data["weekday_modifiers_after"])
    wmb = rf"(?:(?P<§mb>{weekday_mod_before})\s+)?" if data["weekday_modifiers_before"] else ""
    wma = rf"(?:\s+(?P<§ma>{weekday_mod_after})(?!\w))?" if data["weekday_modifiers_after"] else ""
    b.add("weekday", rf"{wmb}(?P<§wd>{weekday})(?!\w){wma}")

    mmb = rf"(?:(?P<§mb>{month_mod_before})\s+)?" if data["month_modifiers_before"] else ""
    mma = rf"(?:\s+(?P<§ma>{month_mod_after})(?!\w))?" if data["month_modifiers_after"] else ""
    b.add("month", rf"{mmb}{month('m', months_bare)}{mma}(?!{SEP_SPACE}\d)")
    b.add("year", rf"{year('y')}(?!\s*-\s*\d)")

    if data["fallback_patterns"]:
        for p in data["fallback_patterns"]:
            if re.compile(p).groups:
                raise ValueError(f"fallback pattern must not contain capturing groups: {p!r}")
        b.add("fallback", "(?:" + "|".join(data["fallback_patterns"]) + r")(?!\w)")

    lead = rf"(?:{trie(data['clitics'])})?" if data["clitics"] else ""
    # A cheap gate before the alternatives: after the optional lead, the text must
    # start with something an alternative can start with: a day/year-like number,
    # a whole relative/same-day/not-date phrase, an "N units ago" core, or a word
    # that opens a date (range prefix, month, weekday, modifier). Most word starts
    # fail here after a character or two, which keeps the scan fast.
    tails: dict[str, set[str]] = {}

    def gate_word(w: str, tail: str) -> None:
        tails.setdefault(w, set()).add(tail)

    def open_tail(w: str) -> str:
        return r"(?!\w)" if re.match(r"\w", w[-1:]) else ""

    month_words = list(data["months"]) + list(data["months_abbr"]) + list(data["months_md"])
    any_month = trie(month_words)
    for key in ("months", "months_abbr", "months_md", "months_standalone", "weekdays"):
        for w in data[key]:
            w = fold(w)
            gate_word(w, open_tail(w))
    for w in data["range_prefixes"]:
        gate_word(fold(w), rf"\s+(?:\d|{any_month})")
    for w in data["year_relative_before"]:
        gate_word(fold(w), rf"\s+{any_month}")
    for w in data["month_modifiers_before"]:
        gate_word(fold(w), rf"\s+{any_month}")
    for w in data["weekday_modifiers_before"]:
        gate_word(fold(w), rf"\s+{trie(data['weekdays'])}")
    for w in list(data["relative"]) + list(data["same_day"]) + list(data["not_dates"]):
        w = fold(w)
        gate_word(w, open_tail(w))
    if ago["units"]:
        units = trie(ago["units"])
        for w in ago["before"]:
            gate_word(fold(w), rf"\s+(?:\d|{trie(list(ago['numbers']) + list(ago['units']))})")
        if ago["after"]:
            after = rf"\s+{trie(ago['after'])}"
            for w in ago["numbers"]:
                gate_word(fold(w), rf"\s+{units}{after}")
            for w in ago["units"]:
                gate_word(fold(w), after)
    tails.pop("", None)
    merged = {w: ("(?:" + "|".join(sorted(t)) + ")" if len(t) > 1 else next(iter(t))) for w, t in tails.items()}
    # A tail of "" means "no condition"; drop the other tails for that word then.
    merged = {w: ("" if "" in tails[w] else t) for w, t in merged.items()}
    # A day number counts only when a month, a range connector, a date
    # separator or an "ago" unit follows it ("30th anniversary" does not pass).
    after_day = [r"[./\-]\d", trie(list(data["months"]) + list(data["months_abbr"]))]
    if data["range_connectors"]:
        after_day.append(rf"{trie(data['range_connectors'])}\s*\d")
    if data["day_month_joiners"]:
        after_day.append(trie(data["day_month_joiners"]))
    if ago["units"]:
        after_day.append(trie(ago["units"]))
    if data["range_start_suffixes"]:
        after_day.append(r"\d")
    suffix = rf"(?:{day_suffix})?" if data["day_suffixes"] else ""
    gates = [
        rf"{YEAR_DIGITS}(?!\d)",
        rf"\d{{1,2}}(?!\d){suffix}\s*(?:{'|'.join(after_day)})",
    ]
    if ago["units"]:
        gates.append(rf"\d{{1,3}}\s+{trie(ago['units'])}")
    gates.append(trie_regex(merged, merged))
    if data["fallback_patterns"]:
        gates.append("(?:" + "|".join(data["fallback_patterns"]) + ")")
    gate = rf"(?=(?:{'|'.join(gates)}))"
    # Every date starts right after a separator character, which the pattern
    # consumes: a leading character class lets the regex engine skip to
    # candidate positions in C instead of testing a look-behind everywhere.
    # The caller prefixes the scan text with a space so a date can open the text.
    # After "-" a date may only follow a hyphenated intro ("mid-May").
    hyphen_intros = sorted(
        {fold(w) for key in ("month_intros", "year_intros") for w in data[key] if fold(w).endswith("-")}
    )
    start = SEPARATORS
    if hyphen_intros:
        after_hyphen = "|".join(rf"(?<=(?<!\w){re.escape(w)})" for w in hyphen_intros)
        start = SEPARATORS[:-1] + rf"\-](?:(?<!-)|{after_hyphen})"
    prefix = start + lead + gate
    pattern, alts = b.compile(prefix)
    return pattern, alts, {
        "prefix": prefix,
        "gate": gate,
        "lead": lead,
        "alternatives": list(zip(b.kinds, b.parts)),
    }
