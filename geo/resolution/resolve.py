"""Toponym resolution: which place each mention means.

Candidates are ranked by what a reader would weigh: a name that is a country
is the country ("Georgien" is Georgia, not a town in Colombia or the US), big
places before small ones, and places in the countries the article talks about
before places elsewhere ("Aktau" in an article about Kazakhstan), and places
in the regions the article names before other places of the country
("Alexandria" beside "Rapides Parish" is Alexandria, Louisiana; "Aktau"
beside "Gebiet Karaganda" is the small town there, not the port).  Scores
are a softmax over the candidates, so they read as confidence.

A mention whose best candidate is a small place far from the article's
countries is dropped: a village in Hungary called "Tass" is far less likely
than a news agency of that name.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from geo.resolution.calibration import probability
from geo.gazetteer.index import CURATED_PREFIX, Gazetteer, Place, data_dir
from geo.recognition.toponyms import Mention

TOP_ALTERNATIVES = 5
_MIN_POPULATION_OUTSIDE_CONTEXT = 15_000
_TAGGED_MIN_POPULATION = 1_000
_MAX_REGION_SUPPORT = 3.0
_CITY_VOTE = 0.5  # a town votes for its state by half: "Texas" says more of a story's state than "Dallas"
_CLEAR_WINNER = 0.35
_CAPITAL_SHARE = 10
_MAX_DOMINANCE = 3.0
_SAME_PLACE_KM = 100  # a city and the region of its name are one place to a reader
_NEAR_KM = 30  # a town and the towns and county around it, which a local paper names together
_MAX_NEIGHBOURS = 3
_FAR_KM = 100  # a town across a strait or a border: "Dover" and "Calais"
_FAR_DEGREES = _FAR_KM / 111  # of latitude: places farther apart north to south are not neighbours
Neighbours = dict[str, tuple[int, int]]  # a candidate's id: the other names within _NEAR_KM, and within _FAR_KM
_NAMESAKE_LEAD = 1.0  # powers of ten by which a name's biggest bearer leads, for only a sure context to lift the rest
_SURE_CONTEXT = 3  # other names of a country that make it the story's without its name: a local paper's
_FAMOUS = 1.5  # powers of ten the biggest bearer of a name outweighs the next by, to stand against context

# What a reader weighs, as features of a candidate place; a candidate's
# logit is their weighted sum.  The weights below are set by hand;
# ``python -m geo train`` fits them on the dev halves of LGL and TR-News
# (data/resolution-weights.json), and those are used where present.
_STATIC_FEATURES = (
    "country", "water", "region", "curated", "log_population", "log_population_region", "preferred",
)
FEATURES = (*_STATIC_FEATURES, "in_context_country", "context_share", "region_votes", "named_after_its_city",
            "dominance", "neighbours", "far_neighbours")
HAND_WEIGHTS = {
    "country": 4.0,  # "Georgien" is Georgia, not a town in Colombia
    "water": 3.0,
    "region": 2.0,
    "curated": 2.0,  # hand-curated seas and mountains were chosen for being well known
    "log_population": 0.5,
    "log_population_region": 0.25,  # a region's population is the sum of its towns
    "preferred": 0.5,
    "in_context_country": 1.5,
    "context_share": 3.0,
    "region_votes": 1.0,
    "named_after_its_city": -4.0,  # "Karaganda" is the city unless the text says "Gebiet"
    "dominance": 1.0,  # London, England, is a hundred Londons in one: context must be strong to beat it
    "neighbours": 1.0,  # "Alexandria" beside "Brandon" and "Douglas County" is the Minnesota town they surround
    "far_neighbours": 0.5,  # "Calais" beside "Dover", across the Channel
}
WEIGHTS_FILE = "resolution-weights.json"


@dataclass(frozen=True)
class Candidate:
    """A place a mention may mean, with its score (0–1, summing to 1)."""

    place: Place
    score: float


@dataclass(frozen=True)
class ResolvedMention:
    """A mention, the place it resolves to, and the best alternatives (best first).

    ``score`` is the probability that the mention is right (:mod:`geo.resolution.calibration`); the candidates'
    scores share 1 between them and say how the resolver weighed them against each other."""

    mention: Mention
    place: Place
    score: float
    candidates: tuple[Candidate, ...]


def resolve_mentions(mentions: list[Mention], gazetteer: Gazetteer) -> list[ResolvedMention]:
    """Resolve the mentions of one document; unresolvable ones are left out.

    Examples
    --------
    >>> [r.place.name for r in resolve_mentions(mentions, gazetteer)]  # doctest: +SKIP
    ['Kazakhstan', 'Aktau']
    """
    context = document_countries(mentions, gazetteer)
    named = named_countries(mentions, gazetteer)
    resolved = []
    for mention, found, countries, regions, neighbours in candidate_contexts(mentions, gazetteer, context):
        candidates = rank_candidates(found, countries, regions, neighbours, named)
        if not candidates or not (_plausible_tagged(mention, candidates[0].place, countries)
                                  or _near(neighbours, candidates[0].place) or _plausible(candidates[0].place, countries)):
            continue
        if _stands_for_another_kind(mention, candidates[0].place, neighbours):
            continue
        scores = [c.score for c in candidates[:TOP_ALTERNATIVES]]
        resolved.append(ResolvedMention(mention, candidates[0].place, probability(mention.kind, candidates[0].place, scores),
                                        candidates[:TOP_ALTERNATIVES]))
    return resolved


def candidate_contexts(mentions: list[Mention], gazetteer: Gazetteer, context: Counter[str]):
    """Each mention with its candidates, the country and region votes of the document's other names,
    and how many of them have a place near each candidate: no name votes for its own reading
    ("Córdoba" cannot make Colombia the context).  A qualified name ("Paris, Texas") holds for the same
    name in the whole article, and where the article qualifies it again ("Springfield, Illinois", then
    "Springfield, Missouri"), the latest qualifier before a mention holds for it.  The qualifier itself
    is the region or country holding the name: "Georgia" in "Savannah, Georgia" is the state.  Names
    vote as neighbours with the readings their qualifiers leave them: after "LONDON, Ontario",
    "Woodstock" is the town beside London, Ontario."""
    regions = document_regions(mentions, gazetteer, context)
    narrowed = _qualified_candidates(mentions, gazetteer)
    readings: dict[tuple, dict[str, tuple[Place, bool]]] = {}
    for mention, candidates in zip(mentions, narrowed):
        readings.setdefault(_name_of(mention), {}).update((place.id, (place, p)) for place, p in candidates)
    neighbours = document_neighbours({key: list(found.values()) for key, found in readings.items()})
    own: dict[tuple, tuple[Counter[str], Counter[str]]] = {}
    for mention, candidates in zip(mentions, narrowed):
        key = _name_of(mention)
        if key not in own:
            found = _candidates(mention, gazetteer)
            own[key] = (context - country_vote(found, context), regions - region_votes(found, context))
        yield mention, candidates, *own[key], neighbours[key]


def _qualified_candidates(mentions: list[Mention], gazetteer: Gazetteer) -> list[list[tuple[Place, bool]]]:
    """Each mention's candidates, narrowed by the qualifiers (see :func:`candidate_contexts`)."""
    # By name as written, whatever its case ("PARIS, Texas" holds for "Paris"): the first qualifier,
    # for a headline before the dateline, and then the latest one.
    first: dict[str, Mention] = {}
    holding: dict[int, list[tuple[Place, bool]]] = {}  # by id of a qualifier: its readings that hold the name
    for index, mention in enumerate(mentions):
        qualifier = _qualifier(mentions, index)
        areas = _candidates(qualifier, gazetteer) if qualifier else []
        if inside := _within(_candidates(mention, gazetteer), areas):
            first.setdefault(mention.query.casefold(), qualifier)
            holding[id(qualifier)] = _holding(areas, inside)
    latest = dict(first)
    narrowed = []
    for index, mention in enumerate(mentions):
        found = _candidates(mention, gazetteer)
        qualifier = _qualifier(mentions, index)
        inside = _within(found, _candidates(qualifier, gazetteer)) if qualifier else []
        if inside:
            latest[mention.query.casefold()] = qualifier
        elif (earlier := latest.get(mention.query.casefold())) is not None:
            inside = _within(found, _candidates(earlier, gazetteer))
        narrowed.append(inside or holding.get(id(mention)) or found)
    return narrowed


def _qualifier(mentions: list[Mention], index: int) -> Mention | None:
    """The name that says which place a name means, right after it and a comma: "Paris, Texas"
    (whether it is a state or a country, not a town in a list such as "Toronto, Sydney and London",
    :func:`_within` decides)."""
    mention = mentions[index]
    following = next((m for m in mentions[index + 1:] if m.start >= mention.end), None)
    if following is None or following.sentence != mention.sentence:
        return None
    start = mention.sentence.start
    between = mention.sentence.text[mention.end - start : following.start - start]
    return following if between == ", " else None


def _within(candidates: list[tuple[Place, bool]], qualifiers: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """The candidates inside one of the qualifier's regions or countries, if the qualifier is most likely
    a region or a country: "Sydney" is the city before it is the City of Sydney."""
    ranked = rank_candidates(qualifiers)
    if not ranked or ranked[0].place.feature not in ("region", "country"):
        return []
    areas = {p.admin1 for p, _ in qualifiers if p.feature == "region" and p.admin1}
    countries = {p.country_code for p, _ in qualifiers if p.feature == "country"}
    return [(p, preferred) for p, preferred in candidates
            if p.feature != "region" and (p.admin1 in areas or p.country_code in countries)]


def _holding(areas: list[tuple[Place, bool]], inside: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """The qualifier's readings that hold the name before it: "Georgia" in "Savannah, Georgia" is the
    state, whatever the story says of the country."""
    regions = {place.admin1 for place, _ in inside}
    countries = {place.country_code for place, _ in inside}
    return [(p, preferred) for p, preferred in areas
            if (p.feature == "region" and p.admin1 in regions) or (p.feature == "country" and p.country_code in countries)]


def _name_of(mention: Mention) -> tuple:
    """What a mention's candidates depend on: repeated names share them."""
    return mention.query, mention.spellings, mention.feature, mention.country_code


def document_countries(mentions: list[Mention], gazetteer: Gazetteer) -> Counter[str]:
    """How many of the document's distinct names name each country, directly or by a place clearly in it.

    A name counts once however often it is repeated: four "London"s must not outvote "Canada" and
    "Victoria Park" for the London they are about."""
    counts: Counter[str] = Counter()
    seen: set[tuple] = set()
    for mention in mentions:
        if _name_of(mention) not in seen:
            seen.add(_name_of(mention))
            counts.update(country_vote(_candidates(mention, gazetteer), counts, trusted=mention.tagged))
    return counts


def named_countries(mentions: list[Mention], gazetteer: Gazetteer) -> Counter[str]:
    """The countries the document names by their names or adjectives ("Canada", "French"), each once:
    what lifts the namesake of a far bigger place (:data:`_NAMESAKE_LEAD`), where a city or two in a
    list ("Toronto, Montreal and London") or a state named elsewhere ("Texas" beside "Calais") do not."""
    named: Counter[str] = Counter()
    for candidates in {_name_of(m): _candidates(m, gazetteer) for m in mentions}.values():
        if candidates and candidates[0][0].feature == "country":
            named.update(country_vote(candidates, named))
    return named


def country_vote(candidates: list[tuple[Place, bool]], counts: Counter[str], *, trusted: bool = False) -> Counter[str]:
    """The country one name votes for, if any.

    A country name that is also a first-level region elsewhere ("Georgia")
    names no country until resolved, so it does not vote; a name whose best
    candidate is a clear winner ("Virginia", the state) votes for that
    candidate's country.  A name the tagger found (``trusted``) votes even for a small place far from
    the article's other countries: "Zermatt" makes Switzerland a country of the article, so "Visp"
    and "Brig" beside it are not dropped as implausible.
    """
    if not candidates:
        return Counter()
    best = candidates[0][0]
    if best.feature == "country":
        rival_region = any(p.feature == "region" and preferred for p, preferred in candidates[1:])
        return Counter() if rival_region or not best.country_code else Counter([best.country_code])
    ranked = rank_candidates(candidates)
    winner = ranked[0].place
    clear = (ranked[0].score >= _CLEAR_WINNER and (trusted or _plausible(winner, counts)) and winner.country_code
             and not winner.prominence)  # a river or a range crosses borders: it names no country
    return Counter([winner.country_code]) if clear else Counter()


def document_regions(mentions: list[Mention], gazetteer: Gazetteer, countries: Counter[str]) -> Counter[str]:
    """For each first-level region (GeoNames admin1 code), how many of the
    article's distinct names could be a place there.

    A local paper rarely names its state, but its places share one: "Paris"
    and "Henry County" both exist in many states, Tennessee has both.  Small
    places outside the article's countries do not count.
    """
    support: Counter[str] = Counter()
    for query in {(m.query, m.spellings, m.country_code) for m in mentions}:
        places = gazetteer.candidates(query[0], spellings=query[1]) if not query[2] else []
        support.update(region_votes(places, countries))
    return support


def document_neighbours(names: dict[tuple, list[tuple[Place, bool]]]) -> dict[tuple, Neighbours]:
    """For each name, and each of its candidates: how many of the document's other names have a
    candidate within :data:`_NEAR_KM`, and how many more within :data:`_FAR_KM`.

    A local paper names a town with the towns and the county around it: "Alexandria", "Brandon",
    "Kensington" and "Douglas County" each exist in many states, only in Minnesota all side by side;
    a story names places across a strait or a border ("Dover" and "Calais").  Countries, seas and
    rivers are too large to be near anything in this sense.  The namesake of a famous place counts
    only names that are not famous themselves: "Paris" beside "Henry County" is Paris, Tennessee, but
    the Paris, Toronto and Berlin of Ohio do not make "Sydney" Sidney, Ohio, nor "Washington", the
    capital, Piqua, Ohio (:func:`_capital`)."""
    famous = {key: _profile(candidates).bearers | _capital(candidates) for key, candidates in names.items()}
    cells: dict[tuple[int, int], list[tuple[tuple, Place]]] = {}
    for key, candidates in names.items():
        for place, _ in candidates:
            if _is_point(place):
                cells.setdefault(_cell(place), []).append((key, place))
    result: dict[tuple, Neighbours] = {}
    for key, candidates in names.items():
        counts = result[key] = {}
        for place, _ in candidates:
            if not _is_point(place):
                continue
            namesake = bool(famous[key]) and place.id not in famous[key]
            lat, lon = _cell(place)
            distances: dict[tuple, float] = {}
            for other, q in (pair for dlat in (-1, 0, 1) for dlon in (-2, -1, 0, 1, 2)
                             for pair in cells.get((lat + dlat, lon + dlon), ())):
                if other != key and not (namesake and famous[other]) and abs(place.lat - q.lat) <= _FAR_DEGREES:
                    distances[other] = min(distances.get(other, math.inf), _km(place, q))
            near = sum(km <= _NEAR_KM for km in distances.values())
            counts[place.id] = (near, sum(km <= _FAR_KM for km in distances.values()) - near)
    return result


def _near(neighbours: Neighbours, place: Place) -> int:
    """How many of the document's other names have a place within :data:`_NEAR_KM` of ``place``."""
    return neighbours.get(place.id, (0, 0))[0]


def _leaders(candidates: list[tuple[Place, bool]], dominance: dict[str, float], lead: float) -> frozenset[str]:
    """The ids of the biggest bearer of the name, where it leads the next one elsewhere by ``lead``
    powers of ten or more (:data:`_FAMOUS`, :data:`_NAMESAKE_LEAD`), and of the places within
    :data:`_SAME_PLACE_KM` of it: a city and the region of its name are one place to a reader (the
    region of Paris is bigger than the city, and a bare "Paris" is the city)."""
    biggest = next((place for place, _ in candidates if dominance.get(place.id, 0.0) >= lead), None)
    if biggest is None:
        return frozenset()
    return frozenset(place.id for place, _ in candidates if place is biggest or _km(place, biggest) <= _SAME_PLACE_KM)


def _capital(candidates: list[tuple[Place, bool]]) -> frozenset[str]:
    """The ids of a country's capital that is the biggest city of its name, and of the places within
    :data:`_SAME_PLACE_KM` of it: the world writes of Washington, D.C., more than of the state of
    Washington, ten times its size, and far more than of Washington, Pennsylvania; but San José, Costa
    Rica, is smaller than San Jose, California, and Victoria, Seychelles, than Victoria, Canada."""
    cities = [place for place, _ in candidates if place.feature == "city"]
    capital = max(cities, key=lambda place: place.population, default=None)
    if capital is None or not capital.capital:
        return frozenset()
    return frozenset(place.id for place, _ in candidates if place is capital or _km(place, capital) <= _SAME_PLACE_KM)


def _is_point(place: Place) -> bool:
    return place.feature in ("city", "region") and not place.prominence


def _cell(place: Place) -> tuple[int, int]:
    """A one-degree cell: the cells around it hold every place within :data:`_FAR_KM` up to 60° north or south
    (and within :data:`_NEAR_KM` up to 80°)."""
    return math.floor(place.lat), math.floor(place.lon)


def region_votes(candidates: list[tuple[Place, bool]], countries: Counter[str]) -> Counter[str]:
    """One name's vote, split over the regions of its plausible candidates by how likely each is.

    "Rapides Parish" gives Louisiana a whole vote, "Virginia" nearly one to
    the state, "Springfield" a sliver to each of thirty states; a town half of that
    (:data:`_CITY_VOTE`): "Toronto" and "London" beside "Athens" do not make it the village in Ontario.
    """
    votes: Counter[str] = Counter()
    for candidate in rank_candidates(candidates, countries):
        if candidate.place.admin1 and _plausible(candidate.place, countries):
            votes[candidate.place.admin1] += candidate.score * (1.0 if candidate.place.feature != "city" else _CITY_VOTE)
    return votes


def _candidates(mention: Mention, gazetteer: Gazetteer) -> list[tuple[Place, bool]]:
    if mention.country_code:
        country = gazetteer.country(mention.country_code)
        return [(country, True)] if country else []
    return of_feature(gazetteer.candidates(mention.query, spellings=mention.spellings), mention.feature)


def of_feature(candidates: list[tuple[Place, bool]], feature: str | None) -> list[tuple[Place, bool]]:
    """The candidates of the kind the text names ("Gebiet Karaganda"), or all when none is."""
    matching = [(place, preferred) for place, preferred in candidates if place.feature == feature]
    return matching or candidates


def rank_candidates(
    candidates: list[tuple[Place, bool]],
    context: Counter[str] | None = None,
    regions: Counter[str] | None = None,
    neighbours: Neighbours | None = None,
    named: Counter[str] | None = None,
) -> list[Candidate]:
    """Score ``(place, preferred)`` candidates, best first.

    ``context`` counts the article's countries, ``regions`` the votes of its
    other names for first-level regions, ``neighbours`` its other names near each candidate,
    ``named`` the countries it names (see :func:`document_countries`, :func:`document_regions`,
    :func:`region_votes`, :func:`document_neighbours`, :func:`named_countries`).
    """
    if not candidates:
        return []
    weights = weight_vector()[len(_STATIC_FEATURES):]
    features = _document_features(candidates, context or Counter(), regions or Counter(), neighbours or {},
                                  named or Counter())
    logits = [
        static + sum(w * f for w, f in zip(weights, features(place)))
        for (place, _), static in zip(candidates, _profile(candidates).static_logits)
    ]
    top = max(logits)
    exps = [math.exp(logit - top) for logit in logits]
    norm = sum(exps)
    return sorted(
        (Candidate(place, round(e / norm, 4)) for (place, _), e in zip(candidates, exps)),
        key=lambda c: -c.score,
    )


def feature_rows(candidates: list[tuple[Place, bool]], context: Counter[str] | None = None,
                 regions: Counter[str] | None = None, neighbours: Neighbours | None = None,
                 named: Counter[str] | None = None) -> list[tuple[float, ...]]:
    """:data:`FEATURES` of each candidate, in the document's context."""
    features = _document_features(candidates, context or Counter(), regions or Counter(), neighbours or {},
                                  named or Counter())
    return [_static_features(place, preferred) + features(place) for place, preferred in candidates]


def _document_features(candidates: list[tuple[Place, bool]], context: Counter[str], regions: Counter[str],
                       neighbours: Neighbours, named: Counter[str]):
    """A function giving each candidate the features the document gives it.

    Where one bearer of the name dwarfs the rest (Paris, France, against Paris, Texas: :data:`_FAMOUS`),
    the article's other names do not lift the namesakes abroad: a story from Atlanta that names Paris means
    France unless it says "Paris, Texas".  In the famous one's own country they are lifted as much as
    it is (towns and regions, not a river of the name), and the names around decide: "Reno" beside
    "Lamar County" is the Texas town.  Where the biggest leads by less but still tenfold
    (:data:`_NAMESAKE_LEAD`: London, England, and London, Ontario), a namesake abroad is lifted only by
    a country the article is sure to be about: one it names, or one :data:`_SURE_CONTEXT` of its other
    names are in.  "Toronto, Montreal and London" is London, England, "Calais" in a story that also
    names Texas is in France; beside "Canada" and "Ottawa" London is the Ontario city, and "Hanover" in
    a local paper full of Pennsylvania's towns is theirs."""
    total = sum(context.values()) or 1
    name = _profile(candidates)
    bearers, leaders = name.bearers, name.leaders

    def features(place: Place) -> tuple[float, ...]:
        lifted = not bearers or place.id in bearers or (place.country_code in name.bearers_countries
                                                        and _is_point(place))
        abroad = leaders and place.id not in leaders and place.country_code not in name.leaders_countries
        sure = not abroad or named[place.country_code] or context[place.country_code] >= _SURE_CONTEXT
        return _context_features(place, context[place.country_code] / total if lifted and sure else 0.0,
                                 regions[place.admin1] if lifted else 0.0, place.id in name.named_after_its_city,
                                 name.dominance.get(place.id, 0.0), *neighbours.get(place.id, (0, 0)))
    return features


@dataclass(frozen=True)
class _Name:
    """What a name's candidates say whatever the document: the ids and countries of its leading bearers
    (:func:`_leaders`), its biggest bearer's :func:`_dominance`, its regions named after their city, and
    each candidate's document-independent logit."""

    dominance: dict[str, float]
    bearers: frozenset[str]
    bearers_countries: frozenset[str]
    leaders: frozenset[str]
    leaders_countries: frozenset[str]
    named_after_its_city: frozenset[str]
    static_logits: tuple[float, ...]

    @classmethod
    def of(cls, candidates: list[tuple[Place, bool]]) -> _Name:
        dominance = _dominance(candidates)
        bearers = _leaders(candidates, dominance, _FAMOUS)
        leaders = _leaders(candidates, dominance, _NAMESAKE_LEAD)
        cities = [place for place, _ in candidates if place.feature == "city"]
        return cls(
            dominance, bearers, frozenset(place.country_code for place, _ in candidates if place.id in bearers),
            leaders, frozenset(place.country_code for place, _ in candidates if place.id in leaders),
            frozenset(place.id for place, _ in candidates if _named_after_its_city(place, cities)),
            tuple(_static_logit(place, preferred) for place, preferred in candidates),
        )


_NAMES_KEPT = 65_536
_names: dict[tuple, tuple[list[tuple[Place, bool]], _Name]] = {}


def _profile(candidates: list[tuple[Place, bool]]) -> _Name:
    """The :class:`_Name` of these candidates, worked out once a process: a corpus names the same places
    again and again, and one document asks for a name's ranking several times (its country vote, its
    region votes, its own).  Kept by the identity of the gazetteer's place objects, which the entry
    holds, so an id is never another place's."""
    key = tuple((id(place), preferred) for place, preferred in candidates)
    entry = _names.get(key)
    if entry is None:
        if len(_names) >= _NAMES_KEPT:
            _names.clear()
        entry = _names[key] = (list(candidates), _Name.of(candidates))
    return entry[1]


def _named_after_its_city(place: Place, cities: list[Place]) -> bool:
    """A region holding a big city of its name (a tenth of its people or more), or beside one, or
    a region named as its country's capital: Kyiv oblast surrounds Kyiv, a first-level region of its
    own, as Almaty Region surrounds Almaty; news that names Washington means the capital, not the state."""
    return place.feature == "region" and place.population > 0 and any(
        city.population * _CAPITAL_SHARE >= place.population
        and (city.admin1 == place.admin1 or _km(city, place) <= _SAME_PLACE_KM
             or city.capital and city.country_code == place.country_code) for city in cities)


def _dominance(candidates: list[tuple[Place, bool]]) -> dict[str, float]:
    """How many times (in powers of ten, at most :data:`_MAX_DOMINANCE`) the biggest candidate outweighs the
    next one elsewhere: London, England, 8.9 million, against London, Ontario, 400,000, is 1.35; the
    region of Paris does not count against the city, being the same place.  How much the world writes
    about a place follows its size, and a story names the famous one unless it says otherwise."""
    sizes = sorted(((max(math.log10(place.population + 1), place.prominence), place) for place, _ in candidates),
                   key=lambda pair: -pair[0])
    if not sizes:
        return {}
    (size, biggest), others = sizes[0], sizes[1:]
    elsewhere = [s for s, place in others if _km(place, biggest) > _SAME_PLACE_KM]
    return {biggest.id: min(size - max(elsewhere, default=0.0), _MAX_DOMINANCE)} if elsewhere else {}


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12_742 * math.asin(min(1.0, math.sqrt(h)))


def _static_features(place: Place, preferred: bool) -> tuple[float, ...]:
    """The features a candidate has whatever the document: what it is, how big, how named."""
    population = max(math.log10(place.population + 1), place.prominence)
    region = place.feature == "region"
    return (
        float(place.feature == "country"),
        float(place.feature == "water"),
        float(region),
        float(place.id.startswith(CURATED_PREFIX)),
        0.0 if region else population,
        population if region else 0.0,
        float(preferred),
    )


def _context_features(place: Place, context_share: float, region_votes: float,
                      named_after_its_city: bool, dominance: float = 0.0, neighbours: int = 0,
                      far_neighbours: int = 0) -> tuple[float, ...]:
    """The features the document gives a candidate."""
    return (
        float(context_share > 0),
        context_share,
        0.0 if place.feature == "country" else min(region_votes, _MAX_REGION_SUPPORT),
        float(named_after_its_city),
        dominance,
        float(min(neighbours, _MAX_NEIGHBOURS)),
        float(min(far_neighbours, _MAX_NEIGHBOURS)),
    )


def reload_weights() -> None:
    """Forget the weights read so far, after ``python -m geo train`` wrote new ones."""
    weight_vector.cache_clear()
    _static_logit.cache_clear()
    _names.clear()


@lru_cache(maxsize=262144)
def _static_logit(place: Place, preferred: bool) -> float:
    """The document-independent part of a candidate's logit, computed once per place."""
    return sum(w * f for w, f in zip(weight_vector(), _static_features(place, preferred)))


@lru_cache(maxsize=1)
def weight_vector() -> tuple[float, ...]:
    """Fitted weights from ``data/resolution-weights.json`` where built, else :data:`HAND_WEIGHTS`."""
    path = data_dir() / WEIGHTS_FILE
    fitted = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return tuple(float(fitted.get(name, HAND_WEIGHTS[name])) for name in FEATURES)


def _stands_for_another_kind(mention: Mention, place: Place, neighbours: Neighbours) -> bool:
    """A town for "the Guadalupe River" where the gazetteer has no river of the name: it may stand for
    the river only beside the story's other places (Catawba on the Catawba River); the town of
    Guadalupe in California is not the Texas river.  The name is left for the reader to place."""
    return mention.only_feature and place.feature != mention.feature and not sum(neighbours.get(place.id, (0, 0)))


def _plausible_tagged(mention: Mention, place: Place, others: Counter[str]) -> bool:
    """A name the tagger found is a place, but not any hamlet of its name: one with no people on record
    in a country no other name of the story names is left for the reader to place ("Tawila" in a
    Sudan story is not the hamlet in Yemen), where "Zermatt" or "Visp" stand on their own."""
    return mention.tagged and (place.feature != "city" or place.population >= _TAGGED_MIN_POPULATION
                               or place.country_code in others)


def _plausible(place: Place, context: Counter[str]) -> bool:
    return (
        place.feature != "city"
        or place.population >= _MIN_POPULATION_OUTSIDE_CONTEXT
        or place.country_code in context
    )
