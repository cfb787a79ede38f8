"""Every export format, read back with its own reader."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from icalendar import Calendar

from dragoman.export import UnsupportedExport, export_records
from dragoman.export.tabular import SCHEMAS
from dragoman.store import Store
from tests.export import fixtures as fx


def _export(store: Store, kind: str, fmt: str, filters: dict | None = None) -> bytes:
    buf = io.BytesIO()
    export_records(store, kind, fmt, filters, buf, today=fx.TODAY)
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["events", "people", "institutions", "documents"])
def test_jsonl_reads_back(fx_store: Store, kind: str) -> None:
    lines = _export(fx_store, kind, "jsonl").decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all("id" in r for r in records)
    if kind == "people":  # Arabic stays Arabic, not \u escapes
        assert "خالد بن سلمان النعيمي" in "\n".join(lines)


@pytest.mark.parametrize("kind", ["events", "people", "institutions", "documents"])
def test_csv_reads_back(fx_store: Store, kind: str) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(fx_store, kind, "csv").decode("utf-8"), newline="")))
    assert rows
    if kind == "events":
        meet = next(r for r in rows if r["id"] == "ev_fx_meet1")
        assert meet["countries"] == "AZ;BH"
        assert meet["participant_ids"] == "per_fx_rauf;per_fx_khalid"
        assert "Rauf Mammadli (Foreign Minister, Ministry of Foreign Affairs of Azerbaijan, AZ)" in meet["participants"]
        assert meet["documents"] == "fx-en-001;fx-en-001-syn;fx-ar-001"
    if kind == "documents":  # multi-line text survives quoting
        by_id = {r["id"]: r for r in rows}
        assert by_id["fx-ar-001"]["text"] == fx.TEXTS["fx-ar-001"]


@pytest.mark.parametrize("kind", ["events", "people", "institutions", "documents"])
def test_parquet_reads_back_with_declared_schema(fx_store: Store, kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.parquet"
    n = export_records(fx_store, kind, "parquet", None, path)
    table = pq.read_table(path)
    assert table.schema.equals(SCHEMAS[kind])
    assert table.num_rows == n > 0
    rows = {r["id"]: r for r in table.to_pylist()}
    if kind == "events":
        meet = rows["ev_fx_meet1"]
        assert meet["date"] == {"start": "2025-05-12", "end": None}
        assert meet["participants"][0]["name"] == "Rauf Mammadli"
        assert meet["sources"][0]["evidence"][0]["start"] >= 0
    if kind == "institutions":
        assert dict(rows["org_fx_mm"]["names"])["ar"] == ["المجلس الوطني الأذربيجاني"]


def test_parquet_streams_in_record_batches(fx_store: Store) -> None:
    from dragoman.export import tabular
    from dragoman.export.records import event_records

    buf = io.BytesIO()
    with fx_store.session() as s:
        tabular.write_parquet("events", event_records(s, None, batch_size=2), buf, batch_size=2)
    meta = pq.ParquetFile(io.BytesIO(buf.getvalue())).metadata
    assert meta.num_rows == 5 and meta.num_row_groups == 3


def test_plover_records(fx_store: Store) -> None:
    records = {r["id"]: r for r in map(json.loads, _export(fx_store, "events", "plover").splitlines())}
    meet = records["ev_fx_meet1"]
    assert (meet["event"], meet["mode"]) == ("CONSULT", "visit")
    assert meet["actor"] == "Rauf Mammadli" and meet["actor_country"] == "AZE"  # the visitor acts
    assert meet["recipient"] == "Khalid bin Salman Al-Nuaimi" and meet["recipient_country"] == "BHR"
    assert meet["date"] == "2025-05-12"
    assert "Manama" in meet["event_text"]
    assert meet["text_info"]["document"] == "fx-en-001"
    assert {c["document"] for c in meet["cite_info"]} == {"fx-en-001", "fx-ar-001", "fx-en-001-syn"}
    assert "economic" in meet["context"]
    call = records["ev_fx_call"]  # no roles: sides split by country
    assert {call["actor_country_iso2"], call["recipient_country_iso2"]} == {"AZ", "BH"}
    assert records["ev_fx_meet2"]["mode"] == "meet"  # default coding for a meeting


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_reads_back_in_networkx(fx_store: Store, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"net.{fmt}"
    export_records(fx_store, "events", fmt, {"pair": "AZ-BH"}, path)
    g = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert {"per_fx_rauf", "per_fx_khalid", "AZ", "BH", "org_fx_mm"} <= set(g.nodes)
    assert "per_fx_serik" not in g.nodes  # the AZ–KZ meeting is filtered out
    edge = g.edges["per_fx_rauf", "per_fx_khalid"]
    assert int(edge["weight"]) == 2  # the meeting and the phone call (the planned visit has only Khalid)
    assert (edge["first"], edge["last"]) == ("2025-05-12", "2025-12-20")
    assert int(g.edges["AZ", "BH"]["weight"]) == 4
    assert g.nodes["per_fx_leyla"]["type"] == "person"
    assert g.nodes["org_fx_mm"]["type"] == "institution"


def test_ics_holds_anniversary_planned_visit_and_commitments(fx_store: Store) -> None:
    cal = Calendar.from_ical(_export(fx_store, "events", "ics"))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    ann = events["anniversary-AZ-BH-30@dragoman"]
    assert "30th anniversary" in str(ann["summary"])
    assert ann.decoded("dtstart") == date(2026, 2, 21)
    visit = events["ev_fx_plan@dragoman"]
    assert visit.decoded("dtstart") == date(2026, 3, 1) and visit.decoded("dtend") == date(2026, 4, 1)
    assert "caspian-herald.example" in str(visit["description"])
    # the planned-visit commitment from the same report is not listed twice
    assert sum("visit" in str(e["summary"]).lower() for e in events.values()) == 1


def test_ics_respects_the_period(fx_store: Store) -> None:
    cal = Calendar.from_ical(_export(fx_store, "events", "ics", {"until": "2026-02"}))
    assert [str(e["uid"]) for e in cal.walk("VEVENT")] == ["anniversary-AZ-BH-30@dragoman"]


@pytest.mark.parametrize(("kind", "fmt"), [("people", "plover"), ("documents", "ics"), ("documents", "gexf"),
                                           ("nothing", "jsonl"), ("events", "xlsx")])
def test_unsupported_combinations(sqlite_store: Store, kind: str, fmt: str) -> None:
    with pytest.raises(UnsupportedExport):
        export_records(sqlite_store, kind, fmt, None, io.BytesIO())


def test_empty_store_exports_are_valid(sqlite_store: Store) -> None:
    assert _export(sqlite_store, "events", "jsonl") == b""
    assert pq.read_table(io.BytesIO(_export(sqlite_store, "events", "parquet"))).num_rows == 0
    assert Calendar.from_ical(_export(sqlite_store, "events", "ics")).walk("VEVENT") == []
