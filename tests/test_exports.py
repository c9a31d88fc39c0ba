"""The export formats of a reader's corpus: CSV, GeoJSON with passages, Linked Places."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from geo.documents import parse_document
from geo.errors import GeoError
from geo.views.exports import (
    LPF_CONTEXT,
    MENTION_EXPORT_COLUMNS,
    MENTION_INPUT_COLUMNS,
    URN_PREFIX,
    export,
    linked_places,
    mentions_csv,
    places_geojson_with_passages,
)
from geo.views.queries import Filters
from geo.views.tables import PLACE_COLUMNS
from geo.workspace.store import Correction, Workspace

HOSTILE = '=cmd|"/c calc"!A1'
SCRIPT = "<script>alert(1)</script> Almaty"
ALMATY = {"place_id": "geonames:1526384", "name": "Almaty", "lat": 43.25, "lon": 76.91, "country_code": "KZ",
          "feature": "city", "geonameid": 1526384}
NEW_YORK = {"place_id": "geonames:5128581", "name": "New York City", "lat": 40.71, "lon": -73.9,
            "country_code": "US", "feature": "city", "geonameid": 5128581}
CASPIAN = {"place_id": "curated:caspian-sea", "name": "Caspian Sea", "lat": 41.7, "lon": 50.6,
           "country_code": None, "feature": "water", "geonameid": None}


def _mention(doc, title, date, url, start, end, text, place, excerpt, excerpt_start, kind="name", corrected=False):
    return {"doc": doc, "title": title, "date": date, "url": url, "start": start, "end": end, "text": text,
            "kind": kind, **place, "score": 0.9, "corrected": corrected, "excerpt": excerpt,
            "excerpt_start": excerpt_start}


@pytest.fixture
def mentions() -> pd.DataFrame:
    # b.txt: "Almaty und Almaty. In Almatys Süden." — two mentions in one sentence, one in the next.
    rows = [
        _mention("b.txt", "Zweiter Bericht", "2022-01", None, 0, 6, "Almaty", ALMATY, "Almaty und Almaty.", 0),
        _mention("b.txt", "Zweiter Bericht", "2022-01", None, 11, 17, "Almaty", ALMATY, "Almaty und Almaty.", 0),
        _mention("b.txt", "Zweiter Bericht", "2022-01", None, 22, 29, "Almatys", ALMATY, "In Almatys Süden.", 19),
        _mention("a.txt", HOSTILE, "2022-01-05", "https://example.org/a", 40, 46, "Almaty", ALMATY,
                 SCRIPT, 14, corrected=True),
        _mention("a.txt", HOSTILE, "2022-01-05", "https://example.org/a", 60, 68, "New York", NEW_YORK,
                 "Flights to New York.", 49),
        _mention("c.txt", "Ohne Datum", None, None, 5, 13, "New York", NEW_YORK, "Nach New York.", 0),
        _mention("c.txt", "Ohne Datum", None, None, 20, 29, "New Yorks", NEW_YORK, "Die New Yorks...", 16),
    ]
    table = pd.DataFrame(rows, columns=MENTION_INPUT_COLUMNS)
    return table.astype({"geonameid": "Int64"})


@pytest.fixture
def places() -> pd.DataFrame:
    rows = [
        {**ALMATY, "names": ["Almaty", "Almatys"], "mentions": 4, "articles": 2},
        {**NEW_YORK, "names": ["New York", "New Yorks"], "mentions": 3, "articles": 2},
    ]
    return pd.DataFrame(rows, columns=PLACE_COLUMNS).astype({"geonameid": "Int64"})


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_the_export_columns_in_order_one_row_per_mention(mentions):
    rows = _rows(mentions_csv(mentions))
    assert rows[0] == MENTION_EXPORT_COLUMNS
    assert len(rows) == 1 + len(mentions)
    first = dict(zip(rows[0], rows[1]))
    assert first["article"] == "b.txt" and first["place"] == "Almaty" and first["place_id"] == "geonames:1526384"
    assert first["geonameid"] == "1526384" and first["date"] == "2022-01" and first["url"] == ""


def test_csv_neutralises_formulas_but_keeps_numbers(mentions):
    rows = [dict(zip(MENTION_EXPORT_COLUMNS, row)) for row in _rows(mentions_csv(mentions))[1:]]
    hostile = [r for r in rows if r["article"] == "a.txt"]
    assert all(r["title"] == "'" + HOSTILE for r in hostile)
    new_york = next(r for r in rows if r["place"] == "New York City")
    assert new_york["lon"] == "-73.9" and float(new_york["lon"]) == -73.9
    assert {r["corrected"] for r in hostile} == {"True", "False"}


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\",\"x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_prefixes_every_formula_trigger(mentions, text):
    mentions.loc[0, "title"] = text
    row = dict(zip(MENTION_EXPORT_COLUMNS, _rows(mentions_csv(mentions))[1]))
    assert row["title"] == "'" + text


def test_csv_of_nothing_is_the_header(mentions):
    assert _rows(mentions_csv(mentions.iloc[0:0])) == [MENTION_EXPORT_COLUMNS]


def test_a_table_without_the_columns_says_which(mentions):
    with pytest.raises(GeoError, match="excerpt_start"):
        places_geojson_with_passages(pd.DataFrame(columns=PLACE_COLUMNS), mentions.drop(columns="excerpt_start"))


def test_geojson_keeps_the_extract_contract_and_adds_passages(places, mentions):
    collection = json.loads(json.dumps(places_geojson_with_passages(places, mentions), allow_nan=False))
    assert collection["type"] == "FeatureCollection"
    almaty, new_york = collection["features"]
    assert almaty["geometry"] == {"type": "Point", "coordinates": [76.91, 43.25]}
    assert new_york["geometry"]["coordinates"] == [-73.9, 40.71]
    contract = {"name", "names", "feature", "country_code", "geonameid", "mentions", "articles"}
    assert contract <= set(almaty["properties"])
    assert almaty["properties"]["place_id"] == "geonames:1526384"
    passages = almaty["properties"]["passages"]
    assert [(p["article"], p["text"]) for p in passages] == [
        ("a.txt", SCRIPT), ("b.txt", "Almaty und Almaty."), ("b.txt", "In Almatys Süden.")]
    assert passages[1]["mentions"] == [[0, 6], [11, 17]] and passages[1]["mention"] == [0, 6]
    assert passages[2]["mention"] == [3, 10] and passages[2]["text"][3:10] == "Almatys"
    assert passages[0]["title"] == HOSTILE and passages[0]["url"] == "https://example.org/a"


def test_geojson_passages_are_plain_text(places, mentions):
    text = json.dumps(places_geojson_with_passages(places, mentions), allow_nan=False)
    passage = json.loads(text)["features"][0]["properties"]["passages"][0]
    assert passage["text"] == SCRIPT and "&lt;" not in text and "<mark>" not in text
    assert passage["text"][passage["mention"][0]:passage["mention"][1]] == "Almaty"


def test_geojson_has_no_nan_or_numpy(places, mentions):
    places.loc[1, ["country_code", "lat", "lon"]] = [float("nan"), float("nan"), float("nan")]
    collection = places_geojson_with_passages(places, mentions)
    json.dumps(collection, allow_nan=False)
    new_york = collection["features"][1]
    assert new_york["geometry"] is None and new_york["properties"]["country_code"] is None
    assert type(collection["features"][0]["properties"]["mentions"]) is int


def test_lpf_feature_collection_has_the_required_keys(places, mentions):
    collection = linked_places(places, mentions)
    json.loads(json.dumps(collection, allow_nan=False))
    assert collection["type"] == "FeatureCollection" and collection["@context"] == LPF_CONTEXT
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["@id"], str) and feature["@id"].startswith("urn:geo-news-map:")
        assert isinstance(feature["properties"]["title"], str) and isinstance(feature["properties"]["ccodes"], list)
        assert feature["names"] and all(isinstance(n["toponym"], str) for n in feature["names"])
        assert any(n["citations"] for n in feature["names"])
        assert feature["geometry"]["type"] == "Point" and len(feature["geometry"]["coordinates"]) == 2
        assert all(set(t) >= {"identifier", "label"} for t in feature["types"])


def test_lpf_almaty(places, mentions):
    almaty = linked_places(places, mentions)["features"][0]
    assert almaty["@id"] == "urn:geo-news-map:geonames:1526384"
    assert almaty["properties"] == {"title": "Almaty", "ccodes": ["KZ"]}
    assert almaty["geometry"] == {"type": "Point", "coordinates": [76.91, 43.25]}
    assert [n["toponym"] for n in almaty["names"]] == ["Almaty", "Almatys"]
    assert almaty["names"][0]["citations"] == [
        {"label": HOSTILE, "@id": "https://example.org/a"}, {"label": "Zweiter Bericht"}]
    assert all("lang" not in n for n in almaty["names"])
    assert almaty["types"][0]["identifier"] == "http://vocab.getty.edu/aat/300008347"
    assert almaty["types"][0]["sourceLabels"] == [{"label": "city", "lang": "en"}]
    # "2022-01" runs to the end of January, so it is both the earliest and the latest date.
    assert almaty["when"] == {"timespans": [{"start": {"in": "2022-01"}, "end": {"in": "2022-01"}}]}
    assert almaty["links"] == [{"type": "closeMatch", "identifier": "gn:1526384"}]


def test_lpf_dates_links_and_names(places, mentions):
    new_york = linked_places(places, mentions)["features"][1]
    assert new_york["when"]["timespans"] == [{"start": {"in": "2022-01-05"}, "end": {"in": "2022-01-05"}}]
    assert new_york["geometry"]["coordinates"] == [-73.9, 40.71]
    no_dates = linked_places(places, mentions.assign(date=None))["features"][1]
    assert "when" not in no_dates


def test_lpf_place_without_geonames_id_or_country_and_adjectives(mentions):
    caspian = [
        _mention("d.txt", "Meer", "2021-12-31", None, 0, 15, "Kaspischen Meer", CASPIAN, "Kaspischen Meer.", 0),
        _mention("d.txt", "Meer", "2022-02", None, 20, 30, "kaspischen", CASPIAN, "das kaspischen", 16,
                 kind="adjective"),
    ]
    rows = pd.DataFrame(caspian, columns=MENTION_INPUT_COLUMNS).astype({"geonameid": "Int64"})
    places = pd.DataFrame([{**CASPIAN, "names": ["Kaspischen Meer", "kaspischen"], "mentions": 2, "articles": 1}],
                          columns=PLACE_COLUMNS).astype({"geonameid": "Int64"})
    feature = linked_places(places, rows)["features"][0]
    json.dumps(feature, allow_nan=False)
    assert feature["@id"] == "urn:geo-news-map:curated:caspian-sea"
    assert feature["properties"]["ccodes"] == [] and "links" not in feature
    assert [n["toponym"] for n in feature["names"]] == ["Kaspischen Meer"]
    assert feature["types"][0]["identifier"] == "http://vocab.getty.edu/aat/300266059"
    assert feature["when"]["timespans"] == [{"start": {"in": "2021-12-31"}, "end": {"in": "2022-02"}}]


def test_outputs_of_nothing_are_empty_collections(places, mentions):
    none_places, none_mentions = places.iloc[0:0], mentions.iloc[0:0]
    assert places_geojson_with_passages(none_places, none_mentions)["features"] == []
    assert linked_places(none_places, none_mentions)["features"] == []


AKTAU_ID = "geonames:610612"


@pytest.fixture
def almaty_twice(tmp_path, gazetteer) -> Workspace:
    """A workspace of two articles that name Almaty: a.txt twice, b.txt once."""
    workspace = Workspace(tmp_path / "w.duckdb")
    workspace.add([parse_document("a.txt", " date 2022-01-05 Proteste in Almaty. Die Polizei in Almaty schwieg."),
                   parse_document("b.txt", " date 2022-01-06 Auch in Almaty blieb es ruhig.")], gazetteer)
    return workspace


def _exported(workspace: Workspace) -> tuple[list[dict], dict[str, dict], dict[str, dict]]:
    """CSV rows, GeoJSON features by place id and LPF features by place id, as ``python -m geo export`` writes them."""
    rows = list(csv.DictReader(io.StringIO(export(workspace, Filters(), "csv"))))
    geojson = json.loads(export(workspace, Filters(), "geojson"))["features"]
    lpf = json.loads(export(workspace, Filters(), "lpf"))["features"]
    return (rows, {f["properties"]["place_id"]: f for f in geojson},
            {f["@id"].removeprefix(URN_PREFIX): f for f in lpf})


def test_a_correction_in_one_article_reaches_every_export(almaty_twice, gazetteer):
    aktau, almaty = gazetteer.place(AKTAU_ID), gazetteer.place(ALMATY["place_id"])
    almaty_twice.correct(Correction("article", "place", "Almaty", aktau, "a.txt"))
    rows, geojson, lpf = _exported(almaty_twice)
    moved = ("a.txt", "Almaty", "Aktau", AKTAU_ID, aktau.lat, aktau.lon, "True")
    assert [(r["article"], r["text"], r["place"], r["place_id"], float(r["lat"]), float(r["lon"]), r["corrected"])
            for r in rows] == [moved, moved, ("b.txt", "Almaty", "Almaty", almaty.id, almaty.lat, almaty.lon, "False")]
    assert geojson[AKTAU_ID]["geometry"]["coordinates"] == [aktau.lon, aktau.lat]
    assert [p["article"] for p in geojson[AKTAU_ID]["properties"]["passages"]] == ["a.txt", "a.txt"]
    assert [p["article"] for p in geojson[ALMATY["place_id"]]["properties"]["passages"]] == ["b.txt"]
    assert lpf[AKTAU_ID]["geometry"]["coordinates"] == [aktau.lon, aktau.lat]
    titles = {doc: almaty_twice.document(doc).title for doc in ("a.txt", "b.txt")}
    assert lpf[AKTAU_ID]["names"] == [{"toponym": "Almaty", "citations": [{"label": titles["a.txt"]}]}]
    assert lpf[ALMATY["place_id"]]["names"] == [{"toponym": "Almaty", "citations": [{"label": titles["b.txt"]}]}]


def test_a_correction_everywhere_takes_the_old_place_out_of_every_export(almaty_twice, gazetteer):
    aktau = gazetteer.place(AKTAU_ID)
    almaty_twice.correct(Correction("everywhere", "place", "Almaty", aktau))
    rows, geojson, lpf = _exported(almaty_twice)
    assert {(r["place_id"], r["corrected"]) for r in rows} == {(AKTAU_ID, "True")} and len(rows) == 3
    assert set(geojson) == set(lpf) == {AKTAU_ID}
    assert geojson[AKTAU_ID]["properties"]["mentions"] == 3
    assert lpf[AKTAU_ID]["when"] == {"timespans": [{"start": {"in": "2022-01-05"}, "end": {"in": "2022-01-06"}}]}
