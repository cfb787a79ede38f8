"""Filling the entity and cue tries from the language data files and CLDR.

Payload kinds put into the entity trie:
  country, demonym (ISO), place (ISO), org (key), inst (canonical key),
  itype (institution type), head (role), mod (modifier), portfolio (key),
  honor (text), counterpart.
Cue trie: trigger (event type), host, guest, participation, planned, past,
  anaphora, topic, with.
"""

from __future__ import annotations

import re

import pycountry
from babel import Locale
from babel.core import get_global
from babel import localedata

from dragoman.extract.gazetteer import trie_add
from dragoman.extract.resources import read_json, read_lines
from dragoman.textnorm import normalize_arabic

_GENERIC_AR = {"جمهوريه", "مملكه", "المملكه", "دوله", "الولايات", "الامارات", "الاتحاد", "جزر", "سلطنه", "امارة"}


def _iso_codes() -> set[str]:
    return {c.alpha_2 for c in pycountry.countries}


def add_countries(trie: dict, code: str, folder: str, cap: bool) -> dict[str, str]:
    """CLDR country names in ``code`` plus the pack's aliases and adjectives."""
    isos = _iso_codes()
    try:
        terr = Locale.parse(code).territories
    except Exception:
        terr = Locale.parse("en").territories
    names = {k: v for k, v in terr.items() if k in isos}
    dem = read_json(folder, "demonyms.json")
    infl = dem.get("inflection") or {}
    for iso, name in names.items():
        for form in inflected(name, infl):
            trie_add(trie, form, ("country", iso, cap))
        if code == "en":
            c = pycountry.countries.get(alpha_2=iso)
            for attr in ("official_name", "common_name"):
                if getattr(c, attr, None):
                    trie_add(trie, c.official_name if attr == "official_name" else c.common_name, ("country", iso, cap))
        if code == "ar":
            for adj in arabic_nisbas(name):
                trie_add(trie, adj, ("demonym", iso, False))
    for iso, aliases in dem.get("country_aliases", {}).items():
        for a in aliases:
            for form in inflected(a, infl) if not a.isupper() else [a]:
                trie_add(trie, form, ("country", iso, cap and not a.isupper()))
    for iso, adjs in dem.get("adjectives", {}).items():
        for a in adjs:
            trie_add(trie, a, ("demonym", iso, cap))
    return names


def _word_forms(word: str, rules: list, keep: list) -> list[str] | None:
    """Case forms of one word by the longest matching nominative ending (None: indeclinable)."""
    low = word.lower()
    if keep and low.endswith(tuple(keep)):
        return None
    for ending, forms in rules:
        if low.endswith(ending) and (ending or low[-1:].isalpha()):
            stem = word[: len(word) - len(ending)]
            return [stem + f for f in forms]
    return None


def inflected(name: str, infl: dict) -> list[str]:
    """A name and its case forms (Russian 'Венгрия' -> 'Венгрии', Azerbaijani 'Özbəkistan' -> 'Özbəkistanın').

    mode 'each': every word takes the same case (adjective + noun), plus a variant
    that inflects only the first word ('Республики Казахстан'); mode 'last':
    suffixes are glued to the last word.
    """
    mode, rules, keep = infl.get("mode"), infl.get("rules") or [], infl.get("keep") or []
    out = [name]
    if not rules or mode not in ("each", "last"):
        return out
    words = name.split()
    if mode == "last":
        forms = _word_forms(words[-1], rules, keep) or []
        out += [" ".join(words[:-1] + [f]) for f in forms]
        return out
    per_word = [_word_forms(w, rules, keep) for w in words]
    n_cases = max((len(f) for f in per_word if f), default=0)
    for k in range(n_cases):
        out.append(" ".join(f[k] if f else w for w, f in zip(words, per_word)))
        if per_word[0] and len(words) > 1:
            out.append(" ".join([per_word[0][k]] + words[1:]))
    return list(dict.fromkeys(out))


def arabic_nisbas(name: str) -> list[str]:
    """Nisba adjectives (m., f., pl.) derived from an Arabic country name.

    البحرين -> البحريني/البحرينية/البحرينيين; روسيا -> الروسي; multi-word
    names use their last non-generic word (المملكة العربية السعودية -> السعودي).
    """
    words = [w for w in normalize_arabic(name).split() if w not in _GENERIC_AR]
    if not words or len(words) > 2:
        return []
    base = re.sub(r"^ال", "", words[-1] if len(words) == 1 else words[0])
    if len(base) < 3:
        return []
    if base.endswith("يا"):
        stem = base[:-1]
    elif base.endswith("ا"):
        stem = base[:-1] + "ي"
    elif base.endswith("يه"):
        stem = base[:-1]
    else:
        stem = base + "ي"
    return [stem, stem + "ه", stem + "ين", stem + "ون", "ال" + stem, "ال" + stem + "ه"]


def add_places(trie: dict, code: str, folder: str, cap: bool, countries: dict[str, str]) -> None:
    """Cities from the pack plus CLDR time-zone exemplar cities."""
    places = read_json(folder, "places.json")
    infl = read_json(folder, "demonyms.json").get("inflection") or {}
    for city, iso in places["cities"].items():
        for form in inflected(city, infl):
            trie_add(trie, form, ("place", iso, cap))
    zt = get_global("zone_territories")
    try:
        zones = localedata.load(code).get("time_zones", {})
    except Exception:
        zones = {}
    cnames = {n.casefold() for n in countries.values()}
    for zone, iso in zt.items():
        if len(iso) != 2 or not iso.isalpha():
            continue
        city = (zones.get(zone) or {}).get("city")
        if not city and code in ("en", "de", "fr"):
            city = zone.rsplit("/", 1)[-1].replace("_", " ")
        if city and city.casefold() not in cnames:
            for form in inflected(city, infl):
                trie_add(trie, form, ("place", iso, cap))


def add_institutions(trie: dict, folder: str, shared) -> None:
    """Named institutions (canonical keys), generic types and organisations."""
    data = read_json(folder, "institutions.json")
    for key, names in data["named"].items():
        for n in names:
            trie_add(trie, n, ("inst", key, False))
    for typ, names in data["generic"].items():
        for n in names:
            trie_add(trie, n, ("itype", typ, False))
    for key, names in read_json(folder, "organizations.json")["organizations"].items():
        for n in names:
            trie_add(trie, n, ("org", key, len(n) <= 5))


def add_titles(trie: dict, folder: str) -> dict:
    """Title heads, modifiers and portfolios; returns the raw titles data."""
    data = read_json(folder, "titles.json")
    for phrase, role in data["heads"].items():
        trie_add(trie, phrase, ("head", role, False))
    for phrase, mod in data["modifiers"].items():
        trie_add(trie, phrase, ("mod", mod, False))
    for phrase, port in data["portfolios"].items():
        trie_add(trie, phrase, ("portfolio", port, False))
    for phrase in data.get("counterpart_words", []):
        trie_add(trie, phrase, ("head", "counterpart", False))
    return data


def add_honorifics(trie: dict, folder: str) -> dict:
    data = read_json(folder, "honorifics.json")
    for h in data["honorifics"]:
        trie_add(trie, h, ("honor", h, False))
    return data


def add_cues(trie: dict, folder: str) -> None:
    """Event triggers, role cues, status cues and topic words."""
    trig = read_json(folder, "triggers.json")
    for typ, words in trig["types"].items():
        for w in words:
            trie_add(trie, w, ("trigger", typ, False))
    for kind in ("host_verbs", "guest_markers", "participation", "planned", "past_background", "anaphora", "negation",
                 "delegation_words", "delegation_lead", "delegation_members", "not_planned", "exclude_context", "invite", "reply", "letter_from", "generic_markers", "tail_markers", "separately"):
        for w in trig.get(kind, []):
            trie_add(trie, w, (kind, w, False))
            if kind in ("host_verbs", "guest_markers"):
                trie_add(trie, w, ("trigger", "meeting", False))
    for w, offset in trig.get("visit_day", {}).items():
        trie_add(trie, w, ("visit_day", offset, False))


def add_marks(trie: dict, folder: str) -> None:
    """Milestone, commitment and topic words (a trie of their own: they overlap triggers)."""
    trig = read_json(folder, "triggers.json")
    for group in ("milestones", "commitments"):
        for kind, words in trig.get(group, {}).items():
            for w in words:
                trie_add(trie, w, (group[:-1], kind, False))
    for topic, words in read_json(folder, "topics.json")["topics"].items():
        for w in words:
            trie_add(trie, w, ("topic", topic, False))
