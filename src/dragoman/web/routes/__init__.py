"""HTML pages: one router per resource."""

from __future__ import annotations

from dragoman.web.routes import (briefs, countries, documents, events, institutions, overview, pairs, people, search,
                                 sources, upload)

ROUTERS = [
    overview.router,
    pairs.router,
    events.router,
    people.router,
    institutions.router,
    countries.router,
    documents.router,
    search.router,
    upload.router,
    sources.router,
    briefs.router,
]
