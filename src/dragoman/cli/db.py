"""``dragoman db migrate``: bring a database's schema up to date."""

from __future__ import annotations

import typer

from dragoman.cli.options import DbOption, settings_for
from dragoman.store import Store

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)


@db_app.command()
def migrate(db: DbOption = None) -> None:
    """Apply pending schema migrations (they also run automatically on open)."""
    store = Store.open(settings_for(db).database_url, migrate=False)
    before = store.revision()
    after = store.migrate()
    typer.echo(f"{store.url}: schema at {after}" + (f" (was {before or 'empty'})" if before != after else " (up to date)"))


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
