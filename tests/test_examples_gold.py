"""Consistency checks for the example corpus and its gold annotations.

Fast, standard library + pytest only: no Dragoman code is imported. The checks
guard the gold file that the extractor is tuned and scored against
(examples/gold/gold.jsonl, format of shared/eval/FORMAT.md plus a `person`
cluster id on every participant and people entry).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.goldsets import (
    check_same_event_links,
    COUNTRY_RE, DATE_RE, EVENT_TYPES, PERSON_RE, STATUSES, iter_events, iter_persons,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CORPUS = EXAMPLES / "corpus"
GOLD = EXAMPLES / "gold" / "gold.jsonl"

HEADER_RE = re.compile(r"^(Title|URL|Published|Outlet|Language):\s*(.*)$")


def _txt_meta(text: str) -> dict:
    """Header block of a .txt document: `Key: value` lines up to the first blank line."""
    meta = {}
    for line in text.splitlines():
        if not line.strip():
            break
        m = HEADER_RE.match(line)
        if not m:
            return {}
        meta[m.group(1).lower()] = m.group(2).strip()
    return meta


def _html_lang(html: str):
    m = re.search(r"<html[^>]*\blang=\"([a-z]{2})", html, re.I)
    return m.group(1).lower() if m else None


def load_corpus() -> dict:
    """id -> {"text": raw text or html, "lang": code, "kind": txt|html|md|jsonl, "path": file}."""
    docs = {}

    def add(doc_id, record):
        assert doc_id not in docs, f"duplicate document id {doc_id!r} ({record['path']})"
        docs[doc_id] = record

    for path in sorted(CORPUS.iterdir()):
        if path.suffix in {".txt", ".md"}:
            text = path.read_text(encoding="utf-8")
            add(path.stem, {"text": text, "lang": _txt_meta(text).get("language"), "kind": path.suffix[1:], "path": path.name})
        elif path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            add(path.stem, {"text": text, "lang": _html_lang(text), "kind": "html", "path": path.name})
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                assert rec.get("id"), f"{path.name}:{n}: missing id"
                body = rec.get("text") or rec.get("html")
                assert body, f"{path.name}:{n}: needs text or html"
                add(rec["id"], {"text": body, "lang": rec.get("lang"), "kind": "jsonl", "path": path.name})
    return docs


def load_gold() -> list:
    with GOLD.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def gold():
    return load_gold()






# ---------------------------------------------------------------- coverage


def test_every_document_has_gold_and_vice_versa(corpus, gold):
    gold_ids = [g["id"] for g in gold]
    dupes = [i for i, n in Counter(gold_ids).items() if n > 1]
    assert not dupes, f"duplicate gold ids: {dupes}"
    assert set(corpus) - set(gold_ids) == set(), "documents without gold"
    assert set(gold_ids) - set(corpus) == set(), "gold entries without document"


def test_document_ids_follow_naming_scheme(corpus):
    for doc_id, rec in corpus.items():
        # no "-" in document ids: the scorer reads an event's document as eid.split("-")[0]
        assert re.fullmatch(r"(en|ar|ru|az)_\d{2}_[a-z0-9_]+", doc_id), doc_id
        assert rec["lang"] == doc_id[:2], f"{doc_id}: language {rec['lang']!r} does not match id prefix"


def test_txt_files_have_header(corpus):
    for doc_id, rec in corpus.items():
        if rec["kind"] != "txt":
            continue
        meta = _txt_meta(rec["text"])
        for key in ("title", "published", "outlet", "language"):
            assert meta.get(key), f"{doc_id}: header lacks {key}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"]), doc_id


def test_html_files_are_full_pages(corpus):
    for doc_id, rec in corpus.items():
        if rec["kind"] != "html":
            continue
        html = rec["text"]
        assert "<title>" in html, doc_id
        assert 'property="article:published_time"' in html, doc_id
        assert 'rel="canonical"' in html, doc_id
        assert "<article" in html, doc_id


def test_minimum_counts(corpus, gold):
    assert len(gold) >= 30
    langs = Counter(rec["lang"] for rec in corpus.values())
    assert langs["en"] >= 1 and langs["ar"] >= 1, langs
    kinds = Counter(rec["kind"] for rec in corpus.values())
    assert kinds["html"] >= 6, kinds
    jsonl_files = Counter(rec["path"] for rec in corpus.values() if rec["kind"] == "jsonl")
    assert len(jsonl_files) >= 2 and all(3 <= n <= 5 for n in jsonl_files.values()), jsonl_files
    required = [ev for _, ev in iter_events(gold) if not ev.get("optional")]
    assert len(required) >= 80, len(required)
    pairs = {frozenset((ev["eid"], o)) for _, ev in iter_events(gold) for o in ev["same_event_as"]}
    assert len(pairs) >= 8, len(pairs)


# ---------------------------------------------------------------- events


def test_eids_unique_and_prefixed(gold):
    seen = set()
    for doc_id, ev in iter_events(gold):
        eid = ev["eid"]
        assert eid not in seen, f"duplicate eid {eid}"
        seen.add(eid)
        assert re.fullmatch(re.escape(doc_id) + r"-[ep]\d+", eid), eid


def test_same_event_as_symmetric_and_cross_document(gold):
    check_same_event_links(gold)


def test_same_event_groups_are_transitive(gold):
    by_eid = {ev["eid"]: ev for _, ev in iter_events(gold)}
    for eid, ev in by_eid.items():
        group = {eid, *ev["same_event_as"]}
        for other in ev["same_event_as"]:
            assert {other, *by_eid[other]["same_event_as"]} == group, f"{eid} / {other}"


def test_event_fields(gold):
    for doc_id, ev in iter_events(gold):
        where = ev["eid"]
        assert ev["type"] in EVENT_TYPES, where
        assert set(ev["type_alternatives"]) <= EVENT_TYPES, where
        assert ev["type"] not in ev["type_alternatives"], where
        assert ev["status"] in STATUSES, where
        for key in ("date", "date_end"):
            value = ev[key]
            assert value is None or DATE_RE.match(value), f"{where}: bad {key} {value!r}"
        if ev["date_end"]:
            assert ev["date"] and ev["date_end"] >= ev["date"], where
        assert ev.get("date_basis") in (None, "external"), where
        if ev["location"] is not None:
            assert COUNTRY_RE.match(ev["location"]["country"] or ""), where
        assert ev["countries"] and all(COUNTRY_RE.match(c) for c in ev["countries"]), where
        assert ev["participants"], f"{where}: no participants"
        listed = {p["country"] for p in ev["participants"]}
        assert listed <= set(ev["countries"]), where


def test_dates_in_milestones_and_agreements(gold):
    for g in gold:
        for m in g["milestones"]:
            assert m["what"] and (m["date"] is None or DATE_RE.match(m["date"])), g["id"]
        for a in g["agreements"]:
            assert a["title"] and (a["date"] is None or DATE_RE.match(a["date"])), g["id"]
            assert isinstance(a["parties"], list), g["id"]
        for c in g["commitments"]:
            assert c["what"], g["id"]


# ---------------------------------------------------------------- people


def test_every_person_entry_is_complete(gold):
    for doc_id, where, p in iter_persons(gold):
        assert p.get("name"), f"{doc_id} {where}"
        assert PERSON_RE.match(p.get("person") or ""), f"{doc_id} {where}: bad person id {p.get('person')!r}"
        assert p.get("country") is None or COUNTRY_RE.match(p["country"]), f"{doc_id} {where}"
        if re.search(r"[\u0400-\u04FF\u0600-\u06FF]", p["name"]):
            assert p.get("latin"), f"{doc_id} {where}: {p['name']} needs a Latin transliteration"


def test_names_occur_in_document_text(corpus, gold):
    for doc_id, where, p in iter_persons(gold):
        assert p["name"] in corpus[doc_id]["text"], f"{doc_id} {where}: {p['name']!r} not in the text"


def test_people_cover_participants(gold):
    for g in gold:
        people = {p["person"] for p in g["people"]}
        assert len(people) == len(g["people"]), f"{g['id']}: a person is listed twice"
        for ev in g["events"]:
            for p in ev["participants"]:
                assert p["person"] in people, f"{g['id']}: {p['person']} of {ev['eid']} missing from people"


def test_person_clusters_are_consistent(gold):
    country = {}
    for doc_id, where, p in iter_persons(gold):
        pid = p["person"]
        country.setdefault(pid, p["country"])
        assert country[pid] == p["country"], f"{doc_id} {where}: {pid} has two countries"
    # an event never lists the same person twice
    for doc_id, ev in iter_events(gold):
        ids = [p["person"] for p in ev["participants"]]
        assert len(ids) == len(set(ids)), ev["eid"]


def test_same_surname_traps_stay_separate(gold):
    """Officials sharing a surname must carry different cluster ids."""
    clusters = {p["person"] for _, _, p in iter_persons(gold)}
    for a, b in (("farid-hajiyev", "sabir-hajiyev"), ("ilham-aliyev", "kamran-aliyev"),
                 ("mohammed-al-buainain", "ali-al-buainain")):
        assert a in clusters and b in clusters, (a, b)
