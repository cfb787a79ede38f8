"""Consistency checks for the development set (examples/dev) and its gold annotations.

Fast, standard library + pytest only: no Dragoman code is imported. The dev set is
tuning data written by the team (see examples/dev/README.md); examples/heldout is a
blind test set and is deliberately never opened here.

    .venv/bin/python -m pytest tests/test_dev_gold.py -q
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.goldsets import (
    DATE_RE, EVENT_TYPES, ISO_ALPHA2, NON_LATIN, PERSON_RE, STATUSES, iter_events, iter_persons, load_jsonl,
    check_same_event_links,
)

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "examples" / "dev"
DOCS = DEV / "docs.jsonl"
GOLD = DEV / "gold.jsonl"
CORPUS_GOLD = ROOT / "examples" / "gold" / "gold.jsonl"
SAMPLES = ROOT.parent / "shared" / "samples" / "docs.jsonl"

ID_RE = re.compile(r"^d_(en|ar|ru|az)_\d{2}$")


EXPECTED_LANGS = {"en": 18, "ar": 18, "ru": 5, "az": 4}




@pytest.fixture(scope="module")
def docs() -> dict:
    out = {}
    for rec in load_jsonl(DOCS):
        assert rec["id"] not in out, f"duplicate document id {rec['id']}"
        out[rec["id"]] = rec
    return out


@pytest.fixture(scope="module")
def gold() -> list:
    return load_jsonl(GOLD)


def _body(rec: dict) -> str:
    return rec.get("text") or rec.get("html") or ""


def _article_text(rec: dict) -> str:
    """Plain text of the article proper (for html: the <article> element)."""
    if rec.get("text"):
        return rec["text"]
    m = re.search(r"<article\b.*?</article>", rec["html"], re.S)
    return re.sub(r"<[^>]+>", " ", m.group(0)) if m else ""






# ---------------------------------------------------------------- documents


def test_document_ids_and_fields(docs):
    for doc_id, rec in docs.items():
        assert "-" not in doc_id, doc_id  # the scorer reads the document back as eid.split("-")[0]
        assert ID_RE.match(doc_id), doc_id
        assert rec["lang"] == doc_id.split("_")[1], f"{doc_id}: lang {rec['lang']!r}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["published"]), doc_id
        dt.date.fromisoformat(rec["published"])
        assert rec.get("title"), doc_id
        assert rec.get("url", "").startswith("https://"), doc_id
        assert bool(rec.get("text")) != bool(rec.get("html")), f"{doc_id}: exactly one of text/html"


def test_composition(docs):
    assert len(docs) == 45
    assert Counter(r["lang"] for r in docs.values()) == EXPECTED_LANGS
    html = [d for d, r in docs.items() if r.get("html")]
    assert len(html) == 6, html


def test_html_documents_are_full_pages(docs):
    for doc_id, rec in docs.items():
        if not rec.get("html"):
            continue
        page = rec["html"]
        for needle in ("<title>", 'property="article:published_time"', 'rel="canonical"', "<article", "<nav", "<footer"):
            assert needle in page, f"{doc_id}: no {needle}"
        m = re.search(r'<html[^>]*\blang="([a-z]{2})"', page)
        assert m and m.group(1) == rec["lang"], doc_id
        m = re.search(r'article:published_time" content="(\d{4}-\d{2}-\d{2})', page)
        assert m and m.group(1) == rec["published"], doc_id


def test_article_length(docs):
    for doc_id, rec in docs.items():
        n = len(re.findall(r"\w+", _article_text(rec)))
        assert 120 <= n <= 400, f"{doc_id}: {n} words"


def test_no_overlap_with_corpus_ids(docs):
    if not CORPUS_GOLD.exists():
        pytest.skip("no examples/gold")
    corpus_ids = {g["id"] for g in load_jsonl(CORPUS_GOLD)}
    assert not set(docs) & corpus_ids


def test_not_copied_from_real_samples(docs):
    """The real sample articles must not be reused: no shared 60-character passage."""
    if not SAMPLES.exists():
        pytest.skip("shared samples not available")
    chunks = set()
    for rec in load_jsonl(SAMPLES):
        text = re.sub(r"\s+", " ", _body(rec))
        chunks.update(text[i:i + 60] for i in range(0, max(0, len(text) - 60), 20))
    for doc_id, rec in docs.items():
        body = re.sub(r"\s+", " ", _body(rec))
        hits = [c for c in chunks if c in body]
        assert not hits, f"{doc_id} reuses sample text: {hits[0]!r}"


# ---------------------------------------------------------------- coverage and counts


def test_gold_for_every_document_and_vice_versa(docs, gold):
    ids = [g["id"] for g in gold]
    assert len(ids) == len(set(ids)), "duplicate gold ids"
    assert set(docs) == set(ids)


def test_minimum_counts(gold):
    required = [ev for _, ev in iter_events(gold) if not ev.get("optional")]
    assert len(required) >= 100, len(required)
    pairs = {frozenset((ev["eid"], o)) for _, ev in iter_events(gold) for o in ev["same_event_as"]}
    assert len(pairs) >= 8, len(pairs)
    types = Counter(ev["type"] for ev in required)
    for t in ("meeting", "visit", "phone_call", "agreement", "message"):
        assert types[t] >= 3, types
    assert sum(1 for ev in required if ev["status"] == "planned") >= 8


# ---------------------------------------------------------------- events


def test_eids_unique_and_prefixed(gold):
    seen = set()
    for doc_id, ev in iter_events(gold):
        eid = ev["eid"]
        assert eid not in seen, f"duplicate eid {eid}"
        seen.add(eid)
        assert re.fullmatch(re.escape(doc_id) + r"-[ep]\d+", eid), eid
        assert eid.startswith(doc_id + "-") and eid.split("-")[0] == doc_id
        assert (eid.split("-")[1][0] == "p") == bool(ev.get("optional")), f"{eid}: p-ids are the optional events"


def test_same_event_as_symmetric_existing_cross_document(gold):
    by_eid = check_same_event_links(gold)
    for _, ev in iter_events(gold):
        for other in ev["same_event_as"]:
            assert by_eid[other][1]["type"] == ev["type"], f"{ev['eid']} / {other}: types differ"


def test_same_event_groups_are_transitive(gold):
    by_eid = {ev["eid"]: ev for _, ev in iter_events(gold)}
    for eid, ev in by_eid.items():
        group = {eid, *ev["same_event_as"]}
        for other in ev["same_event_as"]:
            assert {other, *by_eid[other]["same_event_as"]} == group, f"{eid} / {other}"


def test_event_fields_and_dates(docs, gold):
    for doc_id, ev in iter_events(gold):
        where = ev["eid"]
        assert ev["type"] in EVENT_TYPES, where
        assert set(ev["type_alternatives"]) <= EVENT_TYPES, where
        assert ev["type"] not in ev["type_alternatives"], where
        assert ev["status"] in STATUSES, where
        for key in ("date", "date_end"):
            value = ev[key]
            assert value is None or DATE_RE.match(value), f"{where}: bad {key} {value!r}"
            if value and len(value) == 10:
                dt.date.fromisoformat(value)
        if ev["date_end"]:
            assert ev["date"] and ev["date_end"] >= ev["date"], where
        if ev["status"] == "occurred" and ev["date"]:
            # an event that happened cannot start after the report was published
            assert ev["date"][:len(ev["date"])] <= docs[doc_id]["published"][:len(ev["date"])], where
        if ev["location"] is not None:
            assert set(ev["location"]) == {"city", "country"}, where
            assert ev["location"]["country"] in ISO_ALPHA2, where
        assert ev["countries"] and all(c in ISO_ALPHA2 for c in ev["countries"]), where
        assert ev["participants"], f"{where}: no participants"
        assert any(not p.get("optional") for p in ev["participants"]), f"{where}: only optional participants"
        assert {p["country"] for p in ev["participants"]} <= set(ev["countries"]), where


def test_milestones_agreements_commitments(gold):
    for g in gold:
        for m in g["milestones"]:
            assert m["what"] and (m["date"] is None or DATE_RE.match(m["date"])), g["id"]
        for a in g["agreements"]:
            assert a["title"] and (a["date"] is None or DATE_RE.match(a["date"])), g["id"]
            assert isinstance(a["parties"], list), g["id"]
        for c in g["commitments"]:
            assert c["what"], g["id"]
        signed = [ev for ev in g["events"] if ev["type"] == "agreement" and not ev.get("optional")]
        if signed:
            assert g["agreements"], f"{g['id']}: agreement event without an agreements entry"


# ---------------------------------------------------------------- people


def test_every_person_entry_is_complete(gold):
    for doc_id, where, p in iter_persons(gold):
        assert p.get("name"), f"{doc_id} {where}"
        assert PERSON_RE.match(p.get("person") or ""), f"{doc_id} {where}: bad person id {p.get('person')!r}"
        assert p.get("country") is None or p["country"] in ISO_ALPHA2, f"{doc_id} {where}"
        if NON_LATIN.search(p["name"]):
            assert p.get("latin") and not NON_LATIN.search(p["latin"]), f"{doc_id} {where}: {p['name']} needs latin"
        else:
            assert p.get("latin") is None, f"{doc_id} {where}: latin is only for Arabic/Cyrillic names"


def test_names_occur_literally_in_document(docs, gold):
    for doc_id, where, p in iter_persons(gold):
        assert p["name"] in _body(docs[doc_id]), f"{doc_id} {where}: {p['name']!r} not in the text"


def test_people_cover_participants(gold):
    for g in gold:
        people = [p["person"] for p in g["people"]]
        assert len(people) == len(set(people)), f"{g['id']}: a person is listed twice"
        for ev in g["events"]:
            for p in ev["participants"]:
                assert p["person"] in people, f"{g['id']}: {p['person']} of {ev['eid']} missing from people"


def test_person_clusters_are_consistent(gold):
    country = {}
    for doc_id, where, p in iter_persons(gold):
        country.setdefault(p["person"], p["country"])
        assert country[p["person"]] == p["country"], f"{doc_id} {where}: {p['person']} has two countries"
    for _, ev in iter_events(gold):
        ids = [p["person"] for p in ev["participants"]]
        assert len(ids) == len(set(ids)), ev["eid"]


def test_same_surname_traps_stay_separate(gold):
    clusters = Counter(p["person"] for _, _, p in iter_persons(gold))
    for group in (("ayman-safadi", "ahmad-safadi"), ("ilham-aliyev", "adil-aliyev"),
                  ("tamim-bin-hamad", "mohammed-bin-abdulrahman"), ("abdullah-bin-zayed", "mohamed-bin-zayed"),
                  ("mishal-al-sabah", "sabah-khalid-al-sabah", "ahmad-abdullah-al-sabah", "jarrah-al-sabah")):
        for pid in group:
            assert clusters[pid], pid
