"""Documents: the list and the document page (cleaned text, mentions highlighted and linked)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from dragoman.store import browse
from dragoman.store.documents import count_documents, get_document, list_documents
from dragoman.web.deps import SessionDep, UiDep, render
from dragoman.web.filters import DateQ, LangQ, Offset, TextQ, check_date
from dragoman.web.highlight import HSpan, evidence_by_field, evidence_spans, highlight
from dragoman.web.i18n import Translator
from dragoman.web.routes.events import field_labels

router = APIRouter(include_in_schema=False)
PAGE = 50
LINKED_KINDS = {"person", "institution", "country"}


@router.get("/documents", response_class=HTMLResponse)
def document_list(request: Request, s: SessionDep, ui: UiDep, lang: LangQ = None, outlet: TextQ = None,
                  since: DateQ = None, until: DateQ = None, offset: Offset = 0) -> HTMLResponse:
    filters = {"lang": lang or None, "outlet": outlet or None, "since": check_date("since", since),
               "until": check_date("until", until)}
    docs = [browse.document_dict(d) for d in list_documents(s, **filters, limit=PAGE, offset=offset)]
    page = browse.Page(docs, count_documents(s, **filters), PAGE, offset)
    return render(request, ui, "documents.html", {"docs": page, "filters": filters, "outlets": browse.outlets(s)})


def mention_spans(mentions: list[dict[str, Any]], entities: dict[str, tuple[str, str]], ui: Translator) -> list[HSpan]:
    """A highlight per extracted mention; persons, institutions and countries are linked."""
    spans = []
    for m in mentions:
        kind = str(m.get("kind") or "")
        start, end = m.get("start"), m.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        href = None
        ref = entities.get(str(m.get("entity") or "")) or entities.get(str(m.get("value") or ""))
        if kind == "person" and ref and ref[0] == "person":
            href = f"/persons/{ref[1]}"
        elif kind == "institution" and ref:
            href = f"/institutions/{ref[1]}"
        elif kind == "country" and m.get("value"):
            href = f"/countries/{m['value']}"
        title = ui.t(f"mention.{kind}") + (f": {m['value']}" if m.get("value") and kind in {"date", "country"} else "")
        spans.append(HSpan(start, end, f"m m-{kind}", href=href, title=title))
    return spans


@router.get("/documents/{ref}", response_class=HTMLResponse)
def document_page(request: Request, ref: str, s: SessionDep, ui: UiDep,
                  event: Annotated[str | None, Query(max_length=64)] = None) -> HTMLResponse:
    doc = get_document(s, ref)
    if doc is None:
        raise HTTPException(404, f"There is no document {ref!r}.")
    extraction = browse.extraction_of(s, doc.id) or {}
    mentions = [m for m in extraction.get("mentions") or [] if isinstance(m, dict)]
    spans = mention_spans(mentions, browse.document_entity_map(s, doc.id), ui)
    events = browse.document_events(s, doc.id)
    focus = next((e for e in events if e["id"] == event), None)
    if focus:
        spans += evidence_spans(doc.text, evidence_by_field(focus), field_labels(ui))
    kinds = sorted({m.get("kind") for m in mentions if m.get("kind")})
    context = {"d": browse.document_dict(doc), "text": highlight(doc.text, spans), "events": events,
               "focus": focus, "kinds": kinds, "mention_count": len(mentions)}
    return render(request, ui, "document.html", context)
