"""Deployment settings and the read-only mode (geo.settings)."""

from pathlib import Path

import pytest

from geo.settings import Allowance, Settings


def test_defaults_are_a_readers_own_laptop():
    settings = Settings.load({}, {})
    assert not settings.read_only and settings.may_edit(None)
    assert settings.workspace.name == "workspace.duckdb"


def test_secrets_win_over_the_environment():
    settings = Settings.load({"workspace": "a.duckdb"}, {"GEO_WORKSPACE": "b.duckdb", "GEO_READ_ONLY": "yes"})
    assert settings.workspace == Path("a.duckdb") and settings.read_only


@pytest.mark.parametrize("value, read_only", [(True, True), ("true", True), ("1", True), ("0", False), (False, False)])
def test_read_only_values(value, read_only):
    assert Settings.load({"read_only": value}, {}).read_only is read_only


def test_read_only_needs_the_editor_password():
    settings = Settings.load({"read_only": True, "editor_password": "s3cret"}, {})
    assert not settings.may_edit(None) and not settings.may_edit("wrong") and settings.may_edit("s3cret")
    assert not Settings.load({"read_only": True}, {}).may_edit("anything")  # no password: nobody edits


def test_a_session_uploads_within_its_allowance():
    allowance = Settings.load({"session_files": 3}, {"GEO_SESSION_MB": "1"}).upload_allowance()
    assert allowance == Allowance(files=3, bytes=2**20)
    taken, refused = allowance.take([("a.txt", 600_000), ("big.pdf", 600_000), ("b.txt", 1000)])
    assert taken == ["a.txt", "b.txt"]
    assert refused == ["big.pdf: this session may add 438 KB more, and the file has 586 KB; ask the dashboard's "
                       "owner to add it, or start a new session."]
    taken, refused = allowance.take([("c.txt", 10), ("d.txt", 10)])
    assert taken == ["c.txt"] and refused[0].startswith("d.txt: this session has added its 3 files")
