"""Train the tagger of :mod:`geo.ner` on a labelled corpus: ``python -m geo train``.

The German model learns from the GermEval 2014 dev split, all four entity
classes at once (knowing what is a person or a club helps to tell what is a
place), on exactly the evidence recognition computes at run time
(:func:`geo.toponyms.sentence_evidence`).  The test split is never seen.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from geo import ner
from geo.corpora import EVAL_DIR, germeval_spans
from geo.gazetteer import Gazetteer
from geo.toponyms import sentence_evidence

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
