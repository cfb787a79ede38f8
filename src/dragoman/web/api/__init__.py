"""The JSON API under ``/api/v1``: one router per resource."""

from __future__ import annotations

from fastapi import APIRouter

from dragoman.web.api import corrections, documents, events, institutions, pairs, persons, search, sources

router = APIRouter(prefix="/api/v1")
for module in (documents, events, persons, institutions, pairs, search, sources, corrections):
    router.include_router(module.router)

__all__ = ["router"]
