"""Live acquisition: fetch pages and follow feeds, sitemaps and listing pages, safely and politely.

    from dragoman.acquire import AcquireOptions, fetch_urls, watch
    summary = fetch_urls(store, ["https://example.org/news/1"], AcquireOptions())
    summary = watch(store, AcquireOptions(allow_private=False), once=True)

Modules: ``safety`` (address checks, pinned transport), ``http`` (the polite
client: User-Agent, timeouts, size limit, redirects, conditional GET, robots.txt,
per-host throttle), ``feeds``, ``sitemaps``, ``listings`` (what a source
announces), ``articles`` (fetch + ingest + remember), ``watch`` (scheduler and
back-off). The SQL is in ``dragoman.store.sources``.
"""

from __future__ import annotations

from dragoman.acquire.articles import ArticleOutcome, FetchSummary, fetch_urls
from dragoman.acquire.http import FetchFailed, PoliteClient
from dragoman.acquire.options import AcquireOptions
from dragoman.acquire.watch import WatchSummary, install_signal_handlers, watch

__all__ = [
    "AcquireOptions",
    "ArticleOutcome",
    "FetchFailed",
    "FetchSummary",
    "PoliteClient",
    "WatchSummary",
    "fetch_urls",
    "install_signal_handlers",
    "watch",
]
