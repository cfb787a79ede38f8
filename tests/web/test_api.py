"""The JSON API: every endpoint, filters, pagination, ids and errors (TestClient, both backends)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .fixtures import XSS


def ok(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def error(client: TestClient, url: str, status: int, **params: Any) -> str:
    r = client.get(url, params=params)
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]["message"]


# ----------------------------------------------------------------- events


def test_events_list_is_paged_newest_first(client: TestClient) -> None:
    page = ok(client, "/api/v1/events", limit=2)
    assert page["total"] == 6 and page["limit"] == 2 and page["offset"] == 0
    assert [e["id"] for e in page["items"]] == ["ev_az_bh_hostile_message", "ev_az_bh_speaker"]
    rest = ok(client, "/api/v1/events", limit=2, offset=2)
    assert [e["date_start"] for e in rest["items"]] == ["2026-01-24", "2026-01-24"]
    ids = {e["id"] for e in ok(client, "/api/v1/events", limit=200)["items"]}
    assert len(ids) == 6 and all(i.startswith("ev_") for i in ids)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"pair": "AZ-BH"}, 5),
        ({"pair": "bh-az"}, 5),
        ({"pair": "AZ-KZ"}, 1),
        ({"country": "KZ"}, 1),
        ({"type": "meeting"}, 3),
        ({"since": "2026-01-25"}, 2),
        ({"until": "2025-11"}, 2),
        ({"since": "2026", "until": "2026-01"}, 3),
        ({"person": "per_leyla_aliyeva"}, 3),
        ({"institution": "org_bh_council_reps"}, 2),
        ({"lang": "ar"}, 2),
        ({"outlet": "Azertac"}, 1),
        ({"level": "2"}, 1),
        ({"pair": "AZ-BH", "type": "phone_call"}, 1),
        ({"type": ""}, 6),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], expected: int) -> None:
    page = ok(client, "/api/v1/events", **params)
    assert page["total"] == expected == len(page["items"])


def test_event_list_carries_participants(client: TestClient) -> None:
    item = ok(client, "/api/v1/events", type="phone_call")["items"][0]
    assert {p["id"] for p in item["participants"]} == {"per_leyla_aliyeva", "per_salman_alkhalifa"}


def test_event_detail(client: TestClient) -> None:
    e = ok(client, "/api/v1/events/ev_az_bh_mou_meeting")
    assert e["type"] == "meeting" and e["countries"] == ["AZ", "BH"]
    assert e["plover"]["category"] == "CONSULT"
    assert e["parent"]["id"] == "ev_az_bh_staff_visit"
    assert [s["document"]["lang"] for s in e["sources"]] == ["en", "ar"] or len(e["sources"]) == 2
    assert {p["role"] for p in e["participants"]} == {"visitor", "host"}
    assert e["agreements"][0]["status"] == "signed"
    speaker = ok(client, "/api/v1/events/ev_az_bh_speaker")
    assert speaker["disagreements"][0]["field"] == "date"


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"since": "2026-13"}, "since"),
        ({"since": "yesterday"}, "since"),
        ({"until": "2026-02-30"}, "until"),
        ({"type": "banquet"}, "type"),
        ({"pair": "AZBH"}, "pair"),
        ({"pair": "AZ-AZ"}, "pair"),
        ({"country": "AZE"}, "country"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"level": "x"}, "level"),
    ],
)
def test_bad_filters_are_422(client: TestClient, params: dict[str, str], needle: str) -> None:
    assert needle in error(client, "/api/v1/events", 422, **params)


def test_unknown_ids_are_404(client: TestClient) -> None:
    error(client, "/api/v1/events/ev_nope", 404)
    error(client, "/api/v1/persons/per_nope", 404)
    error(client, "/api/v1/persons/per_nope/events", 404)
    error(client, "/api/v1/institutions/org_nope", 404)
    error(client, "/api/v1/institutions/org_nope/events", 404)
    error(client, "/api/v1/documents/999999", 404)
    error(client, "/api/v1/documents/no-such-external-id", 404)
    error(client, "/api/v1/pairs/XX", 404)
    error(client, "/api/v1/no-such-endpoint", 404)


# ----------------------------------------------------------------- persons and institutions


def test_persons(client: TestClient) -> None:
    page = ok(client, "/api/v1/persons")
    assert page["total"] == 6
    assert page["items"][0]["office"] is not None
    assert ok(client, "/api/v1/persons", country="bh")["total"] == 3
    assert ok(client, "/api/v1/persons", institution="org_az_milli_majlis")["items"][0]["id"] == "per_rauf_mammadli"
    # Arabic name without the shadda and with a bare alef finds the person
    assert [p["id"] for p in ok(client, "/api/v1/persons", q="خالد المناعي")["items"]] == ["per_khalid_almannai"]
    assert [p["id"] for p in ok(client, "/api/v1/persons", q="ALIYEVA")["items"]] == ["per_leyla_aliyeva"]
    second = ok(client, "/api/v1/persons", limit=2, offset=2)
    assert len(second["items"]) == 2 and second["total"] == 6


def test_person_detail_and_events(client: TestClient) -> None:
    p = ok(client, "/api/v1/persons/per_rauf_mammadli")
    assert {n["script"] for n in p["names"]} == {"latin", "arabic"}
    assert p["office"]["title"] == "Chief of Staff"
    assert [r["title"] for r in p["roles"]] == ["Chief of Staff", "Deputy Chief of Staff"]
    assert {c["id"] for c in p["counterparts"]} == {"per_khalid_almannai", "per_yusuf_alzayani"}
    assert p["events_total"] == 3
    events = ok(client, "/api/v1/persons/per_rauf_mammadli/events", limit=1)
    assert events["total"] == 3 and len(events["items"]) == 1


def test_institutions(client: TestClient) -> None:
    assert ok(client, "/api/v1/institutions")["total"] == 5
    assert ok(client, "/api/v1/institutions", country="AZ")["total"] == 2
    assert ok(client, "/api/v1/institutions", q="council")["items"][0]["id"] == "org_bh_council_reps"
    inst = ok(client, "/api/v1/institutions/org_bh_council_reps")
    assert {p["id"] for p in inst["people"]} == {"per_khalid_almannai", "per_yusuf_alzayani"}
    assert inst["names"]["ar"] == ["مجلس النواب"]
    assert ok(client, "/api/v1/institutions/org_bh_council_reps/events")["total"] == 2


# ----------------------------------------------------------------- pairs


def test_pairs(client: TestClient) -> None:
    pairs = ok(client, "/api/v1/pairs")
    assert pairs[0] == {"pair": "AZ-BH", "a": "AZ", "b": "BH", "events": 5}
    assert [p["pair"] for p in ok(client, "/api/v1/pairs", country="KZ")] == ["AZ-KZ"]
    record = ok(client, "/api/v1/pairs/BH-AZ")
    assert record["pair"] == "AZ-BH" and record["events"] == 5
    assert record["by_type"]["meeting"] == 2
    assert {r["period"] for r in record["by_year"]} == {"2025", "2026"}
    assert record["agreements"][0]["title"].startswith("Memorandum")
    assert record["milestones"][0]["kind"] == "relations_established"
    assert record["commitments"][0]["kind"] == "reciprocal_visits"
    assert [p["id"] for p in record["people"]["AZ"]][0] == "per_rauf_mammadli"
    narrowed = ok(client, "/api/v1/pairs/AZ-BH", since="2026-01-25")
    assert narrowed["events"] == 2
    error(client, "/api/v1/pairs/AZ-BH", 422, since="2026-99")


# ----------------------------------------------------------------- documents


def test_documents(client: TestClient) -> None:
    page = ok(client, "/api/v1/documents")
    assert page["total"] == 7 and page["items"][0]["published"] == "2026-02-03"
    assert ok(client, "/api/v1/documents", lang="ar")["total"] == 2
    assert ok(client, "/api/v1/documents", outlet="BNA", since="2026-01-25")["total"] == 1
    assert ok(client, "/api/v1/documents", until="2025")["total"] == 2
    error(client, "/api/v1/documents", 422, lang="Arabic")


def test_document_detail_links_mentions(client: TestClient, web_store: Any) -> None:
    doc_id = web_store.doc_ids["trend-2026-01-24-mou"]
    d = ok(client, f"/api/v1/documents/{doc_id}")
    assert d["external_id"] == "trend-2026-01-24-mou"
    persons = [m for m in d["mentions"] if m["kind"] == "person"]
    assert {m["entity_id"] for m in persons} == {"per_rauf_mammadli", "per_khalid_almannai"}
    for m in d["mentions"]:
        assert d["text"][m["start"]:m["end"]] == m["text"]
    assert {e["id"] for e in d["events"]} == {"ev_az_bh_staff_visit", "ev_az_bh_mou_meeting"}
    by_ext = ok(client, "/api/v1/documents/trend-2026-01-24-mou", text="false", mentions="false")
    assert by_ext["id"] == doc_id and "text" not in by_ext and "mentions" not in by_ext


# ----------------------------------------------------------------- search


def test_search_arabic_ignores_marks_and_letter_forms(client: TestClient, web_store: Any) -> None:
    r = ok(client, "/api/v1/search", q="وقع مذكره تفاهم")  # the report writes وقّع and مذكرة
    assert [d["id"] for d in r["documents"]["items"]] == [web_store.doc_ids["bna-2026-01-24-mou"]]
    pieces = r["documents"]["items"][0]["snippet"]
    assert {text for text, hit in pieces if hit} & {"وقّع", "مذكرة", "تفاهم"}
    assert "ev_az_bh_mou_meeting" in {e["id"] for e in r["events"]}


def test_search_kinds_and_filters(client: TestClient) -> None:
    people = ok(client, "/api/v1/search", q="Aliyeva", kind="persons")
    assert [p["id"] for p in people["persons"]] == ["per_leyla_aliyeva"] and "documents" not in people
    events = ok(client, "/api/v1/search", q="Aliyeva", kind="events", pair="AZ-KZ")
    assert [e["id"] for e in events["events"]] == ["ev_az_kz_fm_meeting"]
    docs = ok(client, "/api/v1/search", q="Manama", kind="documents", lang="en")
    assert docs["documents"]["total"] == 2
    paged = ok(client, "/api/v1/search", q="Manama", kind="documents", limit=1, offset=1)
    assert len(paged["documents"]["items"]) == 1 and paged["documents"]["total"] == 2
    hostile = ok(client, "/api/v1/search", q="attributed")
    assert XSS in "".join(t for t, _ in hostile["documents"]["items"][0]["snippet"])
    error(client, "/api/v1/search", 422)
    error(client, "/api/v1/search", 422, q="x", kind="everything")


# ----------------------------------------------------------------- the OpenAPI document and headers


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = ok(client, "/api/v1/openapi.json")
    paths = spec["paths"]
    for path in ["/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/persons", "/api/v1/persons/{person_id}",
                 "/api/v1/institutions", "/api/v1/pairs", "/api/v1/pairs/{pair}", "/api/v1/documents",
                 "/api/v1/documents/{ref}", "/api/v1/search", "/api/v1/persons/merge", "/api/v1/events/split"]:
        assert path in paths, path
    assert "post" in paths["/api/v1/documents"]
    params = {p["name"] for p in paths["/api/v1/events"]["get"]["parameters"]}
    assert {"pair", "country", "type", "since", "until", "person", "lang", "outlet", "limit", "offset"} <= params
    assert "/" not in paths  # HTML pages are not part of the API description


def test_security_headers(client: TestClient) -> None:
    for url in ("/", "/api/v1/events", "/static/css/app.css"):
        r = client.get(url)
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "unsafe-inline" not in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"
