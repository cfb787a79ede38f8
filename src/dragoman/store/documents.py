"""Documents: insert-or-revise, full-text search, listing, extraction results.

A document is identified by its external id. Re-ingesting identical content
changes nothing; changed content under the same id becomes a new revision and
the old one is kept in ``document_revisions``. The search index holds the
normalised title and body (``textnorm.normalize_for_search``) so both backends
match Arabic across vowel marks, letter forms and the article; snippets are cut
from the original text, so users see what the report really says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Select, func, or_, select, text
from sqlalchemy.orm import Session

from dragoman.models import CleanDocument, ExtractionResult
from dragoman.store.schema import Document, DocumentRevision, Extraction
from dragoman.textnorm import normalize_for_search, normalize_token


@dataclass
class UpsertResult:
    status: str  # "new" | "revised" | "unchanged"
    document_id: int


@dataclass
class SearchHit:
    document_id: int
    score: float
    snippet: list[tuple[str, bool]]  # (text, is_match) pieces, for safe highlighting


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def upsert_document(session: Session, doc: CleanDocument, content_hash: str) -> UpsertResult:
    """Store ``doc``: new, a new revision of an existing external id, or unchanged."""
    existing = session.scalar(select(Document).where(Document.external_id == doc.external_id))
    now = now_utc()
    if existing is not None and existing.content_hash == content_hash:
        return UpsertResult("unchanged", existing.id)
    if existing is None:
        row = Document(external_id=doc.external_id, revision=1, ingested_at=now)
        session.add(row)
        status = "new"
    else:
        row = existing
        row.revision += 1
        status = "revised"
    row.url, row.outlet, row.title, row.lang = doc.url, doc.outlet, doc.title, doc.lang
    row.published, row.place, row.place_country = doc.published, doc.dateline_place, doc.dateline_country
    row.dateline_date = doc.dateline_date
    row.raw, row.raw_format, row.text = doc.raw, doc.raw_format, doc.text
    row.offset_map = [list(a) for a in doc.offset_map]
    row.content_hash, row.updated_at = content_hash, now
    session.flush()
    session.add(
        DocumentRevision(
            document_id=row.id,
            revision=row.revision,
            raw=doc.raw,
            text=doc.text,
            title=doc.title,
            published=doc.published,
            content_hash=content_hash,
            created_at=now,
        )
    )
    index_document(session, row.id, doc.title or "", doc.text)
    return UpsertResult(status, row.id)


def index_document(session: Session, document_id: int, title: str, body: str) -> None:
    """(Re)write a document's entry in the full-text index."""
    params = {"id": document_id, "title": normalize_for_search(title), "body": normalize_for_search(body)}
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DELETE FROM document_search WHERE rowid = :id"), {"id": document_id})
        session.execute(text("INSERT INTO document_search(rowid, title, body) VALUES (:id, :title, :body)"), params)
    else:
        session.execute(
            text(
                "INSERT INTO document_search(document_id, title, body) VALUES (:id, :title, :body) "
                "ON CONFLICT (document_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body"
            ),
            params,
        )


def get_document(session: Session, ref: int | str) -> Document | None:
    """A document by store id (int or digits) or external id."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        found = session.get(Document, int(ref))
        if found is not None:
            return found
    return session.scalar(select(Document).where(Document.external_id == str(ref)))


def get_documents_by_external_ids(session: Session, external_ids: Sequence[str]) -> dict[str, Document]:
    rows = session.scalars(select(Document).where(Document.external_id.in_(list(external_ids))))
    return {row.external_id: row for row in rows}


def documents_by_ids(session: Session, ids: Sequence[int]) -> list[Document]:
    return list(session.scalars(select(Document).where(Document.id.in_(list(ids))).order_by(Document.id)))


def all_document_ids(session: Session) -> list[int]:
    return list(session.scalars(select(Document.id).order_by(Document.id)))


def revisions(session: Session, document_id: int) -> list[DocumentRevision]:
    query = select(DocumentRevision).where(DocumentRevision.document_id == document_id)
    return list(session.scalars(query.order_by(DocumentRevision.revision)))


def _filtered(query: Select[Any], lang: str | None, outlet: str | None, since: str | None, until: str | None) -> Select[Any]:
    if lang:
        query = query.where(Document.lang == lang)
    if outlet:
        query = query.where(Document.outlet == outlet)
    if since:
        query = query.where(Document.published >= since)
    if until:
        query = query.where(Document.published <= until + "\uffff")
    return query


def list_documents(
    session: Session,
    *,
    lang: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Document]:
    """Documents, newest publication first."""
    query = _filtered(select(Document), lang, outlet, since, until)
    query = query.order_by(Document.published.desc().nulls_last(), Document.id.desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def count_documents(session: Session, *, lang: str | None = None, outlet: str | None = None,
                    since: str | None = None, until: str | None = None) -> int:
    query = _filtered(select(func.count(Document.id)), lang, outlet, since, until)
    return int(session.scalar(query) or 0)


def iter_documents(session: Session, batch: int = 500, **filters: Any) -> Iterator[Document]:
    """Stream documents in id order with keyset pagination (constant memory)."""
    last = 0
    while True:
        query = _filtered(select(Document).where(Document.id > last), filters.get("lang"), filters.get("outlet"),
                          filters.get("since"), filters.get("until"))
        rows = list(session.scalars(query.order_by(Document.id).limit(batch)))
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


def _query_tokens(query: str) -> list[str]:
    return [t for t in normalize_for_search(query).split() if t]


def search_documents(session: Session, query: str, *, lang: str | None = None, limit: int = 20,
                     offset: int = 0) -> tuple[int, list[SearchHit]]:
    """Full-text search; returns (total hits, this page of hits with snippets)."""
    tokens = _query_tokens(query)
    if not tokens:
        return 0, []
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{t}"' for t in tokens[:-1]) + f' "{tokens[-1]}"*'
        base = "FROM document_search JOIN documents ON documents.id = document_search.rowid WHERE document_search MATCH :q"
        params: dict[str, Any] = {"q": match.strip()}
        rank = "bm25(document_search)"
        order = "ORDER BY rank"
    else:
        tsq = " & ".join(tokens[:-1] + [tokens[-1] + ":*"])
        base = ("FROM document_search JOIN documents ON documents.id = document_search.document_id "
                "WHERE to_tsvector('simple', document_search.title || ' ' || document_search.body) @@ to_tsquery('simple', :q)")
        params = {"q": tsq}
        rank = "-ts_rank(to_tsvector('simple', document_search.title || ' ' || document_search.body), to_tsquery('simple', :q))"
        order = "ORDER BY rank"
    if lang:
        base += " AND documents.lang = :lang"
        params["lang"] = lang
    total = int(session.execute(text(f"SELECT count(*) {base}"), params).scalar() or 0)
    rows = session.execute(
        text(f"SELECT documents.id, {rank} AS rank {base} {order}, documents.id LIMIT :limit OFFSET :offset"),
        {**params, "limit": limit, "offset": offset},
    ).all()
    hits = []
    for doc_id, score in rows:
        doc = session.get(Document, doc_id)
        hits.append(SearchHit(doc_id, -float(score or 0), snippet(doc.text if doc else "", tokens)))
    return total, hits


_WORD = re.compile(r"\w+")


def snippet(body: str, tokens: Sequence[str], width: int = 220) -> list[tuple[str, bool]]:
    """A window of ``body`` around the first match, split into (text, is_match) pieces."""
    wanted = set(tokens)
    prefix = tokens[-1] if tokens else ""
    matches = [
        (m.start(), m.end())
        for m in _WORD.finditer(body)
        if (norm := normalize_token(m.group())) in wanted or (prefix and norm.startswith(prefix))
    ]
    if not matches:
        return [(body[:width] + ("…" if len(body) > width else ""), False)]
    start = max(0, matches[0][0] - width // 3)
    end = min(len(body), start + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    pos = start
    for s, e in matches:
        if s < start or e > end:
            continue
        pieces.append((body[pos:s], False))
        pieces.append((body[s:e], True))
        pos = e
    pieces.append((body[pos:end] + ("…" if end < len(body) else ""), False))
    return [p for p in pieces if p[0]]


# ----------------------------------------------------------------- extraction results


def pending_extraction(session: Session, version: str, limit: int | None = None) -> list[int]:
    """Ids of documents never extracted, changed since, or read by another extractor version."""
    query = select(Document.id).where(
        or_(
            Document.extracted_hash.is_(None),
            Document.extracted_hash != Document.content_hash,
            Document.extracted_version != version,
        )
    ).order_by(Document.id)
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))


def save_extraction(session: Session, document: Document, result: ExtractionResult) -> None:
    """Store an extraction result and mark the document as read by this version."""
    row = session.get(Extraction, document.id)
    payload = result.to_dict()
    if row is None:
        session.add(Extraction(document_id=document.id, version=result.version, content_hash=document.content_hash,
                               result=payload, created_at=now_utc()))
    else:
        row.version, row.content_hash, row.result, row.created_at = result.version, document.content_hash, payload, now_utc()
    document.extracted_version = result.version
    document.extracted_hash = document.content_hash
    document.resolved_hash = None  # a new reading must be resolved again, even for unchanged content


def load_extraction(session: Session, document_id: int) -> ExtractionResult | None:
    row = session.get(Extraction, document_id)
    return ExtractionResult.from_dict(row.result) if row is not None else None


def document_stats(session: Session) -> dict[str, Any]:
    """Counts for ``dragoman stats`` and the overview page."""
    by_lang = dict(session.execute(select(Document.lang, func.count()).group_by(Document.lang)).all())
    by_outlet = session.execute(
        select(Document.outlet, func.count()).group_by(Document.outlet).order_by(func.count().desc()).limit(10)
    ).all()
    return {
        "documents": int(session.scalar(select(func.count(Document.id))) or 0),
        "revisions": int(session.scalar(select(func.count(DocumentRevision.id))) or 0),
        "extracted": int(session.scalar(select(func.count(Extraction.document_id))) or 0),
        "by_language": {k or "?": v for k, v in sorted(by_lang.items(), key=lambda kv: -kv[1])},
        "top_outlets": {k or "?": v for k, v in by_outlet},
        "published_range": list(session.execute(select(func.min(Document.published), func.max(Document.published))).one()),
    }


def delete_search_orphans(session: Session) -> None:
    """Remove index rows whose document is gone (SQLite's FTS table has no foreign key)."""
    if session.get_bind().dialect.name == "sqlite":  # PostgreSQL's side table cascades
        session.execute(text("DELETE FROM document_search WHERE rowid NOT IN (SELECT id FROM documents)"))


__all__ = [
    "UpsertResult",
    "SearchHit",
    "upsert_document",
    "get_document",
    "list_documents",
    "count_documents",
    "iter_documents",
    "search_documents",
    "pending_extraction",
    "save_extraction",
    "load_extraction",
    "document_stats",
]
