"""Benchmark (not a test): build time, cold start, extraction speed.

    python benchmarks/speed.py [--skip-build]

Prints `geo build` time, cold start (import + index load, in a fresh
process), and extraction docs/s and MB/s on the seeds and, where
../shared/eval/ holds them, on GermEval 2014 test (German, 20 sentences to
a document) and the LGL article texts (English), side by side with geotext
(a dictionary matcher, `pip install geotext`) on the same texts: in this
process after a warm-up, and whole-process (a fresh `python -m geo extract`
over the texts as files, against a fresh process running geotext on them),
with the ratios.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.evaluation.corpora import CorpusError, read_geoparsing_xml, read_germeval  # noqa: E402
from geo.documents import Document, load_documents  # noqa: E402
from geo.pipeline import extract_places  # noqa: E402
from geo.gazetteer.sources import build_gazetteer, load_or_build  # noqa: E402

LGL = ROOT.parent / "shared" / "eval" / "lgl" / "lgl.xml"
GERMEVAL = ROOT.parent / "shared" / "eval" / "germeval2014" / "NER-de-test.tsv"
SENTENCES_A_DOCUMENT = 20
GEOTEXT_RUN = """import sys, pathlib
from geotext import GeoText
for path in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    GeoText(path.read_text(encoding="utf-8"))
"""
COLD_START = "import time; t = time.perf_counter(); from geo.gazetteer.index import Gazetteer; from geo.pipeline import extract_places; Gazetteer.load(); print(time.perf_counter() - t)"


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


def germeval_documents() -> list[Document]:
    """GermEval 2014 test as news-length documents: its sentences, 20 to a document."""
    sentences = [d.text for d in read_germeval(GERMEVAL).documents]
    return [Document(id=f"germeval-{i // SENTENCES_A_DOCUMENT}", title="", date=None,
                     text="\n".join(sentences[i : i + SENTENCES_A_DOCUMENT]))
            for i in range(0, len(sentences), SENTENCES_A_DOCUMENT)]


def whole_process(label: str, documents, language: str) -> None:
    """Fresh processes on the texts as files: ``python -m geo extract`` against geotext."""
    with tempfile.TemporaryDirectory() as folder:
        for n, document in enumerate(documents):
            (Path(folder) / f"{n:06d}.txt").write_text(document.text, encoding="utf-8")
        ours = _timed([sys.executable, "-m", "geo", "extract", folder, "--language", language])
        try:
            theirs = _timed([sys.executable, "-c", GEOTEXT_RUN, folder])
        except subprocess.CalledProcessError:
            theirs = None
    line = f"{label}, whole process: ours {len(documents) / ours:.1f} docs/s ({ours:.1f} s)"
    if theirs:
        line += f", geotext {len(documents) / theirs:.1f} docs/s ({theirs:.1f} s), ratio {theirs / ours:.3f} (target >= 0.25)"
    print(line)


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


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
    if GERMEVAL.exists():
        german = germeval_documents()
        measure("GermEval 2014 test, 20 sentences a document", german, gazetteer, "de")
        measure_geotext(german)
        whole_process("GermEval 2014 test", german, "de")
    else:
        print(f"GermEval: skipped, {GERMEVAL} not found")
    try:
        documents = read_geoparsing_xml(LGL, "lgl").documents
    except CorpusError:
        print(f"LGL: skipped, {LGL} not found")
        return
    ours = measure("LGL (language detected per document)", documents, gazetteer, None)
    theirs = measure_geotext(documents)
    if theirs:
        print(f"ratio ours/geotext on LGL, in process: {ours / theirs:.4f}")
    whole_process("LGL", documents, "en")


if __name__ == "__main__":
    main()
