"""`geocode` answers German exonyms, historic names, transliterations, regions, waters and mountains."""

import pytest

from geo.gazetteer.geocoders import OfflineGeocoder


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return OfflineGeocoder(gazetteer)


@pytest.mark.parametrize(
    "query, name, country, feature",
    [
        # exonyms
        ("Lüttich", "Liège", "BE", "city"),
        ("Pilsen", "Pilsen", "CZ", "city"),
        ("Kischinau", "Chisinau", "MD", "city"),
        ("Wilna", "Vilnius", "LT", "city"),
        ("Pressburg", "Bratislava", "SK", "city"),
        # historic names
        ("Leningrad", "Saint Petersburg", "RU", "city"),
        ("Stalingrad", "Volgograd", "RU", "city"),
        ("Frunse", "Bishkek", "KG", "city"),
        ("Gurjew", "Atyrau", "KZ", "city"),
        ("Agram", "Zagreb", "HR", "city"),
        # transliteration variants
        ("Kökschetau", "Kokshetau", "KZ", "city"),
        ("Kokchetav", "Kokshetau", "KZ", "city"),
        ("Petropawl", "Petropavl", "KZ", "city"),
        ("Schesqasghan", "Zhezqazghan", "KZ", "city"),
        ("Ekibastus", "Ekibastuz", "KZ", "city"),
        # first-level regions
        ("Sachsen", "Sachsen", "DE", "region"),
        ("Niedersachsen", "Niedersachsen", "DE", "region"),
        ("Tirol", "Tirol", "AT", "region"),
        ("Katalonien", "Catalunya", "ES", "region"),
        ("Gebiet Karaganda", "Qaraghandy oblysy", "KZ", "region"),
        # water bodies and landforms
        ("Genfersee", "Lake Geneva", "", "water"),
        ("Ladogasee", "Lake Ladoga", "RU", "water"),
        ("Irtysch", "Irtysh", "", "water"),
        ("Dardanellen", "Dardanelles", "TR", "water"),
        ("Pamir", "Pamir", "", "region"),
        ("Tian Shan", "Tian Shan", "", "region"),
        ("Altai", "Altai Mountains", "", "region"),
        # English names
        ("Munich", "Munich", "DE", "city"),
        ("Lower Saxony", "Niedersachsen", "DE", "region"),
    ],
)
def test_geocode_answers_names_of_the_world(geocoder, query, name, country, feature):
    raw = geocoder.geocode(query).raw
    assert (raw["name"], raw["country_code"] or "", raw["feature"]) == (name, country, feature)


def test_a_city_wins_over_the_province_named_after_it(geocoder):
    assert geocoder.geocode("Karaganda").raw["feature"] == "city"
    assert geocoder.geocode("Gebiet Karaganda").raw["feature"] == "region"
