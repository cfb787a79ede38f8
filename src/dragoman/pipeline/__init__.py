"""The pipeline runner: owns the stage order ingest → extract → resolve.

Extraction is incremental: a document is (re)read when it is new, when its
content changed, or when the extractor version changed. Resolution then
updates persons, institutions and events for the documents whose extraction
changed. Both stages commit in chunks, so an interrupted run resumes where it
stopped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from dragoman.models import CleanDocument
from dragoman.store import Store
from dragoman.store.documents import all_document_ids, documents_by_ids, pending_extraction, save_extraction
from dragoman.store.schema import Document

__all__ = ["run_extract", "run_resolve", "ExtractSummary", "document_to_clean"]

CHUNK = 200
PARALLEL_THRESHOLD = 2000


@dataclass
class ExtractSummary:
    extracted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (external id, reason)
    version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def document_to_clean(doc: Document) -> CleanDocument:
    """Rebuild the extractor's input from a stored document."""
    return CleanDocument(
        external_id=doc.external_id,
        text=doc.text,
        lang=doc.lang or "en",
        raw=doc.raw,
        raw_format=doc.raw_format,
        url=doc.url,
        outlet=doc.outlet,
        title=doc.title,
        published=doc.published,
        dateline_place=doc.place,
        dateline_country=doc.place_country,
        dateline_date=doc.dateline_date,
        offset_map=[tuple(a) for a in doc.offset_map or []],  # type: ignore[misc]
    )


def _extract_one(doc: CleanDocument, resources: Any) -> Any:
    """Extract one document; an exception becomes a (reason) string so the batch goes on."""
    from dragoman.extract import extract

    try:
        return extract(doc, resources)
    except Exception as exc:  # one bad document must not stop the batch
        return f"{type(exc).__name__}: {exc}"


@lru_cache(maxsize=1)
def _worker_resources() -> Any:
    """The language resources of a worker process, loaded once per process."""
    from dragoman.extract import load_resources

    return load_resources()


def _init_worker() -> None:
    _worker_resources()


def _extract_in_worker(doc: CleanDocument) -> Any:
    return _extract_one(doc, _worker_resources())


def default_workers(pending: int) -> int:
    """Processes for extraction: one for small runs, up to the cores for large ones."""
    return 1 if pending < PARALLEL_THRESHOLD else max(1, min(os.cpu_count() or 1, 8))


def run_extract(store: Store, document_ids: Sequence[int] | None = None, *, force: bool = False,
                progress: Callable[[int, int | None], None] | None = None, workers: int | None = None) -> ExtractSummary:
    """Extract the given documents, or every document that needs it.

    The extractor is a pure function, so large runs are spread over worker
    processes; the store is written by this process only, chunk by chunk.
    """
    from dragoman.extract import EXTRACTOR_VERSION, load_resources

    summary = ExtractSummary(version=EXTRACTOR_VERSION)
    with store.session() as session:
        if document_ids is not None:
            ids = list(document_ids)
        elif force:
            ids = all_document_ids(session)
        else:
            ids = pending_extraction(session, EXTRACTOR_VERSION)
    if not ids:
        return summary
    workers = workers or default_workers(len(ids))
    pool = ProcessPoolExecutor(workers, initializer=_init_worker) if workers > 1 else None
    resources = None if pool else load_resources()
    try:
        for start in range(0, len(ids), CHUNK):
            with store.session() as session:
                docs = documents_by_ids(session, ids[start:start + CHUNK])
                inputs = [document_to_clean(doc) for doc in docs]
                if pool:
                    results = list(pool.map(_extract_in_worker, inputs, chunksize=16))
                else:
                    results = [_extract_one(doc, resources) for doc in inputs]
                for doc, result in zip(docs, results):
                    if isinstance(result, str):
                        summary.failed.append((doc.external_id, result))
                        continue
                    save_extraction(session, doc, result)
                    summary.extracted += 1
            if progress:
                progress(min(start + CHUNK, len(ids)), len(ids))
    finally:
        if pool:
            pool.shutdown()
    return summary


@dataclass
class _NoResolution:
    note: str = "resolution not available"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def run_resolve(store: Store, document_ids: Sequence[int] | None = None) -> Any:
    """Resolve persons, institutions and events for documents whose extraction changed."""
    try:
        from dragoman.resolve import resolve_documents
    except ImportError:
        return _NoResolution()
    return resolve_documents(store, document_ids)
