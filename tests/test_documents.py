import pytest

from geo.documents import DocumentError, load_documents, parse_document, read_document
from geo.recognition.sentences import split_sentences


def test_date_header_is_metadata_and_offsets_stay_in_full_text():
    text = " date 2022-01 Der Aufstand in Kasachstan. Mehr dazu."
    document = parse_document("a.txt", text)
    assert document.date == "2022-01"
    assert document.title == "Der Aufstand in Kasachstan."
    assert document.text == text
    assert text[document.body_start:].startswith("Der Aufstand")


def test_title_skips_breadcrumbs():
    document = parse_document("b.txt", "1. Startseite\n  2. Politik\n\nKasachstan: Warum Russland eingreift – und mehr\n")
    assert document.title == "Kasachstan: Warum Russland eingreift – und mehr"
    assert document.date is None


def test_seeds_load_sorted(seeds):
    assert [d.id for d in seeds] == sorted(d.id for d in seeds)
    assert len(seeds) == 5


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_non_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Köln".encode("latin-1"))
    with pytest.raises(DocumentError, match="not UTF-8"):
        load_documents([path])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Am 6. Januar kam er. Dann ging er.", ["Am 6. Januar kam er.", "Dann ging er."]),
        ("Das ist z.B. gut. Ja.", ["Das ist z.B. gut.", "Ja."]),
        ("Titel ohne Punkt\nErster Satz.", ["Titel ohne Punkt", "Erster Satz."]),
        ("Er sagte: «Nein.» Dann ging er.", ["Er sagte: «Nein.»", "Dann ging er."]),
    ],
)
def test_sentences(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start:s.end] == s.text for s in sentences)
