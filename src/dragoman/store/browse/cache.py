"""A small time-bounded memo for costly read aggregates, owned by whoever serves the pages.

The web app creates one ``BrowseCache`` per application (``app.state``) and
clears it after every write it makes (ingest, corrections); writes made
elsewhere (the watcher, the CLI) show after at most ``ttl`` seconds. Nothing
here touches the database: the browse functions hand it a key and a function
that computes the value. There is no module-level cache: two apps over two
stores never share entries.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class BrowseCache:
    """Least-recently-used entries, each kept ``ttl`` seconds; thread-safe (pages run in a thread pool)."""

    def __init__(self, ttl: float = 60.0, max_entries: int = 512,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], T], ttl: float | None = None) -> T:
        """The cached value of ``key``, computed (outside the lock) when missing or older than ``ttl``."""
        now = self._clock()
        limit = self.ttl if ttl is None else ttl
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and now - hit[0] < limit:
                self._entries.move_to_end(key)
                self.hits += 1
                return hit[1]  # type: ignore[return-value]
            self.misses += 1
        value = compute()
        with self._lock:
            self._entries[key] = (self._clock(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget everything (after a write through the app)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def cached(cache: BrowseCache | None, key: Hashable, compute: Callable[[], T], ttl: float | None = None) -> T:
    """``cache.get(key, compute)``, or just ``compute()`` without a cache (scripts, tests)."""
    return compute() if cache is None else cache.get(key, compute, ttl)
