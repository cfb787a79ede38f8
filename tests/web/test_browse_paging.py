"""Paging the events newest first: every strategy (offset, month seek, keyset cursor; dense walk or driven
sort) must give exactly the order of a plain sort, on both backends, and the counts must match."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import insert

from dragoman.store import Store
from dragoman.store.browse import BrowseCache, Cursor, EventFilter, event_stats, events_page
from dragoman.store.browse.events import is_dense
from dragoman.store.schema import Event, EventCountry

from .conftest import _root

N_EVENTS = 1600
NOW = datetime(2026, 2, 1, tzinfo=timezone.utc)


def _date(rng: random.Random) -> str | None:
    """Mostly days, some months or years only, some undated: every precision the store holds."""
    roll = rng.random()
    day = date(2010, 1, 1) + timedelta(days=rng.randrange(2000))
    if roll < 0.05:
        return None
    if roll < 0.10:
        return str(day.year)
    if roll < 0.15:
        return day.isoformat()[:7]
    return day.isoformat()


def _events(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for i in range(N_EVENTS):
        pair = ["AZ", "BH"] if rng.random() < 0.7 else ["AZ", "KZ"]
        rows.append({"id": f"ev_{rng.randrange(16**6):06x}_{i}", "type": rng.choice(["meeting", "visit", "phone_call"]),
                     "status": "occurred", "date_start": _date(rng), "countries": pair, "topics": [], "plover": {},
                     "confidence": 0.5, "reports": 1, "newsrooms": 1, "disagreements": [], "updated_at": NOW,
                     "level": rng.randint(1, 4)})
    return rows


@pytest.fixture(scope="module", params=_root().BACKENDS)
def paging_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[tuple[Store, list[dict[str, Any]]]]:
    root = _root()
    if request.param == "sqlite":
        url, name = f"sqlite:///{tmp_path_factory.mktemp('paging') / 'p.db'}", None
    else:
        url, name = root._fresh_pg_database()
    store = Store.open(url)
    rows = _events(random.Random(11))
    with store.session() as s:
        s.execute(insert(Event), rows)
        s.execute(insert(EventCountry), [{"event_id": r["id"], "country": c} for r in rows for c in r["countries"]])
    try:
        yield store, rows
    finally:
        store.close()
        if name:
            root._drop_pg_database(name)


def reference(rows: list[dict[str, Any]], f: EventFilter) -> list[str]:
    """The expected order: start date newest first, undated last, then id."""
    def keep(r: dict[str, Any]) -> bool:
        d = r["date_start"]
        return ((not f.pair or set(f.pair) <= set(r["countries"])) and (not f.type or r["type"] == f.type)
                and (not f.since or (d is not None and d >= f.since))
                and (not f.until or (d is not None and d <= f.until + "\uffff")))
    chosen = sorted((r for r in rows if keep(r)), key=lambda r: r["id"])
    chosen.sort(key=lambda r: r["date_start"] or "", reverse=True)
    return [r["id"] for r in chosen]


FILTERS = [EventFilter(), EventFilter(pair=("AZ", "BH")), EventFilter(pair=("AZ", "KZ")),
           EventFilter(type="visit"), EventFilter(pair=("AZ", "BH"), since="2011-03", until="2013")]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: "-".join(f"{k}={v}" for k, v in vars(f).items() if v) or "all")
def test_offsets_and_cursors_match_a_plain_sort(paging_store: tuple[Store, list[dict[str, Any]]],
                                                 f: EventFilter) -> None:
    store, rows = paging_store
    expected = reference(rows, f)
    cache = BrowseCache()
    with store.session() as s:
        stats = event_stats(s, f, cache)
        assert stats.total == len(expected)
        assert stats.type_counts() == dict(Counter(r["type"] for r in rows if r["id"] in set(expected)).most_common())
        for offset in sorted({0, 1, 24, 25, 499, 1000, len(expected) - 30, len(expected) - 3, len(expected)}):
            if offset < 0:
                continue
            page = events_page(s, f, limit=25, offset=offset, cache=cache, with_people=False)
            assert [e["id"] for e in page.items] == expected[offset:offset + 25], offset
        seen: list[str] = []
        after: Cursor | None = None
        while True:
            page = events_page(s, f, limit=97, after=after, cache=cache, with_people=False)
            seen += [e["id"] for e in page.items]
            if not page.next_after:
                break
            after = Cursor.parse(page.next_after)
        assert seen == expected


def test_busy_filters_walk_the_date_index(paging_store: tuple[Store, list[dict[str, Any]]]) -> None:
    store, _ = paging_store
    with store.session() as s:
        assert is_dense(s, event_stats(s, EventFilter(pair=("AZ", "BH"))), None)
        assert not is_dense(s, event_stats(s, EventFilter(pair=("AZ", "KZ"))), None)


def test_cursor_text_round_trips() -> None:
    for c in (Cursor("2026-01-24", "ev_ab12"), Cursor("2026", "ev_x"), Cursor(None, "ev_undated")):
        assert Cursor.parse(str(c)) == c
    for bad in ("", "2026-01-24", "~", "2026-13-45-1~ev", "2026~ev x", "2026~" + "e" * 65):
        assert Cursor.parse(bad) is None


def test_cache_expires_and_clears() -> None:
    now = [0.0]
    cache = BrowseCache(ttl=10, max_entries=2, clock=lambda: now[0])
    calls: list[str] = []

    def compute(value: str) -> str:
        calls.append(value)
        return value

    assert cache.get("a", lambda: compute("a1")) == "a1"
    assert cache.get("a", lambda: compute("a2")) == "a1"
    now[0] = 11
    assert cache.get("a", lambda: compute("a3")) == "a3"
    cache.get("b", lambda: compute("b"))
    cache.get("c", lambda: compute("c"))  # over max_entries: the least recently used ("a") goes
    assert len(cache) == 2 and cache.get("a", lambda: compute("a4")) == "a4"
    cache.clear()
    assert len(cache) == 0
    assert calls == ["a1", "a3", "b", "c", "a4"]


def test_pages_link_onwards_with_a_cursor(paging_store: tuple[Store, list[dict[str, Any]]], tmp_path: Any) -> None:
    """The pair page of a busy pair: grouped timeline, 'next' links carry ``after`` and land on the right events."""
    from fastapi.testclient import TestClient

    from dragoman.web import create_app

    from .conftest import make_settings

    store, rows = paging_store
    expected = reference(rows, EventFilter(pair=("AZ", "BH")))
    client = TestClient(create_app(make_settings(store, tmp_path), store))
    page = client.get("/pairs/AZ-BH")
    assert page.status_code == 200
    assert 'class="dot agg' in page.text and "since=" in page.text  # one dot per period, linked to the period
    url = "/pairs/AZ-BH"
    for n in range(3):
        html = client.get(url).text
        shown = re.findall(r'<a class="event-link" href="/events/([^"]+)"', html)
        assert shown == expected[25 * n: 25 * n + 25]
        url = html.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
        assert "after=" in url and f"offset={25 * (n + 1)}" in url
    deep = client.get("/events", params={"offset": 1000}).text
    assert re.findall(r'<a class="event-link" href="/events/([^"]+)"', deep) == reference(rows, EventFilter())[1000:1050]
    assert client.get("/events", params={"after": "not-a-cursor"}).status_code == 422
