"""The flat list of typed mentions and the document's institutions."""

from __future__ import annotations

from dragoman.models import DocInstitution, Mention, Span

_ENT_KIND = {"country": "country", "demonym": "country", "place": "place", "org": "organization",
             "inst": "institution", "itype": "institution", "honor": "honorific"}


def collect_mentions(toks, ent, cues, persons, clusters, lone, dates) -> list[Mention]:
    """Every person, title, country, place, institution, organisation, date and trigger."""
    out: list[Mention] = []
    text = toks.text
    for m in ent:
        kind, value = None, None
        for k, v, _ in m.payloads:
            if k in _ENT_KIND:
                kind, value = _ENT_KIND[k], v
                break
        if kind:
            s, e = toks.starts[m.start], toks.ends[m.end - 1]
            out.append(Mention(kind, s, e, text[s:e], value))
    for pm in persons:
        s, e = toks.starts[pm.start], toks.ends[pm.end - 1]
        out.append(Mention("person", s, e, text[s:e], pm.text, entity=f"p{pm.cluster + 1}"))
        if pm.title is not None:
            t = pm.title
            ts, te = toks.starts[t.start], toks.ends[t.end - 1]
            out.append(Mention("title", ts, te, text[ts:te], t.role, entity=f"p{pm.cluster + 1}"))
    for t in lone:
        ts, te = toks.starts[t.start], toks.ends[t.end - 1]
        out.append(Mention("title", ts, te, text[ts:te], t.role))
    for m in cues:
        if m.has("trigger"):
            s, e = toks.starts[m.start], toks.ends[m.end - 1]
            out.append(Mention("trigger", s, e, text[s:e], m.value("trigger")))
    for d in dates:
        out.append(Mention("date", d.start, d.end, d.text, d.value))
    out.sort(key=lambda x: (x.start, x.end))
    return out


def collect_institutions(toks, ent, people, shared) -> list[DocInstitution]:
    """Named institutions in the text plus those implied by people's titles."""
    found: dict[str, DocInstitution] = {}
    for m in ent:
        key = m.value("inst")
        if key:
            meta = shared.institutions.get(key, {})
            inst = found.setdefault(key, DocInstitution(key=key, name=meta.get("name", key), country=meta.get("country")))
            inst.mentions.append(Span(toks.starts[m.start], toks.ends[m.end - 1]))
    for p in people:
        if p.institution and p.institution not in found:
            found[p.institution] = DocInstitution(key=p.institution, name=p.organization or p.institution, country=p.country)
    return list(found.values())
