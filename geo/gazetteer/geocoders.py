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
import time
from collections.abc import Callable
from pathlib import Path

from geopy.exc import GeocoderParseError, GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer.index import Gazetteer, Place, data_dir
from geo.lang import de, en
from geo.storage import move_aside

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
        from geo.resolution.resolve import of_feature, rank_candidates

        query = query.strip()
        for form, feature in _forms(query):
            ranked = rank_candidates(of_feature(self.gazetteer.candidates(form), feature))
            if ranked:
                locations = [
                    Location(_address(c.place), (c.place.lat, c.place.lon), {**place_raw(c.place), "score": c.score})
                    for c in ranked
                ]
                return locations[0] if exactly_one else locations
        return None


def _forms(query: str) -> list[tuple[str, str | None]]:
    """The forms to look a query up by, each with the kind of place it must be: the name as
    written ("Lake Tahoe" is a lake's name), without a genitive ending, then without a leading word
    that names a kind of place ("Stadt Aktau")."""
    name, feature = _kind_of_place(query)
    forms = [(query, None)] + ([(name, feature)] if feature else [])
    return [(form[: -len(e)] if e else form, kind) for form, kind in forms for e in ("", *de.GENITIVE_ENDINGS)
            if not e or form.endswith(e)]


def _kind_of_place(query: str) -> tuple[str, str | None]:
    """Split "Gebiet Karaganda" into the name and the kind of place its first word names."""
    first, _, rest = query.partition(" ")
    feature = de.FEATURE_TRIGGERS.get(first) or en.FEATURE_TRIGGERS.get(first.lower())
    return (rest, feature) if feature and rest else (query, None)


def _address(place: Place) -> str:
    return f"{place.name}, {place.country_code}" if place.country_code and place.feature != "country" else place.name


def nominatim(*, user_agent: str = USER_AGENT, min_delay_seconds: float = 1.0, timeout: float = 5.0,
              domain: str = "nominatim.openstreetmap.org", scheme: str = "https") -> Callable:
    """geopy's Nominatim behind its RateLimiter (at most one request a second) and :class:`Retrying`.

    The rate limiter swallows nothing, so that a failure is never mistaken
    for (and cached as) "no such place".
    """
    from geopy.adapters import RequestsAdapter
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    def adapter(**kwargs) -> RequestsAdapter:  # no retries below ours: they would ignore the cap on waits
        return RequestsAdapter(**kwargs, max_retries=0)

    provider = Nominatim(user_agent=user_agent, timeout=timeout, domain=domain, scheme=scheme, adapter_factory=adapter)
    limited = RateLimiter(provider.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
                          swallow_exceptions=False)
    return Retrying(limited)


class Retrying:
    """Wrap a geocode callable: what may pass (a service down, slow, rate-limited, a garbled answer) is
    tried again a few times with growing waits, honouring ``Retry-After`` up to a cap; then the last
    error is raised, so the caller can answer offline and nothing is cached.

    Examples
    --------
    >>> geocode = Retrying(Nominatim(user_agent="me").geocode, attempts=3)  # doctest: +SKIP
    """

    def __init__(self, geocode: Callable, *, attempts: int = 3, first_wait: float = 1.0, max_wait: float = 30.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._geocode = getattr(geocode, "geocode", geocode)
        self.attempts, self.first_wait, self.max_wait, self._sleep = attempts, first_wait, max_wait, sleep

    def __call__(self, query: str, **kwargs):
        for attempt in range(self.attempts):
            try:
                return _parsed(self._geocode, query, **kwargs)
            except GeocoderRateLimited as exc:
                wait = exc.retry_after if exc.retry_after is not None else self.first_wait * 2**attempt
                error = exc
            except (GeocoderTimedOut, GeocoderUnavailable, GeocoderParseError) as exc:
                wait, error = self.first_wait * 2**attempt, exc
            if attempt == self.attempts - 1:
                raise error
            self._sleep(min(wait, self.max_wait))
        raise AssertionError("unreachable: the last attempt returns or raises")

    geocode = __call__


def _parsed(geocode: Callable, query: str, **kwargs):
    """The provider's answer; an answer it could not make sense of is a :class:`GeocoderParseError`."""
    try:
        return geocode(query, **kwargs)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise GeocoderParseError(f"malformed answer for {query!r}: {exc}") from exc


class CachedGeocoder:
    """Wrap any geocode callable (or geopy geocoder) with a persistent SQLite cache.

    Answers and misses are stored under ``(provider, query)``, so a repeated
    query never reaches the provider again, across runs.  A miss expires
    after ``miss_days`` (the provider may learn the place); an error is not an
    answer and is never stored.  A cache file that SQLite cannot read is moved
    aside (``moved_aside``) and a fresh one started.
    """

    def __init__(self, geocoder, *, path: Path | str, provider: str | None = None, miss_days: float = 30,
                 clock: Callable[[], float] = time.time) -> None:
        self._geocode = getattr(geocoder, "geocode", geocoder)
        self.provider = provider or type(geocoder).__name__
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.miss_seconds = miss_days * 86400
        self._clock = clock
        self._lock = threading.Lock()
        self.moved_aside: Path | None = None
        try:
            self._db = _open_cache(self.path)
        except sqlite3.DatabaseError:
            self.moved_aside = move_aside(self.path)
            self._db = _open_cache(self.path)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: float | None = None):
        """Like the wrapped geocoder; answers from the cache when it can."""
        key = (self.provider, " ".join(query.split()).casefold())
        with self._lock:
            row = self._db.execute("SELECT answer, stored FROM answers WHERE provider = ? AND query = ?",
                                   key).fetchone()
        if row is not None and (row[0] != "[]" or self._clock() - (row[1] or 0) < self.miss_seconds):
            return _from_json(row[0], exactly_one)
        answer = self._geocode(query, exactly_one=False, timeout=timeout)
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)", (*key, _to_json(answer), self._clock()))
            self._db.commit()
        return _from_json(_to_json(answer), exactly_one)

    def close(self) -> None:
        self._db.close()


def _open_cache(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS answers "
                   "(provider TEXT, query TEXT, answer TEXT, stored REAL, PRIMARY KEY (provider, query))")
        columns = {row[1] for row in db.execute("PRAGMA table_info(answers)")}
        if "stored" not in columns:  # a cache from before misses expired: its misses count as old
            db.execute("ALTER TABLE answers ADD COLUMN stored REAL")
        db.commit()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _to_json(answer) -> str:
    locations = [] if answer is None else (answer if isinstance(answer, list) else [answer])
    return json.dumps([{"address": l.address, "point": [l.latitude, l.longitude], "raw": l.raw} for l in locations])


def _from_json(text: str, exactly_one: bool):
    locations = [Location(item["address"], tuple(item["point"]), item["raw"]) for item in json.loads(text)]
    if not locations:
        return None
    return locations[0] if exactly_one else locations


def default_cache_path() -> Path:
    """``geocode-cache.sqlite`` in :func:`geo.gazetteer.index.data_dir`."""
    return data_dir() / "geocode-cache.sqlite"
