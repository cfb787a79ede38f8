"""The Dragoman web application and JSON API (``create_app``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from dragoman.settings import Settings
    from dragoman.store import Store

__all__ = ["create_app"]


def create_app(settings: "Settings", store: "Store | None" = None) -> "FastAPI":
    """Build the app (see ``dragoman.web.app.create_app``); importing this package builds nothing."""
    from dragoman.web.app import create_app as _create

    return _create(settings, store)


def __getattr__(name: str) -> Any:
    raise AttributeError(name)
