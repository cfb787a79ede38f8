"""The FORMAT.md records (events, people) and the other record kinds, on every backend."""

from __future__ import annotations

import pytest

from dragoman.export import InvalidFilter, ReportFilters
from dragoman.export.records import document_records, event_records, institution_records, person_records
from dragoman.store import Store
from dragoman.store.schema import Document
from tests.export import fixtures as fx

EVENT_FIELDS = {"id", "type", "status", "plover", "date", "location", "participants", "countries", "sources",
                "confidence"}
PARTICIPANT_FIELDS = {"entity_id", "name", "name_latin", "title", "organization", "country", "documents"}
PERSON_FIELDS = {"id", "name", "name_latin", "aliases", "country", "roles", "documents"}
ROLE_FIELDS = {"title", "organization", "country", "first_seen", "last_seen"}


def _events(store: Store, **filters: str) -> dict[str, dict]:
    with store.session() as s:
        return {r["id"]: r for r in event_records(s, filters)}


def test_event_records_follow_format_md(fx_store: Store) -> None:
    events = _events(fx_store)
    assert set(events) == {e["id"] for e in fx.EVENTS}
    meet = events["ev_fx_meet1"]
    assert EVENT_FIELDS <= set(meet)
    assert meet["date"] == {"start": "2025-05-12", "end": None}
    assert meet["location"] == {"name": "Manama", "country": "BH"}
    assert meet["countries"] == ["AZ", "BH"]
    assert meet["plover"] == {"category": "CONSULT", "mode": "visit"}
    assert [p["entity_id"] for p in meet["participants"]] == ["per_fx_rauf", "per_fx_khalid"]  # visitor, host
    for p in meet["participants"]:
        assert PARTICIPANT_FIELDS <= set(p)
        assert p["documents"] == ["fx-ar-001", "fx-en-001"]
    assert {s["document"] for s in meet["sources"]} == {"fx-en-001", "fx-ar-001", "fx-en-001-syn"}
    assert events["ev_fx_call"]["location"] is None
    assert events["ev_fx_meet2"]["plover"] is None


def test_evidence_offsets_point_into_the_cleaned_text(fx_store: Store) -> None:
    with fx_store.session() as s:
        texts = {d.external_id: d.text for d in s.query(Document)}
        for rec in event_records(s):
            for src in rec["sources"]:
                assert src["evidence"], rec["id"]
                for ev in src["evidence"]:
                    assert texts[src["document"]][ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"pair": "BH-AZ"}, {"ev_fx_meet1", "ev_fx_meet2", "ev_fx_call", "ev_fx_plan"}),
        ({"pair": "az-kz"}, {"ev_fx_kz"}),
        ({"country": "KZ"}, {"ev_fx_kz"}),
        ({"type": "phone_call"}, {"ev_fx_call"}),
        ({"status": "planned"}, {"ev_fx_plan"}),
        ({"since": "2025-09"}, {"ev_fx_meet2", "ev_fx_call", "ev_fx_plan"}),
        ({"until": "2025-06-01"}, {"ev_fx_meet1", "ev_fx_kz"}),
        ({"since": "2026-03-15"}, {"ev_fx_plan"}),  # a month-precision date overlaps
        ({"since": "2025", "until": "2025"}, {"ev_fx_meet1", "ev_fx_meet2", "ev_fx_call", "ev_fx_kz"}),
    ],
)
def test_event_filters(fx_store: Store, filters: dict[str, str], expected: set[str]) -> None:
    assert set(_events(fx_store, **filters)) == expected


def test_keyset_batches_give_the_same_records(fx_store: Store) -> None:
    with fx_store.session() as s:
        small = list(event_records(s, None, batch_size=2))
        large = list(event_records(s, None, batch_size=500))
    assert small == large
    assert [r["id"] for r in small] == sorted(r["id"] for r in small)


@pytest.mark.parametrize("bad", [{"pair": "AZ"}, {"pair": "AZ-AZ"}, {"since": "May 2025"},
                                 {"country": "Azerbaijan"}, {"since": "2026", "until": "2025"}])
def test_invalid_filters_are_refused(bad: dict[str, str]) -> None:
    with pytest.raises(InvalidFilter):
        ReportFilters.make(**bad)


def test_person_records_follow_format_md(fx_store: Store) -> None:
    with fx_store.session() as s:
        people = {r["id"]: r for r in person_records(s)}
    assert set(people) == {p["id"] for p in fx.PERSONS}
    khalid = people["per_fx_khalid"]
    assert PERSON_FIELDS <= set(khalid)
    assert khalid["aliases"] == ["خالد بن سلمان النعيمي"]
    assert khalid["country"] == "BH"
    assert [r["title"] for r in khalid["roles"]] == ["Foreign Minister"]
    assert ROLE_FIELDS <= set(khalid["roles"][0])
    assert khalid["documents"] == ["fx-ar-001", "fx-en-001", "fx-en-001-syn", "fx-en-003"]


def test_people_filters(fx_store: Store) -> None:
    with fx_store.session() as s:
        assert {r["id"] for r in person_records(s, {"country": "AZ"})} == {"per_fx_rauf", "per_fx_leyla"}
        kz = {r["id"] for r in person_records(s, {"pair": "AZ-KZ"})}
        assert kz == {"per_fx_leyla", "per_fx_serik"}
        assert {r["id"] for r in person_records(s, {"since": "2025-12"})} == {"per_fx_rauf", "per_fx_khalid"}


def test_institution_and_document_records(fx_store: Store) -> None:
    with fx_store.session() as s:
        insts = {r["id"]: r for r in institution_records(s)}
        docs = {r["id"]: r for r in document_records(s)}
        ar_docs = {r["id"] for r in document_records(s, {"lang": "ar"})}
        pair_docs = {r["id"] for r in document_records(s, {"pair": "AZ-KZ"})}
    assert insts["org_fx_mm"]["names"]["ar"] == ["المجلس الوطني الأذربيجاني"]
    assert [p["entity_id"] for p in insts["org_fx_mm"]["people"]] == ["per_fx_leyla"]
    assert docs["fx-en-002"]["text"] == fx.TEXTS["fx-en-002"]
    assert docs["fx-en-001-syn"]["copy_of"] == "fx-en-001"
    assert {"id", "url", "outlet", "lang", "published", "title", "text"} <= set(docs["fx-ar-001"])
    assert ar_docs == {"fx-ar-001"}
    assert pair_docs == {"fx-en-004"}
