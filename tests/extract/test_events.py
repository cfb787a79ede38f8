"""Events from hand-written agency-style sentences (not copied from any corpus)."""

from __future__ import annotations

from dragoman.extract import extract


def _events(resources, doc):
    res = extract(doc, resources)
    names = {p.key: p.name for p in res.people}
    return [(e.type, e.status, sorted(names[p.person] for p in e.participants), e) for e in res.events], res


def test_single_meeting_takes_dateline_date_when_undated(resources, make_doc):
    doc = make_doc("Uzbek Foreign Minister Bakhtiyor Saidov met with Georgian Foreign Minister Maka Tsereteli in Tashkent. "
                   "The ministers discussed transport and energy.", published="2025-03-02")
    evs, _ = _events(resources, doc)
    assert len(evs) == 1
    kind, status, people, ev = evs[0]
    assert kind == "meeting" and status == "occurred"
    assert people == ["Bakhtiyor Saidov", "Maka Tsereteli"]
    assert ev.date.start == "2025-03-02" and ev.date.evidence is None  # inferred from the anchor
    assert ev.location.country == "UZ"
    assert ev.evidence and ev.evidence[0].text.startswith("Uzbek Foreign Minister")


def test_visit_with_two_meetings_and_a_signing(resources, make_doc):
    text = ("A delegation led by Minister of Justice Farhad Guliyev paid a working visit to Qatar from March 3 through 5. "
            "On March 3, the delegation met with Qatari Minister of Justice Ibrahim Al Mohannadi. "
            "Following the meeting, Farhad Guliyev and Ibrahim Al Mohannadi signed a Memorandum of Understanding on legal cooperation. "
            "On March 4, the delegation was received by Speaker of the Shura Council of Qatar Hassan Al Ghanim.")
    evs, res = _events(resources, make_doc(text, published="2025-03-05"))
    kinds = [e[0] for e in evs]
    assert kinds.count("meeting") == 2 and kinds.count("agreement") == 1 and kinds.count("visit") == 1
    visit = next(e for k, _, _, e in evs if k == "visit")
    assert visit.date.start == "2025-03-03" and visit.date.end == "2025-03-05"
    assert visit.location.country == "QA"
    children = [e for k, _, _, e in evs if k != "visit"]
    assert all(e.parent == visit.key for e in children)
    host = next(p for k, _, _, e in evs if k == "meeting" and e.date.start == "2025-03-04" for p in e.participants if p.role == "host")
    assert next(p.name for p in res.people if p.key == host.person) == "Hassan Al Ghanim"
    assert res.agreements and res.agreements[0].status == "signed"


def test_phone_call_has_no_location(resources, make_doc):
    doc = make_doc("Azerbaijani Minister of Economy Mikayil Jabbarov held a phone conversation with Omani Minister of Commerce Qais Al Yousef on Monday.",
                   published="2025-06-11")
    evs, _ = _events(resources, doc)
    assert [e[0] for e in evs] == ["phone_call"]
    ev = evs[0][3]
    assert ev.location is None and ev.date.start == "2025-06-09" and ev.plover["mode"] == "phone"


def test_background_and_planned_events_stay_apart(resources, make_doc):
    text = ("Speaker of the Milli Majlis Sahiba Gafarova met with Speaker of the Senate of Uzbekistan Tanzila Narbayeva in Baku. "
            "Gafarova recalled her official visit to Uzbekistan last year. "
            "Gafarova invited Narbayeva to visit Shusha next year.")
    evs, _ = _events(resources, make_doc(text, published="2025-04-10"))
    main = [e for k, s, _, e in evs if k == "meeting"]
    assert len(main) == 1 and main[0].date.start == "2025-04-10"
    planned = [e for k, s, _, e in evs if s == "planned"]
    assert planned and planned[0].type == "visit" and planned[0].date.start == "2026"
    visitor = [p for p in planned[0].participants if p.role == "visitor"]
    assert visitor


def test_arabic_reception_with_date_word(resources, make_doc):
    text = "استقبل سعادة الدكتور خالد بن سالم الحربي وزير الصحة، اليوم، سعادة السيد أنار إسماعيلوف سفير جمهورية أذربيجان لدى المملكة."
    evs, _ = _events(resources, make_doc(text, lang="ar", published="2025-02-17"))
    assert len(evs) == 1
    kind, status, people, ev = evs[0]
    assert kind == "meeting" and len(people) == 2
    roles = {p.role for p in ev.participants}
    assert roles == {"host", "visitor"}


def test_congratulatory_message(resources, make_doc):
    doc = make_doc("President of Kyrgyzstan Sadyr Japarov has sent a congratulatory letter to President of the Republic of Azerbaijan Ilham Aliyev.")
    evs, _ = _events(resources, doc)
    assert [e[0] for e in evs] == ["message"]
    assert evs[0][3].location is None


def test_greetings_do_not_make_participants(resources, make_doc):
    text = ("Foreign Minister of Hungary Peter Szijjarto received Azerbaijani Deputy Foreign Minister Fariz Rzayev. "
            "Rzayev conveyed the greetings of President Ilham Aliyev to the Hungarian side.")
    evs, _ = _events(resources, make_doc(text))
    assert len(evs) == 1 and evs[0][2] == ["Fariz Rzayev", "Peter Szijjarto"]
