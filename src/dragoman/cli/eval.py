"""``dragoman eval``: score the pipeline on annotated documents."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from dragoman.evaluate import EvalReport, evaluate


def _row(name: str, result: dict) -> list[str]:
    attrs = result.get("attributes", {})
    acc = lambda k: "" if not attrs.get(k) or attrs[k]["accuracy"] is None else f"{attrs[k]['accuracy']:.2f}"  # noqa: E731
    fusion = result.get("fusion", {})
    return [name, str(result["documents"]), f"{result['events']['f1']:.2f}", f"{result['participants']['f1']:.2f}",
            acc("date"), acc("participant_country"), acc("type"),
            f"{result['people']['f1']:.2f}" if "people" in result else "",
            "" if fusion.get("recall") is None else f"{fusion['recall']:.2f}",
            "" if fusion.get("precision") is None else f"{fusion['precision']:.2f}"]


def print_report(report: EvalReport, console: Console) -> None:
    table = Table(header_style="bold")
    for col in ("set", "docs", "event F1", "particip. F1", "date acc", "country acc", "type acc", "people F1",
                "fusion R", "fusion P"):
        table.add_column(col, justify="right" if col != "set" else "left")
    table.add_row(*_row("all", report.overall))
    for lang, result in report.by_language.items():
        table.add_row(*_row(lang, result))
    console.print(table)


def eval_command(
    docs: Annotated[str, typer.Option("--docs", help="Documents: JSON Lines in the input format, or a directory.")],
    gold: Annotated[str, typer.Option("--gold", help="Gold annotations (JSON Lines, one object per document).")],
    details: Annotated[bool, typer.Option("--details", help="List every miss and extra.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the measures as JSON.")] = False,
) -> None:
    """Ingest DOCS into a temporary store, run the pipeline and score it against GOLD, per language."""
    report = evaluate(docs, gold)
    if as_json:
        typer.echo(json.dumps(report.to_dict(with_details=details), ensure_ascii=False))
        return
    console = Console()
    if details:
        for line in report.details:
            console.print(line, highlight=False)
    print_report(report, console)
    for line in report.rejected:
        console.print(f"[red]rejected[/] {line}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
