"""Names, offices, honorifics, represented countries and coreference."""

from __future__ import annotations

from dragoman.extract import extract


def _people(resources, doc):
    res = extract(doc, resources)
    return {p.name: p for p in res.people}, res


def test_title_before_name_gives_country_and_institution(resources, make_doc):
    doc = make_doc("Uzbekistan's Minister of Foreign Affairs Bakhtiyor Saidov received the Extraordinary and "
                   "Plenipotentiary Ambassador of the Republic of Azerbaijan to Uzbekistan, Rahman Mustafayev.")
    people, _ = _people(resources, doc)
    assert people["Bakhtiyor Saidov"].country == "UZ"
    assert "Foreign" in people["Bakhtiyor Saidov"].title
    amb = people["Rahman Mustafayev"]
    assert amb.country == "AZ"  # the sending country, not the host
    assert "Ambassador" in amb.title


def test_apposition_and_honorific(resources, make_doc):
    doc = make_doc("Sheikh Nasser bin Khalid Al Hamad, Chairman of the Shura Council of Bahrain, hosted Dr. Elmira Suleymanova.")
    people, _ = _people(resources, doc)
    p = people["Nasser bin Khalid Al Hamad"]
    assert p.honorifics == ["Sheikh"] and p.country == "BH"
    assert "Elmira Suleymanova" in people


def test_counterpart_takes_office_and_adjective(resources, make_doc):
    doc = make_doc("Georgian Defence Minister Irakli Chikovani met his Armenian counterpart Suren Papikyan in Tbilisi.")
    people, _ = _people(resources, doc)
    assert people["Suren Papikyan"].country == "AM"
    assert people["Suren Papikyan"].title and "Minister" in people["Suren Papikyan"].title


def test_two_people_sharing_a_surname_stay_two(resources, make_doc):
    doc = make_doc("Deputy Speaker Adil Mammadov met Ambassador Vusal Mammadov of Azerbaijan. "
                   "Later, Adil Mammadov spoke to reporters.")
    people, _ = _people(resources, doc)
    assert {"Adil Mammadov", "Vusal Mammadov"} <= set(people)
    assert len([n for n in people if n.endswith("Mammadov")]) == 2


def test_surname_mentions_join_the_person(resources, make_doc):
    doc = make_doc("Kazakh Foreign Minister Murat Nurtleu visited Baku. Nurtleu praised the talks.")
    people, _ = _people(resources, doc)
    assert len(people["Murat Nurtleu"].mentions) == 2


def test_arabic_office_name_and_country(resources, make_doc):
    doc = make_doc("استقبل سعادة الدكتور خالد بن سالم الحربي وزير الصحة، اليوم، سعادة السيد أنار إسماعيلوف سفير جمهورية أذربيجان لدى المملكة.",
                   lang="ar")
    people, _ = _people(resources, doc)
    host = people["خالد بن سالم الحربي"]
    guest = people["أنار إسماعيلوف"]
    assert "وزير" in host.title
    assert guest.country == "AZ" and "سفير" in guest.title
    assert "الدكتور" in host.honorifics


def test_arabic_nisba_after_office(resources, make_doc):
    doc = make_doc("التقى وزير الداخلية الأذربيجاني فاضل علييف نظيره القطري الشيخ خليفة بن حمد آل ثاني في الدوحة.", lang="ar")
    people, _ = _people(resources, doc)
    assert people["فاضل علييف"].country == "AZ"
    assert people["خليفة بن حمد آل ثاني"].country == "QA"


def test_azerbaijani_case_endings_on_names(resources, make_doc):
    """Genitive after a consonant is -ın (Ərdoğan-ın), after a female surname -nın (Qafarova-nın); a name before
    'ilə' keeps its dictionary form; accusative -ni after a vowel (Kobaxidze-ni)."""
    doc = make_doc("Cevdet Yılmaz Türkiyə Prezidenti Rəcəb Tayyib Ərdoğanın salamlarını çatdırıb. "
                   "Bu gün Cevdet Yılmaz Milli Məclisin sədri Sahibə Qafarova ilə görüşüb.", lang="az")
    people, _ = _people(resources, doc)
    assert "Rəcəb Tayyib Ərdoğan" in people
    assert "Sahibə Qafarova" in people


def test_azerbaijani_adjacent_names_and_accusative(resources, make_doc):
    doc = make_doc("Azərbaycanın Baş naziri Əli Əsədov Gürcüstanın Baş naziri İrakli Kobaxidze ilə telefon danışığı aparıb. "
                   "İrakli Kobaxidze Əli Əsədovu Novruz bayramı münasibətilə təbrik edib. "
                   "Əli Əsədov İrakli Kobaxidzeni aprel ayında Bakıya səfərə dəvət edib.", lang="az")
    people, _ = _people(resources, doc)
    assert sorted(people) == ["İrakli Kobaxidze", "Əli Əsədov"]


def test_azerbaijani_ali_is_supreme_not_a_name(resources, make_doc):
    doc = make_doc("Prezidentlər Ali Dövlətlərarası Şuranın növbəti iclasına hazırlığı müzakirə ediblər.", lang="az")
    people, _ = _people(resources, doc)
    assert not people
