"""The views kept between runs: a pickle in the index folder, under the key of what they were
built from (a different key, a damaged or unreadable file: built again)."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

from . import SideViews


def cached_views(path: Path, key: str, build: Callable[[], SideViews]) -> SideViews:
    try:
        with path.open("rb") as handle:
            stored_key, stored = pickle.load(handle)
        if stored_key == key and isinstance(stored, SideViews):
            return stored
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass
    views = build()
    try:
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump((key, views), handle)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only index folder: built again next time
    return views
