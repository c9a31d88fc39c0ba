"""Benchmark (not a test): how well a mention's score reads as the probability that it is right.

    python benchmarks/calibration.py

For the dev and test halves and the whole of LGL and TR-News (pooled), prints
the expected calibration error (ECE, 10 equal-width bins) of the resolver's
softmax and of the calibrated score the pipeline reports, and writes the
reliability diagram of the test halves to docs/reliability.svg.  The
calibration is fitted on the dev halves: `python -m geo train --only calibration`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.resolution.calibration import Calibration, expected_calibration_error, reliability, reliability_svg  # noqa: E402
from geo.evaluation.corpora import load_corpus  # noqa: E402
from geo.evaluation.scores import calibration_pairs  # noqa: E402
from geo.gazetteer.sources import load_or_build  # noqa: E402
from geo.evaluation.training import RESOLUTION_CORPORA  # noqa: E402

DIAGRAM = ROOT / "docs" / "reliability.svg"


def main() -> None:
    gazetteer = load_or_build()
    softmax = Calibration()
    print("| part | mentions | ECE, resolver's softmax | ECE, calibrated score |")
    print("|---|---|---|---|")
    for part in ("dev", "test", "all"):
        pairs = []
        for name in RESOLUTION_CORPORA:
            corpus = load_corpus(name, part)
            pairs += calibration_pairs(corpus.documents, corpus.gold, gazetteer, language=corpus.language,
                                       include_adjectives=corpus.demonyms, include_organisations=corpus.organisations)
        raw = [(softmax(values), right) for values, _, right in pairs]
        scored = [(score, right) for _, score, right in pairs]
        print(f"| {part} | {len(pairs)} | {expected_calibration_error(raw):.3f} | {expected_calibration_error(scored):.3f} |")
        if part == "test":
            DIAGRAM.write_text(reliability_svg(reliability(scored), "LGL and TR-News test halves: calibrated score"),
                               encoding="utf-8")
            bins = reliability(scored)
    print(f"\nwrote {DIAGRAM}; test bins (score range: mentions, mean score, share right):")
    for b in bins:
        print(f"  {b.low:.1f}-{b.high:.1f}: {b.count:5d}  {b.mean_score:.3f}  {b.accuracy:.3f}")


if __name__ == "__main__":
    main()
