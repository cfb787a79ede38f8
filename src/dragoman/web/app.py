"""The application factory: ``create_app(settings, store=None) -> FastAPI``.

Nothing is built at import. The factory wires the routers (one per resource,
HTML pages and ``/api/v1``), the templates (Jinja autoescape always on), the
static files (served from the package: the app works offline), the error
handlers (JSON for the API, an HTML page for browsers) and three pure-ASGI
middlewares: security headers, request-size bound and server timing.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dragoman.errors import AuthError, ConfigError, DragomanError, NotFound, StoreError
from dragoman.settings import Settings
from dragoman.store import Store
from dragoman.store import browse
from dragoman.store.browse import BrowseCache
from dragoman.web.deps import get_ui, render
from dragoman.web.i18n import Translator

log = logging.getLogger(__name__)

VERSION = "0.1.0"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
CACHE_SECONDS = 60.0  # how stale counts may get after a write made outside this app (watcher, CLI)
REQUEST_OVERHEAD = 1024 * 1024  # multipart framing and form fields beyond the largest file


class SecurityHeaders:
    """CSP, no MIME sniffing, no referrer leakage, no framing; Server-Timing for benchmarks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                elapsed = (time.perf_counter() - started) * 1000
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", CSP.encode()))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"server-timing", f"app;dur={elapsed:.1f}".encode()),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies larger than ``limit`` bytes with 413 (declared or streamed)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        mib = self.limit / (1024 * 1024)
        response = JSONResponse(
            {"error": {"status": 413, "message": f"The request is too large (limit {mib:.1f} MiB)."}}, status_code=413
        )
        await response(scope, receive, send)


class _TooLarge(Exception):
    pass


def url_with(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None or '' removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    params = {k: v for k, v in params.items() if v != ""}
    return request.url.path + (f"?{urlencode(params)}" if params else "")


def http_url(value: str | None) -> str | None:
    """A report's link only if it is http(s): never a javascript: or data: URL."""
    return value if value and re.match(r"^https?://[^\s]+$", value, re.IGNORECASE) else None


def _templates() -> Jinja2Templates:
    """Jinja with autoescape always on: report text is untrusted."""
    loader = jinja2.PackageLoader("dragoman.web", "templates")
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals["url_with"] = url_with
    env.filters["http_url"] = http_url
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)
    ui: Translator = get_ui(request)
    response = render(request, ui, "error.html", {"status": status, "message": message}, status=status)
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{loc or 'request'}: {err.get('msg', 'invalid value')}")
    return "Invalid request: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing here: {request.url.path}"
        return _error_response(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 422, _validation_message(exc))

    @app.exception_handler(DragomanError)
    async def dragoman_error(request: Request, exc: DragomanError) -> Response:
        status = 404 if isinstance(exc, NotFound) else 401 if isinstance(exc, AuthError) else (
            500 if isinstance(exc, (StoreError, ConfigError)) else 422)
        return _error_response(request, status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        return _error_response(request, 500, f"Internal error ({type(exc).__name__}).")


def _include_routers(app: FastAPI) -> None:
    from dragoman.web.api import router as api_router
    from dragoman.web.routes import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    app.include_router(api_router)


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the web application over ``store`` (or the store named by ``settings``, opened on first use)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        if app.state.owns_store and app.state.store is not None:
            app.state.store.close()

    app = FastAPI(
        title="Dragoman",
        version=VERSION,
        description="A source-cited record of bilateral relations. JSON API under /api/v1; "
                    "write endpoints need 'Authorization: Bearer <token>'.",
        docs_url=None,  # the Swagger UI loads from a CDN; the app must work offline
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.owns_store = False
    app.state.browse_cache = BrowseCache(ttl=CACHE_SECONDS)  # aggregates; cleared by the app's own writes
    app.state.templates = _templates()
    static_dir = resources.files("dragoman.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")
    _install_error_handlers(app)
    _include_routers(app)
    app.add_middleware(BodyLimit, limit=settings.max_input_bytes + REQUEST_OVERHEAD)
    app.add_middleware(SecurityHeaders)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    return app


def warm_up(app: FastAPI, every: float = 60.0, stop: threading.Event | None = None) -> None:
    """Keep the store-wide aggregates warm so no visitor pays for them (run in a daemon thread).

    The overview's pair league table reads every event-country row; computing it
    before the first request, and again before its cache entry expires, keeps
    the first page view as fast as the next. Templates are compiled once, too.
    """
    stop = stop or threading.Event()
    for name in app.state.templates.env.list_templates():
        app.state.templates.env.get_template(name)
    while not stop.is_set():
        try:
            if app.state.store is None:
                return
            with app.state.store.session() as session:
                browse.overview_counts(session, cache=app.state.browse_cache)
                browse.top_pairs(session, 8, cache=app.state.browse_cache)
        except Exception:  # a warm-up must never take the server down
            log.exception("cache warm-up failed")
        stop.wait(every)
