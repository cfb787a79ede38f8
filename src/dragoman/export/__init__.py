"""Exports: events, people, institutions and documents in open formats.

    from dragoman.export import export_records
    export_records(store, "events", "jsonl", {"pair": "AZ-BH", "since": "2025"}, "events.jsonl")

Formats: ``jsonl`` (the FORMAT.md contract for events and people), ``csv``,
``parquet`` (declared schema), ``plover`` (PLOVER 2.0 JSON Lines, events),
``graphml`` / ``gexf`` (the network behind the events), ``ics`` (what lies
ahead: anniversaries, planned visits, committed consultations).

Every format streams from the store a batch at a time; the network and the
calendar hold one entry per entity or item, never the whole store.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from dragoman.errors import DragomanError
from dragoman.export.records import (
    FilterLike,
    as_filters,
    count,
    document_records,
    event_records,
    institution_records,
    person_records,
)
from dragoman.store import Store
from dragoman.store.reports import InvalidFilter, ReportFilters

__all__ = [
    "export_records",
    "event_records",
    "person_records",
    "institution_records",
    "document_records",
    "ReportFilters",
    "InvalidFilter",
    "UnsupportedExport",
    "KINDS",
    "FORMATS",
]

KINDS = ("events", "people", "institutions", "documents")
FORMATS = ("jsonl", "csv", "parquet", "plover", "graphml", "gexf", "ics")
# formats that only make sense for some kinds
_ONLY_FOR = {"plover": ("events",), "graphml": ("events", "people", "institutions"),
             "gexf": ("events", "people", "institutions"), "ics": ("events",)}
SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet", "plover": ".jsonl",
            "graphml": ".graphml", "gexf": ".gexf", "ics": ".ics"}


class UnsupportedExport(DragomanError):
    """A kind/format combination we do not write."""

    exit_code = 2


class Progress(Protocol):
    """What an export reports to: the CLI passes a rich progress bar."""

    def start(self, total: int | None) -> None: ...

    def advance(self, n: int) -> None: ...


def check(kind: str, fmt: str) -> None:
    """Raise ``UnsupportedExport`` for an unknown kind, format or combination."""
    if kind not in KINDS:
        raise UnsupportedExport(f"Unknown export {kind!r}: choose one of {', '.join(KINDS)}.")
    if fmt not in FORMATS:
        raise UnsupportedExport(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    allowed = _ONLY_FOR.get(fmt)
    if allowed and kind not in allowed:
        raise UnsupportedExport(f"--format {fmt} exports {' or '.join(allowed)}, not {kind}.")


@contextmanager
def _binary_out(out: str | Path | BinaryIO | None) -> Iterator[BinaryIO]:
    if out is None or out == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    elif isinstance(out, (str, Path)):
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            yield fh
    else:
        yield out


def _institution_index(store: Store) -> dict[str, tuple[str, str | None]]:
    """Every institution name -> (id, country), to link participants' organisations."""
    from dragoman.store import reports as q

    index: dict[str, tuple[str, str | None]] = {}
    with store.session() as s:
        for batch in q.iter_institution_batches(s, ReportFilters()):
            for inst in batch:
                for name in q.institution_names(inst):
                    index.setdefault(name, (inst.id, inst.country))
    return index


def export_records(
    store: Store,
    kind: str,
    fmt: str,
    filters: FilterLike = None,
    out: str | Path | BinaryIO | None = None,
    *,
    progress: Progress | None = None,
    today: date | None = None,
) -> int:
    """Write ``kind`` records matching ``filters`` as ``fmt`` to ``out`` (path, binary stream or stdout).

    Returns the number of records (calendar entries for ``ics``) written.
    """
    from dragoman.export import ics, network, plover, tabular

    check(kind, fmt)
    f = as_filters(filters)
    records = {"events": event_records, "people": person_records,
               "institutions": institution_records, "documents": document_records}[kind]
    tick = progress.advance if progress else None
    index = _institution_index(store) if fmt in ("graphml", "gexf") else None
    with store.session() as s, _binary_out(out) as fh:
        if fmt == "ics":
            if progress:
                progress.start(None)
            return ics.write_ics(s, f, fh, today=today)
        source_kind = "events" if fmt in ("plover", "graphml", "gexf") else kind
        if progress:
            progress.start(count(s, source_kind, f))
        rows: Any = (event_records if source_kind == "events" else records)(s, f)
        if fmt == "jsonl":
            return tabular.write_jsonl(rows, fh, tick)
        if fmt == "plover":
            return tabular.write_jsonl(plover.plover_records(rows), fh, tick)
        if fmt == "csv":
            return tabular.write_csv(kind, rows, fh, tick)
        if fmt == "parquet":
            return tabular.write_parquet(kind, rows, fh, tick)
        graph = network.build_network(rows, index, tick)
        network.write_network(graph, fmt, fh)
        return graph.number_of_nodes()
