"""The views kept between runs: a pickle in the index folder, under the key of what they were
built from (a different key, a damaged or unreadable file: built again)."""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import SideViews


def cached_views(path: Path, key: str, build: Callable[[], SideViews]) -> SideViews:
    try:
        with path.open("rb") as handle, _no_collections():
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


@contextmanager
def _no_collections() -> Iterator[None]:
    """Unpickling makes objects by the hundred thousand (figures, names, events) and no
    garbage: the cycle collector, run every few thousand of them, walked the growing heap
    again and again (Case.views from the cache at 200,000 paragraphs: 1.56 s, 0.79 s without).
    What was read is then frozen out of the collections (``gc.freeze``), since the first one
    after would walk all of it at once (~350 ms, on whichever thread allocated next); the
    views are freed as usual, by reference counting, when the case changes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
