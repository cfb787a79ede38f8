"""The stage order of ``extract`` (kept apart so ``__init__`` stays an interface)."""

from __future__ import annotations

from dragoman.extract import relations, topics
from dragoman.extract.analysis import build_sentences
from dragoman.extract.assemble import best_title, build_event, context_countries, build_people, fill_countries, fill_counterparts
from dragoman.extract.coref import add_surname_mentions, cluster_people, resolve_counterparts, resolve_titles
from dragoman.extract.events import EventBuilder
from dragoman.extract.gazetteer import lookup, match_all, word_stream
from dragoman.extract.mentions import collect_institutions, collect_mentions
from dragoman.extract.people import NameFinder
from dragoman.extract.plover import plover_of
from dragoman.extract.sentences import split_sentences
from dragoman.extract.tokens import tokenize
from dragoman.extract.when import anchor_of, find_date_hits
from dragoman.models import CleanDocument, ExtractionResult, Location


def run(doc: CleanDocument, resources, version: str) -> ExtractionResult:
    """Run every stage over one document."""
    pack = resources.pack(doc.lang)
    shared = resources.shared
    arabic = pack.script == "arabic"
    text = doc.text or ""
    toks = tokenize(text, pack.given_names if arabic else frozenset())
    stream = word_stream(toks)
    ent = match_all(pack.entity_trie, toks, stream, arabic)
    cues = match_all(pack.cue_trie, toks, stream, arabic)
    marks = match_all(pack.mark_trie, toks, stream, arabic)
    spans = split_sentences(text)
    finder = NameFinder(toks, ent, {m.start: m for m in cues}, pack, shared)
    mentions, lone = finder.run()
    resolve_counterparts(mentions, lone, toks)
    clusters = cluster_people(mentions)
    add_surname_mentions(toks, clusters, mentions, arabic)
    links = resolve_titles(lone, clusters)
    for t, ci in links.items():
        clusters[ci].titles.append(next(x for x in lone if x.start == t))
    dates = find_date_hits(doc, pack)
    inst_country = {k: v.get("country") for k, v in shared.institutions.items()}
    sents = build_sentences(toks, spans, mentions, links, ent, cues + marks, dates, arabic, inst_country, pack.weak_before)
    anchor = anchor_of(doc)
    country_of = {c.idx: t.country for c in clusters for t in [best_title(c)] if t is not None and t.country}
    role_of = {c.idx: t.role for c in clusters for t in [best_title(c)] if t is not None}
    role_of.update({c.idx: "spokesperson" for c in clusters if any(t.role == "spokesperson" for t in c.titles)})
    builder = EventBuilder(sents, anchor, toks, arabic, country_of, role_of)
    frames = builder.run()
    doc_countries = [v for m in ent for k, v, _ in m.payloads if k in ("country", "demonym")]
    people = build_people(clusters, toks, text, spans, shared, doc_countries, pack.dynasties, pack.name_cases)
    fill_counterparts(frames, people, clusters)
    titles_of = {c.idx: c.titles for c in clusters}
    dl_country = doc.dateline_country
    if doc.dateline_place and not dl_country:
        dl_country = lookup(pack.entity_trie, doc.dateline_place, "place") or lookup(pack.entity_trie, doc.dateline_place, "country")
    dateline = (doc.dateline_place, dl_country) if doc.dateline_place else None
    _default_places(frames, people, doc, titles_of, dateline)
    context = context_countries(clusters, sents, lambda ci: people[ci].country is not None)
    fill_countries(frames, people, doc_countries, context, (builder.leader + builder.members, builder.deleg_country), dl_country)
    _default_places(frames, people, doc, titles_of, dateline)
    events = []
    for i, f in enumerate(frames):
        ev = build_event(f, sents, text, people, anchor, i == 0, None)
        if f.type in ("message", "phone_call"):
            ev.location = None
        elif ev.location is None and i == 0 and doc.dateline_place:
            ev.location = Location(name=doc.dateline_place, country=dl_country, evidence=None)
        ev.topics = topics.topics_of(f, sents)
        ev.plover = plover_of(ev)
        events.append(ev)
    _keep_people_in_events(events, people)
    result = ExtractionResult(document=doc.external_id, lang=doc.lang, version=version)
    result.people = people
    result.events = events
    result.mentions = collect_mentions(toks, ent, cues, mentions, clusters, lone, dates)
    result.institutions = collect_institutions(toks, ent, people, shared)
    result.agreements, result.milestones, result.commitments = relations.find(sents, text, toks, pack, doc, events)
    return result


def _default_places(frames, people, doc: CleanDocument, clusters_titles: dict | None = None,
                    dateline: tuple | None = None) -> None:
    """Where the text says nothing: the host's country, or an envoy's host country."""
    clusters_titles = clusters_titles or {}
    dl = dateline
    stated: list = []  # encounters whose place the text gives
    for i, f in enumerate(frames):
        if f.place is not None or f.type in ("phone_call", "message"):
            if f.place is not None and f.type not in ("phone_call", "message") and f.status == "occurred" and not f.background:
                stated.append(f)
            continue
        same = next((g for g in reversed(stated) if g.place[1] and g.date is not None and f.date is not None and g.date.value == f.date.value), None)
        if same is not None and f.status == "occurred" and not f.background and not f.is_visit_frame:
            f.place = (same.place[0], same.place[1], f.sents[0])  # narrated next, the same day: the same venue
            continue
        if dl and dl[1] and f.status == "occurred" and not f.background:
            if i == 0 or any(people[c].country == dl[1] for c in f.persons):
                f.place = (dl[0] if i == 0 else None, dl[1], f.sents[0])
                continue
        host = next((people[c].country for c in f.hosts if people[c].country), None)
        if host is None and f.type == "meeting":
            host = next((t.host_country for c in f.persons for t in clusters_titles.get(c, []) if t.host_country), None)
        if host:
            f.place = (None, host, f.sents[0])


def _keep_people_in_events(events, people) -> None:
    """Events without named participants cannot be scored or resolved; drop them."""
    events[:] = [e for e in events if e.participants]
