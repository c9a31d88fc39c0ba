"""The Streamlit app's wiring, headless, with streamlit.testing (the browser tests click for real)."""

import re
from datetime import date

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from geo.workspace.readers import read_paths
from geo.workspace.store import Workspace
from tests.conftest import ROOT

SEED_PLACES = {"Almaty", "Astana", "Taldykorgan", "Aktau", "Ust-Kamenogorsk", "Baikonur", "Kazakhstan", "Russia", "Caspian Sea"}
ALMATY = "geonames:1526384"
KAZAKHSTAN = "geonames:1522867"
UPLOADS = ROOT / "tests" / "data" / "uploads"
WEEK = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


def app_test(monkeypatch, workspace, *, drawn: bool = True) -> AppTest:
    """The app on the workspace file ``workspace``; an empty one it fills with the seed articles.

    ``drawn`` starts it as after the map's first report (which needs a browser): with the whole page."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GEO_WORKSPACE", str(workspace))
    config.set_option("server.enableStaticServing", True)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if drawn:
        app.session_state["map_drawn"] = True
    return app


@pytest.fixture
def app(gazetteer, monkeypatch, tmp_path):
    """The app on a fresh workspace, which it fills with the seed articles."""
    return app_test(monkeypatch, tmp_path / "workspace.duckdb")


@pytest.fixture
def week_app(gazetteer, monkeypatch, tmp_path):
    """The app on a week of short articles, one a day from 1 March 2022, each naming Almaty and Astana:
    more articles than a page of passages holds, and each on its own date."""
    folder = tmp_path / "week"
    folder.mkdir()
    for day, weekday in enumerate(WEEK, 1):
        (folder / f"{day}.txt").write_text(f" date 2022-03-{day:02d} Am {weekday} demonstrierten Tausende in Almaty.\n\n"
                                           f"Auch in Astana blieb es am {weekday} unruhig.", encoding="utf-8")
    Workspace(tmp_path / "week.duckdb").add(read_paths([folder]), gazetteer)
    return app_test(monkeypatch, tmp_path / "week.duckdb")


def shown_counts(app: AppTest) -> str:
    """The map's caption: "5 of 5 articles · 31 places · 168 mentions"."""
    return next(c.value for c in app.caption if re.match(r"\d+ of \d+ articles? · ", c.value))


def table_rows(app: AppTest) -> set[tuple]:
    """The places table as (name, feature, mentions, articles) rows."""
    table = app.dataframe(key="places-table").value
    return set(table[["name", "feature", "mentions", "articles"]].itertuples(index=False, name=None))


def selected_place(app: AppTest) -> str | None:
    """The place the panel shows (its heading), or ``None``."""
    return next((h.value for h in app.subheader if h.value != "Places"), None)


def choose(box, label: str):
    """Choose the option of a selectbox whose label starts with ``label``."""
    return box.select_index(next(i for i, option in enumerate(box.options) if option.startswith(label)))


def pick_row(app: AppTest, rows: list[int]) -> AppTest:
    """Select ``rows`` of the places table as a reader's click does (AppTest cannot click a table)."""
    app.session_state["places-table"] = {"selection": {"rows": rows, "columns": [], "cells": []}}
    return app.run()


def test_a_session_starts_with_the_map_alone_and_the_rest_follows_once_it_is_drawn(gazetteer, monkeypatch, tmp_path):
    app = app_test(monkeypatch, tmp_path / "workspace.duckdb", drawn=False).run()
    assert not app.exception and not app.dataframe and not app.sidebar.multiselect
    assert any("5 of 5 articles" in c.value for c in app.caption)  # the map's caption
    app.session_state["map_drawn"] = True
    app.run()
    assert app.dataframe and app.sidebar.multiselect(key="f_docs")


def test_an_empty_workspace_starts_with_the_seeds(app):
    app.run()
    assert not app.exception and not app.error
    assert SEED_PLACES <= set(app.dataframe[0].value["name"])
    assert any("5 of 5 articles" in c.value for c in app.caption)


def test_a_shared_link_opens_a_place_with_its_filters(app):
    app.query_params["place"] = ALMATY
    app.query_params["type"] = "city"
    app.run()
    assert not app.exception
    assert any(h.value == "Almaty" for h in app.subheader)
    assert any("<mark>Almaty</mark>" in h.proto.body for h in app.get("html"))
    assert set(app.dataframe[0].value["feature"]) == {"city"}
    assert app.multiselect(key="f_types").value == ["city"]


def test_a_filter_narrows_the_places_and_goes_into_the_link(app):
    app.run()
    everything = len(app.dataframe[0].value)
    app.number_input(key="f_min").set_value(10).run()
    assert 0 < len(app.dataframe[0].value) < everything
    assert app.query_params["min"] in ("10", ["10"])


def test_clear_selection_closes_the_panel_and_the_link_forgets_it(app):
    app.query_params["place"] = ALMATY
    app.run()
    app.button(key="clear").click().run()
    assert not any(h.value == "Almaty" for h in app.subheader)
    assert "place" not in app.query_params


def test_read_only_hides_editing_until_the_editor_password(app, monkeypatch):
    monkeypatch.setenv("GEO_READ_ONLY", "1")
    monkeypatch.setenv("GEO_EDITOR_PASSWORD", "s3cret")
    app.query_params["place"] = ALMATY
    app.run()
    editing = {"Add articles", "Remove articles", "Correct this place", "Add a name the parser missed"}
    assert not editing & {e.label for e in app.expander}
    assert any(h.value == "Almaty" for h in app.subheader)  # reading still works
    app.text_input(key="editor_password").input("wrong").run()
    assert any("not the editor password" in e.value for e in app.error)
    app.text_input(key="editor_password").input("s3cret").run()
    assert editing <= {e.label for e in app.expander}


def test_an_archive_s_article_filter_is_searched(app, monkeypatch):
    from geo.views import queries

    monkeypatch.setattr(queries, "LIST_LIMIT", 2)
    app.run()
    assert len(app.multiselect(key="f_docs").options) == 2
    app.text_input(key="f_docs-find").input("Almaty").run()
    offered = app.multiselect(key="f_docs").options
    assert 1 <= len(offered) <= 2 and all("Almaty" in title or "almaty" in title.lower() for title in offered)
    app.multiselect(key="f_docs").select(offered[0]).run()
    app.text_input(key="f_docs-find").input("no title has this").run()
    assert app.multiselect(key="f_docs").options == [offered[0]]  # what is chosen stays


def test_a_row_of_the_table_selects_its_place_also_again_after_it_was_deselected(app):
    app.run()
    first = app.dataframe(key="places-table").value["name"][0]
    assert selected_place(pick_row(app, [0])) == first
    app.button(key="clear").click().run()
    assert selected_place(app) is None
    pick_row(app, [])
    assert selected_place(pick_row(app, [0])) == first


def test_a_place_mentioned_together_selects_that_place(app):
    app.query_params["place"] = ALMATY
    app.run()
    app.button(key=f"with-{KAZAKHSTAN}").click().run()
    assert selected_place(app) == "Kazakhstan"
    assert app.query_params["place"] in (KAZAKHSTAN, [KAZAKHSTAN])


def test_the_second_page_of_passages_shows_the_other_articles(week_app):
    week_app.query_params["place"] = ALMATY
    week_app.run()

    def days() -> set[str]:
        """The days the passages shown tell of: one article each."""
        return {day for passage in week_app.get("html") for day in WEEK if day in passage.proto.body}

    first = days()
    week_app.number_input(key=f"page-{ALMATY}").set_value(2).run()
    assert len(first) == 5 and days() == set(WEEK) - first


def test_another_candidate_for_a_name_in_one_article_moves_its_mentions_and_undo_takes_it_back(app):
    app.query_params["place"] = ALMATY
    app.run()
    assert ("Almaty", "city", 12, 5) in table_rows(app)
    choose(app.selectbox(key="fix-mention"), "“Almaty” in Kasachstan:").run()
    app.radio(key="fix-scope").set_value("article").run()
    app.radio(key="fix-choice").set_value("geonames:1526395").run()  # Almaty region, the second candidate
    app.button(key="fix-apply").click().run()
    assert {("Almaty", "city", 10, 4), ("Almaty", "region", 2, 1)} <= table_rows(app)
    assert any("corrected" in c.value for c in app.caption)  # the panel shows the region now
    undo = next(b for b in app.button if b.key and b.key.startswith("undo-"))
    undo.click().run()
    assert ("Almaty", "city", 12, 5) in table_rows(app)
    assert not any(name == "Almaty" and feature == "region" for name, feature, _, _ in table_rows(app))


def test_placing_a_name_the_parser_could_not_place_counts_it_for_that_place(app):
    app.run()
    moscow = next(row for row in table_rows(app) if row[0] == "Moscow")
    choose(app.selectbox(key="unplaced-name"), "“Kreml”").run()
    app.text_input(key="unplaced-search").input("Moscow").run()
    choose(app.selectbox(key="unplaced-found"), "Moscow · city · RU").run()
    app.button(key="unplaced-apply").click().run()
    assert ("Moscow", "city", moscow[2] + 1, moscow[3]) in table_rows(app)
    assert not any("“Kreml”" in label for label in app.selectbox(key="unplaced-name").options)
    assert selected_place(app) == "Moscow"


def test_a_name_the_parser_missed_becomes_mentions_of_the_place_chosen(app):
    app.run()
    assert "France" not in {row[0] for row in table_rows(app)}
    choose(app.selectbox(key="add-doc"), "Kasachstan:").run()
    app.text_input(key="add-name").input("France").run()  # in "Agence France-Presse", once
    app.text_input(key="add-search").input("France").run()
    choose(app.selectbox(key="add-found"), "France · country").run()
    app.button(key="add-apply").click().run()
    assert ("France", "country", 1, 1) in table_rows(app)
    assert selected_place(app) == "France"


def test_an_unreadable_upload_is_named_and_the_other_files_are_still_added(app):
    app.run()
    app.file_uploader(key="uploads").set_value([
        ("empty.txt", b"", "text/plain"),
        ("archive.csv", (UPLOADS / "archive.csv").read_bytes(), "text/csv"),
        ("titles.csv", b"title,date\nNo text here,2024-01-01\n", "text/csv"),
    ]).run()
    next(b for b in app.button if b.label == "Add to the workspace").click().run()
    errors = [e.value.replace("\\", "") for e in app.error]  # as the page reads: no Markdown escapes
    assert len(errors) == 2
    assert errors[0].startswith("empty.txt: ") and errors[1].startswith("titles.csv: ")
    assert all(e.count(". ") == 0 and e.endswith(".") for e in errors)  # one sentence each
    added = {row[0] for row in table_rows(app)}
    assert "Montevideo" in added and any(name.startswith("Reykjav") for name in added)
    assert "7 of 7 articles" in shown_counts(app)


def test_the_minimum_confidence_keeps_only_the_surer_places(app):
    app.run()
    everything = shown_counts(app)
    app.slider(key="f_conf").set_value(0.8).run()
    assert shown_counts(app) != everything
    names = {row[0] for row in table_rows(app)}
    assert "Kazakhstan" in names and "Aktau" not in names
    assert f"{len(names)} places" in shown_counts(app)


def test_a_date_range_keeps_the_articles_of_those_days(week_app):
    week_app.run()
    assert shown_counts(week_app).startswith("7 of 7 articles")
    # AppTest cannot drag across a chart: check the timeline offers the drag, whose dates set f_dates too.
    timeline = week_app.get("vega_lite_chart")[0].proto
    assert timeline.id.endswith("-timeline") and list(timeline.selection_mode) == ["dates"]
    week_app.date_input(key="f_dates").set_value((date(2022, 3, 2), date(2022, 3, 4))).run()
    assert shown_counts(week_app) == "3 of 7 articles · 2 places · 6 mentions"
