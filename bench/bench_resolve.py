"""Benchmark cross-document resolution on synthetic extractions.

    python bench/bench_resolve.py 10000
    python bench/bench_resolve.py 100000 --db /tmp/bench.db

Generates N synthetic documents (a population of officials from ten
countries whose names share given names and surnames on purpose, real events
reported by one to four outlets, some reports being wire copies with small
edits), writes them with their ExtractionResults into a fresh SQLite store,
then resolves them in slices of 10,000 documents: the time of each slice shows
whether the cost per document stays flat as the store grows (near-linear
total). Prints seconds per 10k documents per slice, the totals, and the peak
resident memory of the process. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, insert, select

from dragoman.models import DocEvent, DocPerson, EventDate, Evidence, ExtractionResult, Location, Participant
from dragoman.resolve import resolve_documents
from dragoman.store import Store
from dragoman.store.schema import Document, Event, Extraction, Person

GIVEN = ("Ali Ahmed Mohammed Khalid Farid Sabir Ilham Kamran Jeyhun Rustam Tural Elnur Anar Orkhan Rashid Nasser Hamad "
         "Salman Yousif Saleh Ulviyya Sahiba Leyla Aygun Fatima Maryam Hala Noora Eldar Samir Ramil Vugar Zaur Kenan").split()
FAMILY = ("Aliyev Hajiyev Mammadov Huseynov Bayramov Gafarova Mahmudov Askerov Novruzov Ismayilov Alzayani Al-Buainain "
          "Al-Khalifa Al-Musallam Al-Saleh Al-Mannai Al-Rumaihi Al-Dhahrani Tokayev Karimov Rahimov Nazarov Sultanov "
          "Abdullayev Guliyev Babayev Jafarov Hasanov Valiyev Orujov Amirov Efendiyev Safarov Zeynalov Qasimov").split()
TITLES = ("Foreign Minister", "Speaker", "Deputy Foreign Minister", "Ambassador", "Member of Parliament", "President",
          "Minister of Economy", "Chief of Staff", "Deputy Speaker", "Prosecutor General")
COUNTRIES = ("AZ", "BH", "KZ", "UZ", "TR", "SA", "AE", "QA", "KW", "OM")
OUTLETS = [f"outlet{i}" for i in range(40)]
WORDS = ("cooperation relations bilateral trade energy visit meeting minister parliament discussed agreed "
         "development investment culture education tourism transport regional security friendship delegation "
         "session commission joint support partnership strategic economic political humanitarian").split()


def make_people(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """(name, title, country) officials; many share a surname or a given name."""
    seen, out = set(), []
    while len(out) < n:
        name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        country = rng.choice(COUNTRIES)
        if (name, country) in seen:
            continue
        seen.add((name, country))
        out.append((name, rng.choice(TITLES), country))
    return out


def make_text(rng: random.Random, n_words: int = 160) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n_words))


def make_docs(n_docs: int, seed: int = 7):
    """Yield (external id, outlet, published, text, ExtractionResult) for n_docs documents."""
    rng = random.Random(seed)
    people = make_people(rng, max(200, n_docs // 20))
    start = date(2023, 1, 1)
    span = max(60, n_docs // 30)  # ~30 documents a day, whatever the size
    i = 0
    while i < n_docs:
        day = (start + timedelta(days=rng.randrange(span))).isoformat()
        cast = rng.sample(people, rng.choice((2, 2, 3)))
        base_text = make_text(rng)
        for r in range(rng.choice((1, 1, 2, 3, 4))):
            if i >= n_docs:
                break
            copy = r > 0 and rng.random() < 0.4
            text = base_text.replace("minister", "Minister", 1) + " (copy)" if copy else make_text(rng)
            ext = f"b{i:07d}"
            dps = [DocPerson(key=f"p{k}", name=("H.E. " if rng.random() < 0.1 else "") + name, title=title, country=c,
                             evidence=[Evidence(0, 10, name)]) for k, (name, title, c) in enumerate(cast)]
            ev = DocEvent(key="e1", type="meeting", date=EventDate(day), location=Location("Capital", cast[0][2]),
                          participants=[Participant(person=p.key) for p in dps],
                          countries=sorted({c for _, _, c in cast}), evidence=[Evidence(0, 20, "they met")])
            res = ExtractionResult(document=ext, lang="en", version="bench", people=dps, events=[ev])
            yield ext, rng.choice(OUTLETS), day, text, res
            i += 1


def load(store: Store, docs) -> None:
    """Bulk-insert documents and their extractions (what ingest + extract would leave)."""
    now = datetime.now(timezone.utc)
    with store.session() as s:
        next_id = (s.scalar(select(func.max(Document.id))) or 0) + 1
        drows, xrows = [], []
        for k, (ext, outlet, day, text, res) in enumerate(docs):
            h = hashlib.sha256(text.encode()).hexdigest()
            drows.append(dict(id=next_id + k, external_id=ext, outlet=outlet, published=day, raw=text, text=text, lang="en",
                              raw_format="text", offset_map=[], content_hash=h, revision=1, ingested_at=now, updated_at=now))
            xrows.append(dict(document_id=next_id + k, version="bench", content_hash=h, result=res.to_dict(), created_at=now))
        s.execute(insert(Document), drows)
        s.execute(insert(Extraction), xrows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("documents", type=int, nargs="?", default=10_000)
    ap.add_argument("--slice", type=int, default=10_000, help="documents per timed slice")
    ap.add_argument("--db", help="SQLite file (default: a temporary file)")
    a = ap.parse_args(argv)
    path = Path(a.db) if a.db else Path(tempfile.mkdtemp()) / "bench.db"
    if path.exists():
        path.unlink()
    store = Store.open(f"sqlite:///{path}")
    gen = make_docs(a.documents)
    total, done = 0.0, 0
    print(f"resolving {a.documents:,} synthetic documents into {path}")
    while done < a.documents:
        n = min(a.slice, a.documents - done)
        load(store, (next(gen) for _ in range(n)))
        t0 = time.perf_counter()
        summary = resolve_documents(store)
        dt = time.perf_counter() - t0
        total += dt
        done += n
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  docs {done - n + 1:>7,}-{done:<7,}  {dt:7.1f} s  = {dt / n * 10_000:6.1f} s per 10k docs   "
              f"(fused {summary.events_fused:,}, copies {summary.copies:,}; peak RSS {rss:,.0f} MiB)")
    with store.session() as s:
        persons = s.scalar(select(func.count()).select_from(Person))
        events = s.scalar(select(func.count()).select_from(Event))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {total:.1f} s for {a.documents:,} documents = {total / a.documents * 10_000:.1f} s per 10k; "
          f"{persons:,} persons, {events:,} events; peak RSS {rss:,.0f} MiB")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
