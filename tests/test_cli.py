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


def test_extract_unplaced_lists_names_without_a_place_in_text_order(tmp_path, capsys):
    article = tmp_path / "dorf.txt"
    article.write_text("Im Dorf Oberwürzbach bei Sankt Ingbert brannte eine Scheune.", encoding="utf-8")
    assert main(["extract", str(article)]) == 0
    assert [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()] == ["Sankt Ingbert"]
    assert main(["extract", str(article), "--unplaced"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in records] == ["Oberwürzbach", "Sankt Ingbert"] and all(list(r) == KEYS for r in records)
    assert {k: records[0][k] for k in ("name", "lat", "lon", "geonameid", "score", "candidates")} == {
        "name": None, "lat": None, "lon": None, "geonameid": None, "score": None, "candidates": []}
    assert main(["extract", str(article), "--unplaced", "--format", "geojson"]) == 0
    assert [f["properties"]["name"] for f in json.loads(capsys.readouterr().out)["features"]] == ["Sankt Ingbert"]


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
    assert "L.placeKind" in page and "Almaty" in page
    assert "geo-static/" not in page and "cdn.jsdelivr" not in page
    assert "wrote" in capsys.readouterr().out


def test_add_list_remove_a_workspace(capsys, tmp_path):
    workspace = str(tmp_path / "ws.duckdb")
    assert main(["add", "seeds", "--workspace", workspace]) == 0
    assert "5 added, 0 replaced, 0 unchanged" in capsys.readouterr().out
    assert main(["add", "seeds", "--workspace", workspace]) == 0
    assert "0 added, 0 replaced, 5 unchanged" in capsys.readouterr().out
    assert main(["list", "--workspace", workspace]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and lines[0].split("\t")[0].endswith(".txt")
    assert main(["remove", lines[0].split("\t")[0], "nope.txt", "--workspace", workspace]) == 1
    captured = capsys.readouterr()
    assert "1 removed" in captured.out and "nope.txt: no such article" in captured.err
    assert main(["list", "--workspace", workspace]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert main(["reresolve", "--workspace", workspace]) == 0
    assert "in 4 documents: 0 moved, 0 no longer a place" in capsys.readouterr().out


def test_add_reports_an_unreadable_file_and_adds_the_rest(capsys, tmp_path):
    (tmp_path / "ok.txt").write_text("Proteste in Almaty.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    assert main(["add", str(tmp_path / "ok.txt"), str(tmp_path / "bad.txt"), "--workspace", str(tmp_path / "w.duckdb")]) == 1
    captured = capsys.readouterr()
    assert "1 added" in captured.out and "bad.txt" in captured.err


def test_export_a_workspace_in_every_format(capsys, tmp_path):
    import csv

    workspace = str(tmp_path / "ws.duckdb")
    assert main(["add", "seeds", "--workspace", workspace]) == 0
    files = {kind: tmp_path / f"out.{kind}" for kind in ("html", "csv", "geojson", "lpf")}
    args = ["export", "--workspace", workspace, "--type", "city", "--min-mentions", "2"]
    assert main(args + [arg for kind, path in files.items() for arg in (f"--{kind}", str(path))]) == 0
    rows = list(csv.DictReader(files["csv"].open(encoding="utf-8")))
    assert rows and {r["feature"] for r in rows} == {"city"}
    geojson = json.loads(files["geojson"].read_text(encoding="utf-8"))
    almaty = next(f for f in geojson["features"] if f["properties"]["name"] == "Almaty")
    assert almaty["geometry"]["coordinates"] == pytest.approx([76.9115, 43.25249])
    assert almaty["properties"]["passages"]
    lpf = json.loads(files["lpf"].read_text(encoding="utf-8"))
    assert "@context" in lpf and all({"@id", "properties", "geometry", "names"} <= set(f) for f in lpf["features"])
    page = files["html"].read_text(encoding="utf-8")
    assert "popup-passage" in page and 'landeten Putins Truppen in ", "Almaty"' in page  # a popup passage
    assert "article-list" in page and "5 articles" in page


def test_export_needs_a_target(capsys, tmp_path):
    assert main(["export", "--workspace", str(tmp_path / "w.duckdb")]) == 2
    assert "--html, --csv, --geojson or --lpf" in capsys.readouterr().err


def test_add_with_workers_lists_what_a_serial_add_lists(capsys, tmp_path):
    pytest.importorskip("dask.distributed")
    lists = []
    for name, extra in (("serial", []), ("parallel", ["--workers", "2"])):
        workspace = str(tmp_path / f"{name}.duckdb")
        assert main(["add", "seeds", "--workspace", workspace, *extra]) == 0
        assert "5 added, 0 replaced, 0 unchanged" in capsys.readouterr().out
        assert main(["list", "--workspace", workspace]) == 0
        lists.append(capsys.readouterr().out)
    assert lists[0] == lists[1]
    assert main(["add", "seeds", "--workers", "0", "--workspace", str(tmp_path / "w.duckdb")]) == 2
    assert "--workers 0: give at least 1 worker." in capsys.readouterr().err
