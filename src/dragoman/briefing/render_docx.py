"""DOCX rendering with python-docx, right to left done by hand for Arabic.

python-docx has no bidi API, so we set the OOXML flags ourselves: ``w:bidi`` on
the paragraph properties of a right-to-left brief (and on the section, so the
page runs right to left), and ``w:rtl`` plus ``w:lang w:bidi`` on every run of
Arabic text. Mixed sentences ("… بمشاركة Rauf Mammadli …") are split into
runs by script so Latin names keep left-to-right runs inside the RTL paragraph.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from dragoman.briefing.model import Brief, Section, Sentence

ARABIC_FONT = "Noto Naskh Arabic"
LATIN_FONT = "Noto Serif"
_ARABIC_RUN = re.compile(
    r"([\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+"
    r"(?:[\s\u060C\u061B\u061F]+[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+)*)"
)

_PPR_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")


def _set_bidi(paragraph: Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:  # keep the schema's element order (Word is strict)
        ppr.insert_element_before(OxmlElement("w:bidi"), *_PPR_AFTER_BIDI)


def _rtl_run(run: object, lang: str) -> None:
    rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.insert_element_before(OxmlElement("w:rtl"), "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                              "w:specVanish", "w:oMath")
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:bidi"), "ar-SA" if lang == "ar" else lang)
    rpr.insert_element_before(lang_el, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def add_text(paragraph: Paragraph, text: str, *, rtl: bool, italic: bool = False, size: float | None = None) -> None:
    """Append ``text`` as runs, Arabic stretches flagged right to left."""
    for i, part in enumerate(_ARABIC_RUN.split(text)):
        if not part:
            continue
        run = paragraph.add_run(part)
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if i % 2 == 1:  # an Arabic stretch
            _rtl_run(run, "ar")
    if rtl:
        _set_bidi(paragraph)


def _sentence(paragraph: Paragraph, s: Sentence, rtl: bool, first: bool) -> None:
    if not first:
        add_text(paragraph, " ", rtl=rtl)
    add_text(paragraph, s.text, rtl=rtl, italic=s.quote or not s.fact)
    if s.cites:
        add_text(paragraph, " " + "".join(f"[{n}]" for n in s.cites), rtl=rtl, size=8.5)


def _section(doc: DocxDocument, sec: Section, rtl: bool) -> None:
    add_text(doc.add_heading(level=1), sec.title, rtl=rtl)
    for item in sec.items:
        if sec.style == "paragraph" or sec.empty:
            p = doc.add_paragraph()
            for i, s in enumerate(item.sentences):
                _sentence(p, s, rtl, i == 0)
            if rtl:
                _set_bidi(p)
            continue
        p = doc.add_paragraph(style="List Bullet")
        for i, s in enumerate(x for x in item.sentences if not x.quote):
            _sentence(p, s, rtl, i == 0)
        for s in (x for x in item.sentences if x.quote):
            q = doc.add_paragraph(style="Quote")
            _sentence(q, s, rtl, True)
            if rtl:
                _set_bidi(q)
        if rtl:
            _set_bidi(p)


def _styles(doc: DocxDocument, rtl: bool) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = ARABIC_FONT if rtl else LATIN_FONT
    normal.font.size = Pt(10.5)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:cs"), ARABIC_FONT)
    rfonts.set(qn("w:ascii"), LATIN_FONT)
    rfonts.set(qn("w:hAnsi"), LATIN_FONT)
    if rtl:
        sect = doc.sections[0]._sectPr
        sect.insert_element_before(OxmlElement("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings",
                                   "w:sectPrChange")


def render_docx(brief: Brief) -> bytes:
    """The brief as a .docx file (bytes)."""
    rtl = brief.direction == "rtl"
    doc = Document()
    _styles(doc, rtl)
    doc.core_properties.title = brief.title
    doc.core_properties.language = brief.lang
    add_text(doc.add_heading(level=0), brief.title, rtl=rtl)
    add_text(doc.add_paragraph(), brief.subtitle, rtl=rtl, italic=True, size=9)
    for sec in brief.sections:
        _section(doc, sec, rtl)
    add_text(doc.add_heading(level=1), brief.labels.get("sources", "Sources"), rtl=rtl)
    if not brief.sources:
        add_text(doc.add_paragraph(), brief.labels.get("no_sources", ""), rtl=rtl, italic=True)
    for src in brief.sources:
        p = doc.add_paragraph()
        add_text(p, f"[{src.n}] {src.label}.", rtl=rtl)
        if src.url:
            add_text(p, " " + src.url, rtl=rtl, size=8.5)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
