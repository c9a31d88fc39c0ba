"""Extraction on a Dask LocalCluster stores what a serial run stores, and survives a worker that dies."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from geo.workspace.parallel import DaskRunner, analyse_batch
from geo.workspace.readers import read_paths
from geo.workspace.store import Workspace

pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parent.parent
UPLOADS = ROOT / "tests" / "data" / "uploads"


def corpus():
    return list(read_paths([ROOT / "seeds", UPLOADS / "taldykorgan.txt", UPLOADS / "nairobi.html",
                            UPLOADS / "archive.csv"]))


def contents(workspace: Workspace) -> dict[str, list[tuple]]:
    """Every stored row that does not depend on when it was written."""
    queries = {
        "documents": "SELECT doc, title, date, language, content_hash, text FROM documents ORDER BY doc",
        "sentences": 'SELECT doc, idx, start, "end" FROM sentences ORDER BY ALL',
        "mentions": 'SELECT doc, start, "end", text, kind, sentence, place_id, score, candidates FROM mentions ORDER BY ALL',
        "places": "SELECT * FROM places ORDER BY place_id",
    }
    with workspace.connect() as db:
        return {table: db.execute(query).fetchall() for table, query in queries.items()}


def die_once(documents, *, marker: Path):
    """A batch function whose worker process dies the first time it runs anywhere."""
    if not marker.exists():
        marker.touch()
        os._exit(1)
    return analyse_batch(documents)


def test_a_local_cluster_stores_what_a_serial_run_stores(tmp_path, gazetteer):
    serial = Workspace(tmp_path / "serial.duckdb")
    serial_report = serial.add(corpus(), gazetteer)
    parallel = Workspace(tmp_path / "parallel.duckdb")
    with DaskRunner(workers=2, batch=2) as runner:
        report = parallel.add(corpus(), runner=runner)
    assert sorted(report.added) == sorted(serial_report.added) and len(report.added) == 9
    assert contents(parallel) == contents(serial)


def test_the_runner_draws_documents_only_as_its_workers_need_them(gazetteer):
    drawn = []

    def documents():
        for document in corpus():
            drawn.append(document.id)
            yield document

    with DaskRunner(workers=2, batch=1, ahead=2) as runner:
        analyses = runner(documents())
        next(analyses)
        assert len(drawn) == 3  # two in flight, and the next sent when the first came back
        assert len([next(analyses), *analyses]) == 8 and len(drawn) == 9


def test_a_worker_that_dies_mid_run_costs_a_retry_not_a_document(tmp_path, gazetteer):
    workspace = Workspace(tmp_path / "workspace.duckdb")
    with DaskRunner(workers=2, batch=3, analyse=partial(die_once, marker=tmp_path / "died")) as runner:
        report = workspace.add(corpus(), runner=runner)
    assert (tmp_path / "died").exists()
    assert len(report.added) == 9 and not report.errors
    stored = contents(workspace)
    assert len(stored["documents"]) == 9
    assert len({row[:3] for row in stored["mentions"]}) == len(stored["mentions"])  # nothing stored twice


def test_a_scheduler_that_does_not_answer_is_a_clear_error():
    from geo.errors import GeoError

    with pytest.raises(GeoError, match="tcp://127.0.0.1:9: no Dask scheduler answered within 1 s"):
        with DaskRunner(scheduler="tcp://127.0.0.1:9", timeout=1):
            pass
