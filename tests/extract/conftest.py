"""Shared fixtures for the extraction tests: loaded resources and a doc builder."""

from __future__ import annotations

import pytest

from dragoman.extract import load_resources
from dragoman.models import CleanDocument


@pytest.fixture(scope="session")
def resources():
    return load_resources()


@pytest.fixture
def make_doc():
    """Build a CleanDocument from plain text (the cleaning stage is not under test here)."""

    def build(text: str, lang: str = "en", published: str | None = "2025-06-10", doc_id: str = "t1",
              dateline_place: str | None = None, dateline_country: str | None = None) -> CleanDocument:
        return CleanDocument(external_id=doc_id, text=text, lang=lang, published=published,
                             dateline_place=dateline_place, dateline_country=dateline_country,
                             dateline_date=published)

    return build
