import pytest

from geo.recognition.toponyms import recognize_toponyms


def found(doc, gazetteer, text, **options):
    return [m.text for m in recognize_toponyms(doc(text), gazetteer, **options)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Der Einfluss Kasachstans wächst.", ["Kasachstans"]),
        ("Die Rolle Russlands und Moskaus ist groß.", ["Russlands", "Moskaus"]),
        ("Der Hafen von Aktau am Kaspischen Meer ist besetzt.", ["Aktau", "Kaspischen Meer"]),
        ("Die Uranmine in der Stadt Öskemen (Ust-Kamenogorsk) ist bewacht.", ["Öskemen", "Ust-Kamenogorsk"]),
        ("Gebäude in der Hauptstadt Nur-Sultan ebensowie Flughäfen.", ["Nur-Sultan"]),
        ("Russland baut seine Position in der Schwarzmeerregion aus.", ["Russland", "Schwarzmeerregion"]),
        ("Soldaten aus Kirgistan und Kirgisistan kamen.", ["Kirgistan", "Kirgisistan"]),
        ("Der Konflikt um die Ost-Ukraine eskaliert.", ["Ost-Ukraine"]),
        ("Die Stadt Taldykorgan wird von Aufständischen kontrolliert.", ["Taldykorgan"]),
        ("Almaty/Moskau – Der Staatschef musste nur rufen.", ["Almaty", "Moskau"]),
        ("Proteste gab es auch in Kökschetau, Schesqasghan und Ekibastus.", ["Kökschetau", "Schesqasghan", "Ekibastus"]),
        ("Die Reise führte über Pressburg nach Kischinau.", ["Pressburg", "Kischinau"]),
        ("Die Wahl in Sachsen war knapp.", ["Sachsen"]),
        ("Der Zug fuhr von Lüttich über Pilsen nach Wilna.", ["Lüttich", "Pilsen", "Wilna"]),
        ("In Essen und Halle wurde gestreikt.", ["Essen", "Halle"]),
    ],
)
def test_finds_inflected_and_embedded_places(doc, gazetteer, text, expected):
    assert found(doc, gazetteer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Die Lage in der Stadt ist ruhig.",
        "Mehr als tausend Menschen wurden verletzt.",
        "Nach dem Ende der Kämpfe kam der Sieg.",
        "Das Bild zeigt Soldaten.",
        "Der Zug fuhr pünktlich ab.",  # a canton's name used as the everyday noun
        "Nach dem Essen gingen wir in die Halle.",  # towns named like nouns, used as nouns
        "Die Präsidenten Tokajew und Putin erklären den Sieg.",
        "Der Ex-Präsident Nursultan Nasarbajew trat zurück.",
        "Das war ein Relikt des Warschauer Paktes.",
        "Das Militärbündnis ODKB griff ein, meldet die Deutsche Presse-Agentur.",
        "Der Politologe Marat Schibutow sieht das anders.",
        "Der Minister Wladimir Putin sprach mit Maria Sacharowa.",
    ],
)
def test_common_nouns_people_and_organisations_are_not_places(doc, gazetteer, text):
    assert found(doc, gazetteer, text) == []


def test_adjectives_only_on_request(doc, gazetteer):
    text = "Russische Soldaten landeten in der kasachischen Stadt Almaty."
    assert found(doc, gazetteer, text) == ["Almaty"]
    mentions = recognize_toponyms(doc(text), gazetteer, include_adjectives=True)
    assert [(m.text, m.country_code) for m in mentions] == [("Russische", "RU"), ("kasachischen", "KZ"), ("Almaty", None)]


def test_offsets_index_the_text_as_read(doc, gazetteer):
    document = doc(" date 2022-01 Truppen landeten in Almaty, Kasachstans größter Stadt.")
    for mention in recognize_toponyms(document, gazetteer):
        assert document.text[mention.start:mention.end] == mention.text


def test_unsupported_language_keeps_only_unmistakable_names(doc, gazetteer):
    text = "Les manifestants à Almaty et à Paris ont vu la Police partout."
    assert found(doc, gazetteer, text, language="fr") == ["Almaty", "Paris"]
