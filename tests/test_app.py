"""The Streamlit app's wiring, headless, with streamlit.testing (the browser tests click for real)."""

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

SEED_PLACES = {"Almaty", "Astana", "Taldykorgan", "Aktau", "Ust-Kamenogorsk", "Baikonur", "Kazakhstan", "Russia", "Caspian Sea"}
ALMATY = "geonames:1526384"


@pytest.fixture
def app(gazetteer, monkeypatch, tmp_path):
    """The app on a fresh workspace, which it fills with the seed articles."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GEO_WORKSPACE", str(tmp_path / "workspace.duckdb"))
    config.set_option("server.enableStaticServing", True)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    app.session_state["map_drawn"] = True  # as after the map's first report, which needs a browser
    return app


def test_a_session_starts_with_the_map_alone_and_the_rest_follows_once_it_is_drawn(gazetteer, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GEO_WORKSPACE", str(tmp_path / "workspace.duckdb"))
    config.set_option("server.enableStaticServing", True)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
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
