"""store.sources: the SQL of followed sources and fetched URLs, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from dragoman.errors import NotFound
from dragoman.store.sources import (
    SourceInvalid,
    add_source,
    due_sources,
    fetched_by_url,
    get_fetched,
    get_source,
    list_sources,
    record_fetched,
    record_source_error,
    record_source_success,
    remove_source,
    set_source_enabled,
    source_health,
    sources_health,
)

T0 = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)


def test_add_list_get_remove(store) -> None:
    with store.session() as s:
        add_source(s, "azertac-ar", "https://azertac.example/rss/ar", "feed", lang="AR", interval_seconds=900, now=T0)
        add_source(s, "mfa-bh", "https://mfa.example/sitemap.xml", "sitemap", now=T0)
    with store.session() as s:
        assert [x.name for x in list_sources(s)] == ["azertac-ar", "mfa-bh"]
        src = get_source(s, "azertac-ar")
        assert src.lang == "ar" and src.interval_seconds == 900 and get_source(s, src.id).name == "azertac-ar"
        remove_source(s, "mfa-bh")
    with store.session() as s:
        assert [x.name for x in list_sources(s)] == ["azertac-ar"]
        with pytest.raises(NotFound):
            remove_source(s, "mfa-bh")


@pytest.mark.parametrize("kwargs, message", [
    ({"kind": "podcast"}, "Unknown source kind"),
    ({"url": "ftp://x.example/feed"}, "not an http"),
    ({"interval_seconds": 5}, "at least 60"),
    ({"link_pattern": "(unclosed"}, "regular expression"),
    ({"lang": "arabic"}, "language code"),
    ({"name": "  "}, "needs a name"),
])
def test_invalid_sources_are_refused(store, kwargs, message) -> None:
    args = {"name": "x", "url": "https://x.example/feed", "kind": "feed", **kwargs}
    with store.session() as s, pytest.raises(SourceInvalid, match=message):
        add_source(s, args.pop("name"), args.pop("url"), args.pop("kind"), **args)


def test_duplicate_name_is_refused(store) -> None:
    with store.session() as s:
        add_source(s, "dup", "https://x.example/feed", "feed")
    with store.session() as s, pytest.raises(SourceInvalid, match="already a source"):
        add_source(s, "dup", "https://y.example/feed", "feed")


def test_schedule_and_health(store) -> None:
    with store.session() as s:
        a = add_source(s, "a", "https://a.example/feed", "feed", interval_seconds=600, now=T0).id
        b = add_source(s, "b", "https://b.example/feed", "feed", now=T0).id
        add_source(s, "c", "https://c.example/feed", "feed", now=T0, enabled=False)
    with store.session() as s:
        assert {x.name for x in due_sources(s, T0)} == {"a", "b"}
        assert source_health(s, "a").status == "new" and source_health(s, "c").status == "disabled"
        record_source_success(s, a, now=T0, etag='"e1"', last_modified=None, new_articles=3)
        record_source_error(s, b, now=T0, error="HTTP 500", delay_seconds=120)
    with store.session() as s:
        assert due_sources(s, T0 + timedelta(seconds=60)) == []
        assert [x.name for x in due_sources(s, T0 + timedelta(seconds=121))] == ["b"]
        assert {x.name for x in due_sources(s, T0, force=True)} == {"a", "b"}
        health = {h.name: h for h in sources_health(s)}
        assert health["a"].status == "ok" and health["a"].articles_found == 3
        assert health["a"].next_due_at == T0 + timedelta(seconds=600)
        assert health["b"].status == "failing" and health["b"].error_count == 1 and health["b"].last_error == "HTTP 500"
        assert health["b"].to_dict()["next_due_at"] == (T0 + timedelta(seconds=120)).isoformat()
        set_source_enabled(s, "c", True)
    with store.session() as s:
        assert source_health(s, "c").status == "new"


def test_fetched_urls_upsert_and_survive_source_removal(store) -> None:
    url = "https://a.example/news/1"
    with store.session() as s:
        sid = add_source(s, "a", "https://a.example/feed", "feed").id
        record_fetched(s, url, now=T0, source_id=sid, status=200, etag='"v1"', last_modified="lm", content_hash="h1")
    with store.session() as s:
        record_fetched(s, url, now=T0 + timedelta(hours=1), status=304)
        row = get_fetched(s, url)
        assert (row.etag, row.content_hash, row.status) == ('"v1"', "h1", 304)
        assert source_health(s, "a").urls_known == 1
        assert set(fetched_by_url(s, [url, "https://a.example/other"])) == {url}
        remove_source(s, "a")
    with store.session() as s:
        row = get_fetched(s, url)
        assert row is not None and row.source_id is None
