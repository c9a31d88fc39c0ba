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

import math
from collections import Counter
from dataclasses import dataclass

from geo.gazetteer import CURATED_PREFIX, Gazetteer, Place
from geo.toponyms import Mention

TOP_ALTERNATIVES = 5
_FEATURE_PRIOR = {"country": 4.0, "water": 3.0, "region": 2.0, "city": 0.0, "other": 0.0}
# Hand-curated seas, mountains and regions were chosen for being well known:
# "Altai" is the mountains before a Chinese town that has it as an alternate name.
_CURATED = 2.0
# A province named after its capital ("Karaganda", "Liège") is the city unless
# the text says "Gebiet" or "province".
_REGION_NAMED_AFTER_CITY = 4.0
_CAPITAL_SHARE = 10
# A region's population is the sum of its towns; it weighs half a city's,
# so a city wins over the province named after it (Liège, Karaganda).
_POPULATION_WEIGHT = 0.5
_REGION_POPULATION_FACTOR = 0.5
_PREFERRED_NAME = 0.5
_CONTEXT_COUNTRY = 3.0
_CONTEXT_REGION = 1.0
_MAX_REGION_SUPPORT = 3.0
_CLEAR_WINNER = 0.35
_MIN_POPULATION_OUTSIDE_CONTEXT = 15_000


@dataclass(frozen=True)
class Candidate:
    """A place a mention may mean, with its score (0–1, summing to 1)."""

    place: Place
    score: float


@dataclass(frozen=True)
class ResolvedMention:
    """A mention, the place it resolves to, and the best alternatives (best first)."""

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
    regions = document_regions(mentions, gazetteer, context)
    resolved = []
    for mention in mentions:
        found = _candidates(mention, gazetteer)
        candidates = rank_candidates(found, context, regions - region_votes(found, context))
        if not candidates or not (mention.tagged or _plausible(candidates[0].place, context)):
            continue
        resolved.append(ResolvedMention(mention, candidates[0].place, candidates[0].score, candidates[:TOP_ALTERNATIVES]))
    return resolved


def document_countries(mentions: list[Mention], gazetteer: Gazetteer) -> Counter[str]:
    """How often each country is named in the document, directly or by a place that is clearly in it.

    A country name that is also a first-level region elsewhere ("Georgia")
    names no country until resolved, so it cannot vote for itself; a name
    whose best candidate is a clear winner ("Virginia", the state) votes for
    that candidate's country.
    """
    counts: Counter[str] = Counter()
    for mention in mentions:
        candidates = _candidates(mention, gazetteer)
        if not candidates:
            continue
        best = candidates[0][0]
        if best.feature == "country" and any(p.feature == "region" and preferred for p, preferred in candidates[1:]):
            continue
        if best.feature == "country":
            counts[best.country_code] += 1
            continue
        ranked = rank_candidates(candidates)
        if ranked[0].score >= _CLEAR_WINNER and _plausible(ranked[0].place, counts):
            counts[ranked[0].place.country_code] += 1
    counts.pop("", None)
    return counts


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


def region_votes(candidates: list[tuple[Place, bool]], countries: Counter[str]) -> Counter[str]:
    """One name's vote, split over the regions of its plausible candidates by how likely each is.

    "Rapides Parish" gives Louisiana a whole vote, "Virginia" nearly one to
    the state, "Springfield" a sliver to each of thirty states.
    """
    votes: Counter[str] = Counter()
    for candidate in rank_candidates(candidates, countries):
        if candidate.place.admin1 and _plausible(candidate.place, countries):
            votes[candidate.place.admin1] += candidate.score
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
) -> list[Candidate]:
    """Score ``(place, preferred)`` candidates, best first.

    ``context`` counts the article's countries, ``regions`` the votes of its
    other names for first-level regions (see :func:`document_countries`,
    :func:`document_regions`, :func:`region_votes`).
    """
    if not candidates:
        return []
    context, regions = context or Counter(), regions or Counter()
    total = sum(context.values()) or 1
    cities = Counter()
    for place, _ in candidates:
        if place.feature == "city" and place.admin1:
            cities[place.admin1] = max(cities[place.admin1], place.population)
    logits = [
        _logit(place, preferred, context[place.country_code] / total, regions[place.admin1])
        - (_REGION_NAMED_AFTER_CITY if _named_after_its_city(place, cities) else 0.0)
        for place, preferred in candidates
    ]
    top = max(logits)
    weights = [math.exp(logit - top) for logit in logits]
    norm = sum(weights)
    return sorted(
        (Candidate(place, round(weight / norm, 4)) for (place, _), weight in zip(candidates, weights)),
        key=lambda c: -c.score,
    )


def _named_after_its_city(place: Place, cities: Counter[str]) -> bool:
    """A region holding a big city of its name (a tenth of its people or more)."""
    return place.feature == "region" and cities[place.admin1] * _CAPITAL_SHARE >= place.population > 0


def _logit(place: Place, preferred: bool, context_share: float, region_support: float) -> float:
    weight = _POPULATION_WEIGHT * (_REGION_POPULATION_FACTOR if place.feature == "region" else 1.0)
    logit = _FEATURE_PRIOR.get(place.feature, 0.0) + math.log10(place.population + 1) * weight
    if preferred:
        logit += _PREFERRED_NAME
    if place.id.startswith(CURATED_PREFIX):
        logit += _CURATED
    if context_share:
        logit += _CONTEXT_COUNTRY * (0.5 + context_share)
    if region_support > 0 and place.feature != "country":
        logit += _CONTEXT_REGION * min(region_support, _MAX_REGION_SUPPORT)
    return logit


def _plausible(place: Place, context: Counter[str]) -> bool:
    return (
        place.feature != "city"
        or place.population >= _MIN_POPULATION_OUTSIDE_CONTEXT
        or place.country_code in context
    )
