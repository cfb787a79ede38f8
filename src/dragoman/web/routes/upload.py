"""The upload page: paste text or send files to ingest (token-protected form)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dragoman.web.deps import CacheDep, SettingsDep, StoreDep, UiDep, check_token, render
from dragoman.web.ingesting import Batch, add_file, ingest, record_to_input

router = APIRouter(include_in_schema=False)
MAX_FILES = 200


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, ui: UiDep, settings: SettingsDep) -> HTMLResponse:
    return render(request, ui, "upload.html", {"limit_mib": settings.max_input_bytes // (1024 * 1024),
                                               "writes": bool(settings.valid_tokens())})


@router.post("/upload", response_class=HTMLResponse)
async def upload_submit(request: Request, ui: UiDep, settings: SettingsDep, store: StoreDep,
                        cache: CacheDep) -> HTMLResponse:
    """Form post (no JavaScript needed): token field, pasted text and/or files."""
    form = await request.form(max_files=MAX_FILES, max_fields=20, max_part_size=settings.max_input_bytes)
    try:
        check_token(settings, str(form.get("token") or "").strip() or None, header=False)
    except HTTPException as exc:
        return render(request, ui, "upload.html", {"error": exc.detail, "limit_mib": settings.max_input_bytes >> 20,
                                                   "writes": bool(settings.valid_tokens())}, status=exc.status_code)
    batch = Batch()
    text = str(form.get("text") or "")
    if text.strip():
        record = {"raw": text, "title": form.get("title") or None, "outlet": form.get("outlet") or None,
                  "url": form.get("url") or None, "published": form.get("published") or None}
        batch.docs.append(record_to_input(record, "pasted text"))
    for item in form.getlist("files"):
        if isinstance(item, UploadFile) and item.filename:
            add_file(batch, item.filename, await item.read(), settings.max_input_bytes)
    if not batch.docs and not batch.rejected:
        return render(request, ui, "upload.html", {"error": ui.t("upload.nothing"), "writes": True,
                                                   "limit_mib": settings.max_input_bytes >> 20}, status=422)
    lang = str(form.get("lang") or "") or None
    summary = await run_in_threadpool(ingest, store, settings, batch, lang, cache)
    return render(request, ui, "upload.html", {"summary": summary, "writes": True,
                                               "limit_mib": settings.max_input_bytes >> 20})
