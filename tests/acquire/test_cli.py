"""The commands: ``sources add|list|remove``, ``watch --once`` and ``fetch`` against the test server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dragoman.cli import main
from tests.acquire.site import AR, EN


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DRAGOMAN_FETCH_ALLOW_PRIVATE", raising=False)
    db = str(tmp_path / "cli.db")

    def invoke(*args: str) -> tuple[int, str, str]:
        try:
            main([*args, "--db", db])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_sources_watch_fetch(run, site, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("sources", "add", "mfa-en", site.url("/feeds/en.rss"), "--kind", "feed", "--lang", "en")[0] == 0
    assert run("sources", "add", "mfa-ar", site.url("/feeds/ar.atom"), "--kind", "feed", "--lang", "ar",
               "--interval", "600")[0] == 0
    code, _, err = run("sources", "add", "bad", site.url("/x"), "--kind", "podcast")
    assert code == 2 and "Unknown source kind" in err

    code, out, _ = run("sources", "list", "--json")
    assert [(s["name"], s["status"]) for s in json.loads(out)] == [("mfa-ar", "new"), ("mfa-en", "new")]

    code, out, _ = run("watch", "--once", "--no-extract", "--delay", "0", "--json")  # the test server is private: all refused
    assert code == 0 and json.loads(out)["sources_failed"] == 2 and sum(site.hits.values()) == 0

    code, out, _ = run("watch", "--once", "--force", "--allow-private", "--no-extract", "--delay", "0", "--json", "--max-size", "1")
    summary = json.loads(out)
    assert code == 0 and summary["articles"]["new"] == 4 and summary["sources_failed"] == 0
    assert all(site.hits[p] == 1 for p in EN + AR)

    code, out, _ = run("sources", "list")
    assert "mfa-ar" in out and "ok" in out
    health = {s["name"]: s for s in json.loads(run("sources", "list", "--json")[1])}
    assert health["mfa-ar"]["articles_found"] == 2 and health["mfa-ar"]["error_count"] == 0

    code, out, _ = run("fetch", site.url("/news/en/2025/06/joint-commission-meets.html"), "--no-extract", "--delay", "0")
    assert code == 1 and "refused" in out and "--allow-private" in out
    monkeypatch.setenv("DRAGOMAN_FETCH_ALLOW_PRIVATE", "1")
    code, out, _ = run("fetch", site.url("/news/en/2025/06/joint-commission-meets.html"), site.url(EN[0]),
                       "--no-extract", "--delay", "0", "--json")
    result = json.loads(out)
    assert code == 0 and result["new"] == 1 and result["not_modified"] == 1

    assert run("sources", "remove", "mfa-en")[0] == 0
    assert [s["name"] for s in json.loads(run("sources", "list", "--json")[1])] == ["mfa-ar"]
    code, _, err = run("sources", "remove", "mfa-en")
    assert code == 3 and "No source named" in err
