"""HTML pages rendered server-side: every page, both languages, escaping, errors, the language cookie."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from .fixtures import XSS

PAGES = ["/", "/pairs", "/pairs/AZ-BH", "/pairs/AZ-BH?type=meeting&since=2026-01&institution=org_bh_council_reps",
         "/events", "/events?pair=AZ-BH&type=visit", "/events/ev_az_bh_mou_meeting", "/events/ev_az_bh_speaker",
         "/persons", "/persons?q=محمدلي", "/persons/per_rauf_mammadli", "/institutions",
         "/institutions/org_az_milli_majlis", "/countries/AZ", "/documents", "/documents?lang=ar",
         "/search", "/search?q=Mammadli", "/search?q=مجلس&lang=ar", "/upload"]


@pytest.mark.parametrize("ui", ["en", "ar"])
@pytest.mark.parametrize("url", PAGES)
def test_pages_render(client: TestClient, url: str, ui: str) -> None:
    r = client.get(url, params={"ui": ui})
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    direction = "rtl" if ui == "ar" else "ltr"
    assert f'<html lang="{ui}" dir="{direction}">' in r.text
    assert "<script>" not in r.text and " style=" not in r.text  # CSP: no inline script or style
    assert 'src="/static/js/app.js' in r.text and "http://" not in r.text.split("</head>")[0]


def test_language_cookie_and_safe_redirect(client: TestClient) -> None:
    r = client.get("/lang/ar", params={"next": "/pairs/AZ-BH"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/pairs/AZ-BH"
    assert "dragoman_lang=ar" in r.headers["set-cookie"]
    page = client.get("/", cookies={"dragoman_lang": "ar"})
    assert 'dir="rtl"' in page.text and "أحدث الأحداث" in page.text
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil"):
        r = client.get("/lang/en", params={"next": evil}, follow_redirects=False)
        assert r.headers["location"] == "/"
    assert 'dir="rtl"' in client.get("/", headers={"accept-language": "ar-BH,ar;q=0.9"}).text


def test_dates_and_numbers_follow_the_language(client: TestClient) -> None:
    en = client.get("/events/ev_az_bh_mou_meeting", params={"ui": "en"}).text
    ar = client.get("/events/ev_az_bh_mou_meeting", params={"ui": "ar"}).text
    assert "Jan 24, 2026" in en
    assert "يناير" in ar or "2026/01/24" in ar


def test_pair_redirects_to_canonical_order(client: TestClient) -> None:
    r = client.get("/pairs/BH-AZ?type=visit", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/pairs/AZ-BH?type=visit"
    assert client.get("/pairs/not-a-pair").status_code == 404


def test_pair_page_content(client: TestClient) -> None:
    html = client.get("/pairs/AZ-BH").text
    assert html.count('class="dot t-') == 5  # the timeline: one dot per dated event
    assert 'class="bar t-' in html  # the chart
    assert "Memorandum of Understanding" in html and "Intensify reciprocal visits" in html
    assert "Diplomatic relations established" in html and "anniversary" in html
    assert "Chief of Staff" in html  # current office on the Azerbaijani side
    filtered = client.get("/pairs/AZ-BH", params={"type": "phone_call"}).text
    assert filtered.count('class="dot t-') == 1


def test_event_page_shows_sources_and_evidence(client: TestClient) -> None:
    html = client.get("/events/ev_az_bh_mou_meeting").text
    assert html.count('class="card source"') == 2
    assert 'class="hl ev ev-date"' in html and 'class="hl ev ev-place"' in html
    assert "CONSULT" in html
    speaker = client.get("/events/ev_az_bh_speaker").text
    assert 'id="disagreements"' in speaker and "azertac-2026-01-26-speaker" in speaker


def test_document_page_links_mentions(client: TestClient, web_store: Any) -> None:
    doc_id = web_store.doc_ids["trend-2026-01-24-mou"]
    html = client.get(f"/documents/{doc_id}").text
    assert re.search(r'<a class="hl m m-person" href="/persons/per_rauf_mammadli"[^>]*>Rauf Mammadli</a>', html)
    assert 'href="/institutions/org_az_milli_majlis"' in html and 'href="/countries/BH"' in html
    focused = client.get(f"/documents/{doc_id}", params={"event": "ev_az_bh_mou_meeting"}).text
    assert "ev-agreement" in focused and "ev-date" in focused


def test_untrusted_text_is_escaped(client: TestClient, web_store: Any) -> None:
    doc_id = web_store.doc_ids["wire-2026-02-03-hostile"]
    for url in (f"/documents/{doc_id}", "/events/ev_az_bh_hostile_message", "/search?q=attributed",
                "/pairs/AZ-BH", "/"):
        body = client.get(url).text
        assert XSS not in body, url
        assert "<img src=x" not in body, url
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html  # the report's javascript: URL is not turned into a link


def test_html_errors(client: TestClient) -> None:
    r = client.get("/events/ev_missing")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "ev_missing" in r.text
    r = client.get("/events", params={"since": "2026-13"})
    assert r.status_code == 422 and "since" in r.text
    r = client.get("/search", params={"kind": "bogus"})
    assert r.status_code == 422


def test_static_files_are_served_from_the_package(client: TestClient) -> None:
    css = client.get("/static/css/app.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert "@import" not in css.text and "url(http" not in css.text
    js = client.get("/static/js/app.js")
    assert js.status_code == 200 and "fetch(\"http" not in js.text
