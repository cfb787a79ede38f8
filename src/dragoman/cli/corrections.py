"""``dragoman merge`` and ``dragoman split``: analyst corrections of persons and events.

    dragoman merge person per_A per_B             # B is the same person as A
    dragoman split person per_A --document s003   # s003's mention is someone else
    dragoman split person per_A --name "Sabir Hajiyev"
    dragoman merge event ev_A ev_B
    dragoman split event ev_A --source s003       # s003 reports another event

Corrections go to an append-only log and are replayed after every resolution
run, so they survive re-extraction and re-resolution. The library functions
are ``dragoman.resolve.corrections.merge`` / ``split``.
"""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from dragoman.cli.options import DbOption, JsonOption, open_store
from dragoman.errors import DragomanError

KindArg = Annotated[str, typer.Argument(help="What to correct: person or event.", show_default=False)]
AuthorOption = Annotated[Optional[str], typer.Option("--author", help="Who made the correction (kept in the log).")]
NoteOption = Annotated[Optional[str], typer.Option("--note", help="Why (kept in the log).")]


def _report(entry: dict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(entry, ensure_ascii=False))
        return
    p = entry["payload"]
    if entry["action"] == "merge":
        typer.echo(f"Correction {entry['id']}: {entry['kind']} {p['b']} merged into {p['a']}.")
    else:
        part = p.get("document") or p.get("name")
        typer.echo(f"Correction {entry['id']}: {part} split off {entry['kind']} {p['a']}.")


def register(app: typer.Typer) -> None:
    """Add ``merge`` and ``split`` to ``app``."""

    @app.command("merge")
    def merge_cmd(
        kind: KindArg,
        a: Annotated[str, typer.Argument(help="The record to keep (per_… or ev_…).", show_default=False)],
        b: Annotated[str, typer.Argument(help="The record folded into it.", show_default=False)],
        db: DbOption = None,
        author: AuthorOption = None,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Say that two persons (or two events) are one."""
        from dragoman.resolve import corrections

        store = open_store(db)
        try:
            _report(corrections.merge(store, kind, a, b, author=author, note=note), as_json)
        finally:
            store.close()

    @app.command("split")
    def split_cmd(
        kind: KindArg,
        a: Annotated[str, typer.Argument(help="The record to split (per_… or ev_…).", show_default=False)],
        document: Annotated[
            Optional[str], typer.Option("--document", "--source", help="External id of the document to split off.")
        ] = None,
        name: Annotated[Optional[str], typer.Option("--name", help="Persons: split off every mention with this name form.")] = None,
        db: DbOption = None,
        author: AuthorOption = None,
        note: NoteOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Say that one document's mention (or report) is not this person (or event)."""
        from dragoman.resolve import corrections

        if kind == "event" and name:
            raise DragomanError("Events are split by --source DOCID, not by --name.")
        store = open_store(db)
        try:
            _report(corrections.split(store, kind, a, document=document, name=name, author=author, note=note), as_json)
        finally:
            store.close()
