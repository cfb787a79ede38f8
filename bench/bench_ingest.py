"""Ingest throughput and peak memory on a generated corpus.

    python bench/bench_ingest.py --documents 20000 [--db URL] [--extract] [--langid]

Generates reports from templates (English, Arabic, Russian; ~1.5–3 KB each,
some with scraped page furniture), writes them as JSON Lines, ingests them into
a fresh SQLite file (or --db) and prints documents per second and the peak
resident memory. By default the language is given (as scrapers usually do);
--langid leaves it to the detector. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from dragoman.ingest import IngestOptions, ingest_paths
from dragoman.store import Store

EN = [
    "date {date} + ↺ − 16 px\n\nBAKU, Azerbaijan, {month} {day}. The {title} of {country_a}, {name}, met with the "
    "Ambassador of {country_b} on {weekday} to discuss cooperation in {topic}.",
    "The sides reviewed the agenda of the intergovernmental commission and the preparations for the next round of "
    "political consultations between the foreign ministries.",
    "They noted the growth of mutual trade and the potential of joint projects in {topic}, transport and digital "
    "development, and stressed the importance of regular contacts between the parliaments.",
    "The ambassador conveyed greetings from the leadership of {country_b} and invited the delegation to visit.",
    "Related news\n\nAnother item that the cleaner must drop.",
]
AR = [
    "المنامة في {day} يناير / بنا / استقبل {title_ar} سفير {country_ar} لدى المملكة، وبحث معه سبل تعزيز التعاون "
    "الثنائي في مجالات {topic_ar}.",
    "وأكد الجانبان أهمية تبادل الزيارات وعقد المشاورات السياسية بصورة منتظمة بين وزارتي الخارجية في البلدين.",
    "كما تناول اللقاء عددا من القضايا ذات الاهتمام المشترك والتطورات الإقليمية والدولية.",
]
RU = [
    "Баку, {day} мая. /АЗЕРТАДЖ/. {name} встретился с послом {country_ru} и обсудил сотрудничество в сфере энергетики.",
    "Стороны отметили важность регулярных политических консультаций между министерствами иностранных дел.",
]
FILL = {
    "title": ["Minister of Economy", "Speaker of the Milli Majlis", "Deputy Foreign Minister", "Prosecutor General"],
    "country_a": ["Azerbaijan", "Bahrain", "Kazakhstan", "Georgia"],
    "country_b": ["Japan", "Italy", "Egypt", "Uzbekistan", "Hungary"],
    "name": ["Elnur Mammadli", "Samir Guliyev", "Aida Rzayeva", "Tural Hasanli", "Leyla Karimova"],
    "topic": ["energy", "education", "tourism", "agriculture", "logistics"],
    "title_ar": ["وزير الخارجية", "رئيس مجلس النواب", "النائب العام", "وزير الصناعة والتجارة"],
    "country_ar": ["اليابان", "إيطاليا", "مصر", "أوزبكستان"],
    "topic_ar": ["الطاقة", "التعليم", "السياحة", "الزراعة"],
    "country_ru": ["Японии", "Италии", "Египта"],
    "weekday": ["Monday", "Tuesday", "Wednesday"],
    "month": ["January", "May", "Oct."],
}


def make_doc(i: int, rng: random.Random) -> dict[str, object]:
    lang = rng.choices(["en", "ar", "ru"], weights=[6, 3, 1])[0]
    paragraphs = {"en": EN, "ar": AR, "ru": RU}[lang]
    values = {k: rng.choice(v) for k, v in FILL.items()}
    values.update(date=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", day=rng.randint(1, 28))
    body = "\n\n".join(p.format(**values) for p in paragraphs)
    body += "\n\n" + " ".join(f"Paragraph {i}-{k} adds background on the relations." for k in range(rng.randint(5, 25)))
    return {"id": f"bench-{i}", "lang": lang, "published": values["date"], "text": body,
            "url": f"https://news{i % 7}.example/{i}"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--extract", action="store_true", help="also run extraction and resolution")
    parser.add_argument("--langid", action="store_true", help="do not give the language: detect it")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "corpus.jsonl"
        size = 0
        with dump.open("w", encoding="utf-8") as fh:
            for i in range(args.documents):
                record = make_doc(i, rng)
                if args.langid:
                    record.pop("lang")
                line = json.dumps(record, ensure_ascii=False)
                size += len(line.encode())
                fh.write(line + "\n")
        store = Store.open(args.db or f"sqlite:///{Path(tmp) / 'bench.db'}")
        start = time.perf_counter()
        summary = ingest_paths(store, [dump], IngestOptions(extract=args.extract, resolve=args.extract))
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents      {args.documents} ({size / args.documents / 1024:.1f} KB average)")
    print(f"ingested       {summary.ingested}, rejected {len(summary.rejected)}")
    print(f"elapsed        {elapsed:.1f} s")
    print(f"throughput     {args.documents / elapsed:.0f} documents/s")
    print(f"peak memory    {peak_mb:.0f} MB (resident)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
