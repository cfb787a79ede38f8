"""Briefing notes: a source-cited summary of a country pair, a person or an institution.

    from dragoman.briefing import BriefSpec, build_brief, render
    brief = build_brief(store, BriefSpec("pair", "AZ-BH", since="2025", lang="ar"))
    pdf_bytes = render(brief, "pdf")

``build_brief`` reads the store once and returns a ``Brief`` (sections of
sentences, each fact with its citations into a numbered source list);
``render`` turns it into Markdown or HTML (str), DOCX or PDF (bytes). The
web app and the API call these same two functions.
"""

from __future__ import annotations

from typing import Any

from dragoman.briefing.model import (
    FORMATS,
    LANGUAGES,
    Brief,
    BriefSpec,
    BriefSpecError,
    Item,
    Section,
    Sentence,
    Source,
)
from dragoman.errors import NotFound
from dragoman.store import Store
from dragoman.store import reports as q
from dragoman.store.reports import ReportFilters

__all__ = [
    "Brief",
    "BriefSpec",
    "BriefSpecError",
    "Item",
    "Section",
    "Sentence",
    "Source",
    "FORMATS",
    "LANGUAGES",
    "build_brief",
    "render",
    "MEDIA_TYPES",
]

MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _period(ctx: Any) -> str:
    f, S = ctx.filters, ctx.S
    since = S.date(ctx.spec.since) if f.since else None
    until = S.date(ctx.spec.until) if f.until else None
    if since and until:
        return S.t("period.both", since=since, until=until)
    if since:
        return S.t("period.since", since=since)
    if until:
        return S.t("period.until", until=until)
    return S.t("period.all")


def build_brief(store: Store, spec: BriefSpec) -> Brief:
    """Build the brief ``spec`` asks for from the store (NotFound for an unknown subject)."""
    from dragoman.briefing.common import Ctx
    from dragoman.briefing.entity import build_institution_sections, build_person_sections
    from dragoman.briefing.pair import build_pair_sections

    pair = spec.subject if spec.kind == "pair" else None
    filters = ReportFilters.make(pair=pair, since=spec.since, until=spec.until)
    with store.session() as session:
        ctx = Ctx(session, spec, filters)
        if spec.kind == "pair":
            assert filters.pair
            if not q.pair_has_data(session, filters.pair):
                raise NotFound(f"Nothing is recorded for the pair {filters.pair_key}: no events, agreements "
                               "or milestones.")
            sections, subject_id = build_pair_sections(ctx)
            a, b = (ctx.S.country(c) for c in filters.pair)
            title = ctx.S.t("title.pair", a=a, b=b)
        elif spec.kind == "person":
            sections, subject_id, name = build_person_sections(ctx)
            title = ctx.S.t("title.person", name=ctx.S.iso(name))
        else:
            sections, subject_id, name = build_institution_sections(ctx)
            title = ctx.S.t("title.institution", name=ctx.S.iso(name))
        sources = ctx.citer.sources()
        today = ctx.today
        subtitle = _period(ctx) + " · " + ctx.S.t("generated", date=ctx.S.date(today.isoformat()), n=len(sources))
        labels = {"sources": ctx.S.t("headings.sources"), "no_sources": ctx.S.t("empty.sources")}
        return Brief(spec.kind, subject_id, title, subtitle, spec.lang, ctx.S.direction,  # type: ignore[arg-type]
                     today, sections, sources, labels)


def render(brief: Brief, fmt: str) -> str | bytes:
    """Markdown or HTML as ``str``; DOCX or PDF as ``bytes``."""
    if fmt == "md":
        from dragoman.briefing.render_md import render_markdown

        return render_markdown(brief)
    if fmt == "html":
        from dragoman.briefing.render_html import render_html

        return render_html(brief)
    if fmt == "pdf":
        from dragoman.briefing.render_html import render_pdf

        return render_pdf(brief)
    if fmt == "docx":
        from dragoman.briefing.render_docx import render_docx

        return render_docx(brief)
    raise BriefSpecError(f"Unknown brief format {fmt!r}: choose one of {', '.join(FORMATS)}.")

