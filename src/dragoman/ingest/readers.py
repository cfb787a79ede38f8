"""Readers: turn paths, directories and standard input into ``InputDocument``s.

Each reader yields either an ``InputDocument`` or an ``InputRejected`` naming
the file (and line) and the reason, so one bad input never stops the batch.
Supported: ``.txt``/``.md`` (with an optional ``Key: value`` header block),
``.html``/``.htm``, ``.json`` (an object or a list of objects) and ``.jsonl``
in the input format of the evaluation contract (id, url, title, published,
lang, text or html).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from dragoman.errors import InputRejected
from dragoman.models import InputDocument

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
HEADER_KEYS = {
    "title": "title",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "outlet": "outlet",
    "source": "outlet",
    "language": "lang",
    "lang": "lang",
    "id": "external_id",
}
_HEADER_LINE = re.compile(r"^([A-Za-z]+)\s*:\s*(.*)$")

ReadItem = InputDocument | InputRejected


def iter_inputs(paths: list[str | Path], max_bytes: int, stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Walk the given paths (directories recursively, ``-`` for stdin) and read each file."""
    for item in paths:
        if str(item) == "-":
            stream = stdin or sys.stdin.buffer
            yield from read_bytes(_read_limited(stream, max_bytes, "stdin"), "stdin", None)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                yield from read_file(child, max_bytes)
        elif path.exists():
            yield from read_file(path, max_bytes)
        else:
            yield InputRejected("no such file or directory", str(path))


def _read_limited(stream: BinaryIO, max_bytes: int, origin: str) -> bytes | InputRejected:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return InputRejected(f"larger than the {_human(max_bytes)} limit", origin)
    return data


def _human(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_file(path: Path, max_bytes: int) -> Iterator[ReadItem]:
    """Read one file by its suffix; rejects what cannot be ingested with a reason."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield InputRejected(f"unsupported file type {suffix or '(none)'!r}; use .txt, .md, .html, .json or .jsonl", origin)
        return
    if suffix in {".jsonl", ".ndjson"}:
        yield from _stream_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputRejected(f"larger than the {_human(max_bytes)} limit ({_human(size)})", origin)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputRejected(f"cannot read: {exc.strerror}", origin)
        return
    yield from read_bytes(data, origin, suffix, stem=path.stem)


def _stream_jsonl(path: Path, max_bytes: int) -> Iterator[ReadItem]:
    """JSON Lines are read line by line: constant memory, the size limit applies per record."""
    origin = str(path)
    seen = False
    try:
        with path.open("rb") as fh:
            for lineno, line in enumerate(fh, 1):
                where = f"{origin}:{lineno}"
                if len(line) > max_bytes:
                    yield InputRejected(f"record larger than the {_human(max_bytes)} limit", where)
                    continue
                if not line.strip():
                    continue
                seen = True
                if b"\x00" in line:
                    yield InputRejected("binary data, not text", where)
                    continue
                try:
                    text = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    yield InputRejected(f"not valid UTF-8 text (byte 0x{line[exc.start]:02x} at column {exc.start + 1})", where)
                    continue
                yield from _json_line(text, where)
    except OSError as exc:
        yield InputRejected(f"cannot read: {exc.strerror}", origin)
        return
    if not seen:
        yield InputRejected("empty file", origin)


def _json_line(line: str, where: str) -> Iterator[ReadItem]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield InputRejected(f"malformed JSON line ({exc.msg} at column {exc.colno})", where)
        return
    yield _record(record, where)


def _decode(data: bytes, origin: str) -> str:
    if not data.strip():
        raise InputRejected("empty file", origin)
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputRejected("binary file, not text", origin)
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputRejected(f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})", origin) from exc


def _sniff(text: str) -> str:
    head = text.lstrip()[:200].lower()
    if head.startswith(("{", "[")):
        return ".jsonl"
    if head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p")):
        return ".html"
    return ".txt"


def read_bytes(data: bytes | InputRejected, origin: str, suffix: str | None, stem: str | None = None) -> Iterator[ReadItem]:
    """Read an in-memory upload or file body; ``suffix`` None means sniff the format."""
    if isinstance(data, InputRejected):
        yield data
        return
    try:
        text = _decode(data, origin)
    except InputRejected as rejected:
        yield rejected
        return
    suffix = suffix or _sniff(text)
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, origin, suffix)
    elif suffix in HTML_SUFFIXES:
        yield InputDocument(raw=text, raw_format="html", external_id=stem, origin=origin)
    else:
        yield _read_text(text, origin, stem, "markdown" if suffix in {".md", ".markdown"} else "text")


def _read_text(text: str, origin: str, stem: str | None, fmt: str) -> InputDocument:
    """A plain text report, with an optional ``Key: value`` header block."""
    fields: dict[str, str] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            if fields:
                break
            continue
        m = _HEADER_LINE.match(line.strip())
        if not m or m.group(1).lower() not in HEADER_KEYS:
            fields = {}
            break
        fields[HEADER_KEYS[m.group(1).lower()]] = m.group(2).strip()
    doc = InputDocument(raw=text, raw_format=fmt, external_id=stem, origin=origin)  # type: ignore[arg-type]
    for key, value in fields.items():
        if value:
            setattr(doc, key, value)
    if doc.published:
        doc.published = normalize_date(doc.published, origin)
    return doc


def _read_json(text: str, origin: str, suffix: str) -> Iterator[ReadItem]:
    stripped = text.lstrip()
    if suffix == ".json" or stripped.startswith("["):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if suffix == ".json":
                yield InputRejected(f"malformed JSON (line {exc.lineno}: {exc.msg})", origin)
                return
        else:
            records = value if isinstance(value, list) else [value]
            for i, record in enumerate(records, 1):
                yield _record(record, f"{origin}#{i}" if len(records) > 1 else origin)
            return
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield from _json_line(line, f"{origin}:{lineno}")


def _record(record: Any, origin: str) -> ReadItem:
    """Validate one JSON record of the input format."""
    if not isinstance(record, dict):
        return InputRejected("a record must be a JSON object", origin)
    body_key = "html" if isinstance(record.get("html"), str) and record.get("html", "").strip() else "text"
    body = record.get(body_key)
    if not isinstance(body, str) or not body.strip():
        return InputRejected("record has no 'text' or 'html'", origin)
    try:
        doc = InputDocument(
            raw=body,
            raw_format="html" if body_key == "html" else "text",
            external_id=_optional_str(record, "id"),
            url=_optional_str(record, "url"),
            outlet=_optional_str(record, "outlet") or _optional_str(record, "source"),
            title=_optional_str(record, "title"),
            lang=_optional_str(record, "lang"),
            published=normalize_date(record["published"], origin) if record.get("published") else None,
            origin=origin,
        )
    except InputRejected as rejected:
        return rejected
    return doc


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise InputRejected(f"'{key}' must be a string")


def normalize_date(value: Any, origin: str = "") -> str:
    """An ISO date (YYYY-MM-DD, or YYYY-MM / YYYY) from a date or datetime string."""
    text = str(value).strip()
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if m:
        try:
            if m.group(3):
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            if m.group(2) and 1 <= int(m.group(2)) <= 12:
                return f"{m.group(1)}-{m.group(2)}"
            if not m.group(2):
                return m.group(1)
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    if parsed is None:
        raise InputRejected(f"'published' is not a date: {text[:40]!r}", origin)
    return parsed.date().isoformat()
