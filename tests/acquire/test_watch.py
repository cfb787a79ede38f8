"""``watch``: one pass ingests exactly the new articles, a second fetches nothing unchanged,
errors back off exponentially, updated articles become revisions, and it stops on a signal."""

from __future__ import annotations

import os
import signal
import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from dragoman.acquire import AcquireOptions, install_signal_handlers, watch
from dragoman.store.schema import Document
from dragoman.store.sources import add_source, source_health, sources_health
from tests.acquire.site import AR, EN, LISTED, Route, article_html, ARTICLES, sitemap_index, urlset


def _follow_all(store, site) -> None:
    with store.session() as s:
        add_source(s, "mfa-en", site.url("/feeds/en.rss"), "feed", lang="en")
        add_source(s, "mfa-ar", site.url("/feeds/ar.atom"), "feed", lang="ar")
        add_source(s, "mfa-sitemap", site.url("/sitemap_index.xml"), "sitemap")
        add_source(s, "mfa-press", site.url("/press/"), "listing", link_pattern=r"/news/en/")
        add_source(s, "down", site.url("/error500.xml"), "feed")
        add_source(s, "garbage", site.url("/garbage.rss"), "feed")


def _documents(store) -> dict[str, Document]:
    with store.session() as s:
        return {d.external_id: d for d in s.scalars(select(Document))}


def test_two_passes(store, site, fast_options: AcquireOptions) -> None:
    _follow_all(store, site)
    first = watch(store, fast_options, once=True)

    docs = _documents(store)
    assert set(docs) == {site.url(p) for p in [*EN, *AR, LISTED]}  # exactly the articles, nothing else
    assert {docs[site.url(p)].lang for p in AR} == {"ar"}
    english = docs[site.url(EN[0])].text
    assert "Elnur Mammadov" in english and "cookies" not in english and "SCRIPT RAN" not in english
    assert all(site.hits[p] == 1 for p in [*EN, *AR, LISTED])  # each article fetched once
    assert site.hits["/private/secret.html"] == 0 and site.hits["/robots.txt"] == 1
    counts = first.articles.counts()
    assert counts["new"] == 5 and counts["refused"] == 2 and counts["failed"] == 1  # robots+huge, 500
    assert {e["source"] for e in first.errors} == {"down", "garbage"}

    hits_before = dict(site.hits)
    second = watch(store, fast_options.with_(force=True), once=True)
    new_hits = {p: n - hits_before.get(p, 0) for p, n in site.hits.items() if n != hits_before.get(p, 0)}
    # only the six sources (four answer 304), robots.txt, and the article that failed with a 500
    assert new_hits == {"/feeds/en.rss": 1, "/feeds/ar.atom": 1, "/sitemap_index.xml": 1, "/press/": 1,
                        "/error500.xml": 1, "/garbage.rss": 1, "/robots.txt": 1, "/broken.html": 1}
    assert second.sources_not_modified == 4 and second.articles.counts()["new"] == 0
    assert set(_documents(store)) == set(docs)

    hits_before = sum(site.hits.values())
    third = watch(store, fast_options, once=True)  # a restart: nothing is due yet, nothing is fetched
    assert third.sources_checked == 0 and sum(site.hits.values()) == hits_before

    with store.session() as s:
        health = {h.name: h for h in sources_health(s)}
    assert health["mfa-ar"].status == "ok" and health["mfa-ar"].articles_found == 2
    assert health["down"].status == "failing" and health["down"].error_count == 2


def test_exponential_back_off_then_recovery(sqlite_store, site, fast_options: AcquireOptions) -> None:
    with sqlite_store.session() as s:
        add_source(s, "down", site.url("/error500.xml"), "feed", interval_seconds=3600)
    t = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
    delays = []
    for _ in range(4):
        now = t
        watch(sqlite_store, fast_options.with_(clock=lambda: now), once=True)
        with sqlite_store.session() as s:
            h = source_health(s, "down")
        delays.append((h.next_due_at - now).total_seconds())
        assert h.error_count == len(delays) and h.last_error_at == now
        t = h.next_due_at - timedelta(seconds=1)
        watch(sqlite_store, fast_options.with_(clock=lambda: t), once=True)  # not due yet: no request
        t = h.next_due_at + timedelta(seconds=1)
    assert delays == [60, 120, 240, 480]
    assert site.hits["/error500.xml"] == 4

    site.routes["/error500.xml"] = site.routes["/feeds/en.rss"]
    watch(sqlite_store, fast_options.with_(clock=lambda: t), once=True)
    with sqlite_store.session() as s:
        h = source_health(s, "down")
    assert h.status == "ok" and h.error_count == 0 and h.next_due_at == t + timedelta(hours=1)
    assert h.last_error is not None  # the last error stays visible


def test_retry_after_is_respected(sqlite_store, site, fast_options: AcquireOptions) -> None:
    with sqlite_store.session() as s:
        add_source(s, "busy", site.url("/busy.xml"), "feed")
    now = datetime(2025, 6, 1, tzinfo=timezone.utc)
    watch(sqlite_store, fast_options.with_(clock=lambda: now), once=True)
    with sqlite_store.session() as s:
        assert source_health(s, "busy").next_due_at == now + timedelta(seconds=7200)


def test_updated_article_becomes_a_revision(sqlite_store, site, fast_options: AcquireOptions) -> None:
    with sqlite_store.session() as s:
        add_source(s, "sitemap", site.url("/sitemap_index.xml"), "sitemap")
    watch(sqlite_store, fast_options, once=True)
    assert set(_documents(sqlite_store)) == {site.url(p) for p in (EN[0], AR[0], EN[1])}

    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat(timespec="seconds")
    lang, title, body = ARTICLES[EN[1]]
    site.routes[EN[1]] = Route(article_html(lang, title, body, updated=True).encode(), etag='"v2"')
    site.routes["/sitemaps/pages.xml"] = Route(urlset(site.base, [(EN[1], later)]).encode(), "application/xml",
                                               etag='"pages-2"')
    site.routes["/sitemap_index.xml"] = Route(
        sitemap_index(site.base, [("/sitemaps/news.xml", "2025-05-21"), ("/sitemaps/pages.xml", later)]).encode(),
        "application/xml", etag='"idx-2"')
    before = dict(site.hits)
    summary = watch(sqlite_store, fast_options.with_(force=True), once=True)
    assert summary.articles.counts()["revised"] == 1
    assert site.hits[EN[1]] == before[EN[1]] + 1 and site.hits[EN[0]] == before[EN[0]]
    assert site.hits["/sitemaps/news.xml"] == before["/sitemaps/news.xml"]  # its lastmod did not change
    doc = _documents(sqlite_store)[site.url(EN[1])]
    assert doc.revision == 2 and "UPDATE" in doc.text


def test_stop_event_and_signals(sqlite_store, site, fast_options: AcquireOptions) -> None:
    with sqlite_store.session() as s:
        add_source(s, "en", site.url("/feeds/en.rss"), "feed")
    stop = threading.Event()
    stop.set()
    summary = watch(sqlite_store, fast_options, stop=stop)
    assert summary.passes == 0 and sum(site.hits.values()) == 0

    stop = threading.Event()
    restore = install_signal_handlers(stop)
    try:
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGTERM)).start()
        summary = watch(sqlite_store, fast_options, stop=stop)  # loops until the signal
    finally:
        restore()
    assert summary.stopped and summary.passes == 1 and summary.articles.counts()["new"] == 2
