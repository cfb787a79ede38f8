"""Briefing notes, built by the exports teammate's ``dragoman.briefing`` (hidden when absent)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from dragoman.web.deps import StoreDep, UiDep, briefing_available, optional_module
from dragoman.web.filters import DateQ, check_date

router = APIRouter(include_in_schema=False)
# The brief is a standalone document with its own inline styles; nothing in it runs.
BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@router.get("/briefs/{kind}/{subject}")
async def brief(kind: str, subject: str, store: StoreDep, ui: UiDep, since: DateQ = None, until: DateQ = None,
                fmt: Annotated[str, Query(pattern="^(html|md|docx|pdf)$")] = "html") -> Response:
    """A source-cited brief on a pair (AZ-BH), a person (per_…) or an institution (org_…)."""
    mod = optional_module("dragoman.briefing")
    if mod is None or not briefing_available():
        raise HTTPException(501, "Briefing notes are not available in this installation.")
    if kind not in ("pair", "person", "institution"):
        raise HTTPException(404, f"There are no briefs on {kind!r}: use pair, person or institution.")
    lang = ui.lang if ui.lang in getattr(mod, "LANGUAGES", ("en",)) else "en"
    spec = mod.BriefSpec(kind, subject, since=check_date("since", since), until=check_date("until", until), lang=lang)
    body = await run_in_threadpool(lambda: mod.render(mod.build_brief(store, spec), fmt))
    media = getattr(mod, "MEDIA_TYPES", {}).get(fmt, "application/octet-stream")
    headers = {"content-security-policy": BRIEF_CSP}
    if fmt in ("docx", "pdf", "md"):
        headers["content-disposition"] = f'attachment; filename="brief-{kind}-{subject[:40]}.{fmt}"'
    return Response(body, media_type=media, headers=headers)
