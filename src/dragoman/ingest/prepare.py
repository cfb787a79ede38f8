"""From an ``InputDocument`` to a ``CleanDocument``: main text, metadata, cleaning, language.

HTML goes through trafilatura (main text, title, date, canonical URL); plain
text loses its header block; both then go through ``clean.clean_text``. The
publication date is the one given, else the page metadata, else the
font-widget date, else the dateline, else unknown.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dragoman.errors import InputRejected
from dragoman.ingest.clean import clean_text
from dragoman.ingest.langid import detect_language
from dragoman.models import CleanDocument, InputDocument
from dragoman.settings import SUPPORTED_LANGUAGES


@dataclass
class _Body:
    text: str  # the text offsets refer to (raw text, or the page's extracted text)
    start: int  # where the article body starts in it
    title: str | None = None
    url: str | None = None
    published: str | None = None
    sitename: str | None = None


def content_hash(doc: InputDocument) -> str:
    """Identity of an input's content: the raw input plus the metadata it was given."""
    h = hashlib.sha256()
    for part in (doc.raw, doc.title, doc.url, doc.published, doc.lang, doc.outlet):
        h.update((part or "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def _html_body(doc: InputDocument) -> _Body:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(doc.raw, with_metadata=True, favor_precision=True, url=doc.url)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputRejected(f"cannot parse HTML ({type(exc).__name__})", doc.origin) from exc
    data = result.as_dict() if result is not None else {}
    text = (data.get("text") or "").strip()
    if len(text) < 20:
        raise InputRejected("HTML page with no main text", doc.origin)
    title = (data.get("title") or "").strip() or None
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if title and lines and lines[0].strip(" .") == title.strip(" ."):
        lines = lines[1:]  # the headline repeated as the first line of the body
    return _Body(
        text="\n\n".join(lines),
        start=0,
        title=title,
        url=data.get("url"),
        published=data.get("date"),
        sitename=data.get("sitename") or data.get("hostname"),
    )


_HEADER_END = re.compile(r"\A(?:[ \t]*[A-Za-z]+[ \t]*:[^\n]*\n)+[ \t]*\n")


def _text_body(doc: InputDocument, has_header: bool) -> _Body:
    start = 0
    if has_header:
        m = _HEADER_END.match(doc.raw)
        start = m.end() if m else 0
    return _Body(text=doc.raw, start=start)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def external_id_for(doc: InputDocument, body: _Body) -> str:
    """The given id, else the file name, else the URL, else a content hash."""
    if doc.external_id:
        return doc.external_id
    url = doc.url or body.url
    if url:
        return url
    prefix = "stdin" if doc.origin == "stdin" else "doc"
    return f"{prefix}-{hashlib.sha256(doc.raw.encode('utf-8')).hexdigest()[:16]}"


def prepare(doc: InputDocument, has_header: bool | None = None) -> CleanDocument:
    """Clean one input document; raises ``InputRejected`` when nothing usable is left."""
    if doc.raw_format == "html":
        body = _html_body(doc)
    else:
        header = has_header if has_header is not None else bool(_HEADER_END.match(doc.raw))
        body = _text_body(doc, header)
    anchor = doc.published or (body.published[:10] if body.published else None)
    cleaned = clean_text(body.text[body.start:], anchor)
    if body.start:
        cleaned.offset_map = [(c, r + body.start) for c, r in cleaned.offset_map]
    if len(cleaned.text.strip()) < 20:
        raise InputRejected("no article text left after cleaning", doc.origin)
    lang = (doc.lang or "").lower()[:2] or None
    if lang not in SUPPORTED_LANGUAGES:
        lang = detect_language(cleaned.text) or "en"
    published = doc.published or (body.published[:10] if body.published else None)
    published = published or cleaned.widget_date or cleaned.dateline_date
    return CleanDocument(
        external_id=external_id_for(doc, body),
        text=cleaned.text,
        lang=lang,
        raw=doc.raw,
        raw_format=doc.raw_format,
        url=doc.url or body.url,
        outlet=doc.outlet or outlet_from_url(doc.url or body.url) or body.sitename or cleaned.agency,
        title=doc.title or body.title,
        published=published,
        dateline_place=cleaned.dateline_place,
        dateline_country=cleaned.dateline_country,
        dateline_date=cleaned.dateline_date,
        offset_map=cleaned.offset_map,
    )
