"""Errors named for the problem. The CLI and the web app turn each into one clear message.

Every error carries a message that says what went wrong and, where there is one,
the fix. Nothing here prints: presentation belongs to the edges.
"""

from __future__ import annotations


class DragomanError(Exception):
    """Base class: a problem we expected and can explain in one sentence."""

    exit_code = 1


class ConfigError(DragomanError):
    """A setting is missing or invalid."""


class StoreError(DragomanError):
    """The database cannot be opened, migrated or written."""


class NotFound(DragomanError):
    """A document, person, event or institution id that does not exist."""

    exit_code = 3


class InputRejected(DragomanError):
    """One input (file, line, page) cannot be ingested; the batch goes on.

    ``origin`` names the file and line; ``reason`` is a short phrase for the summary.
    """

    def __init__(self, reason: str, origin: str = "") -> None:
        self.reason = reason
        self.origin = origin
        super().__init__(f"{origin}: {reason}" if origin else reason)


class FetchRefused(DragomanError):
    """A URL we will not fetch (private address, too large, wrong type...)."""


class AuthError(DragomanError):
    """A write operation without a valid token."""

    exit_code = 4
