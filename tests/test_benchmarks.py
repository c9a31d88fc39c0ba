"""Regression floors on the dev halves of the external benchmarks (../shared/eval/).

The figures we report come from the test halves (`python -m geo evaluate all
--split test`, see docs/evaluation.md); these floors only guard the dev
figures we tuned on against regressions.  A clone without ../shared skips them.
"""

import pytest

from geo.evaluation.corpora import EVAL_DIR, load_corpus
from geo.evaluation.scores import evaluate, evaluate_gold_spans

pytestmark = pytest.mark.skipif(
    not EVAL_DIR.exists(), reason=f"benchmark corpora not found at {EVAL_DIR} (they live beside the repository)"
)


def _dev(name, gazetteer):
    corpus = load_corpus(name, "dev")
    return evaluate(corpus.documents, corpus.gold, gazetteer, language=corpus.language,
                    include_adjectives=corpus.demonyms, include_organisations=corpus.organisations)


def test_trnews_dev(gazetteer):
    report = _dev("trnews", gazetteer)
    assert report.f1 >= 0.84 and report.resolution_accuracy >= 0.88


def test_lgl_dev(gazetteer):
    report = _dev("lgl", gazetteer)
    assert report.f1 >= 0.77 and report.resolution_accuracy >= 0.77


def test_germeval_dev(gazetteer):
    assert _dev("germeval", gazetteer).f1 >= 0.64


def test_trnews_whole_given_gold_spans(gazetteer):
    corpus = load_corpus("trnews", "all")
    assert len(corpus.documents) == len(load_corpus("trnews", "dev").documents) + len(load_corpus("trnews", "test").documents)
    report = evaluate_gold_spans(corpus.documents, corpus.gold, gazetteer, language=corpus.language)
    assert report.recall == 1.0 and report.resolution_accuracy >= 0.86
