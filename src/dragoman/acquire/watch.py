"""The watcher: poll followed sources on their schedule and ingest what is new.

One pass takes the sources that are due, checks them concurrently (a
conditional GET of the feed, sitemap or listing; the children of a sitemap
index; then the article pages that are new, failed before, or updated since we
fetched them), and, back in the calling thread, ingests the pages and records
everything in the store. A source whose check fails is retried after an
exponential back-off (``backoff_base * 2**(errors-1)``, at most
``backoff_max``, and never sooner than a Retry-After); a success resets it and
schedules the next check ``interval_seconds`` later.

``watch(store, options, once=True)`` does one pass (for cron and tests);
without ``once`` it loops until the ``stop`` event is set, e.g. by
``install_signal_handlers`` on SIGINT/SIGTERM. A stopped pass ingests what it
already fetched and leaves unfinished sources due, so a restart resumes cleanly.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dragoman.acquire.articles import (
    REFUSED_PREFIX,
    ArticleOutcome,
    FetchedPage,
    FetchSummary,
    Reporter,
    body_hash,
    fetch_pages,
    ingest_pages,
    needs_fetch,
    report_outcomes,
)
from dragoman.acquire.feeds import parse_feed
from dragoman.acquire.http import FetchFailed, FetchResult, PoliteClient, Stopped, Validators
from dragoman.acquire.listings import parse_listing
from dragoman.acquire.options import AcquireOptions
from dragoman.acquire.sitemaps import parse_sitemap
from dragoman.acquire.urls import Candidate, canonical_url
from dragoman.errors import FetchRefused
from dragoman.store import Store
from dragoman.store.schema import FetchedUrl, Source
from dragoman.store.sources import (
    add_articles_found,
    aware,
    due_sources,
    failed_fetches,
    fetched_by_url,
    next_due_time,
    record_fetched,
    record_source_error,
    record_source_success,
)

log = logging.getLogger("dragoman.acquire")
MAX_SITEMAP_DEPTH = 2


@dataclass(frozen=True)
class SourceSnapshot:
    """The fields of a source a worker thread needs (ORM rows stay in their thread)."""

    id: int
    name: str
    url: str
    kind: str
    lang: str | None
    link_pattern: str | None
    etag: str | None
    last_modified: str | None
    error_count: int

    @classmethod
    def of(cls, s: Source) -> "SourceSnapshot":
        return cls(s.id, s.name, s.url, s.kind, s.lang, s.link_pattern, s.etag, s.last_modified, s.error_count)


@dataclass
class Harvest:
    """What checking one source produced, for the calling thread to store."""

    source: SourceSnapshot
    pages: list[FetchedPage] = field(default_factory=list)
    root: FetchResult | None = None
    sitemaps: list[tuple[str, FetchResult | None, str | None]] = field(default_factory=list)
    found: int = 0
    error: str | None = None
    retry_after: float | None = None
    stopped: bool = False


@dataclass
class WatchSummary:
    """What ``watch`` did over all its passes."""

    passes: int = 0
    sources_checked: int = 0
    sources_failed: int = 0
    sources_not_modified: int = 0
    articles: FetchSummary = field(default_factory=FetchSummary)
    errors: list[dict[str, str]] = field(default_factory=list)
    stopped: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "passes": self.passes, "sources_checked": self.sources_checked, "sources_failed": self.sources_failed,
            "sources_not_modified": self.sources_not_modified, "stopped": self.stopped, "errors": self.errors,
            "articles": self.articles.counts(), "document_ids": self.articles.document_ids,
        }


class Claims:
    """URLs taken by one source in this pass, so two sources listing an article fetch it once."""

    def __init__(self) -> None:
        self._urls: set[str] = set()
        self._lock = threading.Lock()

    def take(self, url: str) -> bool:
        with self._lock:
            if url in self._urls:
                return False
            self._urls.add(url)
            return True


def backoff_delay(error_count: int, options: AcquireOptions, retry_after: float | None = None) -> float:
    """Seconds to wait after the ``error_count``-th consecutive error: base * 2**(n-1), capped."""
    delay = min(options.backoff_max, options.backoff_base * 2 ** max(0, error_count - 1))
    if retry_after:
        delay = max(delay, min(retry_after, options.backoff_max))
    return delay


# ------------------------------------------------------------------ discovery (worker threads)


def _known(store: Store, urls: list[str]) -> dict[str, FetchedUrl]:
    with store.session() as s:
        return fetched_by_url(s, urls)


def _sitemap_children(client: PoliteClient, store: Store, harvest: Harvest, children: list[Candidate],
                      depth: int, visited: set[str]) -> list[Candidate]:
    """Fetch the child sitemaps of an index that changed since we last read them."""
    options = client.options
    fresh = [c for c in children if canonical_url(c.url) not in visited][: options.max_child_sitemaps]
    known = _known(store, [canonical_url(c.url) for c in fresh])
    articles: list[Candidate] = []
    for child in fresh:
        key = canonical_url(child.url)
        visited.add(key)
        row = known.get(key)
        if row is not None and not row.error and child.updated and child.updated <= aware(row.fetched_at):  # type: ignore[operator]
            continue  # the index says it has not changed since we read it
        validators = Validators(row.etag, row.last_modified) if row is not None and not row.error else None
        try:
            result = client.fetch(child.url, "sitemap", validators)
        except (FetchFailed, FetchRefused) as exc:
            harvest.sitemaps.append((key, None, str(exc)))
            log.warning("child sitemap %s: %s", child.url, exc)
            continue
        harvest.sitemaps.append((key, result, None))
        if result.not_modified:
            continue
        page = parse_sitemap(result.body, result.final_url, result.content_type, options.max_feed_bytes)
        articles.extend(page.articles)
        if page.children and depth < MAX_SITEMAP_DEPTH:
            articles.extend(_sitemap_children(client, store, harvest, page.children, depth + 1, visited))
    return articles


def discover(client: PoliteClient, store: Store, harvest: Harvest) -> list[Candidate]:
    """Fetch the source itself (conditionally) and list the article candidates it announces."""
    source = harvest.source
    kind = {"feed": "feed", "sitemap": "sitemap", "listing": "listing"}[source.kind]
    result = client.fetch(source.url, kind, Validators(source.etag, source.last_modified))  # type: ignore[arg-type]
    harvest.root = result
    if result.not_modified:
        return []
    if source.kind == "feed":
        return parse_feed(result.body, result.final_url, result.content_type or "application/xml")
    if source.kind == "listing":
        return parse_listing(result.text(), result.final_url, source.link_pattern)
    page = parse_sitemap(result.body, result.final_url, result.content_type, client.options.max_feed_bytes)
    return page.articles + _sitemap_children(client, store, harvest, page.children, 1, {canonical_url(source.url)})


def _retries(store: Store, source_id: int, found: list[Candidate], limit: int) -> list[Candidate]:
    """Earlier failures of this source (5xx, timeouts) not listed again: worth another try."""
    listed = {canonical_url(c.url) for c in found}
    with store.session() as s:
        rows = failed_fetches(s, source_id, limit)
        return [Candidate(url=r.url) for r in rows
                if r.url not in listed and not (r.error or "").startswith(REFUSED_PREFIX)]


def harvest_source(client: PoliteClient, store: Store, source: SourceSnapshot,
                   pool: ThreadPoolExecutor | None, claims: Claims | None = None) -> Harvest:
    """Check one source and fetch its new articles; errors end up in the harvest, never raised."""
    harvest = Harvest(source=source)
    try:
        candidates = discover(client, store, harvest)
        harvest.found = len(candidates)
        candidates += _retries(store, source.id, candidates, client.options.max_articles_per_source)
        known = _known(store, [canonical_url(c.url) for c in candidates])
        jobs = [(c, known.get(canonical_url(c.url))) for c in candidates]
        jobs = [(c, k) for c, k in jobs if needs_fetch(c, k)][: client.options.max_articles_per_source]
        if claims is not None:
            jobs = [(c, k) for c, k in jobs if claims.take(canonical_url(c.url))]
        harvest.pages = fetch_pages(client, jobs, source.id, pool, client.stop)
    except Stopped:
        harvest.stopped = True
    except (FetchFailed, FetchRefused) as exc:
        harvest.error = str(exc)
        harvest.retry_after = getattr(exc, "retry_after", None)
    except Exception as exc:  # a source must never take the watcher down
        log.exception("unexpected error while checking %s", source.name)
        harvest.error = f"unexpected {type(exc).__name__}: {exc}"
    return harvest


# ------------------------------------------------------------------ storing (calling thread)


def _store_sitemaps(store: Store, harvest: Harvest, now: datetime) -> None:
    with store.session() as s:
        for key, result, _error in harvest.sitemaps:
            if result is None:  # a failed child sitemap is simply read again next time
                continue
            record_fetched(
                s, key, now=now, source_id=harvest.source.id, status=result.status, etag=result.etag,
                last_modified=result.last_modified,
                content_hash=body_hash(result.body) if not result.not_modified else None,
            )


def apply_harvest(store: Store, harvest: Harvest, options: AcquireOptions, summary: WatchSummary,
                  reporter: Reporter | None) -> list[ArticleOutcome]:
    """Ingest a harvest's pages and record the source's health and schedule."""
    source, now = harvest.source, options.clock()
    outcomes = ingest_pages(store, harvest.pages, options, source.lang, now) if harvest.pages else []
    report_outcomes(outcomes, reporter)
    summary.articles.outcomes.extend(outcomes)
    _store_sitemaps(store, harvest, now)
    new = sum(1 for o in outcomes if o.action == "new")
    with store.session() as s:
        if harvest.stopped:
            add_articles_found(s, source.id, new)
            return outcomes
        summary.sources_checked += 1
        if harvest.error is not None:
            delay = backoff_delay(source.error_count + 1, options, harvest.retry_after)
            record_source_error(s, source.id, now=now, error=harvest.error, delay_seconds=delay)
            summary.sources_failed += 1
            summary.errors.append({"source": source.name, "error": harvest.error})
            _say(reporter, logging.WARNING, "source-error", source.name, f"{harvest.error}; retry in {delay:g} s")
            return outcomes
        root = harvest.root
        not_modified = root is not None and root.not_modified
        summary.sources_not_modified += int(not_modified)
        record_source_success(s, source.id, now=now, etag=root.etag if root else None,
                              last_modified=root.last_modified if root else None, new_articles=new,
                              not_modified=not_modified)
    detail = "not modified" if not_modified else f"{harvest.found} links, {len(harvest.pages)} fetched, {new} new"
    _say(reporter, logging.INFO, "source-ok", source.name, detail)
    return outcomes


def _say(reporter: Reporter | None, level: int, action: str, target: str, detail: str) -> None:
    log.log(level, "%s %s: %s", action, target, detail)
    if reporter:
        reporter(action, target, detail)


def run_pass(store: Store, client: PoliteClient, pools: tuple[ThreadPoolExecutor, ThreadPoolExecutor],
             summary: WatchSummary, reporter: Reporter | None, force: bool) -> int:
    """Check every due source once; returns how many were due."""
    options = client.options
    with store.session() as s:
        due = [SourceSnapshot.of(src) for src in due_sources(s, options.clock(), force=force)]
    source_pool, article_pool = pools
    claims = Claims()
    futures = [source_pool.submit(harvest_source, client, store, src, article_pool, claims) for src in due]
    for future in as_completed(futures):
        harvest = future.result()
        apply_harvest(store, harvest, options, summary, reporter)
        summary.stopped = summary.stopped or harvest.stopped
    return len(due)


def _seconds_until_due(store: Store, options: AcquireOptions) -> float:
    with store.session() as s:
        when = next_due_time(s)
    if when is None:
        return options.poll_sleep_max
    return min(options.poll_sleep_max, max(1.0, (when - options.clock()).total_seconds()))


def watch(store: Store, options: AcquireOptions | None = None, *, once: bool = False,
          reporter: Reporter | None = None, stop: threading.Event | None = None) -> WatchSummary:
    """Poll the followed sources (one pass with ``once``) until ``stop`` is set. See the module docstring."""
    options = options or AcquireOptions()
    stop = stop or threading.Event()
    summary = WatchSummary()
    workers = max(1, options.concurrency)
    with PoliteClient(options, stop) as client, ThreadPoolExecutor(workers) as sources, \
            ThreadPoolExecutor(workers) as articles:
        force = options.force
        while not stop.is_set():
            run_pass(store, client, (sources, articles), summary, reporter, force)
            summary.passes += 1
            force = False
            if once or stop.is_set():
                break
            stop.wait(_seconds_until_due(store, options))
    summary.stopped = summary.stopped or stop.is_set()
    return summary


def install_signal_handlers(stop: threading.Event) -> Callable[[], None]:
    """Set ``stop`` on SIGINT/SIGTERM (main thread only); returns a function restoring the old handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {}

    def handler(signum: int, _frame: object) -> None:
        log.info("received signal %s; finishing the current requests and stopping", signum)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore
