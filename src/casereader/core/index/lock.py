"""The case's update lock: one casereader process updates an index at a time."""

from __future__ import annotations

import fcntl
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..models import IndexBusy

BUSY = "another casereader process is indexing this case; searches use the index as it was until it finishes"


@contextmanager
def update_lock(
    index_dir: Path, timeout: float | None, cancelled: Callable[[], bool] | None, waiting: Callable[[str], None] | None
) -> Iterator[None]:
    """The case's update lock: an flock on ``UPDATE.lock``, released by the system when
    its process dies, so a killed run never leaves the case locked."""
    handle = os.open(index_dir / "UPDATE.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    raise IndexBusy(BUSY) from None
                if cancelled is not None and cancelled():
                    raise KeyboardInterrupt("indexing cancelled") from None
                if waiting is not None and not told:
                    waiting("waiting for another casereader process to finish indexing this case…")
                    told = True
                time.sleep(0.1)
        yield
    finally:
        os.close(handle)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl+C is held off while a cancelled build cleans up after itself (a second Ctrl+C,
    or the one a wrapper passes on, would leave its files behind).  Signals can only be set
    from the main thread; elsewhere (the app's worker) there is no Ctrl+C to hold off."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
