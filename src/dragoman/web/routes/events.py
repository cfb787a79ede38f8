"""Events: the filtered list and the event page (sources side by side, evidence highlighted)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from dragoman.store import browse
from dragoman.web.deps import CacheDep, SessionDep, UiDep, render
from dragoman.web.filters import AfterQ, EventFilterDep, Offset, check_after
from dragoman.web.highlight import evidence_by_field, evidence_spans, highlight
from dragoman.web.i18n import Translator

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/events", response_class=HTMLResponse)
def event_list(request: Request, f: EventFilterDep, s: SessionDep, ui: UiDep, cache: CacheDep, offset: Offset = 0,
               after: AfterQ = None) -> HTMLResponse:
    """Events matching the filters, newest first; 'next' links continue after the last event shown."""
    page = browse.events_page(s, f, limit=PAGE, offset=offset, after=check_after(after), cache=cache)
    return render(request, ui, "events.html", {"events": page, "f": f, "types": browse.EVENT_TYPES})


def field_labels(ui: Translator) -> dict[str, str]:
    return {k: ui.t(f"field.{k}") for k in ("event", "date", "place", "participants", "topics", "agreement")}


def source_view(source: dict[str, Any], ui: Translator) -> dict[str, Any]:
    """One source column: its document, its reading of the event and the highlighted text."""
    doc = source["document"]
    fields = evidence_by_field(source)
    spans = evidence_spans(doc["text"], fields, field_labels(ui))
    reading = source.get("reading") or {}
    return {
        **source,
        "fields": list(fields),
        "highlighted": highlight(doc["text"], spans),
        "evidence_count": len(spans),
        "read_date": (reading.get("date") or {}).get("start"),
        "read_place": (reading.get("location") or {}).get("name"),
        "read_type": reading.get("type"),
    }


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, s: SessionDep, ui: UiDep) -> HTMLResponse:
    event = browse.get_event(s, event_id)
    if event is None:
        raise HTTPException(404, f"There is no event {event_id!r}.")
    event["sources"] = [source_view(src, ui) for src in event["sources"]]
    pair = browse.parse_pair("-".join(event["countries"][:2])) if len(event["countries"]) >= 2 else None
    return render(request, ui, "event.html", {"e": event, "pair": f"{pair[0]}-{pair[1]}" if pair else None,
                                              "labels": field_labels(ui)})
