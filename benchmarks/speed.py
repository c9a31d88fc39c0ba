"""Benchmark (not a test): build time, cold start, extraction speed.

    python benchmarks/speed.py [--skip-build]

Prints `geo build` time, cold start (import + index load, in a fresh
process), and extraction docs/s and MB/s on the seeds and, where
../shared/eval/lgl/lgl.xml exists, on the LGL article texts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.documents import load_documents, parse_document  # noqa: E402
from geo.pipeline import extract_places  # noqa: E402
from geo.sources import build_gazetteer, load_or_build  # noqa: E402

LGL = ROOT.parent / "shared" / "eval" / "lgl" / "lgl.xml"
COLD_START = "import time; t = time.perf_counter(); from geo.gazetteer import Gazetteer; from geo.pipeline import extract_places; Gazetteer.load(); print(time.perf_counter() - t)"


def measure(label: str, documents, gazetteer, language: str) -> None:
    extract_places(documents[:1], gazetteer, language=language)  # warm the tagger and caches
    size = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    started = time.perf_counter()
    mentions = extract_places(documents, gazetteer, language=language)
    seconds = time.perf_counter() - started
    print(f"{label}: {len(documents)} docs, {size:.2f} MB, {len(mentions)} mentions in {seconds:.2f} s "
          f"= {len(documents) / seconds:.1f} docs/s, {size / seconds:.3f} MB/s")


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
    measure("seeds", load_documents([ROOT / "seeds"]), gazetteer, "de")
    if LGL.exists():
        articles = ET.parse(LGL).getroot()
        documents = [parse_document(a.get("docid") or str(i), a.findtext("text") or "") for i, a in enumerate(articles)]
        measure("LGL (German pipeline on English text)", documents, gazetteer, "de")
    else:
        print(f"LGL: skipped, {LGL} not found")


if __name__ == "__main__":
    main()
