"""Row-by-row writers for JSON Lines, CSV and Parquet.

Each writer consumes an iterator of record dicts (``export.records``) and writes
as it goes: JSON Lines and CSV one row at a time, Parquet one record batch at a
time against a declared schema, so memory does not grow with the export.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

Tick = Callable[[int], None]

# ----------------------------------------------------------------- JSON Lines


def write_jsonl(records: Iterable[dict[str, Any]], out: BinaryIO, tick: Tick | None = None) -> int:
    """One compact JSON object per line, UTF-8, non-ASCII kept as is."""
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        n += 1
        if tick:
            tick(1)
    return n


# ----------------------------------------------------------------- CSV


def _join(values: Iterable[Any], sep: str = ";") -> str:
    return sep.join(str(v) for v in values if v not in (None, ""))


def _paren(*parts: Any) -> str:
    inner = ", ".join(str(p) for p in parts if p)
    return f" ({inner})" if inner else ""


def _event_row(r: dict[str, Any]) -> dict[str, Any]:
    date, loc, plover = r.get("date") or {}, r.get("location") or {}, r.get("plover") or {}
    parts = r.get("participants", [])
    return {
        "id": r["id"], "type": r["type"], "status": r["status"],
        "plover_category": plover.get("category"), "plover_mode": plover.get("mode"),
        "date_start": date.get("start"), "date_end": date.get("end"),
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "countries": _join(r.get("countries", [])),
        "participants": _join((p["name"] + _paren(p.get("title"), p.get("organization"), p.get("country"))
                               for p in parts), " | "),
        "participant_ids": _join(p["entity_id"] for p in parts),
        "documents": _join(s["document"] for s in r.get("sources", [])),
        "urls": _join((s.get("url") for s in r.get("sources", [])), " "),
        "confidence": r.get("confidence"), "topics": _join(r.get("topics", [])),
        "reports": r.get("reports"), "newsrooms": r.get("newsrooms"), "parent": r.get("parent"),
    }


def _person_row(r: dict[str, Any]) -> dict[str, Any]:
    roles = r.get("roles", [])
    latest = roles[-1] if roles else {}
    return {
        "id": r["id"], "name": r["name"], "name_latin": r.get("name_latin"),
        "aliases": _join(r.get("aliases", []), " | "), "country": r.get("country"),
        "title": latest.get("title"), "organization": latest.get("organization"),
        "roles": _join((_join((x.get("title"), x.get("organization")), ", ")
                        + _paren(_join((x.get("first_seen"), x.get("last_seen")), "/")) for x in roles), " | "),
        "documents": _join(r.get("documents", [])),
    }


def _institution_row(r: dict[str, Any]) -> dict[str, Any]:
    names = r.get("names") or {}
    return {
        "id": r["id"], "name": r["name"], "country": r.get("country"), "kind": r.get("kind"),
        "names": _join((f"{lang}: {_join(v, ' / ')}" for lang, v in sorted(names.items())), " | "),
        "people": _join((p["name"] for p in r.get("people", [])), " | "),
        "documents": _join(r.get("documents", [])),
    }


def _document_row(r: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "url", "outlet", "lang", "published", "title", "copy_of", "text")
    return {k: r.get(k) for k in keys}


CSV_ROWS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "events": _event_row, "people": _person_row, "institutions": _institution_row, "documents": _document_row,
}
CSV_COLUMNS = {
    "events": ["id", "type", "status", "plover_category", "plover_mode", "date_start", "date_end",
               "location_name", "location_country", "countries", "participants", "participant_ids",
               "documents", "urls", "confidence", "topics", "reports", "newsrooms", "parent"],
    "people": ["id", "name", "name_latin", "aliases", "country", "title", "organization", "roles", "documents"],
    "institutions": ["id", "name", "country", "kind", "names", "people", "documents"],
    "documents": ["id", "url", "outlet", "lang", "published", "title", "copy_of", "text"],
}


def write_csv(kind: str, records: Iterable[dict[str, Any]], out: BinaryIO, tick: Tick | None = None) -> int:
    """A header and one flattened row per record (lists joined with ``;`` or `` | ``)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS[kind])
        writer.writeheader()
        n = 0
        flatten = CSV_ROWS[kind]
        for rec in records:
            writer.writerow(flatten(rec))
            n += 1
            if tick:
                tick(1)
        text.flush()
        return n
    finally:
        text.detach()  # leave ``out`` open for the caller


# ----------------------------------------------------------------- Parquet

_S = pa.string()
_EVIDENCE = pa.list_(pa.struct([("text", _S), ("start", pa.int64()), ("end", pa.int64())]))
_PARTICIPANT = pa.struct([("entity_id", _S), ("name", _S), ("name_latin", _S), ("title", _S),
                          ("organization", _S), ("country", _S), ("documents", pa.list_(_S)), ("role", _S)])
_SOURCE = pa.struct([("document", _S), ("url", _S), ("evidence", _EVIDENCE), ("outlet", _S), ("lang", _S),
                     ("published", _S), ("is_copy", pa.bool_())])
_ROLE = pa.struct([("title", _S), ("organization", _S), ("country", _S), ("first_seen", _S),
                   ("last_seen", _S), ("institution", _S)])
_MEMBER = pa.struct([("entity_id", _S), ("name", _S), ("name_latin", _S), ("title", _S),
                     ("first_seen", _S), ("last_seen", _S)])

SCHEMAS: dict[str, pa.Schema] = {
    "events": pa.schema([
        ("id", _S), ("type", _S), ("status", _S),
        ("plover", pa.struct([("category", _S), ("mode", _S)])),
        ("date", pa.struct([("start", _S), ("end", _S)])),
        ("location", pa.struct([("name", _S), ("country", _S)])),
        ("participants", pa.list_(_PARTICIPANT)), ("countries", pa.list_(_S)), ("sources", pa.list_(_SOURCE)),
        ("confidence", pa.float64()), ("title", _S), ("level", pa.int32()), ("granularity", _S),
        ("topics", pa.list_(_S)), ("parent", _S), ("reports", pa.int32()), ("newsrooms", pa.int32()),
        ("disagreements", _S),  # free-form: JSON text
    ]),
    "people": pa.schema([("id", _S), ("name", _S), ("name_latin", _S), ("aliases", pa.list_(_S)),
                         ("country", _S), ("roles", pa.list_(_ROLE)), ("documents", pa.list_(_S))]),
    "institutions": pa.schema([("id", _S), ("name", _S), ("country", _S), ("kind", _S),
                               ("names", pa.map_(_S, pa.list_(_S))), ("people", pa.list_(_MEMBER)),
                               ("documents", pa.list_(_S))]),
    "documents": pa.schema([("id", _S), ("url", _S), ("outlet", _S), ("lang", _S), ("published", _S),
                            ("title", _S), ("text", _S), ("place", _S), ("place_country", _S),
                            ("revision", pa.int32()), ("copy_of", _S)]),
}


def _for_parquet(kind: str, rec: dict[str, Any]) -> dict[str, Any]:
    """Adapt a record to its Parquet schema (free-form fields as JSON text)."""
    if kind == "events":
        rec = dict(rec)
        plover = rec.get("plover") or None
        rec["plover"] = {"category": plover.get("category"), "mode": plover.get("mode")} if plover else None
        rec["disagreements"] = json.dumps(rec.get("disagreements") or [], ensure_ascii=False)
    elif kind == "institutions":
        rec = dict(rec)
        rec["names"] = list((rec.get("names") or {}).items())
    return rec


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(kind: str, records: Iterable[dict[str, Any]], out: BinaryIO, tick: Tick | None = None,
                  batch_size: int = 1000) -> int:
    """Parquet with the declared schema of ``kind``, written a record batch at a time."""
    schema = SCHEMAS[kind]
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in _batches(records, batch_size):
            rows = [_for_parquet(kind, r) for r in batch]
            writer.write_batch(pa.RecordBatch.from_pylist(rows, schema=schema))
            n += len(rows)
            if tick:
                tick(len(rows))
    return n
