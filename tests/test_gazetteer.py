import pytest

from geo.gazetteer.index import Gazetteer, GazetteerError, name_key
from geo.gazetteer.sources import german_forms, is_latin_name, read_supplement


def test_missing_index_says_how_to_build_it(tmp_path):
    with pytest.raises(GazetteerError, match="python -m geo build"):
        Gazetteer.load(tmp_path / "none.sqlite")


def test_name_key_folds_case_space_and_apostrophes():
    assert name_key("Ust’-Kamenogorsk") == name_key("ust'-kamenogorsk")
    assert name_key("Kaspisches  Meer") == "kaspisches meer"


@pytest.mark.parametrize("name, latin", [("Almaty", True), ("Öskemen", True), ("ALA", False), ("almaty", False), ("Алматы", False)])
def test_latin_names(name, latin):
    assert is_latin_name(name) is latin


def test_german_forms_decline_adjectives():
    forms = german_forms("Kaspisches Meer")
    assert {"Kaspischen Meer", "Kaspischen Meeres", "Kaspisches Meer"} <= forms


def test_supplement_rows_have_sources():
    rows = list(read_supplement())
    places = [r for r in rows if hasattr(r, "feature")]
    assert places and all(p.source for p in places)
    assert {"Krim", "Tschetschenien", "Abchasien", "Südossetien", "Kaspisches Meer", "Schwarzes Meer"} <= {r.name for r in rows}


def test_countries_have_german_names_and_points(gazetteer):
    place, preferred = gazetteer.candidates("Kasachstan")[0]
    assert (place.feature, place.country_code, preferred) == ("country", "KZ", True)
    assert 40 < place.lat < 56 and 46 < place.lon < 88
    assert gazetteer.country("ru").name == "Russia"
