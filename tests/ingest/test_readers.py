"""Each input kind is read, each bad input is rejected with a reason, the batch goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path

from dragoman.errors import InputRejected
from dragoman.ingest.readers import iter_inputs, normalize_date
from dragoman.models import InputDocument

LIMIT = 20 * 1024 * 1024
BODY = "The Minister of Foreign Affairs received the Ambassador of Georgia on Tuesday to discuss transport links."


def read_all(paths: list[str | Path], stdin: bytes | None = None, limit: int = LIMIT) -> list[InputDocument | InputRejected]:
    return list(iter_inputs(paths, limit, stdin=io.BytesIO(stdin) if stdin is not None else None))


def test_text_file_with_header(tmp_path: Path) -> None:
    path = tmp_path / "en-report.txt"
    path.write_text(f"Title: Minister meets envoy\nPublished: 2026-03-04\nOutlet: Example Wire\n\n{BODY}\n", "utf-8")
    [doc] = read_all([path])
    assert isinstance(doc, InputDocument)
    assert (doc.external_id, doc.title, doc.published, doc.outlet) == ("en-report", "Minister meets envoy", "2026-03-04", "Example Wire")


def test_text_without_header_keeps_first_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("Note: this is not a header because the next line is body text\nMore text.\n", "utf-8")
    [doc] = read_all([path])
    assert isinstance(doc, InputDocument) and doc.title is None and doc.raw_format == "markdown"


def test_html_json_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(f"<html><body><p>{BODY}</p></body></html>", "utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"id": "j1", "text": BODY, "lang": "en"}), "utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"id": "j2", "text": BODY}, {"id": "j3", "html": f"<p>{BODY}</p>"}]), "utf-8")
    lines = [json.dumps({"id": f"l{i}", "text": BODY, "published": "2026-01-0%dT10:00:00Z" % (i + 1)}) for i in range(3)]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    docs = read_all([tmp_path])
    assert all(isinstance(d, InputDocument) for d in docs)
    by_id = {d.external_id: d for d in docs}  # type: ignore[union-attr]
    assert set(by_id) == {"page", "j1", "j2", "j3", "l0", "l1", "l2"}
    assert by_id["j3"].raw_format == "html" and by_id["page"].raw_format == "html"
    assert by_id["l2"].published == "2026-01-03"


def test_stdin_is_sniffed() -> None:
    [doc] = read_all(["-"], stdin=json.dumps({"id": "s", "text": BODY}).encode())
    assert isinstance(doc, InputDocument) and doc.external_id == "s"
    [doc] = read_all(["-"], stdin=BODY.encode())
    assert isinstance(doc, InputDocument) and doc.raw == BODY


def test_bad_inputs_are_rejected_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "big.txt").write_text("x" * 2000, "utf-8")
    (tmp_path / "mixed.jsonl").write_text(
        json.dumps({"id": "ok", "text": BODY}) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n"
        + json.dumps({"id": "bad-date", "text": BODY, "published": "someday"}) + "\n", "utf-8")
    items = read_all([tmp_path, tmp_path / "missing.txt"], limit=1000)
    reasons = {Path(r.origin).name: r.reason for r in items if isinstance(r, InputRejected)}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "unsupported file type" in reasons["sheet.xlsx"]
    assert "limit" in reasons["big.txt"]
    assert "malformed JSON line" in reasons["mixed.jsonl:2"]
    assert "no 'text' or 'html'" in reasons["mixed.jsonl:3"]
    assert "not a date" in reasons["mixed.jsonl:4"]
    assert "no such file" in reasons["missing.txt"]
    good = [d for d in items if isinstance(d, InputDocument)]
    assert [d.external_id for d in good] == ["ok"]


def test_normalize_date_variants() -> None:
    assert normalize_date("2025-05-12") == "2025-05-12"
    assert normalize_date("2025-05-12T08:00:00+04:00") == "2025-05-12"
    assert normalize_date("2025-05") == "2025-05"
    assert normalize_date("12 May 2025") == "2025-05-12"
