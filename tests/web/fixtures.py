"""A small, realistic record inserted directly through the mapped classes.

Invented content (Azerbaijan–Bahrain parliamentary contacts, plus one
Azerbaijan–Kazakhstan meeting): English and Arabic reports, events with
sources and evidence offsets, persons with Latin and Arabic names and roles,
an agreement, a milestone, a commitment, and one hostile report whose text
carries ``<script>`` and ``onerror=`` payloads.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

from dragoman.store import Store
from dragoman.store.documents import index_document
from dragoman.store.schema import (
    AgreementRecord,
    CommitmentRecord,
    Document,
    DocumentEntity,
    Event,
    EventCountry,
    EventParticipant,
    EventSource,
    Extraction,
    Institution,
    MilestoneRecord,
    Person,
    PersonName,
    PersonRole,
)
from dragoman.textnorm import normalize_for_search, script_of

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=timezone.utc)
XSS = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

EN_VISIT = (
    "BAKU, Azerbaijan, January 24. Chief of Staff of the Milli Majlis Rauf Mammadli met with "
    "Secretary-General of the Council of Representatives of Bahrain Khalid Al-Mannai in Manama on January 24.\n\n"
    "The sides discussed legislative drafting and the digital archiving of plenary records.\n\n"
    "Following the meeting, Rauf Mammadli and Khalid Al-Mannai signed a Memorandum of Understanding on "
    "cooperation between the two parliamentary staffs.\n\n"
    "The sides recalled that diplomatic relations between Azerbaijan and Bahrain were established on 6 November 1996, "
    "and agreed to intensify reciprocal visits of parliamentary delegations."
)
AR_VISIT = (
    "المنامة في 24 يناير / بنا / استقبل سعادة الأستاذ خالد المنّاعي الأمين العام لمجلس النواب، اليوم، "
    "سعادة السيد رؤوف محمدلي رئيس ديوان ملي مجلس بجمهورية أذربيجان والوفد المرافق له.\n\n"
    "وبحث الجانبان سُبل تعزيز التعاون في مجالات الصياغة التشريعية والأرشفة الرقمية.\n\n"
    "وفي ختام اللقاء، وقّع الجانبان مذكرة تفاهم للتعاون بين الأمانة العامة لمجلس النواب وديوان ملي مجلس."
)
EN_SPEAKER = (
    "MANAMA, January 26. Speaker of the Council of Representatives Yusuf Al-Zayani received a delegation "
    "of the Milli Majlis led by Rauf Mammadli on January 26.\n\n"
    "The Speaker praised the growing ties between the two parliaments and the work of the friendship group."
)
AR_SPEAKER = (
    "المنامة في 25 يناير / بنا / استقبل معالي السيد يوسف الزياني رئيس مجلس النواب اليوم وفد ملي مجلس "
    "برئاسة السيد رؤوف محمدلي، وأشاد بتطور العلاقات البرلمانية بين البلدين."
)
EN_CALL = (
    "BAKU, November 6. Foreign Minister of Azerbaijan Leyla Aliyeva held a phone conversation with "
    "Foreign Minister of Bahrain Salman Al-Khalifa on the 29th anniversary of diplomatic relations.\n\n"
    "The ministers discussed energy and transport cooperation."
)
EN_HOSTILE = (
    f"LONDON, February 3. A statement {XSS} was attributed to Foreign Minister Leyla Aliyeva. "
    f"The page also carried {IMG} in its body.\n\nThe Foreign Minister sent a message to Bahrain."
)
EN_KZ = (
    "ASTANA, October 14. Foreign Minister of Azerbaijan Leyla Aliyeva met with Foreign Minister of "
    "Kazakhstan Nurlan Seitkali in Astana. The ministers discussed the Middle Corridor and transit."
)


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` occurrence of ``phrase`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(phrase, pos + 1)
    return pos, pos + len(phrase)


def ev(text: str, phrase: str, nth: int = 0, **extra: Any) -> dict[str, Any]:
    """An evidence item (start, end, text) for ``phrase``."""
    start, end = span(text, phrase, nth)
    return {"start": start, "end": end, "text": phrase, **extra}


def mention(text: str, kind: str, phrase: str, nth: int = 0, value: str | None = None,
            entity: str | None = None) -> dict[str, Any]:
    start, end = span(text, phrase, nth)
    return {"kind": kind, "start": start, "end": end, "text": phrase, "value": value, "entity": entity}


def sentence(text: str, starts: str) -> str:
    """The sentence of ``text`` beginning with ``starts`` (up to the full stop)."""
    begin = text.index(starts)
    end = text.find(".", begin + len(starts))
    return text[begin: end + 1 if end >= 0 else len(text)]


DOCS: list[dict[str, Any]] = [
    {"external_id": "trend-2026-01-24-mou", "title": "Milli Majlis and Bahraini parliament staffs sign MoU",
     "outlet": "Trend", "lang": "en", "published": "2026-01-24", "text": EN_VISIT,
     "url": "https://example.org/trend/mou"},
    {"external_id": "bna-2026-01-24-mou", "title": "الأمين العام لمجلس النواب يستقبل رئيس ديوان ملي مجلس",
     "outlet": "BNA", "lang": "ar", "published": "2026-01-24", "text": AR_VISIT,
     "url": "https://example.org/bna/mou"},
    {"external_id": "azertac-2026-01-26-speaker", "title": "Bahraini Speaker receives Milli Majlis delegation",
     "outlet": "Azertac", "lang": "en", "published": "2026-01-26", "text": EN_SPEAKER, "url": None},
    {"external_id": "bna-2026-01-25-speaker", "title": "رئيس مجلس النواب يستقبل وفد ملي مجلس",
     "outlet": "BNA", "lang": "ar", "published": "2026-01-25", "text": AR_SPEAKER, "url": None},
    {"external_id": "mfa-2025-11-06-call", "title": "Foreign ministers of Azerbaijan and Bahrain hold phone call",
     "outlet": "MFA Azerbaijan", "lang": "en", "published": "2025-11-06", "text": EN_CALL, "url": None},
    {"external_id": "wire-2026-02-03-hostile", "title": f"Statement {XSS} {IMG}",
     "outlet": "Example Wire", "lang": "en", "published": "2026-02-03", "text": EN_HOSTILE,
     "url": "javascript:alert(1)"},
    {"external_id": "kaz-2025-10-14-fm", "title": "Azerbaijani and Kazakh foreign ministers meet in Astana",
     "outlet": "Kazinform", "lang": "en", "published": "2025-10-14", "text": EN_KZ, "url": None},
]

INSTITUTIONS = [
    ("org_az_milli_majlis", "Milli Majlis", "AZ", "parliament", {"en": ["Milli Majlis"], "ar": ["ملي مجلس"]}),
    ("org_bh_council_reps", "Council of Representatives", "BH", "parliament",
     {"en": ["Council of Representatives"], "ar": ["مجلس النواب"]}),
    ("org_az_mfa", "Ministry of Foreign Affairs of Azerbaijan", "AZ", "ministry", {}),
    ("org_bh_mfa", "Ministry of Foreign Affairs of Bahrain", "BH", "ministry", {}),
    ("org_kz_mfa", "Ministry of Foreign Affairs of Kazakhstan", "KZ", "ministry", {}),
]

PERSONS = [
    # id, name, latin, country, names, roles [(title, org, inst, first, last)]
    ("per_rauf_mammadli", "Rauf Mammadli", "Rauf Mammadli", "AZ", ["Rauf Mammadli", "رؤوف محمدلي"],
     [("Chief of Staff", "Milli Majlis", "org_az_milli_majlis", "2024-03", "2026-01-26"),
      ("Deputy Chief of Staff", "Milli Majlis", "org_az_milli_majlis", "2021", "2023-12")]),
    ("per_khalid_almannai", "Khalid Al-Mannai", "Khalid Al-Mannai", "BH", ["Khalid Al-Mannai", "خالد المنّاعي"],
     [("Secretary-General", "Council of Representatives", "org_bh_council_reps", "2025-01-10", "2026-01-24")]),
    ("per_yusuf_alzayani", "Yusuf Al-Zayani", "Yusuf Al-Zayani", "BH", ["Yusuf Al-Zayani", "يوسف الزياني"],
     [("Speaker", "Council of Representatives", "org_bh_council_reps", "2022-12", "2026-01-26")]),
    ("per_leyla_aliyeva", "Leyla Aliyeva", "Leyla Aliyeva", "AZ", ["Leyla Aliyeva", "Лейла Алиева"],
     [("Foreign Minister", "Ministry of Foreign Affairs", "org_az_mfa", "2024-05", "2026-02-03")]),
    ("per_salman_alkhalifa", "Salman Al-Khalifa", "Salman Al-Khalifa", "BH", ["Salman Al-Khalifa", "سلمان آل خليفة"],
     [("Foreign Minister", "Ministry of Foreign Affairs", "org_bh_mfa", "2020", "2025-11-06")]),
    ("per_nurlan_seitkali", "Nurlan Seitkali", "Nurlan Seitkali", "KZ", ["Nurlan Seitkali"],
     [("Foreign Minister", "Ministry of Foreign Affairs", "org_kz_mfa", "2025", "2025-10-14")]),
]


def _events(doc_ids: dict[str, int]) -> list[dict[str, Any]]:
    """The fused events with their sources (evidence and readings) and participants."""
    mou_sent = sentence(EN_VISIT, "BAKU, Azerbaijan")
    ar_sent = sentence(AR_VISIT, "المنامة في 24")
    return [
        {"id": "ev_az_bh_staff_visit", "type": "visit", "date_start": "2026-01-24", "date_end": "2026-01-26",
         "location_name": "Manama", "location_country": "BH", "countries": ["AZ", "BH"], "level": 3,
         "title": "Milli Majlis staff delegation visits Bahrain", "topics": ["legal cooperation"],
         "plover": {"category": "CONSULT", "mode": "visit"}, "reports": 1, "newsrooms": 1,
         "participants": [("per_rauf_mammadli", "visitor", "Chief of Staff", "Milli Majlis", "AZ")],
         "sources": [("trend-2026-01-24-mou", "e0", [ev(EN_VISIT, mou_sent)], {"type": "visit"})]},
        {"id": "ev_az_bh_mou_meeting", "type": "meeting", "date_start": "2026-01-24", "parent_id": "ev_az_bh_staff_visit",
         "location_name": "Manama", "location_country": "BH", "countries": ["AZ", "BH"], "level": 3,
         "topics": ["legal cooperation", "digital development"], "reports": 2, "newsrooms": 2, "confidence": 0.92,
         "plover": {"category": "CONSULT", "mode": "meeting", "source_actor": "AZE", "target_actor": "BHR"},
         "participants": [("per_rauf_mammadli", "visitor", "Chief of Staff", "Milli Majlis", "AZ"),
                          ("per_khalid_almannai", "host", "Secretary-General", "Council of Representatives", "BH")],
         "sources": [
             ("trend-2026-01-24-mou", "e1", [ev(EN_VISIT, "signed a Memorandum of Understanding", field="agreement")],
              {"type": "meeting", "evidence": [ev(EN_VISIT, mou_sent)],
               "date": {"start": "2026-01-24", "evidence": ev(EN_VISIT, "on January 24")},
               "location": {"name": "Manama", "country": "BH", "evidence": ev(EN_VISIT, "in Manama")},
               "participants": [{"person": "p1", "role": "visitor", "evidence": [ev(EN_VISIT, "Rauf Mammadli")]},
                                {"person": "p2", "role": "host", "evidence": [ev(EN_VISIT, "Khalid Al-Mannai")]}]}),
             ("bna-2026-01-24-mou", "e1", [],
              {"type": "meeting", "evidence": [ev(AR_VISIT, ar_sent)],
               "date": {"start": "2026-01-24", "evidence": ev(AR_VISIT, "24 يناير")},
               "location": {"name": "المنامة", "country": "BH", "evidence": ev(AR_VISIT, "المنامة")},
               "participants": [{"person": "p1", "role": "host", "evidence": [ev(AR_VISIT, "خالد المنّاعي")]}]}),
         ]},
        {"id": "ev_az_bh_speaker", "type": "meeting", "date_start": "2026-01-26", "parent_id": "ev_az_bh_staff_visit",
         "location_name": "Manama", "location_country": "BH", "countries": ["AZ", "BH"], "level": 2,
         "title": None, "topics": [], "reports": 2, "newsrooms": 2, "confidence": 0.7,
         "plover": {"category": "CONSULT", "mode": "meeting"},
         "disagreements": [{"field": "date", "values": [
             {"value": "2026-01-26", "documents": ["azertac-2026-01-26-speaker"]},
             {"value": "2026-01-25", "documents": ["bna-2026-01-25-speaker"]}]}],
         "participants": [("per_yusuf_alzayani", "host", "Speaker", "Council of Representatives", "BH"),
                          ("per_rauf_mammadli", "visitor", "Chief of Staff", "Milli Majlis", "AZ")],
         "sources": [
             ("azertac-2026-01-26-speaker", "e1", [],
              {"type": "meeting", "date": {"start": "2026-01-26", "evidence": ev(EN_SPEAKER, "on January 26")},
               "evidence": [ev(EN_SPEAKER, sentence(EN_SPEAKER, "MANAMA"))]}),
             ("bna-2026-01-25-speaker", "e1", [],
              {"type": "meeting", "date": {"start": "2026-01-25", "evidence": ev(AR_SPEAKER, "25 يناير")},
               "evidence": [ev(AR_SPEAKER, AR_SPEAKER)]}),
         ]},
        {"id": "ev_az_bh_fm_call", "type": "phone_call", "date_start": "2025-11-06", "countries": ["AZ", "BH"],
         "level": 3, "topics": ["energy", "transport"], "plover": {"category": "CONSULT", "mode": "phone"},
         "participants": [("per_leyla_aliyeva", "participant", "Foreign Minister", "Ministry of Foreign Affairs", "AZ"),
                          ("per_salman_alkhalifa", "participant", "Foreign Minister", "Ministry of Foreign Affairs", "BH")],
         "sources": [("mfa-2025-11-06-call", "e1", [],
                      {"type": "phone_call", "evidence": [ev(EN_CALL, sentence(EN_CALL, "BAKU"))],
                       "date": {"start": "2025-11-06", "evidence": ev(EN_CALL, "November 6")}})]},
        {"id": "ev_az_bh_hostile_message", "type": "message", "date_start": "2026-02-03", "countries": ["AZ", "BH"],
         "level": 3, "title": f"Message {XSS}", "topics": [], "plover": {},
         "participants": [("per_leyla_aliyeva", "participant", "Foreign Minister", "Ministry of Foreign Affairs", "AZ")],
         "sources": [("wire-2026-02-03-hostile", "e1", [ev(EN_HOSTILE, f"A statement {XSS} was attributed")],
                      {"type": "message"})]},
        {"id": "ev_az_kz_fm_meeting", "type": "meeting", "date_start": "2025-10-14", "countries": ["AZ", "KZ"],
         "location_name": "Astana", "location_country": "KZ", "level": 3, "topics": ["transport"],
         "plover": {"category": "CONSULT", "mode": "meeting"},
         "participants": [("per_leyla_aliyeva", "visitor", "Foreign Minister", "Ministry of Foreign Affairs", "AZ"),
                          ("per_nurlan_seitkali", "host", "Foreign Minister", "Ministry of Foreign Affairs", "KZ")],
         "sources": [("kaz-2025-10-14-fm", "e1", [], {"type": "meeting", "evidence": [ev(EN_KZ, sentence(EN_KZ, "ASTANA"))]})]},
    ]


def _extractions() -> dict[str, dict[str, Any]]:
    """Mentions (with local entity keys) for the two MoU reports and the hostile one."""
    en = [
        mention(EN_VISIT, "country", "Azerbaijan", value="AZ"),
        mention(EN_VISIT, "date", "January 24", value="2026-01-24"),
        mention(EN_VISIT, "title", "Chief of Staff"),
        mention(EN_VISIT, "institution", "Milli Majlis", entity="i1"),
        mention(EN_VISIT, "person", "Rauf Mammadli", entity="p1"),
        mention(EN_VISIT, "trigger", "met with"),
        mention(EN_VISIT, "title", "Secretary-General"),
        mention(EN_VISIT, "institution", "Council of Representatives", entity="i2"),
        mention(EN_VISIT, "country", "Bahrain", value="BH"),
        mention(EN_VISIT, "person", "Khalid Al-Mannai", entity="p2"),
        mention(EN_VISIT, "place", "Manama", value="BH"),
        mention(EN_VISIT, "person", "Rauf Mammadli", nth=1, entity="p1"),
        mention(EN_VISIT, "person", "Khalid Al-Mannai", nth=1, entity="p2"),
        mention(EN_VISIT, "date", "6 November 1996", value="1996-11-06"),
    ]
    ar = [
        mention(AR_VISIT, "place", "المنامة", value="BH"),
        mention(AR_VISIT, "date", "24 يناير", value="2026-01-24"),
        mention(AR_VISIT, "trigger", "استقبل"),
        mention(AR_VISIT, "honorific", "سعادة الأستاذ"),
        mention(AR_VISIT, "person", "خالد المنّاعي", entity="p1"),
        mention(AR_VISIT, "title", "الأمين العام"),
        mention(AR_VISIT, "institution", "مجلس النواب", entity="i1"),
        mention(AR_VISIT, "person", "رؤوف محمدلي", entity="p2"),
        mention(AR_VISIT, "country", "أذربيجان", value="AZ"),
    ]
    hostile = [mention(EN_HOSTILE, "person", "Leyla Aliyeva", entity="p1")]
    return {"trend-2026-01-24-mou": {"en": en, "map": {"p1": "per_rauf_mammadli", "p2": "per_khalid_almannai",
                                                       "i1": "org_az_milli_majlis", "i2": "org_bh_council_reps"}},
            "bna-2026-01-24-mou": {"ar": ar, "map": {"p1": "per_khalid_almannai", "p2": "per_rauf_mammadli",
                                                     "i1": "org_bh_council_reps"}},
            "wire-2026-02-03-hostile": {"en": hostile, "map": {"p1": "per_leyla_aliyeva"}}}


def _add_documents(s: Any) -> dict[str, int]:
    ids = {}
    for d in DOCS:
        row = Document(external_id=d["external_id"], url=d["url"], outlet=d["outlet"], title=d["title"],
                       lang=d["lang"], published=d["published"], raw=d["text"], raw_format="text", text=d["text"],
                       offset_map=[[0, 0]], content_hash=hashlib.sha256(d["text"].encode()).hexdigest(), revision=1,
                       ingested_at=NOW, updated_at=NOW)
        s.add(row)
        s.flush()
        index_document(s, row.id, d["title"] or "", d["text"])
        ids[d["external_id"]] = row.id
    for ext, data in _extractions().items():
        mentions = next(v for k, v in data.items() if k != "map")
        s.add(Extraction(document_id=ids[ext], version="test", content_hash="x", created_at=NOW,
                         result={"document": ext, "lang": "x", "version": "test", "mentions": mentions}))
        for key, entity in data["map"].items():
            kind = "person" if entity.startswith("per_") else "institution"
            s.add(DocumentEntity(document_id=ids[ext], local_key=key, kind=kind, entity_id=entity))
    return ids


def _add_entities(s: Any) -> None:
    for iid, name, country, kind, names in INSTITUTIONS:
        s.add(Institution(id=iid, name=name, country=country, kind=kind, names=names))
    for pid, name, latin, country, names, roles in PERSONS:
        s.add(Person(id=pid, name=name, name_latin=latin, country=country, updated_at=NOW))
        for n in names:
            s.add(PersonName(person_id=pid, name=n, script=script_of(n), key=normalize_for_search(n),
                             search=normalize_for_search(n)))
        for title, org, inst, first, last in roles:
            s.add(PersonRole(person_id=pid, title=title, organization=org, institution_id=inst, country=country,
                             first_seen=first, last_seen=last, evidence=[]))
    s.flush()


def _add_events(s: Any, ids: dict[str, int]) -> None:
    for e in _events(ids):
        s.add(Event(id=e["id"], type=e["type"], status="occurred", date_start=e["date_start"],
                    date_end=e.get("date_end"), granularity="day", location_name=e.get("location_name"),
                    location_country=e.get("location_country"), countries=e["countries"], topics=e["topics"],
                    plover=e["plover"], title=e.get("title"), parent_id=e.get("parent_id"), level=e["level"],
                    confidence=e.get("confidence", 0.8), reports=e.get("reports", 1), newsrooms=e.get("newsrooms", 1),
                    disagreements=e.get("disagreements", []), updated_at=NOW))
        for c in e["countries"]:
            s.add(EventCountry(event_id=e["id"], country=c))
        for pid, role, title, org, country in e["participants"]:
            s.add(EventParticipant(event_id=e["id"], person_id=pid, role=role, title=title, organization=org,
                                   country=country, documents=[x[0] for x in e["sources"]]))
        for ext, key, evidence, reading in e["sources"]:
            meta = next(d for d in DOCS if d["external_id"] == ext)
            reading = {**reading, "_document": ext, "_published": meta["published"], "_newsroom": meta["outlet"]}
            s.add(EventSource(event_id=e["id"], document_id=ids[ext], local_key=key, is_copy=False,
                              evidence=evidence, reading=reading))
    s.flush()


def _add_record(s: Any, ids: dict[str, int]) -> None:
    mou = ids["trend-2026-01-24-mou"]
    s.add(AgreementRecord(document_id=mou, event_id="ev_az_bh_mou_meeting", pair="AZ-BH",
                          title="Memorandum of Understanding on cooperation between the Staff of the Milli Majlis "
                                "and the General Secretariat of the Council of Representatives",
                          date="2026-01-24", status="signed", parties=["AZ", "BH"],
                          evidence=[ev(EN_VISIT, sentence(EN_VISIT, "Following the meeting"))]))
    s.add(MilestoneRecord(document_id=mou, pair="AZ-BH", what="Diplomatic relations established",
                          kind="relations_established", date="1996-11-06", countries=["AZ", "BH"],
                          evidence=[ev(EN_VISIT, "established on 6 November 1996")]))
    s.add(CommitmentRecord(document_id=mou, pair="AZ-BH", text="Intensify reciprocal visits of parliamentary delegations",
                           kind="reciprocal_visits", due=None, countries=["AZ", "BH"],
                           evidence=[ev(EN_VISIT, "agreed to intensify reciprocal visits of parliamentary delegations")]))


def populate(store: Store) -> dict[str, int]:
    """Insert the record; returns external id -> document id."""
    with store.session() as s:
        ids = _add_documents(s)
        _add_entities(s)
        _add_events(s, ids)
        _add_record(s, ids)
    return ids
