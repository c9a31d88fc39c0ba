"""`python -m geo lakes` turns Natural Earth's 1:10m lakes into data/lakes.csv, and the gazetteer finds them."""

import json

import pytest
import shapefile

from geo.errors import GeoError
from geo.gazetteer.geocoders import OfflineGeocoder
from geo.gazetteer.lakes import names_of, read_lakes, says_water, write_lakes
from geo.gazetteer.physical import read_table


def square(lon, lat, size=0.2):
    return [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]]


LAKES = [  # (lon, lat of a corner, properties as Natural Earth gives them)
    (-120.1, 39.0, {"ne_id": 1, "name": "Lake Tahoe", "name_en": "Tahoe", "name_de": "Tahoe", "scalerank": 3}),
    (9.2, 45.9, {"ne_id": 2, "name": "Lago di Como", "name_en": "Como", "name_de": "Comer", "scalerank": 7}),
    (-82.8, 42.3, {"ne_id": 3, "name": "Lake Saint Clair", "name_en": "Saint Clair", "name_de": "St. Clair",
                   "name_alt": "Great Lakes", "scalerank": 0}),
    (-107.3, 32.9, {"ne_id": 4, "name": "Caballo Reservoir", "name_en": "Caballo", "name_de": "Caballo-Stausee",
                    "scalerank": 7}),
    (9.3, 47.5, {"ne_id": 5, "name": "Bodensee", "name_en": "Constance", "name_de": "Bodensee", "scalerank": 5}),
    (0.0, 0.0, {"ne_id": 6, "name": None, "scalerank": 9}),
]


@pytest.fixture
def lakes_geojson(tmp_path):
    path = tmp_path / "ne_10m_lakes.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": properties, "geometry": {"type": "Polygon", "coordinates": square(lon, lat)}}
        for lon, lat, properties in LAKES]}), encoding="utf-8")
    return path


def test_a_lake_is_named_as_news_names_it_never_by_its_bare_label():
    names = {properties["ne_id"]: names_of(properties) for *_, properties in LAKES if properties["name"]}
    assert names[1] == ["Lake Tahoe", "Tahoesee"]
    assert names[2] == ["Lago di Como", "Lake Como", "Comer See"]
    assert names[3] == ["Lake Saint Clair", "Lake St. Clair"]  # not "Great Lakes", the group it is in
    assert names[4] == ["Caballo Reservoir", "Caballo-Stausee"]  # not "Lake Caballo"
    assert not any(bare in sum(names.values(), []) for bare in ("Tahoe", "Como", "Comer", "Constance"))


def test_what_says_water():
    assert all(map(says_water, ["Lake Tahoe", "Lac du Bonnet", "Bodensee", "Presa Miguel Hidalgo", "Caballo-Stausee"]))
    assert not any(map(says_water, ["Tahoe", "Comer", "Saint Clair", "Seeheim"]))


def test_lakes_get_a_point_a_country_and_leave_out_the_curated_ones(lakes_geojson):
    lakes = {lake.name: lake for lake in read_lakes(lakes_geojson)}
    assert set(lakes) == {"Lake Tahoe", "Lago di Como", "Lake Saint Clair", "Caballo Reservoir"}  # Bodensee is curated
    tahoe = lakes["Lake Tahoe"]
    assert (tahoe.feature, tahoe.country_code, tahoe.scalerank) == ("water", "US", 3)
    assert (tahoe.lat, tahoe.lon) == (39.1, -120.0)
    assert lakes["Lago di Como"].country_code == "IT"


def test_the_shapefile_gives_the_same_table(lakes_geojson, tmp_path):
    base = tmp_path / "ne_10m_lakes"
    with shapefile.Writer(str(base), shapeType=shapefile.POLYGON) as writer:
        for field in ("name", "name_en", "name_de", "name_alt"):
            writer.field(field, "C", size=80)
        writer.field("ne_id", "N", size=12)
        writer.field("scalerank", "N", size=4)
        for lon, lat, properties in LAKES:
            writer.poly(square(lon, lat))
            writer.record(*(properties.get(key) or "" for key in ("name", "name_en", "name_de", "name_alt")),
                          properties["ne_id"], properties["scalerank"])
    assert read_lakes(base.with_suffix(".shp")) == read_lakes(lakes_geojson)


def test_the_table_is_written_whole_and_a_missing_file_is_one_sentence(lakes_geojson, tmp_path):
    output = tmp_path / "lakes.csv"
    assert write_lakes(lakes_geojson, output) == 4
    assert [lake.name for lake in read_table(output)] == [lake.name for lake in read_lakes(lakes_geojson)]
    with pytest.raises(GeoError, match="ne_10m_lakes.geojson or ne_10m_lakes.shp"):
        read_lakes(tmp_path / "missing.geojson")


def test_the_gazetteer_finds_lakes_by_the_names_news_gives_them(gazetteer):
    geocoder = OfflineGeocoder(gazetteer)
    for name, country in [("Lake Turkana", "KE"), ("Lake Tahoe", "US"), ("Lake St. Clair", "CA"), ("Turkanasee", "KE"),
                          ("Lake Taupo", "NZ"), ("Tanasee", "ET")]:
        location = geocoder.geocode(name)
        assert location.raw["feature"] == "water" and location.raw["country_code"] == country, name
    assert geocoder.geocode("Stadt Aktau").raw["feature"] == "city"  # a kind of place before a name still narrows it
