"""Ambiguous names resolve by the document's countries and regions, population and feature type."""

import pytest

from geo.pipeline import extract_places


def resolved(doc, gazetteer, text, language):
    return {r.mention.text: r.place for r in extract_places([doc(text)], gazetteer, language=language)}


@pytest.mark.parametrize(
    "language, text, name, country, admin1",
    [
        ("de", "Die Polizei in Alexandria, Virginia, ermittelt.", "Alexandria", "US", "US.VA"),
        ("de", "In Alexandria in Ägypten protestierten Tausende. Kairo schweigt.", "Alexandria", "EG", None),
        ("de", "Valencia ist die drittgrößte Stadt Spaniens.", "Valencia", "ES", None),
        ("de", "In Valencia im Norden Venezuelas kam es zu Protesten.", "Valencia", "VE", None),
        ("de", "Córdoba in Argentinien ist eine Universitätsstadt.", "Córdoba", "AR", None),
        ("de", "Córdoba in Andalusien hat eine berühmte Moschee.", "Córdoba", "ES", None),
        ("de", "In Santiago, der Hauptstadt Chiles, demonstrierten Studenten.", "Santiago", "CL", None),
        ("de", "In Tripolis in Libyen wurde gekämpft.", "Tripolis", "LY", None),
        ("de", "In Tripolis im Libanon wurde gekämpft. Beirut meldet Tote.", "Tripolis", "LB", None),
        ("en", "Springfield, Illinois, is the state capital. Chicago is larger.", "Springfield", "US", "US.IL"),
        ("en", "Springfield, Massachusetts, lies near Boston.", "Springfield", "US", "US.MA"),
        ("en", "Victoria is the capital of British Columbia, Canada.", "Victoria", "CA", None),
        ("en", "Melbourne is the capital of Victoria in Australia.", "Victoria", "AU", None),
        ("de", "Die Hafenstadt Aktau am Kaspischen Meer ist besetzt.", "Aktau", "KZ", "KZ.09"),
        ("de", "Im Gebiet Karaganda liegt die Kleinstadt Aktau bei Temirtau.", "Aktau", "KZ", "KZ.12"),
    ],
)
def test_context_decides(doc, gazetteer, language, text, name, country, admin1):
    place = resolved(doc, gazetteer, text, language)[name]
    assert place.country_code == country
    if admin1:
        assert place.admin1 == admin1


# A local paper names a town with the towns and the county around it, and seldom its state: each name
# below exists in many places, only in one are they all side by side.
@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "Flooding closed roads in Paris and Lamar County, and Reno residents were evacuated.",
         {"Paris": "US.TX", "Reno": "US.TX"}),
        ("en", "The river rose in Athens, Nelsonville and Logan, and the Hocking flooded farms.",
         {"Athens": "US.OH", "Logan": "US.OH"}),
        ("en", "Deputies from Douglas County searched the lake between Alexandria and Brandon on Tuesday.",
         {"Douglas County": "US.MN", "Alexandria": "US.MN"}),
        ("en", "Crews in London, St. Thomas and Woodstock cleared snow all night.", {"London": "CA.08"}),
        ("de", "Auf der Brücke zwischen Frankfurt und Słubice staute sich der Verkehr.", {"Frankfurt": "DE.11"}),
        ("de", "Die Feuerwehren aus Neustadt, Coburg und Sonneberg löschten den Brand.", {"Neustadt": "DE.02"}),
    ],
)
def test_neighbouring_names_decide(doc, gazetteer, language, text, expected):
    found = resolved(doc, gazetteer, text, language)
    assert {name: found[name].admin1 for name in expected} == expected


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("A Paris museum lent paintings to Atlanta and Savannah.", "Paris", "FR"),
        ("Crews in London, St. Thomas and Woodstock cleared snow all night.", "London", "CA"),
        ("Die Demonstranten zogen von Paris nach Versailles.", "Paris", "FR"),
    ],
)
def test_a_famous_place_stands_when_the_other_names_are_far(doc, gazetteer, text, name, country):
    language = "de" if "Demonstranten" in text else "en"
    assert resolved(doc, gazetteer, text, language)[name].country_code == country


@pytest.mark.parametrize(
    "language, text, name, admin1",
    [
        ("en", "The fire started 3 miles east of Palestine. Palestine firefighters came.", "Palestine", "US.TX"),
        ("de", "Der Unfall geschah 30 Kilometer südlich von Luxemburg.", "Luxemburg", "LU.LU"),
        ("en", "Lebanon police arrested a man on Tuesday.", "Lebanon", "US.TN"),  # a country has no police of its name
        ("en", "Paris police cleared the square.", "Paris", "FR.11"),
    ],
)
def test_the_words_around_a_name_point_at_a_town(doc, gazetteer, language, text, name, admin1):
    everywhere = [r.place for r in extract_places([doc(text)], gazetteer, language=language) if r.mention.text == name]
    assert everywhere and all((p.feature, p.admin1) == ("city", admin1) for p in everywhere)


def test_a_us_state_named_like_a_country(doc, gazetteer):
    state = resolved(doc, gazetteer, "Atlanta is the capital of Georgia. Savannah is on the coast.", "en")["Georgia"]
    assert (state.feature, state.country_code) == ("region", "US")
    country = resolved(doc, gazetteer, "Georgien grenzt an Russland. Tiflis ist die Hauptstadt.", "de")["Georgien"]
    assert (country.feature, country.country_code) == ("country", "GE")


def test_each_mention_keeps_its_top_five_candidates(doc, gazetteer):
    (mention,) = extract_places([doc("Springfield is quiet.")], gazetteer, language="en")
    assert len(mention.candidates) == 5
    assert mention.candidates[0].place == mention.place
    assert [c.score for c in mention.candidates] == sorted((c.score for c in mention.candidates), reverse=True)
