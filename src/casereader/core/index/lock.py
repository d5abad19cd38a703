"""The case's update lock: one casereader process updates an index at a time."""

from __future__ import annotations

import fcntl
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..models import IndexBusy

BUSY = "another casereader process is indexing this case; searches use the index as it was until it finishes"


LOCK_NAME = "UPDATE.lock"


@contextmanager
def update_lock(
    index_dir: Path,
    timeout: float | None,
    cancelled: Callable[[], bool] | None,
    waiting: Callable[[str], None] | None,
    notices: list[str] | None = None,
) -> Iterator[None]:
    """The case's update lock: an flock on ``UPDATE.lock``, released by the system when
    its process dies, so a killed run never leaves the case locked.

    The file holds its owner's pid and start time.  A lock still held when its owner is dead
    is held by processes left behind by that owner (a build's workers, before they died with
    their parent): it is taken over, a new lock file in place of the old, and ``notices`` told.
    """
    path = index_dir / LOCK_NAME
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = _owner(handle)
                if owner is not None and not alive(*owner):
                    handle = _take_over(path, handle)
                    if notices is not None:
                        notices.append(
                            f"the index lock of casereader process {owner[0]}, which has ended, was taken over"
                        )
                    continue
                if deadline is not None and time.monotonic() >= deadline:
                    raise IndexBusy(BUSY) from None
                if cancelled is not None and cancelled():
                    raise KeyboardInterrupt("indexing cancelled") from None
                if waiting is not None and not told:
                    waiting("waiting for another casereader process to finish indexing this case…")
                    told = True
                time.sleep(0.1)
                continue
            if not _same_file(path, handle):  # taken over meanwhile: lock the new file
                os.close(handle)
                handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
                continue
            break
        with suppress(OSError):
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()} {_start_time(os.getpid())}\n".encode(), 0)
        yield
    finally:
        os.close(handle)


def _owner(handle: int) -> tuple[int, str] | None:
    """The pid and start time written in a lock file (None when it holds neither)."""
    try:
        words = os.pread(handle, 100, 0).decode("ascii").split()
        return int(words[0]), words[1] if len(words) > 1 else ""
    except (OSError, ValueError, IndexError):
        return None


def _start_time(pid: int) -> str:
    """When a process started, in clock ticks since boot (Linux), to tell it from a later
    process given the same pid ("" where the system does not say)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
        return stat[stat.rindex(")") + 2 :].split()[19]
    except (OSError, ValueError, IndexError):
        return ""


def alive(pid: int, started: str) -> bool:
    """Whether the process that wrote a lock file still runs."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    return not started or not (now := _start_time(pid)) or now == started


def _same_file(path: Path, handle: int) -> bool:
    try:
        here, held = os.stat(path), os.fstat(handle)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)


def _take_over(path: Path, handle: int) -> int:
    """A new lock file in place of one held by what its dead owner left behind."""
    if _same_file(path, handle):
        with suppress(OSError):
            path.unlink()
    os.close(handle)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)


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
