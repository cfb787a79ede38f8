"""Building briefs from the invented record, on every backend: content, citations, errors."""

from __future__ import annotations

import pytest

from dragoman.briefing import Brief, BriefSpec, BriefSpecError, build_brief
from dragoman.errors import NotFound
from dragoman.store import Store
from dragoman.store.reports import AmbiguousName, InvalidFilter
from dragoman.store.schema import Document, Person, PersonName
from tests.briefing.textcheck import BIDI
from tests.export import fixtures as fx

SECTIONS = {
    "pair": ["summary", "milestones", "timeline", "people", "agreements", "commitments", "topics"],
    "person": ["summary", "offices", "timeline", "counterparts", "agreements", "commitments", "topics"],
    "institution": ["summary", "members", "timeline", "counterparts", "agreements", "commitments", "topics"],
}
SUBJECTS = {"pair": "AZ-BH", "person": "per_fx_khalid", "institution": "Milli Majlis"}


def plain(text: str) -> str:
    """The text without the bidi isolates that wrap other-direction names."""
    return BIDI.sub("", text)


def build(store: Store, kind: str, subject: str | None = None, **kw: object) -> Brief:
    spec = BriefSpec(kind, subject or SUBJECTS[kind], today=fx.TODAY, **kw)  # type: ignore[arg-type]
    return build_brief(store, spec)


def assert_cited(store: Store, brief: Brief) -> None:
    """Every fact has citations; every citation is a numbered source; every source a stored document."""
    numbers = [s.n for s in brief.sources]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = set()
    for sentence in brief.sentences():
        if sentence.fact:
            assert sentence.cites, sentence.text
        else:
            assert not sentence.cites
        cited.update(sentence.cites)
    assert cited == set(numbers)  # and no source is listed without being cited
    with store.session() as s:
        for src in brief.sources:
            doc = s.get(Document, src.document_id)
            assert doc is not None and doc.external_id == src.external_id and doc.url == src.url


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("kind", ["pair", "person", "institution"])
def test_every_kind_and_language(fx_store: Store, kind: str, lang: str) -> None:
    brief = build(fx_store, kind, lang=lang)
    assert [s.key for s in brief.sections] == SECTIONS[kind]
    assert brief.direction == ("rtl" if lang == "ar" else "ltr")
    assert_cited(fx_store, brief)
    assert brief.to_dict()["sections"][0]["key"] == "summary"


def test_pair_brief_content(fx_store: Store) -> None:
    brief = build(fx_store, "pair")
    summary = " ".join(plain(s.text) for s in brief.sentences()[:3])
    assert "Azerbaijan and Bahrain have 3 engagements on record" in summary
    assert "2 meetings and 1 phone call" in summary
    milestones = [plain(s.text) for i in brief.section("milestones").items for s in i.sentences]
    assert "Diplomatic relations between Azerbaijan and Bahrain were established on February 21, 1996." in milestones
    assert any("The 30th anniversary of diplomatic relations falls on February 21, 2026 (30 years)." == t
               for t in milestones)
    timeline = brief.section("timeline").items
    assert [plain(i.sentences[0].text).split(":")[0] for i in timeline] == ["May 12, 2025", "September 3, 2025",
                                                                     "December 20, 2025"]
    first = timeline[0]
    assert len(first.sentences[0].cites) == 3  # three reports of the Manama meeting
    assert first.sentences[1].quote and "Manama" in plain(first.sentences[1].text)
    people = [plain(i.sentences[0].text) for i in brief.section("people").items]
    assert people[0].startswith("Leyla Huseynova (Azerbaijan): Speaker, Milli Majlis")
    assert any(p.startswith("Khalid bin Salman Al-Nuaimi (Bahrain): Foreign Minister") for p in people)
    agreements = brief.section("agreements").items
    assert "Memorandum of understanding on parliamentary cooperation (signed)" in plain(agreements[0].sentences[0].text)
    commitments = [plain(i.sentences[0].text) for i in brief.section("commitments").items]
    assert commitments[0].startswith("Political consultations: hold regular political consultations")
    assert commitments[1].startswith("Planned visit, March 2026 in Baku")
    assert len(commitments) == 2  # the planned-visit commitment is the planned event, listed once
    assert plain(brief.section("topics").items[0].sentences[0].text).startswith("2025: energy (1), parliament (1)")
    assert brief.sources[0].external_id == "fx-en-001"


def test_arabic_pair_brief_keeps_names_and_quotes_in_their_language(fx_store: Store) -> None:
    brief = build(fx_store, "pair", lang="ar")
    assert brief.title == "مذكرة إحاطة: أذربيجان – البحرين"
    timeline = brief.section("timeline").items
    assert plain(timeline[0].sentences[0].text).startswith("12 مايو 2025: لقاء في")
    assert "Rauf Mammadli" in plain(timeline[0].sentences[0].text)  # names stay as the source wrote them
    quote = timeline[0].sentences[1]
    assert quote.lang == "ar" and "رؤوف محمدلي" in plain(quote.text)  # the Arabic report is quoted first
    assert timeline[1].sentences[1].lang == "en"  # only an English report: quoted in English
    summary = plain(brief.section("summary").items[0].sentences[0].text)
    assert "3 أنشطة" in summary and "لقاءان" in summary  # Arabic plural forms


def test_period_filters_the_timeline_and_says_when_empty(fx_store: Store) -> None:
    brief = build(fx_store, "pair", since="2025-09", until="2025-10")
    assert [plain(i.sentences[0].text)[:17] for i in brief.section("timeline").items] == ["September 3, 2025"]
    assert brief.subtitle.startswith("Period: September 2025 to October 2025 · ")
    brief = build(fx_store, "pair", since="2024-01-01", until="2024-12-31")
    timeline = brief.section("timeline")
    assert timeline.empty and plain(timeline.items[0].sentences[0].text) == "No engagement is recorded for this period."
    assert brief.section("milestones").items  # history is not filtered by the period
    assert_cited(fx_store, brief)


def test_person_brief(fx_store: Store) -> None:
    brief = build(fx_store, "person", "Rauf Mammadli")
    assert brief.subject_id == "per_fx_rauf"
    texts = [plain(s.text) for s in brief.sentences()]
    assert "Names on record: Rauf Mammadli, رؤوف محمدلي." in texts
    assert plain(brief.section("offices").items[0].sentences[0].text).startswith("Foreign Minister, Ministry of Foreign")
    counterpart = plain(brief.section("counterparts").items[0].sentences[0].text)
    assert counterpart.startswith("Khalid bin Salman Al-Nuaimi (Foreign Minister") and "2 engagements" in counterpart
    assert brief.section("agreements").empty
    by_arabic_name = build(fx_store, "person", "رؤوف محمدلي")
    assert by_arabic_name.subject_id == "per_fx_rauf"


def test_institution_brief(fx_store: Store) -> None:
    brief = build(fx_store, "institution", "org_fx_mm", lang="ar")
    members = brief.section("members").items
    assert "Leyla Huseynova" in plain(members[0].sentences[0].text)
    counterparts = " ".join(plain(i.sentences[0].text) for i in brief.section("counterparts").items)
    assert "Serik Abenov" in counterparts and "Yousif Al-Mannai" in counterparts
    assert "Leyla Huseynova" not in counterparts  # she acts for the institution
    assert not brief.section("agreements").empty


def test_unknown_subjects_raise_not_found(fx_store: Store) -> None:
    with pytest.raises(NotFound, match="AZ-FR"):
        build(fx_store, "pair", "FR-AZ")
    with pytest.raises(NotFound):
        build(fx_store, "person", "Nobody Known")
    with pytest.raises(NotFound):
        build(fx_store, "institution", "org_nothing")
    with pytest.raises(InvalidFilter):
        build(fx_store, "pair", "Azerbaijan-Bahrain")


def test_ambiguous_name(fx_store: Store) -> None:
    with fx_store.session() as s:
        s.add(Person(id="per_fx_rauf2", name="Rauf Mammadli", name_latin="Rauf Mammadli", country="AZ"))
        s.add(PersonName(person_id="per_fx_rauf2", name="Rauf Mammadli", script="latin"))
    with pytest.raises(AmbiguousName, match="per_fx_rauf2"):
        build(fx_store, "person", "rauf mammadli")


def test_bad_specs() -> None:
    with pytest.raises(BriefSpecError):
        BriefSpec("pair", "AZ-BH", lang="fr")
    with pytest.raises(BriefSpecError):
        BriefSpec("country", "AZ")  # type: ignore[arg-type]
