"""German language data for place recognition.

Readable literals only, in the spirit of ``spacy/lang/de``: the algorithms in
:mod:`geo.recognition.toponyms` take this data as a parameter, so English (``geo/lang/en``)
can plug in its own lists without touching them.
"""

from __future__ import annotations

CODE = "de"
# German capitalises every noun: a part-of-speech tagger tells names apart.
CAPITALISES_NOUNS = True
# Names reach German through transliteration: match them by spelling key.
SPELLING_VARIANTS = True

# Words that are place names somewhere (a village "Lage" in Germany, "Ende" in
# Indonesia) but are common words in German running text.  The tagger catches
# most of them in context; this list is the last word for the frequent ones.
STOP_WORDS: frozenset[str] = frozenset(
    """
    Lage Mehr Ende Sieg Bild Welt Grund Kind Zeit Sorge Hilfe Macht Ziel Land
    Rolle Reihe Dort Armee Angst Praxis Moment Zentrum Norden Süden Osten Westen
    Mitte Stadt Hauptstadt Region Staat Staaten Grenze Hafen Markt Platz Berg
    Frieden Ordnung Kraft Liste Folge Beginn Abend Morgen Montag Freitag Sinn
    Teil Teile Blick Haus Hause Anfang Anschein Fall Weg Einsatz Sicht Lande
    Laut Alle Damit Dabei Nun Doch Auch Zudem Eine Einer Einen Wie Was Wer
    Bei Nach Von Vor Aus Ab Um Im In Am An Zu Zum Zur Der Die Das Den Dem Des
    Ein Es Er Sie Wir Ich Man Mit Ohne Unter Über Gegen Seit Bis Und Oder Aber
    Wohl Allein Gerade Genau Neben Damals Bisher Insgesamt Umso Zwar Erste
    Union Republik Nation Volk Bund Reich Art Nato NATO West Ost Nord Süd
    The One Me Do Us Times Gold Pop Room Cut Wall
    """.split()
)

# Articles: a town takes none, so an everyday noun after one is the noun ("das Essen").
ARTICLES: frozenset[str] = frozenset("der die das dem den des ein eine einem einen einer eines".split())

# Nouns that announce a place name right after them: "in der Stadt Öskemen".
PLACE_TRIGGERS: frozenset[str] = frozenset(
    """
    Stadt Hauptstadt Großstadt Millionenstadt Kleinstadt Hafenstadt Metropole
    Ort Dorf Gemeinde Region Provinz Gebiet Bezirk Insel Halbinsel Fluss
    Republik Teilrepublik Oblast Kreis Landkreis Bundesland Kanton
    """.split()
)

# Titles before a person's name, words after a name that make it a street
# or an organisation: German writes these as compounds ("Dublinstraße"), so
# the lists stay short.
PERSON_TITLES: frozenset[str] = frozenset(
    """
    Herr Herrn Frau Dr Prof Präsident Präsidenten Präsidentin Ex-Präsident Staatschef Staatschefs Kanzler
    Kanzlerin Minister Ministerin Ministerpräsident Regierungschef Außenminister Verteidigungsminister
    Innenminister Bürgermeister Bürgermeisterin Gouverneur Botschafter Sprecher Sprecherin Politologe
    Politologin Experte Expertin Journalist Journalistin Autor Autorin Trainer Kollege Kollegin
    """.split()
)
STREET_HEADS: frozenset[str] = frozenset("Straße Str Allee Platz Weg Ring Damm Gasse".split())
ORGANISATION_HEADS: frozenset[str] = frozenset()
ROAD_HEADS: frozenset[str] = frozenset()
# The foreign papers German news cites keep their names: "der Kyiv Independent", "die Tampa Bay Times".
MEDIA_HEADS: frozenset[str] = frozenset(
    "Times Journal Herald Tribune Gazette Independent Globe Telegraph Guardian Observer Chronicle Inquirer".split()
)
ORGANISATION_OF: frozenset[str] = frozenset("Universität Bank".split())
# Words that open an organisation's name ending in a place: "Universität Leipzig", "SC Freiburg",
# "FC Bayern München", "Radio Free Europe", "Air China", "ETH Zürich".
ORGANISATION_OPENERS: frozenset[str] = frozenset(
    """
    Universität Uni Hochschule Fachhochschule ETH EPFL Radio Air FC SC SV SpVgg VfB VfL TSV TSG RB AC Inter
    Real Atlético Dynamo Lokomotive Spartak Schachtar Rapid Eintracht Borussia Fortuna Hertha Werder Union
    """.split()
)
ABBREVIATIONS: dict[str, str] = {}

# First names: German news names foreigners as often as Germans, and the
# tagger alone lets "Michael" or "George" through as towns.
from geo.lang.en import first_names, surnames  # noqa: E402,F401

# Words before a name that say what kind of place it is: "Gebiet Karaganda"
# is the region, not the city of that name.
# A distance and a direction before a name point at a town: "20 Kilometer nördlich von Kiew".
DISTANCE_UNITS: frozenset[str] = frozenset("Kilometer km Meilen Meter".split())
DIRECTIONS: frozenset[str] = frozenset(
    "nördlich südlich östlich westlich nordöstlich nordwestlich südöstlich südwestlich".split()
)
DIRECTION_OF = "von"
TOWN_HEADS: tuple[tuple[str, ...], ...] = ()  # German writes "die Kiewer Polizei", an adjective
WATER_HEADS: tuple[tuple[str, ...], ...] = ()  # German joins them to the name: "Rheinufer"
# Words before a river's name that leave no doubt of it, whatever a tagger makes of the name: "an der
# Isar", "am Inn".
WATER_CUES: tuple[tuple[str, ...], ...] = (("an", "der"), ("am",), ("entlang", "der"), ("an", "die"))
FEATURE_TRIGGERS: dict[str, str] = {
    "Stadt": "city", "Hauptstadt": "city", "Großstadt": "city", "Hafenstadt": "city", "Kleinstadt": "city",
    "Dorf": "city", "Ort": "city", "Gemeinde": "city",
    "Gebiet": "region", "Provinz": "region", "Region": "region", "Oblast": "region", "Bezirk": "region",
    "Bundesland": "region", "Bundesstaat": "region", "Landkreis": "region", "Kreis": "region", "Kanton": "region",
    "Fluss": "water", "See": "water", "Meer": "water",
}

# Heads of German compounds that name an area around a place:
# "Schwarzmeerregion" is the Black Sea region, "Kaukasusgebiet" the Caucasus.
AREA_HEADS: tuple[str, ...] = (
    "region",
    "gebiet",
    "küste",
    "raum",
    "ufer",
    "becken",
    "hochland",
    "tiefland",
)

# "Gaza-Stadt", "Kuwait-Stadt": the city of that name, not the territory or the country.
CITY_SUFFIXES: tuple[str, ...] = ("Stadt",)
# Hyphens join a place and a noun ("Kasachstan-Einsatz"): only the first piece may be a place.
HYPHEN_JOINS_PLACES = False
NAME_PARTICLES: frozenset[str] = frozenset()

# Compass prefixes written with a hyphen: "Ost-Ukraine" lies in Ukraine.
COMPASS_PREFIXES: tuple[str, ...] = (
    "Nord",
    "Süd",
    "Ost",
    "West",
    "Nordost",
    "Nordwest",
    "Südost",
    "Südwest",
    "Zentral",
)

# Adjective endings of German declension, longest first.
ADJECTIVE_ENDINGS: tuple[str, ...] = ("en", "em", "er", "es", "e")

# Genitive endings tried when a capitalised word is not itself a name:
# "Moskaus" -> "Moskau", "Meeres" -> "Meer".
GENITIVE_ENDINGS: tuple[str, ...] = ("es", "s")

# Adjectives of countries, by stem (without declension ending), mapped to
# ISO 3166 alpha-2.  Used only when demonyms are asked for.
COUNTRY_ADJECTIVES: dict[str, str] = {
    "afghanisch": "AF",
    "amerikanisch": "US",
    "armenisch": "AM",
    "aserbaidschanisch": "AZ",
    "belarussisch": "BY",
    "weißrussisch": "BY",
    "chinesisch": "CN",
    "deutsch": "DE",
    "französisch": "FR",
    "georgisch": "GE",
    "britisch": "GB",
    "indisch": "IN",
    "iranisch": "IR",
    "italienisch": "IT",
    "japanisch": "JP",
    "kasachisch": "KZ",
    "kirgisisch": "KG",
    "polnisch": "PL",
    "russisch": "RU",
    "syrisch": "SY",
    "tadschikisch": "TJ",
    "türkisch": "TR",
    "turkmenisch": "TM",
    "ukrainisch": "UA",
    "usbekisch": "UZ",
    "österreichisch": "AT",
    "schweizerisch": "CH",
    "spanisch": "ES",
    "mongolisch": "MN",
}

# German names the CLDR and GeoNames lists miss or spell otherwise, mapped to
# an ISO 3166 alpha-2 code.  Variants journalists actually write.
COUNTRY_VARIANTS: dict[str, str] = {
    "Kirgistan": "KG",
    "Kirgisien": "KG",
    "Weißrussland": "BY",
    "Weissrussland": "BY",
    "USA": "US",
    "US": "US",
    "Vereinigten Staaten": "US",
    "Amerika": "US",
    "Grossbritannien": "GB",
    "Großbritannien": "GB",
    "England": "GB",
    "Holland": "NL",
    "Tschechien": "CZ",
    "Moldawien": "MD",
    "Elfenbeinküste": "CI",
    "Burma": "MM",
    "Birma": "MM",
    "Kongo": "CD",
    "Aserbeidschan": "AZ",
    "Usbekistan": "UZ",
    "Turkmenistan": "TM",
    "Tadschikistan": "TJ",
    "Kasachstan": "KZ",
    "Türkei": "TR",
    "Schweiz": "CH",
    "Vatikan": "VA",
}
