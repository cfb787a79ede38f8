"""Ingest: read inputs, clean them, store them, and (by default) run the pipeline.

    summary = ingest_paths(store, ["reports/", "dump.jsonl"], IngestOptions())

Documents are committed in batches, so a run killed at any point keeps what
it committed; running it again skips unchanged documents and finishes the
rest with no duplicates (external ids are unique, and identical content is
recognised by its hash). A bad input is rejected with a reason and the batch
goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.exc import IntegrityError

from dragoman.errors import InputRejected
from dragoman.ingest.prepare import content_hash, prepare
from dragoman.ingest.readers import iter_inputs
from dragoman.models import CleanDocument, InputDocument
from dragoman.settings import DEFAULT_MAX_INPUT_BYTES
from dragoman.store import Store
from dragoman.store.documents import upsert_document

__all__ = ["IngestOptions", "IngestSummary", "Rejection", "ingest_paths", "ingest_documents", "prepare"]


@dataclass(frozen=True)
class IngestOptions:
    """How to ingest. ``progress`` is a callback (done, total|None) or None for silence."""

    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    extract: bool = True
    resolve: bool = True
    batch_size: int = 200
    lang: str | None = None  # force a language for inputs that do not give one
    progress: Callable[[int, int | None], None] | None = None


@dataclass
class Rejection:
    origin: str
    reason: str


@dataclass
class IngestSummary:
    ingested: int = 0
    unchanged: int = 0
    revised: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    extracted: int = 0
    resolved: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("document_ids")
        data["ok"] = self.ok
        return data


def ingest_paths(store: Store, paths: Sequence[str | Path], options: IngestOptions = IngestOptions(),
                 stdin: BinaryIO | None = None) -> IngestSummary:
    """Ingest files, directories (recursively) and ``-`` (standard input)."""
    items = iter_inputs(list(paths), options.max_input_bytes, stdin=stdin)
    return ingest_documents(store, items, options)


def ingest_documents(store: Store, docs: Iterable[InputDocument | InputRejected],
                     options: IngestOptions = IngestOptions()) -> IngestSummary:
    """Clean and store documents in batches, then extract and resolve what changed."""
    summary = IngestSummary()
    batch: list[tuple[CleanDocument, str]] = []
    seen = 0
    for item in docs:
        seen += 1
        if isinstance(item, InputRejected):
            summary.rejected.append(Rejection(item.origin, item.reason))
            continue
        if options.lang and not item.lang:
            item.lang = options.lang
        try:
            batch.append((prepare(item), content_hash(item)))
        except InputRejected as rejected:
            summary.rejected.append(Rejection(rejected.origin or item.origin, rejected.reason))
        if len(batch) >= options.batch_size:
            _store_batch(store, batch, summary)
            batch = []
        if options.progress:
            options.progress(seen, None)
    _store_batch(store, batch, summary)
    _run_pipeline(store, options, summary)
    return summary


def _store_batch(store: Store, batch: list[tuple[CleanDocument, str]], summary: IngestSummary) -> None:
    """Commit one batch; on a clash with a concurrent writer, retry document by document."""
    if not batch:
        return
    try:
        with store.session() as session:
            results = [upsert_document(session, doc, digest) for doc, digest in batch]
    except IntegrityError:
        results = []
        for doc, digest in batch:
            with store.session() as session:
                results.append(upsert_document(session, doc, digest))
    for result in results:
        if result.status == "unchanged":
            summary.unchanged += 1
            continue
        summary.document_ids.append(result.document_id)
        if result.status == "new":
            summary.ingested += 1
        else:
            summary.revised += 1


def _run_pipeline(store: Store, options: IngestOptions, summary: IngestSummary) -> None:
    from dragoman.pipeline import run_extract, run_resolve

    if options.extract:
        summary.extracted = run_extract(store, progress=options.progress).extracted
        if options.resolve:
            summary.resolved = run_resolve(store).to_dict()
