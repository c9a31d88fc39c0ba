"""Learn from the dev splits: ``python -m geo train``.

- The tagger of :mod:`geo.recognition.ner` learns from the GermEval 2014 dev split, all
  four entity classes at once (knowing what is a person or a club helps to
  tell what is a place), on exactly the evidence recognition computes at run
  time (:func:`geo.recognition.toponyms.sentence_evidence`).
- The weights of :mod:`geo.resolution.resolve` are fitted on the dev halves of LGL and
  TR-News: a conditional logit over each recognised toponym's candidates,
  the right ones being those within 161 km of the gold point, pulled towards
  the hand-set weights so that rare features keep sensible values.

Test splits are never seen.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import json

from geo.recognition import ner
from geo.resolution import resolve
from geo.evaluation.corpora import EVAL_DIR, Corpus, germeval_spans, load_corpus
from geo.evaluation.scores import BENCHMARK_TOLERANCE_KM, calibration_pairs, haversine_km
from geo.gazetteer.index import Gazetteer, data_dir
from geo.recognition.toponyms import recognize_toponyms, sentence_evidence

# Chosen by five-fold cross-validation on GermEval dev (see docs/evaluation.md).
PARAMETERS = {"c1": 0.01, "c2": 0.2, "max_iterations": 150, "feature.possible_transitions": True}


def training_rows(path: Path, gazetteer: Gazetteer) -> list[tuple[list[dict], list[str]]]:
    """Feature rows and IOB labels of every sentence of a GermEval file."""
    rows = []
    for document, spans in germeval_spans(path):
        for offsets, evidence in sentence_evidence(document, gazetteer, "de"):
            rows.append((ner.features(evidence), ner.iob_labels(offsets, spans)))
    return rows


def train(rows: list[tuple[list[dict], list[str]]], path: Path) -> None:
    """Fit a CRF on ``rows`` and write it to ``path`` atomically."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in rows:
        trainer.append(features, labels)
    trainer.set_params(PARAMETERS)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".crfsuite.tmp")
    os.close(handle)
    try:
        trainer.train(tmp)
        Path(tmp).chmod(0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    ner.load_model.cache_clear()


def train_german(gazetteer: Gazetteer, eval_dir: Path = EVAL_DIR) -> dict[str, float]:
    """Train ``data/places-de.crfsuite`` on GermEval 2014 dev; returns counts and seconds."""
    started = time.perf_counter()
    rows = training_rows(eval_dir / "germeval2014" / "NER-de-dev.tsv", gazetteer)
    path = ner.model_path("de")
    train(rows, path)
    return {"sentences": len(rows), "bytes": path.stat().st_size, "seconds": round(time.perf_counter() - started, 1)}


RESOLUTION_CORPORA = ("lgl", "trnews")
_PULL_TO_HAND_WEIGHTS = 0.05
_STEPS = 3000
_LEARNING_RATE = 0.05


def resolution_groups(corpus: Corpus, gazetteer: Gazetteer) -> list[tuple[list[tuple[float, ...]], list[bool]]]:
    """For each recognised gold toponym with a place: its candidates' features and which are right."""
    gold_by_doc: dict[str, list] = {}
    for gold in corpus.gold:
        if gold.lat is not None:
            gold_by_doc.setdefault(gold.doc, []).append(gold)
    groups = []
    for document in corpus.documents:
        mentions = recognize_toponyms(document, gazetteer, language=corpus.language,
                                      include_adjectives=corpus.demonyms, include_organisations=corpus.organisations)
        context = resolve.document_countries(mentions, gazetteer)
        named = resolve.named_countries(mentions, gazetteer)
        for mention, found, countries, regions, neighbours in resolve.candidate_contexts(mentions, gazetteer, context):
            target = next((g for g in gold_by_doc.get(document.id, []) if g.start < mention.end and mention.start < g.end), None)
            if target is None or len(found) < 2:
                continue
            right = [
                place.geonameid == target.geonameid
                or haversine_km(place.lat, place.lon, target.lat, target.lon) <= BENCHMARK_TOLERANCE_KM
                for place, _ in found
            ]
            if any(right) and not all(right):
                groups.append((resolve.feature_rows(found, countries, regions, neighbours, named), right))
    return groups


def train_calibration(gazetteer: Gazetteer, eval_dir: Path = EVAL_DIR) -> dict[str, float]:
    """Fit ``data/calibration.json`` on the dev halves of LGL and TR-News (:mod:`geo.resolution.calibration`)."""
    from geo.resolution.calibration import Calibration, expected_calibration_error, fit, save

    softmax_of = Calibration()  # the resolver's own score, to compare against

    started = time.perf_counter()
    pairs = []
    for name in RESOLUTION_CORPORA:
        corpus = load_corpus(name, "dev", eval_dir)
        pairs += calibration_pairs(corpus.documents, corpus.gold, gazetteer, language=corpus.language,
                                   include_adjectives=corpus.demonyms, include_organisations=corpus.organisations)
    calibration = fit([(values, right) for values, _, right in pairs],
                      "logistic regression fitted on the dev halves of LGL and TR-News (python -m geo train)")
    save(calibration)
    raw = [(softmax_of(values), right) for values, _, right in pairs]
    return {"mentions": len(pairs), "ece_before": round(expected_calibration_error(raw), 4),
            "ece_after": round(expected_calibration_error([(calibration(v), r) for v, _, r in pairs]), 4),
            "seconds": round(time.perf_counter() - started, 1)}


def fit_weights(groups: list[tuple[list[tuple[float, ...]], list[bool]]]) -> dict[str, float]:
    """Maximise the probability of the right candidates (conditional logit), near the hand weights."""
    import numpy as np

    rows = np.array([row for features, _ in groups for row in features])
    right = np.array([flag for _, flags in groups for flag in flags], dtype=float)
    group = np.repeat(np.arange(len(groups)), [len(features) for features, _ in groups])
    prior = np.array([resolve.HAND_WEIGHTS[name] for name in resolve.FEATURES])
    weights = prior.copy()
    for _ in range(_STEPS):
        logits = rows @ weights
        logits -= np.bincount(group, weights=logits) [group] / np.bincount(group)[group]
        exp = np.exp(np.clip(logits, -50, 50))
        p_all = exp / np.bincount(group, weights=exp)[group]
        p_right = exp * right / np.bincount(group, weights=exp * right)[group]
        gradient = rows.T @ (p_right - p_all) / len(groups) - _PULL_TO_HAND_WEIGHTS * (weights - prior)
        weights += _LEARNING_RATE * gradient
    return {name: round(float(w), 4) for name, w in zip(resolve.FEATURES, weights)}


def train_resolution(gazetteer: Gazetteer, eval_dir: Path = EVAL_DIR) -> dict[str, float]:
    """Fit ``data/resolution-weights.json`` on the dev halves of LGL and TR-News."""
    started = time.perf_counter()
    groups = [g for name in RESOLUTION_CORPORA for g in resolution_groups(load_corpus(name, "dev", eval_dir), gazetteer)]
    weights = fit_weights(groups)
    path = data_dir() / resolve.WEIGHTS_FILE
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".json.tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(weights, out, indent=2)
        out.write("\n")
    Path(tmp).chmod(0o644)
    os.replace(tmp, path)
    resolve.reload_weights()
    return {"toponyms": len(groups), "seconds": round(time.perf_counter() - started, 1), **weights}
