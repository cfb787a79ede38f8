"""PLOVER view of an event: category, mode, actor (visitor) and recipient (host).

CONSULT for meetings, visits and calls (mode visit / phone / multilateral /
third-party), SUPPORT for a signing, AGREE for a promise or a planned visit.
"""

from __future__ import annotations

from dragoman.models import DocEvent


def plover_of(ev: DocEvent) -> dict:
    """The PLOVER dict for one event."""
    if ev.status == "planned":
        cat, mode = "AGREE", "visit" if ev.type == "visit" else None
    elif ev.type == "agreement":
        cat, mode = "SUPPORT", None
    elif ev.type == "phone_call":
        cat, mode = "CONSULT", "phone"
    elif ev.type in ("meeting", "visit"):
        cat = "CONSULT"
        countries = {p.country for p in ev.participants if p.country}
        loc = ev.location.country if ev.location else None
        if len(countries) > 2:
            mode = "multilateral"
        elif loc and len(countries) >= 2 and loc not in countries:
            mode = "third-party"
        else:
            mode = "visit"
    elif ev.type == "message":
        cat, mode = "CONSULT", "message"
    else:
        cat, mode = "CONSULT", None
    out = {"category": cat}
    if mode:
        out["mode"] = mode
    visitors = [p.person for p in ev.participants if p.role == "visitor"]
    hosts = [p.person for p in ev.participants if p.role == "host"]
    if visitors or hosts:
        out["actor"] = visitors[0] if visitors else ev.participants[0].person
        rec = hosts[0] if hosts else next((p.person for p in ev.participants if p.person != out["actor"]), None)
        if rec:
            out["recipient"] = rec
    return out
