"""Benchmark (not a test): geotext, a dictionary matcher, on the same corpora and metrics as ours.

    pip install geotext
    python benchmarks/peers.py [--split test]

geotext reports city and country names without offsets or coordinates; each
occurrence of a reported name becomes a mention, resolved the way a
dictionary matcher would: to the most populous place of that name in our
gazetteer (countries first).  Prints rows for the table in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.evaluation.corpora import load_corpus  # noqa: E402
from geo.evaluation.scores import BENCHMARK_TOLERANCE_KM, markdown_row, score  # noqa: E402
from geo.resolution.resolve import Candidate, ResolvedMention  # noqa: E402
from geo.recognition.sentences import Sentence  # noqa: E402
from geo.gazetteer.sources import load_or_build  # noqa: E402
from geo.recognition.toponyms import Mention  # noqa: E402


def geotext_predictions(documents, gazetteer) -> list[ResolvedMention]:
    from geotext import GeoText

    predictions = []
    for document in documents:
        found = GeoText(document.text)
        for name in set(found.cities) | set(found.countries):
            candidates = gazetteer.candidates(name, spellings=False)
            if not candidates:
                continue
            place = candidates[0][0]
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", document.text):
                mention = Mention(document.id, match.start(), match.end(), name, name, Sentence(0, 0, ""))
                predictions.append(ResolvedMention(mention, place, 1.0, (Candidate(place, 1.0),)))
    return predictions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test"], default="test")
    args = parser.parse_args()
    gazetteer = load_or_build()
    for name in ("lgl", "trnews"):
        corpus = load_corpus(name, args.split)
        predictions = geotext_predictions(corpus.documents, gazetteer)
        report = score(predictions, corpus.gold, tolerance_km=BENCHMARK_TOLERANCE_KM)
        report.documents = len(corpus.documents)  # speed: see benchmarks/speed.py
        print(markdown_row(f"{name} (geotext)", args.split, report))


if __name__ == "__main__":
    main()
