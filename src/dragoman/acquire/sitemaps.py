"""Sitemaps, news sitemaps and sitemap index files: the article URLs they list.

XML is parsed with lxml configured not to resolve entities, load DTDs or touch
the network, on input already bounded by the fetch size limit; a document that
declares entities is refused outright (a sitemap never needs one). Gzipped
sitemaps are inflated in bounded steps. Plain-text sitemaps (one URL per line)
are read too. Element names are matched by local name, so both the sitemap
namespace and the Google News extension work whatever their prefixes.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from lxml import etree

from dragoman.acquire.http import FetchFailed, human_bytes
from dragoman.acquire.urls import Candidate, absolute_http_url, parse_iso_datetime

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


@dataclass
class SitemapPage:
    """One parsed sitemap: article candidates, or (for an index) child sitemaps."""

    articles: list[Candidate] = field(default_factory=list)
    children: list[Candidate] = field(default_factory=list)


def gunzip_bounded(body: bytes, limit: int, origin: str) -> bytes:
    """Inflate a gzip body, refusing (``FetchFailed``) if it would exceed ``limit`` bytes."""
    z = zlib.decompressobj(47)
    try:
        out = z.decompress(body, limit + 1)
    except zlib.error as exc:
        raise FetchFailed(f"{origin}: corrupt gzip sitemap ({exc})") from None
    if len(out) > limit or z.unconsumed_tail:
        raise FetchFailed(f"{origin}: the inflated sitemap is larger than the {human_bytes(limit)} limit")
    return out


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *path: str) -> str | None:
    """Text of the first descendant chain with these local names (e.g. "news", "title")."""
    current = [element]
    for name in path:
        current = [c for parent in current for c in parent if _local(c.tag) == name]
        if not current:
            return None
    text = (current[0].text or "").strip()
    return text or None


def _parse_xml(body: bytes, origin: str) -> etree._Element:
    if _ENTITY_DECL.search(body[:65536]):
        raise FetchFailed(f"{origin}: the sitemap declares XML entities; refused")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FetchFailed(f"{origin}: not a readable sitemap ({exc})") from None
    if root is None:
        raise FetchFailed(f"{origin}: empty sitemap")
    return root


def _url_entry(element: etree._Element, base: str) -> Candidate | None:
    url = absolute_http_url(_child_text(element, "loc"), base)
    if not url:
        return None
    published = _child_text(element, "news", "publication_date")
    lastmod = parse_iso_datetime(_child_text(element, "lastmod")) or parse_iso_datetime(published)
    pub_date = parse_iso_datetime(published)
    lang = _child_text(element, "news", "publication", "language")
    return Candidate(
        url=url,
        title=_child_text(element, "news", "title"),
        published=pub_date.date().isoformat() if pub_date else None,
        updated=lastmod,
        lang=lang.split("-")[0].lower() if lang else None,
    )


def parse_sitemap(body: bytes, base_url: str, content_type: str, max_bytes: int) -> SitemapPage:
    """Read a sitemap (XML, gzipped XML or plain text). Raises ``FetchFailed`` if it is none of these."""
    if content_type in ("application/gzip", "application/x-gzip") or body[:2] == b"\x1f\x8b":
        body = gunzip_bounded(body, max_bytes, base_url)
    if content_type == "text/plain" and not body.lstrip().startswith(b"<"):
        lines = body.decode("utf-8", errors="replace").splitlines()
        absolute = [ln.strip() for ln in lines if ln.strip().lower().startswith(("http://", "https://"))]
        urls = [u for u in (absolute_http_url(line, base_url) for line in absolute) if u]
        return SitemapPage(articles=[Candidate(url=u) for u in dict.fromkeys(urls)])
    root = _parse_xml(body, base_url)
    kind = _local(root.tag)
    page = SitemapPage()
    if kind == "urlset":
        seen: set[str] = set()
        for element in root:
            if _local(element.tag) == "url":
                entry = _url_entry(element, base_url)
                if entry and entry.url not in seen:
                    seen.add(entry.url)
                    page.articles.append(entry)
    elif kind == "sitemapindex":
        for element in root:
            if _local(element.tag) == "sitemap":
                url = absolute_http_url(_child_text(element, "loc"), base_url)
                if url:
                    page.children.append(Candidate(url=url, updated=parse_iso_datetime(_child_text(element, "lastmod"))))
    else:
        raise FetchFailed(f"{base_url}: not a sitemap (root element <{kind}>)")
    return page
