"""Benchmark readers and the field's metrics, on small fixtures shaped like the real corpora."""

import math
from pathlib import Path


from geo.evaluation.corpora import Corpus, read_geoparsing_xml, read_germeval, split
from geo.evaluation.scores import GoldMention, Report, evaluate, score
from geo.gazetteer.index import Place
from geo.resolution.resolve import ResolvedMention
from geo.recognition.sentences import Sentence
from geo.recognition.toponyms import Mention

DATA = Path(__file__).parent / "data"


def test_germeval_sentences_become_documents_with_loc_spans():
    corpus = read_germeval(DATA / "germeval_sample.tsv")
    assert [d.text for d in corpus.documents] == [
        "In Bad Hersfeld wohnen deutsche Bürger .",
        "Die EU-Staaten treffen sich in Brüssel .",
    ]
    assert [(g.text, g.optional) for g in corpus.gold] == [
        ("Bad Hersfeld", False), ("deutsche", True), ("EU-Staaten", True), ("Brüssel", False)
    ]


def test_geoparsing_xml_realigns_shifted_offsets():
    corpus = read_geoparsing_xml(DATA / "geoparsing_sample.xml", "sample")
    text = corpus.documents[0].text
    assert all(text[g.start:g.end] == g.text for g in corpus.gold)
    assert [g.start for g in corpus.gold] == [9, 34, 41, 57]  # Texas and Dallas were shifted
    assert corpus.gold[3].lat is None and corpus.gold[0].geonameid == 4717560


def test_halves_are_fixed_disjoint_and_complete():
    corpus = read_geoparsing_xml(DATA / "geoparsing_sample.xml", "sample")
    dev, test = split(corpus, "dev"), split(corpus, "test")
    assert len(dev.documents) + len(test.documents) == 1
    assert split(corpus, "dev") == dev


def _predicted(doc, start, end, lat, lon, geonameid=None):
    mention = Mention(doc, start, end, "x", "x", Sentence(0, 1, "x"))
    place = Place("p", "x", "city", lat, lon, "US", geonameid=geonameid)
    return ResolvedMention(mention, place, 1.0, ())


def test_metrics_follow_gritta_et_al():
    gold = [
        GoldMention("d", 0, 5, "Paris", False, "", "", 33.66, -95.56, 4717560),
        GoldMention("d", 10, 15, "Texas", False, "", "", 31.25, -99.25),
        GoldMention("d", 20, 26, "Dallas", False, "", "", None, None),
        GoldMention("d", 30, 35, "Osten", True, "", "", None, None),
    ]
    predictions = [
        _predicted("d", 0, 5, 48.85, 2.35, geonameid=4717560),  # same GeoNames id: no error
        _predicted("d", 10, 15, 48.85, 2.35),  # Paris, France: far off
        _predicted("d", 20, 26, 32.78, -96.80),  # gold has no place: recognition only
        _predicted("d", 30, 35, 0, 0),  # optional span: neither right nor wrong
        _predicted("d", 40, 45, 0, 0),  # no gold span: a false positive
    ]
    report = score(predictions, gold, tolerance_km=161)
    assert (report.true_positives, len(report.false_positives), len(report.missed)) == (3, 1, 0)
    assert report.precision == 0.75 and report.recall == 1.0
    assert report.resolution_accuracy == 0.5
    assert report.errors_km[0] == 0.0 and report.errors_km[1] > 7000
    assert math.isclose(report.auc, (0 + math.log1p(report.errors_km[1]) / math.log1p(20039)) / 2)
    assert math.isclose(report.end_to_end_f1, 2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_evaluate_runs_the_pipeline_on_a_corpus(gazetteer):
    corpus = read_geoparsing_xml(DATA / "geoparsing_sample.xml", "sample")
    report = evaluate(corpus.documents, corpus.gold, gazetteer, language="en")
    assert isinstance(report, Report) and report.documents == 1
    assert report.recall == 1.0 and report.resolution_accuracy == 1.0


def test_corpus_options_follow_their_guidelines():
    assert read_geoparsing_xml(DATA / "geoparsing_sample.xml", "sample").demonyms
    assert not read_germeval(DATA / "germeval_sample.tsv").organisations
    assert isinstance(read_germeval(DATA / "germeval_sample.tsv"), Corpus)
