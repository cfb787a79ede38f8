"""Uploads to ingest: files and pasted text become ``InputDocument``s for ``dragoman.ingest``.

Shared by the upload page and ``POST /api/v1/documents``. Each file is checked
on its own (size, encoding, type); a bad file is reported and the rest go on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePath
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import HTTPException

from dragoman.errors import InputRejected
from dragoman.models import InputDocument
from dragoman.settings import Settings
from dragoman.store import Store
from dragoman.store.browse import BrowseCache
from dragoman.web.deps import optional_module

FORMATS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown",
           ".markdown": "markdown"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
RECORD_FIELDS = ("raw", "raw_format", "external_id", "url", "outlet", "title", "lang", "published")


@dataclass
class Batch:
    """Documents ready to ingest and the inputs refused before ingestion."""

    docs: list[InputDocument] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)


def record_to_input(record: Any, origin: str) -> InputDocument:
    """A JSON object {raw|text, title, url, outlet, lang, published, external_id} -> InputDocument."""
    if not isinstance(record, dict):
        raise ValueError("each record must be a JSON object")
    raw = record.get("raw", record.get("text"))
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("the record has no text ('raw' or 'text')")
    values = {k: record.get(k) for k in RECORD_FIELDS if k not in ("raw",) and record.get(k) is not None}
    values = {k: str(v) for k, v in values.items()}
    if values.get("raw_format", "text") not in ("text", "html", "markdown"):
        raise ValueError("raw_format must be text, html or markdown")
    return InputDocument(raw=raw, origin=origin, **values)  # type: ignore[arg-type]


def _reader() -> Callable[..., Iterable[Any]] | None:
    """The lead's byte reader (header blocks, JSON Lines, sniffing), when available."""
    readers = optional_module("dragoman.ingest.readers")
    return getattr(readers, "read_bytes", None) or getattr(readers, "_read_bytes", None)


def add_file(batch: Batch, name: str, data: bytes, limit: int) -> None:
    """Turn one uploaded file into documents (JSON Lines may hold many); refusals are recorded."""
    origin = PurePath(name or "upload").name or "upload"
    path = PurePath(origin)
    suffix = path.suffix.lower()
    if len(data) > limit:
        batch.rejected.append({"origin": origin, "reason": f"larger than the limit of {limit / (1024 * 1024):g} MiB"})
        return
    if suffix and suffix not in FORMATS and suffix not in JSON_SUFFIXES:
        batch.rejected.append({"origin": origin, "reason": f"unsupported file type {suffix}: "
                                                           "use .txt, .html, .md, .jsonl or .json"})
        return
    read = _reader()
    if read is None:
        _add_file_plain(batch, origin, suffix, data)
        return
    for item in read(data, origin, suffix or None, path.stem or None):
        if isinstance(item, InputRejected):
            batch.rejected.append({"origin": item.origin or origin, "reason": item.reason})
        else:
            batch.docs.append(item)


def _add_file_plain(batch: Batch, origin: str, suffix: str, data: bytes) -> None:
    """Fallback reader: UTF-8 text, HTML, Markdown or JSON records."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        batch.rejected.append({"origin": origin, "reason": "not UTF-8 text"})
        return
    if not text.strip():
        batch.rejected.append({"origin": origin, "reason": "the file is empty"})
        return
    if suffix in JSON_SUFFIXES:
        lines = [text] if suffix == ".json" else text.splitlines()
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{origin}:{n}" if suffix != ".json" else origin
            try:
                parsed = json.loads(line)
                for record in parsed if isinstance(parsed, list) else [parsed]:
                    batch.docs.append(record_to_input(record, where))
            except (ValueError, TypeError) as exc:
                batch.rejected.append({"origin": where, "reason": f"not a document record ({exc})"})
        return
    batch.docs.append(InputDocument(raw=text, raw_format=FORMATS.get(suffix, "text"), origin=origin))  # type: ignore[arg-type]


def ingest(store: Store, settings: Settings, batch: Batch, lang: str | None = None,
           cache: BrowseCache | None = None) -> dict[str, Any]:
    """Ingest ``batch`` with the lead's pipeline (then forget the cached aggregates); 501 without ingestion."""
    mod = optional_module("dragoman.ingest")
    run = getattr(mod, "ingest_documents", None)
    options_cls = getattr(mod, "IngestOptions", None)
    if run is None or options_cls is None:
        raise HTTPException(501, "Ingestion is not available in this installation "
                                 "(dragoman.ingest.ingest_documents is missing).")
    summary: dict[str, Any] = {"ingested": 0, "unchanged": 0, "revised": 0, "rejected": [], "document_ids": []}
    if batch.docs:
        pipeline = optional_module("dragoman.pipeline")
        extract = bool(pipeline and hasattr(pipeline, "run_extract") and hasattr(pipeline, "run_resolve"))
        options = options_cls(max_input_bytes=settings.max_input_bytes, lang=lang or None, extract=extract)
        result = run(store, batch.docs, options)
        summary = result.to_dict() if hasattr(result, "to_dict") else dict(result)
        if cache is not None:
            cache.clear()
    summary["rejected"] = batch.rejected + [_rejection(r) for r in summary.get("rejected") or []]
    return summary


def _rejection(r: Any) -> dict[str, str]:
    if isinstance(r, dict):
        return {"origin": str(r.get("origin", "")), "reason": str(r.get("reason", ""))}
    return {"origin": str(getattr(r, "origin", "")), "reason": str(getattr(r, "reason", r))}
