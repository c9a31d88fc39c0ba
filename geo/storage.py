"""Files the project keeps: a damaged one is moved out of the way, never deleted.

A workspace or a geocoding cache that cannot be read (a crash mid-write, a
disk error, another program's file under that name) should neither stop the
app nor vanish: it is renamed beside itself with a ``.damaged-<time>``
suffix, so a person can look at it or restore it, and a fresh file starts.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def move_aside(path: Path) -> Path:
    """Rename a damaged file (and its write-ahead log) out of the way, never deleting it."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    os.replace(path, target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, target.with_name(target.name + ".wal"))
    return target
