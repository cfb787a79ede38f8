"""Followed sources in the web app: the page (health, add and remove forms with per-field errors) and the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dragoman.store import Store
from dragoman.store.sources import add_source, record_source_error, record_source_success
from dragoman.web import create_app

from .conftest import TOKEN, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
NOW = datetime(2026, 2, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def sources_client(db_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    """A client over an empty store (each backend) holding three sources: ok, failing and new."""
    store = Store.open(db_url)
    with store.session() as s:
        ok = add_source(s, "Trend", "https://en.trend.az/feeds/index.rss", "feed", lang="en", now=NOW)
        bad = add_source(s, "BNA sitemap", "https://www.bna.bh/sitemap.xml", "sitemap", lang="ar",
                         interval_seconds=900, now=NOW)
        add_source(s, "Azertac / politics", "https://azertag.az/en/category/politics", "listing",
                   link_pattern=r"/en/xeber/\d+", now=NOW)
        record_source_success(s, ok.id, now=NOW, etag=None, last_modified=None, new_articles=12)
        record_source_error(s, bad.id, now=NOW, error="HTTP 503 from www.bna.bh", delay_seconds=600)
    try:
        with TestClient(create_app(make_settings(store, tmp_path), store)) as client:
            yield client, store
    finally:
        store.close()


def test_api_lists_sources_with_health(sources_client: tuple[TestClient, Store]) -> None:
    client, _ = sources_client
    r = client.get("/api/v1/sources")
    assert r.status_code == 200
    by_name = {s["name"]: s for s in r.json()}
    assert [s["name"] for s in r.json()] == sorted(by_name)
    assert by_name["Trend"]["status"] == "ok" and by_name["Trend"]["articles_found"] == 12
    assert by_name["Trend"]["last_success_at"].startswith("2026-02-10T12:00")
    assert by_name["BNA sitemap"]["status"] == "failing"
    assert by_name["BNA sitemap"]["last_error"] == "HTTP 503 from www.bna.bh"
    assert by_name["Azertac / politics"]["status"] == "new"
    assert by_name["Azertac / politics"]["link_pattern"] == r"/en/xeber/\d+"


def test_api_add_and_remove_need_the_token(sources_client: tuple[TestClient, Store]) -> None:
    client, _ = sources_client
    body = {"name": "APA", "url": "https://apa.az/en/rss", "kind": "feed", "lang": "en", "interval_seconds": 1800}
    assert client.post("/api/v1/sources", json=body).status_code == 401
    assert client.post("/api/v1/sources", json=body, headers={"Authorization": "Bearer nope"}).status_code == 403
    r = client.post("/api/v1/sources", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "new" and r.json()["interval_seconds"] == 1800
    again = client.post("/api/v1/sources", json=body, headers=AUTH)
    assert again.status_code == 422 and "name:" in again.json()["error"]["message"]
    assert client.delete("/api/v1/sources/APA").status_code == 401
    assert client.delete("/api/v1/sources/APA", headers=AUTH).json() == {"status": "ok", "removed": "APA"}
    assert client.delete("/api/v1/sources/APA", headers=AUTH).status_code == 404
    removed = client.delete("/api/v1/sources/Azertac / politics", headers=AUTH)
    assert removed.status_code == 200
    assert {s["name"] for s in client.get("/api/v1/sources").json()} == {"Trend", "BNA sitemap"}


def test_api_names_every_invalid_field(sources_client: tuple[TestClient, Store]) -> None:
    client, _ = sources_client
    body = {"name": "", "url": "ftp://example.org/feed", "kind": "podcast", "lang": "english",
            "interval_seconds": 5, "link_pattern": "("}
    r = client.post("/api/v1/sources", json=body, headers=AUTH)
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    for name in ("name:", "url:", "kind:", "lang:", "interval_seconds:", "link_pattern:"):
        assert name in message, message


@pytest.mark.parametrize("ui", ["en", "ar"])
def test_page_shows_health(sources_client: tuple[TestClient, Store], ui: str) -> None:
    client, _ = sources_client
    r = client.get("/sources", params={"ui": ui})
    assert r.status_code == 200
    assert f'<html lang="{ui}" dir="{"rtl" if ui == "ar" else "ltr"}">' in r.text
    assert r.text.count('<tr id="source-') == 3
    assert "health-failing" in r.text and "health-ok" in r.text and "health-new" in r.text
    assert "HTTP 503 from www.bna.bh" in r.text
    assert 'href="/sources"' in r.text and ("Sources" if ui == "en" else "المصادر") in r.text
    assert " style=" not in r.text and "<script>" not in r.text


def test_page_form_adds_a_source(sources_client: tuple[TestClient, Store]) -> None:
    client, _ = sources_client
    form = {"token": TOKEN, "name": "Report.az", "url": "https://report.az/en/rss", "kind": "feed",
            "lang": "en", "interval": "30", "link_pattern": ""}
    r = client.post("/sources", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/sources?added=")
    page = client.get(r.headers["location"])
    assert "Report.az" in page.text and 'id="source-added"' in page.text and "every 30 minutes" in page.text


def test_page_form_errors_are_shown_per_field(sources_client: tuple[TestClient, Store]) -> None:
    client, _ = sources_client
    form = {"token": TOKEN, "name": "Trend", "url": "not a url", "kind": "feed", "lang": "EN-GB",
            "interval": "0", "link_pattern": "[unclosed"}
    r = client.post("/sources", data=form)
    assert r.status_code == 422
    assert set(re.findall(r'id="err-(\w+)"', r.text)) == {"name", "url", "lang", "interval", "link_pattern"}
    assert 'value="not a url"' in r.text  # what was typed is kept
    assert r.text.count('aria-invalid="true"') == 5


def test_page_form_needs_the_token(sources_client: tuple[TestClient, Store]) -> None:
    client, _ = sources_client
    form = {"token": "wrong", "name": "New", "url": "https://example.org/rss", "kind": "feed", "interval": "60"}
    r = client.post("/sources", data=form)
    assert r.status_code == 403 and re.findall(r'id="err-(\w+)"', r.text) == ["token"]
    assert "New" not in {s["name"] for s in client.get("/api/v1/sources").json()}


def test_page_removes_a_source_after_the_token(sources_client: tuple[TestClient, Store]) -> None:
    client, _ = sources_client
    listing = client.get("/sources").text
    assert 'href="/sources/Azertac%20/%20politics/remove"' in listing
    confirm = client.get("/sources/Azertac / politics/remove")
    assert confirm.status_code == 200 and 'id="remove-form"' in confirm.text
    assert client.post("/sources/Azertac / politics/remove", data={"token": "bad"}).status_code == 403
    r = client.post("/sources/Azertac / politics/remove", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    assert "Azertac / politics" not in {s["name"] for s in client.get("/api/v1/sources").json()}
    assert client.get("/sources/Azertac / politics/remove").status_code == 404


def test_writes_disabled_without_a_token(db_url: str, tmp_path: Path) -> None:
    store = Store.open(db_url)
    try:
        client = TestClient(create_app(make_settings(store, tmp_path, token=None), store))
        page = client.get("/sources")
        assert page.status_code == 200 and "notice warn" in page.text
        r = client.post("/sources", data={"token": "x", "name": "A", "url": "https://a.example/rss", "kind": "feed",
                                          "interval": "60"})
        assert r.status_code == 403
        assert client.post("/api/v1/sources", json={"name": "A", "url": "https://a.example/rss", "kind": "feed"},
                           headers=AUTH).status_code == 403
    finally:
        store.close()


def test_empty_store_page(db_url: str, tmp_path: Path) -> None:
    store = Store.open(db_url)
    try:
        client = TestClient(create_app(make_settings(store, tmp_path), store))
        assert "dragoman sources add" in client.get("/sources").text
        assert client.get("/api/v1/sources").json() == []
    finally:
        store.close()
