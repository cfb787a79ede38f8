"""Benchmark exports on a synthetic relations record: time and memory per format.

    python bench/bench_export.py 50000
    python bench/bench_export.py 200000 --db /tmp/bench-export.db --formats jsonl,parquet

Writes N synthetic events (two or three participants each, one to three source
documents with evidence, 400 people, 60 countries) straight into a fresh SQLite
store with bulk inserts, then exports events and people in each format to a
temporary file, printing seconds, records per second and the peak Python heap
(tracemalloc) of each export. Run it with two sizes: if the exports stream, the
peak stays flat while N grows (the network formats grow with the number of
entities and linked pairs, not events). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from dragoman.export import export_records
from dragoman.store import Store
from dragoman.store.schema import (
    Document,
    Event,
    EventCountry,
    EventParticipant,
    EventSource,
    Person,
    PersonName,
    PersonRole,
)

COUNTRIES = ["AZ", "BH", "KZ", "TR", "AE", "SA", "QA", "KW", "OM", "EG", "JO", "UZ", "TM", "GE", "RU", "IR", "PK",
             "IN", "CN", "JP", "KR", "DE", "FR", "IT", "ES", "GB", "US", "CA", "BR", "MX", "AR", "ZA", "NG", "KE",
             "ET", "MA", "DZ", "TN", "LY", "SD", "IQ", "SY", "LB", "IL", "PS", "YE", "AF", "TJ", "KG", "MN", "ID",
             "MY", "SG", "TH", "VN", "PH", "AU", "NZ", "PL", "UA"]
TYPES = ["meeting", "meeting", "meeting", "visit", "phone_call", "message"]
TITLES = ["Foreign Minister", "Speaker", "Ambassador", "Deputy Foreign Minister", "President", "Prime Minister"]
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _people(rng: random.Random, n: int) -> list[dict]:
    return [{"id": f"per_b{i:05d}", "name": f"Person {i}", "name_latin": f"Person {i}",
             "country": rng.choice(COUNTRIES), "updated_at": NOW} for i in range(n)]


def populate(store: Store, n_events: int, seed: int = 7, chunk: int = 5000) -> None:
    """Bulk-insert ``n_events`` events with their documents, participants and sources."""
    rng = random.Random(seed)
    people = _people(rng, 400)
    start = date(2015, 1, 1)
    with store.engine.begin() as conn:
        conn.execute(insert(Person), people)
        conn.execute(insert(PersonName), [{"person_id": p["id"], "name": p["name"], "script": "latin"} for p in people])
        conn.execute(insert(PersonRole), [{"person_id": p["id"], "title": rng.choice(TITLES), "country": p["country"],
                                           "first_seen": "2015-01-01", "last_seen": "2025-12-31", "evidence": []}
                                          for p in people])
        doc_id = 0
        for base in range(0, n_events, chunk):
            docs, events, countries, sources, parts = [], [], [], [], []
            for i in range(base, min(base + chunk, n_events)):
                day = (start + timedelta(days=rng.randrange(4000))).isoformat()
                who = rng.sample(people, rng.choice((2, 2, 3)))
                cs = sorted({p["country"] for p in who})
                ev = f"ev_b{i:08d}"
                events.append({"id": ev, "type": rng.choice(TYPES), "status": "occurred", "date_start": day,
                               "countries": cs, "topics": ["trade"], "plover": {}, "confidence": 0.8, "reports": 1,
                               "newsrooms": 1, "disagreements": [], "location_country": cs[0]})
                countries += [{"event_id": ev, "country": c} for c in cs]
                for k in range(rng.choice((1, 1, 2, 3))):
                    doc_id += 1
                    text = f"{who[0]['name']} met {who[1]['name']} on {day}. " * 4
                    docs.append({"id": doc_id, "external_id": f"b{doc_id:09d}", "url": f"https://x.example/{doc_id}",
                                 "outlet": f"Outlet {doc_id % 40}", "lang": "en", "published": day, "raw": text,
                                 "raw_format": "text", "text": text, "offset_map": [[0, 0]],
                                 "content_hash": str(doc_id),
                                 "revision": 1, "ingested_at": NOW, "updated_at": NOW})
                    sources.append({"event_id": ev, "document_id": doc_id, "local_key": f"e{k}", "is_copy": False,
                                    "evidence": [{"text": text[:60], "start": 0, "end": 60}], "reading": {}})
                parts += [{"event_id": ev, "person_id": p["id"], "role": "participant", "title": rng.choice(TITLES),
                           "country": p["country"], "documents": [f"b{doc_id:09d}"]} for p in who]
            conn.execute(insert(Document), docs)
            conn.execute(insert(Event), events)
            conn.execute(insert(EventCountry), countries)
            conn.execute(insert(EventSource), sources)
            conn.execute(insert(EventParticipant), parts)


def measure(store: Store, kind: str, fmt: str, out: Path) -> tuple[int, float, float]:
    """(records, seconds, peak MiB of Python heap) of one export.

    Timed without tracing (tracemalloc slows Python several times), then run
    again under tracemalloc for the heap peak.
    """
    t0 = time.perf_counter()
    n = export_records(store, kind, fmt, None, out)
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    export_records(store, kind, fmt, None, out)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return n, seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("events", type=int, nargs="?", default=20000)
    parser.add_argument("--db", help="SQLite file to (re)create; default: a temporary file")
    parser.add_argument("--formats", default="jsonl,csv,parquet,plover,graphml")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dragoman-bench-export-"))
    db = Path(args.db) if args.db else tmp / "bench.db"
    if db.exists():
        db.unlink()
    store = Store.open(f"sqlite:///{db}")
    t0 = time.perf_counter()
    populate(store, args.events)
    print(f"populated {args.events} events in {time.perf_counter() - t0:.1f}s ({db})")
    print(f"{'kind':8} {'format':8} {'records':>9} {'seconds':>8} {'rec/s':>9} {'peak MiB':>9}")
    for kind in ("events", "people"):
        for fmt in args.formats.split(","):
            if kind == "people" and fmt in ("plover", "graphml", "gexf", "ics"):
                continue
            n, seconds, peak = measure(store, kind, fmt, tmp / f"{kind}.{fmt}")
            print(f"{kind:8} {fmt:8} {n:9d} {seconds:8.2f} {n / max(seconds, 1e-9):9.0f} {peak:9.1f}")
    store.close()


if __name__ == "__main__":
    main()
