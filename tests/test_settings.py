"""Deployment settings and the read-only mode (geo.settings)."""

from pathlib import Path

import pytest

from geo.settings import Settings


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
