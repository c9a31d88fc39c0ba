"""The German tagger's faster searches give HanTa's own answers, bit for bit."""

from __future__ import annotations

import pytest
from HanTa import HanoverTagger

from geo.recognition.matches import tokenize
from geo.recognition.sentences import split_sentences
from geo.recognition.tagger import Tagger, german_tagger

# Unknown compounds, names, inflections, a foreign word, punctuation, a word HanTa cannot analyse.
TEXT = """Die Demonstranten in Taldykorgan stürzten das Denkmal Nasarbajews um.
Sicherheitskräfte der OVKS-Friedenstruppe bewachten den Weltraumbahnhof Baikonur.
In Essen demonstrierten Tausende; nach dem Essen fuhren sie über Lüttich nach Kökschetau.
Der Ausnahmezustandsverlängerungsbeschluss kam um 23.45 Uhr, sagte @Tokajew_KZ: »Ordnung!«
Almaty/Moskau – Xqzv ist kein Wort."""


@pytest.fixture(scope="module")
def hanta():
    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@pytest.fixture(scope="module")
def sentences():
    return [[t.text for t in tokenize(s)] for s in split_sentences(TEXT)]


def test_word_analyses_are_hantas_to_the_last_bit(hanta, sentences):
    ours = Tagger(HanoverTagger.HanoverTagger("morphmodel_ger.pgz"))
    forms = sorted({hanta.normalize(w) for words in sentences for w in words} | {"", "a", "zz"})
    assert [ours.analyze_forward(f) for f in forms] == [hanta.analyze_forward(f) for f in forms]


def test_sentence_tags_are_hantas(hanta, sentences):
    assert [german_tagger().tag(words) for words in sentences] == [
        hanta.tag_sent(words, taglevel=0) for words in sentences]
    assert german_tagger().tag([]) == []


def test_each_word_form_is_analysed_once_a_process(sentences):
    tagger = german_tagger()
    for words in sentences:
        tagger.tag(words)
    analysed = tagger.analyze_forward.cache_info().misses
    for words in sentences:
        tagger.tag(words)
    assert tagger.analyze_forward.cache_info().misses == analysed
