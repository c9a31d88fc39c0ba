"""Tokens, candidate matches, and the word evidence both rule sets of recognition share.

:mod:`geo.recognition.toponyms` proposes matches over tokens; :mod:`geo.recognition.nouns` (German,
which capitalises every noun) and :mod:`geo.recognition.casing` (English, which
capitalises names only) decide which of them are places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

from geo.gazetteer.index import Place
from geo.recognition.sentences import Sentence

# Dotted abbreviations ("U.S.", "St.") are one token, so "St. Louis" is a name.
_TOKEN = re.compile(r"(?:[A-Z][a-z]?\.){2,}|(?:St|Ste|Mt|Ft)\.(?=\s)|\w+(?:[-‐'’]\w+)*|[^\w\s]")
PART_MIN_POPULATION = 100_000  # a place inside a compound word must be this big, or a country or region


class Token(NamedTuple):
    """A word or punctuation mark; the flags are computed once, as every test reads them."""

    start: int
    end: int
    text: str
    is_word: bool
    is_capitalised: bool


@dataclass(frozen=True)
class Match:
    """A span the gazetteer may know, and the name to look it up by.

    ``kind`` is ``"name"``, ``"part"`` (inside a compound word) or
    ``"tagged"`` (found by the trained tagger).
    """

    first: int  # token indices, inclusive
    last: int
    start: int  # character offsets of the span
    end: int
    query: str
    kind: str


def tokenize(sentence: Sentence) -> list[Token]:
    """Words and punctuation of a sentence, at offsets into the document."""
    offset = sentence.start
    return [
        Token(offset + m.start(), offset + m.end(), text, text[0].isalnum(), text[0].isupper())
        for m in _TOKEN.finditer(sentence.text)
        for text in (m.group(),)
    ]


def is_reliable(candidates: list[tuple[Place, bool]]) -> bool:
    """A preferred name of a country, region or sea: no tagger needed to believe it."""
    return any(preferred and place.feature != "city" for place, preferred in candidates)


def largest(candidates: list[tuple[Place, bool]]) -> int:
    """The population of the biggest candidate."""
    return max((place.population for place, _ in candidates), default=0)


@lru_cache(maxsize=65536)
def zipf(word: str, language: str) -> float:
    """How common a word is (wordfreq's Zipf scale: 3 is once a million words); loaded on first use."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)


def first_name_before(match: Match, tokens: list[Token], lang: ModuleType) -> bool:
    """"Michael Moore", "Paris Hilton": a first name right before the match, or an initial
    ("Joseph F. Wagner", "H. L. Snyder")."""
    index = match.first - 1
    return (
        index >= 0
        and tokens[index].end + 1 == tokens[match.first].start
        and tokens[index].text in lang.first_names()
        and tokens[index].text not in lang.STOP_WORDS
    ) or initial_before(match.first, tokens)


def initial_before(index: int, tokens: list[Token]) -> bool:
    """An initial right before the word at ``index``, after a name or another initial: "Joseph F.
    Wagner", "H. L. Snyder"; not "z. B. Berlin"."""
    if index < 3 or tokens[index - 1].text != "." or tokens[index - 1].end + 1 != tokens[index].start:
        return False
    letter, before = tokens[index - 2], tokens[index - 3]
    return (len(letter.text) == 1 and letter.text.isupper() and letter.end == tokens[index - 1].start
            and before.is_word and before.is_capitalised)