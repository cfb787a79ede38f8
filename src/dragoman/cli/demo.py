"""``dragoman demo``: the whole job on the bundled example corpus, then the web app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from dragoman.cli.ingest import print_summary
from dragoman.cli.progress import progress_bar
from dragoman.errors import ConfigError
from dragoman.ingest import IngestOptions, ingest_paths
from dragoman.settings import default_data_dir
from dragoman.store import Store


def find_corpus(explicit: str | None) -> Path:
    """The example corpus: --corpus, else examples/corpus here or beside the source tree."""
    candidates = [Path(explicit)] if explicit else [
        Path.cwd() / "examples" / "corpus",
        Path(__file__).resolve().parents[3] / "examples" / "corpus",
    ]
    for path in candidates:
        if path.is_dir():
            return path
    raise ConfigError("The example corpus was not found: run from the repository or pass --corpus DIR.")


def _show_overview(store: Store, console: Console) -> None:
    """What the record now holds: counts, the busiest country pairs, the latest engagements."""
    from rich.table import Table

    from dragoman.store.browse import list_events, overview_counts, top_pairs

    with store.session() as session:
        counts = overview_counts(session)
        pairs = top_pairs(session, limit=5)
        events = list_events(session, limit=8).items
    console.print(", ".join(f"[bold]{n}[/] {k}" for k, n in counts.items()), highlight=False)
    console.print("Most active pairs: " + ", ".join(f"{p['pair']} ({p['events']})" for p in pairs), highlight=False)
    table = Table("date", "type", "who", "where", "reports", title="Latest engagements", header_style="bold")
    for ev in events:
        who = " · ".join(p["name_latin"] or p["name"] for p in ev.get("participants", [])[:3])
        where = ", ".join(x for x in (ev["location_name"], ev["location_country"]) if x)
        table.add_row(ev["date_start"] or "?", ev["type"] + (" (planned)" if ev["status"] == "planned" else ""),
                      who, where, str(ev["reports"]))
    console.print(table)


def demo(
    db: Annotated[Optional[str], typer.Option("--db", help="Where to build the demo database.")] = None,
    corpus: Annotated[Optional[str], typer.Option("--corpus", help="Directory of reports to load.")] = None,
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Start the web app afterwards.")] = True,
    host: Annotated[str, typer.Option(help="Address for the web app.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port for the web app.")] = 8000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Load the example corpus into a local SQLite file, run the pipeline, show the result."""
    console = Console()
    path = Path(db) if db else default_data_dir() / "demo.db"
    store = Store.open(f"sqlite:///{path.expanduser().resolve()}")
    source = find_corpus(corpus)
    console.print(f"Loading [bold]{source}[/] into [bold]{path}[/] …", highlight=False)
    with progress_bar("Ingesting", quiet) as progress:
        summary = ingest_paths(store, [source], IngestOptions(progress=progress))
    print_summary(summary, console)
    _show_overview(store, console)
    if not serve:
        return
    from dragoman.cli.serve import run_server
    from dragoman.settings import Settings

    store.close()
    run_server(Settings.from_env(db=str(path.expanduser().resolve())), host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command()(demo)
