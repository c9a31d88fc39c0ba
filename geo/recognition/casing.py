"""Which matches are places in English, which capitalises names only.

No tagger is needed: a capitalised word sequence the gazetteer knows is a
place unless the words around it say otherwise: a title or a first name and
surname ("Gov. Jackson", "Michael Moore"), a street word after it ("Dublin
Road"), an organisation around it ("University of Kansas", as an option), or
a common word opening a sentence ("Reading").  Languages without rules of
their own use these with only unmistakable names kept.
"""

from __future__ import annotations

import unicodedata
from types import ModuleType

from geo.gazetteer.index import Gazetteer, Place
from geo.recognition.matches import (PART_MIN_POPULATION, Match, Token, first_name_before, initial_before, is_reliable,
                         largest, zipf)

_RARE_NAME_ZIPF = 3.5  # a capitalised word rarer than this beside a place is a name
_COMMON_WORD_ZIPF = 4.0  # a town named like a word this common needs more evidence
_COMMON_OPENING_ZIPF = 4.0  # the same for the first word of a sentence
_COMMON_WORD_MAX_POPULATION = 200_000
_VERY_COMMON_WORD_ZIPF = 5.0  # "Man", "Police": only a metropolis is named like these
_VERY_COMMON_WORD_MAX_POPULATION = 1_000_000
_FIRST_NAME_TOWN_MAX_POPULATION = 50_000
_UNSUPPORTED_MIN_POPULATION = 100_000
_ALIAS_MIN_POPULATION = 500_000  # a place this big is known by its other names too
_ALIAS_MAX_ZIPF = 4.0
_RARE_ALIAS_MIN_POPULATION = 100_000  # a city this big is known by a spelling no word has ("Gondar" for Gonder)
_RARE_ALIAS_MAX_ZIPF = 2.5


def is_place(
    match: Match,
    tokens: list[Token],
    gazetteer: Gazetteer,
    lang: ModuleType,
    chosen: list[Match],
    organisations: bool,
    supported: bool,
    people: set[str],
) -> bool:
    """Decide whether a gazetteer match is a place, in a language that capitalises names only.

    ``people`` holds the words the document uses as surnames ("Moore" after
    "Michael Moore"), which are then not places anywhere in it.
    """
    first = tokens[match.first]
    single = match.first == match.last
    if single and (first.text in lang.STOP_WORDS or first.text in people or match.query in people):
        return False
    following = tokens[match.last + 1].text if match.last + 1 < len(tokens) else ""
    previous = tokens[match.first - 1] if match.first > 0 else None
    if following in lang.STREET_HEADS | lang.ROAD_HEADS or name_head(match, tokens, lang) in lang.ROAD_HEADS or (
            previous and previous.text in lang.PERSON_TITLES):
        return False  # "Dublin Street", "Hickory Ridge Road", "St George's Field"
    heads = lang.ORGANISATION_HEADS | lang.MEDIA_HEADS | lang.STREET_HEADS
    if single and match.query in heads and _capitalised_before(match, tokens):
        return False  # the town of Tribune in "Texas Tribune"
    if not organisations and in_organisation(match, tokens, lang):
        return False
    if single and first.text in lang.VEHICLE_MAKES and _a_vehicle(match, tokens, lang):
        return False
    in_place = {i for m in chosen for i in range(m.first, m.last + 1)}
    if first_name_before(match, tokens, lang) or (single and _person_named(match.first, tokens, lang)):
        return False
    candidates = gazetteer.candidates(match.query, spellings=False)
    reliable = is_reliable(candidates)
    if single and not reliable and _genitive_of_a_name(match, tokens, lang, candidates):
        return False
    if not supported:
        return reliable or largest(candidates) >= _UNSUPPORTED_MIN_POPULATION
    if match.query in lang.ABBREVIATIONS.values():
        return True
    if single and first.text.isupper() and len(first.text) <= 3:
        return False  # "PA", "CO": abbreviations the list does not know
    if match.kind == "part":
        return reliable or largest(candidates) >= PART_MIN_POPULATION
    if reliable or not single:
        return True
    if _followed_by_region(match, tokens, chosen, gazetteer, lang):
        return True  # "Lawrence, Kan.", "Paris, Texas"
    if not any(preferred or _without_accents(match.query) == _without_accents(place.name)
               for place, preferred in candidates) and not _metropolis_alias(match, candidates, lang):
        return False  # only another language's name for a town: "Hamas" for Hamm; but "Reykjavik" is Reykjavík
    placed = _placed_by_words(match, tokens, lang, lang.PLACE_CUES)
    placed_name = _placed_by_words(match, tokens, lang, lang.FIRST_NAME_PLACE_CUES)
    if first.text in lang.first_names() and largest(candidates) < _FIRST_NAME_TOWN_MAX_POPULATION and not placed_name:
        return False  # "Meredith said": a person more likely than a small town, but not "in Meredith"
    word = first.text.lower()
    name_only = word in lang.names_only() or (placed_name and word in lang.proper_nouns_only())
    common = 0.0 if name_only else zipf(word, lang.CODE)  # "in Clinton" is the town, "in Orange juice" a word
    threshold = _COMMON_OPENING_ZIPF if _opens_sentence(match, tokens) else _COMMON_WORD_ZIPF
    size = largest(candidates)
    if (common >= threshold and size < _COMMON_WORD_MAX_POPULATION and not placed) or (
        common >= _VERY_COMMON_WORD_ZIPF and size < _VERY_COMMON_WORD_MAX_POPULATION
    ):
        return False
    return not (_name_beside(match.last + 1, tokens, lang, in_place) or
                (not _opens_sentence(match, tokens) and _name_beside(match.first - 1, tokens, lang, in_place)))


def _a_vehicle(match: Match, tokens: list[Token], lang: ModuleType) -> bool:
    """A make of car, by the words around it: "a 2005 Honda", "the Toyota", "Dodge Caravan"."""
    previous = tokens[match.first - 1].text if match.first > 0 else ""
    following = tokens[match.last + 1] if match.last + 1 < len(tokens) else None
    model = (following is not None and following.is_word and following.is_capitalised
             and following.start == tokens[match.last].end + 1 and following.text not in lang.STOP_WORDS
             and following.text not in lang.ORGANISATION_HEADS | lang.STREET_HEADS)
    return (previous.isdigit() and len(previous) == 4) or previous.lower() in ("a", "an", "the") or model


def _placed_by_words(match: Match, tokens: list[Token], lang: ModuleType, cues: frozenset[str]) -> bool:
    """Words before the name that only a place follows: "near Brandon", "southwest of Brandon",
    "the town of Hope"."""
    before = [t.text.lower() for t in tokens[max(0, match.first - 2) : match.first]]
    return bool(before) and (before[-1] in cues or (
        before[-1] == "of" and len(before) == 2 and before[0] in lang.PLACE_CUES_OF))


def _metropolis_alias(match: Match, candidates: list[tuple[Place, bool]], lang: ModuleType) -> bool:
    """An older or foreign name of a metropolis, which English news writes too ("Kiev", "Peking"), or of a
    big city spelt in a way no word is ("Gondar", "Mekele"), or the short form of a long official name
    ("Chamonix"), unless it is a word or a first name of its own: a town's other names are not news usage
    ("Hamas" for Hamm), nor "Ahmad" the city of Al Ahmadi."""
    size, common = largest(candidates), zipf(match.query.lower(), lang.CODE)
    rare = common < _RARE_ALIAS_MAX_ZIPF
    return ((size >= _ALIAS_MIN_POPULATION and common < _ALIAS_MAX_ZIPF)
            or (rare and size >= _RARE_ALIAS_MIN_POPULATION)
            or (rare and any(_short_for(match.query, place.name) for place, _ in candidates))
            ) and match.query not in lang.first_names()


def _short_for(name: str, full: str) -> bool:
    """The first part of a longer hyphenated official name, as people say it: "Chamonix" for
    Chamonix-Mont-Blanc."""
    return len(full) > len(name) and full[len(name)] == "-" and _without_accents(full[: len(name)]) == _without_accents(name)


def _followed_by_region(match: Match, tokens: list[Token], chosen: list[Match], gazetteer: Gazetteer,
                        lang: ModuleType) -> bool:
    """A comma and a state or country after the name: the way news places a town."""
    after = match.last + 2
    if after >= len(tokens) or tokens[match.last + 1].text != ",":
        return False
    region = next((m for m in chosen if m.first == after), None)
    return region is not None and (
        region.query in lang.ABBREVIATIONS.values() or is_reliable(gazetteer.candidates(region.query, spellings=False))
    )


def _genitive_of_a_name(match: Match, tokens: list[Token], lang: ModuleType,
                        candidates: list[tuple[Place, bool]]) -> bool:
    """A surname or a first name in the genitive, named like a small town: a person's or a shop's
    ("Barton's car", "McDonald's"), where "Britain's" and "Jackson's mayor" stay places."""
    word = tokens[match.last].text
    return (word.endswith(lang.GENITIVE_ENDINGS) and largest(candidates) < _FIRST_NAME_TOWN_MAX_POPULATION
            and (match.query in lang.surnames() or match.query in lang.first_names()))


def _person_named(index: int, tokens: list[Token], lang: ModuleType) -> bool:
    """A first name followed by a surname, or by a word too rare to be anything but a name, or any
    name followed by an initial and a name: "Jackson Smith", "Michael Moore", "Milton J. Little"
    (not "Georgia Bureau of Investigation", nor "Washington D. C.")."""
    if index + 3 < len(tokens) and initial_before(index + 3, tokens) and len(tokens[index + 3].text) > 1:
        return True
    if tokens[index].text not in lang.first_names() or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    return (
        following.start == tokens[index].end + 1
        and following.is_word
        and following.is_capitalised
        and following.text not in lang.STOP_WORDS
        and following.text not in lang.ORGANISATION_HEADS
        and following.text not in lang.STREET_HEADS
        and (following.text in lang.surnames() or zipf(following.text.lower(), lang.CODE) < _RARE_NAME_ZIPF)
    )


def people_named(tokens: list[Token], lang: ModuleType) -> set[str]:
    """Words that follow a first name, a title or an initial somewhere: the document's people."""
    found = set()
    for index, (previous, token) in enumerate(zip(tokens, tokens[1:]), start=1):
        if (
            token.is_word
            and token.is_capitalised
            and token.start == previous.end + 1
            and (previous.text in lang.first_names() or previous.text in lang.PERSON_TITLES
                 or initial_before(index, tokens))
            and token.text not in lang.STOP_WORDS
        ):
            found.add(token.text)
    return found


def _without_accents(name: str) -> str:
    """ "Reykjavík" → "reykjavik": a name written without its accents is still the same name."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def _opens_sentence(match: Match, tokens: list[Token]) -> bool:
    return all(not t.is_word for t in tokens[: match.first])


def in_organisation(match: Match, tokens: list[Token], lang: ModuleType) -> bool:
    """"Alexandria Police", "US Geological Survey", "Kyiv Independent", "University of Kansas",
    "Radio Free Europe", "FC Bayern München"."""
    following = tokens[match.last + 1].text if match.last + 1 < len(tokens) else ""
    before = [t.text for t in tokens[max(0, match.first - 2) : match.first]]
    return following in lang.ORGANISATION_HEADS or name_head(match, tokens, lang) in lang.MEDIA_HEADS or (
        len(before) == 2 and before[1] == "of" and before[0] in lang.ORGANISATION_OF) or _opened_by(
        match, tokens, lang.ORGANISATION_OPENERS)


def _opened_by(match: Match, tokens: list[Token], openers: frozenset[str], reach: int = 2) -> bool:
    """Whether the capitalised words right before the match, at most ``reach`` of them, start with one of
    ``openers``: "Radio" in "Radio Free Europe", "FC" in "FC Bayern München"."""
    first = match.first
    for _ in range(reach):
        previous = first - 1
        if previous < 0 or not (tokens[previous].is_word and tokens[previous].text[:1].isupper()) or (
                tokens[first].start - tokens[previous].end != 1):
            return False
        if tokens[previous].text in openers:
            return True
        first = previous
    return False


def name_head(match: Match, tokens: list[Token], lang: ModuleType) -> str:
    """The last of the capitalised words that follow the match without a break, "" when none do:
    "Road" in "Hickory Ridge Road", "Survey" in "US Geological Survey".  The head says what the
    whole name is (a road, a newspaper, an agency), whatever place it starts with.  A genitive ends
    the name: "Utah's Zion National Park" is Utah's park."""
    if tokens[match.last].text.endswith(("'s", "’s")):
        return ""
    heads = lang.ROAD_HEADS | lang.MEDIA_HEADS
    last = match.last
    while (last + 1 < len(tokens) and tokens[last + 1].is_word and tokens[last + 1].is_capitalised
           and tokens[last + 1].start - tokens[last].end == 1
           and (tokens[last + 1].text not in lang.STOP_WORDS or tokens[last + 1].text.rstrip(".") in heads)):
        last += 1
    return tokens[last].text.rstrip(".") if last > match.last else ""


def _capitalised_before(match: Match, tokens: list[Token]) -> bool:
    previous = match.first - 1
    return (previous >= 0 and tokens[previous].is_word and tokens[previous].is_capitalised
            and tokens[match.first].start - tokens[previous].end == 1)


def _name_beside(index: int, tokens: list[Token], lang: ModuleType, in_place: set[int]) -> bool:
    """A rare capitalised word right beside the match: a first name or surname ("Raquel Henry")."""
    if not 0 <= index < len(tokens) or index in in_place:
        return False
    token = tokens[index]
    return (
        token.is_word
        and token.is_capitalised
        and not token.text.isupper()
        and token.text not in lang.STOP_WORDS
        and token.text not in lang.ORGANISATION_HEADS
        and token.text not in lang.STREET_HEADS
        and zipf(token.text.lower(), lang.CODE) < _RARE_NAME_ZIPF
    )
