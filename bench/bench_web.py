"""Server time of every web page and API endpoint over a store of 100,000 events.

    python bench/bench_web.py [--events 100000] [--db bench/results/web.db] [--repeat 5] [--keep]

Generates a synthetic record directly through the schema (documents with full-text
index, persons with Latin and Arabic names, institutions, roles, events with
countries, participants and sources, agreements, milestones, commitments) into
an SQLite file, then requests each page in-process and reads the app's own
``Server-Timing`` header (time spent in the application, rendering included).
Prints a table: first request (cold caches) and the median and max of the rest.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from dragoman.settings import Settings
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
from dragoman.textnorm import normalize_for_search

COUNTRIES = ["AZ", "BH", "KZ", "TR", "RU", "GE", "UZ", "SA", "AE", "QA", "KW", "OM", "EG", "JO", "IR", "PK", "CN",
             "US", "GB", "FR", "DE", "IT", "HU", "PL", "UA", "BY", "KG", "TM", "TJ", "IN", "JP", "KR", "ID", "MY",
             "LB", "IQ", "DZ", "MA", "TN", "LY"]
TYPES = ["meeting"] * 6 + ["visit"] * 2 + ["phone_call"] * 2 + ["agreement", "message"]
FIRST = ["Farid", "Rauf", "Leyla", "Khalid", "Yusuf", "Salman", "Nurlan", "Ahmed", "Ali", "Sahiba", "Mehmet", "Olga"]
LAST = ["Hajiyev", "Mammadli", "Aliyeva", "Al-Mannai", "Al-Zayani", "Al-Khalifa", "Seitkali", "Musallam", "Saleh"]
AR_FIRST = ["فريد", "رؤوف", "ليلى", "خالد", "يوسف", "سلمان", "نورلان", "أحمد", "علي", "صاحبة", "محمد", "أولغا"]
AR_LAST = ["حاجييف", "محمدلي", "علييفا", "المناعي", "الزياني", "آل خليفة", "سيتقالي", "المسلم", "الصالح"]
TITLES = ["Foreign Minister", "Speaker", "Ambassador", "Deputy Foreign Minister", "Chief of Staff", "President"]
NOW = datetime(2026, 2, 1, tzinfo=timezone.utc)
EN_BODY = ("{place}, {d}. {t1} {n1} met with {t2} {n2}. The sides discussed cooperation in energy, transport "
           "and digital development, and the preparation of the next session of the intergovernmental commission.")
AR_BODY = ("{place} في {d} / استقبل {n1} اليوم {n2} وبحث الجانبان سبل تعزيز التعاون الثنائي في مجالات الطاقة "
           "والنقل والتحول الرقمي، ومذكرة تفاهم بين البلدين.")


def pair_weights(rng: random.Random) -> list[tuple[tuple[str, str], float]]:
    """Pairs with a long tail: AZ-BH and a few others are very busy."""
    pairs = [(a, b) for i, a in enumerate(COUNTRIES) for b in COUNTRIES[i + 1:]]
    rng.shuffle(pairs)
    pairs.remove(("AZ", "BH")) if ("AZ", "BH") in pairs else pairs.remove(("BH", "AZ"))
    weighted = [(("AZ", "BH"), 15.0)] + [(p, 8.0 / (rank + 1) ** 0.9) for rank, p in enumerate(pairs)]
    return weighted


def generate(store: Store, n_events: int, seed: int = 7) -> dict[str, Any]:
    """Fill ``store`` with a synthetic record of ``n_events`` events."""
    rng = random.Random(seed)
    n_persons, n_docs = max(200, n_events // 12), max(100, n_events // 2)
    t0 = time.perf_counter()
    with store.session() as s:
        institutions = [{"id": f"org_{c.lower()}_{k}", "name": f"{k.title()} of {c}", "country": c, "kind": k, "names": {}}
                        for c in COUNTRIES for k in ("parliament", "ministry", "presidency")]
        s.execute(insert(Institution), institutions)
        persons, names, roles = [], [], []
        for i in range(n_persons):
            c = COUNTRIES[i % len(COUNTRIES)]
            f, l = i % len(FIRST), (i // len(FIRST)) % len(LAST)
            latin = f"{FIRST[f]} {LAST[l]} {i}"
            arabic = f"{AR_FIRST[f]} {AR_LAST[l]} {i}"
            pid = f"per_{i:06x}"
            persons.append({"id": pid, "name": latin, "name_latin": latin, "country": c, "updated_at": NOW})
            for nm, script in ((latin, "latin"), (arabic, "arabic")):
                norm = normalize_for_search(nm)
                names.append({"person_id": pid, "name": nm, "script": script, "key": norm[:255], "search": norm})
            inst = rng.choice(institutions[COUNTRIES.index(c) * 3: COUNTRIES.index(c) * 3 + 3])
            roles.append({"person_id": pid, "title": rng.choice(TITLES), "organization": inst["name"],
                          "institution_id": inst["id"], "country": c, "first_seen": "2015", "last_seen": "2025-12-01",
                          "evidence": []})
        s.execute(insert(Person), persons)
        s.execute(insert(PersonName), names)
        s.execute(insert(PersonRole), roles)
        by_country: dict[str, list[str]] = {}
        for p in persons:
            by_country.setdefault(p["country"], []).append(p["id"])
        doc_ids = _documents(s, rng, n_docs, persons)
        stats = _events(s, rng, n_events, by_country, doc_ids)
        _records(s, rng, doc_ids)
    return {"events": n_events, "persons": n_persons, "documents": n_docs, "seconds": time.perf_counter() - t0, **stats}


def _documents(s: Any, rng: random.Random, n_docs: int, persons: list[dict[str, Any]]) -> list[int]:
    start = date(2005, 1, 1)
    rows = []
    for i in range(n_docs):
        d = (start + timedelta(days=rng.randrange(7700))).isoformat()
        p1, p2 = rng.sample(persons, 2)
        ar = i % 4 == 0
        body = (AR_BODY if ar else EN_BODY).format(place="المنامة" if ar else "BAKU", d=d, t1=rng.choice(TITLES),
                                                   t2=rng.choice(TITLES), n1=p1["name"], n2=p2["name"])
        rows.append({"external_id": f"bench-{i}", "url": f"https://example.org/{i}", "outlet": f"Outlet {i % 30}",
                     "title": f"Report {i}: {p1['name']} and {p2['name']}", "lang": "ar" if ar else "en",
                     "published": d, "raw": body, "raw_format": "text", "text": body, "offset_map": [[0, 0]],
                     "content_hash": f"{i:064x}", "revision": 1, "ingested_at": NOW, "updated_at": NOW})
    s.execute(insert(Document), rows)
    ids = [r[0] for r in s.execute(text("SELECT id FROM documents ORDER BY id"))]
    for doc_id, row in zip(ids, rows):
        index_document(s, doc_id, row["title"], row["text"])
    first = ids[0]
    s.execute(insert(Extraction), [{"document_id": first, "version": "bench", "content_hash": "x", "created_at": NOW,
                                    "result": {"mentions": [{"kind": "place", "start": 0, "end": 4, "text": "BAKU",
                                                             "value": "AZ", "entity": None}]}}])
    s.execute(insert(DocumentEntity), [{"document_id": first, "local_key": "p1", "kind": "person",
                                        "entity_id": "per_000000"}])
    return ids


def _events(s: Any, rng: random.Random, n: int, by_country: dict[str, list[str]], doc_ids: list[int]) -> dict[str, Any]:
    weights = pair_weights(rng)
    pairs, w = [p for p, _ in weights], [x for _, x in weights]
    start = date(2005, 1, 1)
    events, countries, parts, sources = [], [], [], []
    pair_counts: dict[tuple[str, str], int] = {}
    for i in range(n):
        a, b = rng.choices(pairs, w)[0]
        pair_counts[(a, b)] = pair_counts.get((a, b), 0) + 1
        eid = f"ev_{i:08x}"
        d = (start + timedelta(days=rng.randrange(7700))).isoformat()
        etype = rng.choice(TYPES)
        events.append({"id": eid, "type": etype, "status": "occurred", "date_start": d, "date_end": None,
                       "granularity": "day", "location_name": "Baku", "location_country": a, "countries": [a, b],
                       "topics": ["energy"], "plover": {"category": "CONSULT"}, "title": None, "parent_id": None,
                       "level": rng.randint(1, 4), "confidence": 0.8, "reports": 1, "newsrooms": 1,
                       "disagreements": [], "updated_at": NOW})
        countries += [{"event_id": eid, "country": a}, {"event_id": eid, "country": b}]
        chosen = {rng.choice(by_country[a]): a, rng.choice(by_country[b]): b}
        if rng.random() < 0.4:
            chosen[rng.choice(by_country[a])] = a
        for pid, c in chosen.items():
            parts.append({"event_id": eid, "person_id": pid, "role": "participant", "title": None,
                          "organization": None, "country": c, "documents": []})
        for k, doc in enumerate(rng.sample(doc_ids, 1 if rng.random() < 0.6 else 2)):
            sources.append({"event_id": eid, "document_id": doc, "local_key": f"e{i}_{k}", "is_copy": False,
                            "evidence": [{"start": 0, "end": 20, "text": ""}], "reading": {"type": etype}})
    for table, rows in ((Event, events), (EventCountry, countries), (EventParticipant, parts), (EventSource, sources)):
        for chunk in range(0, len(rows), 20000):
            s.execute(insert(table), rows[chunk:chunk + 20000])
    busiest = max(pair_counts.items(), key=lambda kv: kv[1])
    small = min(pair_counts.items(), key=lambda kv: kv[1])
    return {"busiest_pair": f"{busiest[0][0]}-{busiest[0][1]}", "busiest_events": busiest[1],
            "small_pair": f"{min(small[0])}-{max(small[0])}", "participants": len(parts), "sources": len(sources)}


def _records(s: Any, rng: random.Random, doc_ids: list[int]) -> None:
    rows_a, rows_m, rows_c = [], [], []
    for i in range(3000):
        a, b = sorted(rng.sample(COUNTRIES[:10], 2))
        doc = rng.choice(doc_ids)
        rows_a.append({"document_id": doc, "event_id": None, "pair": f"{a}-{b}", "title": f"Memorandum {i}",
                       "date": f"20{rng.randint(5, 25):02d}-05-01", "status": "signed", "parties": [a, b], "evidence": []})
        rows_m.append({"document_id": doc, "pair": f"{a}-{b}", "what": "Diplomatic relations established",
                       "kind": "relations_established", "date": "1996-11-06", "countries": [a, b], "evidence": []})
        rows_c.append({"document_id": doc, "pair": f"{a}-{b}", "text": "Intensify reciprocal visits",
                       "kind": "reciprocal_visits", "due": None, "countries": [a, b], "evidence": []})
    s.execute(insert(AgreementRecord), rows_a)
    s.execute(insert(MilestoneRecord), rows_m)
    s.execute(insert(CommitmentRecord), rows_c)


def pages(info: dict[str, Any]) -> list[str]:
    busy, small = info["busiest_pair"], info["small_pair"]
    return [
        "/", "/pairs", f"/pairs/{busy}", f"/pairs/{busy}?type=meeting&since=2015&until=2020-06",
        f"/pairs/{busy}?institution=org_az_parliament", f"/pairs/{busy}?offset=5000", f"/pairs/{small}",
        "/events", "/events?offset=50000", "/events/ev_00000010", "/persons", "/persons?q=خالد المناعي",
        "/persons/per_000000", "/institutions", "/institutions/org_az_parliament", "/countries/AZ",
        "/documents", "/documents?lang=ar&offset=1000", "/documents/1", "/search?q=Mammadli",
        "/search?q=مذكره تفاهم", "/search?q=energy&kind=events&pair=" + busy, "/upload",
        "/api/v1/events?pair=" + busy, "/api/v1/events?country=AZ&type=visit&since=2010&offset=1000",
        "/api/v1/events/ev_00000010", "/api/v1/persons?q=Aliyeva", "/api/v1/persons/per_000000",
        "/api/v1/institutions/org_az_parliament", "/api/v1/pairs", "/api/v1/pairs/" + busy,
        "/api/v1/documents?lang=en", "/api/v1/documents/1", "/api/v1/search?q=مذكرة",
    ]


def measure(store: Store, urls: list[str], repeat: int) -> list[tuple[str, int, float, float, float]]:
    from fastapi.testclient import TestClient

    from dragoman.web import create_app

    app = create_app(Settings(database_url=store.url, data_dir=Path("."), token="bench"), store)
    out = []
    with TestClient(app) as client:
        client.get("/healthz")
        gc.freeze()  # as `dragoman serve` does once the app is built: full collections skip the startup heap
        for url in urls:
            times = []
            status = 0
            for _ in range(repeat + 1):
                r = client.get(url)
                status = r.status_code
                times.append(float(r.headers["server-timing"].split("dur=")[1]))
            out.append((url, status, times[0], statistics.median(times[1:]), max(times[1:])))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="bench/results/web.db")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="reuse an existing database file")
    parser.add_argument("--budget", type=float, default=150.0, help="milliseconds per page")
    args = parser.parse_args(argv)
    path = Path(args.db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not (args.keep and path.exists())
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    store = Store.open(f"sqlite:///{path.resolve()}")
    if fresh:
        info = generate(store, args.events)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        print(f"generated {info['events']:,} events, {info['persons']:,} persons, {info['documents']:,} documents, "
              f"{info['participants']:,} participants, {info['sources']:,} sources in {info['seconds']:.0f} s; "
              f"busiest pair {info['busiest_pair']} ({info['busiest_events']:,} events)")
    else:
        with store.session() as s:
            row = s.execute(text("SELECT a.country, b.country, count(*) FROM event_countries a JOIN event_countries b "
                                 "ON a.event_id = b.event_id AND a.country < b.country GROUP BY 1, 2 ORDER BY 3 DESC"
                                 )).all()
        info = {"busiest_pair": f"{row[0][0]}-{row[0][1]}", "small_pair": f"{row[-1][0]}-{row[-1][1]}"}
    results = measure(store, pages(info), args.repeat)
    width = max(len(u) for u, *_ in results)
    print(f"\n{'page':<{width}}  status  first ms  median ms  max ms")
    over = 0
    for url, status, first, med, worst in results:
        flag = "  OVER" if worst > args.budget else ""
        over += bool(flag)
        print(f"{url:<{width}}  {status:>6}  {first:>8.1f}  {med:>9.1f}  {worst:>6.1f}{flag}")
    print(f"\n{len(results) - over}/{len(results)} pages within {args.budget:.0f} ms (median/max of {args.repeat} "
          "warm requests; 'first' includes cold caches)")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
