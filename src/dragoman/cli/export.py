"""``dragoman export``: events, people, institutions or documents in an open format.

    dragoman export events --format jsonl --pair AZ-BH --since 2025 -o events.jsonl
    dragoman export people --format parquet -o people.parquet
    dragoman export events --format ics -o ahead.ics

A progress bar shows on stderr when it is a terminal (not with --quiet).
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer
from rich.console import Console

from dragoman.cli.options import DbOption, OutputOption, QuietOption, open_store
from dragoman.cli.progress import ProgressCallback, progress_bar
from dragoman.errors import DragomanError


class _Bar:
    """Adapts the shared ``(done, total)`` progress callback to ``dragoman.export.Progress``."""

    def __init__(self, update: ProgressCallback) -> None:
        self.update = update
        self.done = 0
        self.total: int | None = None

    def start(self, total: int | None) -> None:
        self.total = total
        self.update(0, total)

    def advance(self, n: int) -> None:
        self.done += n
        if self.done % 100 == 0 or self.done == self.total:  # redraws are not free
            self.update(self.done, self.total)


def export_command(
    kind: Annotated[str, typer.Argument(help="events, people, institutions or documents.")],
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="jsonl, csv, parquet, plover, graphml, gexf or ics.")] = "jsonl",
    output: OutputOption = None,
    pair: Annotated[Optional[str], typer.Option("--pair", help="Country pair, e.g. AZ-BH.")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="One country (ISO alpha-2).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this date (YYYY[-MM[-DD]]).")] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="Event type: meeting, visit, phone_call…")] = None,
    status: Annotated[Optional[str], typer.Option("--status", help="occurred or planned.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Documents in this language.")] = None,
    outlet: Annotated[Optional[str], typer.Option("--outlet", help="Documents of this outlet.")] = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Export records (filters like the API); writes to standard output without -o."""
    from dragoman.export import check, export_records

    check(kind, fmt)
    if output in (None, "-") and fmt == "parquet" and sys.stdout.isatty():
        raise DragomanError("Parquet is binary: give a file with -o, or redirect standard output.")
    filters = {"pair": pair, "country": country, "since": since, "until": until, "type": type_,
               "status": status, "lang": lang, "outlet": outlet}
    err = Console(stderr=True)
    store = open_store(db)
    try:
        with progress_bar(f"Exporting {kind}", quiet) as update:
            n = export_records(store, kind, fmt, filters, output, progress=_Bar(update) if update else None)
    finally:
        store.close()
    if not quiet and output not in (None, "-"):
        what = {"ics": "calendar entries", "graphml": "nodes", "gexf": "nodes"}.get(fmt, kind)
        err.print(f"Wrote {n} {what} to {output}.", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``export`` to ``app``."""
    app.command("export")(export_command)
