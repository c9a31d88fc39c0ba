"""One tree of errors, so callers catch :class:`GeoError` and show its message.

Each message is a sentence for the user: what is wrong, where, what to do.
"""

from __future__ import annotations


class GeoError(Exception):
    """Base of every error :mod:`geo` raises on purpose."""
