"""Evaluation: the benchmark corpora, the scores of the field, training on dev splits, the archive benchmark."""
