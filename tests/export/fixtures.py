"""A small, invented but realistic relations record written straight into the schema.

Azerbaijan–Bahrain (plus one Azerbaijan–Kazakhstan meeting so that filters have
something to leave out): four reports in English and Arabic, one syndicated
copy, a ministerial meeting reported by two outlets, a parliamentary meeting
with a memorandum signed, a phone call, a planned visit, relations established
on 21 February 1996 (30th anniversary ahead of ``TODAY``), commitments.

Every person, outlet and sentence here is made up for the tests.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from dragoman.store import Store
from dragoman.store.schema import (
    AgreementRecord,
    CommitmentRecord,
    Document,
    DocumentCopy,
    DocumentEntity,
    Event,
    EventCountry,
    EventParticipant,
    EventSource,
    Institution,
    MilestoneRecord,
    Person,
    PersonName,
    PersonRole,
)

TODAY = date(2026, 1, 15)
NOW = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)

TEXTS: dict[str, str] = {
    "fx-en-001": (
        "MANAMA, May 12. Azerbaijan's Foreign Minister Rauf Mammadli met Bahrain's Foreign Minister "
        "Khalid bin Salman Al-Nuaimi in Manama on Monday. "
        "The ministers discussed trade, energy and tourism cooperation. "
        "They recalled that diplomatic relations between Azerbaijan and Bahrain were established on "
        "21 February 1996 and that next year marks their 30th anniversary. "
        "The sides agreed to hold regular political consultations between the foreign ministries."
    ),
    "fx-ar-001": (
        "المنامة، 12 مايو: استقبل وزير الخارجية خالد بن سلمان النعيمي وزير خارجية جمهورية أذربيجان "
        "رؤوف محمدلي في المنامة. "
        "وبحث الجانبان سبل تعزيز التعاون في مجالات التجارة والطاقة."
    ),
    "fx-en-002": (
        "BAKU, September 3. Speaker of the Milli Majlis Leyla Huseynova received the Ambassador of Bahrain "
        "to Azerbaijan Yousif Al-Mannai. "
        "A memorandum of understanding on parliamentary cooperation was signed after the meeting."
    ),
    "fx-en-003": (
        "BAKU, December 20. Foreign Minister Rauf Mammadli held a phone call with his Bahraini counterpart "
        "Khalid bin Salman Al-Nuaimi. "
        "Khalid bin Salman Al-Nuaimi accepted an invitation to visit Baku in March 2026."
    ),
    "fx-en-004": (
        "BAKU, June 1. Speaker Leyla Huseynova met the Ambassador of Kazakhstan Serik Abenov "
        "to discuss inter-parliamentary ties."
    ),
}
# A syndicated copy of fx-en-001 published by a second outlet.
TEXTS["fx-en-001-syn"] = TEXTS["fx-en-001"]

DOCS: list[dict[str, Any]] = [
    {"external_id": "fx-en-001", "outlet": "Caspian Herald", "lang": "en", "published": "2025-05-12",
     "title": "Azerbaijani and Bahraini foreign ministers meet in Manama",
     "url": "https://caspian-herald.example/2025/05/12/ministers-meet"},
    {"external_id": "fx-ar-001", "outlet": "أخبار الخليج التجريبية", "lang": "ar", "published": "2025-05-13",
     "title": "وزير الخارجية يستقبل نظيره الأذربيجاني", "url": "https://gulf-news-ar.example/2025/05/13/fm"},
    {"external_id": "fx-en-002", "outlet": "Baku Parliament Review", "lang": "en", "published": "2025-09-03",
     "title": "Speaker receives Bahraini ambassador", "url": "https://bpr.example/2025/09/03/speaker"},
    {"external_id": "fx-en-003", "outlet": "Caspian Herald", "lang": "en", "published": "2025-12-20",
     "title": "Foreign ministers of Azerbaijan and Bahrain hold phone call",
     "url": "https://caspian-herald.example/2025/12/20/phone-call"},
    {"external_id": "fx-en-004", "outlet": "Baku Parliament Review", "lang": "en", "published": "2025-06-01",
     "title": "Speaker meets Kazakh ambassador", "url": "https://bpr.example/2025/06/01/kz"},
    {"external_id": "fx-en-001-syn", "outlet": "Regional Wire", "lang": "en", "published": "2025-05-12",
     "title": "Azerbaijani and Bahraini foreign ministers meet", "url": "https://regional-wire.example/az-bh"},
]

PERSONS: list[dict[str, Any]] = [
    {"id": "per_fx_rauf", "name": "Rauf Mammadli", "name_latin": "Rauf Mammadli", "country": "AZ",
     "names": [("Rauf Mammadli", "latin"), ("رؤوف محمدلي", "arabic")]},
    {"id": "per_fx_khalid", "name": "Khalid bin Salman Al-Nuaimi", "name_latin": "Khalid bin Salman Al-Nuaimi",
     "country": "BH", "names": [("Khalid bin Salman Al-Nuaimi", "latin"), ("خالد بن سلمان النعيمي", "arabic")]},
    {"id": "per_fx_leyla", "name": "Leyla Huseynova", "name_latin": "Leyla Huseynova", "country": "AZ",
     "names": [("Leyla Huseynova", "latin")]},
    {"id": "per_fx_yousif", "name": "Yousif Al-Mannai", "name_latin": "Yousif Al-Mannai", "country": "BH",
     "names": [("Yousif Al-Mannai", "latin"), ("يوسف المناعي", "arabic")]},
    {"id": "per_fx_serik", "name": "Serik Abenov", "name_latin": "Serik Abenov", "country": "KZ",
     "names": [("Serik Abenov", "latin")]},
]

INSTITUTIONS: list[dict[str, Any]] = [
    {"id": "org_fx_mfa_az", "name": "Ministry of Foreign Affairs of Azerbaijan", "country": "AZ", "kind": "ministry",
     "names": {"en": ["Ministry of Foreign Affairs of Azerbaijan"], "ar": ["وزارة الخارجية الأذربيجانية"]}},
    {"id": "org_fx_mfa_bh", "name": "Ministry of Foreign Affairs of Bahrain", "country": "BH", "kind": "ministry",
     "names": {"en": ["Ministry of Foreign Affairs of Bahrain"], "ar": ["وزارة الخارجية البحرينية"]}},
    {"id": "org_fx_mm", "name": "Milli Majlis", "country": "AZ", "kind": "parliament",
     "names": {"en": ["Milli Majlis", "National Assembly of Azerbaijan"], "ar": ["المجلس الوطني الأذربيجاني"]}},
]

# (person, title, organization, institution, country, first_seen, last_seen, document, sentence)
ROLES: list[tuple[str, str, str, str, str, str, str, str, str]] = [
    ("per_fx_rauf", "Foreign Minister", "Ministry of Foreign Affairs of Azerbaijan", "org_fx_mfa_az", "AZ",
     "2025-05-12", "2025-12-20", "fx-en-003", "Foreign Minister Rauf Mammadli held a phone call"),
    ("per_fx_khalid", "Foreign Minister", "Ministry of Foreign Affairs of Bahrain", "org_fx_mfa_bh", "BH",
     "2025-05-12", "2025-12-20", "fx-en-001", "Bahrain's Foreign Minister Khalid bin Salman Al-Nuaimi"),
    ("per_fx_leyla", "Speaker", "Milli Majlis", "org_fx_mm", "AZ", "2025-06-01", "2025-09-03", "fx-en-002",
     "Speaker of the Milli Majlis Leyla Huseynova"),
    ("per_fx_yousif", "Ambassador of Bahrain to Azerbaijan", "Embassy of Bahrain in Azerbaijan", "", "BH",
     "2025-09-03", "2025-09-03", "fx-en-002", "the Ambassador of Bahrain to Azerbaijan Yousif Al-Mannai"),
    ("per_fx_serik", "Ambassador of Kazakhstan", "Embassy of Kazakhstan in Azerbaijan", "", "KZ",
     "2025-06-01", "2025-06-01", "fx-en-004", "the Ambassador of Kazakhstan Serik Abenov"),
]

# id, type, status, start, end, place, country, countries, topics, level, plover, [(doc, sentence)],
# [(person, role, title, organization, country, [docs])]
EVENTS: list[dict[str, Any]] = [
    {"id": "ev_fx_meet1", "type": "meeting", "status": "occurred", "date_start": "2025-05-12",
     "location_name": "Manama", "location_country": "BH", "countries": ["AZ", "BH"], "topics": ["trade", "energy"],
     "level": 3, "plover": {"category": "CONSULT", "mode": "visit"}, "confidence": 0.9, "reports": 3, "newsrooms": 2,
     "sources": [("fx-en-001", "Azerbaijan's Foreign Minister Rauf Mammadli met Bahrain's Foreign Minister "
                               "Khalid bin Salman Al-Nuaimi in Manama on Monday."),
                 ("fx-ar-001", "استقبل وزير الخارجية خالد بن سلمان النعيمي وزير خارجية جمهورية أذربيجان "
                               "رؤوف محمدلي في المنامة."),
                 ("fx-en-001-syn", "Azerbaijan's Foreign Minister Rauf Mammadli met Bahrain's Foreign Minister")],
     "participants": [("per_fx_rauf", "visitor", "Foreign Minister", "Ministry of Foreign Affairs of Azerbaijan",
                       "AZ", ["fx-en-001", "fx-ar-001"]),
                      ("per_fx_khalid", "host", "Foreign Minister", "Ministry of Foreign Affairs of Bahrain",
                       "BH", ["fx-en-001", "fx-ar-001"])]},
    {"id": "ev_fx_meet2", "type": "meeting", "status": "occurred", "date_start": "2025-09-03",
     "location_name": "Baku", "location_country": "AZ", "countries": ["AZ", "BH"], "topics": ["parliament"],
     "level": 4, "plover": {}, "confidence": 0.8, "reports": 1, "newsrooms": 1,
     "sources": [("fx-en-002", "Speaker of the Milli Majlis Leyla Huseynova received the Ambassador of Bahrain "
                               "to Azerbaijan Yousif Al-Mannai.")],
     "participants": [("per_fx_leyla", "host", "Speaker", "Milli Majlis", "AZ", ["fx-en-002"]),
                      ("per_fx_yousif", "visitor", "Ambassador of Bahrain to Azerbaijan", None, "BH", ["fx-en-002"])]},
    {"id": "ev_fx_call", "type": "phone_call", "status": "occurred", "date_start": "2025-12-20",
     "location_name": None, "location_country": None, "countries": ["AZ", "BH"], "topics": ["tourism"],
     "level": 3, "plover": {"category": "CONSULT", "mode": "phone"}, "confidence": 0.85, "reports": 1, "newsrooms": 1,
     "sources": [("fx-en-003", "Foreign Minister Rauf Mammadli held a phone call with his Bahraini counterpart "
                               "Khalid bin Salman Al-Nuaimi.")],
     "participants": [("per_fx_rauf", "participant", "Foreign Minister", "Ministry of Foreign Affairs of Azerbaijan",
                       "AZ", ["fx-en-003"]),
                      ("per_fx_khalid", "participant", "Foreign Minister", "Ministry of Foreign Affairs of Bahrain",
                       "BH", ["fx-en-003"])]},
    {"id": "ev_fx_plan", "type": "visit", "status": "planned", "date_start": "2026-03",
     "location_name": "Baku", "location_country": "AZ", "countries": ["AZ", "BH"], "topics": [],
     "level": 3, "plover": {"category": "CONSULT", "mode": "visit"}, "confidence": 0.6, "reports": 1, "newsrooms": 1,
     "sources": [("fx-en-003", "Khalid bin Salman Al-Nuaimi accepted an invitation to visit Baku in March 2026.")],
     "participants": [("per_fx_khalid", "visitor", "Foreign Minister", "Ministry of Foreign Affairs of Bahrain",
                       "BH", ["fx-en-003"])]},
    {"id": "ev_fx_kz", "type": "meeting", "status": "occurred", "date_start": "2025-06-01",
     "location_name": "Baku", "location_country": "AZ", "countries": ["AZ", "KZ"], "topics": ["parliament"],
     "level": 4, "plover": {}, "confidence": 0.8, "reports": 1, "newsrooms": 1,
     "sources": [("fx-en-004", "Speaker Leyla Huseynova met the Ambassador of Kazakhstan Serik Abenov")],
     "participants": [("per_fx_leyla", "host", "Speaker", "Milli Majlis", "AZ", ["fx-en-004"]),
                      ("per_fx_serik", "visitor", "Ambassador of Kazakhstan", None, "KZ", ["fx-en-004"])]},
]


def evidence(doc: str, sentence: str) -> dict[str, Any]:
    """``{text, start, end}`` of ``sentence`` in the cleaned text of ``doc``."""
    start = TEXTS[doc].index(sentence)
    return {"text": sentence, "start": start, "end": start + len(sentence)}


def _documents(s: Any) -> dict[str, int]:
    ids: dict[str, int] = {}
    for d in DOCS:
        text = TEXTS[d["external_id"]]
        row = Document(**d, raw=text, raw_format="text", text=text, offset_map=[[0, 0]],
                       content_hash=hashlib.sha256(text.encode()).hexdigest() + d["external_id"][:0],
                       revision=1, ingested_at=NOW, updated_at=NOW)
        s.add(row)
        s.flush()
        ids[d["external_id"]] = row.id
    s.add(DocumentCopy(document_id=ids["fx-en-001-syn"], original_id=ids["fx-en-001"], similarity=1.0))
    return ids


def _entities(s: Any, ids: dict[str, int]) -> None:
    for i in INSTITUTIONS:
        s.add(Institution(**i))
    for p in PERSONS:
        s.add(Person(id=p["id"], name=p["name"], name_latin=p["name_latin"], country=p["country"], updated_at=NOW))
        for name, script in p["names"]:
            s.add(PersonName(person_id=p["id"], name=name, script=script, key=name.lower()[:255], search=name.lower()))
    s.flush()
    for pid, title, org, inst, country, first, last, doc, sentence in ROLES:
        s.add(PersonRole(person_id=pid, title=title, organization=org, institution_id=inst or None, country=country,
                         first_seen=first, last_seen=last, evidence=[{"document": doc, **evidence(doc, sentence)}]))
    seen: set[tuple[int, str]] = set()
    for ev in EVENTS:
        for doc, _ in ev["sources"]:
            for n, (pid, *_rest) in enumerate(ev["participants"]):
                if (ids[doc], pid) not in seen:
                    seen.add((ids[doc], pid))
                    s.add(DocumentEntity(document_id=ids[doc], local_key=f"p_{pid}", kind="person", entity_id=pid))
    s.add(DocumentEntity(document_id=ids["fx-en-002"], local_key="i_mm", kind="institution", entity_id="org_fx_mm"))


def _events(s: Any, ids: dict[str, int]) -> None:
    for ev in EVENTS:
        fields = {k: v for k, v in ev.items() if k not in ("sources", "participants")}
        s.add(Event(**fields, granularity="month" if len(ev["date_start"]) == 7 else "day", updated_at=NOW,
                    title=None, disagreements=[]))
        s.flush()
        for c in ev["countries"]:
            s.add(EventCountry(event_id=ev["id"], country=c))
        for n, (doc, sentence) in enumerate(ev["sources"]):
            s.add(EventSource(event_id=ev["id"], document_id=ids[doc], local_key=f"{ev['id']}_e{n}",
                              is_copy=doc.endswith("-syn"), evidence=[evidence(doc, sentence)],
                              reading={"type": ev["type"]}))
        for pid, role, title, org, country, docs in ev["participants"]:
            s.add(EventParticipant(event_id=ev["id"], person_id=pid, role=role, title=title, organization=org,
                                   country=country, documents=docs))


def _record(s: Any, ids: dict[str, int]) -> None:
    s.add(AgreementRecord(
        document_id=ids["fx-en-002"], event_id="ev_fx_meet2", pair="AZ-BH",
        title="Memorandum of understanding on parliamentary cooperation", date="2025-09-03", status="signed",
        parties=["Milli Majlis", "Council of Representatives of Bahrain"],
        evidence=[evidence("fx-en-002", "A memorandum of understanding on parliamentary cooperation was signed "
                                        "after the meeting.")]))
    s.add(MilestoneRecord(
        document_id=ids["fx-en-001"], pair="AZ-BH", kind="relations_established", date="1996-02-21",
        what="Diplomatic relations between Azerbaijan and Bahrain established", countries=["AZ", "BH"],
        evidence=[evidence("fx-en-001", "They recalled that diplomatic relations between Azerbaijan and Bahrain "
                                        "were established on 21 February 1996")]))
    s.add(MilestoneRecord(
        document_id=ids["fx-en-001"], pair="AZ-BH", kind="anniversary", date="2026",
        what="30th anniversary of diplomatic relations between Azerbaijan and Bahrain", countries=["AZ", "BH"],
        evidence=[evidence("fx-en-001", "next year marks their 30th anniversary")]))
    s.add(CommitmentRecord(
        document_id=ids["fx-en-001"], pair="AZ-BH", kind="political_consultations", due=None, countries=["AZ", "BH"],
        text="hold regular political consultations between the foreign ministries",
        evidence=[evidence("fx-en-001", "The sides agreed to hold regular political consultations between the "
                                        "foreign ministries.")]))
    s.add(CommitmentRecord(
        document_id=ids["fx-en-003"], pair="AZ-BH", kind="planned_visit", due="2026-03", countries=["AZ", "BH"],
        text="Khalid bin Salman Al-Nuaimi to visit Baku",
        evidence=[evidence("fx-en-003", "Khalid bin Salman Al-Nuaimi accepted an invitation to visit Baku in "
                                        "March 2026.")]))


def populate(store: Store) -> dict[str, int]:
    """Write the record into ``store``; returns document store ids by external id."""
    with store.session() as s:
        ids = _documents(s)
        _entities(s, ids)
        _events(s, ids)
        _record(s, ids)
    return ids


def populated_db(directory: Path) -> str:
    """A SQLite file in ``directory`` holding the fixture record; returns its path."""
    path = directory / "fx.db"
    store = Store.open(f"sqlite:///{path}")
    populate(store)
    store.close()
    return str(path)


def run_cli(argv: list[str]) -> int:
    """Run the CLI entry point in-process; returns its exit status."""
    from dragoman.cli import main

    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
