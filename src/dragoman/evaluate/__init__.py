"""``dragoman eval``: run the whole pipeline on annotated documents and score it.

The documents are ingested into a temporary SQLite store, extracted and
resolved exactly as in production, exported as the contract's records, and
scored against the gold file overall and per language. Users can evaluate
Dragoman on their own annotations the same way.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dragoman.errors import ConfigError
from dragoman.evaluate.scoring import score
from dragoman.ingest import IngestOptions, ingest_paths
from dragoman.store import Store

__all__ = ["evaluate", "EvalReport", "score", "load_jsonl"]


@dataclass
class EvalReport:
    overall: dict[str, Any]
    by_language: dict[str, dict[str, Any]] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    def to_dict(self, with_details: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"overall": self.overall, "by_language": self.by_language}
        if self.rejected:
            data["rejected"] = self.rejected
        if with_details:
            data["details"] = self.details
        return data


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file; a malformed line is a clear error naming the line."""
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise ConfigError(f"{path}:{lineno} is not valid JSON ({exc.msg}).") from exc
    except OSError as exc:
        raise ConfigError(f"Cannot read {path}: {exc.strerror}.") from exc
    return rows


def export_predictions(store: Store) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
    """The exported events and people, and each document's language."""
    from dragoman.export.records import event_records, person_records
    from dragoman.store.documents import iter_documents

    with store.session() as session:
        events = list(event_records(session))
        people = list(person_records(session))
        langs = {d.external_id: d.lang or "?" for d in iter_documents(session)}
    return events, people, langs


def evaluate(docs: str | Path, gold: str | Path, store_url: str | None = None) -> EvalReport:
    """Ingest ``docs`` (a JSON Lines file or a directory) into a fresh store and score it against ``gold``."""
    gold_docs = load_jsonl(gold)
    with tempfile.TemporaryDirectory(prefix="dragoman-eval-") as tmp:
        store = Store.open(store_url or f"sqlite:///{Path(tmp) / 'eval.db'}")
        try:
            summary = ingest_paths(store, [docs], IngestOptions())
            events, people, langs = export_predictions(store)
        finally:
            store.close()
    overall, details = score(gold_docs, events, people)
    report = EvalReport(overall=overall, details=details,
                        rejected=[f"{r.origin}: {r.reason}" for r in summary.rejected])
    for lang in sorted({langs.get(g["id"], "?") for g in gold_docs}):
        subset = [g for g in gold_docs if langs.get(g["id"], "?") == lang]
        report.by_language[lang], _ = score(subset, events, people)
    return report
