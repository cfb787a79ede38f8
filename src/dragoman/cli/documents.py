"""``dragoman documents``, ``dragoman show`` and ``dragoman stats``."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from dragoman.cli.options import DbOption, JsonOption, open_store
from dragoman.errors import NotFound
from dragoman.store.browse import overview_counts, top_pairs
from dragoman.store.documents import document_stats, get_document, list_documents, revisions
from dragoman.store.schema import Document


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


def document_record(doc: Document) -> dict[str, object]:
    """The JSON Lines record of a document (the export contract's field names)."""
    return {
        "id": doc.external_id,
        "url": doc.url,
        "outlet": doc.outlet,
        "lang": doc.lang,
        "published": doc.published,
        "title": doc.title,
        "text": doc.text,
    }


def documents(
    db: DbOption = None,
    lang: Annotated[Optional[str], typer.Option(help="Only this language (en, ar, ru, …).")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (0 = all).")] = 50,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table or jsonl.")] = ListFormat.table,
) -> None:
    """List stored documents, newest first."""
    store = open_store(db)
    with store.session() as session:
        rows = list_documents(session, lang=lang, outlet=outlet, since=since, until=until, limit=limit or None)
        if fmt is ListFormat.jsonl:
            for doc in rows:
                typer.echo(json.dumps(document_record(doc), ensure_ascii=False))
            return
        table = Table("id", "published", "lang", "outlet", "title", header_style="bold")
        for doc in rows:
            table.add_row(doc.external_id, doc.published or "", doc.lang or "", doc.outlet or "",
                          (doc.title or doc.text[:60]).replace("\n", " "))
        Console().print(table)


def show(
    ref: Annotated[str, typer.Argument(help="Document id (external id or store number).")],
    db: DbOption = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the raw input instead of the cleaned text.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one document: metadata, revisions and cleaned text."""
    store = open_store(db)
    with store.session() as session:
        doc = get_document(session, ref)
        if doc is None:
            raise NotFound(f"No document {ref!r}. `dragoman documents` lists them.")
        revs = revisions(session, doc.id)
        if as_json:
            record = document_record(doc) | {"revision": doc.revision, "place": doc.place,
                                             "content_hash": doc.content_hash, "revisions": len(revs)}
            typer.echo(json.dumps(record, ensure_ascii=False))
            return
        console = Console()
        for label, value in (("id", doc.external_id), ("title", doc.title), ("url", doc.url),
                             ("outlet", doc.outlet), ("language", doc.lang), ("published", doc.published),
                             ("dateline", ", ".join(x for x in (doc.place, doc.place_country) if x) or None),
                             ("revision", f"{doc.revision} of {len(revs)}"), ("hash", doc.content_hash[:16])):
            if value:
                console.print(f"[bold]{label:>10}[/]  {value}", highlight=False)
        console.print()
        typer.echo(doc.raw if raw else doc.text)


def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts of documents, languages, outlets and the relations record."""
    store = open_store(db)
    with store.session() as session:
        data = document_stats(session)
        counts = overview_counts(session)
        data.update({k: v for k, v in counts.items() if k != "documents"})
        data["top_pairs"] = {p["pair"]: p["events"] for p in top_pairs(session, limit=5)}
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    console = Console()
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        elif isinstance(value, list):
            value = " – ".join(str(v) for v in value if v) or "-"
        console.print(f"[bold]{key.replace('_', ' '):>16}[/]  {value}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(documents)
    app.command()(show)
    app.command()(stats)
