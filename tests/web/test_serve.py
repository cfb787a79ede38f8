"""``dragoman serve``: a real uvicorn process on 127.0.0.1, and the refusal to bind elsewhere without a token."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from dragoman.cli.serve import is_loopback

from .conftest import free_port


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.1.2.3")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DRAGOMAN_TOKEN", "DRAGOMAN_TOKENS_FILE")}
    env.update(extra)
    return env


def test_refuses_public_address_without_token(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "dragoman", "serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0",
                        "--port", str(free_port())], capture_output=True, text=True, env=_env(), timeout=60)
    assert r.returncode != 0
    assert "Refusing to listen on 0.0.0.0 without a write token" in r.stderr
    assert "Traceback" not in r.stderr


def test_serves_pages_and_api(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dragoman", "serve", "--db", str(tmp_path / "s.db"),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(DRAGOMAN_TOKEN="serve-token"))
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.fail(f"server did not start: {proc.stderr.read() if proc.poll() is not None else ''}")
            time.sleep(0.2)
        assert "Dragoman" in httpx.get(base + "/").text
        assert httpx.get(base + "/api/v1/events").json()["total"] == 0
        r = httpx.post(base + "/api/v1/persons/merge", json={"ids": ["per_a", "per_b"]},
                       headers={"Authorization": "Bearer serve-token"})
        assert r.status_code == 404
    finally:
        proc.terminate()
        proc.wait(timeout=15)
