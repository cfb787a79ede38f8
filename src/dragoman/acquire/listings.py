"""Listing pages: a press-release index whose links lead to the articles.

The page is parsed with lxml.html (no scripts are ever run). Links are resolved
against the page (and its ``<base href>``). With a pattern (a regular
expression searched in the absolute URL) exactly the matching links are kept.
Without one, a link counts as an article if it stays on the listing's host, is
not the listing itself, is not an asset, and its path looks like an article:
it contains a number of three or more digits or a slug of three or more words.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from dragoman.acquire.http import FetchFailed
from dragoman.acquire.urls import Candidate, absolute_http_url, canonical_url, same_host

ASSET_SUFFIX = re.compile(r"\.(css|js|png|jpe?g|gif|svg|webp|ico|pdf|zip|docx?|xlsx?|mp[34]|woff2?|xml|rss)$", re.I)
ARTICLE_PATH = re.compile(r"\d{3,}|[^\W_]+-[^\W_]+-[^\W_]+", re.U)


def compile_pattern(pattern: str | None) -> re.Pattern[str] | None:
    """Compile a link pattern, turning a bad expression into a clear error."""
    if not pattern:
        return None
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise FetchFailed(f"the link pattern {pattern!r} is not a valid regular expression: {exc}") from None


def _looks_like_article(url: str, listing_url: str) -> bool:
    if not same_host(url, listing_url) or canonical_url(url) == canonical_url(listing_url):
        return False
    path = urlsplit(url).path
    return not ASSET_SUFFIX.search(path) and bool(ARTICLE_PATH.search(path))


def parse_listing(html: str, base_url: str, pattern: str | None = None) -> list[Candidate]:
    """The article links of a listing page, in page order, without duplicates."""
    regex = compile_pattern(pattern)
    if not html.strip():
        return []
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise FetchFailed(f"{base_url}: not a readable HTML page ({exc})") from None
    base = base_url
    for element in root.iter("base"):
        base = absolute_http_url(element.get("href"), base_url) or base_url
        break
    out: list[Candidate] = []
    seen: set[str] = set()
    for anchor in root.iter("a"):
        url = absolute_http_url(anchor.get("href"), base)
        if not url or url in seen:
            continue
        keep = bool(regex.search(url)) if regex else _looks_like_article(url, base_url)
        if keep:
            seen.add(url)
            title = " ".join(anchor.text_content().split()) or None
            out.append(Candidate(url=url, title=title))
    return out
