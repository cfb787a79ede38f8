"""A small invented news site for the acquisition tests: articles, feeds, sitemaps, traps.

Every page is written here (no real outlet's text). ``build_site(base)``
returns the routes of a fresh site whose links point at ``base``.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

BOILERPLATE_TOP = """<header><nav><a href="/">Home</a> | <a href="/press/">Press releases</a> |
<a href="/about">About the Ministry</a> | <a href="/contact">Contact</a></nav>
<div class="cookie">This site uses cookies to improve your experience. <button>Accept</button></div></header>"""
BOILERPLATE_BOTTOM = """<footer><p>© 2025 Ministry of Foreign Affairs. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/sitemap">Sitemap</a></li></ul>
<script>document.body.innerHTML = "SCRIPT RAN";</script></footer>"""

ARTICLES: dict[str, tuple[str, str, str]] = {
    "/news/en/2025/05/azerbaijan-bahrain-consultations.html": (
        "en",
        "Azerbaijan and Bahrain hold political consultations in Baku",
        "BAKU, May 14. Deputy Foreign Minister of Azerbaijan Elnur Mammadov received the delegation of the "
        "Kingdom of Bahrain led by Undersecretary for Political Affairs Sheikh Abdulla bin Ahmed Al Khalifa. "
        "The sides reviewed the state of bilateral relations and noted the importance of regular political "
        "consultations between the two foreign ministries.\n\nThe parties discussed cooperation in the fields "
        "of energy, transport and education, and agreed to hold the next round of consultations in Manama "
        "in 2026. A memorandum on cooperation between the diplomatic academies was also discussed.",
    ),
    "/news/en/2025/05/speaker-receives-ambassador.html": (
        "en",
        "Speaker of the Milli Majlis receives the Ambassador of Jordan",
        "BAKU, May 20. Speaker of the Milli Majlis Sahiba Gafarova received the newly appointed Ambassador of "
        "the Hashemite Kingdom of Jordan. The Speaker said that inter-parliamentary ties play an important role "
        "in developing relations between Azerbaijan and Jordan.\n\nThe Ambassador conveyed greetings from the "
        "Speaker of the House of Representatives of Jordan and invited a parliamentary delegation to visit "
        "Amman. The sides also exchanged views on regional issues and cooperation in international organisations.",
    ),
    "/news/ar/2025/05/mubahathat-siyasiya.html": (
        "ar",
        "مشاورات سياسية بين البحرين وأذربيجان في المنامة",
        "المنامة في 15 مايو. استقبل وكيل وزارة الخارجية للشؤون السياسية وفد جمهورية أذربيجان برئاسة نائب وزير "
        "الخارجية، وجرى خلال اللقاء استعراض علاقات التعاون الثنائي بين البلدين الصديقين وسبل تعزيزها في "
        "مختلف المجالات.\n\nوأكد الجانبان أهمية عقد المشاورات السياسية بصورة منتظمة، واتفقا على عقد الجولة "
        "المقبلة في باكو خلال العام القادم، كما بحثا التعاون في مجالات الطاقة والنقل والتعليم.",
    ),
    "/news/ar/2025/05/raees-almajlis-yastaqbil.html": (
        "ar",
        "رئيس مجلس النواب يستقبل سفير جمهورية أذربيجان",
        "المنامة في 21 مايو. استقبل رئيس مجلس النواب سفير جمهورية أذربيجان لدى مملكة البحرين، حيث أشاد "
        "بمستوى العلاقات الثنائية المتميزة بين البلدين، مؤكدا أهمية تعزيز التعاون البرلماني وتبادل الزيارات "
        "بين الوفود.\n\nومن جانبه، أعرب السفير عن شكره وتقديره لرئيس المجلس، ونقل إليه تحيات رئيسة المجلس "
        "الوطني الأذربيجاني، ودعوتها لزيارة باكو في الوقت الذي يناسبه.",
    ),
}
EN = [p for p, v in ARTICLES.items() if v[0] == "en"]
AR = [p for p, v in ARTICLES.items() if v[0] == "ar"]
LISTED = "/news/en/2025/06/joint-commission-meets.html"
ARTICLES[LISTED] = (
    "en",
    "Joint intergovernmental commission meets in Baku",
    "BAKU, June 3. The fourth meeting of the joint intergovernmental commission on economic cooperation between "
    "Azerbaijan and Bahrain was held in Baku. The co-chairs signed the protocol of the meeting and noted growth "
    "in trade turnover.\n\nThe commission agreed on steps to promote investment and tourism and to simplify "
    "visa procedures for business travellers. The next meeting will take place in Manama.",
)


def article_html(lang: str, title: str, body: str, updated: bool = False) -> str:
    """A full page: boilerplate around the article, as a ministry site would serve it."""
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    if updated:
        paras += "<p>UPDATE: The ministry later confirmed the dates of the next round of consultations.</p>"
    direction = ' dir="rtl"' if lang == "ar" else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"{direction}><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}"></head><body>{BOILERPLATE_TOP}'
        f"<main><article><h1>{title}</h1>{paras}</article></main>{BOILERPLATE_BOTTOM}</body></html>"
    )


def rss(base: str, paths: list[str], extra_links: list[str] = ()) -> str:  # type: ignore[assignment]
    items = "".join(
        f"<item><title>{ARTICLES[p][1]}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<pubDate>Wed, 14 May 2025 10:00:00 GMT</pubDate></item>" for p in paths
    )
    items += "".join(f"<item><title>Other</title><link>{link}</link></item>" for link in extra_links)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>MFA news</title>'
        f"<link>{base}/</link><language>en</language><description>News</description>{items}</channel></rss>"
    )


def atom(base: str, paths: list[str]) -> str:
    entries = "".join(
        f'<entry><title>{ARTICLES[p][1]}</title><link rel="alternate" href="{p}"/><id>{base}{p}</id>'
        f"<updated>2025-05-15T08:00:00Z</updated></entry>" for p in paths
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">'
        f'<title>أخبار</title><id>{base}/feeds/ar.atom</id><updated>2025-05-21T08:00:00Z</updated>'
        f'<link rel="self" href="{base}/feeds/ar.atom"/>{entries}</feed>'
    )


def urlset(base: str, entries: list[tuple[str, str]], news: bool = False) -> str:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    out = []
    for path, lastmod in entries:
        extra = ""
        if news:
            lang, title, _ = ARTICLES[path]
            extra = (f"<news:news><news:publication><news:name>MFA</news:name><news:language>{lang}</news:language>"
                     f"</news:publication><news:publication_date>{lastmod}</news:publication_date>"
                     f"<news:title>{title}</news:title></news:news>")
        out.append(f"<url><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod>{extra}</url>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
            + "".join(out) + "</urlset>")


def sitemap_index(base: str, children: list[tuple[str, str]]) -> str:
    items = "".join(f"<sitemap><loc>{base}{p}</loc><lastmod>{m}</lastmod></sitemap>" for p, m in children)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + items + "</sitemapindex>")


def listing(paths: list[str]) -> str:
    links = "".join(f'<li><a href="{p}">{ARTICLES[p][1]}</a></li>' for p in paths)
    return (f"<html><head><title>Press releases</title></head><body>{BOILERPLATE_TOP}<h1>Press releases</h1>"
            f'<ul class="news">{links}</ul><a href="/press/?page=2">Next page</a>{BOILERPLATE_BOTTOM}</body></html>')


@dataclass
class Route:
    """One resource of the test server."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    stream_bytes: int = 0  # send this many bytes, chunked, instead of ``body``
    send_length: bool = True


LAST_MODIFIED = "Wed, 21 May 2025 10:00:00 GMT"


def build_site(base: str) -> dict[str, Route]:
    """All routes of the invented site, links pointing at ``base``."""
    html = "text/html; charset=utf-8"
    routes: dict[str, Route] = {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
    }
    for i, (path, (lang, title, body)) in enumerate(ARTICLES.items()):
        routes[path] = Route(article_html(lang, title, body).encode("utf-8"), html, etag=f'"a{i}-v1"',
                             last_modified=LAST_MODIFIED)
    routes.update({
        "/feeds/en.rss": Route(rss(base, EN, [f"{base}/private/secret.html", f"{base}/huge.html",
                                               f"{base}/broken.html"]).encode(),
                               "application/rss+xml", etag='"rss-1"', last_modified=LAST_MODIFIED),
        "/feeds/ar.atom": Route(atom(base, AR).encode("utf-8"), "application/atom+xml", last_modified=LAST_MODIFIED),
        "/sitemap_index.xml": Route(sitemap_index(base, [("/sitemaps/news.xml", "2025-05-21"),
                                                         ("/sitemaps/pages.xml.gz", "2025-05-21")]).encode(),
                                    "application/xml", etag='"idx-1"'),
        "/sitemaps/news.xml": Route(urlset(base, [(EN[0], "2025-05-14"), (AR[0], "2025-05-15")], news=True).encode(),
                                    "application/xml", etag='"news-1"'),
        "/sitemaps/pages.xml.gz": Route(gzip.compress(urlset(base, [(EN[1], "2025-05-20")]).encode()),
                                        "application/x-gzip", etag='"pages-1"'),
        "/press/": Route(listing([LISTED, EN[0]]).encode(), html, etag='"press-1"'),
        "/private/secret.html": Route(article_html("en", "Secret", ARTICLES[EN[0]][2]).encode(), html),
        "/huge.html": Route(b"<html><body>" + b"<p>Lorem ipsum dolor sit amet.</p>" * 64000 + b"</body></html>",
                            html),
        "/huge-stream.html": Route(content_type=html, stream_bytes=50 * 1024 * 1024, send_length=False),
        "/broken.html": Route(b"Internal Server Error", "text/plain", status=500),
        "/error500.xml": Route(b"Internal Server Error", "text/plain", status=500),
        "/busy.xml": Route(b"Slow down", "text/plain", status=503, headers={"Retry-After": "7200"}),
        "/slow.html": Route(b"<html><body>late</body></html>", html, delay=2.0),
        "/malformed.rss": Route(b"<rss><channel><item><title>oops</title><link>nope", "application/rss+xml"),
        "/garbage.rss": Route(b"\x00\x01\x02 this is not xml at all \xff\xfe", "application/rss+xml"),
        "/image.png": Route(b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png"),
        "/redirect/1": Route(status=302, headers={"Location": "/redirect/2"}),
        "/redirect/2": Route(status=301, headers={"Location": EN[0]}),
        "/loop/a": Route(status=302, headers={"Location": "/loop/b"}),
        "/loop/b": Route(status=302, headers={"Location": "/loop/a"}),
        "/to-private": Route(status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}),
        "/gzip-bomb.html": Route(gzip.compress(b"<html>" + b" " * (3 * 1024 * 1024)), html,
                                 headers={"Content-Encoding": "gzip"}),
        "/gzip-article.html": Route(gzip.compress(article_html("en", *ARTICLES[EN[0]][1:]).encode()), html,
                                    headers={"Content-Encoding": "gzip"}),
    })
    for n in range(8):
        routes[f"/hops/{n}"] = Route(status=302, headers={"Location": f"/hops/{n + 1}"})
    routes["/hops/8"] = Route(article_html("en", *ARTICLES[EN[0]][1:]).encode(), html)
    return routes
