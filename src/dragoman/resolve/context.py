"""Per-run context: the language data resolution reads, and the run's counters.

Loaded once per ``resolve_documents`` call and passed down explicitly, so the
package keeps no module-level mutable state.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dragoman.textnorm import normalize_for_search

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"


@dataclass
class ResolveSummary:
    """What a resolution run did (``to_dict`` for the CLI's --json)."""

    documents: int = 0
    persons_created: int = 0
    persons_matched: int = 0
    persons_removed: int = 0
    institutions: int = 0
    events_created: int = 0
    events_fused: int = 0
    events_removed: int = 0
    copies: int = 0
    corrections_applied: int = 0
    document_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Titles:
    """Title phrases of every language mapped to role keys, and role ranks."""

    heads: dict[str, str]
    deputy_of: dict[str, str]
    ranks: dict[str, int]
    deputy_words: frozenset[str]
    memo: dict[str, str | None] = field(default_factory=dict)

    def role_of(self, title: str | None) -> str | None:
        """The role key of a title ("Deputy Foreign Minister" -> "deputy_minister")."""
        if not title:
            return None
        if title in self.memo:
            return self.memo[title]
        if len(self.memo) > 100_000:
            self.memo.clear()
        role = self.memo[title] = self._role_of(title)
        return role

    def _role_of(self, title: str) -> str | None:
        words = normalize_for_search(title).split()
        best: tuple[int, int, str] | None = None
        for n in (4, 3, 2, 1):
            for i in range(len(words) - n + 1):
                role = self.heads.get(" ".join(words[i : i + n]))
                if role and (best is None or n > best[0]):
                    best = (n, i, role)
            if best:
                break
        if best is None:
            return None
        n, i, role = best
        if any(w in self.deputy_words for w in words[:i]):
            role = self.deputy_of.get(role, role)
        return role

    def level_of(self, title: str | None) -> int | None:
        """Protocol level: 1 head of state/government, 2 minister/speaker, 3 deputy/ambassador, 4 other."""
        role = self.role_of(title)
        if role is None:
            return None
        rank = self.ranks.get(role, 0)
        if rank >= 9:
            return 1
        if rank >= 7:
            return 2
        if rank >= 5:
            return 3
        return 4


@dataclass
class Context:
    institutions: dict[str, dict[str, Any]]
    titles: Titles
    summary: ResolveSummary
    words: dict[str, str] = field(default_factory=dict)  # search-normalised form of each word seen (copies)


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def load_titles(lang_dir: Path = LANG_DIR) -> Titles:
    """Merge the ``heads`` of every ``lang/<code>/titles.json`` with the shared role ranks."""
    roles = _read(lang_dir / "_shared" / "roles.json")
    heads: dict[str, str] = {}
    deputy_words: set[str] = set()
    for path in sorted(lang_dir.glob("*/titles.json")):
        data = _read(path)
        for phrase, role in (data.get("heads") or {}).items():
            heads.setdefault(normalize_for_search(phrase), role)
        for phrase, mod in (data.get("modifiers") or {}).items():
            if mod in ("deputy", "first_deputy", "vice"):
                deputy_words.update(normalize_for_search(phrase).split())
    deputy_of = dict(((roles.get("modifiers") or {}).get("deputy") or {}).get("role") or {})
    ranks = {k: int(v.get("rank") or 0) for k, v in (roles.get("roles") or {}).items()}
    return Titles(heads, deputy_of, ranks, frozenset(deputy_words))


def load_context() -> Context:
    """Read the language data once for a run."""
    inst = _read(LANG_DIR / "_shared" / "institutions.json").get("institutions") or {}
    return Context(institutions=dict(inst), titles=load_titles(), summary=ResolveSummary())
