"""End-to-end: Debian's Chromium (via Playwright) against a real uvicorn server on 127.0.0.1.

Screenshots of the main pages go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.store import Store
from dragoman.store.sources import list_sources
from dragoman.web import create_app

from .conftest import ROOT, LiveServer, make_settings
from .fixtures import IMG, XSS, populate

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tmp = tmp_path_factory.mktemp("browser")
    store = Store.open(f"sqlite:///{tmp / 'web.db'}")
    store.doc_ids = populate(store)  # type: ignore[attr-defined]
    app = create_app(make_settings(store, tmp), store)
    with LiveServer(app) as server:
        server.store = store
        yield server
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh context per test; fails the test on any JavaScript error, CSP report or dialog."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    pg.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    pg.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.problems = problems
    yield pg
    context.close()
    assert not problems, problems


def shot(pg: Any, name: str, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_overview_pair_event_source(live: Any, page: Any) -> None:
    """Overview -> country pair -> event -> a source with its evidence highlighted."""
    page.goto(live.url + "/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator(".stat .value").first.inner_text() != ""
    shot(page, "01-overview")

    page.click("ol.pairs a[href='/pairs/AZ-BH']")
    page.wait_for_url(re.compile(r"/pairs/AZ-BH$"))
    assert page.locator("svg.timeline circle.dot").count() == 5
    assert page.locator("svg.chart rect.bar").count() >= 2
    assert "Memorandum of Understanding" in page.locator("#agreements").inner_text()
    assert "anniversary" in page.locator("#milestones").inner_text()
    assert page.locator(".people-side").count() == 2
    shot(page, "02-pair-AZ-BH")

    page.click("table.events a[href='/events/ev_az_bh_mou_meeting']")
    page.wait_for_url(re.compile(r"/events/ev_az_bh_mou_meeting$"))
    sources = page.locator("article.source")
    assert sources.count() == 2
    assert page.locator("article.source .ev-date").count() == 2
    assert page.locator("article.source .ev-place").count() == 2
    langs = page.locator("article.source .source-text").evaluate_all("els => els.map(e => e.lang)")
    assert sorted(langs) == ["ar", "en"]
    shot(page, "03-event")

    page.locator("article.source a.source-link").first.click()
    page.wait_for_url(re.compile(r"/documents/\d+\?event=ev_az_bh_mou_meeting"))
    evidence = page.locator("#doc-text mark.ev, #doc-text a.ev")
    assert evidence.count() >= 3
    assert evidence.first.is_visible()
    person = page.locator("#doc-text a.m-person").first
    assert person.get_attribute("href").startswith("/persons/per_")
    shot(page, "04-document-evidence")

    person.click()
    page.wait_for_url(re.compile(r"/persons/per_"))
    assert page.locator("ul.names li").count() == 2
    shot(page, "05-person")


def test_disagreements_shown(live: Any, page: Any) -> None:
    page.goto(live.url + "/events/ev_az_bh_speaker")
    text = page.locator("#disagreements").inner_text()
    assert "≠" in text and "2026-01-25" in text
    shot(page, "06-event-disagreement")


def test_arabic_interface_is_rtl_and_remembered(live: Any, page: Any) -> None:
    page.goto(live.url + "/pairs/AZ-BH")
    page.click("#lang-ar")
    page.wait_for_load_state()
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert page.url.endswith("/pairs/AZ-BH")
    assert "أذربيجان" in page.locator("h1").inner_text()
    # right-to-left layout: the brand sits at the right edge of the header
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > 1366 / 2
    shot(page, "07-pair-AZ-BH-ar")
    page.goto(live.url + "/")  # the cookie keeps the choice
    assert page.locator("html").get_attribute("dir") == "rtl"
    shot(page, "08-overview-ar")
    page.click("#lang-en")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"


def test_arabic_text_is_rtl_inside_english(live: Any, page: Any) -> None:
    doc_id = live.store.doc_ids["bna-2026-01-24-mou"]
    page.goto(f"{live.url}/documents/{doc_id}")
    assert page.locator("html").get_attribute("dir") == "ltr"
    direction = page.locator("#doc-text").evaluate("el => getComputedStyle(el).direction")
    assert direction == "rtl"
    shot(page, "09-document-ar")


def test_arabic_search_ignores_diacritics(live: Any, page: Any) -> None:
    page.goto(live.url + "/search")
    # the report writes المنّاعي (with a shadda) and أذربيجان; search without the mark and with a bare alef
    page.fill("#search-q", "المناعي اذربيجان")
    page.press("#search-q", "Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    hits = page.locator("#results-documents li.hit")
    assert hits.count() == 1
    marks = hits.first.locator(".snippet mark").all_inner_texts()
    assert "المنّاعي" in marks or "أذربيجان" in marks
    assert page.locator("#results-persons a[href='/persons/per_khalid_almannai']").count() == 1
    assert page.locator("#results-events a[href='/events/ev_az_bh_mou_meeting']").count() == 1
    shot(page, "10-search-ar")


def test_injected_markup_is_shown_as_text(live: Any, page: Any) -> None:
    doc_id = live.store.doc_ids["wire-2026-02-03-hostile"]
    page.goto(f"{live.url}/documents/{doc_id}")
    assert XSS in page.locator("#doc-text").inner_text()
    assert IMG in page.locator("#doc-text").inner_text()
    assert XSS in page.locator("h1").inner_text()
    assert page.locator("img").count() == 0
    assert page.locator("main script").count() == 0
    shot(page, "11-document-hostile")
    page.goto(f"{live.url}/events/ev_az_bh_hostile_message")
    assert XSS in page.locator("h1").inner_text()
    assert page.locator("img").count() == 0
    # a javascript: URL from a report is never a live link
    assert page.locator("a[href^='javascript:']").count() == 0
    page.goto(f"{live.url}/search?q=attributed")
    assert page.locator("img").count() == 0
    assert XSS in page.locator("#results-documents").inner_text()


def test_phone_layout(live: Any, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto(live.url + "/pairs/AZ-BH")
    assert pg.locator("#nav").is_hidden()
    pg.click(".nav-toggle")
    assert pg.locator("#nav").is_visible()
    shot(pg, "12-pair-phone", full=False)
    width = pg.evaluate("document.documentElement.scrollWidth")
    wide = pg.evaluate("""Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 392)
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert width <= 390 + 1, f"horizontal overflow: {width}px {wide}"
    context.close()


def test_filters_narrow_the_pair(live: Any, page: Any) -> None:
    page.goto(live.url + "/pairs/AZ-BH")
    page.select_option("select[name=type]", "phone_call")  # submits on change
    page.wait_for_url(re.compile(r"type=phone_call"))
    assert page.locator("table.events tbody tr").count() == 1
    assert page.locator("svg.timeline circle.dot").count() == 1


def test_sources_page_in_arabic_is_rtl(live: Any, page: Any) -> None:
    """The sources page in Arabic: right-to-left, health shown, a refused form marks its fields, a valid one adds."""
    from datetime import datetime, timezone

    from dragoman.store.sources import add_source, record_source_error

    with live.store.session() as s:
        if not any(src.name == "BNA" for src in list_sources(s)):
            src = add_source(s, "BNA", "https://www.bna.bh/rss.xml", "feed", lang="ar")
            record_source_error(s, src.id, now=datetime(2026, 2, 10, tzinfo=timezone.utc), error="HTTP 503",
                                delay_seconds=600)
    page.goto(live.url + "/sources?ui=ar")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    nav = page.locator("#nav a[href='/sources']")
    assert nav.inner_text() == "المصادر" and nav.get_attribute("aria-current") == "page"
    assert page.locator("#sources-table").evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator("#sources-table a.url").first.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert page.locator(".badge.health-failing").first.inner_text() == "متعثر"
    first_cell = page.locator("#sources-table tbody tr td").first.bounding_box()
    last_cell = page.locator("#sources-table tbody tr td").last.bounding_box()
    assert first_cell["x"] > last_cell["x"]  # the name column is on the right
    shot(page, "13-sources-ar")

    page.fill("#source-token", "test-token-0123456789")
    page.fill("input[name=name]", "APA")
    page.fill("input[name=url]", "not a url")
    page.fill("input[name=interval]", "0")
    page.click("#source-form button[type=submit]")
    page.wait_for_load_state()
    page.problems[:] = [p for p in page.problems if "status of 422" not in p]  # the refusal is the point
    assert page.locator("#err-url").is_visible() and page.locator("#err-interval").is_visible()
    assert page.locator("input[name=url]").get_attribute("aria-invalid") == "true"
    assert page.locator("html").get_attribute("dir") == "rtl"
    shot(page, "14-sources-errors-ar")

    page.fill("#source-token", "test-token-0123456789")
    page.fill("input[name=url]", "https://apa.az/ar/rss")
    page.fill("input[name=interval]", "30")
    page.click("#source-form button[type=submit]")
    page.wait_for_url(re.compile(r"/sources\?added="))
    assert page.locator("#source-added").is_visible()
    assert "APA" in page.locator("#sources-table").inner_text()
    assert page.locator("html").get_attribute("dir") == "rtl"
