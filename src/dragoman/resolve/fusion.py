"""Combining the readings of one event's sources into the fused record.

Pure functions over ``event_sources.reading`` dicts (a DocEvent as read, plus
``_document``, ``_published``, ``_newsroom``). Every reading keeps its own
values in ``event_sources``; the fused value is a vote in which each
independent newsroom counts once (so wire copies do not outvote), ties going
to the earliest report. Where sources disagree (another date, another place,
another title, another role for a participant) the alternatives and the
documents behind each are kept in ``events.disagreements``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

from dragoman.resolve.context import Titles
from dragoman.resolve.names import skeleton
from dragoman.textnorm import fold, script_of

__all__ = ["bounds", "dates_overlap", "fuse_readings", "fuse_participants"]


def bounds(start: str | None, end: str | None = None) -> tuple[str, str] | None:
    """(first day, last day) of a YYYY / YYYY-MM / YYYY-MM-DD date or range."""
    if not start:
        return None

    def lo_hi(d: str) -> tuple[str, str]:
        d = d[:10]
        if len(d) == 4:
            return d + "-01-01", d + "-12-31"
        if len(d) == 7:
            return d + "-01", d + "-31"
        return d, d

    lo, hi = lo_hi(start)
    if end:
        hi = max(hi, lo_hi(end)[1])
    return lo, hi


def dates_overlap(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    return bool(a and b) and not (a[1] < b[0] or b[1] < a[0])


def _vote(items: list[tuple[Any, str, str]], same: Callable[[Any, Any], bool] = lambda x, y: x == y) -> tuple[Any, list[dict[str, Any]]]:
    """Winner of (value, newsroom, document) items and the alternatives if they disagree.

    Items are in source order; values judged ``same`` are one option. Each
    option scores the number of distinct newsrooms; ties go to the earliest.
    """
    options: list[list[Any]] = []  # [value, newsrooms set, documents list]
    for value, newsroom, doc in items:
        if value in (None, "", ()):
            continue
        for opt in options:
            if same(opt[0], value):
                opt[1].add(newsroom)
                if doc not in opt[2]:
                    opt[2].append(doc)
                break
        else:
            options.append([value, {newsroom}, [doc]])
    if not options:
        return None, []
    best = max(enumerate(options), key=lambda io: (len(io[1][1]), -io[0]))[1]
    alts = [{"value": o[0], "documents": sorted(o[2])} for o in options] if len(options) > 1 else []
    return best[0], alts


def _same_place(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Places agree when countries agree and names share a skeleton (Baku = باكو = Баку)."""
    if a[1] and b[1] and a[1] != b[1]:
        return False
    if a[0] and b[0]:
        return skeleton(a[0].split()[0]) == skeleton(b[0].split()[0])
    return True


def _same_text(a: str, b: str) -> bool:
    """Titles in two scripts cannot be compared: not a disagreement."""
    return script_of(a) != script_of(b) or fold(a) == fold(b)


def _date_key(r: dict[str, Any]) -> tuple[str, str | None, str] | None:
    d = r.get("date") or {}
    if not d.get("start"):
        return None
    return (d["start"], d.get("end"), d.get("granularity") or "day")


def _same_date(a: tuple[str, str | None, str], b: tuple[str, str | None, str]) -> bool:
    """Equal, or a coarser date containing the finer one ("2025-05" and "2025-05-12")."""
    if a == b:
        return True
    if a[2] != b[2]:
        return dates_overlap(bounds(a[0], a[1]), bounds(b[0], b[1]))
    return False


def _pick_date(items: list[tuple[Any, str, str]]) -> tuple[Any, list[dict[str, Any]]]:
    """The finest date most newsrooms agree on; coarser compatible dates are not disagreements."""
    rank = {"day": 0, "month": 1, "year": 2}
    finest = min((rank.get(v[2], 0) for v, _, _ in items if v), default=None)
    if finest is None:
        return None, []
    fine = [it for it in items if it[0] and rank.get(it[0][2], 0) == finest]
    winner, alts = _vote(fine)
    coarse_conflicts = [it for it in items if it[0] and not _same_date(it[0], winner)]
    if coarse_conflicts and not alts:
        _, alts = _vote(fine + coarse_conflicts, _same_date)
    return winner, alts


def fuse_readings(readings: list[dict[str, Any]], titles: Titles) -> dict[str, Any]:
    """The fused event fields (without participants) from its sources' readings."""
    def items(get: Callable[[dict[str, Any]], Any]) -> list[tuple[Any, str, str]]:
        return [(get(r), r.get("_newsroom") or r["_document"], r["_document"]) for r in readings]

    disagreements: list[dict[str, Any]] = []

    def pick(field: str, get: Callable[[dict[str, Any]], Any], same: Callable[[Any, Any], bool] | None = None) -> Any:
        value, alts = _vote(items(get), same) if same else _vote(items(get))
        if alts:
            disagreements.append({"field": field, "values": alts})
        return value

    type_ = pick("type", lambda r: r.get("type")) or "other"
    status = pick("status", lambda r: r.get("status")) or "occurred"
    date, alts = _pick_date(items(_date_key))
    if alts:
        disagreements.append({"field": "date", "values": [{"value": a["value"][0] if a["value"][1] is None else f"{a['value'][0]}/{a['value'][1]}", "documents": a["documents"]} for a in alts]})
    place = pick("location", lambda r: (lambda loc: (loc.get("name"), loc.get("country")) if loc and (loc.get("name") or loc.get("country")) else None)(r.get("location")), _same_place)
    title = pick("title", lambda r: r.get("title"), _same_text)
    countries = sorted({c for r in readings for c in (r.get("countries") or []) if c})
    topics: list[str] = []
    for r in readings:
        topics += [t for t in r.get("topics") or [] if t not in topics]
    plover = next((r.get("plover") for r in readings if r.get("type") == type_ and r.get("plover")), {}) or {}
    confidence = max(float(r.get("confidence") or 0.5) for r in readings)
    newsrooms = len({r.get("_newsroom") or r["_document"] for r in readings})
    published = sorted(r["_published"] for r in readings if r.get("_published"))
    start, end, gran = date if date else (None, None, None)
    if place and not place[1]:
        place = (place[0], next((r["location"]["country"] for r in readings if (r.get("location") or {}).get("country")), None))
    anchor = start if start and len(start) == 10 else (published[0] if published else (bounds(start) or (None,))[0])
    return {
        "type": type_, "status": status, "date_start": start, "date_end": end, "granularity": gran,
        "location_name": place[0] if place else None, "location_country": place[1] if place else None,
        "countries": countries, "topics": topics, "plover": plover, "title": title,
        "confidence": round(min(0.99, confidence + 0.05 * (newsrooms - 1)), 3),
        "reports": len({r["_document"] for r in readings}), "newsrooms": newsrooms,
        "disagreements": disagreements, "anchor_date": anchor,
    }


def fuse_participants(readings: list[dict[str, Any]], persons: dict[str, dict[str, str]],
                      titles: Titles) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int | None]:
    """Participants merged across sources, each with the documents that evidence them.

    ``persons`` maps document external id -> {local person key -> person id}.
    Returns (participant rows, title disagreements, protocol level).
    """
    acc: dict[str, dict[str, list[tuple[Any, str, str]]]] = defaultdict(lambda: defaultdict(list))
    for r in readings:
        doc = r["_document"]
        newsroom = r.get("_newsroom") or doc
        for p in r.get("participants") or []:
            pid = persons.get(doc, {}).get(p.get("person"))
            if not pid:
                continue
            for key in ("role", "title", "organization", "country"):
                acc[pid][key].append((p.get(key), newsroom, doc))
            acc[pid]["documents"].append((doc, newsroom, doc))
    rows, disagreements, levels = [], [], []
    for pid in sorted(acc):
        a = acc[pid]
        role = _vote(a["role"])[0] or "participant"
        latin_titles = [it for it in a["title"] if it[0] and script_of(it[0]) == "latin"]
        title = _vote(latin_titles)[0] or _vote(a["title"])[0]
        roles = [(titles.role_of(t), n, d) for t, n, d in a["title"] if t]
        _, alts = _vote(roles)
        if alts:
            disagreements.append({"field": "participant_title", "person": pid, "values": alts})
        level = min((lv for lv in (titles.level_of(t) for t, _, _ in a["title"] if t) if lv), default=None)
        if level:
            levels.append(level)
        rows.append({"person_id": pid, "role": role, "title": title, "organization": _vote(a["organization"])[0],
                     "country": _vote(a["country"])[0], "documents": sorted({d for d, _, _ in a["documents"]})})
    return rows, disagreements, min(levels) if levels else None
