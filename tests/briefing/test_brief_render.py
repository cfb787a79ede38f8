"""Each brief kind in each format and language: sections, citations, Arabic read back from PDF and DOCX."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import pytest

from dragoman.briefing import Brief, BriefSpec, build_brief, render
from dragoman.briefing.render_md import escape
from dragoman.store import Store
from tests.briefing.textcheck import arabic_words, brief_text, citations, docx_text, latin_words, pdf_text
from tests.export import fixtures as fx

SUBJECTS = {"pair": "AZ-BH", "person": "Khalid bin Salman Al-Nuaimi", "institution": "org_fx_mm"}
KINDS = list(SUBJECTS)
LANGS = ["en", "ar"]


@pytest.fixture
def briefs(sqlite_store: Store) -> dict[tuple[str, str], Brief]:
    fx.populate(sqlite_store)
    return {(kind, lang): build_brief(sqlite_store, BriefSpec(kind, SUBJECTS[kind], lang=lang, today=fx.TODAY))
            for kind in KINDS for lang in LANGS}


def _cite_text(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_markdown(briefs: dict, kind: str, lang: str) -> None:
    brief = briefs[kind, lang]
    md = render(brief, "md")
    assert isinstance(md, str)
    for sec in brief.sections:
        assert f"## {escape(sec.title)}\n" in md
    for s in brief.sentences():  # each fact is written followed by its citations
        if s.fact:
            assert f"{escape(s.text)}{'*' if s.quote else ''} {_cite_text(s.cites)}" in md
    listed = {int(n) for n in re.findall(r"^\[(\d+)\] ", md, flags=re.M)}
    assert listed == {s.n for s in brief.sources}
    assert citations(md) == listed  # every [n] resolves to the source list
    assert md.startswith('<div dir="rtl" lang="ar">') == (lang == "ar")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.root = a
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.hrefs.append((a["href"] or "")[1:])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_html(briefs: dict, kind: str, lang: str) -> None:
    brief = briefs[kind, lang]
    page = render(brief, "html")
    parser = _Links()
    parser.feed(page)
    assert parser.root == {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}
    assert parser.hrefs and set(parser.hrefs) <= parser.ids  # every citation link lands on a source
    assert {f"src-{s.n}" for s in brief.sources} <= parser.ids
    assert {sec.key for sec in brief.sections} <= parser.ids
    assert arabic_words(page) >= arabic_words(brief_text(brief))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_docx_reads_back(briefs: dict, kind: str, lang: str) -> None:
    brief = briefs[kind, lang]
    data = render(brief, "docx")
    assert isinstance(data, bytes)
    text = docx_text(data)
    expected = brief_text(brief)
    assert arabic_words(text) == arabic_words(expected)
    assert latin_words(expected) <= latin_words(text)
    assert citations(text) == {s.n for s in brief.sources}
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    bidi = body.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
    rtl_runs = body.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rtl")
    if lang == "ar":
        paragraphs = [p for p in document.paragraphs if p.text.strip()]
        assert len(bidi) >= len(paragraphs)  # every paragraph right to left (and the section)
        assert rtl_runs
    else:
        assert not bidi
        assert bool(rtl_runs) == bool(arabic_words(expected))  # Arabic names/outlets still get RTL runs


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_pdf_reads_back(briefs: dict, kind: str, lang: str) -> None:
    brief = briefs[kind, lang]
    data = render(brief, "pdf")
    assert isinstance(data, bytes) and data.startswith(b"%PDF")
    text = pdf_text(data)
    expected = brief_text(brief)
    assert arabic_words(text) == arabic_words(expected)  # shaped Arabic extracts back word for word
    missing = latin_words(expected) - latin_words(text)
    assert not missing, missing
    assert citations(text) == {s.n for s in brief.sources}
