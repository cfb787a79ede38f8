"""Tokens, normal forms, sentence splitting and gazetteer matching."""

from __future__ import annotations

from dragoman.extract.gazetteer import lookup, match_all, word_stream
from dragoman.extract.sentences import split_sentences
from dragoman.extract.tokens import norm_token, tokenize
from dragoman.textnorm import normalize_token


def test_norm_token_agrees_with_textnorm():
    words = ["Ülviyyə", "Bahraini", "الأذربيجانية", "البحرينيّة", "للجمعية", "إلهام", "مُحمّد", "Москва", "Türkiye", "ﻻ"]
    for w in words:
        assert norm_token(w) == normalize_token(w), w


def test_tokens_keep_offsets_and_possessive():
    toks = tokenize("Azerbaijan’s Foreign Minister, Kassym-Jomart.")
    assert toks.raw[:2] == ["Azerbaijan", "’s"]
    assert toks.norm[1] == "'s"
    for s, e, r in zip(toks.starts, toks.ends, toks.raw):
        assert toks.text[s:e] == r


def test_sentences_respect_abbreviations_and_paragraphs():
    text = "H.E. Mr. Orkhan Valiyev arrived in Tashkent. He met Dr. Ilyas Karimov.\nA new paragraph starts here"
    spans = split_sentences(text)
    got = [text[s:e] for s, e in spans]
    assert got == ["H.E. Mr. Orkhan Valiyev arrived in Tashkent.", "He met Dr. Ilyas Karimov.", "A new paragraph starts here"]


def test_arabic_sentences():
    text = "استقبل الوزير ضيفه اليوم. وبحث الجانبان التعاون؟ نعم"
    assert len(split_sentences(text)) == 3


def _kinds(resources, lang, text):
    pack = resources.pack(lang)
    toks = tokenize(text)
    ms = match_all(pack.entity_trie, toks, word_stream(toks), pack.script == "arabic")
    return [(toks.span_text(m.start, m.end), sorted({p[0] for p in m.payloads})) for m in ms]


def test_countries_from_cldr_and_adjectives(resources):
    got = dict(_kinds(resources, "en", "The Uzbek envoy flew from Uruguay to the Republic of Kazakhstan."))
    assert "demonym" in got["Uzbek"]
    assert "country" in got["Uruguay"]
    assert "country" in got["Republic of Kazakhstan"]


def test_capitals_required_for_latin_country_names(resources):
    got = dict(_kinds(resources, "en", "They ate turkey in Turkey."))
    assert "turkey" not in got and "Turkey" in got


def test_arabic_nisba_and_clitics(resources):
    got = dict(_kinds(resources, "ar", "التقى وزير الخارجية البحريني بسفير جمهورية أوزبكستان لدى المملكة"))
    assert "demonym" in got["البحريني"]
    assert "head" in got["بسفير"]  # the preposition ب is glued to the office
    assert "country" in got["جمهورية أوزبكستان"]


def test_one_institution_key_across_languages(resources):
    keys = set()
    for lang, text in (("en", "the Milli Majlis"), ("ar", "الجمعية الوطنية الأذربيجانية"), ("ru", "Милли Меджлис"), ("az", "Milli Məclis")):
        pack = resources.pack(lang)
        toks = tokenize(text)
        for m in match_all(pack.entity_trie, toks, word_stream(toks), lang == "ar"):
            keys.add(m.value("inst"))
    assert keys == {"az.milli_majlis"}


def test_lookup_dateline_city(resources):
    assert lookup(resources.pack("ar").entity_trie, "المنامة", "place") == "BH"
    assert lookup(resources.pack("en").entity_trie, "Ashgabat", "place") == "TM"
