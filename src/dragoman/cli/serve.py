"""``dragoman serve``: the web application and JSON API on one port."""

from __future__ import annotations

import gc
import ipaddress
import secrets
import socket
import threading
from typing import Annotated

import typer
from rich.console import Console

from dragoman.cli.options import DbOption, settings_for
from dragoman.errors import ConfigError
from dragoman.settings import Settings

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Fail early, in one sentence, when the address cannot be bound."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), port))
        except OSError as exc:
            raise ConfigError(f"Cannot listen on {host}:{port} ({exc.strerror or exc}): "
                              "choose another address or --port.") from exc


def run_server(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Check the address and the token rules, then serve until interrupted."""
    import uvicorn

    from dragoman.store import Store
    from dragoman.web import create_app
    from dragoman.web.app import warm_up

    console = Console(stderr=True)
    tokens = settings.valid_tokens()
    if not is_loopback(host) and not tokens:
        raise ConfigError(f"Refusing to listen on {host} without a write token: set DRAGOMAN_TOKEN "
                          "(or DRAGOMAN_TOKENS_FILE), or keep the default --host 127.0.0.1.")
    check_port(host, port)
    if not tokens:
        settings = settings.with_(token=secrets.token_urlsafe(18))
        console.print(f"No token configured: uploads and corrections accept this session token: "
                      f"[bold]{settings.token}[/]", highlight=False)
    store = Store.open(settings.database_url)
    shown = f"[{host}]" if ":" in host else host
    console.print(f"Dragoman is serving {store.url} at [bold]http://{shown}:{port}/[/] (Ctrl+C to stop).",
                  highlight=False)
    app = create_app(settings, store)
    # Everything loaded so far (libraries, locale data, the schema) lives as long as the server: keep it out
    # of the collector's full passes, which otherwise pause a request now and then for tens of milliseconds.
    gc.freeze()
    threading.Thread(target=warm_up, args=(app,), name="dragoman-warm-up", daemon=True).start()
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning",
                    proxy_headers=False, server_header=False)
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""

    @app.command("serve")
    def serve(
        db: DbOption = None,
        host: Annotated[str, typer.Option(help="Address to bind. Anything but 127.0.0.1/localhost needs a token.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    ) -> None:
        """Serve the web application (pages in English and Arabic) and the /api/v1 JSON API."""
        run_server(settings_for(db), host, port)
