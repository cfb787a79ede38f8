"""Milestones, commitments and several encounters in one report, on sentences written for these tests."""

from __future__ import annotations

from dragoman.extract import extract
from dragoman.models import CleanDocument


def _run(resources, text, lang="en", published="2025-10-14"):
    return extract(CleanDocument(external_id="t1", text=text, lang=lang, published=published), resources)


def test_anniversary_and_establishment_are_clean_statements(resources):
    r = _run(resources, "Foreign Minister Jeyhun Bayramov met with Bahraini Foreign Minister Abdullatif bin Rashid Alzayani in Manama on October 14. "
             "They noted that the 30th anniversary of the establishment of diplomatic relations between Azerbaijan and Bahrain "
             "will be celebrated next year.")
    got = {m.kind: m for m in r.milestones}
    assert got["anniversary"].what == "30th anniversary of diplomatic relations"
    assert got["anniversary"].date == "2026"
    assert got["relations_established"].what == "Diplomatic relations established"
    assert got["relations_established"].date == "1996"


def test_stated_establishment_date_wins(resources):
    r = _run(resources, "Speaker Sahiba Gafarova met with Ambassador Orkhan Jafarli in Baku on October 14. The meeting took place on the eve "
             "of the 30th anniversary of diplomatic relations between the two countries, which were established on 6 November 1996.")
    got = {m.kind: m for m in r.milestones}
    assert got["relations_established"].date == "1996-11-06"
    assert got["anniversary"].date == "2026"


def test_delegation_led_by_is_not_a_chairmanship(resources):
    r = _run(resources, "استقبل رئيس مجلس النواب أحمد بن سلمان المسلم اليوم وفد مجلس النواب برئاسة السيد فريد حاجييف.", lang="ar")
    assert not [m for m in r.milestones if m.kind == "chairmanship"]


def test_commitment_is_a_clean_phrase(resources):
    r = _run(resources, "Foreign Minister Jeyhun Bayramov met with Bahraini Foreign Minister Abdullatif bin Rashid Alzayani in Manama on October 14. "
             "The sides agreed to hold the next round of political consultations in Baku in 2026.")
    texts = [c.text for c in r.commitments]
    assert "hold the next round of political consultations in Baku in 2026" in texts
    assert all(not t.startswith(("sides", "The sides", "agreed")) for t in texts)
    c = next(c for c in r.commitments if c.text.startswith("hold"))
    assert c.due == "2026"


def test_consultations_that_happened_are_not_a_commitment(resources):
    r = _run(resources, "Political consultations between the Ministries of Foreign Affairs of Azerbaijan and Kuwait were held in Kuwait City "
             "on October 14, led by Deputy Foreign Minister Elnur Mammadov and Deputy Foreign Minister Jarrah Jaber Al-Ahmad Al-Sabah.")
    assert not [c for c in r.commitments if "were held" in c.text]


def _pairs(r):
    names = {p.key: p.name for p in r.people}
    return [sorted(names[x.person] for x in e.participants) for e in r.events]


def test_credentials_of_several_ambassadors_are_separate_meetings(resources):
    r = _run(resources, "President Ilham Aliyev received the credentials of the newly appointed Ambassador of Japan Kenji Hamada, "
             "Ambassador of Kuwait Fahad Saad Al-Ajmi and Ambassador of Germany Matthias Brenner on October 14.")
    pairs = _pairs(r)
    assert len(pairs) == 3
    assert all("Ilham Aliyev" in p and len(p) == 2 for p in pairs)


def test_met_separately_in_arabic(resources):
    r = _run(resources, "التقى سعادة السيد سلطان بن سعد المريخي وزير الدولة للشؤون الخارجية، اليوم، كلا من سعادة السيد جيهون بيراموف وزير خارجية "
             "جمهورية أذربيجان، وسعادة السيد مراد نورتليو وزير خارجية جمهورية كازاخستان، كل على حدة.", lang="ar")
    assert len(r.events) == 2
    assert all(len(e.participants) == 2 for e in r.events)


def test_also_met_keeps_the_main_actor(resources):
    r = _run(resources, "Foreign Minister Prince Faisal bin Farhan met with Azerbaijani Foreign Minister Jeyhun Bayramov in Istanbul on October 14. "
             "His Highness also met with Iraqi Foreign Minister Fuad Hussein.")
    pairs = _pairs(r)
    assert any("Fuad Hussein" in p and "Faisal bin Farhan" in p for p in pairs)


def test_arabic_ordinal_anniversary(resources, make_doc):
    """'الذكرى الخامسة والعشرين' is the 25th anniversary (unit + tens), counted back to the establishment year."""
    doc = make_doc("احتفل البلدان اليوم بالذكرى الخامسة والعشرين لإقامة العلاقات الدبلوماسية بين البحرين وأذربيجان.", lang="ar")
    r = extract(doc, resources)
    got = {m.kind: m for m in r.milestones}
    assert got["anniversary"].what.startswith("25th anniversary")
    assert got["relations_established"].date == "2000"


def test_english_ordinal_word_anniversary(resources, make_doc):
    doc = make_doc("The two countries marked the thirtieth anniversary of diplomatic relations this year.")
    got = {m.kind: m for m in extract(doc, resources).milestones}
    assert got["anniversary"].what.startswith("30th anniversary")
