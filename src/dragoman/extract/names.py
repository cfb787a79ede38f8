"""Dictionary forms of personal names in languages that inflect them (Russian cases)."""

from __future__ import annotations


def _oblique(word: str, cases: tuple) -> tuple[str, str] | None:
    low = word.lower()
    for obl, nom in cases:
        if low.endswith(obl) and len(word) - len(obl) >= 3:
            return obl, nom
    return None


def nominative(text: str, cases: tuple) -> str:
    """A name in its dictionary form where the language inflects names ('Виктором Орбаном' -> 'Виктор Орбан')."""
    if not cases:
        return text
    out = []
    for w in text.split(" "):
        hit = _oblique(w, cases)
        out.append(w[: len(w) - len(hit[0])] + hit[1] if hit else w)
    return " ".join(out)
