"""Write endpoints: token rules, size limits, ingestion (API and upload form), corrections."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dragoman.store import Store
from dragoman.web import create_app

from .conftest import TOKEN, make_settings
from .fixtures import populate

AUTH = {"Authorization": f"Bearer {TOKEN}"}
HAS_INGEST = importlib.util.find_spec("dragoman.ingest") is not None
HAS_CORRECTIONS = importlib.util.find_spec("dragoman.resolve.corrections") is not None


@pytest.fixture
def app_for(tmp_path: Path) -> Iterator[Any]:
    """Build a client over a fresh populated SQLite store with the given settings changes."""
    stores: list[Store] = []

    def build(**changes: Any) -> TestClient:
        store = Store.open(f"sqlite:///{tmp_path / f'w{len(stores)}.db'}")
        stores.append(store)
        store.doc_ids = populate(store)  # type: ignore[attr-defined]
        return TestClient(create_app(make_settings(store, tmp_path, **changes), store))

    yield build
    for s in stores:
        s.close()


BODY = {"documents": [{"raw": "BAKU, March 3. Foreign Minister Leyla Aliyeva met the Ambassador of Bahrain.",
                       "title": "FM meets ambassador", "external_id": "api-test-1", "published": "2026-03-03",
                       "outlet": "Test", "lang": "en"}]}


@pytest.mark.parametrize(
    ("headers", "status", "needle"),
    [
        ({}, 401, "token is required"),
        ({"Authorization": "Bearer wrong"}, 403, "not valid"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "token is required"),
        ({"Authorization": "Bearer "}, 401, "token is required"),
    ],
)
def test_write_needs_a_valid_token(app_for: Any, headers: dict[str, str], status: int, needle: str) -> None:
    client = app_for()
    for url, body in [("/api/v1/documents", BODY), ("/api/v1/persons/merge", {"ids": ["per_a", "per_b"]}),
                      ("/api/v1/events/split", {"id": "ev_x", "documents": ["d"]})]:
        r = client.post(url, json=body, headers=headers)
        assert r.status_code == status, (url, r.text)
        assert needle in r.json()["error"]["message"]
    if status == 401:
        assert r.headers["www-authenticate"] == "Bearer"


def test_writes_disabled_without_configured_token(app_for: Any) -> None:
    client = app_for(token=None)
    r = client.post("/api/v1/documents", json=BODY, headers=AUTH)
    assert r.status_code == 403 and "no token is configured" in r.json()["error"]["message"]


def test_tokens_file(app_for: Any, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.txt"
    tokens.write_text("# analysts\nalpha-token\nbeta-token\n", encoding="utf-8")
    client = app_for(token=None, tokens_file=tokens)
    r = client.post("/api/v1/persons/merge", json={"ids": ["per_x", "per_y"]},
                    headers={"Authorization": "Bearer beta-token"})
    assert r.status_code == 404  # past the token check: the ids are unknown


def test_request_size_is_bounded(app_for: Any) -> None:
    client = app_for(max_input_bytes=1000)
    big = {"documents": [{"raw": "x" * 3_000_000}]}
    r = client.post("/api/v1/documents", json=big, headers=AUTH)
    assert r.status_code == 413
    assert r.json()["error"]["status"] == 413 and "too large" in r.json()["error"]["message"]


def test_oversized_file_is_refused_alone(app_for: Any) -> None:
    client = app_for(max_input_bytes=2000)
    files = [("files", ("big.txt", b"y" * 5000, "text/plain")), ("files", ("virus.exe", b"MZ", "application/x"))]
    r = client.post("/api/v1/documents", files=files, headers=AUTH)
    if r.status_code == 501:
        pytest.skip("ingestion is not installed")
    assert r.status_code == 200, r.text
    reasons = {x["origin"]: x["reason"] for x in r.json()["rejected"]}
    assert "limit" in reasons["big.txt"] and "unsupported" in reasons["virus.exe"]


def test_bad_bodies_are_422(app_for: Any) -> None:
    client = app_for()
    for body in ({"documents": []}, {"documents": [{"raw": ""}]}, {"docs": 1},
                 {"documents": [{"raw": "x", "published": "March"}]}):
        r = client.post("/api/v1/documents", json=body, headers=AUTH)
        assert r.status_code == 422, body
    r = client.post("/api/v1/documents", content=b"{not json", headers={**AUTH, "content-type": "application/json"})
    assert r.status_code == 422
    r = client.post("/api/v1/persons/merge", json={"ids": ["per_rauf_mammadli"]}, headers=AUTH)
    assert r.status_code == 422
    r = client.post("/api/v1/persons/merge", json={"ids": ["per_rauf_mammadli", "per_rauf_mammadli"]}, headers=AUTH)
    assert r.status_code == 422


@pytest.mark.skipif(not HAS_INGEST, reason="dragoman.ingest is not installed")
def test_ingest_json_and_files(app_for: Any) -> None:
    client = app_for()
    r = client.post("/api/v1/documents", json=BODY, headers=AUTH)
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["ingested"] == 1 and not summary["rejected"]
    doc = client.get("/api/v1/documents/api-test-1").json()
    assert doc["title"] == "FM meets ambassador"
    again = client.post("/api/v1/documents", json=BODY, headers=AUTH).json()
    assert again["unchanged"] == 1
    files = [("files", ("note.txt", "Title: Note\n\nBAKU, March 4. The Speaker met a delegation.".encode(), "text/plain")),
             ("files", ("bad.txt", b"\xff\xfe\x00bad", "text/plain"))]
    r = client.post("/api/v1/documents", files=files, headers=AUTH)
    assert r.status_code == 200
    body = r.json()
    assert body["ingested"] == 1 and [x["origin"] for x in body["rejected"]] == ["bad.txt"]


@pytest.mark.skipif(not HAS_INGEST, reason="dragoman.ingest is not installed")
def test_ingest_forgets_cached_counts(app_for: Any) -> None:
    """Counts are cached by the app; its own writes clear them so the next page is current."""
    client = app_for()
    before = client.get("/api/v1/documents").json()["total"]
    assert client.get("/").status_code == 200 and client.get("/api/v1/pairs/AZ-BH").status_code == 200
    cache = client.app.state.browse_cache
    assert len(cache) > 0
    assert client.post("/api/v1/documents", json=BODY, headers=AUTH).status_code == 200
    assert len(cache) == 0
    assert client.get("/api/v1/documents").json()["total"] == before + 1


@pytest.mark.skipif(not HAS_INGEST, reason="dragoman.ingest is not installed")
def test_upload_form(app_for: Any) -> None:
    client = app_for()
    page = client.get("/upload")
    assert page.status_code == 200 and 'name="token"' in page.text
    denied = client.post("/upload", data={"token": "nope", "text": "hello"})
    assert denied.status_code == 403 and "not valid" in denied.text
    r = client.post("/upload", data={"token": TOKEN, "text": "BAKU, March 5. The ministers met in Baku.",
                                     "title": "Pasted <b>report</b>"},
                    files=[("files", ("empty.txt", b"", "text/plain"))])
    assert r.status_code == 200, r.text
    assert 'id="upload-summary"' in r.text and "empty.txt" in r.text


def test_merge_and_split(app_for: Any) -> None:
    client = app_for()
    unknown = client.post("/api/v1/persons/merge", json={"ids": ["per_rauf_mammadli", "per_nobody"]}, headers=AUTH)
    assert unknown.status_code == 404 and "per_nobody" in unknown.json()["error"]["message"]
    unknown = client.post("/api/v1/events/split", json={"id": "ev_nothing", "documents": ["x"]}, headers=AUTH)
    assert unknown.status_code == 404
    r = client.post("/api/v1/events/merge", json={"ids": ["ev_az_bh_speaker", "ev_az_bh_mou_meeting"]}, headers=AUTH)
    if not HAS_CORRECTIONS:
        assert r.status_code == 501 and "not available" in r.json()["error"]["message"]
        return
    assert r.status_code == 200, r.text
    assert r.json()["corrections"][0]["payload"] == {**r.json()["corrections"][0]["payload"],
                                                     "a": "ev_az_bh_speaker", "b": "ev_az_bh_mou_meeting"}
    assert client.get("/api/v1/events/ev_az_bh_mou_meeting").status_code == 404
    r = client.post("/api/v1/persons/split", json={"id": "per_rauf_mammadli"}, headers=AUTH)
    assert r.status_code == 422
    r = client.post("/api/v1/persons/split", json={"id": "per_rauf_mammadli", "documents": ["no-such-doc"]},
                    headers=AUTH)
    assert r.status_code == 404


def test_bad_content_type(app_for: Any) -> None:
    client = app_for()
    r = client.post("/api/v1/documents", content=b"raw", headers={**AUTH, "content-type": "text/plain"})
    assert r.status_code == 415 and json.loads(r.text)["error"]["status"] == 415
