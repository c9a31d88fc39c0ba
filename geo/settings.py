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
``session_files``         ``GEO_SESSION_FILES``           files one session may add (200)
``session_megabytes``     ``GEO_SESSION_MB``              megabytes one session may add (200)
========================  ==============================  =====================================

A single file is also limited, by the browser (``server.maxUploadSize`` in
``.streamlit/config.toml``) and by ``GEO_MAX_FILE_MB`` (see geo.workspace.readers).
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.views.tables import counted
from geo.workspace.store import ENVIRONMENT_VARIABLE, default_workspace_path

_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class Settings:
    """What a deployment chose; the defaults are a reader's own laptop (everything editable)."""

    workspace: Path
    read_only: bool = False
    editor_password: str | None = None
    session_files: int = 200
    session_megabytes: float = 200.0

    @classmethod
    def load(cls, secrets: Mapping | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from the app's secrets, then the environment.

        Examples
        --------
        >>> Settings.load({"read_only": True}, {"GEO_WORKSPACE": "team.duckdb"}).read_only
        True
        """
        secrets = secrets or {}
        environ = os.environ if environ is None else environ
        workspace = secrets.get("workspace") or environ.get(ENVIRONMENT_VARIABLE)
        read_only = secrets.get("read_only", environ.get("GEO_READ_ONLY", False))
        password = secrets.get("editor_password") or environ.get("GEO_EDITOR_PASSWORD") or None
        files = secrets.get("session_files", environ.get("GEO_SESSION_FILES", cls.session_files))
        megabytes = secrets.get("session_megabytes", environ.get("GEO_SESSION_MB", cls.session_megabytes))
        return cls(
            workspace=Path(workspace) if workspace else default_workspace_path(),
            read_only=read_only is True or str(read_only).strip().lower() in _TRUE,
            editor_password=str(password) if password else None,
            session_files=int(files),
            session_megabytes=float(megabytes),
        )

    def upload_allowance(self) -> Allowance:
        """What a new session may upload."""
        return Allowance(self.session_files, int(self.session_megabytes * 2**20))

    def may_edit(self, password: str | None) -> bool:
        """Whether a reader may add, correct and remove: always on an open workspace; on a read-only
        one, with the editor password (compared in constant time)."""
        if not self.read_only:
            return True
        if not self.editor_password or not password:
            return False
        return hmac.compare_digest(password.encode("utf-8"), self.editor_password.encode("utf-8"))


@dataclass
class Allowance:
    """What one app session may upload, so that one reader of a shared dashboard cannot fill its disk
    or keep its two cores busy for hours; each file taken counts against it."""

    files: int
    bytes: int
    used_files: int = 0
    used_bytes: int = 0

    def take(self, files: list[tuple[str, int]]) -> tuple[list[str], list[str]]:
        """The names of ``files`` (name, size in bytes) taken, in order, while the allowance lasts, and a
        sentence for each one refused.

        Examples
        --------
        >>> allowance = Allowance(files=2, bytes=100)
        >>> taken, refused = allowance.take([("a.txt", 60), ("b.txt", 60), ("c.txt", 10)])
        >>> taken
        ['a.txt', 'c.txt']
        >>> print(refused[0])
        b.txt: this session may add 40 bytes more, and the file has 60 bytes; ask the dashboard's owner to add it, or start a new session.
        >>> print(allowance.take([("d.txt", 1)])[1][0])
        d.txt: this session has added its 2 files; ask the dashboard's owner to add more, or start a new session.
        """
        taken, refused = [], []
        for name, size in files:
            if self.used_files >= self.files:
                refused.append(f"{name}: this session has added its {counted(self.files, 'file')}; ask the dashboard's "
                               "owner to add more, or start a new session.")
            elif self.used_bytes + size > self.bytes:
                refused.append(f"{name}: this session may add {_size(self.bytes - self.used_bytes)} more, and the "
                               f"file has {_size(size)}; ask the dashboard's owner to add it, or start a new session.")
            else:
                taken.append(name)
                self.used_files += 1
                self.used_bytes += size
        return taken, refused


def _size(count: int) -> str:
    if count < 2**10:
        return f"{count} bytes"
    if count < 2**20:
        return f"{count / 2**10:.0f} KB"
    return f"{count / 2**20:.1f} MB"
