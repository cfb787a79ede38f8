"""Read queries for the web application and its JSON API, one module per resource.

Every page and every ``/api/v1`` endpoint reads the store through these
functions; the web package never builds SQL. Results are plain dicts that are
JSON-ready (the API returns them as they are; the templates read the same keys).

Modules: ``common`` (filter, page, cursor, row dicts), ``filters`` (a filter as
SQL), ``stats`` (per-month counts by GROUP BY), ``events`` (paged lists, the
event page), ``people`` (persons, institutions, active people), ``overview``,
``documents`` (and pair records), ``search``, ``cache`` (the time-bounded memo
the app owns). Performance notes are in ``stats`` and ``events``; the numbers
are measured by ``bench/bench_web.py``.
"""

from __future__ import annotations

from dragoman.store.browse.cache import BrowseCache, cached
from dragoman.store.browse.common import (
    EVENT_TYPES,
    Cursor,
    EventFilter,
    Page,
    document_dict,
    escape_like,
    event_dict,
    institution_dict,
    merge_lists,
    parse_pair,
    person_dict,
    record_dict,
    role_dict,
)
from dragoman.store.browse.documents import (
    document_entity_map,
    document_events,
    documents_by_id,
    extraction_of,
    outlets,
    pair_records,
)
from dragoman.store.browse.events import (
    attach_participants,
    count_events,
    events_by_ids,
    events_page,
    get_event,
    list_events,
    timeline_points,
)
from dragoman.store.browse.overview import known_countries, latest_documents, overview_counts, top_pairs
from dragoman.store.browse.people import (
    country_people,
    current_offices,
    get_institution,
    get_person,
    institutions_of,
    list_institutions,
    list_persons,
    pair_people,
    person_counterparts,
    persons_by_id,
)
from dragoman.store.browse.search import events_matching_text, events_of_documents, events_with_people, search_persons
from dragoman.store.browse.stats import EventStats, aggregated_timeline, count_all_events, event_stats

__all__ = [
    "EVENT_TYPES", "BrowseCache", "Cursor", "EventFilter", "EventStats", "Page",
    "aggregated_timeline", "attach_participants", "cached", "count_all_events", "count_events", "country_people",
    "current_offices", "document_dict", "document_entity_map", "document_events", "documents_by_id",
    "escape_like", "event_dict", "event_stats", "events_by_ids", "events_of_documents", "events_page",
    "events_matching_text", "events_with_people", "extraction_of", "get_event", "get_institution", "get_person",
    "institution_dict",
    "institutions_of", "known_countries", "latest_documents", "list_events", "list_institutions", "list_persons",
    "merge_lists", "outlets", "overview_counts", "pair_people", "pair_records", "parse_pair", "person_counterparts",
    "person_dict", "persons_by_id", "record_dict", "role_dict", "search_persons", "timeline_points", "top_pairs",
]
