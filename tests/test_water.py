"""`python -m geo water` turns Natural Earth's lakes and rivers into the basemap's small water file."""

import json

import pytest

from geo.errors import GeoError
from geo.views.water import _simplified, read_water, write_water


def feature(geometry_type, coordinates, **properties):
    return {"type": "Feature", "geometry": {"type": geometry_type, "coordinates": coordinates},
            "properties": properties}


@pytest.fixture
def natural_earth(tmp_path):
    lakes = [feature("Polygon", [[[74.001, 46.0], [75.0, 46.0], [75.0, 47.0], [74.001, 46.0]]],
                     name="Lake Balkhash", name_de="Balchaschsee", featurecla="Lake")]
    rivers = [feature("LineString", [[70.0, 50.0], [70.5, 50.004], [71.0, 50.0], [72.0, 52.0]],
                      name="Ertis", name_de="Irtysch", featurecla="River"),
              feature("LineString", [[80.0, 50.0], [81.0, 50.0]], name="Ertis", featurecla="Lake Centerline")]
    for name, features in (("ne_50m_lakes.geojson", lakes), ("ne_50m_rivers_lake_centerlines.geojson", rivers)):
        (tmp_path / name).write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return tmp_path


def test_lakes_and_rivers_keep_their_names_and_lose_detail_the_map_cannot_show(natural_earth):
    water = read_water(natural_earth)
    assert water["source"].startswith("Natural Earth")
    lake, river = water["features"]  # the river's stretch through a lake is left out
    assert lake["properties"] == {"kind": "lake", "name": "Lake Balkhash", "name_de": "Balchaschsee"}
    assert lake["geometry"]["coordinates"] == [[[74.0, 46.0], [75.0, 46.0], [75.0, 47.0], [74.0, 46.0]]]
    assert river["properties"]["name_de"] == "Irtysch"
    assert river["geometry"]["coordinates"] == [[70.0, 50.0], [71.0, 50.0], [72.0, 52.0]]  # 0.004° off: gone


def test_the_file_is_replaced_whole(natural_earth, tmp_path):
    output = tmp_path / "water.json"
    size = write_water(natural_earth, output)
    assert size == output.stat().st_size and [p.name for p in tmp_path.glob(".*")] == []
    assert len(json.loads(output.read_text())["features"]) == 2


def test_a_folder_without_natural_earth_says_what_it_needs(tmp_path):
    with pytest.raises(GeoError, match="ne_50m_lakes.geojson: no such file.*natural-earth-vector"):
        read_water(tmp_path)


def test_simplifying_keeps_the_ends_and_the_bends():
    assert _simplified([[0, 0], [1, 0.001], [2, 0], [3, 1]]) == [[0, 0], [2, 0], [3, 1]]
    ring = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    assert _simplified(ring) == ring
