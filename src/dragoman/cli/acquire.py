"""``dragoman fetch``, ``dragoman sources add|list|remove`` and ``dragoman watch``."""

from __future__ import annotations

import json
import logging
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dragoman.acquire import AcquireOptions, fetch_urls, install_signal_handlers, watch
from dragoman.acquire.articles import FetchSummary
from dragoman.cli.options import DbOption, JsonOption, QuietOption, open_store, settings_for
from dragoman.store.sources import SourceHealth, add_source, remove_source, sources_health

AllowPrivateOption = Annotated[
    bool,
    typer.Option("--allow-private", help="Allow private, loopback and link-local addresses (intranet sources, tests)."),
]
NoExtractOption = Annotated[bool, typer.Option("--no-extract", help="Store only; run `dragoman extract` later.")]
MaxSizeOption = Annotated[
    Optional[float], typer.Option("--max-size", help="Largest page to download, in MB (default 5).", show_default=False)
]
DelayOption = Annotated[
    Optional[float], typer.Option("--delay", help="Seconds between requests to one host (default 1).", show_default=False)
]
STYLES = {
    "new": "green", "revised": "cyan", "unchanged": "dim", "not_modified": "dim", "known": "dim",
    "refused": "yellow", "failed": "red", "rejected": "red", "source-ok": "green", "source-error": "red",
}


def _reporter(console: Console, quiet: bool):  # type: ignore[no-untyped-def]
    """A rich line per action (None when quiet)."""
    if quiet:
        return None

    def report(action: str, target: str, detail: str) -> None:
        style = STYLES.get(action, "white")
        console.print(f"[{style}]{action:>12}[/] {escape(target)} [dim]{escape(detail)}[/]", highlight=False)

    return report


def _options(db: str | None, allow_private: bool, no_extract: bool, max_size: float | None,
             **extra: object) -> AcquireOptions:
    from dragoman.ingest import IngestOptions

    settings = settings_for(db)
    overrides: dict[str, object] = {k: v for k, v in extra.items() if v is not None}
    if allow_private:
        overrides["allow_private"] = True
    if max_size:
        overrides["max_page_bytes"] = int(max_size * 1024 * 1024)
    ingest = IngestOptions(max_input_bytes=settings.max_input_bytes, extract=not no_extract,
                           batch_size=settings.batch_size)
    return AcquireOptions.from_settings(settings, ingest=ingest, **overrides)


def _print_fetch(summary: FetchSummary, console: Console) -> None:
    table = Table(show_header=True, header_style="bold")
    counts = summary.counts()
    for column in counts:
        table.add_column(column.replace("_", " "), justify="right")
    table.add_row(*(str(v) for v in counts.values()))
    console.print(table)


def fetch(
    urls: Annotated[list[str], typer.Argument(help="Pages to download and ingest.")],
    db: DbOption = None,
    allow_private: AllowPrivateOption = False,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of the pages (else detected).")] = None,
    max_size: MaxSizeOption = None,
    delay: DelayOption = None,
    no_extract: NoExtractOption = False,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Download pages, extract the article and ingest it (revisions and duplicates as for files).

    The exit status is 0 when every URL was fetched or found unchanged, 1 otherwise.
    """
    store = open_store(db)
    console = Console(stderr=as_json)
    options = _options(db, allow_private, no_extract, max_size, lang=lang, per_host_delay=delay)
    summary = fetch_urls(store, urls, options, reporter=_reporter(console, quiet or as_json))
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    elif not quiet:
        _print_fetch(summary, console)
    if not summary.ok:
        raise typer.Exit(1)


sources_app = typer.Typer(help="Followed sources: feeds, sitemaps and listing pages.", no_args_is_help=True)


@sources_app.command("add")
def sources_add(
    name: Annotated[str, typer.Argument(help="A short unique name, e.g. azertac-en.")],
    url: Annotated[str, typer.Argument(help="The feed, sitemap (or sitemap index) or listing page URL.")],
    kind: Annotated[str, typer.Option("--kind", help="feed | sitemap | listing")] = "feed",
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of its articles, e.g. ar.")] = None,
    interval: Annotated[int, typer.Option("--interval", help="Seconds between checks (at least 60).")] = 3600,
    pattern: Annotated[
        Optional[str], typer.Option("--pattern", help="Regular expression the article links of a listing match.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Follow a source; `dragoman watch` checks it every --interval seconds."""
    store = open_store(db)
    with store.session() as s:
        source = add_source(s, name, url, kind, lang=lang, interval_seconds=interval, link_pattern=pattern)
        source_id = source.id
    if as_json:
        typer.echo(json.dumps({"id": source_id, "name": name, "url": url, "kind": kind}, ensure_ascii=False))
    else:
        typer.echo(f"Following {name} ({kind}, every {interval} s): {url}")


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "—"  # type: ignore[attr-defined]


def _health_table(rows: list[SourceHealth]) -> Table:
    table = Table(show_header=True, header_style="bold")
    for column in ("name", "kind", "lang", "status", "last success", "errors", "last error", "next due", "articles"):
        table.add_column(column)
    for h in rows:
        style = {"ok": "green", "failing": "red", "new": "cyan", "disabled": "dim"}[h.status]
        table.add_row(
            escape(h.name), h.kind, h.lang or "", f"[{style}]{h.status}[/]", _when(h.last_success_at),
            str(h.error_count), escape((h.last_error or "")[:60]), _when(h.next_due_at), str(h.articles_found),
        )
    return table


@sources_app.command("list")
def sources_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The followed sources and their health."""
    store = open_store(db)
    with store.session() as s:
        rows = sources_health(s)
    if as_json:
        typer.echo(json.dumps([h.to_dict() for h in rows], ensure_ascii=False))
    elif not rows:
        typer.echo("No sources yet: add one with `dragoman sources add NAME URL --kind feed`.")
    else:
        Console().print(_health_table(rows))


@sources_app.command("remove")
def sources_remove(name: Annotated[str, typer.Argument(help="The source's name.")], db: DbOption = None) -> None:
    """Stop following a source (its documents stay)."""
    store = open_store(db)
    with store.session() as s:
        remove_source(s, name)
    typer.echo(f"Removed {name}.")


def watch_command(
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="One pass over the due sources, then exit (for cron).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Check every source now, due or not.")] = False,
    allow_private: AllowPrivateOption = False,
    max_size: MaxSizeOption = None,
    delay: DelayOption = None,
    no_extract: NoExtractOption = False,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Poll the followed sources on their intervals and ingest new articles. Stop with Ctrl-C."""
    store = open_store(db)
    console = Console(stderr=as_json)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    options = _options(db, allow_private, no_extract, max_size, force=force, per_host_delay=delay)
    import threading

    stop = threading.Event()
    restore = install_signal_handlers(stop)
    try:
        summary = watch(store, options, once=once, reporter=_reporter(console, quiet or as_json), stop=stop)
    finally:
        restore()
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
    elif not quiet:
        counts = summary.articles.counts()
        console.print(
            f"{summary.sources_checked} source(s) checked, {summary.sources_failed} failing; "
            f"{counts['new']} new, {counts['revised']} revised, {counts['refused']} refused, {counts['failed']} failed."
        )


def register(app: typer.Typer) -> None:
    """Add ``fetch``, ``sources`` and ``watch`` to ``app``."""
    app.command("fetch")(fetch)
    app.add_typer(sources_app, name="sources")
    app.command("watch")(watch_command)
