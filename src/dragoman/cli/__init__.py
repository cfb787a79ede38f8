"""The ``dragoman`` command line: a thin layer over the library.

Each command group lives in its own module with a ``register(app)`` function.
Errors we expect (``DragomanError``) become one clear sentence on stderr and a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from dragoman.errors import DragomanError

COMMAND_MODULES = (
    "ingest",  # ingest, extract, resolve
    "documents",  # documents, show, stats
    "db",  # db migrate
    "demo",
    "export",  # export
    "eval",  # eval
    "brief",  # brief
    "corrections",  # merge, split
    "serve",  # serve
    "acquire",  # fetch, sources, watch
)


def build_app() -> typer.Typer:
    """Assemble the Typer app from the command modules."""
    import importlib

    app = typer.Typer(
        name="dragoman",
        help="Dragoman: a source-cited record of bilateral relations from diplomatic news reports.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"dragoman.cli.{name}")
        module.register(app)
    return app


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    err = Console(stderr=True)
    try:
        app = build_app()
        status = app(args=argv, standalone_mode=False, prog_name="dragoman")
        if isinstance(status, int) and status:
            sys.exit(status)
    except DragomanError as exc:
        err.print(f"[bold red]Error:[/] {exc}", highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: still one sentence, no traceback
        import click

        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            err.print("Aborted.")
            sys.exit(1)
        err.print(f"[bold red]Unexpected error:[/] {type(exc).__name__}: {exc}", highlight=False)
        sys.exit(70)
