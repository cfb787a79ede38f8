"""Syndication (MinHash/LSH) and analyst corrections that survive re-resolution."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dragoman.errors import DragomanError, NotFound
from dragoman.resolve import corrections, resolve_documents
from dragoman.store import entities
from dragoman.store.schema import Correction, Document, DocumentCopy, Event, EventSource, Person
from tests.resolve.factory import add_document, event, person, result

WIRE = (
    "Manama, 12 May: The Foreign Minister of the Kingdom of Bahrain, Abdullatif bin Rashid Alzayani, received today "
    "the Minister of Foreign Affairs of the Republic of Azerbaijan, Jeyhun Bayramov, who is on an official visit. "
    "The two ministers reviewed bilateral relations and ways to develop cooperation in trade, energy, tourism and "
    "education, and discussed preparations for the next session of the joint intergovernmental commission. They also "
    "exchanged views on regional and international developments of common interest and praised the level of "
    "coordination between the two countries in international organisations."
)


def _meeting(doc, lang="en", names=("Abdullatif bin Rashid Alzayani", "Jeyhun Bayramov"), day="2025-05-12"):
    return result(doc, lang, [person("p1", names[0], "Foreign Minister", "BH"), person("p2", names[1], "Foreign Minister", "AZ")],
                  [event("e1", "meeting", day, [("p1", "host"), ("p2", "visitor")], ["AZ", "BH"], ("Manama", "BH"))])


def test_wire_copies_are_linked_and_counted_once(store):
    add_document(store, _meeting("w1"), text=WIRE, outlet="BNA", published="2025-05-12")
    add_document(store, _meeting("w2"), text=WIRE.replace("received today", "received on Monday") + " (Trend)",
                 outlet="Trend", published="2025-05-12")
    add_document(store, _meeting("w3"), text="Bahrain News, republished: " + WIRE, outlet="Gulf Daily", published="2025-05-13")
    add_document(store, _meeting("w4"), text="An original account. " * 3 + "The ministers met in Manama and talked about trade "
                 "and energy for an hour before a joint press conference where both sides praised the progress made.",
                 outlet="Report.az", published="2025-05-12")
    summary = resolve_documents(store)
    assert summary.copies == 2
    with store.session() as s:
        ids = dict(s.execute(select(Document.external_id, Document.id)).all())
        copies = {(c.document_id, c.original_id) for c in s.scalars(select(DocumentCopy))}
        assert copies == {(ids["w2"], ids["w1"]), (ids["w3"], ids["w1"])}
        (ev,) = s.scalars(select(Event)).all()
        assert ev.reports == 4 and ev.newsrooms == 2
        flags = {x.reading["_document"]: x.is_copy for x in s.scalars(select(EventSource))}
        assert flags == {"w1": False, "w2": True, "w3": True, "w4": False}


def _person_of(store, doc, key="p1"):
    with store.session() as s:
        did = s.scalar(select(Document.id).where(Document.external_id == doc))
        return entities.document_entity_map(s, did, "person")[key]


def _event_of(store, doc, key="e1"):
    with store.session() as s:
        return s.scalar(select(EventSource.event_id).join(Document, Document.id == EventSource.document_id)
                        .where(Document.external_id == doc, EventSource.local_key == key))


def _rerun_all(store):
    with store.session() as s:
        ids = list(s.scalars(select(Document.id)))
    resolve_documents(store, ids)


def test_person_merge_and_split_survive_re_resolution(store):
    add_document(store, result("c1", "en", [person("p1", "Tural Ganjaliyev", "MP", "AZ")], []))
    add_document(store, result("c2", "en", [person("p1", "Tural Gəncəliyev", None, "AZ")], []))
    add_document(store, result("c3", "en", [person("p1", "Tural Gandzhaliev", None, None)], []))
    add_document(store, result("c4", "en", [person("p1", "Tural Ganjaliyev", "Deputy Minister", "AZ")], []))
    resolve_documents(store)
    a, b = _person_of(store, "c1"), _person_of(store, "c2")
    if a == b:  # the matcher already agreed: split one first so there is something to merge
        corrections.split(store, "person", a, document="c2", author="test")
        b = _person_of(store, "c2")
    assert a != b
    corrections.merge(store, "person", a, b, author="analyst", note="same MP")
    assert _person_of(store, "c2") == a
    corrections.split(store, "person", a, document="c4")
    split_id = _person_of(store, "c4")
    assert split_id != a
    _rerun_all(store)
    assert _person_of(store, "c1") == _person_of(store, "c2") == a
    assert _person_of(store, "c4") == split_id
    with store.session() as s:
        assert s.get(Person, b) is None
        assert s.scalar(select(Correction.id).where(Correction.author == "analyst")) is not None
        assert {e["document"] for o in entities.offices_of(s, split_id) for e in o["evidence"]} == {"c4"}


def test_event_merge_and_split_survive_re_resolution(store):
    add_document(store, _meeting("e1", day="2025-05-12"), published="2025-05-12")
    add_document(store, _meeting("e2", day="2025-05-20"), published="2025-05-20")  # the analyst knows it is the same
    add_document(store, _meeting("e3", day="2025-05-12"), published="2025-05-12")
    resolve_documents(store)
    a, b = _event_of(store, "e1"), _event_of(store, "e2")
    assert a != b and _event_of(store, "e3") == a
    corrections.merge(store, "event", a, b)
    assert _event_of(store, "e2") == a
    corrections.split(store, "event", a, document="e3")
    c = _event_of(store, "e3")
    assert c not in (a, b)
    _rerun_all(store)
    assert _event_of(store, "e1") == _event_of(store, "e2") == a
    assert _event_of(store, "e3") == c
    with store.session() as s:
        ev = s.get(Event, a)
        assert ev.reports == 2 and {d["field"] for d in ev.disagreements} == {"date"}
        assert s.get(Event, b) is None


def test_corrections_validate_their_arguments(store):
    add_document(store, _meeting("v1"))
    resolve_documents(store)
    with pytest.raises(NotFound):
        corrections.merge(store, "person", "per_nobody", _person_of(store, "v1"))
    with pytest.raises(DragomanError):
        corrections.split(store, "event", _event_of(store, "v1"))
    with pytest.raises(DragomanError):
        corrections.merge(store, "place", "a", "b")
