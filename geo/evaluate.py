"""Measure recognition and resolution against hand-annotated gold mentions.

A predicted span that overlaps a gold span is a hit; spans marked
``optional`` (compound parts, adjectives) are neither rewarded nor
penalised.  A hit is resolved correctly when the country code matches
(countries), or within :data:`TOLERANCE_KM` of the gold point.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from geo.documents import Document
from geo.gazetteer import Gazetteer
from geo.pipeline import extract_places
from geo.resolve import ResolvedMention

DEFAULT_GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds_gold.tsv"
TOLERANCE_KM = {"city": 30.0, "other": 30.0, "region": 300.0, "water": 300.0}


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    optional: bool
    feature: str
    country_code: str
    lat: float | None
    lon: float | None


@dataclass
class Report:
    """Counts behind precision, recall and resolution accuracy, with the errors."""

    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    resolved_right: int = 0
    wrong_places: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        predicted = self.true_positives + len(self.false_positives)
        return self.true_positives / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + len(self.missed)
        return self.true_positives / gold if gold else 0.0

    @property
    def resolution_accuracy(self) -> float:
        return self.resolved_right / self.true_positives if self.true_positives else 0.0


def read_gold(path: Path) -> list[GoldMention]:
    """Read a gold TSV (``#`` lines are comments)."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [
        GoldMention(
            doc=row["doc"],
            start=int(row["start"]),
            end=int(row["end"]),
            text=row["text"],
            optional=row["status"] == "optional",
            feature=row["feature"],
            country_code=row["country_code"],
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
        )
        for row in csv.DictReader(lines, delimiter="\t")
    ]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((phi2 - phi1) / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def is_right_place(predicted: ResolvedMention, gold: GoldMention) -> bool:
    """Countries by ISO code; everything else within its feature's tolerance."""
    place = predicted.place
    if gold.feature == "country":
        return place.feature == "country" and place.country_code == gold.country_code
    distance = haversine_km(place.lat, place.lon, gold.lat, gold.lon)
    return distance <= TOLERANCE_KM.get(gold.feature, 30.0)


def score(predictions: list[ResolvedMention], gold: list[GoldMention]) -> Report:
    """Compare predictions with gold mentions of the same documents."""
    report = Report()
    by_doc: dict[str, list[GoldMention]] = {}
    for mention in gold:
        by_doc.setdefault(mention.doc, []).append(mention)
    matched: set[GoldMention] = set()
    for predicted in predictions:
        m = predicted.mention
        overlapping = [g for g in by_doc.get(m.doc_id, []) if g.start < m.end and m.start < g.end]
        required = [g for g in overlapping if not g.optional]
        label = f"{m.doc_id}:{m.start} {m.text!r} -> {predicted.place.name}"
        if required:
            target = required[0]
            if target in matched:
                continue
            matched.add(target)
            report.true_positives += 1
            if is_right_place(predicted, target):
                report.resolved_right += 1
            else:
                report.wrong_places.append(label)
        elif not overlapping:
            report.false_positives.append(label)
    report.missed = [f"{g.doc}:{g.start} {g.text!r}" for g in gold if not g.optional and g not in matched]
    return report


def evaluate_seeds(documents: list[Document], gazetteer: Gazetteer, gold_path: Path = DEFAULT_GOLD) -> Report:
    """Run the pipeline on ``documents`` and score it against ``gold_path``."""
    return score(extract_places(documents, gazetteer), read_gold(gold_path))


def format_report(report: Report) -> str:
    """A short plain-text report: the figures, then every error."""
    lines = [
        f"recognition precision {report.precision:.3f}  recall {report.recall:.3f}  "
        f"({report.true_positives} hits, {len(report.false_positives)} false, {len(report.missed)} missed)",
        f"resolution accuracy   {report.resolution_accuracy:.3f}  ({report.resolved_right} of {report.true_positives})",
    ]
    for title, items in (("false positives", report.false_positives), ("missed", report.missed), ("wrong places", report.wrong_places)):
        if items:
            lines.append(f"{title}:")
            lines.extend(f"  {item}" for item in items)
    return "\n".join(lines)
