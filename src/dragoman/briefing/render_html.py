"""HTML rendering (Jinja2 template) and PDF (WeasyPrint from that HTML).

The page sets ``lang`` and ``dir`` from the brief, so an Arabic brief lays out
right to left; quoted evidence keeps its own ``lang``. The font stack comes
from the locale file: Noto Naskh Arabic covers Arabic, Noto Serif/Sans and
DejaVu the Latin and Cyrillic names (fontconfig picks per glyph).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from dragoman.briefing.i18n import Strings
from dragoman.briefing.model import Brief

TEMPLATES = Path(__file__).with_name("templates")
_FONT_STACK = re.compile(r'^[\w\s",-]+$')


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def render_html(brief: Brief) -> str:
    """A standalone HTML page (inline CSS, no external resources)."""
    font_stack = Strings(brief.lang).data.get("font_stack", "sans-serif")
    if not _FONT_STACK.match(font_stack):  # it goes into CSS unescaped
        raise ValueError(f"Invalid font_stack in locales/{brief.lang}.json: {font_stack!r}")
    return _env().get_template("brief.html.j2").render(brief=brief, font_stack=font_stack)


def render_pdf(brief: Brief) -> bytes:
    """PDF bytes via WeasyPrint (Arabic shaped by HarfBuzz, laid out right to left)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    pdf = HTML(string=render_html(brief), base_url=str(TEMPLATES)).write_pdf()
    assert pdf is not None
    return pdf
