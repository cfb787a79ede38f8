"""Shared fixtures: real SQLite always, real PostgreSQL when DRAGOMAN_TEST_POSTGRES_URL is set.

The PostgreSQL URL names a server database we may connect to (e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/postgres); each test that asks for
a store gets a fresh database created on that server and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dragoman.store import Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("DRAGOMAN_TEST_POSTGRES_URL")

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="set DRAGOMAN_TEST_POSTGRES_URL to run against PostgreSQL"),
        ],
    ),
]


def _fresh_pg_database() -> tuple[str, str]:
    """Create an empty database on the test server; returns (url, name)."""
    assert PG_URL
    server = make_url(PG_URL)
    if server.drivername == "postgresql":
        server = server.set(drivername="postgresql+psycopg")
    name = f"dragoman_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False), name


def _drop_pg_database(name: str) -> None:
    server = make_url(PG_URL).set(drivername="postgresql+psycopg")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dragoman.db'}"
        return
    url, name = _fresh_pg_database()
    try:
        yield url
    finally:
        _drop_pg_database(name)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An opened, migrated store on each backend."""
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'dragoman.db'}")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The example corpus run through the whole pipeline once (SQLite), shared read-only.

    Tests that use it must not write to it; tests that write build their own store.
    """
    from dragoman.ingest import IngestOptions, ingest_paths

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    s = Store.open(f"sqlite:///{path}")
    summary = ingest_paths(s, [EXAMPLES / "corpus"], IngestOptions())
    assert not summary.rejected, summary.rejected
    try:
        yield s
    finally:
        s.close()
