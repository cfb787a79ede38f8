"""Options of live acquisition: one immutable object instead of many keyword arguments.

``AcquireOptions`` carries everything ``fetch_urls`` and ``watch`` need: the
safety switches (private addresses, size and time limits, redirects), the
politeness rules (User-Agent, per-host delay and concurrency, robots.txt), the
back-off schedule and the options handed to the ingest. Build one with
``AcquireOptions.from_settings(settings, allow_private=...)`` or directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from importlib import metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the ingest package is imported lazily (see ``ingest_options``)
    from dragoman.settings import Settings

MB = 1024 * 1024
DEFAULT_CONTACT_URL = "https://github.com/dragoman-project/dragoman#crawler"


def dragoman_version() -> str:
    """The installed version of Dragoman ("0+unknown" when running from a bare checkout)."""
    try:
        return metadata.version("dragoman")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def default_user_agent(contact_url: str = DEFAULT_CONTACT_URL) -> str:
    """``Dragoman/<version> (+<contact url>)``: names the bot, its version and where to complain."""
    return f"Dragoman/{dragoman_version()} (+{contact_url})"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class AcquireOptions:
    """How to fetch: safety limits, politeness, scheduling and ingest options.

    Sizes are in bytes, times in seconds. ``ingest`` is an ``IngestOptions`` (or
    None for the ingest defaults); ``clock`` returns the current UTC time and is
    replaceable so a test can step through the back-off schedule.
    """

    allow_private: bool = False
    allowed_hosts: frozenset[str] = frozenset()  # hosts allowed even if private (one intranet site)
    max_page_bytes: int = 5 * MB
    max_feed_bytes: int = 10 * MB
    max_robots_bytes: int = 512 * 1024
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    user_agent: str = field(default_factory=default_user_agent)
    respect_robots: bool = True
    robots_ttl: float = 3600.0
    per_host_delay: float = 1.0
    per_host_concurrency: int = 2
    concurrency: int = 8
    backoff_base: float = 60.0
    backoff_max: float = 24 * 3600.0
    max_articles_per_source: int = 200
    max_child_sitemaps: int = 50
    lang: str | None = None
    force: bool = False
    poll_sleep_max: float = 60.0
    ingest: Any = None
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def from_settings(cls, settings: "Settings", **overrides: Any) -> "AcquireOptions":
        """Options with ``allow_private`` from the settings (DRAGOMAN_FETCH_ALLOW_PRIVATE) unless overridden."""
        values: dict[str, Any] = {"allow_private": settings.fetch_allow_private}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> "AcquireOptions":
        return replace(self, **changes)

    def ingest_options(self) -> Any:
        """The ``IngestOptions`` to hand to ``ingest_documents`` (defaults if none given)."""
        if self.ingest is not None:
            return self.ingest
        from dragoman.ingest import IngestOptions

        return IngestOptions()
