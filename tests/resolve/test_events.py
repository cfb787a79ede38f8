"""Event fusion on hand-built extractions: one event, many reports; distinct events stay distinct."""

from __future__ import annotations

from sqlalchemy import select

from dragoman.models import Agreement
from dragoman.resolve import resolve_documents
from dragoman.store.schema import AgreementRecord, Event, EventCountry, EventParticipant, EventSource
from tests.resolve.factory import add_document, event, person, result

FM_BH = ("p1", "Abdullatif bin Rashid Alzayani", "Foreign Minister", "BH")
FM_AZ = ("p2", "Jeyhun Bayramov", "Foreign Minister", "AZ")


def _events(store):
    with store.session() as s:
        out = {}
        for e in s.scalars(select(Event).order_by(Event.id)):
            srcs = s.scalars(select(EventSource).where(EventSource.event_id == e.id)).all()
            parts = s.scalars(select(EventParticipant).where(EventParticipant.event_id == e.id)).all()
            out[e.id] = {"event": e, "sources": sorted((x.reading["_document"], x.local_key) for x in srcs),
                         "participants": {p.person_id: p for p in parts}}
        return out


def _by_source(events: dict, doc: str, key: str) -> str:
    return next(eid for eid, v in events.items() if (doc, key) in v["sources"])


def _fm_meeting(doc: str, lang: str, day: str, names=("Abdullatif bin Rashid Alzayani", "Jeyhun Bayramov"),
                place=("Manama", "BH"), published=None, store=None, outlet=None, title=("Foreign Minister", "Foreign Minister")):
    res = result(doc, lang, [person("p1", names[0], title[0], "BH"), person("p2", names[1], title[1], "AZ")],
                 [event("e1", "meeting", day, [("p1", "host"), ("p2", "visitor")], ["AZ", "BH"], place)])
    return add_document(store, res, published=published or day, outlet=outlet)


def test_english_and_arabic_reports_are_one_event_with_two_sources(store):
    _fm_meeting("en1", "en", "2025-05-12", store=store, outlet="Trend")
    _fm_meeting("ar1", "ar", "2025-05-12", ("عبداللطيف بن راشد الزياني", "جيهون بيراموف"), ("المنامة", "BH"),
                store=store, outlet="BNA", title=("وزير الخارجية", "وزير الخارجية"))
    resolve_documents(store)
    events = _events(store)
    assert len(events) == 1
    (eid, e), = events.items()
    assert e["sources"] == [("ar1", "e1"), ("en1", "e1")]
    assert e["event"].reports == 2 and e["event"].newsrooms == 2
    assert e["event"].level == 2 and e["event"].countries == ["AZ", "BH"]
    assert e["event"].disagreements == []  # Manama = المنامة, same day: nothing to report
    assert sorted(p.documents for p in e["participants"].values()) == [["ar1", "en1"], ["ar1", "en1"]]
    assert {p.title for p in e["participants"].values()} == {"Foreign Minister"}
    with store.session() as s:
        assert sorted(c for (c,) in s.execute(select(EventCountry.country).where(EventCountry.event_id == eid))) == ["AZ", "BH"]


def test_disagreements_are_kept_not_overwritten(store):
    _fm_meeting("x1", "en", "2025-05-12", store=store, outlet="A")
    _fm_meeting("x2", "en", "2025-05-12", store=store, outlet="B")
    _fm_meeting("x3", "en", "2025-05-13", place=("Riffa", "BH"), store=store, outlet="C", published="2025-05-13")
    resolve_documents(store)
    (e,) = _events(store).values()
    ev = e["event"]
    assert ev.date_start == "2025-05-12" and ev.location_name == "Manama" and ev.newsrooms == 3
    fields = {d["field"]: d["values"] for d in ev.disagreements}
    assert {v["value"] for v in fields["date"]} == {"2025-05-12", "2025-05-13"}
    assert next(v for v in fields["date"] if v["value"] == "2025-05-13")["documents"] == ["x3"]
    assert "location" in fields


def test_three_meetings_with_three_hosts_stay_three(store):
    people = [person("p1", "Sahiba Gafarova", "Speaker", "AZ"), person("p2", "Ahmed bin Salman Al Musallam", "Speaker", "BH"),
              person("p3", "Ali bin Saleh Al Saleh", "Chairman of the Shura Council", "BH"),
              person("p4", "Abdullatif bin Rashid Alzayani", "Foreign Minister", "BH")]
    evs = [event(f"e{i}", "meeting", "2025-06-10", [("p1", "visitor"), (f"p{i + 1}", "host")], ["AZ", "BH"]) for i in (1, 2, 3)]
    add_document(store, result("m1", "en", people, evs), published="2025-06-10")
    # a second outlet reports only the meeting with the Shura chairman, naming only him
    add_document(store, result("m2", "ar", [person("p1", "علي بن صالح الصالح", "رئيس مجلس الشورى", "BH")],
                               [event("e1", "meeting", "2025-06-10", [("p1", "host")], ["AZ", "BH"])]), published="2025-06-10")
    resolve_documents(store)
    events = _events(store)
    assert len(events) == 3
    assert _by_source(events, "m2", "e1") == _by_source(events, "m1", "e2")


def test_same_ministers_on_different_days_are_two_events(store):
    _fm_meeting("d1", "en", "2025-05-12", store=store)
    _fm_meeting("d2", "en", "2025-09-30", store=store)
    _fm_meeting("d3", "en", "2025-05-20", store=store)
    resolve_documents(store)
    assert len(_events(store)) == 3


def test_visit_and_meetings_inside_it_are_linked_not_fused(store):
    people = [person("p1", "Sahiba Gafarova", "Speaker", "AZ"), person("p2", "Ahmed bin Salman Al Musallam", "Speaker", "BH"),
              person("p3", "Salman bin Hamad Al Khalifa", "Crown Prince and Prime Minister", "BH")]
    evs = [event("v1", "visit", "2025-06-09", [("p1", "visitor")], ["AZ", "BH"], ("Manama", "BH"), end="2025-06-11"),
           event("e1", "meeting", "2025-06-10", [("p1", "visitor"), ("p2", "host")], ["AZ", "BH"], ("Manama", "BH"), parent="v1"),
           event("e2", "meeting", "2025-06-10", [("p1", "visitor"), ("p3", "host")], ["AZ", "BH"], ("Manama", "BH"), parent="v1")]
    add_document(store, result("v", "en", people, evs), published="2025-06-11")
    add_document(store, result("w", "ru", [person("p1", "Сахиба Гафарова", "Спикер", "AZ"), person("p2", "Ахмед бин Салман аль-Мусаллам", None, "BH")],
                               [event("e1", "meeting", "2025-06-10", [("p1", "visitor"), ("p2", "host")], ["AZ", "BH"])]),
                 published="2025-06-10")
    resolve_documents(store)
    events = _events(store)
    assert len(events) == 3
    visit, m1, m2 = (_by_source(events, "v", k) for k in ("v1", "e1", "e2"))
    assert events[m1]["event"].parent_id == visit and events[m2]["event"].parent_id == visit
    assert _by_source(events, "w", "e1") == m1
    assert events[m2]["event"].level == 1  # the crown prince and prime minister


def test_ids_are_deterministic_and_rerun_is_stable(store, tmp_path):
    from dragoman.store import Store

    def build(st):
        _fm_meeting("k1", "en", "2025-05-12", store=st)
        _fm_meeting("k2", "ar", "2025-05-12", ("عبداللطيف بن راشد الزياني", "جيهون بيراموف"), store=st)
        resolve_documents(st)
        with st.session() as s:
            return sorted(s.scalars(select(Event.id))), sorted(s.scalars(select(EventParticipant.person_id)))

    first = build(store)
    other = Store.open(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        assert build(other) == first
    finally:
        other.close()
    # re-resolving the same documents changes nothing and duplicates nothing
    with store.session() as s:
        from dragoman.store.schema import Document

        ids = list(s.scalars(select(Document.id)))
    resolve_documents(store, ids)
    with store.session() as s:
        assert sorted(s.scalars(select(Event.id))) == first[0]
        assert len(s.scalars(select(EventSource)).all()) == 2


def test_changed_extraction_is_re_resolved_incrementally(store):
    _fm_meeting("c1", "en", "2025-05-12", store=store)
    _fm_meeting("c2", "en", "2025-05-12", store=store)
    resolve_documents(store)
    assert resolve_documents(store).documents == 0  # nothing changed
    _fm_meeting("c2", "en", "2025-08-01", store=store)  # re-extracted: now a different day
    summary = resolve_documents(store)
    assert summary.documents == 1
    events = _events(store)
    assert len(events) == 2 and all(len(v["sources"]) == 1 for v in events.values())


def test_agreements_get_a_sorted_pair_and_event(store):
    res = result("g1", "en", [person("p1", "Jeyhun Bayramov", "Foreign Minister", "AZ"),
                              person("p2", "Abdullatif bin Rashid Alzayani", "Foreign Minister", "BH")],
                 [event("e1", "agreement", "2025-05-12", [("p1", "participant"), ("p2", "participant")], ["BH", "AZ"],
                        title="Memorandum on political consultations")],
                 agreements=[Agreement(title="Memorandum on political consultations", date="2025-05-12", parties=["BH", "AZ"])])
    add_document(store, res, published="2025-05-12")
    resolve_documents(store)
    with store.session() as s:
        (a,) = s.scalars(select(AgreementRecord)).all()
        assert a.pair == "AZ-BH" and a.event_id is not None and a.evidence == []


def _trip_report(store, doc: str, published: str = "2025-08-05"):
    """A visit with two meetings inside it (Fidan, then Erdogan), as one outlet tells it."""
    people = [person("p1", "Jeyhun Bayramov", "Foreign Minister", "AZ"), person("p2", "Hakan Fidan", "Foreign Minister", "TR"),
              person("p3", "Recep Tayyip Erdogan", "President", "TR")]
    evs = [event("e1", "visit", "2025-08-05", [("p1", "visitor")], ["AZ", "TR"], ("Ankara", "TR")),
           event("e2", "meeting", "2025-08-05", [("p1", "visitor"), ("p2", "host")], ["AZ", "TR"], ("Ankara", "TR"), parent="e1"),
           event("e3", "meeting", "2025-08-05", [("p1", "visitor"), ("p3", "host")], ["AZ", "TR"], ("Ankara", "TR"), parent="e1")]
    return add_document(store, result(doc, "en", people, evs), published=published)


def _meeting_report(store, doc: str, published: str = "2025-08-05"):
    """Another outlet reports only the ministers' meeting."""
    res = result(doc, "az", [person("p1", "Ceyhun Bayramov", "Xarici işlər naziri", "AZ"), person("p2", "Hakan Fidan", None, "TR")],
                 [event("e1", "meeting", "2025-08-05", [("p1", "visitor"), ("p2", "host")], ["AZ", "TR"], ("Ankara", "TR"))])
    return add_document(store, res, published=published)


def test_a_meeting_joins_the_meeting_not_the_trip_around_it_in_either_order(store):
    _meeting_report(store, "m", "2025-08-04")  # resolved first
    _trip_report(store, "t")
    resolve_documents(store)
    events = _events(store)
    assert len(events) == 3
    assert _by_source(events, "m", "e1") == _by_source(events, "t", "e2")


def test_a_meeting_joins_the_meeting_not_the_trip_when_the_trip_came_first(store):
    _trip_report(store, "t", "2025-08-04")
    _meeting_report(store, "m")
    resolve_documents(store)
    events = _events(store)
    assert len(events) == 3
    assert _by_source(events, "m", "e1") == _by_source(events, "t", "e2")
    assert events[_by_source(events, "t", "e2")]["event"].parent_id == _by_source(events, "t", "e1")


def test_a_message_and_its_reply_stay_two_and_a_second_report_joins_the_first_mentioned(store):
    people = [person("p1", "Hamad bin Isa Al Khalifa", "King", "BH"), person("p2", "Ilham Aliyev", "President", "AZ")]
    cable = event("e1", "message", "2025-12-16", [("p1", "participant"), ("p2", "participant")], ["AZ", "BH"])
    reply = event("e2", "message", "2025-12-16", [("p2", "participant"), ("p1", "participant")], ["AZ", "BH"])
    reply.evidence[0].start = 400  # the reply is told further down the report
    add_document(store, result("cables", "ar", people, [cable, reply]), published="2025-12-16")
    add_document(store, result("letter", "en", people, [event("e1", "message", "2025-12-16", [("p2", "participant"), ("p1", "participant")],
                                                              ["AZ", "BH"])]), published="2025-12-16")
    resolve_documents(store)
    events = _events(store)
    assert len(events) == 2
    assert _by_source(events, "letter", "e1") == _by_source(events, "cables", "e1")


def test_two_reports_of_a_visit_planned_for_next_year_are_one_event(store):
    people = [person("p1", "Sahiba Gafarova", "Speaker", "AZ"), person("p2", "Numan Kurtulmus", "Speaker", "TR")]
    for doc, published in (("a", "2025-11-24"), ("b", "2025-11-25")):
        add_document(store, result(doc, "en", people, [event("e1", "visit", "2026", [("p2", "visitor"), ("p1", "host")], ["AZ", "TR"],
                                                             granularity="year", status="planned")]), published=published)
    resolve_documents(store)
    (e,) = _events(store).values()
    assert e["sources"] == [("a", "e1"), ("b", "e1")] and e["event"].status == "planned"


def test_ids_do_not_depend_on_the_batch_size(store, tmp_path):
    from dragoman.store import Store

    def build(st, batch_size):
        _trip_report(st, "t", "2025-08-04")
        _meeting_report(st, "m")
        _fm_meeting("k1", "en", "2025-05-12", store=st)
        _fm_meeting("k2", "ar", "2025-05-12", ("عبداللطيف بن راشد الزياني", "جيهون بيراموف"), store=st)
        resolve_documents(st, batch_size=batch_size)
        with st.session() as s:
            return (sorted((x.reading["_document"], x.local_key, x.event_id) for x in s.scalars(select(EventSource))),
                    sorted(s.scalars(select(EventParticipant.person_id))))

    whole = build(store, 200)
    other = Store.open(f"sqlite:///{tmp_path / 'one_by_one.db'}")
    try:
        assert build(other, 1) == whole
    finally:
        other.close()
