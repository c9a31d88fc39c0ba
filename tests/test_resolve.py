import pytest

from geo.evaluation.scores import haversine_km
from geo.pipeline import extract_places


def resolve(doc, gazetteer, text):
    return {r.mention.text: r for r in extract_places([doc(text)], gazetteer)}


def test_a_name_that_is_a_country_is_the_country(doc, gazetteer):
    place = resolve(doc, gazetteer, "Russland greift in Georgien ein.")["Georgien"].place
    assert (place.feature, place.country_code) == ("country", "GE")


def test_renamed_place_resolves_to_todays_place_and_keeps_the_text(doc, gazetteer):
    resolved = resolve(doc, gazetteer, "Regierungsgebäude in der Hauptstadt Nur-Sultan.")["Nur-Sultan"]
    assert resolved.place.name == "Astana"
    assert resolved.mention.text == "Nur-Sultan"
    assert haversine_km(resolved.place.lat, resolved.place.lon, 51.1801, 71.44598) < 30


@pytest.mark.parametrize("name", ["Leningrad", "Öskemen", "Alma-Ata"])
def test_historic_and_local_names(doc, gazetteer, name):
    expected = {"Leningrad": "Saint Petersburg", "Öskemen": "Ust-Kamenogorsk", "Alma-Ata": "Almaty"}[name]
    assert resolve(doc, gazetteer, f"Sie lebten in {name}.")[name].place.name == expected


def test_context_picks_aktau_on_the_caspian(doc, gazetteer):
    resolved = resolve(doc, gazetteer, "In Kasachstan ist die Polizei in Aktau übergelaufen.")["Aktau"]
    assert resolved.place.country_code == "KZ"
    assert haversine_km(resolved.place.lat, resolved.place.lon, 43.66105, 51.17392) < 30
    assert 1 < len(resolved.candidates) <= 5
    assert resolved.candidates[0].place == resolved.place
    assert 0 < resolved.score < 1  # the probability that it is right (geo/resolution/calibration.py)
    assert sum(c.score for c in resolved.candidates) == pytest.approx(1, abs=0.01)


def test_small_foreign_village_named_like_a_word_is_dropped(doc, gazetteer):
    assert "Tass" not in resolve(doc, gazetteer, "Das Bild der Staatsagentur Tass zeigt Soldaten in Kasachstan.")


def test_neighbours_are_counted_near_and_across_a_strait(gazetteer):
    from geo.resolution.resolve import document_neighbours

    names = {name: gazetteer.candidates(name, spellings=False) for name in ("Dover", "Calais", "Folkestone")}
    neighbours = document_neighbours(names)
    calais = next(p for p, _ in names["Calais"] if p.country_code == "FR")
    folkestone = next(p for p, _ in names["Folkestone"] if p.country_code == "GB")
    assert neighbours["Calais"][calais.id] == (0, 2)  # Dover and Folkestone, 40 km over the water
    assert neighbours["Folkestone"][folkestone.id][0] == 1  # Dover, 10 km along the coast
