"""/api/v1/sources: followed feeds, sitemaps and listing pages with their health; add and remove (token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path
from pydantic import BaseModel, Field

from dragoman.store.sources import get_source, remove_source, source_health, sources_health
from dragoman.web.api.models import SourceOut, errors
from dragoman.web.deps import SessionDep, TokenDep
from dragoman.web.i18n import translator
from dragoman.web.sourceform import add_checked, check_source

router = APIRouter(tags=["sources"])
NameP = Annotated[str, Path(max_length=255, description="The source's name")]


class SourceIn(BaseModel):
    name: str = Field(max_length=255, description="A unique name")
    url: str = Field(max_length=2000, description="The feed, sitemap or listing page (http or https)")
    kind: str = Field(description="feed, sitemap or listing")
    lang: str | None = Field(default=None, description="Language of its articles (en, ar, …); detected when empty")
    interval_seconds: int = Field(default=3600, description="Seconds between checks (at least 60)")
    link_pattern: str | None = Field(default=None, max_length=500,
                                     description="Listing pages: a regular expression the article links match")


@router.get("/sources", response_model=list[SourceOut])
def list_sources(s: SessionDep) -> list[dict[str, Any]]:
    """Every followed source, by name, with its health: status (ok, failing, new, disabled), last check,
    last success, last error, articles found and URLs known."""
    return [h.to_dict() for h in sources_health(s)]


@router.post("/sources", status_code=201, response_model=SourceOut, responses=errors(401, 403, 422))
def add_source(body: SourceIn, _t: TokenDep, s: SessionDep) -> dict[str, Any]:
    """Follow a new source; it is due at once. Every invalid field is named in the 422 message."""
    ui = translator("en")
    values = {**body.model_dump(exclude={"interval_seconds"}), "interval": body.interval_seconds}
    form = check_source(values, ui, unit_seconds=1)
    if not add_checked(s, form, ui):
        names = {"interval": "interval_seconds"}
        detail = "; ".join(f"{names.get(k, k)}: {v}" for k, v in form.errors.items())
        raise HTTPException(422, f"Invalid request: {detail}")
    return source_health(s, form.values["name"]).to_dict()


@router.delete("/sources/{name:path}", responses=errors(401, 403, 404))
def delete_source(name: NameP, _t: TokenDep, s: SessionDep) -> dict[str, Any]:
    """Stop following a source. The URLs it found stay known, so nothing is fetched twice."""
    if get_source(s, name) is None:
        raise HTTPException(404, f"There is no source named {name!r}.")
    remove_source(s, name)
    return {"status": "ok", "removed": name}
