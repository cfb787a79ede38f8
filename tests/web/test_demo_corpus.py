"""Pages and API over the example corpus run through the whole real pipeline (``demo_store``, read-only).

The invented fixtures pin exact content; these check that what ingest, extract
and resolve actually produce renders, links up and agrees between pages and API.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from dragoman.store import Store
from dragoman.store.schema import Event, EventCountry, EventParticipant
from dragoman.web import create_app

from .conftest import make_settings


@pytest.fixture(scope="module")
def demo(demo_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(make_settings(demo_store, tmp_path_factory.mktemp("demo-web")), demo_store)
    with TestClient(app) as client:
        yield client


def _pair_event(store: Store, a: str, b: str) -> str | None:
    """An event of the pair that has participants, else any event of the pair."""
    with store.session() as s:
        ids = select(EventCountry.event_id).where(EventCountry.country == a)
        ids = select(EventCountry.event_id).where(EventCountry.country == b, EventCountry.event_id.in_(ids))
        with_people = select(EventParticipant.event_id).where(EventParticipant.event_id.in_(ids))
        return s.scalar(select(Event.id).where(Event.id.in_(with_people)).order_by(Event.id).limit(1)) or \
            s.scalar(select(Event.id).where(Event.id.in_(ids)).order_by(Event.id).limit(1))


def _busiest_person(store: Store) -> str | None:
    with store.session() as s:
        return s.scalar(select(EventParticipant.person_id).group_by(EventParticipant.person_id)
                        .order_by(func.count().desc(), EventParticipant.person_id).limit(1))


def _ok(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, (url, r.text[:300])
    return r


@pytest.mark.parametrize("ui", ["en", "ar"])
def test_overview_counts_agree_with_the_api(demo: TestClient, demo_store: Store, ui: str) -> None:
    page = _ok(demo, "/", ui=ui).text
    events = _ok(demo, "/api/v1/events", limit=1).json()["total"]
    assert events > 0, "the pipeline produced no events from the example corpus"
    assert 'class="stat' in page and f'dir="{"rtl" if ui == "ar" else "ltr"}"' in page
    pairs = _ok(demo, "/api/v1/pairs").json()
    assert pairs and all(p["events"] > 0 for p in pairs)
    assert f'href="/pairs/{pairs[0]["pair"]}"' in page


def test_pair_page_and_api_agree(demo: TestClient) -> None:
    api = _ok(demo, "/api/v1/pairs/AZ-BH").json()
    assert api["events"] > 0, "the example corpus reports Azerbaijan–Bahrain contacts"
    assert sum(api["by_type"].values()) == api["events"]
    listed = _ok(demo, "/api/v1/events", pair="AZ-BH", limit=200).json()
    assert listed["total"] == api["events"] and len(listed["items"]) == min(200, api["events"])
    dates = [e["date_start"] or "" for e in listed["items"]]
    assert dates == sorted(dates, reverse=True)
    for ui in ("en", "ar"):
        page = _ok(demo, "/pairs/AZ-BH", ui=ui).text
        assert "svg" in page and 'class="timeline"' in page
        for e in listed["items"][:5]:
            assert f'href="/events/{e["id"]}"' in page
    assert demo.get("/pairs/BH-AZ", follow_redirects=False).status_code == 308


def test_event_page_shows_its_sources(demo: TestClient, demo_store: Store) -> None:
    event_id = _pair_event(demo_store, "AZ", "BH")
    assert event_id is not None
    api = _ok(demo, f"/api/v1/events/{event_id}").json()
    assert api["sources"], "every fused event cites at least one report"
    page = _ok(demo, f"/events/{event_id}").text
    assert page.count('class="source') >= len(api["sources"])
    for src in api["sources"]:
        assert f'/documents/{src["document"]["id"]}' in page
    for p in api["participants"]:
        assert f'href="/persons/{p["id"]}"' in page
    _ok(demo, f"/events/{event_id}", ui="ar")


def test_person_page_lists_their_events(demo: TestClient, demo_store: Store) -> None:
    person_id = _busiest_person(demo_store)
    assert person_id is not None
    api = _ok(demo, f"/api/v1/persons/{person_id}").json()
    events = _ok(demo, f"/api/v1/persons/{person_id}/events").json()
    assert api["events_total"] == events["total"] > 0
    page = _ok(demo, f"/persons/{person_id}").text
    assert any(f'href="/events/{e["id"]}"' in page for e in events["items"])
    for name in api["names"]:
        assert name["name"].replace("'", "&#39;") in page
    _ok(demo, f"/persons/{person_id}", ui="ar")


def test_every_document_page_renders(demo: TestClient) -> None:
    docs = _ok(demo, "/api/v1/documents", limit=200).json()["items"]
    assert len(docs) >= 40
    for d in docs:
        _ok(demo, f"/documents/{d['id']}")
