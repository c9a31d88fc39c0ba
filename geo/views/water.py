"""Lakes and rivers for the offline basemap, built from Natural Earth: ``python -m geo water NE_GEOJSON_DIR``.

The basemap's countries come from world-atlas (npm); lakes and rivers are not in
it, and no package ships Natural Earth's water as a small file.  This module
reads Natural Earth's 1:50m lakes and rivers once, from the ``geojson/`` folder
of github.com/nvkelso/natural-earth-vector (``ne_50m_lakes.geojson`` and
``ne_50m_rivers_lake_centerlines.geojson``), and writes the small GeoJSON the
map draws, ``geo/static/basemap/water-50m.json``, which is committed: each lake
and river with its English and German name, coordinates
simplified and rounded to 0.01° (about 1 km, finer than the 1:50m source), and the source.  Natural Earth is in
the public domain.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from geo.errors import GeoError
from geo.views.maps import STATIC_DIR, WATER

OUTPUT = STATIC_DIR / WATER
SOURCES = {"lake": "ne_50m_lakes.geojson", "river": "ne_50m_rivers_lake_centerlines.geojson"}
SOURCE = ("Natural Earth 1:50m lakes and rivers (ne_50m_lakes, ne_50m_rivers_lake_centerlines), "
          "GeoJSON from github.com/nvkelso/natural-earth-vector")
DIGITS = 2
TOLERANCE = 0.01  # degrees; the map's zoom that shows it is about 7 (1 pixel ≈ 0.01°)


def read_water(folder: Path) -> dict:
    """Natural Earth's 1:50m lakes and rivers as one FeatureCollection, each feature with its ``kind``.

    A river's stretches through lakes ("Lake Centerline") are left out: the lake is drawn there."""
    features = []
    for kind, name in SOURCES.items():
        path = folder / name
        if not path.is_file():
            raise GeoError(f"{path}: no such file; NE_GEOJSON_DIR is the geojson/ folder of "
                           "github.com/nvkelso/natural-earth-vector.")
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            properties = feature["properties"]
            if properties.get("featurecla") == "Lake Centerline" or not feature["geometry"]:
                continue
            features.append({"type": "Feature", "geometry": _rounded(feature["geometry"]),
                             "properties": {"kind": kind, "name": properties.get("name") or None,
                                            "name_de": properties.get("name_de") or None}})
    return {"type": "FeatureCollection", "source": SOURCE, "features": features}


def write_water(folder: Path, output: Path = OUTPUT) -> int:
    """Write :data:`OUTPUT` (through a temporary file); returns its size in bytes."""
    text = json.dumps(read_water(folder), ensure_ascii=False, separators=(",", ":"))
    tmp = output.with_name(f".{output.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, output)
    return len(text.encode("utf-8"))


def _rounded(geometry: dict) -> dict:
    """The geometry simplified to :data:`TOLERANCE` and rounded, with points that rounding made repeat
    dropped: the 1:50m source holds more detail than the map shows, and every byte goes to the browser."""
    def round_all(value):
        if value and isinstance(value[0][0], (int, float)):  # a line or ring: a list of points
            points = [[round(x, DIGITS), round(y, DIGITS)] for x, y in _simplified(value)]
            return [point for i, point in enumerate(points) if i == 0 or point != points[i - 1]]
        return [round_all(item) for item in value]

    return {"type": geometry["type"], "coordinates": round_all(geometry["coordinates"])}


def _simplified(points: list) -> list:
    """Douglas–Peucker: the points that keep the line within :data:`TOLERANCE` degrees of the original."""
    keep = {0, len(points) - 1}
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        if last - first < 2:
            continue
        far, index = max((_distance(points[i], points[first], points[last]), i) for i in range(first + 1, last))
        if far > TOLERANCE:
            keep.add(index)
            spans += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def _distance(point: list, start: list, end: list) -> float:
    """How far ``point`` lies from the line through ``start`` and ``end`` (from ``start`` if they meet)."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    length = (dx * dx + dy * dy) ** 0.5
    if not length:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * (x - x1) - dx * (y - y1)) / length
