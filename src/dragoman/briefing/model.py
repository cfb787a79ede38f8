"""The brief as data: sections of items of sentences, each with its citations.

A ``Brief`` is what ``build_brief`` returns and every renderer (md, html, docx,
pdf) reads, so the web app, the API and the CLI show the same text. Citations
are numbers into ``Brief.sources``, the numbered list of stored documents.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from dragoman.errors import DragomanError

BriefKind = Literal["pair", "person", "institution"]
FORMATS = ("md", "html", "docx", "pdf")
LANGUAGES = ("en", "ar")


class BriefSpecError(DragomanError):
    """A brief request that cannot be built as asked (bad kind, language, format)."""

    exit_code = 2


@dataclass(frozen=True)
class BriefSpec:
    """What to brief on.

    ``subject`` is a pair ("AZ-BH") for ``kind="pair"``, else an id (``per_…``,
    ``org_…``) or a name. ``today`` fixes "upcoming" (default: the current date).
    """

    kind: BriefKind
    subject: str
    since: str | None = None
    until: str | None = None
    lang: str = "en"
    today: date | None = None
    max_timeline: int | None = None  # keep the most recent N engagements

    def __post_init__(self) -> None:
        if self.kind not in ("pair", "person", "institution"):
            raise BriefSpecError(f"Unknown brief kind {self.kind!r}: choose pair, person or institution.")
        if self.lang not in LANGUAGES:
            raise BriefSpecError(f"Briefs are written in {' or '.join(LANGUAGES)}, not {self.lang!r}.")
        if not self.subject or not self.subject.strip():
            raise BriefSpecError("Name the pair, person or institution to brief on.")


@dataclass
class Sentence:
    """One sentence. A ``fact`` sentence carries at least one citation.

    ``lang`` is set when the text is in another language than the brief
    (quoted evidence, a title as the source wrote it); ``quote`` marks evidence.
    """

    text: str
    cites: list[int] = field(default_factory=list)
    fact: bool = True
    lang: str | None = None
    quote: bool = False


@dataclass
class Item:
    """A paragraph or a list entry: one or more sentences."""

    sentences: list[Sentence]


@dataclass
class Section:
    """A titled part of the brief. ``style`` is 'paragraph' or 'list'; ``empty`` when there was no data."""

    key: str
    title: str
    items: list[Item] = field(default_factory=list)
    style: Literal["paragraph", "list"] = "list"
    empty: bool = False


@dataclass
class Source:
    """A numbered source: one stored document."""

    n: int
    document_id: int
    external_id: str
    outlet: str | None
    published: str | None
    lang: str | None
    url: str | None
    title: str | None
    label: str  # "Caspian Herald, 12 May 2025, English: “Title”" in the brief's language


@dataclass
class Brief:
    kind: BriefKind
    subject_id: str
    title: str
    subtitle: str
    lang: str
    direction: Literal["ltr", "rtl"]
    generated: date
    sections: list[Section]
    sources: list[Source]
    labels: dict[str, str] = field(default_factory=dict)  # headings the renderers need (sources, ...)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for item in sec.items for s in item.sentences]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the API returns this)."""
        d = asdict(self)
        d["generated"] = self.generated.isoformat()
        return d
