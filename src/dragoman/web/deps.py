"""Request dependencies: settings, store, session, interface language, write token, page rendering."""

from __future__ import annotations

import hmac
import importlib
import threading
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from dragoman.settings import Settings
from dragoman.store import Store
from dragoman.store.browse import BrowseCache
from dragoman.web.i18n import LANG_COOKIE, Translator, pick_language, translator

_OPEN_LOCK = threading.Lock()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> Store:
    """The app's store, opened on first use when the factory was given none."""
    state = request.app.state
    if state.store is None:
        with _OPEN_LOCK:
            if state.store is None:
                state.store = Store.open(state.settings.database_url)
                state.owns_store = True
    return state.store


def get_cache(request: Request) -> BrowseCache:
    """The app's memo of costly aggregates (event counts per filter, pair totals, active people)."""
    return request.app.state.browse_cache


def get_session(store: Annotated[Store, Depends(get_store)]) -> Iterator[Session]:
    with store.session() as session:
        yield session


def get_ui(request: Request) -> Translator:
    """The interface language for this request (``?ui=``, cookie, Accept-Language)."""
    lang = pick_language(request.query_params.get("ui"), request.cookies.get(LANG_COOKIE),
                         request.headers.get("accept-language"))
    return translator(lang)


def check_token(settings: Settings, presented: str | None, *, header: bool = True) -> None:
    """Raise 401/403 unless ``presented`` is a configured write token."""
    valid = settings.valid_tokens()
    if not valid:
        raise HTTPException(403, "Writes are disabled: no token is configured on the server "
                                 "(set DRAGOMAN_TOKEN or DRAGOMAN_TOKENS_FILE and restart).")
    if not presented:
        raise HTTPException(401, "A write token is required: send 'Authorization: Bearer <token>'."
                            if header else "A write token is required.",
                            headers={"WWW-Authenticate": "Bearer"} if header else None)
    if not any(hmac.compare_digest(presented.encode(), t.encode()) for t in valid):
        raise HTTPException(403, "The token is not valid.")


def require_token(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> str:
    """Dependency for write endpoints: a valid ``Authorization: Bearer …`` header."""
    auth = request.headers.get("authorization") or ""
    scheme, _, value = auth.partition(" ")
    presented = value.strip() if scheme.lower() == "bearer" else None
    check_token(settings, presented)
    return presented or ""


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
SessionDep = Annotated[Session, Depends(get_session)]
UiDep = Annotated[Translator, Depends(get_ui)]
CacheDep = Annotated[BrowseCache, Depends(get_cache)]
TokenDep = Annotated[str, Depends(require_token)]


def optional_module(name: str) -> Any | None:
    """Import a teammate's module if it exists (briefing, resolve.corrections, ingest)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def briefing_available() -> bool:
    mod = optional_module("dragoman.briefing")
    return bool(mod and hasattr(mod, "build_brief") and hasattr(mod, "render"))


def render(request: Request, ui: Translator, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render a page template with the shared context (language, direction, navigation)."""
    templates = request.app.state.templates
    ctx = {
        "request": request,
        "ui": ui,
        "t": ui.t,
        "lang": ui.lang,
        "dir": ui.dir,
        "path": request.url.path,
        "query": request.url.query,
        "version": request.app.version,
        "briefing": briefing_available(),
        **context,
    }
    return templates.TemplateResponse(request, template, ctx, status_code=status)
