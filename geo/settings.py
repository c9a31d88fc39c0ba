"""The app's settings: which workspace, and whether readers may change it.

A deployed dashboard is often shared with people who should read, not edit.
Settings come from ``.streamlit/secrets.toml`` (Streamlit Community Cloud's
"Secrets" box) or, where there is none, from environment variables (Docker's
``-e``), the secrets winning:

========================  ==============================  =====================================
secrets.toml              environment                     meaning
========================  ==============================  =====================================
``workspace``             ``GEO_WORKSPACE``               the workspace file
``read_only``             ``GEO_READ_ONLY``               no upload, corrections or removal
``editor_password``       ``GEO_EDITOR_PASSWORD``         who enters it may edit a read-only one
========================  ==============================  =====================================
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.workspace import ENVIRONMENT_VARIABLE, default_workspace_path

_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class Settings:
    """What a deployment chose; the defaults are a reader's own laptop (everything editable)."""

    workspace: Path
    read_only: bool = False
    editor_password: str | None = None

    @classmethod
    def load(cls, secrets: Mapping | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from the app's secrets, then the environment.

        Examples
        --------
        >>> Settings.load({"read_only": True}, {"GEO_WORKSPACE": "team.duckdb"})
        Settings(workspace=PosixPath('team.duckdb'), read_only=True, editor_password=None)
        """
        secrets = secrets or {}
        environ = os.environ if environ is None else environ
        workspace = secrets.get("workspace") or environ.get(ENVIRONMENT_VARIABLE)
        read_only = secrets.get("read_only", environ.get("GEO_READ_ONLY", False))
        password = secrets.get("editor_password") or environ.get("GEO_EDITOR_PASSWORD") or None
        return cls(
            workspace=Path(workspace) if workspace else default_workspace_path(),
            read_only=read_only is True or str(read_only).strip().lower() in _TRUE,
            editor_password=str(password) if password else None,
        )

    def may_edit(self, password: str | None) -> bool:
        """Whether a reader may add, correct and remove: always on an open workspace; on a read-only
        one, with the editor password (compared in constant time)."""
        if not self.read_only:
            return True
        if not self.editor_password or not password:
            return False
        return hmac.compare_digest(password.encode("utf-8"), self.editor_password.encode("utf-8"))
