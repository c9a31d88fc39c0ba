"""English recognition: casing, people, streets, organisations, demonyms, abbreviations."""

import pytest

from geo.recognition.toponyms import recognize_toponyms


def found(doc, gazetteer, text, **options):
    return [m.text for m in recognize_toponyms(doc(text), gazetteer, language="en", **options)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Protesters gathered in Almaty and Astana on Wednesday.", ["Almaty", "Astana"]),
        ("The suspect was arrested in Lawrence, Kan., on Friday.", ["Lawrence", "Kan."]),
        ("Troops from the U.S. and Russia arrived.", ["U.S.", "Russia"]),
        ("CHARLESTON, W.Va. - A fire broke out downtown.", ["CHARLESTON", "W.Va."]),
        ("Officials in St. Louis and Rapides Parish met.", ["St. Louis", "Rapides Parish"]),
        ("Britain's government and the UK parliament disagree.", ["Britain's", "UK"]),
        ("Talks moved from Kiev to Peking.", ["Kiev", "Peking"]),  # a metropolis by its older names
        # Written about so often that their names are as frequent as words, but no words:
        ("Vandals targeted cars in Oxford.", ["Oxford"]),
        ("The Russia-Ukraine war reached the Israel-Lebanon border.", ["Russia", "Ukraine", "Israel", "Lebanon"]),
        ("A Columbia woman was sentenced; her sister moved to Cambridge.", ["Columbia", "Cambridge"]),
        # Towns named like a first name or a word, placed by the words before them:
        ("The crash happened near Brandon on Tuesday.", ["Brandon"]),
        ("The barn burned two miles southwest of Clinton overnight.", ["Clinton"]),
        ("A festival is planned in Clinton next week.", ["Clinton"]),
        ("Workers at the plant in Toyota went on strike.", ["Toyota"]),  # a car's name, and a city's
        ("Jackson's mayor met the governor.", ["Jackson's"]),  # a city too big to be a surname here
        # Regions whose only names in GeoNames carry accents (Haryāna, Tamil Nādu):
        ("Farmers in Haryana and Tamil Nadu blocked highways.", ["Haryana", "Tamil Nadu"]),
    ],
)
def test_finds_places(doc, gazetteer, text, expected):
    assert found(doc, gazetteer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Michael Moore said the film was finished.",  # a first name and a surname, both towns
        "Gov. Jackson signed the bill.",  # a title before a surname
        "Chiquita Raquel Henry, 19, was arrested.",  # a person's full name
        "The fire started at 6016 Dublin Road.",  # a street, not the city
        "Police said the man was not hurt.",  # a common word opening a sentence
        "Reading the report, she smiled.",  # a town named like a word, which it is here
        "He took a bath in Orange juice.",  # and a capitalised one
        "Mr. Parker said the vote was close.",  # a surname, also a town
        "Brandon said the team would win.",  # a first name, also a town
        "Judge Thomas B. Hoover ruled on Friday. Hoover said the case was closed.",  # after an initial, a surname
        "A 2005 Honda collided with a Dodge Caravan. The Toyota failed to yield.",  # makes of cars
        "Investigators found Barton's car near the base.",  # a surname in the genitive
        "Michael E. Berland and Milton J. Little spoke.",  # names before an initial
        "Clinton spoke about taxes.",  # a person named like towns
        "Ahmed Abdel-Hamid and Jean-Pierre spoke.",  # hyphenated names of people, whose pieces are towns
        "Hamas leaders met on Sunday.",  # another language's name for Hamm
        "Ahmad told reporters he would stay.",  # a first name, and another name of Al Ahmadi
        "The PA system failed.",  # an unknown abbreviation
        "A car crashed on Hickory Ridge Road near the school.",  # a road named after a town, words between
        "Fans filled St George's Field.",  # a ground
        "The Texas Tribune and the Boston Globe covered the race.",  # newspapers, and no town of Tribune
    ],
)
def test_ignores_people_streets_and_words(doc, gazetteer, text):
    assert found(doc, gazetteer, text) == []


def test_surnames_stay_people_for_the_whole_document(doc, gazetteer):
    text = "Michael Moore arrived late. Moore said he was in Chicago."
    assert found(doc, gazetteer, text) == ["Chicago"]


def test_places_inside_organisation_names_are_an_option(doc, gazetteer):
    text = "The University of Kansas and the Alexandria Police Department agreed."
    assert found(doc, gazetteer, text) == []
    assert found(doc, gazetteer, text, include_organisations=True) == ["Kansas", "Alexandria"]


def test_places_inside_newspaper_and_agency_names_are_organisations(doc, gazetteer):
    text = "The Kyiv Independent cited the US Geological Survey."
    assert found(doc, gazetteer, text) == []
    assert found(doc, gazetteer, text, include_organisations=True) == ["Kyiv", "US"]


def test_a_court_or_a_park_stands_in_its_place(doc, gazetteer):
    assert found(doc, gazetteer, "He was due in Bridgeport Superior Court.") == ["Bridgeport"]
    assert found(doc, gazetteer, "Hikers filled Utah's parks.") == ["Utah's"]


def test_demonyms_are_an_option(doc, gazetteer):
    text = "Iraqi officials met Israeli diplomats in Amman."
    assert found(doc, gazetteer, text) == ["Amman"]
    mentions = recognize_toponyms(doc(text), gazetteer, language="en", include_adjectives=True)
    assert [(m.text, m.country_code) for m in mentions] == [("Iraqi", "IQ"), ("Israeli", "IL"), ("Amman", None)]
