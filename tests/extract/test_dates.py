"""Tests for dragoman.extract.dates: find_dates per language, unknown-stays-None,
false positives, and validation of every lang/<code>/dates.json.

Rows are ``(text, expected)`` or ``(text, anchor, expected)``; ``expected`` lists
every mention in order as ``(span, value, end_value, granularity, kind, relative)``.
The span's offsets are checked against its position in the text (searched left
to right), so each row pins offsets, text, value and flags.
"""

from __future__ import annotations

import copy
import json
from importlib import resources as importlib_resources

import pytest

from dragoman.extract.dates import (
    REQUIRED_KEYS,
    DateMention,
    compile_date_resources,
    find_dates,
    load_date_resources,
    read_date_data,
    validate_date_data,
)

ANCHOR = "2025-05-15"  # a Thursday
LANGS = ("en", "ar", "ru", "az", "tr", "fr", "de")

D, M, Y = "day", "month", "year"
ABS, REL, RNG, SAME = "absolute", "relative", "range", "same_day"


def _rows(rows):
    out = []
    for row in rows:
        text, anchor, expected = row if len(row) == 3 else (row[0], ANCHOR, row[1])
        out.append(pytest.param(text, anchor, expected, id=text[:40]))
    return out


def check(text: str, lang: str, anchor: str | None, expected: list[tuple]) -> None:
    got = find_dates(text, lang, anchor)
    want = []
    pos = 0
    for span, value, end_value, gran, kind, rel in expected:
        start = text.find(span, pos)
        assert start >= 0, f"test bug: {span!r} not in {text!r}"
        pos = start + len(span)
        want.append(DateMention(start, pos, span, value, end_value, gran, rel, kind))
    assert got == want
    for m in got:
        assert text[m.start : m.end] == m.text


# ---------------------------------------------------------------------------
# English

EN = [
    ("He arrived on 15 May.", [("15 May", "2025-05-15", None, D, ABS, True)]),
    ("On May 15 he left.", [("May 15", "2025-05-15", None, D, ABS, True)]),
    ("May 15, 2025 was busy.", [("May 15, 2025", "2025-05-15", None, D, ABS, False)]),
    ("It happened on 15 May 2025 in Baku.", [("15 May 2025", "2025-05-15", None, D, ABS, False)]),
    ("the 15th of May and May 16th", [("15th of May", "2025-05-15", None, D, ABS, True), ("May 16th", "2025-05-16", None, D, ABS, True)]),
    ("They met on Monday.", [("Monday", "2025-05-12", None, D, REL, True)]),
    ("They met on Thursday.", [("Thursday", "2025-05-15", None, D, REL, True)]),
    ("They met last Thursday.", [("last Thursday", "2025-05-08", None, D, REL, True)]),
    ("They meet next Monday.", [("next Monday", "2025-05-19", None, D, REL, True)]),
    ("The minister will visit Baku on Monday.", [("Monday", "2025-05-19", None, D, REL, True)]),
    (
        "yesterday, today and tomorrow",
        [
            ("yesterday", "2025-05-14", None, D, REL, True),
            ("today", "2025-05-15", None, D, REL, True),
            ("tomorrow", "2025-05-16", None, D, REL, True),
        ],
    ),
    ("He left on the same day.", [("the same day", None, None, D, SAME, False)]),
    ("Later in the day he flew home.", [("Later in the day", None, None, D, SAME, False)]),
    ("He said earlier this week that", [("earlier this week", "2025-05-12", "2025-05-15", D, REL, True)]),
    ("They met last week.", [("last week", "2025-05-05", "2025-05-11", D, REL, True)]),
    ("from January 24 through 26", "2026-01-20", [("from January 24 through 26", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("from January 24 through 26", [("from January 24 through 26", "2025-01-24", "2025-01-26", D, RNG, True)]),
    ("on January 24-26, 2026", [("January 24-26, 2026", "2026-01-24", "2026-01-26", D, RNG, False)]),
    ("on January 24–26", "2026-01-20", [("January 24–26", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("held on 24-26 January 2026", [("24-26 January 2026", "2026-01-24", "2026-01-26", D, RNG, False)]),
    ("from 24 to 26 January", "2026-01-20", [("from 24 to 26 January", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("between 3 and 5 March", [("between 3 and 5 March", "2025-03-03", "2025-03-05", D, RNG, True)]),
    ("from 30 December to 2 January", "2026-01-05", [("from 30 December to 2 January", "2025-12-30", "2026-01-02", D, RNG, True)]),
    ("from 30 December 2025 to 2 January 2026", [("from 30 December 2025 to 2 January 2026", "2025-12-30", "2026-01-02", D, RNG, False)]),
    ("from January to March 2026", [("from January to March 2026", "2026-01", "2026-03", M, RNG, False)]),
    ("from 2024 to 2026", [("from 2024 to 2026", "2024", "2026", Y, RNG, False)]),
    ("in October 2024", [("October 2024", "2024-10", None, M, ABS, False)]),
    ("in October", [("October", "2024-10", None, M, ABS, True)]),
    ("in March", [("March", "2025-03", None, M, ABS, True)]),
    ("in mid-May", [("May", "2025-05", None, M, ABS, True)]),
    ("last October", [("last October", "2024-10", None, M, ABS, True)]),
    ("in October last year", [("October last year", "2024-10", None, M, ABS, True)]),
    (
        "last year, this year and next year",
        [
            ("last year", "2024", None, Y, REL, True),
            ("this year", "2025", None, Y, REL, True),
            ("next year", "2026", None, Y, REL, True),
        ],
    ),
    ("in 2026", [("2026", "2026", None, Y, ABS, False)]),
    ("relations established on 6 November 1996", [("6 November 1996", "1996-11-06", None, D, ABS, False)]),
    ("dated 2025-05-12.", [("2025-05-12", "2025-05-12", None, D, ABS, False)]),
    ("dated 12.05.2025.", [("12.05.2025", "2025-05-12", None, D, ABS, False)]),
    ("dated 05/12/2025.", [("05/12/2025", "2025-05-12", None, D, ABS, False)]),
    ("On Thursday, May 15, 2025, the", [("Thursday, May 15, 2025", "2025-05-15", None, D, ABS, False)]),
    ("two days ago", [("two days ago", "2025-05-13", None, D, REL, True)]),
    ("a year ago", [("a year ago", "2024", None, Y, REL, True)]),
    ("two weeks ago", [("two weeks ago", "2025-05-01", None, D, REL, True)]),
    ("a month ago", [("a month ago", "2025-04", None, M, REL, True)]),
    ("several days ago", [("several days ago", None, None, D, REL, True)]),
    # The year of a date without one: the anchor's, or the previous year when the
    # date would be more than ~2 months after it; forward when the sentence is future.
    ("visited Paris on 3 March", "2025-11-20", [("3 March", "2025-03-03", None, D, ABS, True)]),
    ("will travel to Paris on 3 March", "2025-11-20", [("3 March", "2026-03-03", None, D, ABS, True)]),
    ("signed on 28 December", "2026-01-05", [("28 December", "2025-12-28", None, D, ABS, True)]),
    ("on 3 and 5 March", [("5 March", "2025-03-05", None, D, ABS, True)]),
    ("on Feb. 2 and Sept. 30", [("Feb. 2", "2025-02-02", None, D, ABS, True), ("Sept. 30", "2024-09-30", None, D, ABS, True)]),
    ("from June 30 to July 2", [("from June 30 to July 2", "2025-06-30", "2025-07-02", D, RNG, True)]),
    ("30 June - 2 July 2025", [("30 June - 2 July 2025", "2025-06-30", "2025-07-02", D, RNG, False)]),
    ("between May and July", [("between May and July", "2025-05", "2025-07", M, RNG, True)]),
    ("in 2024-2025", [("2024-2025", "2024", "2025", Y, RNG, False)]),
    ("next May", [("next May", "2026-05", None, M, ABS, True)]),
    # Not in the grammar: resolved by dateparser through the data file's fallback_patterns.
    ("He will return in two weeks.", [("in two weeks", "2025-05-29", None, D, REL, True)]),
    ("Text opening with a date: 15 May.", [("15 May", "2025-05-15", None, D, ABS, True)]),
    ("15 May opened the text", [("15 May", "2025-05-15", None, D, ABS, True)]),
]

NOT_DATES_EN = [
    "the 30th anniversary of relations",
    "the 2nd conference of the parties",
    "a 16 px margin",
    "UN Resolution 2334 and Resolution 2118",
    "call +994 12 598 28 05 or 012-598-28-05",
    "Vision 2030 and Agenda 2063",
    "the talks may be held soon",
    "they met at 15:30 local time",
    "in the 1990s",
    "version v2.15 May",
    "Theresa May said",
    "watched Russia Today and USA Today",
    "the march was peaceful",
    "12 countries and 120 delegates",
]


@pytest.mark.parametrize("text,anchor,expected", _rows(EN))
def test_en(text, anchor, expected):
    check(text, "en", anchor, expected)


@pytest.mark.parametrize("text", NOT_DATES_EN)
def test_en_not_dates(text):
    assert find_dates(text, "en", ANCHOR) == []


# ---------------------------------------------------------------------------
# Arabic

AR = [
    ("وصل في 26 يناير 2026 إلى باكو", [("26 يناير 2026", "2026-01-26", None, D, ABS, False)]),
    ("التقى يوم الاثنين نظيره", [("الاثنين", "2025-05-12", None, D, REL, True)]),
    ("وقال أمس إن", [("أمس", "2025-05-14", None, D, REL, True)]),
    ("ويزور الوزير اليوم باكو", [("اليوم", "2025-05-15", None, D, REL, True)]),
    ("ويغادر غدا", [("غدا", "2025-05-16", None, D, REL, True)]),
    ("ويغادر غداً", [("غداً", "2025-05-16", None, D, REL, True)]),
    ("وأمس وبالأمس", [("أمس", "2025-05-14", None, D, REL, True), ("الأمس", "2025-05-14", None, D, REL, True)]),
    ("الأسبوع الماضي", [("الأسبوع الماضي", "2025-05-04", "2025-05-10", D, REL, True)]),
    ("الشهر المقبل", [("الشهر المقبل", "2025-06", None, M, REL, True)]),
    ("العام المقبل", [("العام المقبل", "2026", None, Y, REL, True)]),
    ("العام الماضي", [("العام الماضي", "2024", None, Y, REL, True)]),
    ("هذا العام", [("هذا العام", "2025", None, Y, REL, True)]),
    ("في 6 نوفمبر 1996", [("6 نوفمبر 1996", "1996-11-06", None, D, ABS, False)]),
    ("من 24 إلى 26 يناير", "2026-01-20", [("من 24 إلى 26 يناير", "2026-01-24", "2026-01-26", D, RNG, True)]),
    (
        "خلال الفترة من 24 إلى 26 يناير الجاري",
        "2026-01-20",
        [("خلال الفترة من 24 إلى 26 يناير الجاري", "2026-01-24", "2026-01-26", D, RNG, True)],
    ),
    ("بين 3 و5 مارس", [("بين 3 و5 مارس", "2025-03-03", "2025-03-05", D, RNG, True)]),
    ("في 15 كانون الثاني 2025", [("15 كانون الثاني 2025", "2025-01-15", None, D, ABS, False)]),
    ("في 3 شباط", [("3 شباط", "2025-02-03", None, D, ABS, True)]),
    ("في 1 تشرين الأول 2024", [("1 تشرين الأول 2024", "2024-10-01", None, D, ABS, False)]),
    ("في أيار 2025", [("أيار 2025", "2025-05", None, M, ABS, False)]),
    ("في 26 كانون الثاني/يناير 2026", [("26 كانون الثاني/يناير 2026", "2026-01-26", None, D, ABS, False)]),
    ("في ٢٦ يناير ٢٠٢٦", [("٢٦ يناير ٢٠٢٦", "2026-01-26", None, D, ABS, False)]),
    ("في 15 ابريل و20 إبريل", [("15 ابريل", "2025-04-15", None, D, ABS, True), ("20 إبريل", "2025-04-20", None, D, ABS, True)]),
    ("في اليوم نفسه", [("اليوم نفسه", None, None, D, SAME, False)]),
    ("وفي نفس اليوم", [("نفس اليوم", None, None, D, SAME, False)]),
    ("يوم الخميس الموافق 15 مايو 2025", [("الخميس الموافق 15 مايو 2025", "2025-05-15", None, D, ABS, False)]),
    ("قبل يومين", [("قبل يومين", "2025-05-13", None, D, REL, True)]),
    ("قبل يوم الاثنين", [("الاثنين", "2025-05-12", None, D, REL, True)]),  # "before Monday", not "a day ago"
    ("منذ شهر يناير", [("يناير", "2025-01", None, M, ABS, True)]),
    ("منذ عام 1992", [("1992", "1992", None, Y, ABS, False)]),
    ("في أكتوبر الماضي", [("أكتوبر الماضي", "2024-10", None, M, ABS, True)]),
    ("في أكتوبر من العام الماضي", [("أكتوبر من العام الماضي", "2024-10", None, M, ABS, True)]),
    ("في مارس", [("مارس", "2025-03", None, M, ABS, True)]),
    ("يوم الأحد المقبل", [("الأحد المقبل", "2025-05-18", None, D, REL, True)]),
    ("عام 2026م", [("2026م", "2026", None, Y, ABS, False)]),
]

NOT_DATES_AR = [
    "بمناسبة اليوم الوطني للبلاد",
    "في اليوم التالي للزيارة",
    "مارس الضغط على الحكومة",
    "الذكرى الثلاثين لإقامة العلاقات",
    "قرار مجلس الأمن 2334",
    "نقلت قناة روسيا اليوم",
    "بعد صلاة الجمعة",
]


@pytest.mark.parametrize("text,anchor,expected", _rows(AR))
def test_ar(text, anchor, expected):
    check(text, "ar", anchor, expected)


@pytest.mark.parametrize("text", NOT_DATES_AR)
def test_ar_not_dates(text):
    assert find_dates(text, "ar", ANCHOR) == []


# ---------------------------------------------------------------------------
# Russian

RU = [
    ("Встреча прошла 15 мая.", [("15 мая", "2025-05-15", None, D, ABS, True)]),
    ("15 мая 2025 года министры", [("15 мая 2025 года", "2025-05-15", None, D, ABS, False)]),
    ("В октябре 2024 года", [("октябре 2024 года", "2024-10", None, M, ABS, False)]),
    ("вчера и сегодня", [("вчера", "2025-05-14", None, D, REL, True), ("сегодня", "2025-05-15", None, D, REL, True)]),
    ("В понедельник президент", [("понедельник", "2025-05-12", None, D, REL, True)]),
    ("во вторник", [("вторник", "2025-05-13", None, D, REL, True)]),
    ("в прошлый понедельник", [("прошлый понедельник", "2025-05-12", None, D, REL, True)]),
    ("В прошлом году", [("прошлом году", "2024", None, Y, REL, True)]),
    ("в следующем году", [("следующем году", "2026", None, Y, REL, True)]),
    ("на прошлой неделе", [("прошлой неделе", "2025-05-05", "2025-05-11", D, REL, True)]),
    ("с 24 по 26 января", "2026-01-20", [("с 24 по 26 января", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("24-26 января 2026 г.", [("24-26 января 2026 г.", "2026-01-24", "2026-01-26", D, RNG, False)]),
    ("между 3 и 5 марта", [("между 3 и 5 марта", "2025-03-03", "2025-03-05", D, RNG, True)]),
    ("в октябре прошлого года", [("октябре прошлого года", "2024-10", None, M, ABS, True)]),
    ("в начале октября", [("октября", "2024-10", None, M, ABS, True)]),
    ("15-го мая", [("15-го мая", "2025-05-15", None, D, ABS, True)]),
    ("В тот же день", [("В тот же день", None, None, D, SAME, False)]),
    ("два года назад", [("два года назад", "2023", None, Y, REL, True)]),
    ("через две недели", [("через две недели", "2025-05-29", None, D, REL, True)]),
    ("к 2030 году", [("2030 году", "2030", None, Y, ABS, False)]),
    ("6 ноября 1996 года", [("6 ноября 1996 года", "1996-11-06", None, D, ABS, False)]),
]

NOT_DATES_RU = [
    "В мае 15 стран подписали",  # "мае" followed by a number that is not a day of it
    "Понедельник был трудным",  # a weekday without "в" is not a date in Russian
    "к 30-летию отношений",
    "агентство Россия сегодня сообщает",
    "через Турцию и Грузию",
    "в окружающую среду",
]


@pytest.mark.parametrize("text,anchor,expected", _rows(RU))
def test_ru(text, anchor, expected):
    check(text, "ru", anchor, expected)


@pytest.mark.parametrize("text", NOT_DATES_RU)
def test_ru_not_dates(text):
    assert find_dates(text, "ru", ANCHOR) == []


# ---------------------------------------------------------------------------
# Azerbaijani

AZ = [
    ("Görüş 15 may tarixində oldu", [("15 may", "2025-05-15", None, D, ABS, True)]),
    ("15 may 2025-ci il", [("15 may 2025-ci il", "2025-05-15", None, D, ABS, False)]),
    ("15 may 2025-ci ildə Bakıda", [("15 may 2025-ci ildə", "2025-05-15", None, D, ABS, False)]),
    ("Dünən və bu gün", [("Dünən", "2025-05-14", None, D, REL, True), ("bu gün", "2025-05-15", None, D, REL, True)]),
    ("ötən il və gələn il", [("ötən il", "2024", None, Y, REL, True), ("gələn il", "2026", None, Y, REL, True)]),
    ("24-26 yanvar", "2026-01-20", [("24-26 yanvar", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("Mayın 15-də Prezident", [("Mayın 15-də", "2025-05-15", None, D, ABS, True)]),
    ("yanvarın 24-dən 26-dək", "2026-01-20", [("yanvarın 24-dən 26-dək", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("2025-ci il mayın 15-də, 2026-cı ildə", [("2025-ci il mayın 15-də", "2025-05-15", None, D, ABS, False), ("2026-cı ildə", "2026", None, Y, ABS, False)]),
    ("Bazar ertəsi günü görüş oldu", [("Bazar ertəsi günü", "2025-05-12", None, D, REL, True)]),
    ("Prezident bazar ertəsi Bakıya səfər edəcək.", [("bazar ertəsi", "2025-05-19", None, D, REL, True)]),
    ("ötən ilin oktyabr ayında", [("ötən ilin oktyabr", "2024-10", None, M, ABS, True)]),
    ("oktyabr ayında", [("oktyabr", "2024-10", None, M, ABS, True)]),
    ("Mayda keçirildi", [("Mayda", "2025-05", None, M, ABS, True)]),
    ("Həmin gün", [("Həmin gün", None, None, D, SAME, False)]),
    ("iki il əvvəl", [("iki il əvvəl", "2023", None, Y, REL, True)]),
    ("6 noyabr 1996-cı il", [("6 noyabr 1996-cı il", "1996-11-06", None, D, ABS, False)]),
]

NOT_DATES_AZ = [
    "diplomatik münasibətlərin 30 illiyi",
    "bu günlərdə",
    "dünya birliyi",
]


@pytest.mark.parametrize("text,anchor,expected", _rows(AZ))
def test_az(text, anchor, expected):
    check(text, "az", anchor, expected)


@pytest.mark.parametrize("text", NOT_DATES_AZ)
def test_az_not_dates(text):
    assert find_dates(text, "az", ANCHOR) == []


# ---------------------------------------------------------------------------
# Turkish, French, German

TR = [
    ("Toplantı 15 Mayıs 2025 tarihinde", [("15 Mayıs 2025", "2025-05-15", None, D, ABS, False)]),
    ("İstanbul'da 15 Mayıs'ta", [("15 Mayıs", "2025-05-15", None, D, ABS, True)]),
    ("Ekim 2024'te", [("Ekim 2024'te", "2024-10", None, M, ABS, False)]),
    ("Ekim ayında", [("Ekim", "2024-10", None, M, ABS, True)]),
    ("Dün ve bugün", [("Dün", "2025-05-14", None, D, REL, True), ("bugün", "2025-05-15", None, D, REL, True)]),
    ("geçen yıl, gelecek yıl", [("geçen yıl", "2024", None, Y, REL, True), ("gelecek yıl", "2026", None, Y, REL, True)]),
    ("24-26 Ocak 2026", [("24-26 Ocak 2026", "2026-01-24", "2026-01-26", D, RNG, False)]),
    ("2025 yılında", [("2025 yılında", "2025", None, Y, ABS, False)]),
    ("Aynı gün", [("Aynı gün", None, None, D, SAME, False)]),
]

FR = [
    ("Le 15 mai 2025, le ministre", [("15 mai 2025", "2025-05-15", None, D, ABS, False)]),
    ("le 1er mars", [("1er mars", "2025-03-01", None, D, ABS, True)]),
    ("en octobre 2024", [("octobre 2024", "2024-10", None, M, ABS, False)]),
    ("en octobre", [("octobre", "2024-10", None, M, ABS, True)]),
    ("hier et aujourd'hui", [("hier", "2025-05-14", None, D, REL, True), ("aujourd'hui", "2025-05-15", None, D, REL, True)]),
    ("l'année dernière et l'an prochain", [("l'année dernière", "2024", None, Y, REL, True), ("l'an prochain", "2026", None, Y, REL, True)]),
    ("du 24 au 26 janvier", "2026-01-20", [("du 24 au 26 janvier", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("lundi dernier", [("lundi dernier", "2025-05-12", None, D, REL, True)]),
    ("le même jour", [("le même jour", None, None, D, SAME, False)]),
]

DE = [
    ("Am 15. Mai 2025 trafen sich", [("15. Mai 2025", "2025-05-15", None, D, ABS, False)]),
    ("im Oktober 2024", [("Oktober 2024", "2024-10", None, M, ABS, False)]),
    ("im Oktober", [("Oktober", "2024-10", None, M, ABS, True)]),
    ("gestern und heute", [("gestern", "2025-05-14", None, D, REL, True), ("heute", "2025-05-15", None, D, REL, True)]),
    ("im vergangenen Jahr und nächstes Jahr", [("vergangenen Jahr", "2024", None, Y, REL, True), ("nächstes Jahr", "2026", None, Y, REL, True)]),
    ("vom 24. bis 26. Januar", "2026-01-20", [("vom 24. bis 26. Januar", "2026-01-24", "2026-01-26", D, RNG, True)]),
    ("Er kommt morgen. Morgen reist er ab.", [("morgen", "2025-05-16", None, D, REL, True), ("Morgen", "2025-05-16", None, D, REL, True)]),
    ("Am Morgen sprach er, den frühen Morgen liebt er.", []),
    ("am selben Tag", [("am selben Tag", None, None, D, SAME, False)]),
]


@pytest.mark.parametrize("text,anchor,expected", _rows(TR))
def test_tr(text, anchor, expected):
    check(text, "tr", anchor, expected)


@pytest.mark.parametrize("text,anchor,expected", _rows(FR))
def test_fr(text, anchor, expected):
    check(text, "fr", anchor, expected)


@pytest.mark.parametrize("text,anchor,expected", _rows(DE))
def test_de(text, anchor, expected):
    check(text, "de", anchor, expected)


# ---------------------------------------------------------------------------
# Unknown stays unknown


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "on 15 May", [("15 May", None, None, D, ABS, True)]),
        ("en", "yesterday", [("yesterday", None, None, D, REL, True)]),
        ("en", "on Monday", [("Monday", None, None, D, REL, True)]),
        ("en", "in October", [("October", None, None, M, ABS, True)]),
        ("en", "last week", [("last week", None, None, D, REL, True)]),
        ("en", "next year", [("next year", None, None, Y, REL, True)]),
        ("en", "from January 24 through 26", [("from January 24 through 26", None, None, D, RNG, True)]),
        ("en", "two days ago", [("two days ago", None, None, D, REL, True)]),
        ("en", "15 May 2025 and in 2026", [("15 May 2025", "2025-05-15", None, D, ABS, False), ("2026", "2026", None, Y, ABS, False)]),
        ("ar", "أمس و26 يناير", [("أمس", None, None, D, REL, True), ("26 يناير", None, None, D, ABS, True)]),
        ("ru", "в прошлом году", [("прошлом году", None, None, Y, REL, True)]),
        ("az", "dünən", [("dünən", None, None, D, REL, True)]),
    ],
)
def test_no_anchor_leaves_value_none(lang, text, expected):
    check(text, lang, None, expected)


def test_partial_and_bad_anchors():
    # Month anchor: month/year arithmetic works, day arithmetic does not.
    got = find_dates("last month, yesterday, last year", "en", "2025-05")
    assert [(m.text, m.value) for m in got] == [("last month", "2025-04"), ("yesterday", None), ("last year", "2024")]
    # A year anchor still fixes the year of "15 May".
    assert find_dates("on 15 May", "en", "2025")[0].value == "2025-05-15"
    # Timestamps are cut to the date; garbage is treated as no anchor.
    assert find_dates("yesterday", "en", "2025-05-15T10:30:00Z")[0].value == "2025-05-14"
    assert find_dates("yesterday", "en", "not a date")[0].value is None
    assert find_dates("yesterday", "en", "2025-02-30")[0].value is None


def test_invalid_calendar_dates_keep_only_what_is_valid():
    # No 31 June or 29 February 2025: what remains true is the month.
    got = find_dates("on 31 June 2025 and 29 February 2025", "en", ANCHOR)
    assert [(m.text, m.value, m.granularity) for m in got] == [
        ("June 2025", "2025-06", "month"),
        ("February 2025", "2025-02", "month"),
    ]
    assert find_dates("on 31 June", "en", ANCHOR) == []
    assert find_dates("on 29 February 2024", "en", ANCHOR)[0].value == "2024-02-29"


def test_offsets_survive_case_and_letter_folding():
    # "İ" lower-cases to two characters; Arabic-Indic digits and alef forms are folded.
    text = "İİİ İstanbul'da 15 Mayıs 2025"
    (m,) = find_dates(text, "tr", ANCHOR)
    assert text[m.start : m.end] == "15 Mayıs 2025"
    text = "أعلن الوزير في ٦ نوفمبر ١٩٩٦ أن"
    (m,) = find_dates(text, "ar", ANCHOR)
    assert (m.text, m.value) == ("٦ نوفمبر ١٩٩٦", "1996-11-06")


def test_passing_resources_gives_the_same_result():
    text = "On 15 May and last week, from January 24 through 26."
    res = load_date_resources("en")
    assert find_dates(text, "en", ANCHOR, res) == find_dates(text, "en", ANCHOR)
    assert load_date_resources("en") is res  # cached


def test_empty_text():
    assert find_dates("", "en", ANCHOR) == []


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="no date data"):
        load_date_resources("xx")
    with pytest.raises(ValueError, match="not a language code"):
        load_date_resources("../en")


# ---------------------------------------------------------------------------
# Data files


def _data_files():
    root = importlib_resources.files("dragoman").joinpath("lang")
    return {p.name: p.joinpath("dates.json") for p in root.iterdir() if p.joinpath("dates.json").is_file()}


def test_every_required_language_has_date_data():
    assert set(LANGS) <= set(_data_files())


@pytest.mark.parametrize("lang", LANGS)
def test_data_file_has_exactly_the_required_keys(lang):
    data = json.loads(_data_files()[lang].read_text(encoding="utf-8"))
    keys = {k for k in data if not k.startswith("_")}
    assert keys == set(REQUIRED_KEYS)
    assert data["lang"] == lang
    for key, typ in REQUIRED_KEYS.items():
        assert isinstance(data[key], typ), key
    validate_date_data(data, source=lang)
    res = load_date_resources(lang)
    assert res.lang == lang
    # Every month 1..12 and weekday 0..6 is named.
    assert set(data["months"].values()) == set(range(1, 13))
    assert set(data["weekdays"].values()) == set(range(7))


def test_all_data_files_share_the_same_keys():
    key_sets = {
        lang: frozenset(k for k in json.loads(p.read_text(encoding="utf-8")) if not k.startswith("_"))
        for lang, p in _data_files().items()
    }
    assert len(set(key_sets.values())) == 1, key_sets


def test_validation_names_the_problem():
    good = read_date_data("en")
    bad = copy.deepcopy(good)
    del bad["months"]
    with pytest.raises(ValueError, match="missing keys"):
        validate_date_data(bad)
    bad = copy.deepcopy(good)
    bad["months"]["smarch"] = 13
    with pytest.raises(ValueError, match="smarch"):
        validate_date_data(bad)
    bad = copy.deepcopy(good)
    bad["relative"]["fortnight ago"] = {"fortnights": -1}
    with pytest.raises(ValueError, match="fortnight"):
        validate_date_data(bad)
    bad = copy.deepcopy(good)
    bad["future_cues"].append("(will)")
    with pytest.raises(ValueError, match="capturing groups"):
        validate_date_data(bad)
    bad = copy.deepcopy(good)
    bad["months_abbr"]["may"] = 6
    with pytest.raises(ValueError, match="maps to both"):
        validate_date_data(bad)


def test_synthetic_language_uses_only_data():
    """The code is language-neutral: a made-up language works from its data alone."""
    data = read_date_data("en")
    data = copy.deepcopy(data)
    data["lang"] = "en"
    data["months"] = {"primo": 1, "secundo": 2, "tertio": 3, "quarto": 4, "quinto": 5, "sexto": 6,
                      "septimo": 7, "octavo": 8, "nono": 9, "decimo": 10, "undecimo": 11, "duodecimo": 12}
    data["months_abbr"] = {}
    data["relative"] = {"heri": {"days": -1}}
    data["month_standalone_capitalized"] = False
    validate_date_data(data)
    res = compile_date_resources(data)
    got = find_dates("heri and on 15 quinto 2025", "en", ANCHOR, res)
    assert [(m.text, m.value) for m in got] == [("heri", "2025-05-14"), ("15 quinto 2025", "2025-05-15")]
