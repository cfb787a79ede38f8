"""The overview page and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from dragoman.store import browse
from dragoman.web.deps import CacheDep, SessionDep, UiDep, render
from dragoman.web.i18n import LANG_COOKIE, UI_LANGUAGES

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, s: SessionDep, ui: UiDep, cache: CacheDep) -> HTMLResponse:
    """Counts, most recent events, most active pairs, latest documents, a search box."""
    context = {
        "counts": browse.overview_counts(s, cache=cache),
        "recent": browse.events_page(s, limit=10, cache=cache).items,
        "pairs": browse.top_pairs(s, 8, cache=cache),
        "documents": browse.latest_documents(s, 8),
    }
    return render(request, ui, "overview.html", context)


def safe_next(target: str | None) -> str:
    """Only local paths: '/x?y' is fine, '//evil' or 'http://…' becomes '/'."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/lang/{code}")
def switch_language(code: str, next: Annotated[str | None, Query(max_length=2000)] = None) -> RedirectResponse:
    """Remember the interface language in a cookie and go back."""
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in UI_LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="lax", httponly=True)
    return response
