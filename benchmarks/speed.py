"""Benchmark (not a test): build time, cold start, extraction speed.

    python benchmarks/speed.py [--skip-build]

Prints `geo build` time, cold start (import + index load, in a fresh
process), and extraction docs/s and MB/s on the seeds and, where
../shared/eval/lgl/lgl.xml exists, on the LGL article texts, side by side
with geotext (a dictionary matcher, `pip install geotext`) on the same texts,
and the ratio of the two.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.corpora import CorpusError, read_geoparsing_xml  # noqa: E402
from geo.documents import load_documents  # noqa: E402
from geo.pipeline import extract_places  # noqa: E402
from geo.sources import build_gazetteer, load_or_build  # noqa: E402

LGL = ROOT.parent / "shared" / "eval" / "lgl" / "lgl.xml"
COLD_START = "import time; t = time.perf_counter(); from geo.gazetteer import Gazetteer; from geo.pipeline import extract_places; Gazetteer.load(); print(time.perf_counter() - t)"


def measure(label: str, documents, gazetteer, language: str | None) -> float:
    """Extract from every document once after a warm-up; print and return docs/s."""
    extract_places(documents[:1], gazetteer, language=language)  # warm the tagger and caches
    size = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    started = time.perf_counter()
    mentions = extract_places(documents, gazetteer, language=language)
    seconds = time.perf_counter() - started
    print(f"{label}: {len(documents)} docs, {size:.2f} MB, {len(mentions)} mentions in {seconds:.2f} s "
          f"= {len(documents) / seconds:.1f} docs/s, {size / seconds:.3f} MB/s")
    return len(documents) / seconds


def measure_geotext(documents) -> float | None:
    """geotext's docs/s on the same texts, or ``None`` when it is not installed."""
    try:
        from geotext import GeoText
    except ImportError:
        print("geotext: skipped, not installed (pip install geotext)")
        return None
    GeoText(documents[0].text)
    started = time.perf_counter()
    found = 0
    for document in documents:
        places = GeoText(document.text)
        found += len(places.cities) + len(places.countries)
    seconds = time.perf_counter() - started
    print(f"geotext on the same texts: {found} names in {seconds:.2f} s = {len(documents) / seconds:.1f} docs/s")
    return len(documents) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    if not args.skip_build:
        counts = build_gazetteer()
        print(f"geo build: {counts['seconds']:.1f} s ({counts['places']} places, {counts['names']} names)")
    runs = [float(subprocess.check_output([sys.executable, "-c", COLD_START], cwd=ROOT, text=True)) for _ in range(3)]
    print(f"cold start (import + index load): best {min(runs):.3f} s of 3")
    gazetteer = load_or_build()
    measure("seeds", load_documents([ROOT / "seeds"]), gazetteer, None)
    try:
        documents = read_geoparsing_xml(LGL, "lgl").documents
    except CorpusError:
        print(f"LGL: skipped, {LGL} not found")
        return
    ours = measure("LGL (language detected per document)", documents, gazetteer, None)
    theirs = measure_geotext(documents)
    if theirs:
        print(f"ratio ours/geotext on LGL: {ours / theirs:.4f} (target >= 0.10)")


if __name__ == "__main__":
    main()
