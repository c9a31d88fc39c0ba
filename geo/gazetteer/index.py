"""The gazetteer: places, their names, and a SQLite index that opens instantly.

``python -m geo build`` writes the index (``data/gazetteer.sqlite``) from the
sources in :mod:`geo.gazetteer.sources`; afterwards every process opens it read-only in
milliseconds instead of parsing 80 MB of GeoNames JSON.  Lookups are batched
(one query for all the word sequences of a document) and cached.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.errors import GeoError
from geo.gazetteer.spelling import spelling_keys

FEATURES = ("country", "region", "city", "water", "other")
# What a reader calls each feature type (legend, filters).
FEATURE_LABELS = {
    "country": "Countries",
    "region": "Regions",
    "city": "Cities and towns",
    "water": "Seas, lakes, rivers",
    "other": "Mountains, islands, other",
}
CURATED_PREFIX = "curated:"
SCHEMA_VERSION = "7"  # raised when the build adds names an older index lacks
VARIANT_MIN_POPULATION = 10_000
MIN_SPELLING_LENGTH = 5  # shorter words match too much by spelling key ("Mio", "Chr")


@dataclass(frozen=True)
class Place:
    """A place a name can resolve to.

    ``id`` is ``geonames:<id>`` for GeoNames places and ``curated:<slug>`` for
    rows of ``data/supplement.csv``; ``feature`` is one of :data:`FEATURES`;
    ``admin1`` is the GeoNames code of the first-level region the place lies
    in (``US.LA``), or of the region itself, so context can weigh it.
    ``prominence`` stands in for the log10 population of places that have
    none (rivers, mountains): how large they loom in what the world writes.
    ``capital`` marks the city that is its country's capital.
    """

    id: str
    name: str
    feature: str
    lat: float
    lon: float
    country_code: str
    population: int = 0
    geonameid: int | None = None
    source: str = ""
    admin1: str = ""
    prominence: float = 0.0
    capital: bool = False  # its country's capital: "Washington" is the city, not the state


@dataclass(frozen=True)
class PlaceName:
    """One name of a place; ``preferred`` marks curated and official names.

    A ``spelling_only`` name (a lower-case transliteration such as
    "kishinau") is never looked up as written, only through its spelling key.
    """

    place_id: str
    name: str
    preferred: bool
    spelling_only: bool = False


class GazetteerError(GeoError, RuntimeError):
    """The gazetteer index is missing or unreadable."""


@lru_cache(maxsize=262144)
def name_key(name: str) -> str:
    """The form names are indexed and looked up by: NFC, case-folded, one space (kept per process: a
    corpus writes the same names again and again).

    Examples
    --------
    >>> name_key("Ust’-Kamenogorsk")
    "ust'-kamenogorsk"
    """
    name = unicodedata.normalize("NFC", name)
    name = name.translate(_FOLD_PUNCTUATION)
    return " ".join(name.split()).casefold()


_FOLD_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-"})


def data_dir() -> Path:
    """Where built files live: ``$GEO_DATA_DIR``, or ``data/`` beside the package."""
    configured = os.environ.get("GEO_DATA_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "data"


def default_index_path() -> Path:
    """``gazetteer.sqlite`` in :func:`data_dir`."""
    return data_dir() / "gazetteer.sqlite"


_KEYS_KEPT = 500_000  # answers of known() a process remembers: most names of a corpus recur


class Gazetteer:
    """Read-only access to a built index.

    Examples
    --------
    >>> gaz = Gazetteer.load()  # doctest: +SKIP
    >>> gaz.candidates("Nur-Sultan")[0].name  # doctest: +SKIP
    'Astana'
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._lookup_one = lru_cache(maxsize=131072)(self._lookup_uncached)
        self._known: dict[bool, dict[str, bool]] = {True: {}, False: {}}  # key: names a place (see known)

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path``; raise :class:`GazetteerError` if it is not built."""
        path = Path(path) if path else default_index_path()
        if not path.exists():
            raise GazetteerError(
                f"{path}: gazetteer index not found; run `python -m geo build` to create it."
            )
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        try:
            version = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError:
            version = None
        if not version or version[0] != SCHEMA_VERSION:
            raise GazetteerError(
                f"{path}: gazetteer index is outdated or damaged; run `python -m geo build` again."
            )
        return cls(db, path)

    def known(self, keys: Iterable[str], *, spellings: bool = True) -> set[str]:
        """The subset of ``keys`` (see :func:`name_key`) that name some place.

        With ``spellings``, also keys that match a big place's name by spelling
        key (German text: "Kökschetau"); English text asks for exact names only.
        Answers are kept for the process: each document proposes a few hundred names, most of them
        asked before.
        """
        answers = self._known[spellings]
        keys = list(dict.fromkeys(keys))
        asked = [key for key in keys if key not in answers]
        if asked:
            if len(answers) + len(asked) > _KEYS_KEPT:
                answers.clear()
            found = self._known_uncached(asked, spellings)
            answers.update((key, key in found) for key in asked)
        return {key for key in keys if answers.get(key, False)}

    def _known_uncached(self, keys: list[str], spellings: bool) -> set[str]:
        found = self._found("SELECT DISTINCT key FROM names WHERE key IN ({})", keys)
        if not spellings:
            return found
        by_spelling = {
            spelling: key
            for key in keys
            if key not in found and len(key) >= MIN_SPELLING_LENGTH
            for spelling in spelling_keys(key)
        }
        variants = self._found("SELECT DISTINCT spelling FROM variants WHERE spelling IN ({})", list(by_spelling))
        return found | {by_spelling[spelling] for spelling in variants}

    def _found(self, query: str, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(keys, 500):
            rows = self._db.execute(query.format(",".join("?" * len(chunk))), chunk)
            found.update(row[0] for row in rows)
        return found

    def candidates(self, name: str, *, spellings: bool = True) -> list[tuple[Place, bool]]:
        """Places named ``name``, each with whether the name is a preferred one.

        Sorted countries first, then by population; empty when nothing
        matches.  With ``spellings``, big places whose name has the same
        spelling key (:func:`geo.gazetteer.spelling.spelling_keys`) are candidates too,
        never as a preferred name: "Frunse" is Bishkek (Frunze) before a
        Ukrainian village.
        """
        return list(self._lookup_one(name_key(name), spellings))

    def search(self, text: str, *, limit: int = 20) -> list[Place]:
        """Places with a name that starts with ``text``, most populous first: for a reader
        who places a name by hand ("Kosh" finds Kosh-Agach).  Countries and curated
        places come before towns of the same prefix."""
        key = name_key(text)
        if not key:
            return []
        rows = self._db.execute(
            f"SELECT DISTINCT {_PLACE_COLUMNS} FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.key >= ? AND n.key < ? "
            "ORDER BY p.feature = 'country' DESC, p.id LIKE 'curated:%' DESC, n.key = ? DESC, p.population DESC "
            "LIMIT ?",
            (key, key + "\uffff", key, limit),
        ).fetchall()
        return [_place(row) for row in rows]

    def place(self, place_id: str) -> Place | None:
        """The place with this id, or ``None`` if the index has none."""
        row = self._db.execute(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE id = ?", (place_id,)).fetchone()
        return _place(row) if row else None

    def country(self, code: str) -> Place | None:
        """The country with ISO 3166 alpha-2 ``code``, or ``None``."""
        row = self._db.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE feature = 'country' AND country_code = ?",
            (code.upper(),),
        ).fetchone()
        return _place(row) if row else None

    def _lookup_uncached(self, key: str, spellings: bool) -> tuple[tuple[Place, bool], ...]:
        rows = self._db.execute(
            f"SELECT {_PLACE_COLUMNS}, MAX(n.preferred) FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.key = ? GROUP BY p.id ORDER BY p.feature = 'country' DESC, p.population DESC",
            (key,),
        ).fetchall()
        if spellings and len(key) >= MIN_SPELLING_LENGTH:
            # A country is a candidate by its spelling only for a name no place bears: its weight as a
            # country would beat the city that does ("Brasília" is not Brazil).
            rows += [row for row in self._variants(key, exclude={row[0] for row in rows})
                     if not (rows and row[2] == "country")]
        rows.sort(key=lambda row: (row[2] != "country", -row[6]))
        return tuple((_place(row[:-1]), bool(row[-1])) for row in rows)


    def _variants(self, key: str, exclude: set[str]) -> list[tuple]:
        skeletons = sorted(spelling_keys(key))
        rows = self._db.execute(
            f"SELECT DISTINCT {_PLACE_COLUMNS}, 0 FROM variants v JOIN places p ON p.id = v.place_id "
            f"WHERE v.spelling IN ({','.join('?' * len(skeletons))})",
            skeletons,
        )
        return [row for row in rows if row[0] not in exclude]


_PLACE_COLUMNS = "p.id, p.name, p.feature, p.lat, p.lon, p.country_code, p.population, p.geonameid, p.source, p.admin1, p.prominence, p.capital"


def _place(row: tuple) -> Place:
    return Place(*row[:-1], capital=bool(row[-1]))


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_index(path: Path, places: Iterable[Place], names: Iterable[PlaceName]) -> dict[str, int]:
    """Write a fresh index to ``path`` atomically (temporary file, then rename).

    Returns counts of places and names written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=path.parent, suffix=".sqlite.tmp")
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT, feature TEXT, lat REAL, lon REAL,
                                 country_code TEXT, population INTEGER, geonameid INTEGER, source TEXT, admin1 TEXT,
                                 prominence REAL, capital INTEGER);
            CREATE TABLE names (key TEXT, place_id TEXT, preferred INTEGER);
            CREATE TABLE variants (spelling TEXT, place_id TEXT);
            """
        )
        places = list(places)
        db.executemany(
            "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            ((p.id, p.name, p.feature, p.lat, p.lon, p.country_code, p.population, p.geonameid, p.source, p.admin1,
              p.prominence, int(p.capital)) for p in places),
        )
        names = list(names)
        db.executemany(
            "INSERT INTO names VALUES (?,?,?)",
            ((name_key(n.name), n.place_id, int(n.preferred)) for n in names if not n.spelling_only),
        )
        big = {p.id for p in places if p.feature != "city" or p.population >= VARIANT_MIN_POPULATION}
        db.executemany(
            "INSERT INTO variants VALUES (?,?)",
            {(spelling, n.place_id) for n in names if n.place_id in big for spelling in spelling_keys(n.name)},
        )
        db.executescript(
            """
            DELETE FROM names WHERE rowid NOT IN
                (SELECT MIN(rowid) FROM names GROUP BY key, place_id, preferred);
            CREATE INDEX names_key ON names (key);
            CREATE INDEX variants_spelling ON variants (spelling);
            CREATE INDEX places_country ON places (feature, country_code);
            """
        )
        counts = {
            "places": db.execute("SELECT COUNT(*) FROM places").fetchone()[0],
            "names": db.execute("SELECT COUNT(*) FROM names").fetchone()[0],
        }
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("schema", SCHEMA_VERSION), ("built", time.strftime("%Y-%m-%dT%H:%M:%S"))],
        )
        db.commit()
        db.execute("VACUUM")
        db.close()
        tmp.chmod(0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return counts
