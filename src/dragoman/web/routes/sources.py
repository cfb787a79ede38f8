"""The followed sources page: health of each feed, sitemap or listing; add and remove (token forms).

Plain form posts, no JavaScript needed. A successful add or removal redirects
back to ``/sources`` (so reloading does not post twice); a refused one renders
the page again with the error next to each field and the typed values kept.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from dragoman.settings import Settings
from dragoman.store.sources import SOURCE_KINDS, get_source, remove_source, sources_health
from dragoman.web.deps import SessionDep, SettingsDep, StoreDep, UiDep, check_token, render
from dragoman.web.i18n import Translator
from dragoman.web.sourceform import SourceForm, add_checked, check_source

router = APIRouter(include_in_schema=False)
STATUSES = ("ok", "failing", "new", "disabled")


def _back(request: Request, **params: str) -> RedirectResponse:
    """Back to the list (303), keeping an explicit ``?ui=`` language choice."""
    if request.query_params.get("ui"):
        params["ui"] = request.query_params["ui"]
    return RedirectResponse("/sources?" + urlencode(params), status_code=303)


def _keep_ui(request: Request) -> str:
    ui = request.query_params.get("ui")
    return f"?{urlencode({'ui': ui})}" if ui else ""


def _page(request: Request, ui: Translator, s: Session, settings: Settings, form: SourceForm | None = None,
          status: int = 200) -> HTMLResponse:
    health = [h.to_dict() for h in sources_health(s)]
    context: dict[str, Any] = {
        "sources": health,
        "counts": {st: sum(1 for h in health if h["status"] == st) for st in STATUSES},
        "kinds": SOURCE_KINDS,
        "form": form or SourceForm(values={"kind": "feed", "interval": "60"}),
        "writes": bool(settings.valid_tokens()),
        "added": request.query_params.get("added"),
        "removed": request.query_params.get("removed"),
        "keep_ui": _keep_ui(request),
    }
    return render(request, ui, "sources.html", context, status=status)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, s: SessionDep, ui: UiDep, settings: SettingsDep) -> HTMLResponse:
    """Every followed source with its status, last success, last error and articles found."""
    return _page(request, ui, s, settings)


def _token_error(settings: Settings, presented: Any) -> HTTPException | None:
    try:
        check_token(settings, str(presented or "").strip() or None, header=False)
    except HTTPException as exc:
        return exc
    return None


@router.post("/sources", response_class=HTMLResponse)
async def add_source_form(request: Request, ui: UiDep, settings: SettingsDep, store: StoreDep) -> Response:
    """Follow a new source (form post with the write token)."""
    data = await request.form(max_files=0, max_fields=20, max_part_size=64 * 1024)
    form = check_source(dict(data), ui)
    refused = _token_error(settings, data.get("token"))
    with store.session() as s:
        if refused is not None:
            form.errors["token"] = str(refused.detail)
            return _page(request, ui, s, settings, form, status=refused.status_code)
        if not add_checked(s, form, ui):
            return _page(request, ui, s, settings, form, status=422)
    return _back(request, added=form.values["name"])


@router.get("/sources/{name:path}/remove", response_class=HTMLResponse)
def remove_confirm(request: Request, name: str, s: SessionDep, ui: UiDep, settings: SettingsDep) -> HTMLResponse:
    """Ask for the token before a source stops being followed."""
    if get_source(s, name) is None:
        raise HTTPException(404, f"There is no source named {name!r}.")
    context = {"name": name, "action": f"/sources/{quote(name)}/remove{_keep_ui(request)}",
               "writes": bool(settings.valid_tokens()), "keep_ui": _keep_ui(request)}
    return render(request, ui, "source_remove.html", context)


@router.post("/sources/{name:path}/remove", response_class=HTMLResponse)
async def remove_submit(request: Request, name: str, ui: UiDep, settings: SettingsDep, store: StoreDep) -> Response:
    """Stop following a source (its fetched URLs stay known, so nothing is fetched twice)."""
    data = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    refused = _token_error(settings, data.get("token"))
    with store.session() as s:
        if get_source(s, name) is None:
            raise HTTPException(404, f"There is no source named {name!r}.")
        if refused is not None:
            context = {"name": name, "action": f"/sources/{quote(name)}/remove{_keep_ui(request)}",
                       "error": refused.detail, "writes": bool(settings.valid_tokens()), "keep_ui": _keep_ui(request)}
            return render(request, ui, "source_remove.html", context, status=refused.status_code)
        remove_source(s, name)
    return _back(request, removed=name)
