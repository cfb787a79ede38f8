"""Resolution measured on the team's gold set through the real pipeline.

Ingests ``examples/corpus`` (ingest → extract → resolve), exports events and
people, and measures

- pairwise person resolution over the gold ``person`` clusters: every pair of
  gold mentions (in different documents) that both map to a predicted person
  counts; precision/recall over "same person?" decisions. A gold mention maps
  to the predicted person of the same document whose names match
  (``score.names_match``); mentions the extractor missed are not resolution's
  to judge and are left out;
- event fusion recall/precision as ``score.py`` computes them (``same_event_as``);
- that the same-surname pairs are never merged.

Skips when the gold file, the example corpus or ``/work/shared/eval/score.py``
is absent.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SHARED

GOLD = EXAMPLES / "gold" / "gold.jsonl"
CORPUS = EXAMPLES / "corpus"
SCORE = SHARED / "eval" / "score.py"
NEVER_MERGE = [("farid-hajiyev", "sabir-hajiyev"), ("mohammed-al-buainain", "ali-al-buainain"),
               ("ilham-aliyev", "kamran-aliyev")]


def _score_module():
    if not SCORE.exists():
        pytest.skip("shared/eval/score.py not found")
    spec = importlib.util.spec_from_file_location("dragoman_eval_score", SCORE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    if not GOLD.exists() or not CORPUS.exists():
        pytest.skip("examples/gold/gold.jsonl or examples/corpus not present yet")
    ingest = pytest.importorskip("dragoman.ingest")
    records = pytest.importorskip("dragoman.export.records")
    from dragoman.store import Store

    score = _score_module()
    gold = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('gold') / 'gold.db'}")
    try:
        ingest.ingest_paths(store, [CORPUS], ingest.IngestOptions())
        with store.session() as s:
            events = list(records.event_records(s))
            people = list(records.person_records(s))
    finally:
        store.close()
    result, details = score.score(json.loads(json.dumps(gold)), events, people)
    return {"gold": gold, "events": events, "people": people, "score": score, "result": result, "details": details}


def _gold_mentions(gold: list[dict]) -> list[tuple[str, str, dict]]:
    """(document, person cluster, gold person) for every clustered person of every document."""
    out, seen = [], set()
    for g in gold:
        people = list(g.get("people") or [])
        for ev in g.get("events") or []:
            people += ev.get("participants") or []
        for p in people:
            cluster = p.get("person")
            if cluster and (g["id"], cluster) not in seen:
                seen.add((g["id"], cluster))
                out.append((g["id"], cluster, p))
    return out


def _map_mentions(measured) -> dict[tuple[str, str], str]:
    """{(document, gold cluster): predicted person id} where the names match in that document."""
    score = measured["score"]
    by_doc: dict[str, list[dict]] = {}
    for p in measured["people"]:
        for d in p.get("documents") or []:
            by_doc.setdefault(d, []).append(p)
    mapped = {}
    for doc, cluster, gp in _gold_mentions(measured["gold"]):
        hits = [p for p in by_doc.get(doc, []) if score.names_match(score.forms_of(gp), score.forms_of(p))]
        if len(hits) >= 1:
            mapped[(doc, cluster)] = sorted(hits, key=lambda p: p["id"])[0]["id"]
    return mapped


def _pairwise(mapped: dict[tuple[str, str], str]) -> dict[str, float]:
    tp = fp = fn = 0
    for (a, pa), (b, pb) in itertools.combinations(sorted(mapped.items()), 2):
        if a[0] == b[0]:
            continue  # same document: the extractor's clustering, not resolution
        same_gold, same_pred = a[1] == b[1], pa == pb
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def test_person_resolution_pairwise_f1(measured):
    mapped = _map_mentions(measured)
    assert mapped, "no gold person could be found in the predictions"
    pw = _pairwise(mapped)
    print("pairwise person resolution:", pw, f"({len(mapped)} of {len(_gold_mentions(measured['gold']))} mentions mapped)")
    assert pw["f1"] >= 0.97, pw


def test_same_surname_people_are_never_merged(measured):
    mapped = _map_mentions(measured)
    for a, b in NEVER_MERGE:
        ids_a = {pid for (_, c), pid in mapped.items() if c == a}
        ids_b = {pid for (_, c), pid in mapped.items() if c == b}
        assert not ids_a & ids_b, f"{a} and {b} merged into {ids_a & ids_b}"


def test_event_fusion_recall_and_precision(measured):
    fusion = measured["result"]["fusion"]
    wrong = [d for d in measured["details"] if d.startswith("wrongly merged")]
    print("fusion:", fusion, wrong)
    assert fusion["pairs"], "no gold same-event pair was matched by the extractor"
    assert fusion["recall"] >= 0.90, fusion
    assert fusion["precision"] is None or fusion["precision"] >= 0.95, (fusion, wrong)
