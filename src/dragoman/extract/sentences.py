"""Regex sentence splitting that knows the abbreviations of agency copy.

Sentences are the unit of evidence: every event, participant, date and place
points at the sentence(s) it was read from.
"""

from __future__ import annotations

import re

from dragoman.models import Evidence

_BOUNDARY = re.compile(r"[.!?؟।]+[\"”’»)]*(?=\s)|\n\s*")
_ABBREV = frozenset(
    "mr mrs ms dr prof st no nos vs jan feb mar apr jun jul aug sep sept oct nov dec "
    "h.e h.r.h h.h e.g i.e u.s u.k u.n gen col lt maj sr jr co corp inc ltd eng art".split()
)
_INITIAL = re.compile(r"(?:^|\s)(?:[A-Z]|[A-Z]\.[A-Z])$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character spans of the sentences of ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group()[0] == ".":
            before = text[max(start, m.start() - 6) : m.start()]
            word = before.rsplit(None, 1)[-1].lower().lstrip("(") if before.strip() else ""
            if word in _ABBREV or _INITIAL.search(before):
                continue
        _push(text, start, end, spans)
        start = end
    _push(text, start, len(text), spans)
    return spans


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def evidence_of(text: str, span: tuple[int, int]) -> Evidence:
    """Evidence for one sentence span."""
    return Evidence(start=span[0], end=span[1], text=text[span[0] : span[1]])
