"""The polite client against a real server: redirects, limits, timeouts, types, validators, robots."""

from __future__ import annotations

import threading
import time

import pytest

from dragoman.acquire import AcquireOptions, PoliteClient
from dragoman.acquire.http import FetchFailed, Stopped, Validators
from dragoman.errors import FetchRefused
from tests.acquire.site import EN, Route


@pytest.fixture
def client(fast_options: AcquireOptions):
    with PoliteClient(fast_options) as c:
        yield c


def test_user_agent_names_dragoman_version_and_contact(site, client) -> None:
    client.fetch(site.url(EN[0]), "page")
    agent = site.requests[-1][1]["User-Agent"]
    assert agent.startswith("Dragoman/") and "(+https://" in agent


def test_redirects_are_followed_by_hand(site, client) -> None:
    result = client.fetch(site.url("/redirect/1"), "page")
    assert result.status == 200 and len(result.redirects) == 2
    assert result.url == site.url("/redirect/1") and result.final_url == site.url(EN[0])
    assert result.redirects == [site.url("/redirect/2"), site.url(EN[0])]


def test_redirect_loop_and_too_many_hops_are_refused(site, client) -> None:
    with pytest.raises(FetchRefused, match="redirect loop"):
        client.fetch(site.url("/loop/a"), "page")
    assert site.hits["/loop/a"] == 1 and site.hits["/loop/b"] == 1
    with pytest.raises(FetchRefused, match="more than 5 redirects"):
        client.fetch(site.url("/hops/0"), "page")
    assert site.hits["/hops/5"] == 1 and site.hits["/hops/6"] == 0


def test_slow_server_times_out_quickly(site, client) -> None:
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out"):
        client.fetch(site.url("/slow.html"), "page")
    assert time.monotonic() - started < 1.5


def test_server_errors_are_failures_with_status_and_retry_after(site, client) -> None:
    with pytest.raises(FetchFailed) as info:
        client.fetch(site.url("/broken.html"), "page")
    assert info.value.status == 500
    with pytest.raises(FetchFailed) as info:
        client.fetch(site.url("/busy.xml"), "feed")
    assert info.value.status == 503 and info.value.retry_after == 7200


def test_declared_huge_page_refused_before_reading(site, client) -> None:
    with pytest.raises(FetchRefused, match="larger than the 1.0 MB limit"):
        client.fetch(site.url("/huge.html"), "page")


def test_50_mb_stream_is_aborted_early(site, client) -> None:
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="larger than"):
        client.fetch(site.url("/huge-stream.html"), "page")
    assert time.monotonic() - started < 3
    time.sleep(0.1)
    assert site.bytes_sent["/huge-stream.html"] < 20 * 1024 * 1024  # of 50 MB


def test_compressed_bodies_are_inflated_within_the_limit(site, client) -> None:
    assert b"Bahrain" in client.fetch(site.url("/gzip-article.html"), "page").body
    with pytest.raises(FetchRefused, match="larger than"):
        client.fetch(site.url("/gzip-bomb.html"), "page")


def test_content_types_must_suit_the_kind(site, client) -> None:
    with pytest.raises(FetchRefused, match="image/png"):
        client.fetch(site.url("/image.png"), "page")
    with pytest.raises(FetchRefused, match="text/html is not accepted for a feed"):
        client.fetch(site.url(EN[0]), "feed")
    assert client.fetch(site.url("/feeds/en.rss"), "feed").status == 200


def test_conditional_get(site, client) -> None:
    first = client.fetch(site.url(EN[0]), "page")
    assert first.etag and first.last_modified
    again = client.fetch(site.url(EN[0]), "page", Validators(first.etag, None))
    assert again.not_modified and again.body == b""
    by_date = client.fetch(site.url(EN[0]), "page", Validators(None, first.last_modified))
    assert by_date.not_modified


def test_robots_txt_is_honoured_and_fetched_once(site, client) -> None:
    with pytest.raises(FetchRefused, match="robots.txt"):
        client.fetch(site.url("/private/secret.html"), "page")
    client.fetch(site.url(EN[0]), "page")
    client.fetch(site.url(EN[1]), "page")
    assert site.hits["/robots.txt"] == 1 and site.hits["/private/secret.html"] == 0


def test_missing_robots_allows_and_failing_robots_defers(site, fast_options) -> None:
    del site.routes["/robots.txt"]
    with PoliteClient(fast_options) as c:
        assert c.fetch(site.url("/private/secret.html"), "page").status == 200
    site.routes["/robots.txt"] = Route(b"oops", "text/plain", status=503)
    with PoliteClient(fast_options) as c, pytest.raises(FetchFailed, match="robots.txt"):
        c.fetch(site.url(EN[0]), "page")
    assert site.hits[EN[0]] == 0


def test_crawl_delay_and_per_host_delay(site, fast_options) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: Dragoman\nCrawl-delay: 1\nDisallow:\n", "text/plain")
    with PoliteClient(fast_options) as c:
        started = time.monotonic()
        for path in EN:
            c.fetch(site.url(path), "page")
        assert time.monotonic() - started >= 0.95  # the second page waits a second


def test_stop_event_interrupts(site, fast_options) -> None:
    stop = threading.Event()
    stop.set()
    with PoliteClient(fast_options, stop) as c, pytest.raises(Stopped):
        c.fetch(site.url(EN[0]), "page")
