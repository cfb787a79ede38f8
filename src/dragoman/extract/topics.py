"""Topics of an event: topic words (language data) in the event's sentences."""

from __future__ import annotations

from collections import Counter


def topics_of(frame, sents) -> list[str]:
    """Topic keys ordered by how often their words occur in the event's sentences."""
    c: Counter = Counter()
    for i in frame.sents:
        for t in sents[i].topics:
            c[t] += 1
    return [t for t, _ in c.most_common()]
