"""Every language folder ships the same files with the same shape as English."""

from __future__ import annotations

import json

import pytest

from dragoman.extract.resources import LANG_FILES, SHARED_FILES, available_languages, lang_root

LANGS = [code for code in available_languages() if (lang_root() / code / "titles.json").is_file()]


def _shape(value):
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


def test_english_arabic_russian_azerbaijani_are_packaged():
    assert {"en", "ar", "ru", "az"} <= set(LANGS)


@pytest.mark.parametrize("code", LANGS)
def test_folder_has_every_file_with_english_keys(code):
    folder = lang_root() / code
    for name in LANG_FILES:
        path = folder / name
        assert path.is_file(), f"{code}/{name} missing"
        if name.endswith(".json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            english = json.loads((lang_root() / "en" / name).read_text(encoding="utf-8"))
            assert set(data) == set(english), f"{code}/{name}: keys differ from en"
            for key, value in english.items():
                assert _shape(data[key]) == _shape(value), f"{code}/{name}: {key} has the wrong shape"
        else:
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
            assert lines, f"{code}/{name} is empty"


@pytest.mark.parametrize("code", LANGS)
def test_roles_modifiers_portfolios_exist_in_shared(code):
    roles = json.loads((lang_root() / "_shared" / "roles.json").read_text(encoding="utf-8"))
    titles = json.loads((lang_root() / code / "titles.json").read_text(encoding="utf-8"))
    for phrase, role in titles["heads"].items():
        assert role in roles["roles"], f"{code}: head {phrase!r} -> unknown role {role!r}"
    for phrase, mod in titles["modifiers"].items():
        assert mod in roles["modifiers"], f"{code}: modifier {phrase!r} -> unknown {mod!r}"
    for phrase, port in titles["portfolios"].items():
        assert port in roles["portfolios"], f"{code}: portfolio {phrase!r} -> unknown {port!r}"


@pytest.mark.parametrize("code", LANGS)
def test_institution_keys_exist_in_shared(code):
    shared = json.loads((lang_root() / "_shared" / "institutions.json").read_text(encoding="utf-8"))
    data = json.loads((lang_root() / code / "institutions.json").read_text(encoding="utf-8"))
    for key in data["named"]:
        assert key in shared["institutions"], f"{code}: unknown institution {key}"
    for typ in data["generic"]:
        assert typ in shared["types"], f"{code}: unknown institution type {typ}"
    orgs = json.loads((lang_root() / "_shared" / "organizations.json").read_text(encoding="utf-8"))["organizations"]
    for key in json.loads((lang_root() / code / "organizations.json").read_text(encoding="utf-8"))["organizations"]:
        assert key in orgs, f"{code}: unknown organisation {key}"


def test_shared_files_present():
    for name in SHARED_FILES:
        assert (lang_root() / "_shared" / name).is_file()


@pytest.mark.parametrize("code", LANGS)
def test_office_heads_do_not_swallow_named_institutions(code):
    """'Member of the Milli Majlis' must be head + institution, or the institution's country is lost."""
    from dragoman.extract.tokens import phrase_norms

    titles = json.loads((lang_root() / code / "titles.json").read_text(encoding="utf-8"))
    named = json.loads((lang_root() / code / "institutions.json").read_text(encoding="utf-8"))["named"]
    names = {" ".join(phrase_norms(n)) for ns in named.values() for n in ns}
    for head in titles["heads"]:
        h = " " + " ".join(phrase_norms(head)) + " "
        clash = [n for n in names if n and f" {n} " in h]
        assert not clash, f"{code}: head {head!r} contains institution {clash}"
