"""English language data for place recognition.

English capitalises names only, so a capitalised word sequence the gazetteer
knows is a place unless the words around it say otherwise: a title or a first
name before it ("Gov. Jackson", "Chiquita Raquel Henry"), a street word after
it ("Dublin Road"), or a common word at the start of a sentence ("Reading").
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

CODE = "en"
CAPITALISES_NOUNS = False
# English text uses GeoNames' own spellings; a loose match would turn words
# into places ("War" into Var).
SPELLING_VARIANTS = False

# Capitalised words that are place names somewhere but function words,
# months or days in English prose.
STOP_WORDS: frozenset[str] = frozenset(
    """
    The A An In On At Of For From To By With And But Or If As So No Yes We He She It They I You
    This That These Those There Here Then When While After Before Over Under About Into Also
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Mr Mrs Ms Dr St Mt Sen Gov Rep Lt Sgt Col Gen
    Police Sheriff Court Church School University College Hospital Center Centre Department Office
    County City Town Village State Street Road Avenue Park Lake River Mount North South East West
    Central Western Eastern Northern Southern Christmas Easter God Lord Union Republic Nation
    Many Most More Some All Both Each Every Other Such Only Just Even Still However Meanwhile
    Fire Army Navy Bank Home Hall Island Beach Hill Valley Airport Station
    """.split()
)

# Words that announce a place name right after them: "the city of Victoria".
PLACE_TRIGGERS: frozenset[str] = frozenset("in near from at outside downtown of".split())
# Words right before a name that place it, whatever else the name could be: "near Brandon", "outside
# Clinton"; and the words before "of" that do: "southwest of Brandon", "the town of Hope".
PLACE_CUES: frozenset[str] = frozenset("near outside".split())
# People are not found "in" anything, words are ("in Orange juice"): after "in", a first name is a town.
FIRST_NAME_PLACE_CUES: frozenset[str] = PLACE_CUES | {"in"}
DIRECTIONS: frozenset[str] = frozenset(
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west".split()
)
PLACE_CUES_OF: frozenset[str] = DIRECTIONS | frozenset(
    "outskirts suburbs city town village township hamlet borough mayor residents".split()
)
# A distance and a direction before a name point at a town, not a country or a state: "2 miles east of
# Palestine" is Palestine, Texas.
DISTANCE_UNITS: frozenset[str] = frozenset("mile miles km kilometer kilometers kilometre kilometres".split())
DIRECTION_OF = "of"
# Words after a name that only a town's name stands before: "Lebanon police", "the Paris mayor", "the
# Jordan City Council" (but "a Texas man", "Indiana residents" are a state's).
TOWN_HEADS: tuple[tuple[str, ...], ...] = (("police",), ("PD",), ("mayor",), ("City", "Council"))
WATER_CUES: tuple[tuple[str, ...], ...] = ()  # English needs none: no tagger overrules its names

# Words before a name ("the state of Georgia", "the city of Victoria") that
# say what kind of place it is; "of" may stand between.
FEATURE_TRIGGERS: dict[str, str] = {
    "city": "city", "town": "city", "village": "city", "state": "region", "province": "region",
    "region": "region", "county": "region", "river": "water", "lake": "water",
}

# Titles and roles before a person's name: "Gov. Jackson", "Coach Austin".
PERSON_TITLES: frozenset[str] = frozenset(
    """
    Mr Mrs Ms Miss Dr Prof Sen Senator Gov Governor Rep Representative President Judge Justice
    Officer Deputy Sheriff Sgt Sergeant Lt Lieutenant Capt Captain Col Colonel Gen General Coach
    Mayor Chief Detective Trooper Pastor Rev Reverend Father Sister Brother Saint Pope King Queen
    Prince Princess Lady Sir Attorney Commissioner Councilman Councilwoman Secretary Minister
    """.split()
)

# Makes of cars named like towns ("a 2005 Honda", "the Toyota failed to yield", "Dodge Caravan"): after a
# year or an article, or before a capitalised model name, the car.
VEHICLE_MAKES: frozenset[str] = frozenset(
    """
    Acura Audi Buick Cadillac Chevrolet Chevy Chrysler Dodge Ford Honda Hyundai Infiniti Jeep Kia Lexus
    Lincoln Mazda Mercedes Mercury Mitsubishi Nissan Oldsmobile Plymouth Pontiac Saturn Subaru Toyota
    Volkswagen Volvo
    """.split()
)

# Words after a name that make it a street or a building, not the town.
STREET_HEADS: frozenset[str] = frozenset(
    """
    Street St Road Rd Avenue Ave Drive Dr Boulevard Blvd Lane Ln Way Place Pl Court Ct Circle
    Highway Hwy Pike Parkway Pkwy Trail Terrace Square Bridge Building Tower Mall Hotel Stadium Arena Gate
    """.split()
)
# Words after a name that make it a river or a lake: "the Mississippi River" is the river, where the
# gazetteer has one of the name.
WATER_HEADS: tuple[tuple[str, ...], ...] = (("River",), ("Creek",), ("Bayou",), ("Lake",))

# Words after a place name that make it part of an organisation's name
# ("Alexandria Police"); with "of" before it: "University of Kansas".
ORGANISATION_HEADS: frozenset[str] = frozenset(
    """
    Police Department Sheriff Sheriff's Sheriff’s Fire University College School Schools Hospital
    Church Court Council Company Corp Corporation Inc Bank Times Post Journal Herald News Tribune
    Gazette Chamber Board Commission Authority Club Association Society Institute Museum Library
    Symphony Orchestra Theatre Theater Zoo Airport Rangers Chiefs Giants Braves Jail Prison
    """.split()
)
# The last word of a longer name that starts with a place name but is not in that place: a road named
# after a town ("Hickory Ridge Road", "Memphis Street"), a newspaper or an agency ("Kyiv Independent",
# "US Geological Survey").  Courts, parks and halls are left out: "Bantam Superior Court" sits in Bantam.
ROAD_HEADS: frozenset[str] = frozenset(
    """
    Street St Road Rd Avenue Ave Drive Dr Boulevard Blvd Lane Ln Way Highway Hwy Pike Parkway Pkwy Trail
    Terrace Field Crescent Close
    """.split()
)
MEDIA_HEADS: frozenset[str] = frozenset(
    """
    Times Post Journal Herald News Tribune Gazette Independent Globe Telegraph Guardian Observer Standard
    Express Mirror Chronicle Inquirer Courier Review Survey Agency Bureau
    """.split()
)
ORGANISATION_OF: frozenset[str] = frozenset(
    "University College Bank Church Republic Kingdom Duke Archdiocese Diocese Port Mayor Governor Times Voice".split()
)
# Words that open an organisation's name ending in a place: a broadcaster, an airline, a club, a
# university ("Radio Free Europe", "Air China", "FC Barcelona", "ETH Zurich").
ORGANISATION_OPENERS: frozenset[str] = frozenset("Radio Air FC AFC AC Inter Real Atletico Atlético ETH EPFL".split())

# Abbreviations that name a place, with the name they stand for; AP style
# writes states this way after a town ("Lawrence, Kan.").
ABBREVIATIONS: dict[str, str] = {
    "U.S.": "United States", "U.S.A.": "United States", "US": "United States", "USA": "United States",
    "U.K.": "United Kingdom", "UK": "United Kingdom", "D.C.": "District of Columbia",
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}

# Compass prefixes written with a hyphen: "South-West" is not used in English
# the way "Ost-Ukraine" is in German, but "Northern Ireland" is a name itself.
COMPASS_PREFIXES: tuple[str, ...] = ()
AREA_HEADS: tuple[str, ...] = ()
CITY_SUFFIXES: tuple[str, ...] = ()  # "Gaza City" is a name of its own
# English joins two places with a hyphen ("the Russia-Ukraine war", "Logan-Rogersville schools"), so each
# piece may be a place; German joins a place and a noun ("Kasachstan-Einsatz"), so only the first.
HYPHEN_JOINS_PLACES = True
# Words that open a person's hyphenated name, whose other pieces are names too ("Abdel-Hamid").
NAME_PARTICLES: frozenset[str] = frozenset("Abd Abdel Abdul Abdal Abu Al El Ben Bin Ibn Ould Ul".split())
GENITIVE_ENDINGS: tuple[str, ...] = ("'s", "’s")
ADJECTIVE_ENDINGS: tuple[str, ...] = ("s",)

# English names of countries that CLDR and ISO 3166 spell otherwise.
COUNTRY_VARIANTS: dict[str, str] = {
    "Britain": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB", "Wales": "GB",
    "America": "US", "United States of America": "US", "Holland": "NL", "Burma": "MM",
    "Ivory Coast": "CI", "Czech Republic": "CZ", "South Korea": "KR", "North Korea": "KP",
    "Russia": "RU", "Iran": "IR", "Syria": "SY", "Vietnam": "VN", "Laos": "LA", "Moldova": "MD",
    "Macedonia": "MK", "Vatican": "VA", "Palestine": "PS", "Taiwan": "TW", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ", "Congo": "CD",
}

# Demonyms and country adjectives (singular; a plural "s" is stripped),
# mapped to ISO 3166 alpha-2.  Used only when demonyms are asked for.
COUNTRY_ADJECTIVES: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT",
    "azerbaijani": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG",
    "burmese": "MM", "cambodian": "KH", "cameroonian": "CM", "canadian": "CA", "chilean": "CL",
    "chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU",
    "cypriot": "CY", "czech": "CZ", "danish": "DK", "dutch": "NL", "ecuadorian": "EC",
    "egyptian": "EG", "english": "GB", "eritrean": "ER", "estonian": "EE", "ethiopian": "ET",
    "filipino": "PH", "finnish": "FI", "french": "FR", "georgian": "GE", "german": "DE",
    "ghanaian": "GH", "greek": "GR", "guatemalan": "GT", "haitian": "HT", "honduran": "HN",
    "hungarian": "HU", "icelandic": "IS", "indian": "IN", "indonesian": "ID", "iranian": "IR",
    "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT", "jamaican": "JM",
    "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kazakhstani": "KZ", "kenyan": "KE",
    "korean": "KR", "kosovar": "XK", "kuwaiti": "KW", "kyrgyz": "KG", "latvian": "LV",
    "lebanese": "LB", "liberian": "LR", "libyan": "LY", "lithuanian": "LT", "malaysian": "MY",
    "malian": "ML", "maltese": "MT", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "moroccan": "MA", "mozambican": "MZ", "namibian": "NA", "nepalese": "NP", "nicaraguan": "NI",
    "nigerian": "NG", "norwegian": "NO", "pakistani": "PK", "palestinian": "PS", "panamanian": "PA",
    "paraguayan": "PY", "peruvian": "PE", "polish": "PL", "portuguese": "PT", "qatari": "QA",
    "romanian": "RO", "russian": "RU", "rwandan": "RW", "saudi": "SA", "scottish": "GB",
    "senegalese": "SN", "serbian": "RS", "singaporean": "SG", "slovak": "SK", "slovenian": "SI",
    "somali": "SO", "sudanese": "SD", "swedish": "SE", "swiss": "CH", "syrian": "SY",
    "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH", "tunisian": "TN",
    "turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA", "uruguayan": "UY",
    "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "welsh": "GB", "yemeni": "YE",
    "zambian": "ZM", "zimbabwean": "ZW",
}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common US first names (US Census 1990, shipped by the ``names`` package), title-cased.

    Only names given to at least 1 in 50,000 people: rarer ones are mostly
    place names that are also names ("Alexandria", "Florence").
    """
    found = set()
    for file in ("dist.male.first", "dist.female.first"):
        for line in (resources.files("names") / file).read_text(encoding="ascii").splitlines():
            name, frequency, *_ = line.split()
            if float(frequency) >= _FIRST_NAME_MIN_PERCENT and len(name) > 2:
                found.add(name.title())
    return frozenset(found - STOP_WORDS)


_FIRST_NAME_MIN_PERCENT = 0.002


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common US surnames (US Census 1990, ``names``), title-cased: the 2,700 borne by 1 in 20,000."""
    found = set()
    for line in (resources.files("names") / "dist.all.last").read_text(encoding="ascii").splitlines():
        name, frequency, *_ = line.split()
        if float(frequency) >= _SURNAME_MIN_PERCENT:
            found.add(name.title())
    return frozenset(found - STOP_WORDS)


_SURNAME_MIN_PERCENT = 0.005


@lru_cache(maxsize=1)
def proper_nouns_only() -> frozenset[str]:
    """Lower-cased words that HanTa's English lexicon (tagged from the British National Corpus, in
    HanTa's wheel) knows as proper nouns alone: names of places and people ("oxford", "clinton"), not
    words that are names too ("hope", "orange")."""
    from HanTa import HanoverTagger

    lexicon = HanoverTagger.HanoverTagger("morphmodel_en.pgz")
    proper = lexicon.tag2int["NP0"]
    return frozenset(word for word, tags in lexicon.cache.items() if tags and all(tag == proper for tag, _ in tags))


@lru_cache(maxsize=1)
def names_only() -> frozenset[str]:
    """Lower-cased words that English uses only as names of places: :func:`proper_nouns_only` less
    surnames.  Word frequencies do not tell case apart, so a place written about often ("Oxford")
    looks as frequent as a word ("Reading", "Bath"); this list tells them apart."""
    return proper_nouns_only() - {name.lower() for name in surnames()}
