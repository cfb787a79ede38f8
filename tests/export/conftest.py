"""Fixtures for export tests: the invented AZ–BH record on every backend."""

from __future__ import annotations

import pytest

from dragoman.store import Store
from tests.export import fixtures as fx


@pytest.fixture
def fx_store(store: Store) -> Store:
    """The ``store`` fixture (SQLite, and PostgreSQL when configured) holding the invented record."""
    fx.populate(store)
    return store
