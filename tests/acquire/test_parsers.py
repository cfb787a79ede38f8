"""What sources announce: feeds, sitemaps (index, news, gzip, text) and listing pages; canonical URLs."""

from __future__ import annotations

import gzip

import pytest

from dragoman.acquire.feeds import parse_feed
from dragoman.acquire.http import FetchFailed
from dragoman.acquire.listings import parse_listing
from dragoman.acquire.sitemaps import parse_sitemap
from dragoman.acquire.urls import canonical_url
from tests.acquire.site import AR, EN, LISTED, atom, listing, rss, sitemap_index, urlset

BASE = "https://mfa.example"
MB = 1024 * 1024


def test_rss_links_in_order() -> None:
    found = parse_feed(rss(BASE, EN).encode(), BASE + "/feeds/en.rss")
    assert [c.url for c in found] == [BASE + p for p in EN]
    assert found[0].title.startswith("Azerbaijan and Bahrain") and found[0].published == "2025-05-14"
    assert found[0].lang == "en"


def test_atom_relative_links_resolved_against_the_feed() -> None:
    found = parse_feed(atom(BASE, AR).encode("utf-8"), BASE + "/feeds/ar.atom", "application/atom+xml")
    assert [c.url for c in found] == [BASE + p for p in AR]
    assert found[0].updated is not None and found[0].title.startswith("مشاورات")


@pytest.mark.parametrize("body", [b"\x00\x01 not xml \xff", b"<rss><channel><item><title>x</title><link>nope",
                                  b"<html><body>Just a page</body></html>", b""])
def test_garbage_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(FetchFailed):
        parse_feed(body, BASE + "/feed")


def test_feed_links_to_other_schemes_are_dropped() -> None:
    body = rss(BASE, EN[:1], ["javascript:alert(1)", "file:///etc/passwd", "ftp://x/y"]).encode()
    assert [c.url for c in parse_feed(body, BASE + "/feed")] == [BASE + EN[0]]


def test_news_sitemap() -> None:
    page = parse_sitemap(urlset(BASE, [(EN[0], "2025-05-14"), (AR[0], "2025-05-15T09:30:00+04:00")], news=True)
                         .encode("utf-8"), BASE + "/news.xml", "application/xml", MB)
    assert [c.url for c in page.articles] == [BASE + EN[0], BASE + AR[0]]
    assert page.articles[1].lang == "ar" and page.articles[1].published == "2025-05-15"
    assert page.articles[1].updated.hour == 5 and not page.children


def test_sitemap_index_and_gzip() -> None:
    index = parse_sitemap(sitemap_index(BASE, [("/a.xml", "2025-05-01"), ("/b.xml.gz", "2025-05-02")]).encode(),
                          BASE + "/sitemap.xml", "text/xml", MB)
    assert [c.url for c in index.children] == [BASE + "/a.xml", BASE + "/b.xml.gz"] and not index.articles
    packed = gzip.compress(urlset(BASE, [(EN[1], "2025-05-20")]).encode())
    assert [c.url for c in parse_sitemap(packed, BASE + "/b.xml.gz", "application/x-gzip", MB).articles] == [BASE + EN[1]]


def test_gzip_bomb_sitemap_is_refused() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (4 * MB) + b"</urlset>")
    with pytest.raises(FetchFailed, match="larger than"):
        parse_sitemap(bomb, BASE + "/s.xml.gz", "application/gzip", MB)


def test_plain_text_sitemap() -> None:
    body = f"{BASE}{EN[0]}\n\n{BASE}{EN[1]}\nnot a url\n".encode()
    assert len(parse_sitemap(body, BASE + "/s.txt", "text/plain", MB).articles) == 2


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    b"<urlset><url><loc>&lol2;</loc></url></urlset>",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<urlset><url><loc>http://a.example/&xxe;</loc></url></urlset>",
    b"<html><body>not a sitemap</body></html>",
    b"<urlset><url><loc>http://a.example/1</loc>",
])
def test_hostile_or_broken_sitemaps_fail(body: bytes) -> None:
    with pytest.raises(FetchFailed):
        parse_sitemap(body, BASE + "/s.xml", "application/xml", MB)


def test_listing_with_pattern() -> None:
    found = parse_listing(listing([LISTED, EN[0]]), BASE + "/press/", r"/news/en/\d{4}/")
    assert [c.url for c in found] == [BASE + LISTED, BASE + EN[0]]
    assert found[0].title == "Joint intergovernmental commission meets in Baku"


def test_listing_default_heuristic_skips_navigation() -> None:
    found = parse_listing(listing([LISTED, EN[0]]), BASE + "/press/")
    assert [c.url for c in found] == [BASE + LISTED, BASE + EN[0]]


def test_listing_honours_base_href_and_skips_other_hosts() -> None:
    html = ('<html><head><base href="https://cdn.mfa.example/en/"></head><body>'
            '<a href="news/2025/visit-of-the-minister">x</a><a href="https://other.example/2025/12345">y</a></body></html>')
    found = parse_listing(html, "https://cdn.mfa.example/en/press", r"/news/")
    assert [c.url for c in found] == ["https://cdn.mfa.example/en/news/2025/visit-of-the-minister"]


def test_bad_pattern_is_a_clear_error() -> None:
    with pytest.raises(FetchFailed, match="regular expression"):
        parse_listing("<a href='/x'>x</a>", BASE, "(unclosed")


def test_canonical_url() -> None:
    assert canonical_url("HTTPS://WWW.Mfa.Example:443/news/1?utm_source=x&id=7&fbclid=abc#top") == \
        "https://www.mfa.example/news/1?id=7"
    assert canonical_url("http://mfa.example") == "http://mfa.example/"
    assert canonical_url("http://mfa.example:8080/a") == "http://mfa.example:8080/a"
