"""Cleaning removes page furniture, reads datelines and keeps an exact offset map."""

from __future__ import annotations

import pytest

from dragoman.ingest.clean import clean_text
from dragoman.ingest.offsets import span_to_raw

LEAD = ("The Chairman of the State Committee for Tourism met a delegation of travel operators from Georgia "
        "to discuss new direct flights between the two capitals.")


def assert_offsets_exact(raw: str, cleaned_text: str, offset_map: list[tuple[int, int]]) -> None:
    """Every word of the cleaned text maps back to the same word in the raw text."""
    import re

    for m in re.finditer(r"\w+", cleaned_text):
        a, b = span_to_raw(offset_map, m.start(), m.end())
        assert raw[a:b] == m.group(), (m.group(), raw[a:b])


def test_font_widget_date_prefix_and_photo_credit() -> None:
    raw = f" date 2026-02-10 + ↺ − 16 px\n\nphoto: Example Agency\n\n{LEAD}\n\nThe sides agreed on a roadmap."
    cleaned = clean_text(raw)
    assert "px" not in cleaned.text and "photo" not in cleaned.text
    assert cleaned.widget_date == "2026-02-10"
    assert cleaned.text.startswith("The Chairman")
    assert_offsets_exact(raw, cleaned.text, cleaned.offset_map)


@pytest.mark.parametrize(
    "dateline, place, country, day",
    [
        ("BAKU, Azerbaijan, January 26.", "Baku", "AZ", "2026-01-26"),
        ("BAKU, Azerbaijan, Feb. 2 Trend:", "Baku", "AZ", "2026-02-02"),
        ("Astana, 3 March – Kazinform.", "Astana", None, "2026-03-03"),
        ("المنامة في 26 يناير / بنا /", "المنامة", None, "2026-01-26"),
        ("Баку, 15 марта. /АЗЕРТАДЖ/.", "Баку", None, "2026-03-15"),
    ],
)
def test_datelines_become_place_and_date(dateline: str, place: str, country: str | None, day: str) -> None:
    raw = f"{dateline} {LEAD}"
    cleaned = clean_text(raw, anchor="2026-03-20")
    assert (cleaned.dateline_place, cleaned.dateline_country, cleaned.dateline_date) == (place, country, day)
    assert cleaned.text.startswith("The Chairman")
    assert_offsets_exact(raw, cleaned.text, cleaned.offset_map)


def test_dateline_without_anchor_has_no_invented_year() -> None:
    cleaned = clean_text(f"BAKU, Azerbaijan, January 26. {LEAD}")
    assert cleaned.dateline_place == "Baku" and cleaned.dateline_date is None


def test_related_news_tail_and_repeated_lead_are_dropped() -> None:
    raw = f"{LEAD}\n\nThe talks covered tourism.\n\nShare\nFacebook\n\nRelated news\n\nAnother story entirely.\n\n{LEAD}"
    cleaned = clean_text(raw)
    assert cleaned.text == f"{LEAD}\n\nThe talks covered tourism."


def test_repeated_lead_without_marker_is_dropped() -> None:
    raw = f"{LEAD}\n\nThe talks covered tourism.\n\nA second paragraph of substance.\n\n{LEAD}"
    assert clean_text(raw).text.count("The Chairman") == 1


def test_ordinary_sentences_are_kept() -> None:
    raw = "Baku hosted the forum.\n\nRead more about the forum in the annex, the ministry said."
    assert clean_text(raw).text == raw


def test_agency_from_dateline_or_credit() -> None:
    assert clean_text(f"BAKU, Azerbaijan, Feb. 2 Trend: {LEAD}", anchor="2026-02-02").agency == "Trend"
    assert clean_text(f"{LEAD[:-1]}, APA reports.\n\nMore text follows here.").agency == "APA"
    assert clean_text(LEAD).agency is None


@pytest.mark.parametrize(
    "dateline, place, day, agency",
    [
        ("Baku. July 8. REPORT.AZ/", "Baku", "2026-07-08", "REPORT.AZ"),
        ("ASTANA. KAZINFORM –", "Astana", None, "KAZINFORM"),
        ("ABU DHABI, 13th March, 2026 (WAM) --", "Abu Dhabi", "2026-03-13", "WAM"),
        ("RIYADH:", "Riyadh", None, None),
        ("الرياض في 14 أبريل / بنا /", "الرياض", "2026-04-14", "بنا"),
    ],
)
def test_more_dateline_shapes(dateline: str, place: str, day: str | None, agency: str | None) -> None:
    cleaned = clean_text(f"{dateline} {LEAD}", anchor="2026-07-20")
    assert (cleaned.dateline_place, cleaned.dateline_date, cleaned.agency) == (place, day, agency)
    assert cleaned.text.startswith("The Chairman")


def test_header_furniture_before_the_body_is_dropped() -> None:
    raw = ("Domestic politics\n08 July, 2026 12:47\nShare: Facebook | X | WhatsApp\nFont size: A+ A-\n\n"
           f"BAKU, Azerbaijan, July 8. {LEAD}\n\nThe talks covered tourism.\n\nPaylaş: Facebook | X | Telegram\n\n"
           "اقرأ أيضاً:\n- خبر آخر")
    cleaned = clean_text(raw, anchor="2026-07-08")
    assert cleaned.text == f"{LEAD}\n\nThe talks covered tourism."
    assert cleaned.dateline_date == "2026-07-08"


@pytest.mark.parametrize("dateline, place, agency", [("АСТАНА. КАЗИНФОРМ –", "Астана", "КАЗИНФОРМ"),
                                                     ("БАКУ /Trend/ -", "Баку", "Trend")])
def test_cyrillic_agency_datelines(dateline: str, place: str, agency: str) -> None:
    cleaned = clean_text(f"{dateline} Председатель парламента провел встречу с послом Японии и обсудил сотрудничество.")
    assert (cleaned.dateline_place, cleaned.agency) == (place, agency)
    assert cleaned.text.startswith("Председатель")
