"""Calibrated confidence: a mention's score is the probability that it is right.

The resolver's softmax says how much better the best candidate is than the
others, not how often the answer is right: a name with one candidate scores
1.0 even when the name was no place at all.  A reader who sets the app's
confidence filter to 0.8 expects four in five of what remains to be right, so
the probability is read by a logistic regression from the score and what else
tells right from wrong (what kind of place won, how big it is, how many places
the name could be, how the name was found), fitted on the dev halves of LGL and
TR-News: ``python -m geo train --only calibration`` writes ``data/calibration.json``.  Right means a recognised place within 161 km of
the gold one; a name that is no gold toponym is wrong.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from geo.gazetteer.index import Place, data_dir

CALIBRATION_FILE = "calibration.json"
BINS = 10
_EPSILON = 1e-4
_RIDGE = 1.0


# What the probability is read from: the resolver's score, what kind of place won, how big it is, how
# many places the name could be, and how the name was found.
FEATURES = ("bias", "score_logit", "margin", "log_candidates", "country", "region", "water_or_landform",
            "log_population", "single_candidate", "adjective", "organisation", "compound_part")


def features(kind: str, place: Place, scores: list[float]) -> tuple[float, ...]:
    """The values of :data:`FEATURES` for one placed mention (``scores``: its candidates', best first)."""
    return (1.0, _logit(scores[0]), scores[0] - (scores[1] if len(scores) > 1 else 0.0), math.log(len(scores)),
            float(place.feature == "country"), float(place.feature == "region"),
            float(place.feature in ("water", "other")), math.log10(place.population + 1) / 7,
            float(len(scores) == 1), float(kind == "adjective"), float(kind == "organisation"), float(kind == "part"))


@dataclass(frozen=True)
class Calibration:
    """P(right) = sigmoid(weights · :func:`features`); without fitted weights, the resolver's own score.
    A feature the weights were fitted without counts for nothing until ``train`` fits it."""

    weights: dict[str, float] | None = None
    source: str = "none fitted: the resolver's score"

    def __call__(self, values: tuple[float, ...]) -> float:
        if self.weights is None:
            return round(_sigmoid(values[1]), 4)
        return round(_sigmoid(sum(self.weights.get(name, 0.0) * v for name, v in zip(FEATURES, values))), 4)


def probability(kind: str, place: Place, scores: list[float]) -> float:
    """The probability that a mention of this ``kind`` placed at ``place`` is right."""
    return current()(features(kind, place, scores))


@lru_cache(maxsize=1)
def current() -> Calibration:
    """The fitted calibration from ``data/calibration.json``, else the resolver's score as it is."""
    path = data_dir() / CALIBRATION_FILE
    return Calibration(**json.loads(path.read_text(encoding="utf-8"))) if path.exists() else Calibration()


def fit(pairs: list[tuple[tuple[float, ...], bool]], source: str, steps: int = 100) -> Calibration:
    """Logistic regression (Newton's method with a light ridge, each step halved until the likelihood
    improves) of ``right`` on :func:`features`."""
    import numpy as np

    x = np.array([values for values, _ in pairs])
    y = np.array([float(right) for _, right in pairs])
    ridge = _RIDGE * np.eye(x.shape[1])

    def loss(w):
        z = x @ w
        return float(np.sum(np.logaddexp(0, z) - y * z) + 0.5 * w @ ridge @ w)

    w = np.zeros(x.shape[1])
    current_loss = loss(w)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + ridge @ w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + ridge
        direction = np.linalg.solve(hessian, gradient)
        step = 1.0
        while step > 1e-6 and loss(w - step * direction) > current_loss:
            step /= 2
        if step <= 1e-6 or current_loss - loss(w - step * direction) < 1e-9:
            break
        w = w - step * direction
        current_loss = loss(w)
    return Calibration({name: round(float(v), 4) for name, v in zip(FEATURES, w)}, source)


def save(calibration: Calibration, path: Path | None = None) -> Path:
    """Write the calibration (through a temporary file) and use it from now on."""
    path = path or data_dir() / CALIBRATION_FILE
    handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".json.tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(asdict(calibration), out, indent=2)
        out.write("\n")
    Path(tmp).chmod(0o644)
    os.replace(tmp, path)
    current.cache_clear()
    return path


@dataclass(frozen=True)
class Bin:
    """One bar of a reliability diagram: the mentions whose score falls in [low, high)."""

    low: float
    high: float
    count: int
    mean_score: float
    accuracy: float


def reliability(pairs: list[tuple[float, bool]], bins: int = BINS) -> list[Bin]:
    """Mentions grouped by score into equal-width bins, with how often each bin is right."""
    rows = []
    for index in range(bins):
        low, high = index / bins, (index + 1) / bins
        inside = [(s, r) for s, r in pairs if low <= s < high or (index == bins - 1 and s == 1.0)]
        if inside:
            rows.append(Bin(low, high, len(inside), sum(s for s, _ in inside) / len(inside),
                            sum(r for _, r in inside) / len(inside)))
    return rows


def expected_calibration_error(pairs: list[tuple[float, bool]], bins: int = BINS) -> float:
    """The gap between score and accuracy, averaged over the bins weighted by their mentions."""
    total = len(pairs) or 1
    return sum(b.count * abs(b.mean_score - b.accuracy) for b in reliability(pairs, bins)) / total


def reliability_svg(rows: list[Bin], title: str, size: int = 320) -> str:
    """A reliability diagram as a small SVG: bars of accuracy per score bin against the diagonal."""
    margin, inner = 40, size - 60
    def x(value: float) -> float:
        return margin + value * inner
    def y(value: float) -> float:
        return size - margin + 10 - value * inner
    bars = "".join(
        f'<rect x="{x(b.low) + 1:.1f}" y="{y(b.accuracy):.1f}" width="{inner / BINS - 2:.1f}" '
        f'height="{b.accuracy * inner:.1f}" fill="#4a78a8"><title>{b.low:.1f}–{b.high:.1f}: {b.count} mentions, '
        f'{b.accuracy:.2f} right</title></rect>'
        for b in rows
    )
    ticks = "".join(
        f'<text x="{x(t):.1f}" y="{size - 12}" font-size="10" text-anchor="middle">{t:.1f}</text>'
        f'<text x="{margin - 6}" y="{y(t) + 3:.1f}" font-size="10" text-anchor="end">{t:.1f}</text>'
        for t in (0.0, 0.5, 1.0)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" font-family="sans-serif">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<text x="{size / 2}" y="16" font-size="12" text-anchor="middle">{title}</text>{bars}'
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#c0392b" stroke-dasharray="4 3"/>'
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(0)}" stroke="#333"/>'
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(0)}" y2="{y(1)}" stroke="#333"/>{ticks}'
        f'<text x="{size / 2}" y="{size - 1}" font-size="10" text-anchor="middle">score</text>'
        f'<text x="10" y="{size / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 10 {size / 2})">'
        f'share right</text>'
        f'</svg>\n'
    )


def _logit(score: float) -> float:
    score = min(max(score, _EPSILON), 1 - _EPSILON)
    return math.log(score / (1 - score))


def _sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-value)) if value >= 0 else math.exp(value) / (1 + math.exp(value))
