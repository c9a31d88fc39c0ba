import pytest

from geo.recognition.languages import detect_language, language_rules


@pytest.mark.parametrize(
    "text, code",
    [
        ("Die Proteste in Kasachstan weiten sich auf weitere Städte aus.", "de"),
        ("Protests in Kazakhstan spread to more cities on Wednesday.", "en"),
        ("Les manifestations au Kazakhstan se sont étendues à d'autres villes.", "fr"),
    ],
)
def test_detects_the_language_of_a_document(text, code):
    assert detect_language(text) == code


def test_unsupported_languages_fall_back_to_plain_matching():
    rules, supported = language_rules("fr")
    assert rules.CODE == "en" and not supported
    assert language_rules("de")[1] and language_rules("en")[1]
