"""``dragoman brief``: a source-cited briefing note on a country pair, a person or an institution.

    dragoman brief --pair AZ-BH --since 2025 --format pdf -o az-bh.pdf
    dragoman brief --person "Rauf Mammadli" --lang ar --format docx -o person.docx
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from dragoman.cli.options import DbOption, OutputOption, QuietOption, open_store
from dragoman.errors import DragomanError


def brief_command(
    pair: Annotated[Optional[str], typer.Option("--pair", help="Country pair, e.g. AZ-BH.")] = None,
    person: Annotated[Optional[str], typer.Option("--person", help="Person id (per_…) or name.")] = None,
    institution: Annotated[Optional[str], typer.Option("--institution", help="Institution id (org_…) or name.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Up to this date (YYYY[-MM[-DD]]).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, html, docx or pdf.")] = "md",
    lang: Annotated[str, typer.Option("--lang", help="Language of the brief: en or ar.")] = "en",
    today: Annotated[Optional[str], typer.Option("--today", help="Date that counts as today (YYYY-MM-DD).",
                                                  hidden=True)] = None,
    output: OutputOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write a briefing note; every fact ends with its numbered sources."""
    from dragoman.briefing import FORMATS, BriefSpec, build_brief, render

    subjects = [(k, v) for k, v in (("pair", pair), ("person", person), ("institution", institution)) if v]
    if len(subjects) != 1:
        raise DragomanError("Give exactly one of --pair, --person or --institution.")
    if fmt not in FORMATS:
        raise DragomanError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    binary = fmt in ("docx", "pdf")
    if binary and output in (None, "-") and sys.stdout.isatty():
        raise DragomanError(f"A {fmt} brief is binary: give a file with -o, or redirect standard output.")
    try:
        fixed = date.fromisoformat(today) if today else None
    except ValueError as exc:
        raise DragomanError(f"--today must be YYYY-MM-DD, not {today!r}.") from exc
    kind, subject = subjects[0]
    spec = BriefSpec(kind, subject, since=since, until=until, lang=lang, today=fixed)  # type: ignore[arg-type]
    store = open_store(db)
    try:
        brief = build_brief(store, spec)
    finally:
        store.close()
    data = render(brief, fmt)
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    if output in (None, "-"):
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(payload)
    if not quiet:
        Console(stderr=True).print(f"Wrote {brief.title} ({len(brief.sources)} sources) to {output}.",
                                   highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``brief`` to ``app``."""
    app.command("brief")(brief_command)
