"""What the three gold-set validation tests share: the annotation vocabulary and readers.

The corpus, dev and held-out sets are validated by their own test modules
(tests/test_examples_gold.py, test_dev_gold.py, test_heldout_gold.py), which
differ in composition and naming; the vocabulary and the walkers live here once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycountry

EVENT_TYPES = {"meeting", "visit", "phone_call", "agreement", "message", "other"}
STATUSES = {"occurred", "planned"}
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
PERSON_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NON_LATIN = re.compile(r"[\u0400-\u04FF\u0600-\u06FF]")
ISO_ALPHA2 = {c.alpha_2 for c in pycountry.countries}


def load_jsonl(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def iter_events(gold: list[dict]) -> Iterator[tuple[str, dict]]:
    """(document id, event) for every gold event."""
    for g in gold:
        for ev in g["events"]:
            yield g["id"], ev


def iter_persons(gold: list[dict]) -> Iterator[tuple[str, str, dict]]:
    """(document id, event id or "people", person) for every participant and people entry."""
    for g in gold:
        for ev in g["events"]:
            for p in ev["participants"]:
                yield g["id"], ev["eid"], p
        for p in g["people"]:
            yield g["id"], "people", p


def check_same_event_links(gold: list[dict]) -> dict[str, tuple[str, dict]]:
    """same_event_as lists are unique, point at existing events in other documents, and are symmetric.

    Returns the events by eid, for further checks by the caller.
    """
    by_eid = {ev["eid"]: (doc_id, ev) for doc_id, ev in iter_events(gold)}
    for doc_id, ev in iter_events(gold):
        assert len(set(ev["same_event_as"])) == len(ev["same_event_as"]), ev["eid"]
        for other in ev["same_event_as"]:
            assert other in by_eid, f"{ev['eid']}: unknown eid {other}"
            other_doc, other_ev = by_eid[other]
            assert other_doc != doc_id, f"{ev['eid']}: same_event_as points into its own document"
            assert ev["eid"] in other_ev["same_event_as"], f"{ev['eid']} -> {other} is not symmetric"
    return by_eid
