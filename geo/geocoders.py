"""Geocoders with geopy's contract: the offline gazetteer, and a persistent cache.

:class:`OfflineGeocoder` answers ``geocode(query, *, exactly_one=True,
timeout=None)`` like any geopy provider, from the gazetteer, so it and a
real ``Nominatim`` behind geopy's ``RateLimiter`` are interchangeable behind
:class:`CachedGeocoder`.  The cache stores hits and misses, so a second run
asks the provider nothing.

Examples
--------
>>> geocoder = CachedGeocoder(OfflineGeocoder(Gazetteer.load()), path="data/geocode-cache.sqlite")  # doctest: +SKIP
>>> geocoder.geocode("Nur-Sultan").raw["name"]  # doctest: +SKIP
'Astana'
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer import Gazetteer, Place, data_dir
from geo.lang import de, en

USER_AGENT = "geo-news-map-explorer/0.1 (offline-first news geoparser)"


def place_raw(place: Place) -> dict:
    """The keys `python -m geo geocode` prints for a place."""
    return {
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code or None,
        "feature": place.feature,
        "geonameid": place.geonameid,
        "place_id": place.id,
    }


class OfflineGeocoder(Geocoder):
    """geopy geocoder over the offline gazetteer; never touches the network.

    Names are tried as written, then with a German genitive ending removed
    ("Moskaus"); a leading word that names a kind of place ("Gebiet
    Karaganda", "Stadt Aktau") keeps the candidates of that kind.  German
    exonyms, historic names and transliterations answer through the
    gazetteer's names and spelling keys; candidates are ranked countries
    first, then by population.
    ``Location.raw`` holds :func:`place_raw` plus ``score``.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        super().__init__(user_agent=USER_AGENT)
        self.gazetteer = gazetteer

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: float | None = None):
        """``Location`` (or a list when ``exactly_one=False``); ``None`` when unknown."""
        from geo.resolve import of_feature, rank_candidates

        query, feature = _kind_of_place(query.strip())
        forms = [query] + [query[: -len(e)] for e in de.GENITIVE_ENDINGS if query.endswith(e)]
        for form in forms:
            ranked = rank_candidates(of_feature(self.gazetteer.candidates(form), feature))
            if ranked:
                locations = [
                    Location(_address(c.place), (c.place.lat, c.place.lon), {**place_raw(c.place), "score": c.score})
                    for c in ranked
                ]
                return locations[0] if exactly_one else locations
        return None


def _kind_of_place(query: str) -> tuple[str, str | None]:
    """Split "Gebiet Karaganda" into the name and the kind of place its first word names."""
    first, _, rest = query.partition(" ")
    feature = de.FEATURE_TRIGGERS.get(first) or en.FEATURE_TRIGGERS.get(first.lower())
    return (rest, feature) if feature and rest else (query, None)


def _address(place: Place) -> str:
    return f"{place.name}, {place.country_code}" if place.country_code and place.feature != "country" else place.name


def nominatim(*, user_agent: str = USER_AGENT, min_delay_seconds: float = 1.0) -> Callable:
    """geopy's Nominatim behind its RateLimiter (at most one request a second)."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    return RateLimiter(Nominatim(user_agent=user_agent).geocode, min_delay_seconds=min_delay_seconds)


class CachedGeocoder:
    """Wrap any geocode callable (or geopy geocoder) with a persistent SQLite cache.

    Both answers and misses are stored under ``(provider, query)``, so a
    repeated query never reaches the provider again, across runs.
    """

    def __init__(self, geocoder, *, path: Path | str, provider: str | None = None) -> None:
        self._geocode = getattr(geocoder, "geocode", geocoder)
        self.provider = provider or type(geocoder).__name__
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS answers (provider TEXT, query TEXT, answer TEXT, PRIMARY KEY (provider, query))"
        )
        self._db.commit()

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: float | None = None):
        """Like the wrapped geocoder; answers from the cache when it can."""
        key = (self.provider, " ".join(query.split()).casefold())
        with self._lock:
            row = self._db.execute("SELECT answer FROM answers WHERE provider = ? AND query = ?", key).fetchone()
        if row is not None:
            return _from_json(row[0], exactly_one)
        answer = self._geocode(query, exactly_one=False, timeout=timeout)
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (*key, _to_json(answer)))
            self._db.commit()
        return _from_json(_to_json(answer), exactly_one)

    def close(self) -> None:
        self._db.close()


def _to_json(answer) -> str:
    locations = [] if answer is None else (answer if isinstance(answer, list) else [answer])
    return json.dumps([{"address": l.address, "point": [l.latitude, l.longitude], "raw": l.raw} for l in locations])


def _from_json(text: str, exactly_one: bool):
    locations = [Location(item["address"], tuple(item["point"]), item["raw"]) for item in json.loads(text)]
    if not locations:
        return None
    return locations[0] if exactly_one else locations


def default_cache_path() -> Path:
    """``geocode-cache.sqlite`` in :func:`geo.gazetteer.data_dir`."""
    return data_dir() / "geocode-cache.sqlite"
