"""Fixtures for the web tests: a populated store per backend, a TestClient, a live uvicorn server."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient

from dragoman.settings import Settings
from dragoman.store import Store
from dragoman.web import create_app

from .fixtures import populate

TOKEN = "test-token-0123456789"
ROOT = Path(__file__).resolve().parents[2]


def _root() -> Any:
    """The shared tests/conftest.py module (its name depends on pytest's import mode)."""
    for name in ("tests.conftest", "conftest"):
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "BACKENDS"):
            return module
    raise RuntimeError("tests/conftest.py is not loaded")


def _backends() -> list:
    return _root().BACKENDS


@pytest.fixture(scope="module", params=_backends())
def web_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding the fixture record (module-scoped: read-only tests share it)."""
    root = _root()
    if request.param == "sqlite":
        url, name = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}", None
    else:
        url, name = root._fresh_pg_database()
    store = Store.open(url)
    store.doc_ids = populate(store)  # type: ignore[attr-defined]
    try:
        yield store
    finally:
        store.close()
        if name:
            root._drop_pg_database(name)


def make_settings(store: Store, tmp: Path, **changes: object) -> Settings:
    return Settings(database_url=store.url, data_dir=tmp, token=TOKEN).with_(**changes)


@pytest.fixture(scope="module")
def client(web_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(make_settings(web_store, tmp_path_factory.mktemp("data")), web_store)
    with TestClient(app) as c:
        yield c


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a background thread."""

    def __init__(self, app: object) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
