"""The trained place tagger: features, labels, training on a tiny corpus, and tagging."""

from pathlib import Path

from geo.recognition import ner
from geo.evaluation.training import train, training_rows

DATA = Path(__file__).parent / "data"


def test_features_describe_a_token_and_its_neighbours():
    tokens = [ner.TokenEvidence("in", "APPR", "O"), ner.TokenEvidence("Hersfelder", "NN", "O", zipf=1.0)]
    rows = ner.features(tokens)
    assert rows[1]["title"] and rows[1]["-1:lower"] == "in" and rows[1]["shape"] == "Xx"
    assert rows[0]["-1:edge"] and rows[1]["1:edge"]


def test_iob_labels_from_character_spans():
    offsets = [(0, 2), (3, 6), (7, 15), (16, 22)]
    assert ner.iob_labels(offsets, [(3, 15, "LOC")]) == ["O", "B-LOC", "I-LOC", "O"]


def test_a_model_trained_on_a_tiny_corpus_tags_its_places(gazetteer, tmp_path):
    rows = training_rows(DATA / "germeval_sample.tsv", gazetteer)
    assert [labels for _, labels in rows][1][-2] == "B-LOC"  # Brüssel
    path = tmp_path / "tiny.crfsuite"
    train(rows * 20, path)
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    features, labels = rows[1]
    assert ner.spans_of(tagger.tag(features)) == [(labels.index("B-LOC"), labels.index("B-LOC"))]


def test_the_german_model_ships_with_the_repository():
    assert ner.model_path("de").exists(), "data/places-de.crfsuite is missing; run `python -m geo train`"
