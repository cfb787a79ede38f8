"""Safe highlighting of untrusted report text.

Document text is never trusted: every character of it goes through
``markupsafe.escape``; only the wrapping ``<mark>``/``<a>`` elements are ours,
and their attribute values are escaped too. Spans may overlap (a title inside
an evidence sentence): the text is cut at every span boundary and each piece
carries the classes of all spans covering it, linked by the innermost span
that has a link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class HSpan:
    """A stretch of text to highlight: [start, end) with CSS classes and an optional link."""

    start: int
    end: int
    classes: str
    href: str | None = None
    title: str | None = None


def highlight(text: str, spans: Iterable[HSpan]) -> Markup:
    """``text`` escaped, with ``spans`` wrapped in ``<mark>`` (or ``<a>`` when linked)."""
    n = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= n]
    if not valid:
        return escape(text)
    cuts = sorted({0, n, *(s.start for s in valid), *(s.end for s in valid)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        covering = [s for s in valid if s.start <= a and s.end >= b]
        if not covering:
            out.append(piece)
            continue
        out.append(_wrap(piece, covering))
    return Markup("".join(out))


def _wrap(piece: Markup, covering: Sequence[HSpan]) -> str:
    classes = " ".join(dict.fromkeys(c for s in covering for c in s.classes.split()))
    linked = sorted((s for s in covering if s.href), key=lambda s: s.end - s.start)
    titled = sorted((s for s in covering if s.title), key=lambda s: s.end - s.start)
    title = f' title="{escape(titled[0].title)}"' if titled else ""
    if linked:
        return f'<a class="hl {escape(classes)}" href="{escape(linked[0].href)}"{title}>{piece}</a>'
    return f'<mark class="hl {escape(classes)}"{title}>{piece}</mark>'


def snippet_markup(pieces: Sequence[tuple[str, bool]]) -> Markup:
    """A search snippet given as (text, is_match) pieces, matches in ``<mark>``."""
    return Markup("").join(Markup("<mark>{}</mark>").format(t) if hit else escape(t) for t, hit in pieces)


def locate(text: str, ev: dict[str, Any]) -> tuple[int, int] | None:
    """Where an evidence item lies in ``text``: its offsets, or a search for its text if they drifted."""
    start, end, quote = ev.get("start"), ev.get("end"), ev.get("text") or ""
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        if not quote or text[start:end] == quote:
            return start, end
    if quote:
        found = text.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


FIELD_ORDER = ("event", "date", "place", "participants", "topics", "agreement")


def evidence_by_field(source: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Group a source's evidence by the event field it supports.

    Reads the document's reading of the event (``reading``: the DocEvent as
    read: ``evidence``, ``date.evidence``, ``location.evidence``,
    ``participants[].evidence``) and the source's own ``evidence`` list, whose
    items may name a ``field``.
    """
    reading = source.get("reading") or {}
    fields: dict[str, list[dict[str, Any]]] = {}

    def add(name: str, items: Any) -> None:
        if isinstance(items, dict):
            items = [items]
        for ev in items or []:
            if isinstance(ev, dict) and ("text" in ev or "start" in ev):
                fields.setdefault(name, []).append(ev)

    add("event", reading.get("evidence"))
    add("date", (reading.get("date") or {}).get("evidence"))
    add("place", (reading.get("location") or {}).get("evidence"))
    for p in reading.get("participants") or []:
        add("participants", (p or {}).get("evidence"))
    for ev in source.get("evidence") or []:
        if isinstance(ev, dict):
            add(str(ev.get("field") or "event"), [ev])
    return {k: fields[k] for k in sorted(fields, key=lambda f: FIELD_ORDER.index(f) if f in FIELD_ORDER else 99)}


def evidence_spans(text: str, fields: dict[str, list[dict[str, Any]]], labels: dict[str, str]) -> list[HSpan]:
    """Highlight spans for grouped evidence: class ``ev ev-<field>``, titled by the field."""
    spans = []
    for name, items in fields.items():
        for ev in items:
            where = locate(text, ev)
            if where:
                spans.append(HSpan(where[0], where[1], f"ev ev-{name}", title=labels.get(name, name)))
    return spans
