"""The synthetic corpus and figures of python -m geo bench (geo.evaluation.bench); the timed runs are the script's."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from geo.evaluation.bench import AddRun, PEERS, synthetic_articles, throughput_svg, write_corpus
from geo.recognition.languages import detect_language
from geo.workspace.readers import read_paths


def test_synthetic_articles_are_unique_news_length_and_mixed(tmp_path):
    rows = list(synthetic_articles(300))
    assert len({row["text"] for row in rows}) == 300
    assert 1000 < sum(len(row["text"]) for row in rows) / 300 < 10_000
    languages = {detect_language(row["text"]) for row in rows}
    assert "de" in languages


def test_seeds_alone_make_a_corpus_where_no_public_texts_are(tmp_path):
    rows = list(synthetic_articles(60, eval_dir=tmp_path / "nowhere"))
    assert len({row["text"] for row in rows}) == 60


def test_the_corpus_is_files_the_reader_takes(tmp_path):
    megabytes = write_corpus(tmp_path / "corpus", 1205)
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["articles-0000.jsonl", "articles-0001.jsonl"]
    documents = list(read_paths([tmp_path / "corpus"]))
    assert len(documents) == 1205 and all(hasattr(d, "text") for d in documents)
    assert megabytes > 1


def test_the_plot_is_svg_with_a_line_per_worker_count_and_the_peers():
    runs = [AddRun(n, w, n / (40 * w), 1.0, 500.0) for n in (1000, 10_000, 100_000) for w in (1, 2)]
    svg = ET.fromstring(throughput_svg(runs, PEERS))
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 2
    assert all(name in ET.tostring(svg, encoding="unicode") for name in PEERS)
