"""Our scorer agrees with the shared reference scorer, on the samples and on perturbed predictions."""

from __future__ import annotations

import copy
import importlib.util
import json
import random

import pytest

from dragoman.evaluate.names import same_person
from dragoman.evaluate.scoring import score
from tests.conftest import EXAMPLES, SHARED

REFERENCE = SHARED / "eval" / "score.py"
pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason="../shared is not beside the checkout")


def reference():
    spec = importlib.util.spec_from_file_location("shared_score", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def gold_files() -> list[list[dict]]:
    files = [SHARED / "samples" / "gold.jsonl", EXAMPLES / "gold" / "gold.jsonl"]
    return [[json.loads(line) for line in f.open(encoding="utf-8") if line.strip()] for f in files if f.exists()]


def predictions_from_gold(gold: list[dict], rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Turn gold into predictions, then damage some: drop, rename, shift dates, merge, add extras."""
    events, people = [], []
    for g in gold:
        for i, ge in enumerate(g.get("events", [])):
            if rng.random() < 0.15:
                continue
            parts = [{"name": p["name"], "title": p.get("title") if rng.random() < 0.8 else "Adviser",
                      "country": p.get("country") if rng.random() < 0.9 else "ZZ", "documents": [g["id"]]}
                     for p in ge.get("participants", []) if rng.random() < 0.9]
            if rng.random() < 0.1:
                parts.append({"name": "Invented Person", "documents": [g["id"]]})
            date = ge.get("date")
            if date and rng.random() < 0.1:
                date = "1999-01-01"
            events.append({"id": f"ev{len(events)}" if rng.random() < 0.8 else "ev-shared", "type": ge["type"],
                           "status": ge.get("status", "occurred"), "date": {"start": date, "end": ge.get("date_end")},
                           "location": ge.get("location"), "participants": parts,
                           "sources": [{"document": g["id"]}]})
        for p in g.get("people", []):
            if rng.random() < 0.9:
                people.append({"name": p["name"], "documents": [g["id"]]})
        people.append({"name": "Someone Else", "documents": [g["id"]]})
    return events, people


@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_reference_scorer(seed: int) -> None:
    ref = reference()
    for gold in gold_files():
        events, people = predictions_from_gold(gold, random.Random(seed))
        ours, our_details = score(copy.deepcopy(gold), copy.deepcopy(events), copy.deepcopy(people))
        theirs, their_details = ref.score(copy.deepcopy(gold), copy.deepcopy(events), copy.deepcopy(people))
        assert ours == theirs
        assert sorted(our_details) == sorted(their_details)


def test_name_comparison_across_scripts() -> None:
    ref = reference()
    pairs = [("Abdullatif bin Rashid Alzayani", "Abdullatif Al Zayani"), ("Rustam Mahmudov", "رستم محمودوف"),
             ("Ulviyya Aghayeva", "Ульвия Агаева"), ("Farid Hajiyev", "Sabir Hajiyev"), ("Hajiyev", "Sabir Hajiyev")]
    for a, b in pairs:
        assert same_person([a], [b]) == ref.names_match([a], [b]), (a, b)
