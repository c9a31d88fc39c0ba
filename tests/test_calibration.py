"""A mention's score reads as the probability that it is right (geo/resolution/calibration.py)."""

import json
import random

import pytest

from geo.resolution import calibration
from geo.resolution.calibration import FEATURES, Calibration, expected_calibration_error, features, fit, reliability, reliability_svg
from geo.gazetteer.index import Place

ALMATY = Place("geonames:1526384", "Almaty", "city", 43.25, 76.91, "KZ", population=1_977_011)


def synthetic(n=4000, seed=7):
    """Mentions whose chance of being right rises with the population of the place."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(n):
        population = 10 ** rng.uniform(2, 7)
        values = features("name", Place("p", "P", "city", 0, 0, "XX", population=int(population)), [rng.uniform(0.3, 1)])
        chance = 0.1 + 0.8 * (values[FEATURES.index("log_population")] - 2 / 7) / (5 / 7)
        pairs.append((values, rng.random() < chance))
    return pairs


def test_a_fitted_calibration_says_how_often_it_is_right():
    pairs = synthetic()
    fitted = fit(pairs[:3000], "synthetic")
    held_out = [(fitted(values), right) for values, right in pairs[3000:]]
    raw = [(Calibration()(values), right) for values, right in pairs[3000:]]
    assert expected_calibration_error(held_out) < 0.05 < expected_calibration_error(raw)
    assert fitted.weights["log_population"] > 0


def test_reliability_bins_cover_every_mention():
    pairs = [(0.05, False), (0.55, True), (0.55, False), (1.0, True)]
    bins = reliability(pairs)
    assert [(b.low, b.count, b.accuracy) for b in bins] == [(0.0, 1, 0.0), (0.5, 2, 0.5), (0.9, 1, 1.0)]
    assert expected_calibration_error(pairs) == pytest.approx((0.05 + 2 * 0.05 + 0.0) / 4)
    assert reliability_svg(bins, "t").startswith("<svg") and reliability_svg(bins, "t").count("<rect") == 4


def test_the_pipeline_reads_the_saved_calibration(tmp_path, monkeypatch):
    monkeypatch.setattr(calibration, "data_dir", lambda: tmp_path)
    calibration.current.cache_clear()
    try:
        assert calibration.probability("name", ALMATY, [0.9, 0.1]) == pytest.approx(0.9, abs=1e-4)  # none fitted
        weights = {name: 0.0 for name in FEATURES} | {"bias": 2.0}
        calibration.save(Calibration(weights, "test"))
        assert json.loads((tmp_path / "calibration.json").read_text())["source"] == "test"
        assert calibration.probability("name", ALMATY, [0.9, 0.1]) == pytest.approx(0.8808, abs=1e-4)
        assert [p.name for p in tmp_path.glob("*.tmp")] == []
    finally:
        calibration.current.cache_clear()


def test_the_shipped_calibration_is_fitted():
    shipped = calibration.current()
    assert shipped.weights is not None and set(shipped.weights) == set(FEATURES)
    assert "dev halves" in shipped.source
