"""A progress bar that silences itself when quiet or when stderr is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

ProgressCallback = Callable[[int, int | None], None]


@contextmanager
def progress_bar(label: str, quiet: bool = False) -> Iterator[ProgressCallback | None]:
    """Yield a ``(done, total)`` callback driving a rich bar, or None when silent."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(label, total=None)

    def update(done: int, total: int | None) -> None:
        progress.update(task, completed=done, total=total)

    with progress:
        yield update
