"""Throughput and memory of the extraction engine on generated agency-style reports.

    python bench/bench_extract.py [N] [--lang en|ar|mix]

Generates N (default 2000) varied ~3 KB reports from templates (meetings,
visits with several meetings, phone calls, signings, messages; English and
Arabic), runs ``extract`` over them in one process and reports documents per
second and peak RSS. It asserts nothing: numbers are for humans and CI logs.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time

from dragoman.extract import extract, load_resources
from dragoman.models import CleanDocument

EN_PEOPLE = [("Orkhan", "Valiyev", "AZ", "Azerbaijani"), ("Nasser", "Al Hamad", "BH", "Bahraini"), ("Murat", "Nurtleu", "KZ", "Kazakh"),
             ("Bakhtiyor", "Saidov", "UZ", "Uzbek"), ("Selim", "Kaya", "TR", "Turkish"), ("Irakli", "Chikovani", "GE", "Georgian"),
             ("Khalid", "Al Thani", "QA", "Qatari"), ("Elmira", "Suleymanova", "AZ", "Azerbaijani"), ("Faisal", "Al Saud", "SA", "Saudi")]
EN_TITLES = ["Foreign Minister", "Minister of Economy", "Deputy Speaker of Parliament", "Prosecutor General", "Minister of Digital Development and Transport",
             "Chairman of the Committee on International Relations", "Deputy Minister of Energy", "Secretary-General of the Council"]
EN_TOPICS = ["trade and investment", "energy and transport", "legal cooperation and extradition", "tourism, culture and education",
             "digital development", "humanitarian issues and demining", "parliamentary cooperation"]
EN_CITIES = [("Baku", "Azerbaijan"), ("Manama", "Bahrain"), ("Astana", "Kazakhstan"), ("Tashkent", "Uzbekistan"), ("Ankara", "Türkiye")]
EN_FILLER = ("The sides noted the high level of political dialogue and stressed the importance of expanding cooperation in {topic}. "
             "They exchanged views on regional and international issues, including cooperation within the United Nations, the OIC and the CICA. "
             "The importance of regular political consultations between the foreign ministries and of intensifying reciprocal visits was underlined. ")
AR_PEOPLE = [("سعادة السيد أنار إسماعيلوف", "سفير جمهورية أذربيجان لدى المملكة"), ("معالي الدكتور خالد بن سالم الحربي", "وزير الصحة"),
             ("سعادة الشيخ ناصر بن حمد آل خليفة", "وكيل وزارة الخارجية"), ("سعادة السيد مراد نورتليو", "وزير خارجية جمهورية كازاخستان")]
AR_FILLER = ("وجرى خلال اللقاء استعراض العلاقات الثنائية بين البلدين الصديقين وسبل تعزيزها في مختلف المجالات، ولا سيما في مجالات الاستثمار والطاقة والسياحة والتعليم، "
             "إلى جانب بحث القضايا ذات الاهتمام المشترك على الصعيدين الإقليمي والدولي. ")


def _en_doc(rng: random.Random, i: int) -> str:
    a, b = rng.sample(EN_PEOPLE, 2)
    ta, tb = rng.sample(EN_TITLES, 2)
    city, country = rng.choice(EN_CITIES)
    day = rng.randint(1, 28)
    kind = rng.randrange(4)
    if kind == 0:
        lead = f"{a[3]} {ta} {a[0]} {a[1]} met with {b[3]} {tb} {b[0]} {b[1]} in {city} on May {day}."
    elif kind == 1:
        lead = (f"A delegation led by {ta} {a[0]} {a[1]} paid an official visit to {country} from May {day} through {day + 2}. "
                f"On May {day}, the delegation met with {tb} {b[0]} {b[1]}. Following the meeting, the sides signed a Memorandum of Understanding on cooperation.")
    elif kind == 2:
        lead = f"{ta} {a[0]} {a[1]} held a phone conversation with his {b[3]} counterpart {b[0]} {b[1]} on Monday."
    else:
        lead = f"{a[3]} {ta} {a[0]} {a[1]} has sent a congratulatory letter to {tb} {b[0]} {b[1]} on the occasion of the National Day."
    body = [lead]
    while sum(map(len, body)) < 2900:
        body.append(EN_FILLER.format(topic=rng.choice(EN_TOPICS)))
    return "\n\n".join(body)


def _ar_doc(rng: random.Random, i: int) -> str:
    (na, ta), (nb, tb) = rng.sample(AR_PEOPLE, 2)
    body = [f"استقبل {na} {ta}، اليوم، {nb} {tb}، وذلك بمناسبة زيارته الحالية للمملكة."]
    while sum(map(len, body)) < 2900:
        body.append(AR_FILLER)
    return "\n\n".join(body)


def make_docs(n: int, lang: str, seed: int = 7) -> list[CleanDocument]:
    """N generated documents (kept small in memory: text is rebuilt from templates)."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        code = lang if lang != "mix" else ("ar" if i % 3 == 2 else "en")
        text = _ar_doc(rng, i) if code == "ar" else _en_doc(rng, i)
        docs.append(CleanDocument(external_id=f"b{i}", text=text, lang=code, published="2025-05-20", dateline_date="2025-05-20"))
    return docs


def peak_rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 if sys.platform != "darwin" else r / 1024 / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("--lang", default="mix", choices=["en", "ar", "mix"])
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    resources = load_resources()
    t_load = time.perf_counter() - t0
    pool = make_docs(min(a.n, 2000), a.lang)
    size = sum(len(d.text.encode("utf-8")) for d in pool) / len(pool)
    rss_before = peak_rss_mb()
    t1 = time.perf_counter()
    events = 0
    for i in range(a.n):
        doc = pool[i % len(pool)]
        events += len(extract(doc, resources).events)
    elapsed = time.perf_counter() - t1
    print(f"documents: {a.n} (avg {size:.0f} bytes, lang={a.lang}); resources loaded in {t_load:.2f}s")
    print(f"throughput: {a.n / elapsed:.0f} docs/s on one core ({elapsed:.2f}s); events found: {events}")
    print(f"peak RSS: {rss_before:.0f} MB before, {peak_rss_mb():.0f} MB after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
