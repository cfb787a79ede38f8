"""Search helpers: persons by any name form, events reported by matching documents or attended by matching people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, exists, func, select, text
from sqlalchemy.orm import Session

from dragoman.store.browse.cache import BrowseCache
from dragoman.store.browse.common import EventFilter, merge_lists
from dragoman.store.browse.events import event_query, events_by_ids, is_dense
from dragoman.store.browse.filters import correlated, newest_first
from dragoman.store.browse.stats import event_stats
from dragoman.store.browse.people import list_persons
from dragoman.store.schema import Document, Event, EventParticipant, EventSource
from dragoman.textnorm import normalize_for_search

FEW_DOCUMENTS = 2000


def search_persons(s: Session, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Persons by any form of their name; diacritics and Arabic letter forms ignored."""
    tokens = normalize_for_search(q).split()
    if not tokens:
        return []
    found = list_persons(s, q=q, limit=limit).items
    if found or len(tokens) == 1:
        return found
    # No one carries every word: people matching any word of three letters or more.
    return merge_lists(*(list_persons(s, q=t, limit=limit).items for t in tokens if len(t) >= 3))[:limit]


def _events_among(s: Session, ids: Select[Any], f: EventFilter, limit: int) -> list[dict[str, Any]]:
    """The newest events whose id is in ``ids`` (driven from that small set) and matching ``f``."""
    sub = ids.distinct().subquery()
    query = correlated(select(Event.id).select_from(sub).join(Event, Event.id == sub.c.event_id), f)
    found = list(s.scalars(query.order_by(*newest_first(s)).limit(limit)))
    return events_by_ids(s, found)


def events_of_documents(s: Session, document_ids: Sequence[int], f: EventFilter = EventFilter(),
                        limit: int = 20) -> list[dict[str, Any]]:
    """Events reported by any of these documents (search results), newest first."""
    if not document_ids:
        return []
    ids = select(EventSource.event_id.label("event_id")).where(EventSource.document_id.in_(list(document_ids)))
    return _events_among(s, ids, f, limit)


def events_with_people(s: Session, person_ids: Sequence[str], f: EventFilter = EventFilter(),
                       limit: int = 20) -> list[dict[str, Any]]:
    """Events attended by any of these persons, newest first."""
    if not person_ids:
        return []
    ids = select(EventParticipant.event_id.label("event_id")).where(EventParticipant.person_id.in_(list(person_ids)))
    return _events_among(s, ids, f, limit)


def _matching_documents(s: Session, q: str, lang: str | None) -> Select[Any] | None:
    """Ids of the documents matching every word of ``q`` (the last as a prefix), unranked.

    The same match as ``store.documents.search_documents``, without its ranking
    and snippets: to find events, which documents match is all that counts.
    """
    tokens = normalize_for_search(q).split()
    if not tokens:
        return None
    if s.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{t}"' for t in tokens[:-1]) + f' "{tokens[-1]}"*'
        ids = text("SELECT rowid AS id FROM document_search WHERE document_search MATCH :q").bindparams(q=match.strip())
    else:
        tsq = " & ".join(tokens[:-1] + [tokens[-1] + ":*"])
        ids = text("SELECT document_id AS id FROM document_search WHERE to_tsvector('simple', "
                   "document_search.title || ' ' || document_search.body) @@ to_tsquery('simple', :q)")
        ids = ids.bindparams(q=tsq)
    docs = select(ids.columns(id=Document.id.type).subquery().c.id)
    return select(Document.id).where(Document.id.in_(docs), Document.lang == lang) if lang else docs


def events_matching_text(s: Session, q: str, f: EventFilter = EventFilter(), *, lang: str | None = None,
                         documents: int | None = None, limit: int = 20,
                         cache: BrowseCache | None = None) -> list[dict[str, Any]]:
    """The newest events matching ``f`` reported by a document matching ``q``.

    Few matching documents (``documents``, counted here unless the caller
    knows): start from their events. Many: go through the filter's events
    newest first (see ``events.is_dense``) keeping those with a matching report.
    """
    docs = _matching_documents(s, q, lang)
    if docs is None:
        return []
    if documents is None:
        documents = int(s.scalar(select(func.count()).select_from(docs.subquery())) or 0)
    if documents <= FEW_DOCUMENTS:
        reported = select(EventSource.event_id.label("event_id")).where(EventSource.document_id.in_(docs))
        return _events_among(s, reported, f, limit)
    has_report = exists().where(EventSource.event_id == Event.id, EventSource.document_id.in_(docs))
    dense = is_dense(s, event_stats(s, f, cache), cache)
    query = event_query(f, dense, Event.id).where(has_report).order_by(*newest_first(s)).limit(limit)
    return events_by_ids(s, list(s.scalars(query)))
