"""Toponym recognition: which character spans of a document name a place.

The gazetteer proposes, the language decides.  Every run of up to four
capitalised words is looked up (one batched query a document), also with a
genitive stripped ("Moskaus", "Henry's"), inside hyphenated compounds
("Kasachstan-Einsatz", "Ost-Ukraine"), in area compounds
("Schwarzmeerregion"), and as an abbreviation ("U.S.", "Kan.").

Which matches are places is for the language to say: :mod:`geo.recognition.nouns` for
German, where every noun is capitalised, :mod:`geo.recognition.casing` for English and
languages without rules of their own; for German, the trained tagger of
:mod:`geo.recognition.ner` has the last word where its model is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from types import ModuleType

from geo.recognition import casing, ner, nouns
from geo.documents import Document
from geo.gazetteer.index import Gazetteer, Place, name_key
from geo.recognition.languages import language_rules
from geo.recognition.matches import Match, Token, first_name_before, is_reliable, largest, tokenize, zipf
from geo.recognition.sentences import Sentence, split_sentences

_MAX_WORDS = 4
_CONNECTORS = frozenset("am an der de del la le im ob on upon of da do dos das".split())
_KEPT_MIN_POPULATION = 20_000
_COMMON_NOUN_ZIPF = 4.0  # "Tor", "Dom", "Platz": a landmark's head, not a place
_NAME_ONLY_ZIPF = 3.0  # rarer than this, a word the gazetteer knows is a name ("Zermatt", "Isar")
_SURE = 0.6  # the tagger's probability of a person or organisation that overrules the gazetteer
_PERSON_LABELS = frozenset({"PER", "PERderiv", "PERpart"})
_LOCAL_WORD = 1.0  # a word ten times as common in the text's language as in English names a local thing


@dataclass(frozen=True)
class Mention:
    """A span of a document that names a place.

    ``query`` is the name to look up in the gazetteer (the text with a
    genitive or compound head removed); ``kind`` is ``"name"``, ``"part"``
    (inside a compound word) or ``"adjective"`` (then ``country_code`` says
    which country) or ``"organisation"`` (inside an organisation's name,
    reported only when asked); ``spellings`` says whether the query may match a place
    by spelling key, as in German text; ``feature`` is the kind of place the
    words before it name ("Gebiet Karaganda": ``"region"``), if any;
    ``tagged`` says the trained tagger (:mod:`geo.recognition.ner`) found it, so it is a
    place name even where the gazetteer knows only a small, far-off place; ``only_feature`` says
    the words after it name its kind ("the Guadalupe River"), so no place of another kind will do.
    """

    doc_id: str
    start: int
    end: int
    text: str
    query: str
    sentence: Sentence
    kind: str = "name"
    country_code: str | None = None
    spellings: bool = True
    feature: str | None = None
    tagged: bool = False
    only_feature: bool = False


def recognize_toponyms(
    document: Document,
    gazetteer: Gazetteer,
    *,
    language: str = "de",
    include_adjectives: bool = False,
    include_organisations: bool = False,
    use_model: bool = True,
) -> list[Mention]:
    """Find the place mentions of ``document``, in text order.

    Parameters
    ----------
    document : Document
        The article; offsets in the result index ``document.text``.
    gazetteer : Gazetteer
        Proposes the names; see :class:`geo.gazetteer.index.Gazetteer`.
    language : str
        ISO 639-1 code; ``de`` and ``en`` have their own rules (``geo/lang/``),
        others keep only names that cannot be ordinary words.
    include_adjectives : bool
        Also report country adjectives and demonyms ("russische", "Iraqi")
        as mentions of their country.
    include_organisations : bool
        Also report places inside organisation names ("Alexandria Police",
        "University of Kansas"); streets and buildings never count.
    use_model : bool
        Let the trained tagger of :mod:`geo.recognition.ner` decide where one is built
        (German); ``False`` uses the rules alone.

    Examples
    --------
    >>> [m.text for m in recognize_toponyms(doc, gazetteer)]  # doctest: +SKIP
    ['Kasachstan', 'Moskau', 'Almaty']
    """
    lang, supported = language_rules(language)
    model = ner.load_model(lang.CODE) if use_model and supported and lang.CAPITALISES_NOUNS else None
    mentions, elsewhere = [], []
    for sentence, tokens, chosen, keep, tags in _analysed(document, gazetteer, lang, supported, include_organisations):
        if model is not None:
            # "an der Oder": a river whose name is also a word ("oder") the rules turned down
            keep += [m for m in chosen if m not in keep and _river_by_its_words(m, tokens, gazetteer, lang)]
            keep, others = _model_matches(model, tokens, keep, tags, gazetteer, lang)
            taken = others | {i for m in keep for i in range(m.first, m.last + 1)}
            elsewhere += [(sentence, tokens, match) for match in chosen if match.kind == "name"
                          and not taken & set(range(match.first, match.last + 1))
                          and not first_name_before(match, tokens, lang)]
        if lang.CAPITALISES_NOUNS:  # after the tagger, which takes "Leipzig" in "Universität Leipzig" for a place
            keep = _organisations(keep, tokens, lang, include_organisations)
        mentions += [_mention(document, sentence, tokens, match, lang) for match in keep]
        if include_adjectives:
            mentions.extend(_adjectives(document, sentence, tokens, lang))
    mentions += _same_name_again(document, mentions, elsewhere, lang)
    return sorted(_towns_throughout(mentions), key=lambda m: m.start)


def _organisations(keep: list[Match], tokens: list[Token], lang: ModuleType, include: bool) -> list[Match]:
    """Places inside organisations' names ("Radio Free Europe", "FC Bayern München") marked as such where
    they are asked for, so a store can filter them without a new run, and left out where not."""
    if include:
        return [replace(m, kind="organisation") if casing.in_organisation(m, tokens, lang) else m for m in keep]
    return [m for m in keep if not casing.in_organisation(m, tokens, lang)]


def _towns_throughout(mentions: list[Mention]) -> list[Mention]:
    """A name the text once calls a town is the town wherever it stands: after "2 miles east of
    Palestine", every "Palestine" is the town in Texas.  Not so for a state: "the state of New York"
    leaves the city its name."""
    towns = {name_key(m.query) for m in mentions if m.feature == "city"}
    return [replace(m, feature="city") if m.feature is None and not m.country_code and name_key(m.query) in towns
            else m for m in mentions]


def _mention(document: Document, sentence: Sentence, tokens: list[Token], match: Match, lang: ModuleType) -> Mention:
    text = document.text[match.start : match.end]
    kind = "name" if match.kind == "tagged" else match.kind
    return Mention(document.id, match.start, match.end, text, match.query, sentence, kind,
                   spellings=lang.SPELLING_VARIANTS, feature=_feature_hint(match, tokens, lang),
                   tagged=match.kind == "tagged", only_feature=_water_head_after(match, tokens, lang))


def _same_name_again(document: Document, mentions: list[Mention], elsewhere, lang: ModuleType) -> list[Mention]:
    """One sense per discourse: a name the tagger found as a place once holds wherever else the
    document writes it ("El Fasher" it saw once in four), unless it saw a person's or an
    organisation's name there, or a first name stands before it.  English rules already decide
    each occurrence by its context, and that decision stands."""
    confirmed = {name_key(m.query): m.tagged for m in mentions if m.kind == "name"}
    return [replace(_mention(document, sentence, tokens, match, lang), tagged=confirmed[name_key(match.query)])
            for sentence, tokens, match in elsewhere if name_key(match.query) in confirmed]


def _analysed(document: Document, gazetteer: Gazetteer, lang: ModuleType, supported: bool, organisations: bool):
    """Each sentence with its tokens, the matches the rules keep, and its lazy part-of-speech tags."""
    sentences = [(s, tokenize(s)) for s in split_sentences(document.text, start=document.body_start)]
    proposals = [(s, tokens, _proposals(tokens, lang)) for s, tokens in sentences]
    known = gazetteer.known((name_key(m.query) for _, _, ms in proposals for m in ms), spellings=lang.SPELLING_VARIANTS)
    people = set() if lang.CAPITALISES_NOUNS else {w for _, tokens in sentences for w in casing.people_named(tokens, lang)}
    for sentence, tokens, matches in proposals:
        found = [m for m in matches if name_key(m.query) in known]
        found.sort(key=lambda m: not is_reliable(gazetteer.candidates(m.query, spellings=lang.SPELLING_VARIANTS)))
        chosen = _longest_first(found)
        tags = nouns.LazyTags(tokens)
        if lang.CAPITALISES_NOUNS:
            keep = [m for m in chosen if nouns.is_place(m, tokens, tags, gazetteer, lang, chosen)]
        else:
            keep = [m for m in chosen if casing.is_place(m, tokens, gazetteer, lang, chosen, organisations, supported, people)]
            if organisations:  # else casing.is_place left them out
                keep = _organisations(keep, tokens, lang, organisations)
        yield sentence, tokens, chosen, keep, tags


def sentence_evidence(document: Document, gazetteer: Gazetteer, language: str = "de"):
    """For training a tagger: each sentence's token offsets and the rules' evidence on each token."""
    lang, supported = language_rules(language)
    for _, tokens, _, keep, tags in _analysed(document, gazetteer, lang, supported, False):
        yield [(t.start, t.end) for t in tokens], _evidence(tokens, keep, tags, gazetteer, lang)


def _evidence(tokens: list[Token], keep: list[Match], tags: nouns.LazyTags, gazetteer: Gazetteer,
              lang: ModuleType) -> list[ner.TokenEvidence]:
    rules = ["O"] * len(tokens)
    for match in keep:
        for i in range(match.first, match.last + 1):
            rules[i] = ("B-" if i == match.first else "I-") + match.kind
    evidence = []
    for i, token in enumerate(tokens):
        candidates = _token_candidates(token, gazetteer, lang) if token.is_word and token.is_capitalised else []
        evidence.append(ner.TokenEvidence(
            word=token.text,
            pos=tags[i],
            rule=rules[i],
            candidates=tuple(place for place, _ in candidates[:3]),
            reliable=is_reliable(candidates),
            first_name=token.text in lang.first_names(),
            zipf=zipf(token.text.lower(), lang.CODE) if token.is_word else 0.0,
        ))
    return evidence


def _token_candidates(token: Token, gazetteer: Gazetteer, lang: ModuleType) -> list[tuple[Place, bool]]:
    """The token's places, also with a genitive ending removed ("Moskaus")."""
    for query in (token.text, *(token.text[: -len(e)] for e in lang.GENITIVE_ENDINGS if token.text.endswith(e))):
        candidates = gazetteer.candidates(query, spellings=lang.SPELLING_VARIANTS)
        if candidates:
            return candidates
    return []


def _model_matches(model, tokens: list[Token], keep: list[Match], tags: nouns.LazyTags, gazetteer: Gazetteer,
                   lang: ModuleType) -> tuple[list[Match], set[int]]:
    """The tagger's place spans, plus the rules' compound parts it did not cover ("Kasachstan-Einsatz");
    and the tokens it saw as another kind of name (a person, an organisation)."""
    labels = model.tag(ner.features(_evidence(tokens, keep, tags, gazetteer, lang)))
    spans = ner.spans_of(labels)
    matches = [
        _span_match(first, last, tokens, gazetteer, lang)
        for span in spans
        for first, last in _runs(span, tokens)
        if not (first > 0 and tokens[first - 1].text in lang.PERSON_TITLES)
    ]
    taken = {i for m in matches for i in range(m.first, m.last + 1)}
    others = {i for i, label in enumerate(labels)
              if label != "O" and not label.partition("-")[2].startswith("LOC") and model.marginal(label, i) >= _SURE}
    sure = [label if i in others or label.partition("-")[2].startswith("LOC") else "O" for i, label in enumerate(labels)]
    kept = [
        m for m in keep
        if (_kept_beside_tagger(m, gazetteer, lang, sure) or _river_by_its_words(m, tokens, gazetteer, lang))
        and not taken & set(range(m.first, m.last + 1))
    ]
    return sorted(matches + kept, key=lambda m: m.start), others


def _kept_beside_tagger(match: Match, gazetteer: Gazetteer, lang: ModuleType, labels: list[str]) -> bool:
    """Rule matches kept where the tagger saw no entity at all: compound parts, and names of
    countries, regions, seas and towns of 20,000 or more.  Where the tagger saw a person or a
    club ("Borussia Dortmund"), it wins.  On 440 held-out GermEval dev sentences this lifts
    F1 from 0.702 (tagger alone) to 0.711.

    ``labels`` holds only what the tagger is sure of (:data:`_SURE`): trained on a few thousand
    sentences, it calls names it never saw a person ("Zermatt", "Balearen") by their shape."""
    if match.kind == "part":
        return True
    seen = {labels[i].partition("-")[2] for i in range(match.first, match.last + 1)} - {""}
    candidates = gazetteer.candidates(match.query, spellings=lang.SPELLING_VARIANTS)
    if is_reliable(candidates):
        return not seen & _PERSON_LABELS
    rare = all(zipf(word.lower(), lang.CODE) < _NAME_ONLY_ZIPF for word in match.query.split())
    prominent = max((10 ** place.prominence for place, _ in candidates), default=0)
    big = max(largest(candidates), prominent) >= _KEPT_MIN_POPULATION
    return (not seen or _local_town(match, seen, gazetteer, lang)) and (big or rare)


def _local_town(match: Match, seen: set[str], gazetteer: Gazetteer, lang: ModuleType) -> bool:
    """A town of 20,000 or more, under its own name, that the tagger calls a person although the name
    is no person's and is written far more in this language than in English: the tagger judges by a
    word's shape, and "bereitet sich Passau auf den Scheitel vor" has a town act like a person.
    "Bush", "Kerry" and "Paul" are people's names, "Obama" and "Irvine" are written more in English."""
    word = match.query
    return (seen <= _PERSON_LABELS and " " not in word and word not in lang.first_names()
            and word not in lang.surnames() and largest(gazetteer.candidates(word, spellings=False)) >= _KEPT_MIN_POPULATION
            and zipf(word.lower(), lang.CODE) - zipf(word.lower(), "en") >= _LOCAL_WORD)


def _river_by_its_words(match: Match, tokens: list[Token], gazetteer: Gazetteer, lang: ModuleType) -> bool:
    """A river's name after the words that only a river's name follows ("an der Isar", "am Inn"), which
    the tagger, trained on few rivers, may take for a club or a person."""
    return _after_water_cue(match, tokens, lang) and any(
        place.feature == "water" for place, _ in gazetteer.candidates(match.query, spellings=lang.SPELLING_VARIANTS))


def _after_water_cue(match: Match, tokens: list[Token], lang: ModuleType) -> bool:
    before = tuple(t.text.lower() for t in tokens[max(0, match.first - 2) : match.first])
    return any(before[-len(cue):] == cue for cue in lang.WATER_CUES)


def _runs(span: tuple[int, int], tokens: list[Token]) -> list[tuple[int, int]]:
    """A tagged span split at punctuation: "Almaty / Moskau" is two places."""
    runs: list[tuple[int, int]] = []
    for i in range(span[0], span[1] + 1):
        if not tokens[i].is_word:
            continue
        if runs and runs[-1][1] == i - 1 and tokens[i].start - tokens[i - 1].end == 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _span_match(first: int, last: int, tokens: list[Token], gazetteer: Gazetteer, lang: ModuleType) -> Match:
    """The span, looked up as written, without a genitive, or by its known tail ("Weltraumbahnhof Baikonur"),
    but not by a common noun after a place's adjective: "Brandenburger Tor" is a gate, not "Tor" (an old
    name of Sloviansk)."""
    queries = []
    for start in range(first, last + 1):
        if start > first and _landmark_head(tokens[first], tokens[start : last + 1], lang):
            break
        surface = " ".join(t.text for t in tokens[start : last + 1])
        queries += [surface, *(surface[: -len(e)] for e in lang.GENITIVE_ENDINGS if surface.endswith(e)),
                    *(surface[: -len(s) - 1] for s in lang.CITY_SUFFIXES if surface.endswith("-" + s)),
                    *(surface[len(p) + 1 :] for p in lang.COMPASS_PREFIXES if surface.startswith(p + "-"))]
    query = next((q for q in queries if gazetteer.candidates(q, spellings=lang.SPELLING_VARIANTS)), queries[0])
    return Match(first, last, tokens[first].start, tokens[last].end, query, "tagged")


def _landmark_head(opening: Token, tail: list[Token], lang: ModuleType) -> bool:
    """A common noun after an adjective made of a place's name: "Brandenburger Tor", "Kölner Dom"."""
    return (len(tail) == 1 and opening.text.endswith("er") and len(opening.text) > 4 and opening.is_capitalised
            and zipf(tail[0].text.lower(), lang.CODE) >= _COMMON_NOUN_ZIPF)


def _proposals(tokens: list[Token], lang: ModuleType) -> list[Match]:
    """Every span that might be a name, with the queries to look it up by."""
    matches = []
    for i, token in enumerate(tokens):
        if not (token.is_word and token.is_capitalised):
            continue
        matches.extend(_abbreviation(i, tokens, lang))
        for j in range(i, min(i + _MAX_WORDS, len(tokens))):
            if j > i and not _continues(tokens, j):
                break
            if not tokens[j].is_capitalised:
                continue
            surface = " ".join(t.text for t in tokens[i : j + 1])
            start, end = token.start, tokens[j].end
            matches.append(Match(i, j, start, end, surface, "name"))
            matches.extend(Match(i, j, start, end, surface[: -len(e)], "name")
                           for e in lang.GENITIVE_ENDINGS if surface.endswith(e) and len(surface) > len(e) + 3)
        matches.extend(_compound_parts(i, token, lang))
    return matches


def _feature_hint(match: Match, tokens: list[Token], lang: ModuleType) -> str | None:
    """"Gebiet Karaganda", "the state of Georgia": the kind of place the words before name.

    Not for a genitive: "die Hauptstadt Chiles" is Chile's capital, not a city called Chile.
    "Gaza-Stadt" names its kind itself.
    """
    surface = " ".join(t.text for t in tokens[match.first : match.last + 1])
    if any(surface == f"{match.query}-{suffix}" for suffix in lang.CITY_SUFFIXES):
        return "city"
    if match.query != surface:
        return None
    after = tuple(t.text for t in tokens[match.last + 1 : match.last + 3])
    if _after_water_cue(match, tokens, lang) or _water_head_after(match, tokens, lang):
        return "water"  # "an der Isar", "the Mississippi River": the river, where there is one of the name
    if any(after[: len(head)] == head for head in lang.TOWN_HEADS):
        return "city"  # "Lebanon police", "Paris City Council"
    distance = [t.text for t in tokens[max(0, match.first - 3) : match.first]]
    if (len(distance) == 3 and distance[0] in lang.DISTANCE_UNITS and distance[1].lower() in lang.DIRECTIONS
            and distance[2] == lang.DIRECTION_OF):
        return "city"  # "2 miles east of Palestine"
    before = distance[-2:]
    if before and before[-1] == "of":
        before = before[:-1]
    return (lang.FEATURE_TRIGGERS.get(before[-1]) or lang.FEATURE_TRIGGERS.get(before[-1].lower())) if before else None


def _water_head_after(match: Match, tokens: list[Token], lang: ModuleType) -> bool:
    """"the Guadalupe River": the word after the name says it is water, and a town of the name is not
    meant (where "an der Isar" only makes the river likelier: "an der Algarve" is a coast)."""
    following = match.last + 1
    return following < len(tokens) and (tokens[following].text,) in lang.WATER_HEADS and match.query == " ".join(
        t.text for t in tokens[match.first : match.last + 1])


def _abbreviation(i: int, tokens: list[Token], lang: ModuleType) -> list[Match]:
    """"U.S.", and "Kan." with its full stop as the next token."""
    token = tokens[i]
    if token.text in lang.ABBREVIATIONS:
        return [Match(i, i, token.start, token.end, lang.ABBREVIATIONS[token.text], "name")]
    follows = i + 1 < len(tokens) and tokens[i + 1].text == "." and tokens[i + 1].start == token.end
    dotted = token.text + "."
    if follows and dotted in lang.ABBREVIATIONS:
        return [Match(i, i + 1, token.start, token.end + 1, lang.ABBREVIATIONS[dotted], "name")]
    return []


def _continues(tokens: list[Token], j: int) -> bool:
    previous, token = tokens[j - 1], tokens[j]
    adjacent = token.start - previous.end == 1
    return adjacent and token.is_word and (token.is_capitalised or token.text in _CONNECTORS)


def _compound_parts(i: int, token: Token, lang: ModuleType) -> list[Match]:
    """Places inside one word: "Ost-Ukraine", "Kasachstan-Einsatz", "Schwarzmeerregion"."""
    parts = []
    pieces = re.split(r"[-‐]", token.text)
    if len(pieces) == 2 and pieces[1] in lang.CITY_SUFFIXES:
        return [Match(i, i, token.start, token.end, pieces[0], "name")]
    if len(pieces) > 1:
        rest = token.text[len(pieces[0]) + 1 :]
        if pieces[0] in lang.COMPASS_PREFIXES:
            parts.append(Match(i, i, token.start, token.end, rest, "part"))
        elif len(pieces[0]) == 1 and rest[:1].isupper():  # a party and a home town: "D-Charleston"
            parts.append(Match(i, i, token.end - len(rest), token.end, rest, "part"))
        elif pieces[0][:1].isupper():
            head = pieces[0]
            parts.append(Match(i, i, token.start, token.start + len(head), head, "part"))
            if lang.HYPHEN_JOINS_PLACES and head not in lang.NAME_PARTICLES:
                # "Russia-Ukraine", "Logan-Rogersville": the other pieces too; not in "Abdel-Hamid", "Jean-Pierre"
                start = token.start + len(head) + 1
                for piece in pieces[1:]:
                    if piece[:1].isupper() and piece not in lang.first_names():
                        parts.append(Match(i, i, start, start + len(piece), piece, "part"))
                    start += len(piece) + 1
    lower = token.text.lower()
    for head in lang.AREA_HEADS:
        stem = token.text[: -len(head)]
        if lower.endswith(head) and len(stem) >= 4:
            parts.append(Match(i, i, token.start, token.end, stem, "part"))
    return parts


def _longest_first(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, the longest span winning at each position; overlap is of characters,
    so two places in one hyphenated word both stand ("Russia-Ukraine")."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.kind != "name", m.start)):
        covered = set(range(match.start, match.end))
        if not covered & taken:
            chosen.append(match)
            taken |= covered
    return sorted(chosen, key=lambda m: m.start)


def _adjectives(document: Document, sentence: Sentence, tokens: list[Token], lang: ModuleType) -> list[Mention]:
    found = []
    for token in tokens:
        code = _adjective_country(token.text.lower(), lang) if token.is_word else None
        if code:
            found.append(Mention(document.id, token.start, token.end, token.text, token.text, sentence, "adjective", code))
    return found


@lru_cache(maxsize=65536)
def _adjective_country(word: str, lang: ModuleType) -> str | None:
    for ending in ("", *lang.ADJECTIVE_ENDINGS):
        stem = word[: len(word) - len(ending)] if ending else word
        if word.endswith(ending) and stem in lang.COUNTRY_ADJECTIVES:
            return lang.COUNTRY_ADJECTIVES[stem]
    return None
