"""``dragoman export`` end to end (SQLite file, real CLI entry point)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.export import fixtures as fx


run = fx.run_cli


@pytest.fixture
def db(tmp_path: Path) -> str:
    return fx.populated_db(tmp_path)


def test_export_events_jsonl_to_file(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.jsonl"
    assert run(["export", "events", "--format", "jsonl", "--pair", "AZ-BH", "--type", "meeting", "-o", str(out),
                "--db", db]) == 0
    ids = [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()]
    assert ids == ["ev_fx_meet1", "ev_fx_meet2"]
    assert "Wrote 2 events" in capsys.readouterr().err


def test_export_to_stdout_is_quiet(db: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert run(["export", "people", "--country", "BH", "--db", db]) == 0
    captured = capsysbinary.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["per_fx_khalid", "per_fx_yousif"]
    assert captured.err == b""  # no progress bar when stderr is not a terminal


def test_export_parquet(db: str, tmp_path: Path) -> None:
    out = tmp_path / "docs.parquet"
    assert run(["export", "documents", "--format", "parquet", "--lang", "ar", "-o", str(out), "--db", db, "-q"]) == 0
    assert pq.read_table(out).column("id").to_pylist() == ["fx-ar-001"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "events", "--pair", "AZ"], "Not a country pair"),
        (["export", "events", "--since", "last year"], "Not a date"),
        (["export", "people", "--format", "plover"], "--format plover exports events"),
        (["export", "things"], "Unknown export"),
    ],
)
def test_errors_are_one_clear_message(db: str, argv: list[str], message: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run([*argv, "--db", db]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
