"""The CLI end to end in a subprocess: summaries, exit codes, clear errors, kill -9 safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import SHARED


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dragoman", *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def test_ingest_summary_json_and_exit_status(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Title: A\n\nThe Minister of Economy met the Ambassador of Japan to discuss investment.", "utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", "utf-8")
    result = run("ingest", str(tmp_path / "in"), "--db", db, "--json", "--no-extract")
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["ingested"] == 1 and summary["rejected"][0]["reason"] == "empty file"
    assert "Traceback" not in result.stderr
    listing = run("documents", "--db", db, "--format", "jsonl")
    record = json.loads(listing.stdout.splitlines()[0])
    assert set(record) == {"id", "url", "outlet", "lang", "published", "title", "text"}
    assert record["id"] == "good" and record["title"] == "A"


def test_errors_are_one_sentence(tmp_path: Path) -> None:
    missing = run("show", "nothing-here", "--db", str(tmp_path / "x.db"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr and "No document" in missing.stderr
    bad_url = run("stats", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert bad_url.returncode != 0 and "Traceback" not in bad_url.stderr and "Cannot open the database" in bad_url.stderr


@pytest.mark.skipif(not (SHARED / "samples" / "docs.jsonl").exists(), reason="../shared is not beside the checkout")
def test_shared_samples_are_stored_clean(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = run("ingest", str(SHARED / "samples" / "docs.jsonl"), "--db", db, "--no-extract", "--json")
    assert result.returncode == 0, result.stderr
    for ext_id, published in (("s001", "2025-05-12"), ("s004", "2025-05-15")):
        shown = json.loads(run("show", ext_id, "--db", db, "--json").stdout)
        assert shown["lang"] == "en" and shown["published"] == published
        assert "↺" not in shown["text"] and "16 px" not in shown["text"] and not shown["text"].startswith("date")


def _count(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            docs = conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0
            revs = conn.execute(text("SELECT count(*) FROM document_revisions")).scalar() or 0
    except Exception:
        return 0, 0
    finally:
        engine.dispose()
    return int(docs), int(revs)


def test_kill_9_mid_ingest_then_rerun(tmp_path: Path, db_url: str) -> None:
    n = 3000
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = f"Report {i}: the Deputy Minister of Energy met the delegation number {i} to discuss pipelines and grids."
            fh.write(json.dumps({"id": f"k{i}", "lang": "en", "published": "2026-02-01", "text": body}) + "\n")
    args = [sys.executable, "-m", "dragoman", "ingest", str(dump), "--db", db_url, "--no-extract", "--batch-size", "50", "-q"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if _count(db_url)[0] >= 100:
            break
        time.sleep(0.05)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db_url)[0]
    rerun = run("ingest", str(dump), "--db", db_url, "--no-extract", "--json")
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["ingested"] + summary["unchanged"] == n
    assert summary["unchanged"] == partial
    assert _count(db_url) == (n, n)  # every document once, one revision each
    assert killed, "the ingest finished before it could be killed; raise n"
