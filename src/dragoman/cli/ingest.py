"""``dragoman ingest``, ``dragoman extract`` and ``dragoman resolve``."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from dragoman.cli.options import DbOption, JsonOption, QuietOption, open_store, settings_for
from dragoman.cli.progress import progress_bar
from dragoman.ingest import IngestOptions, IngestSummary, ingest_paths
from dragoman.pipeline import run_extract, run_resolve


def print_summary(summary: IngestSummary, console: Console) -> None:
    """The end-of-run table, then one line per rejected input."""
    table = Table(show_header=True, header_style="bold")
    for column in ("ingested", "revised", "unchanged", "rejected", "extracted"):
        table.add_column(column, justify="right")
    table.add_row(*(str(v) for v in (summary.ingested, summary.revised, summary.unchanged,
                                     len(summary.rejected), summary.extracted)))
    console.print(table)
    resolved = {k: v for k, v in summary.resolved.items() if isinstance(v, int)}
    if resolved:
        console.print("resolved: " + ", ".join(f"{k} {v}" for k, v in resolved.items()))
    for rejection in summary.rejected:
        console.print(f"[red]rejected[/] {rejection.origin}: {rejection.reason}", highlight=False)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for standard input.")],
    db: DbOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Store only; run `dragoman extract` later.")] = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of inputs that do not say (else detected).")] = None,
    max_size: Annotated[Optional[int], typer.Option("--max-size", help="Largest input file in MB (default 20).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Documents per commit.")] = 200,
) -> None:
    """Ingest reports: .txt, .md, .html, .json and .jsonl files, directories, or - for stdin.

    The exit status is 0 when every input was stored, 1 when any was rejected.
    """
    settings = settings_for(db)
    limit = max_size * 1024 * 1024 if max_size else settings.max_input_bytes
    store = open_store(db)
    with progress_bar("Ingesting", quiet or as_json) as progress:
        options = IngestOptions(max_input_bytes=limit, extract=not no_extract, batch_size=batch_size,
                                lang=lang, progress=progress)
        summary = ingest_paths(store, paths, options)
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    elif not quiet:
        print_summary(summary, Console())
    else:
        for rejection in summary.rejected:
            typer.echo(f"rejected {rejection.origin}: {rejection.reason}", err=True)
    if summary.rejected:
        raise typer.Exit(1)


def extract(
    db: DbOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
    all_: Annotated[bool, typer.Option("--all", help="Re-extract every document, changed or not.")] = False,
) -> None:
    """Run the extractor over new or changed documents (all of them after an extractor upgrade)."""
    store = open_store(db)
    with progress_bar("Extracting", quiet or as_json) as progress:
        summary = run_extract(store, force=all_, progress=progress)
        resolved = run_resolve(store)
    result = {**summary.to_dict(), "resolved": resolved.to_dict()}
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    elif not quiet:
        typer.echo(f"extracted {summary.extracted} document(s) with extractor {summary.version}")
        for ext_id, reason in summary.failed:
            typer.echo(f"failed {ext_id}: {reason}", err=True)
    if summary.failed:
        raise typer.Exit(1)


def resolve(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Resolve persons, institutions and events across documents (incremental)."""
    store = open_store(db)
    result = run_resolve(store).to_dict()
    typer.echo(json.dumps(result, ensure_ascii=False) if as_json else
               ", ".join(f"{k}: {v}" for k, v in result.items()))


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(extract)
    app.command()(resolve)
