"""Settings: built explicitly (``Settings.from_env``), never at import time.

Precedence: explicit arguments (CLI options) > environment variables > defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from platformdirs import user_data_dir

from dragoman.errors import ConfigError

DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
SUPPORTED_LANGUAGES = ("en", "ar", "ru", "az", "tr", "fr", "de")


def default_data_dir() -> Path:
    return Path(os.environ.get("DRAGOMAN_DATA_DIR") or user_data_dir("dragoman", appauthor=False))


def database_url_for(db: str | os.PathLike[str] | None) -> str:
    """Turn ``--db`` (a path or a URL) into an SQLAlchemy URL."""
    if db is None:
        env = os.environ.get("DRAGOMAN_DATABASE_URL")
        if env:
            return env
        path = default_data_dir() / "dragoman.db"
        return f"sqlite:///{path}"
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}.") from exc


@dataclass(frozen=True)
class Settings:
    """Everything configurable. Immutable: derive variants with ``with_``."""

    database_url: str
    data_dir: Path
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    token: str | None = None
    tokens_file: Path | None = None
    fetch_allow_private: bool = False
    batch_size: int = 200
    languages: tuple[str, ...] = field(default=SUPPORTED_LANGUAGES)

    @classmethod
    def from_env(cls, db: str | os.PathLike[str] | None = None, **overrides: object) -> "Settings":
        tokens_file = os.environ.get("DRAGOMAN_TOKENS_FILE")
        values: dict[str, object] = {
            "database_url": database_url_for(db),
            "data_dir": default_data_dir(),
            "max_input_bytes": _int_env("DRAGOMAN_MAX_INPUT_BYTES", DEFAULT_MAX_INPUT_BYTES),
            "token": os.environ.get("DRAGOMAN_TOKEN") or None,
            "tokens_file": Path(tokens_file) if tokens_file else None,
            "fetch_allow_private": os.environ.get("DRAGOMAN_FETCH_ALLOW_PRIVATE", "") in {"1", "true", "yes"},
            "batch_size": _int_env("DRAGOMAN_BATCH_SIZE", 200),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> "Settings":
        return replace(self, **changes)  # type: ignore[arg-type]

    def valid_tokens(self) -> set[str]:
        """The write tokens: DRAGOMAN_TOKEN plus one per line of the tokens file."""
        tokens = {self.token} if self.token else set()
        if self.tokens_file:
            try:
                lines = self.tokens_file.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"Cannot read the tokens file {self.tokens_file}: {exc.strerror}.") from exc
            tokens |= {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}
        return tokens
