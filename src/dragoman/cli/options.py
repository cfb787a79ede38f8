"""Options shared by every command, declared once (datasette/sqlite-utils style)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from dragoman.settings import Settings
from dragoman.store import Store

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        help="Database file or URL (sqlite:///…, postgresql+psycopg://…). "
        "Default: $DRAGOMAN_DATABASE_URL, else dragoman.db in the user data directory.",
        show_default=False,
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a machine-readable JSON summary.")]
OutputOption = Annotated[
    Optional[str], typer.Option("--output", "-o", help="Write to this file instead of standard output.")
]


def settings_for(db: str | None) -> Settings:
    return Settings.from_env(db=db)


def open_store(db: str | None) -> Store:
    """Open (and migrate) the store named by --db or the settings."""
    return Store.open(settings_for(db).database_url)
