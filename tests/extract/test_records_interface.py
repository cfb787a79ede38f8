"""The public interface: purity, picklable resources, language fallback, export records."""

from __future__ import annotations

import json
import pickle

from dragoman.extract import EXTRACTOR_VERSION, Resources, extract, load_resources
from dragoman.extract.records import format_records
from dragoman.models import ExtractionResult

TEXT = ("Turkmen Foreign Minister Rashid Meredov held talks with Azerbaijani Foreign Minister Jeyhun Bayramov in Ashgabat on 3 April. "
        "The sides signed a Protocol on consular cooperation.")


def test_extract_is_pure_and_versioned(resources, make_doc):
    doc = make_doc(TEXT, published="2025-04-03")
    a = extract(doc, resources).to_dict()
    b = extract(doc, resources).to_dict()
    assert a == b
    assert a["version"] == EXTRACTOR_VERSION and isinstance(EXTRACTOR_VERSION, str)
    assert ExtractionResult.from_dict(a).to_dict() == a


def test_resources_are_picklable_and_subsettable(make_doc):
    res = load_resources(["en", "ar"])
    assert isinstance(res, Resources) and {"en", "ar"} <= set(res.packs)
    clone = pickle.loads(pickle.dumps(res))
    doc = make_doc(TEXT, published="2025-04-03")
    assert extract(doc, clone).to_dict() == extract(doc, res).to_dict()


def test_unknown_language_falls_back_to_english_names(resources, make_doc):
    doc = make_doc(TEXT, lang="xx", published="2025-04-03")
    res = extract(doc, resources)
    assert {p.name for p in res.people} >= {"Rashid Meredov", "Jeyhun Bayramov"}


def test_mentions_and_evidence_point_into_the_text(resources, make_doc):
    doc = make_doc(TEXT, published="2025-04-03")
    res = extract(doc, resources)
    for m in res.mentions:
        assert doc.text[m.start : m.end] == m.text
    for ev in res.events:
        for e in ev.evidence:
            assert doc.text[e.start : e.end] == e.text
        for part in ev.participants:
            assert part.evidence
    kinds = {m.kind for m in res.mentions}
    assert {"person", "title", "country", "trigger", "place"} <= kinds


def test_format_records_match_the_eval_format(resources, make_doc):
    doc = make_doc(TEXT, published="2025-04-03", doc_id="r42")
    events, people = format_records(extract(doc, resources), doc)
    json.dumps(events), json.dumps(people)
    assert events and all(e["id"].startswith("ev_") for e in events)
    meeting = next(e for e in events if e["type"] == "meeting")
    assert meeting["date"]["start"] == "2025-04-03"
    assert meeting["location"] == {"name": "Ashgabat", "country": "TM"}
    assert meeting["sources"][0]["document"] == "r42"
    assert {p["country"] for p in meeting["participants"]} == {"TM", "AZ"}
    for p in meeting["participants"]:
        assert p["entity_id"].startswith("per_") and p["documents"] == ["r42"] and p["name_latin"]
    assert {p["name"] for p in people} == {"Rashid Meredov", "Jeyhun Bayramov"}
    assert all(p["id"].startswith("per_") and p["roles"] for p in people)


def test_arabic_names_get_a_latin_form(resources, make_doc):
    doc = make_doc("استقبل سعادة الدكتور خالد بن سالم الحربي وزير الصحة، اليوم، سعادة السيد أنار إسماعيلوف سفير جمهورية أذربيجان لدى المملكة.",
                   lang="ar", doc_id="r43")
    _, people = format_records(extract(doc, resources), doc)
    latin = {p["name_latin"] for p in people}
    assert all(n.isascii() for n in latin)
