"""Shared fixtures: the gazetteer index (built once if missing) and the seed documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.documents import load_documents, parse_document
from geo.gazetteer.sources import load_or_build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def gazetteer():
    return load_or_build()


@pytest.fixture(scope="session")
def seeds():
    return load_documents([SEEDS])


@pytest.fixture
def doc():
    """Make a one-sentence document: doc("Die Lage in Kasachstan.")."""
    return lambda text, doc_id="t.txt": parse_document(doc_id, text)
