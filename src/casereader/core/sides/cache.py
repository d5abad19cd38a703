"""The views kept between runs: a pickle in the index folder, under the key of what they were
built from (a different key, a damaged or unreadable file: built again)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from ..memory import long_lived
from . import SideViews

VIEWS_APART = 20_000  # paragraphs from which a case's views are built by a process of their own


class KeptViews:
    """A case's views in memory and in its index folder, one build at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._views: tuple[str, SideViews] | None = None  # (key, views)
        self._stamp: tuple[object, int] | None = None  # what said the views were current, last time
        self._child: subprocess.Popen[bytes] | None = None  # the process building them apart
        self._closed = False

    def close(self) -> None:
        """The case is closed: a process building the views apart is stopped (it would go on
        for a minute after the app quit), and no build starts."""
        self._closed = True
        child = self._child
        if child is not None and child.poll() is None:
            child.terminate()

    def build_apart(self, folder: Path, index_dir: Path, data_dir: Path) -> bool:
        """Build a case's views in a process of its own, which stores them in the index folder
        (``python -m casereader.core.build_views``): at 200,000 paragraphs the build takes ~85 s and
        ~600 MB, which the app's process then neither holds nor waits on with its interpreter
        (typing stays as quick as usual meanwhile); it reads the result (275 MB, 0.5 s)."""
        command = [sys.executable, "-m", "casereader.core.build_views", str(folder), str(index_dir), str(data_dir)]
        if self._closed:
            return False
        try:
            child = self._child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            return False
        return child.wait() == 0 and not self._closed

    def forget(self) -> None:
        self._views = None

    def get(
        self,
        stamp: tuple[object, int],
        key: Callable[[], str],
        build: Callable[[], SideViews],
        wait: bool,
        apart: Callable[[], bool] | None = None,
    ) -> SideViews | None:
        """The views for ``key()`` (``stamp`` unchanged: the ones held, without computing
        the key).  ``wait=False``: None when they are being built or would have to be.
        ``apart``: builds and stores them in another process (False when it could not), read
        from the file after; else, or when that fails, ``build`` runs here."""
        if self._closed or not self._lock.acquire(blocking=wait):
            return None
        try:
            held = self._stamp
            if self._views is not None and held is not None and held[0] is stamp[0] and held[1] == stamp[1]:
                return self._views[1]
            current = key()
            if self._views is None or self._views[0] != current:
                views = stored_views(self.path, current)
                if views is None and wait and apart is not None and apart():
                    views = stored_views(self.path, current)
                if views is None and wait and not self._closed:
                    views = build()
                    store_views(self.path, current, views)
                if views is None:
                    return None
                self._views = (current, views)
            self._stamp = stamp
            return self._views[1]
        finally:
            self._lock.release()


def stored_views(path: Path, key: str) -> SideViews | None:
    """The views stored for ``key`` (None when none are).  The key is pickled ahead of the
    views: a stale file is told by it alone."""
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) == key:
                # Unpickling makes objects by the hundred thousand and no garbage (Case.views
                # from the cache at 200,000 paragraphs: 1.56 s, 0.79 s without the collector).
                with long_lived():
                    stored = pickle.load(handle)
                if isinstance(stored, SideViews):
                    return stored
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        pass
    return None


def store_views(path: Path, key: str, views: SideViews) -> None:
    try:
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(key, handle)
            pickle.dump(views, handle)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only index folder: built again next time
