"""Reading rendered briefs back: PDF via pdftotext, DOCX via python-docx; word multisets to compare.

pdftotext returns Arabic in logical order wrapped in bidi embedding marks, and
may write the letters of a ligature (لا, الله) in another order. We
compare multisets of words after removing bidi controls and diacritics,
folding presentation forms (NFKC) and sorting the letters of each lam/alef/heh run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from dragoman.briefing import Brief

BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
ARABIC_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0660-\u0669\u066e-\u06d3]+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
LAM_ALEF = re.compile("[\u0644\u0627\u0623\u0625\u0622\u0647]{2,}")  # lam-alef and the Allah ligature (الله)
LAM_ALEF_LETTER = re.compile("[\u0644\u0627\u0623\u0625\u0622\u0647]")
CITATION = re.compile(r"\[(\d+)\]|\](\d+)\[")  # "]1[" is how pdftotext writes a mirrored [1]


def clean(text: str) -> str:
    return TASHKEEL.sub("", BIDI.sub("", unicodedata.normalize("NFKC", text)))


def arabic_words(text: str, loose: bool = False) -> Counter[str]:
    """Arabic words, ligature letters sorted.

    ``loose`` drops the lam/alef/heh letters altogether: source quotes with a
    diacritic on a lam-alef ligature ("لافتاً") make pdftotext move the lam to
    another line. The remaining letters must still match word for word.
    """
    words = ARABIC_WORD.findall(clean(text))
    if loose:
        return Counter(w for w in (LAM_ALEF_LETTER.sub("", w) for w in words) if w)
    return Counter(LAM_ALEF.sub(lambda m: "".join(sorted(m.group())), w) for w in words)


def latin_words(text: str) -> Counter[str]:
    """Latin words, hyphens dropped: pdftotext joins "highest-⏎level" into "highestlevel"."""
    return Counter(LATIN_WORD.findall(clean(text).replace("-", "")))


def citations(text: str) -> set[int]:
    return {int(a or b) for a, b in CITATION.findall(clean(text))}


def pdf_text(pdf: bytes) -> str:
    assert shutil.which("pdftotext"), "pdftotext (Debian poppler-utils) is needed"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout


def docx_text(data: bytes) -> str:
    import io

    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def brief_text(brief: Brief) -> str:
    """Everything a renderer must show: title, subtitle, headings, sentences, source labels."""
    parts = [brief.title, brief.subtitle, brief.labels["sources"]]
    for sec in brief.sections:
        parts.append(sec.title)
        parts += [s.text for item in sec.items for s in item.sentences]
    parts += [src.label for src in brief.sources]
    if not brief.sources:
        parts.append(brief.labels["no_sources"])
    return "\n".join(parts)
