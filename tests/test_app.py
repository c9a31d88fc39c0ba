"""The Streamlit app, headless, with streamlit.testing."""

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

SEED_PLACES = {"Almaty", "Astana", "Taldykorgan", "Aktau", "Ust-Kamenogorsk", "Baikonur", "Kazakhstan", "Russia", "Caspian Sea"}


@pytest.fixture
def app(gazetteer, monkeypatch):
    monkeypatch.chdir(ROOT)
    config.set_option("server.enableStaticServing", True)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    return app


def test_app_runs_and_lists_the_seed_places(app):
    app.run()
    assert not app.exception
    assert not app.error
    names = set(app.dataframe[0].value["name"])
    assert SEED_PLACES <= names


def test_shared_link_opens_a_place(app):
    app.query_params["place"] = "geonames:1526384"
    app.run()
    assert not app.exception
    assert any(h.value == "Almaty" for h in app.subheader)
    assert any("<mark>Almaty</mark>" in m.value for m in app.markdown)
