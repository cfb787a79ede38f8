"""Scoring exported events and people against gold annotations.

The measures are those of the evaluation contract (``shared/eval/FORMAT.md``):
event precision/recall/F1 (a predicted event matches a gold event of the same
document when they share a participant and their dates are compatible within a
day), participant P/R/F1, attribute accuracies on matched events, cross-document
fusion recall/precision, and the people directory per document. We add a
breakdown by language and a list of every miss and extra.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dragoman.evaluate.names import name_forms, same_person


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Tally:
    """Everything counted while scoring."""

    events: Counts = field(default_factory=Counts)
    participants: Counts = field(default_factory=Counts)
    people: Counts = field(default_factory=Counts)
    attributes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    gold_to_pred: dict[str, str | None] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)

    def attr(self, name: str, ok: bool) -> None:
        self.attributes[name][0] += int(ok)
        self.attributes[name][1] += 1


# ----------------------------------------------------------------- dates


def day_bounds(value: Any) -> tuple[str, str] | None:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD value."""
    if not value:
        return None
    s = str(value)[:10]
    if re.fullmatch(r"\d{4}", s):
        return s + "-01-01", s + "-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", s):
        return s + "-01", s + "-31"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return s, s
    return None


def _shift(day: str, days: int) -> str:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return day


def date_compatible(gold: dict[str, Any], pred: dict[str, Any], slack: int = 1) -> bool | None:
    """None when gold has no knowable date; else whether the prediction falls in the gold span ± slack."""
    first = day_bounds(gold.get("date"))
    if not first or gold.get("date_basis") == "external":
        return None
    last = day_bounds(gold.get("date_end")) or first
    lo, hi = _shift(first[0], -slack), _shift(last[1], slack)
    d = pred.get("date") or {}
    p = day_bounds(d.get("start")) if isinstance(d, dict) else day_bounds(d)
    if not p:
        return False
    return not (p[1] < lo or p[0] > hi) and (p[1] <= hi or p[0] >= lo)


# ----------------------------------------------------------------- matching


def pair_participants(gold_ps: list[dict], pred_ps: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of gold and predicted participants by name."""
    pairs, used = [], set()
    for gi, g in enumerate(gold_ps):
        for pi, p in enumerate(pred_ps):
            if pi not in used and same_person(name_forms(g), name_forms(p)):
                pairs.append((gi, pi))
                used.add(pi)
                break
    return pairs


def _arabic(s: str | None) -> bool:
    return bool(re.search(r"[\u0600-\u06FF]", s or ""))


def title_matches(gold_title: str | None, pred_title: str | None) -> bool | None:
    if not gold_title:
        return None
    if not pred_title:
        return False
    if _arabic(gold_title) != _arabic(pred_title):
        return None
    words = lambda s: set(re.findall(r"\w{3,}", s.lower()))  # noqa: E731
    return bool(words(gold_title) & words(pred_title))


def _names(ps: Iterable[dict], key: str = "name") -> str:
    return ", ".join(str(p.get("latin") or p.get(key)) for p in ps)


def _match_document(doc: str, gold_events: list[dict], preds: list[dict], tally: Tally) -> None:
    candidates = []
    for gi, ge in enumerate(gold_events):
        for pi, pe in enumerate(preds):
            pairs = pair_participants(ge["participants"], pe["participants"])
            if not pairs or date_compatible(ge, pe) is False:
                continue
            required = sum(1 for a, _ in pairs if not ge["participants"][a].get("optional"))
            spread = -abs(len(ge["participants"]) - len(pe["participants"]))
            candidates.append((required, len(pairs), spread, gi, pi, pairs))
    candidates.sort(reverse=True)
    used_g, used_p, matched = set(), set(), []
    for _, _, _, gi, pi, pairs in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((gi, pi, pairs))
    for gi, ge in enumerate(gold_events):
        if gi not in used_g and not ge.get("optional"):
            tally.events.fn += 1
            tally.participants.fn += sum(1 for p in ge["participants"] if not p.get("optional"))
            tally.details.append(f"{doc}: missed {ge['eid']} ({ge['type']}: {_names(ge['participants'])})")
    for pi, pe in enumerate(preds):
        if pi not in used_p:
            tally.events.fp += 1
            tally.participants.fp += len(pe["participants"])
            tally.details.append(f"{doc}: extra event {pe.get('type')} {_names(pe['participants'])}")
    for gi, pi, pairs in matched:
        _score_match(doc, gold_events[gi], preds[pi], pairs, tally)


def _score_match(doc: str, ge: dict, pe: dict, pairs: list[tuple[int, int]], tally: Tally) -> None:
    tally.gold_to_pred[ge["eid"]] = pe.get("id")
    optional = bool(ge.get("optional"))
    if not optional:
        tally.events.tp += 1
    got_g, got_p = {a for a, _ in pairs}, {b for _, b in pairs}
    for a, gp in enumerate(ge["participants"]):
        if gp.get("optional"):
            continue
        if a in got_g:
            tally.participants.tp += 1
        else:
            tally.participants.fn += 1
            tally.details.append(f"{doc}: {ge['eid']} missing participant {gp.get('latin') or gp['name']}")
    for b, pp in enumerate(pe["participants"]):
        if b not in got_p:
            tally.participants.fp += 1
            tally.details.append(f"{doc}: {ge['eid']} extra participant {pp.get('name')}")
    if optional:
        return
    tally.attr("type", pe.get("type") in {ge["type"], *ge.get("type_alternatives", [])})
    dc = date_compatible(ge, pe)
    if dc is not None:
        tally.attr("date", dc)
    gold_status = "planned" if ge.get("status") == "planned" else "occurred"
    tally.attr("status", (pe.get("status") or "occurred") == gold_status)
    gold_country = (ge.get("location") or {}).get("country")
    if gold_country:
        tally.attr("location_country", ((pe.get("location") or {}).get("country") or "").upper() == gold_country)
    for a, b in pairs:
        gp, pp = ge["participants"][a], pe["participants"][b]
        if gp.get("country"):
            tally.attr("participant_country", (pp.get("country") or "").upper() == gp["country"])
        ok = title_matches(gp.get("title"), pp.get("title"))
        if ok is not None:
            tally.attr("participant_title", ok)


def _fusion(gold_docs: list[dict], tally: Tally) -> dict[str, Any]:
    same_ok = same_all = 0
    linked: set[frozenset[str]] = set()
    for g in gold_docs:
        for ge in g.get("events", []):
            for other in ge.get("same_event_as", []):
                linked.add(frozenset((ge["eid"], other)))
                if ge["eid"] < other and ge["eid"] in tally.gold_to_pred and other in tally.gold_to_pred:
                    same_all += 1
                    same_ok += tally.gold_to_pred[ge["eid"]] == tally.gold_to_pred[other]
    by_pred: dict[Any, list[str]] = defaultdict(list)
    for eid, pid in tally.gold_to_pred.items():
        by_pred[pid].append(eid)
    merged_ok = merged_all = 0
    for eids in by_pred.values():
        for i, a in enumerate(eids):
            for b in eids[i + 1:]:
                if a.split("-")[0] == b.split("-")[0]:
                    continue
                merged_all += 1
                if frozenset((a, b)) in linked:
                    merged_ok += 1
                else:
                    tally.details.append(f"wrongly merged {a} and {b}")
    return {"recall": round(same_ok / same_all, 3) if same_all else None, "pairs": same_all,
            "precision": round(merged_ok / merged_all, 3) if merged_all else None, "merged": merged_all}


def _people(gold_docs: list[dict], people: list[dict], tally: Tally) -> None:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for person in people:
        for d in person.get("documents") or []:
            by_doc[d].append(person)
    for g in gold_docs:
        preds, used = by_doc.get(g["id"], []), set()
        for gp in g.get("people", []):
            hit = next((i for i, p in enumerate(preds) if i not in used and same_person(name_forms(gp), name_forms(p))), None)
            if hit is None:
                tally.people.fn += 1
                tally.details.append(f"{g['id']}: person not found {gp.get('latin') or gp['name']}")
            else:
                used.add(hit)
                tally.people.tp += 1
        for i, p in enumerate(preds):
            if i not in used:
                tally.people.fp += 1
                tally.details.append(f"{g['id']}: extra person {p.get('name')}")


def score(gold_docs: list[dict], events: list[dict], people: list[dict] | None) -> tuple[dict[str, Any], list[str]]:
    """Score predictions against gold; returns (measures, details)."""
    gold_docs = [dict(g, events=[dict(e) for e in g.get("events", [])]) for g in gold_docs]
    for g in gold_docs:
        for ge in g["events"]:
            if not ge.get("participants"):
                ge["optional"] = True
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for ev in events:
        for d in {s.get("document") for s in ev.get("sources") or []}:
            by_doc[d].append(ev)
    tally = Tally()
    for g in gold_docs:
        doc = g["id"]
        preds = []
        for ev in by_doc.get(doc, []):
            ps = [p for p in ev.get("participants") or [] if not p.get("documents") or doc in p["documents"]]
            if ps:
                preds.append(dict(ev, participants=ps))
        _match_document(doc, g["events"], preds, tally)
    result: dict[str, Any] = {
        "documents": len(gold_docs),
        "events": tally.events.as_dict(),
        "participants": tally.participants.as_dict(),
        "attributes": {k: {"accuracy": round(v[0] / v[1], 3) if v[1] else None, "n": v[1]} for k, v in tally.attributes.items()},
        "fusion": _fusion(gold_docs, tally),
    }
    if people is not None:
        _people(gold_docs, people, tally)
        result["people"] = tally.people.as_dict()
    return result, tally.details
