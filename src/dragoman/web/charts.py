"""Server-rendered inline SVG: the engagement timeline and the counts chart.

No script and no style attributes (the Content-Security-Policy forbids inline
styles): shapes carry presentation attributes and CSS classes (``t-meeting`` …)
coloured by the app's stylesheet. Every label is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from dragoman.web.i18n import Translator

TYPES = ("visit", "meeting", "phone_call", "agreement", "message", "other")
LEVEL_RADIUS = {1: 7.5, 2: 6.5, 3: 5.5, 4: 4.5}


def _day(value: str) -> date | None:
    parts = (value or "").split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 7
        d = int(parts[2][:2]) if len(parts) > 2 else (15 if len(parts) > 1 else 1)
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Year ticks, or month ticks when the range is short."""
    if (hi - lo).days > 600:
        step = max(1, (hi.year - lo.year + 1) // 8)
        return [(date(y, 1, 1), str(y)) for y in range(lo.year, hi.year + 2, step) if lo <= date(y, 1, 1) <= hi]
    ticks, y, m = [], lo.year, lo.month
    while date(y, m, 1) <= hi:
        if date(y, m, 1) >= lo:
            ticks.append((date(y, m, 1), f"{y}-{m:02d}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    step = max(1, len(ticks) // 8)
    return ticks[::step]


def _dot(p: dict[str, Any], cx: float, cy: float, ui: Translator, peak: int) -> str:
    """One event (size = protocol level, linked to the event) or one period's events of a type
    (``n`` and ``href`` set: size = count, linked to the filtered list)."""
    if p.get("n") is not None:
        r = 2.5 + 7.5 * (p["n"] / peak) ** 0.5
        tip = f'{ui.date(p["date"])} · {ui.event_type(p["type"])}: {ui.num(p["n"])}'
        href = p.get("href") or "#"
        cls = "dot agg"
    else:
        r = LEVEL_RADIUS.get(p.get("level") or 0, 3.8)
        tip = f'{ui.date(p["date"])} · {ui.event_type(p["type"])}' + (f' · {p["title"]}' if p.get("title") else "")
        href = f'/events/{p["id"]}'
        cls = "dot"
    return (f'<a href="{escape(href)}"><circle class="{cls} t-{escape(p["type"])}" cx="{cx:.1f}" cy="{cy}" '
            f'r="{r:.1f}"><title>{escape(tip)}</title></circle></a>')


def timeline_svg(points: Sequence[dict[str, Any]], ui: Translator, *, width: int = 960) -> Markup:
    """A lane per event type; one dot per event or per period (see ``_dot``)."""
    dated = [(p, _day(p["date"])) for p in points]
    dated = [(p, d) for p, d in dated if d]
    if not dated:
        return Markup("")
    lanes = [t for t in TYPES if any(p["type"] == t for p, _ in dated)] or ["other"]
    lane_of = {t: i for i, t in enumerate(lanes)}
    lo = min(d for _, d in dated)
    hi = max(d for _, d in dated)
    pad = max(3, (hi - lo).days // 40)
    lo, hi = date.fromordinal(lo.toordinal() - pad), date.fromordinal(hi.toordinal() + pad)
    left, right, top, lane_h = 110, 20, 14, 34
    height = top + lane_h * len(lanes) + 28
    span = (hi - lo).days or 1

    def x(d: date) -> float:
        return left + (width - left - right) * (d - lo).days / span

    out = [f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" direction="ltr" '
           f'aria-label="{escape(ui.t("pair.timeline"))}" xmlns="http://www.w3.org/2000/svg">']
    for t, i in lane_of.items():
        y = top + lane_h * i + lane_h / 2
        out.append(f'<line class="lane" x1="{left}" x2="{width - right}" y1="{y}" y2="{y}"/>')
        out.append(f'<text class="lane-label" x="{left - 8}" y="{y + 4}" text-anchor="end">{escape(ui.event_type(t))}</text>')
    base = top + lane_h * len(lanes)
    for d, label in _ticks(lo, hi):
        out.append(f'<line class="tick" x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{top}" y2="{base + 4}"/>')
        out.append(f'<text class="tick-label" x="{x(d):.1f}" y="{base + 18}" text-anchor="middle">{escape(label)}</text>')
    peak = max((p.get("n") or 1 for p, _ in dated), default=1)
    for p, d in sorted(dated, key=lambda pd: (-(pd[0].get("level") or 9), -(pd[0].get("n") or 1))):
        y = top + lane_h * lane_of.get(p["type"], 0) + lane_h / 2
        out.append(_dot(p, x(d), y, ui, peak))
    out.append("</svg>")
    return Markup("".join(out))


def _periods(first: str, last: str, monthly: bool) -> list[str]:
    if not monthly:
        return [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
    out, y, m = [], int(first[:4]), int(first[5:7])
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def counts_svg(rows: Sequence[dict[str, Any]], ui: Translator, *, monthly: bool = False, width: int = 960,
               height: int = 220) -> Markup:
    """Stacked bars of event counts per period, one colour per type."""
    if not rows:
        return Markup("")
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        table[r["period"]][r["type"]] = table[r["period"]].get(r["type"], 0) + r["n"]
    periods = _periods(min(table), max(table), monthly)
    peak = max(sum(v.values()) for v in table.values()) or 1
    left, bottom, top = 44, 26, 10
    plot_h = height - bottom - top
    slot = (width - left - 10) / max(1, len(periods))
    bar = max(2.0, min(48.0, slot * 0.7))
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" direction="ltr" '
           f'aria-label="{escape(ui.t("pair.per_period"))}" xmlns="http://www.w3.org/2000/svg">']
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        out.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick-label" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{escape(ui.num(round(peak * frac)))}</text>')
    label_every = max(1, len(periods) // 12)
    for i, period in enumerate(periods):
        cx = left + slot * i + slot / 2
        y = top + plot_h
        counts = table.get(period, {})
        for t in TYPES:
            n = counts.get(t, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            tip = f"{period} · {ui.event_type(t)}: {ui.num(n)}"
            out.append(f'<rect class="bar t-{t}" x="{cx - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                       f'height="{h:.1f}"><title>{escape(tip)}</title></rect>')
        if i % label_every == 0:
            out.append(f'<text class="tick-label" x="{cx:.1f}" y="{height - 8}" text-anchor="middle">'
                       f'{escape(period)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
