"""/api/v1/documents: list, read (with mentions and events) and ingest (token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dragoman.store import browse
from dragoman.store.documents import count_documents, get_document, list_documents
from dragoman.web.api.models import DocumentOut, DocumentsIn, IngestOut, Page, errors
from dragoman.web.deps import CacheDep, SessionDep, SettingsDep, StoreDep, TokenDep
from dragoman.web.filters import DateQ, LangQ, Limit, Offset, TextQ, check_date
from dragoman.web.ingesting import Batch, add_file, ingest, record_to_input

router = APIRouter(tags=["documents"])
MAX_FILES = 200


@router.get("/documents", response_model=Page[DocumentOut], responses=errors(422))
def documents(s: SessionDep, lang: LangQ = None, outlet: TextQ = None, since: DateQ = None, until: DateQ = None,
              limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Documents, newest publication first; filter by language, outlet and publication date."""
    filters = {"lang": lang or None, "outlet": outlet or None, "since": check_date("since", since),
               "until": check_date("until", until)}
    items = [browse.document_dict(d) for d in list_documents(s, **filters, limit=limit, offset=offset)]
    return {"items": items, "total": count_documents(s, **filters), "limit": limit, "offset": offset}


@router.get("/documents/{ref}", responses=errors(404))
def document(ref: str, s: SessionDep,
             text: Annotated[bool, Query(description="Include the cleaned text")] = True,
             mentions: Annotated[bool, Query(description="Include the extracted mentions")] = True) -> dict[str, Any]:
    """One document by store id or external id: metadata, cleaned text, mentions (offsets into the
    cleaned text, with the global id of linked persons/institutions) and the events it reports."""
    doc = get_document(s, ref)
    if doc is None:
        raise HTTPException(404, f"There is no document {ref!r}.")
    out = browse.document_dict(doc, text=text)
    if mentions:
        entities = browse.document_entity_map(s, doc.id)
        found = (browse.extraction_of(s, doc.id) or {}).get("mentions") or []
        out["mentions"] = [{**m, "entity_id": entities.get(str(m.get("entity") or ""), (None, None))[1]}
                           for m in found if isinstance(m, dict)]
    out["events"] = [{k: v for k, v in e.items() if k != "reading"} for e in browse.document_events(s, doc.id)]
    return out


@router.post("/documents", response_model=IngestOut, status_code=200, responses=errors(401, 403, 413, 422, 501))
async def ingest_documents(request: Request, _token: TokenDep, settings: SettingsDep, store: StoreDep,
                           cache: CacheDep, lang: LangQ = None) -> dict[str, Any]:
    """Ingest reports (token required). Send JSON ``{"documents": [{"raw": …, "title": …}, …]}``,
    or multipart form data with ``files`` (.txt, .html, .md, .jsonl, .json) and/or a ``text`` field.
    Returns the ingest summary; files that cannot be read are listed in ``rejected``."""
    batch = Batch()
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            body = DocumentsIn.model_validate_json(await request.body())
        except ValueError as exc:
            raise HTTPException(422, f"Invalid request: the body is not a list of documents ({_first_error(exc)}).")
        for n, doc in enumerate(body.documents):
            batch.docs.append(record_to_input(doc.model_dump(exclude_none=True), f"documents[{n}]"))
    elif ctype.startswith("multipart/form-data"):
        form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=settings.max_input_bytes)
        text = str(form.get("text") or "")
        if text.strip():
            fields = {k: form.get(k) or None for k in ("title", "outlet", "url", "published", "external_id")}
            batch.docs.append(record_to_input({"raw": text, **fields}, "text"))
        for item in form.getlist("files"):
            if isinstance(item, UploadFile):
                add_file(batch, item.filename or "upload", await item.read(), settings.max_input_bytes)
    else:
        raise HTTPException(415, "Send application/json or multipart/form-data.")
    if not batch.docs and not batch.rejected:
        raise HTTPException(422, "Invalid request: no documents in the request.")
    return await run_in_threadpool(ingest, store, settings, batch, lang, cache)


def _first_error(exc: Exception) -> str:
    errs = getattr(exc, "errors", None)
    if callable(errs):
        first = errs()[0]
        return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg')}"
    return str(exc).splitlines()[0]
