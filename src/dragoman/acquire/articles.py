"""Articles: fetch a page, hand it to the ingest, remember what we fetched.

A fetched page becomes an ``InputDocument`` (``raw`` = the HTML, ``raw_format``
= "html", ``external_id`` = the canonical URL after redirects, ``lang`` = the
source's language hint); the ingest extracts the article with trafilatura,
de-duplicates and keeps revisions. Every URL tried is recorded in
``fetched_urls`` with its validators, status and content hash, so a later run
sends a conditional GET or does not fetch it at all.

``fetch_urls`` is the library side of ``dragoman fetch``.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from dragoman.acquire.http import FetchFailed, FetchResult, PoliteClient, Stopped, Validators
from dragoman.acquire.options import AcquireOptions
from dragoman.acquire.urls import Candidate, canonical_url
from dragoman.errors import FetchRefused
from dragoman.models import InputDocument
from dragoman.store import Store
from dragoman.store.documents import get_documents_by_external_ids
from dragoman.store.schema import FetchedUrl
from dragoman.store.sources import aware, fetched_by_url, record_fetched

log = logging.getLogger("dragoman.acquire")
REFUSED_PREFIX = "refused: "
Reporter = Callable[[str, str, str], None]


@dataclass
class ArticleOutcome:
    """What happened to one URL: new | revised | unchanged | not_modified | known | refused | failed | rejected."""

    url: str
    action: str
    detail: str = ""
    document_id: int | None = None
    status: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "action": self.action, "detail": self.detail,
                "document_id": self.document_id, "status": self.status}


@dataclass
class FetchSummary:
    """The outcome of ``fetch_urls`` (or of one watch pass's articles)."""

    outcomes: list[ArticleOutcome] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def document_ids(self) -> list[int]:
        return [o.document_id for o in self.outcomes if o.action in ("new", "revised") and o.document_id is not None]

    @property
    def ok(self) -> bool:
        return not any(o.action in ("refused", "failed", "rejected") for o in self.outcomes)

    def counts(self) -> dict[str, int]:
        actions = ("new", "revised", "unchanged", "not_modified", "known", "refused", "failed", "rejected")
        return {a: self.count(a) for a in actions}

    def to_dict(self) -> dict[str, Any]:
        return {**self.counts(), "ok": self.ok, "document_ids": self.document_ids,
                "urls": [o.to_dict() for o in self.outcomes]}


@dataclass
class FetchedPage:
    """A page fetched for a candidate (``result``), or why not (``error``/``refused``)."""

    canonical: str
    candidate: Candidate
    source_id: int | None = None
    result: FetchResult | None = None
    error: str | None = None
    refused: bool = False
    status: int | None = None


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def needs_fetch(candidate: Candidate, known: FetchedUrl | None) -> bool:
    """Whether a watched candidate must be fetched: new, failed before, or updated since our fetch.

    A URL refused for a lasting reason (too large, wrong type, robots) is not
    retried unless the source says it changed.
    """
    if known is None:
        return True
    updated_since = candidate.updated is not None and candidate.updated > aware(known.fetched_at)  # type: ignore[operator]
    if known.error and not known.error.startswith(REFUSED_PREFIX):
        return True
    return updated_since


def fetch_page(client: PoliteClient, candidate: Candidate, known: FetchedUrl | None,
               source_id: int | None = None) -> FetchedPage:
    """Fetch one article page (conditionally if we know it); never raises except ``Stopped``."""
    canonical = canonical_url(candidate.url)
    page = FetchedPage(canonical=canonical, candidate=candidate, source_id=source_id)
    validators = None
    if known is not None and not known.error and known.document_id is not None:
        validators = Validators(known.etag, known.last_modified)
    try:
        page.result = client.fetch(candidate.url, "page", validators)
        page.status = page.result.status
    except FetchRefused as exc:
        page.error, page.refused = str(exc), True
    except FetchFailed as exc:
        page.error, page.status = str(exc), exc.status
    return page


def fetch_pages(client: PoliteClient, jobs: Sequence[tuple[Candidate, FetchedUrl | None]], source_id: int | None,
                pool: ThreadPoolExecutor | None, stop: threading.Event) -> list[FetchedPage]:
    """Fetch many pages, concurrently when a pool is given (the client throttles per host)."""
    if pool is None or len(jobs) < 2:
        pages = []
        for candidate, known in jobs:
            if stop.is_set():
                raise Stopped()
            pages.append(fetch_page(client, candidate, known, source_id))
        return pages
    futures = [pool.submit(fetch_page, client, candidate, known, source_id) for candidate, known in jobs]
    return [f.result() for f in futures]


def _to_input(page: FetchedPage, lang: str | None) -> InputDocument:
    assert page.result is not None
    final = canonical_url(page.result.final_url if page.result.redirects else page.canonical)
    return InputDocument(
        raw=page.result.text(), raw_format="html", url=final, external_id=final,
        lang=lang, origin=page.candidate.url,
    )


def ingest_pages(store: Store, pages: Sequence[FetchedPage], options: AcquireOptions,
                 lang: str | None, now: datetime) -> list[ArticleOutcome]:
    """Ingest the fetched pages in one batch and record every URL in ``fetched_urls``."""
    from dragoman.ingest import ingest_documents

    outcomes: dict[int, ArticleOutcome] = {}
    known = _known(store, [p.canonical for p in pages])
    docs: list[tuple[int, InputDocument]] = []
    for index, page in enumerate(pages):
        outcome = _pre_ingest_outcome(page, known.get(page.canonical))
        if outcome is not None:
            outcomes[index] = outcome
        else:
            docs.append((index, _to_input(page, lang or page.candidate.lang or options.lang)))
    if docs:
        ids = [d.external_id for _, d in docs if d.external_id]
        before = _revisions(store, ids)
        summary = ingest_documents(store, [d for _, d in docs], options.ingest_options())
        after = _revisions(store, ids)
        rejected = {r.origin: r.reason for r in summary.rejected}
        for index, doc in docs:
            outcomes[index] = _post_ingest_outcome(pages[index], doc, before, after, rejected)
    _record(store, pages, outcomes, now)
    return [outcomes[i] for i in range(len(pages))]


def _known(store: Store, canonicals: Sequence[str]) -> dict[str, tuple[str | None, int | None]]:
    with store.session() as s:
        return {u: (row.content_hash, row.document_id) for u, row in fetched_by_url(s, canonicals).items()}


def _revisions(store: Store, external_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    with store.session() as s:
        return {k: (d.id, d.revision) for k, d in get_documents_by_external_ids(s, external_ids).items()}


def _pre_ingest_outcome(page: FetchedPage, known: tuple[str | None, int | None] | None) -> ArticleOutcome | None:
    """The outcome of a page that needs no ingest (refused, failed, 304, identical bytes), else None."""
    if page.result is None:
        return ArticleOutcome(page.canonical, "refused" if page.refused else "failed", page.error or "", None, page.status)
    if page.result.not_modified:
        return ArticleOutcome(page.canonical, "not_modified", "HTTP 304", known[1] if known else None, 304)
    if known and known[0] == body_hash(page.result.body) and known[1] is not None:
        return ArticleOutcome(page.canonical, "unchanged", "same bytes as before", known[1], page.result.status)
    return None


def _post_ingest_outcome(page: FetchedPage, doc: InputDocument, before: dict[str, tuple[int, int]],
                         after: dict[str, tuple[int, int]], rejected: dict[str, str]) -> ArticleOutcome:
    status = page.result.status if page.result else None
    if doc.origin in rejected:
        return ArticleOutcome(page.canonical, "rejected", rejected[doc.origin], None, status)
    now_doc = after.get(doc.external_id or "")
    if now_doc is None:
        return ArticleOutcome(page.canonical, "rejected", "the ingest did not store it", None, status)
    then = before.get(doc.external_id or "")
    action = "new" if then is None else "revised" if now_doc[1] > then[1] else "unchanged"
    detail = f"document {now_doc[0]}"
    if doc.external_id != page.canonical:
        detail += f" ({doc.external_id})"
    return ArticleOutcome(page.canonical, action, detail, now_doc[0], status)


def _record(store: Store, pages: Sequence[FetchedPage], outcomes: dict[int, ArticleOutcome], now: datetime) -> None:
    with store.session() as s:
        for index, page in enumerate(pages):
            outcome, result = outcomes[index], page.result
            error = None
            if outcome.action == "refused":
                error = REFUSED_PREFIX + outcome.detail
            elif outcome.action in ("failed", "rejected"):
                error = outcome.detail or outcome.action
            record_fetched(
                s, page.canonical, now=now, source_id=page.source_id, status=outcome.status, error=error,
                etag=result.etag if result else None, last_modified=result.last_modified if result else None,
                content_hash=body_hash(result.body) if result and not result.not_modified else None,
                document_id=outcome.document_id,
            )


def report_outcomes(outcomes: Iterable[ArticleOutcome], reporter: Reporter | None) -> None:
    """Log each outcome (and pass it to the reporter, e.g. a rich line on the console)."""
    for o in outcomes:
        level = logging.WARNING if o.action in ("refused", "failed", "rejected") else logging.INFO
        log.log(level, "%s %s %s", o.action, o.url, o.detail)
        if reporter:
            reporter(o.action, o.url, o.detail)


def fetch_urls(store: Store, urls: Iterable[str], options: AcquireOptions | None = None,
               reporter: Reporter | None = None, stop: threading.Event | None = None) -> FetchSummary:
    """Fetch each URL (conditionally if known), ingest the pages, and say what happened to each.

    A refused or failed URL is reported and the batch goes on.
    """
    options = options or AcquireOptions()
    stop = stop or threading.Event()
    candidates = [Candidate(url=u.strip()) for u in dict.fromkeys(urls) if u.strip()]
    with store.session() as s:
        known = fetched_by_url(s, [canonical_url(c.url) for c in candidates])
        jobs = [(c, known.get(canonical_url(c.url))) for c in candidates]
        for _, row in jobs:
            if row is not None:
                s.expunge(row)
    with PoliteClient(options, stop) as client, ThreadPoolExecutor(max(1, options.concurrency)) as pool:
        pages = fetch_pages(client, jobs, None, pool, stop)
    outcomes = ingest_pages(store, pages, options, options.lang, options.clock())
    report_outcomes(outcomes, reporter)
    return FetchSummary(outcomes)
