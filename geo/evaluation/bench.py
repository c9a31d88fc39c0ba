"""``python -m geo bench``: how an archive-sized corpus goes into the workspace, measured.

Anyone can run it: the corpus is synthetic, recombined from public texts
(GermEval 2014 sentences, LGL and TR-News articles from ``../shared/eval``
where present, and the bundled seeds), so no archive is needed.  For each
size it writes the corpus as JSON Lines files (the export format of news
archives), times ``python -m geo add`` on them in a fresh process with 1
and with 2 workers, and samples the memory of that process and its workers
together.  It also times gazetteer look-ups, and, in a clone with the
browser tests, the app's first map and clicks on the largest workspace
(``benchmarks/explorer.py --workspace``).  The figures and a plot of
throughput against corpus size go to a folder, for ``docs/performance.md``.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from geo.evaluation.corpora import EVAL_DIR, CorpusError, load_corpus, read_germeval
from geo.documents import load_documents
from geo.gazetteer.index import Gazetteer, name_key

ROOT = Path(__file__).resolve().parents[2]
GERMAN_SHARE = 1 / 3  # of the synthetic articles; the rest English, one in 50 a seed article
SENTENCES = (12, 28)  # a German article's GermEval sentences, news length (about 2.4 KB at 20)
ROWS_A_FILE = 1000  # JSON Lines files of about 2 MB, under the reader's size limit
# Peers, as the issue names them: geotext is measured by benchmarks/speed.py; mordecai's own report
# of about 10 documents/s (its issue tracker); CLIFF's 1.3 s for a news snippet.
PEERS = {"mordecai (reported)": 10.0, "CLIFF (reported)": 1 / 1.3}


@dataclass(frozen=True)
class AddRun:
    """One timed ``python -m geo add`` of a synthetic corpus."""

    documents: int
    workers: int
    seconds: float
    megabytes: float
    peak_megabytes: float
    writer_peak_megabytes: float = 0.0  # the add process alone, which reads, writes and hosts Dask's scheduler
    worker_peak_megabytes: float = 0.0  # the largest of its worker processes

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds


def synthetic_articles(count: int, eval_dir: Path = EVAL_DIR, seed: int = 0) -> Iterator[dict]:
    """``count`` article rows (``title``, ``text``), German and English mixed, each text unique.

    A German article is a run of GermEval sentences drawn at random, an English one an LGL or
    TR-News article with its paragraphs in another order and one paragraph of another article;
    without ``eval_dir`` the seeds' paragraphs are recombined the same way.
    """
    pick = random.Random(seed)
    german, english = _sources(eval_dir)
    for n in range(count):
        if n % 50 == 49 or not (german or english):
            paragraphs = _paragraphs(pick.choice(_seed_texts()))
        elif german and (pick.random() < GERMAN_SHARE or not english):
            paragraphs = [" ".join(pick.sample(german, pick.randint(*SENTENCES)))]
        else:
            paragraphs = _paragraphs(pick.choice(english)) + _paragraphs(pick.choice(english))[:1]
            pick.shuffle(paragraphs)
        yield {"title": f"Synthetic article {n + 1}", "text": f"Article {n + 1}\n\n" + "\n\n".join(paragraphs)}


def write_corpus(folder: Path, count: int, eval_dir: Path = EVAL_DIR) -> float:
    """Write ``count`` synthetic articles as JSON Lines files into ``folder``; returns megabytes."""
    folder.mkdir(parents=True, exist_ok=True)
    size, rows, number = 0, [], 0
    for row in synthetic_articles(count, eval_dir):
        rows.append(json.dumps(row, ensure_ascii=False))
        if len(rows) == ROWS_A_FILE:
            size += _write_rows(folder / f"articles-{number:04d}.jsonl", rows)
            rows, number = [], number + 1
    if rows:
        size += _write_rows(folder / f"articles-{number:04d}.jsonl", rows)
    return size / 1e6


def time_add(corpus: Path, workspace: Path, workers: int, documents: int, megabytes: float) -> AddRun:
    """``python -m geo add`` in a fresh process; peak memory is that of it and its workers together."""
    import psutil

    command = [sys.executable, "-m", "geo", "add", str(corpus), "--workspace", str(workspace)]
    if workers > 1:
        command += ["--workers", str(workers)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = writer = worker = 0.0
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        total, own, largest_child = _tree_megabytes(watched)
        peak, writer, worker = max(peak, total), max(writer, own), max(worker, largest_child)
        time.sleep(0.25)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"python -m geo add failed: {process.stderr.read()[-2000:]}")
    return AddRun(documents, workers, seconds, megabytes, peak, writer, worker)


def lookups_per_second(gazetteer: Gazetteer, names: list[str]) -> tuple[float, float]:
    """Single look-ups of names not asked before, and batched membership tests (``known``), per second."""
    fresh = Gazetteer.load(gazetteer.path)  # nothing cached yet
    started = time.perf_counter()
    for name in names:
        fresh.candidates(name)
    single = len(names) / (time.perf_counter() - started)
    keys = [name_key(name) for name in names]
    started = time.perf_counter()
    Gazetteer.load(gazetteer.path).known(keys)
    batched = len(names) / (time.perf_counter() - started)
    return single, batched


def throughput_svg(runs: list[AddRun], peers: dict[str, float], width: int = 520, height: int = 320) -> str:
    """Documents/s against corpus size, both on log scales, one line per worker count, peers dashed."""
    left, right, top, bottom = 60, 150, 30, 40
    sizes = sorted({r.documents for r in runs})
    rates = [r.per_second for r in runs] + list(peers.values())
    x_low, x_high = math.log10(min(sizes)) - 0.2, math.log10(max(sizes)) + 0.2
    y_low, y_high = math.floor(math.log10(min(rates))), math.ceil(math.log10(max(rates)))

    def x(size: float) -> float:
        return left + (math.log10(size) - x_low) / (x_high - x_low) * (width - left - right)

    def y(rate: float) -> float:
        return height - bottom - (math.log10(rate) - y_low) / (y_high - y_low) * (height - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             f'font-size="11"><rect width="{width}" height="{height}" fill="#fff"/>',
             f'<text x="{width / 2}" y="16" text-anchor="middle" font-size="12">python -m geo add: documents/s '
             f'against corpus size</text>']
    for power in range(y_low, y_high + 1):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(10 ** power):.1f}" y2="{y(10 ** power):.1f}" '
                     f'stroke="#ddd"/><text x="{left - 6}" y="{y(10 ** power) + 4:.1f}" text-anchor="end">'
                     f'{10 ** power:g}</text>')
    for size in sizes:
        parts.append(f'<text x="{x(size):.1f}" y="{height - bottom + 16}" text-anchor="middle">{size:,}</text>')
    colours = {1: "#4a78a8", 2: "#c0392b"}
    for workers in sorted({r.workers for r in runs}):
        line = sorted((r.documents, r.per_second) for r in runs if r.workers == workers)
        points = " ".join(f"{x(s):.1f},{y(v):.1f}" for s, v in line)
        colour = colours.get(workers, "#333")
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts += [f'<circle cx="{x(s):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"><title>{s:,} documents, '
                  f'{workers} worker(s): {v:.0f}/s</title></circle>' for s, v in line]
        parts.append(f'<text x="{width - right + 6}" y="{y(line[-1][1]) + 4:.1f}" fill="{colour}">ours, '
                     f'{workers} worker{"s" if workers > 1 else ""}</text>')
    for name, rate in peers.items():
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(rate):.1f}" y2="{y(rate):.1f}" stroke="#777" '
                     f'stroke-dasharray="5 4"/><text x="{width - right + 6}" y="{y(rate) + 4:.1f}" '
                     f'fill="#555">{name}</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 6}" text-anchor="middle">documents in the '
                 f'corpus</text><text x="14" y="{height / 2}" text-anchor="middle" transform="rotate(-90 14 '
                 f'{height / 2})">documents/s</text></svg>\n')
    return "".join(parts)


def run(sizes: list[int], workers: list[int], folder: Path, gazetteer: Gazetteer, eval_dir: Path = EVAL_DIR,
        report=print) -> tuple[list[AddRun], dict]:
    """Write each corpus, add it with each worker count into a fresh workspace, and time look-ups.
    Workspaces stay in ``folder`` (``bench-<size>-<workers>.duckdb``) for the browser to open."""
    runs = []
    for size in sizes:
        corpus = folder / f"corpus-{size}"
        megabytes = write_corpus(corpus, size, eval_dir)
        for count in workers:
            workspace = folder / f"bench-{size}-{count}.duckdb"
            workspace.unlink(missing_ok=True)
            runs.append(time_add(corpus, workspace, count, size, megabytes))
            r = runs[-1]
            report(f"add {size:>7,} documents ({megabytes:6.1f} MB), {count} worker{'s' if count > 1 else ' '}: "
                   f"{r.seconds:7.1f} s, {r.per_second:6.1f} docs/s, {megabytes / r.seconds:.2f} MB/s, "
                   f"peak {r.peak_megabytes:,.0f} MB (the add process {r.writer_peak_megabytes:,.0f} MB, "
                   f"a worker at most {r.worker_peak_megabytes:,.0f} MB)")
    names = sorted({word.strip(".,;:()\"'") for row in synthetic_articles(300, eval_dir, seed=1)
                    for word in row["text"].split() if word[:1].isupper()})
    single, batched = lookups_per_second(gazetteer, names)
    report(f"gazetteer: {single:,.0f} look-ups/s one at a time, {batched:,.0f} names/s batched "
           f"({len(names):,} names not asked before)")
    figures = {"lookups_per_second": round(single), "batched_names_per_second": round(batched), "peers": dict(PEERS)}
    geotext = geotext_per_second(list(synthetic_articles(min(sizes), eval_dir)))
    if geotext:
        report(f"geotext on {min(sizes):,} of the same articles, in one process: {geotext:,.0f} docs/s")
        figures["peers"]["geotext (measured)"] = round(geotext)
    return runs, figures


def geotext_per_second(rows: list[dict]) -> float | None:
    """geotext (a dictionary matcher) on the same articles, or ``None`` when it is not installed."""
    try:
        from geotext import GeoText
    except ImportError:
        return None
    GeoText(rows[0]["text"])  # it reads its lists on first use
    started = time.perf_counter()
    for row in rows:
        GeoText(row["text"])
    return len(rows) / (time.perf_counter() - started)


def save_results(folder: Path, runs: list[AddRun], extra: dict) -> None:
    """``bench.json`` with every figure and ``throughput.svg``."""
    folder.mkdir(parents=True, exist_ok=True)
    record = {"runs": [asdict(r) | {"per_second": round(r.per_second, 1)} for r in runs], **extra}
    (folder / "bench.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (folder / "throughput.svg").write_text(throughput_svg(runs, extra.get("peers", PEERS)), encoding="utf-8")


def _sources(eval_dir: Path) -> tuple[list[str], list[str]]:
    german, english = [], []
    try:
        for part in ("dev", "test"):
            german += [d.text for d in read_germeval(eval_dir / "germeval2014" / f"NER-de-{part}.tsv").documents]
    except (CorpusError, OSError):
        german = []
    for name in ("lgl", "trnews"):
        try:
            english += [d.text for d in load_corpus(name, "all", eval_dir).documents]
        except (CorpusError, OSError):
            continue
    return german, english


def _seed_texts() -> list[str]:
    return [d.text for d in load_documents([ROOT / "seeds"])]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _write_rows(path: Path, rows: list[str]) -> int:
    data = ("\n".join(rows) + "\n").encode("utf-8")
    path.write_bytes(data)
    return len(data)


def _tree_megabytes(process) -> tuple[float, float, float]:
    """Resident memory of a process and its descendants together, of it alone, and of its largest descendant."""
    import psutil

    sizes = []
    for member in [process, *process.children(recursive=True)]:
        try:
            sizes.append(member.memory_info().rss / 1e6)
        except psutil.Error:
            sizes.append(0.0)
    return sum(sizes), sizes[0], max(sizes[1:], default=0.0)
