"""Which matches are places in German, where every noun is capitalised.

A city-name match is kept only when the part-of-speech tagger (HanTa) calls
it a proper noun, or when it is a word too rare to be a common noun
("Taldykorgan"), and not when it stands beside another proper noun as in a
person's name ("Nursultan Nasarbajew").  Country, sea and region names are
reliable and skip the tagger, unless used as an everyday noun ("Der Zug").
"""

from __future__ import annotations

import math
from types import ModuleType

from geo.gazetteer.index import Gazetteer, Place
from geo.recognition.matches import PART_MIN_POPULATION, Match, Token, first_name_before, is_reliable, largest, zipf
from geo.recognition.tagger import german_tagger

_PROPER_TAGS = frozenset({"NE", "FM"})
_NOUN_TAGS = frozenset({"NN", "NNI", "NNA", "XY"})
_COMMON_WORD_ZIPF = 3.0
_EVERYDAY_NOUN_ZIPF = 4.0
_ZIPF_PER_POPULATION_DECADE = 0.5
_NAME_WORD_ZIPF = 3.0


class LazyTags:
    """Part-of-speech tags of one sentence, computed on first use only."""

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._tags: list[str] | None = None

    def __getitem__(self, index: int) -> str:
        if self._tags is None:
            self._tags = german_tagger().tag([t.text for t in self._tokens])
        return self._tags[index]


def is_place(
    match: Match,
    tokens: list[Token],
    tags: LazyTags,
    gazetteer: Gazetteer,
    lang: ModuleType,
    chosen: list[Match],
) -> bool:
    """Decide whether a gazetteer match is a place in this sentence."""
    candidates = gazetteer.candidates(match.query)
    reliable = is_reliable(candidates)
    if match.kind == "part":
        return (reliable or largest(candidates) >= PART_MIN_POPULATION) and not _after_name(match, tokens, tags, lang)
    if match.first == match.last and tokens[match.first].text in lang.STOP_WORDS:
        return False
    if reliable and not _region_named_like_a_noun(match, tokens, tags, candidates, lang):
        return True
    if _noun_after_article(match, tokens, lang):
        return False
    if not _tagged_as_name(match, tokens, tags, lang, largest(candidates)) or first_name_before(match, tokens, lang):
        return False
    if match.first == match.last and tokens[match.first].text in lang.first_names() and _before_name(
        match, tokens, tags, lang, set()
    ):
        return False
    in_place = {i for m in chosen for i in range(m.first, m.last + 1)}
    return not (_before_name(match, tokens, tags, lang, in_place) or _after_name(match, tokens, tags, lang))


def _noun_after_article(match: Match, tokens: list[Token], lang: ModuleType) -> bool:
    """"Das Essen war gut", "nach dem Essen": an everyday noun right after an article, whatever
    the tagger says (towns take no article in German)."""
    word = tokens[match.first].text
    return (
        match.first > 0
        and match.first == match.last
        and tokens[match.first - 1].text.lower() in lang.ARTICLES
        and zipf(word.lower(), lang.CODE) >= _EVERYDAY_NOUN_ZIPF
    )


def _region_named_like_a_noun(match: Match, tokens: list[Token], tags: LazyTags,
                              candidates: list[tuple[Place, bool]], lang: ModuleType) -> bool:
    """A region whose name is an everyday noun, used as one: "Der Zug fuhr ab" (not the canton)."""
    word = tokens[match.first].text
    return (
        match.first == match.last
        and "-" not in word
        and not any(place.feature in ("country", "water") for place, _ in candidates)
        and tags[match.first] in _NOUN_TAGS
        and zipf(word.lower(), lang.CODE) >= _EVERYDAY_NOUN_ZIPF
    )


def _tagged_as_name(match: Match, tokens: list[Token], tags: LazyTags, lang: ModuleType,
                    population: int = 0) -> bool:
    """A proper noun by its tag, by a trigger before it ("Stadt Öskemen"), or by its shape.

    The tagger calls names it does not know nouns; a word rare enough is a
    name all the same, and the bigger the place, the more often its name is
    written: "Lüttich" is as frequent as many nouns and still the city.
    """
    if match.first > 0 and tokens[match.first - 1].text in lang.PLACE_TRIGGERS:
        return True
    tag = tags[match.first]
    if tag in _PROPER_TAGS:
        return True
    word = tokens[match.first].text
    hyphenated_name = "-" in word and all(piece[:1].isupper() for piece in word.split("-"))
    rare_enough = _COMMON_WORD_ZIPF + max(0.0, math.log10(population + 1) - 4) * _ZIPF_PER_POPULATION_DECADE
    return tag in _NOUN_TAGS and (hyphenated_name or zipf(word.lower(), lang.CODE) < rare_enough)


def _looks_like_name(index: int, tokens: list[Token], tags: LazyTags, lang: ModuleType) -> bool:
    token = tokens[index]
    if not (token.is_word and token.is_capitalised) or token.text in lang.STOP_WORDS:
        return False
    return tags[index] in _PROPER_TAGS or tags[index] == "NNI" or zipf(token.text.lower(), lang.CODE) < 2.0


def _before_name(match: Match, tokens: list[Token], tags: LazyTags, lang: ModuleType, in_place: set[int]) -> bool:
    """A first name: "Nursultan Nasarbajew", "Wladimir Putin"."""
    following = match.last + 1
    return (
        following < len(tokens)
        and following not in in_place
        and tokens[following].start - tokens[match.last].end == 1
        and _looks_like_name(following, tokens, tags, lang)
    )


def _after_name(match: Match, tokens: list[Token], tags: LazyTags, lang: ModuleType) -> bool:
    """Part of a longer proper name: "Agence France-Presse", "Komsomolskaja Prawda"."""
    previous = match.first - 1
    return (
        previous > 0
        and tokens[match.first].start - tokens[previous].end == 1
        and _looks_like_name(previous, tokens, tags, lang)
        and zipf(tokens[previous].text.lower(), lang.CODE) < _NAME_WORD_ZIPF
    )
