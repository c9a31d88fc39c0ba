"""The CLI contract, in-process: main([...]) -> exit code and output."""

import json

import pytest

from geo.cli import main

SEED = "seeds/003_50832b85a0da59a2.txt"
KEYS = ["doc", "start", "end", "text", "name", "lat", "lon", "country_code", "feature", "geonameid", "score", "excerpt", "candidates"]


@pytest.fixture(autouse=True)
def _index(gazetteer):
    """Make sure the index exists before the CLI opens it."""


def test_extract_jsonl_contract(capsys):
    assert main(["extract", SEED]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    text = open(SEED, encoding="utf-8").read()
    assert records and all(list(r) == KEYS for r in records)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in records)
    by_text = {r["text"]: r for r in records}
    assert by_text["Nur-Sultan"]["name"] == "Astana"
    assert by_text["Kasachstan"]["feature"] == "country" and by_text["Kasachstan"]["country_code"] == "KZ"
    assert by_text["Kaspischen Meer"]["feature"] == "water" and by_text["Kaspischen Meer"]["geonameid"] is None
    assert by_text["Almaty"]["excerpt"] in text


def test_extract_geojson_counts_mentions(capsys):
    assert main(["extract", "seeds", "--format", "geojson"]) == 0
    collection = json.loads(capsys.readouterr().out)
    almaty = next(f for f in collection["features"] if f["properties"]["name"] == "Almaty")
    assert almaty["geometry"]["coordinates"] == pytest.approx([76.9115, 43.25249])
    assert almaty["properties"]["mentions"] >= 10 and almaty["properties"]["articles"] == 5


def test_extract_csv_has_contract_columns(capsys):
    assert main(["extract", SEED, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == ",".join(KEYS)


def test_geocode_json(capsys):
    assert main(["geocode", "Nur-Sultan"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert list(answer) == ["text", "name", "lat", "lon", "country_code", "feature", "geonameid", "score"]
    assert answer["name"] == "Astana" and answer["geonameid"] == 1526273


def test_geocode_unknown_name_exits_1_with_a_message(capsys):
    assert main(["geocode", "Xyzzyville"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no place named 'Xyzzyville'" in captured.err


def test_missing_file_is_one_line_on_stderr(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


def test_evaluate_seeds(capsys):
    assert main(["evaluate", "seeds"]) == 0
    out = capsys.readouterr().out
    assert "recognition  precision" in out and "resolution   accuracy" in out and "end to end   F1" in out


def test_export_writes_a_standalone_offline_map(capsys, tmp_path):
    out = tmp_path / "map.html"
    assert main(["export", "seeds", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "L.circleMarker" in page and "Almaty" in page
    assert "geo-static/" not in page and "cdn.jsdelivr" not in page
    assert "wrote" in capsys.readouterr().out
