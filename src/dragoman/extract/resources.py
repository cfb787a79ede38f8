"""Loading the language packs into immutable, picklable matching resources.

``load_resources`` reads ``dragoman/lang/<code>/`` (fixed file names, see
``lang/README.md``) over the shared bases in ``lang/_shared/``, adds country
names for every language from CLDR (Babel) and ISO codes (pycountry), derives
Arabic nisba adjectives from the CLDR names, seeds cities from CLDR time-zone
exemplar cities, and compiles everything into token tries. Nothing here runs
per document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources as ilr
from typing import Any

from dragoman.extract.gazetteer import freeze, trie_add
from dragoman.extract.tokens import phrase_norms

LANG_FILES = (
    "titles.json", "honorifics.json", "institutions.json", "organizations.json", "triggers.json",
    "topics.json", "demonyms.json", "places.json", "stopwords.txt", "given_names.txt",
)
SHARED_FILES = ("roles.json", "institutions.json", "organizations.json")
NON_LATIN = {"ar": "arabic", "ru": "cyrillic"}


def lang_root():
    """The ``dragoman/lang`` package directory as a Traversable."""
    return ilr.files("dragoman") / "lang"


def available_languages() -> list[str]:
    """Codes of all language folders (folders not starting with '_')."""
    return sorted(p.name for p in lang_root().iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def _file(folder: str, name: str):
    """A pack file, or English's when this language does not (yet) ship it."""
    path = lang_root() / folder / name
    return path if path.is_file() else lang_root() / "en" / name


def read_json(folder: str, name: str) -> dict[str, Any]:
    return json.loads(_file(folder, name).read_text(encoding="utf-8"))


def read_lines(folder: str, name: str) -> list[str]:
    text = _file(folder, name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@dataclass(frozen=True)
class Shared:
    """Language-independent data: roles, modifiers, portfolios, institutions, organisations."""

    roles: dict
    modifiers: dict
    portfolios: dict
    institutions: dict
    inst_types: dict
    organizations: dict
    inst_by_country_type: dict
    country_en: dict


@dataclass(frozen=True)
class LangPack:
    """Everything the extractor needs for one language, precompiled."""

    code: str
    script: str
    entity_trie: dict
    cue_trie: dict
    mark_trie: dict
    stopwords: frozenset
    stop_raw: frozenset
    given_names: frozenset
    particles: frozenset
    complement: frozenset
    connectors: frozenset
    of_markers: frozenset
    to_markers: frozenset
    title_stop: frozenset
    honorific_norms: frozenset
    country_names: dict  # ISO -> name in this language
    dynasties: tuple = ()  # (normalised family name, ISO): Al Khalifa -> BH
    name_suffixes: tuple = ()  # case endings glued to names (Azerbaijani Fidanla -> Fidan)
    weak_before: frozenset = frozenset()  # words before a trigger noun that make it refer back ('during the meeting')
    name_cases: tuple = ()  # (oblique ending, nominative ending) of name words (Russian Орбаном -> Орбан)
    genitive_before: bool = False  # Azerbaijani: "Azərbaycan Respublikasının Prezidenti" (owner before office)
    ordinals: tuple = ()  # (normalised ordinal word, number): الثلاثين -> 30, thirtieth -> 30
    date_resources: Any = None

    def __getstate__(self) -> dict:
        # The dates module's resources are rebuilt on arrival (cheap, and they may hold
        # unpicklable views); everything else travels as plain dicts, sets and tuples.
        state = {f: getattr(self, f) for f in self.__dataclass_fields__}
        state["date_resources"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "date_resources", _date_resources(state["code"]))


@dataclass(frozen=True)
class Resources:
    """All loaded language packs plus shared data. Immutable and picklable."""

    shared: Shared
    packs: dict = field(default_factory=dict)

    def pack(self, lang: str | None) -> LangPack:
        """The pack for ``lang``; English resources when the language has none."""
        if lang in self.packs:
            return self.packs[lang]
        return self.packs.get("en") or next(iter(self.packs.values()))


def load_shared() -> Shared:
    """Read lang/_shared and index institutions by (country, type)."""
    roles = read_json("_shared", "roles.json")
    inst = read_json("_shared", "institutions.json")
    orgs = read_json("_shared", "organizations.json")["organizations"]
    by_ct: dict[tuple[str, str], str] = {}
    for key, meta in inst["institutions"].items():
        by_ct.setdefault((meta["country"], meta["type"]), key)
    from babel import Locale

    en_names = {k: v for k, v in Locale.parse("en").territories.items() if len(k) == 2 and k.isalpha()}
    return Shared(roles["roles"], roles["modifiers"], roles["portfolios"], inst["institutions"], inst["types"], orgs, by_ct, en_names)


def load_resources(languages: list[str] | None = None) -> Resources:
    """Load and compile the packs of ``languages`` (default: every folder)."""
    shared = load_shared()
    codes = languages or available_languages()
    if "en" not in codes:
        codes = [*codes, "en"]
    packs = {code: _load_pack(code, shared) for code in codes}
    return Resources(shared=shared, packs=packs)


def _load_pack(code: str, shared: Shared) -> LangPack:
    from dragoman.extract import lexicon

    folder = code if (lang_root() / code).is_dir() else "en"
    script = NON_LATIN.get(code, "latin")
    cap = script != "arabic"
    ent: dict = {}
    cue: dict = {}
    names = lexicon.add_countries(ent, code, folder, cap)
    lexicon.add_places(ent, code, folder, cap, names)
    lexicon.add_institutions(ent, folder, shared)
    titles = lexicon.add_titles(ent, folder)
    hon = lexicon.add_honorifics(ent, folder)
    lexicon.add_cues(cue, folder)
    marks: dict = {}
    lexicon.add_marks(marks, folder)
    norms = lambda xs: frozenset(n for x in xs for n in [" ".join(phrase_norms(x))] if n)  # noqa: E731
    return LangPack(
        code=code,
        script=script,
        entity_trie=freeze(ent),
        cue_trie=freeze(cue),
        mark_trie=freeze(marks),
        stopwords=norms(read_lines(folder, "stopwords.txt")),
        stop_raw=frozenset(read_lines(folder, "stopwords.txt")),
        given_names=norms(read_lines(folder, "given_names.txt")),
        particles=norms(hon["name_particles"]),
        complement=norms(titles["complement_words"]),
        connectors=norms(titles["connectors"]),
        of_markers=norms(titles["of_markers"]),
        to_markers=norms(titles["to_markers"]),
        title_stop=norms(titles["title_stop"]),
        honorific_norms=norms(hon["honorifics"]),
        country_names=names,
        name_suffixes=tuple(sorted(hon.get("name_suffixes", []), key=len, reverse=True)),
        weak_before=frozenset(read_json(folder, "triggers.json").get("weak_before", [])) | norms(read_json(folder, "triggers.json").get("weak_before", [])),
        name_cases=tuple(sorted((tuple(x) for x in hon.get("name_cases", [])), key=lambda x: len(x[0]), reverse=True)),
        genitive_before=bool(titles.get("genitive_before")),
        dynasties=tuple((" ".join(phrase_norms(n)), iso) for iso, ns in read_json(folder, "demonyms.json").get("dynasties", {}).items() for n in ns),
        ordinals=tuple((" ".join(phrase_norms(w)), n) for w, n in read_json(folder, "triggers.json").get("ordinals", {}).items()),
        date_resources=_date_resources(code),
    )


def _date_resources(code: str) -> Any:
    """The dates teammate's resources for ``code``; None until that module exists."""
    try:
        from dragoman.extract.dates import load_date_resources
    except ImportError:
        return None
    try:
        return load_date_resources(code)
    except Exception:  # no (valid) dates.json for this language: no dates
        return None


@cache
def default_resources() -> Resources:
    """A process-wide loaded copy, for callers that do not manage their own."""
    return load_resources()
