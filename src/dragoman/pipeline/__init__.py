"""The pipeline runner: owns the stage order ingest → extract → resolve.

Extraction is incremental: a document is (re)read when it is new, when its
content changed, or when the extractor version changed. Resolution then
updates persons, institutions and events for the documents whose extraction
changed. Both stages commit in chunks, so an interrupted run resumes where it
stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from dragoman.models import CleanDocument
from dragoman.store import Store
from dragoman.store.documents import all_document_ids, documents_by_ids, pending_extraction, save_extraction
from dragoman.store.schema import Document

__all__ = ["run_extract", "run_resolve", "ExtractSummary", "document_to_clean"]

CHUNK = 200


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


def run_extract(store: Store, document_ids: Sequence[int] | None = None, *, force: bool = False,
                progress: Callable[[int, int | None], None] | None = None) -> ExtractSummary:
    """Extract the given documents, or every document that needs it."""
    from dragoman.extract import EXTRACTOR_VERSION, extract, load_resources

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
    resources = load_resources()
    for start in range(0, len(ids), CHUNK):
        with store.session() as session:
            for doc in documents_by_ids(session, ids[start:start + CHUNK]):
                try:
                    result = extract(document_to_clean(doc), resources)
                except Exception as exc:  # one bad document must not stop the batch
                    summary.failed.append((doc.external_id, f"{type(exc).__name__}: {exc}"))
                    continue
                save_extraction(session, doc, result)
                summary.extracted += 1
        if progress:
            progress(min(start + CHUNK, len(ids)), len(ids))
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
