"""Briefs and exports over the example corpus run through the whole pipeline (``demo_store``)."""

from __future__ import annotations

import io
import json
from collections import Counter

import networkx as nx
import pyarrow.parquet as pq
import pytest
from icalendar import Calendar

from dragoman.briefing import BriefSpec, build_brief, render
from dragoman.export import export_records
from dragoman.export.records import event_records, person_records
from dragoman.store import Store
from dragoman.store.schema import Document
from tests.briefing.test_brief_build import assert_cited
from tests.briefing.textcheck import arabic_words, brief_text, docx_text, pdf_text


def _top_pair(store: Store) -> str:
    pairs: Counter[str] = Counter()
    with store.session() as s:
        for rec in event_records(s):
            cs = sorted(rec["countries"])
            pairs.update(f"{a}-{b}" for i, a in enumerate(cs) for b in cs[i + 1 :])
    if not pairs:
        pytest.skip("the pipeline produced no bilateral events")
    return pairs.most_common(1)[0][0]


def test_demo_records_follow_format_md(demo_store: Store) -> None:
    with demo_store.session() as s:
        texts = {d.external_id: d.text for d in s.query(Document)}
        events = list(event_records(s))
        people = list(person_records(s))
    assert events and people
    for rec in events:
        assert {"id", "type", "status", "date", "location", "participants", "countries", "sources",
                "confidence"} <= set(rec)
        for src in rec["sources"]:
            assert src["document"] in texts
            for ev in src["evidence"]:
                assert texts[src["document"]][ev["start"] : ev["end"]] == ev["text"]
    for rec in people:
        assert {"id", "name", "name_latin", "aliases", "country", "roles", "documents"} <= set(rec)
        assert set(rec["documents"]) <= set(texts)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_demo_pair_brief(demo_store: Store, lang: str) -> None:
    brief = build_brief(demo_store, BriefSpec("pair", _top_pair(demo_store), lang=lang))
    assert_cited(demo_store, brief)
    assert not brief.section("timeline").empty
    expected, got = brief_text(brief), pdf_text(render(brief, "pdf"))
    assert arabic_words(got, loose=True) == arabic_words(expected, loose=True)
    assert arabic_words(brief_text(brief)) == arabic_words(docx_text(render(brief, "docx")))


def test_demo_person_and_institution_briefs(demo_store: Store) -> None:
    with demo_store.session() as s:
        person = max(person_records(s), key=lambda r: len(r["documents"]))
        inst = next((r for r in export_institutions(s) if r["people"]), None)
    brief = build_brief(demo_store, BriefSpec("person", person["id"], lang="ar"))
    assert_cited(demo_store, brief)
    assert not brief.section("timeline").empty
    if inst:
        brief = build_brief(demo_store, BriefSpec("institution", inst["id"]))
        assert_cited(demo_store, brief)


def export_institutions(session):  # type: ignore[no-untyped-def]
    from dragoman.export.records import institution_records

    return list(institution_records(session))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "plover", "graphml", "gexf", "ics"])
def test_demo_exports_read_back(demo_store: Store, fmt: str) -> None:
    buf = io.BytesIO()
    n = export_records(demo_store, "events", fmt, None, buf)
    data = buf.getvalue()
    if fmt in ("jsonl", "plover"):
        assert len([json.loads(line) for line in data.splitlines()]) == n > 0
    elif fmt == "parquet":
        assert pq.read_table(io.BytesIO(data)).num_rows == n > 0
    elif fmt == "graphml":
        assert nx.read_graphml(io.BytesIO(data)).number_of_nodes() == n > 0
    elif fmt == "gexf":
        assert nx.read_gexf(io.BytesIO(data)).number_of_nodes() == n > 0
    elif fmt == "ics":
        assert len(Calendar.from_ical(data).walk("VEVENT")) == n
    else:
        assert data.count(b"\n") >= n > 0
