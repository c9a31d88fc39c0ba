"""`python -m geo physical` turns Natural Earth's physical layers into data/physical.csv."""

import csv
import json

import pytest

from geo.errors import GeoError
from geo.gazetteer.physical import OUTPUT, country_at, read_physical, read_table, write_physical


def collection(*features):
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": geometry, "properties": properties} for geometry, properties in features]}


@pytest.fixture
def natural_earth(tmp_path):
    square = [[[7.0, 47.0], [9.0, 47.0], [9.0, 49.0], [7.0, 49.0], [7.0, 47.0]]]
    layers = {
        "ne_10m_geography_regions_polys": collection(
            ({"type": "Polygon", "coordinates": square}, {"name": "BLACK HILLS MTS.", "featurecla": "Range/mtn", "scalerank": 3}),
            ({"type": "Polygon", "coordinates": square}, {"name": "Nowhere", "featurecla": "Reef", "scalerank": 3})),
        "ne_10m_geography_marine_polys": collection(
            ({"type": "Polygon", "coordinates": [[[30, 42], [40, 42], [40, 46], [30, 46], [30, 42]]]},
             {"name": "Black Sea", "featurecla": "sea", "scalerank": 1})),  # curated already
        "ne_10m_rivers_lake_centerlines": collection(
            ({"type": "LineString", "coordinates": [[11.0, 48.0], [11.5, 48.1]]}, {"name": "Isar", "featurecla": "River"}),
            ({"type": "LineString", "coordinates": [[11.5, 48.1], [12.0, 48.5], [12.5, 48.7]]},
             {"name": "Isar", "featurecla": "River", "scalerank": 9}),
            ({"type": "LineString", "coordinates": [[-100.0, 40.0], [-101.0, 40.0]]}, {"name": "Isar", "featurecla": "River"})),
        "ne_10m_rivers_europe": collection(),
        "ne_50m_rivers_lake_centerlines": collection(
            ({"type": "LineString", "coordinates": [[11.0, 48.0], [12.0, 48.0]]}, {"name": "Isar", "name_de": "Isar-Fluss"})),
    }
    for layer, data in layers.items():
        (tmp_path / f"{layer}.geojson").write_text(json.dumps(data))
    points = ["ne_id,featurecla,name,name_en,name_de,name_alt,lat,lon,scalerank",
              "1,mountain,Matterhorn,Matterhorn,Matterhorn,,45.9763,7.6586,6",
              "2,spot elevation,,,,,1,1,9"]
    (tmp_path / "ne_10m_geography_regions_elevation_points.csv").write_text("\n".join(points) + "\n")
    for layer in ("ne_10m_geography_regions_points", "ne_110m_rivers_lake_centerlines"):
        (tmp_path / f"{layer}.csv").write_text(points[0] + "\n")
    return tmp_path


def test_features_get_a_name_a_point_a_country_and_their_rank(natural_earth):
    features = {(f.name, f.country_code): f for f in read_physical(natural_earth)}
    assert set(features) == {("Matterhorn", "CH"), ("Black Hills Mountains", "DE"), ("Isar", "DE"), ("Isar", "US")}
    assert features["Matterhorn", "CH"].feature == "other" and features["Matterhorn", "CH"].scalerank == 6
    isar = features["Isar", "DE"]  # two stretches joined, the point on the longer one, the German name from 1:50m
    assert isar.feature == "water" and isar.names == "Isar|Isar-Fluss" and isar.scalerank == 9
    assert (isar.lon, isar.lat) == (12.0, 48.5)
    assert abs(features["Black Hills Mountains", "DE"].lat - 48.0) < 1e-6


def test_the_table_is_written_whole_and_read_back(natural_earth, tmp_path):
    output = tmp_path / "physical.csv"
    assert write_physical(natural_earth, output) == 4
    assert [f.name for f in read_table(output)] == [f.name for f in read_physical(natural_earth)]
    assert [p.name for p in tmp_path.glob(".*")] == []


def test_a_folder_without_natural_earth_says_what_it_needs(tmp_path):
    with pytest.raises(GeoError, match="no such file.*natural-earth-vector"):
        read_physical(tmp_path)


def test_points_fall_in_their_country():
    assert country_at(46.0, 7.66) == "CH" and country_at(48.1, 11.6) == "DE" and country_at(43.0, 34.0) == ""


def test_the_shipped_table_names_its_sources():
    with OUTPUT.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 3000 and all(row["source"].startswith("Natural Earth") for row in rows)
    names = {row["name"] for row in rows}
    assert {"Isar", "Matterhorn", "Mallorca", "Sahara", "Lena", "Rhône"} <= names
