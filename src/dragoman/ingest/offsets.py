"""Offset maps: from positions in the cleaned text back to the raw input.

Cleaning never rewrites characters; it only keeps some stretches of the raw
text and drops the rest (furniture, datelines, repeated leads). The cleaned
text is therefore a concatenation of raw slices joined by separators, and a
list of (clean_offset, raw_offset) anchors, one per kept slice, is enough to
map any cleaned position exactly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


class TextBuilder:
    """Builds a cleaned text from raw slices, recording an anchor per slice."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._length = 0
        self.anchors: list[tuple[int, int]] = []

    def keep(self, start: int, end: int) -> None:
        """Append raw[start:end] to the cleaned text."""
        if end <= start:
            return
        self.anchors.append((self._length, start))
        self._parts.append(self.raw[start:end])
        self._length += end - start

    def separator(self, sep: str) -> None:
        """Append text that is not in the raw input (paragraph breaks)."""
        if self._length:
            self._parts.append(sep)
            self._length += len(sep)

    def text(self) -> str:
        return "".join(self._parts)


def to_raw(offset_map: Sequence[Sequence[int]], clean_offset: int) -> int:
    """Map a cleaned-text offset to the raw input (identity when there is no map)."""
    if not offset_map:
        return clean_offset
    keys = [a[0] for a in offset_map]
    i = bisect_right(keys, clean_offset) - 1
    if i < 0:
        return offset_map[0][1]
    clean, raw = offset_map[i]
    return raw + (clean_offset - clean)


def span_to_raw(offset_map: Sequence[Sequence[int]], start: int, end: int) -> tuple[int, int]:
    """Map a half-open cleaned span to the raw input."""
    if end <= start:
        pos = to_raw(offset_map, start)
        return pos, pos
    return to_raw(offset_map, start), to_raw(offset_map, end - 1) + 1
