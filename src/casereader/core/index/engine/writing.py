"""Merging segments, and cancelling or watching a build: the index's files stay what its
committed segments use."""

from __future__ import annotations

import multiprocessing
import os
import queue
import re
import shutil
import signal
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from whoosh import multiproc

from ...models import IndexUnwritable
from ...processes import kill_with_parent

DELETED_FRACTION = 0.25  # a segment with more of its paragraphs deleted is rewritten at commit
_SEGMENT_FILE = re.compile(r"(MAIN_[0-9a-z]+)\.")  # a segment id, as segment_id() gives it


def merge_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's merge policy (small segments are merged), and segments whose paragraphs are
    mostly deleted are rewritten without them.  Whoosh leaves deleted paragraphs in large
    segments for ever: after eight updates that changed every file of a 300-file case the
    index was 9 times its size, and estimated counts 9 times too high."""
    from whoosh.reading import SegmentReader
    from whoosh.writing import MERGE_SMALL

    kept = []
    for segment in MERGE_SMALL(writer, segments):
        total = segment.doc_count_all()
        if total and segment.deleted_count() > DELETED_FRACTION * total:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)  # copies the paragraphs that are not deleted
            reader.close()
        else:
            kept.append(segment)
    return kept


def cancel_writer(writer: Any) -> None:
    """Cancel a writer, and stop the processes of a parallel one (Whoosh's own ``cancel``
    only flags them, in the parent's copy).  A writer already committed is left alone."""
    if getattr(writer, "is_closed", False):
        return
    try:
        writer.cancel()
    finally:
        for task in getattr(writer, "tasks", []):
            if task.is_alive():
                task.terminate()
            task.join(2)
        # With the workers gone, nothing reads the job queue: at exit, multiprocessing would
        # wait for ever on the queue's feeder thread (a Ctrl+C'd `index` hung in one run of
        # twenty).  Let the process exit without flushing it.
        for name in ("jobqueue", "resultqueue"):
            jobs = getattr(writer, name, None)
            jobs = getattr(jobs, "jobs", jobs)  # under the _WatchedQueue
            if jobs is not None and hasattr(jobs, "cancel_join_thread"):
                jobs.cancel_join_thread()


def is_parallel(writer: Any) -> bool:
    """Whether a writer is Whoosh's parallel one (a segment per worker process)."""
    return isinstance(writer, multiproc.MpWriter)


def failed_workers(writer: Any) -> list[int]:
    """Exit codes of a parallel build's failed workers (Whoosh commits without their part)."""
    return [task.exitcode for task in getattr(writer, "tasks", []) if task.exitcode not in (0, None)]


def remove_orphans(ix: Any) -> int:
    """Delete segment files that no committed segment uses, and Whoosh's temporary folder
    (job lists, posting runs): what a cancelled, killed or failed (disk full) build wrote.
    Call only while no writer of this index is open."""
    live = {segment.segment_id() for segment in ix._segments()}
    removed = 0
    folder = Path(ix.storage.folder)
    for temporary in folder.glob("*.tmp"):
        shutil.rmtree(temporary, ignore_errors=True) if temporary.is_dir() else temporary.unlink(missing_ok=True)
        removed += 1
    for name in list(ix.storage.list()):
        match = _SEGMENT_FILE.match(name)
        if match and match.group(1) not in live:
            with suppress(OSError):
                ix.storage.delete_file(name)
                removed += 1
    return removed


_original_subwriter_run = multiproc.SubWriterTask.run
_original_new_task = multiproc.MpWriter._new_task


def _quiet_subwriter_run(self: Any) -> Any:
    """A parallel build's worker process ends quietly on Ctrl+C (the parent reports it once),
    also on one held while it started (see below): it comes now, inside the ``try``."""
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # not the parent's, while it forked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        _as_a_process_of_its_own()
        _die_with_parent()
        return _original_subwriter_run(self)
    except KeyboardInterrupt:
        return None
    except Exception:  # a full disk, a crash: the parent says so, and indexes its part again
        raise SystemExit(1) from None  # (no traceback: in the app it would cross the screen)


WATCH_PARENT_S = 0.5  # how often a worker checks that its parent lives, where prctl is not


def _die_with_parent() -> None:
    """A worker process ends when the build's process does.  When that one was killed
    (SIGKILL, SIGTERM, its terminal closed: SIGHUP), its workers waited for ever on their job
    queue, holding the index's locks (their copies of its descriptors): every later `index`
    waited for them.  The worker lets go of its copies of the locks at once (they stay held by
    the parent), asks Linux for SIGKILL when its parent dies, and everywhere watches its
    parent's pid from a thread, for a parent that died before the request was made."""
    _close_inherited_locks()
    parent = multiprocessing.parent_process()
    parent_pid = parent.pid if parent is not None else os.getppid()
    kill_with_parent()
    if os.getppid() != parent_pid:  # the parent died before the request: nobody to work for
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(WATCH_PARENT_S)
        os._exit(1)

    threading.Thread(target=watch, name="casereader-parent-watch", daemon=True).start()


def _close_inherited_locks() -> None:
    """Close this process's copies of the parent's lock descriptors (the update lock and
    Whoosh's write lock): closing a copy leaves the parent's lock held (``flock`` would not:
    unlocking through a copy unlocks for both), and a worker left behind holds none."""
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return
    for entry in list(fds.iterdir()):
        with suppress(OSError, ValueError):
            if os.readlink(entry).endswith(LOCK_NAMES):
                os.close(int(entry.name))


LOCK_NAMES = ("UPDATE.lock", "WRITELOCK")


def _new_task_holding_ctrl_c(self: Any) -> Any:
    """Start a worker process with Ctrl+C held: blocked in the thread that forks (the worker
    inherits that, and lets it come once its ``run`` can end quietly on it, see above) and, in
    the main thread, caught and raised again once the worker has started.  A Ctrl+C that came
    while a worker started printed multiprocessing's traceback from the worker ("Process
    SubWriterTask-1: … KeyboardInterrupt"), or was lost in the parent (raised inside an
    at-fork hook, where Python ignores exceptions: the build went on to the end)."""
    caught: list[int] = []
    main = threading.current_thread() is threading.main_thread()  # where Python handles signals
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number)) if main else None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return _original_new_task(self)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        if main:
            signal.signal(signal.SIGINT, previous)
            if caught:
                signal.raise_signal(signal.SIGINT)  # now, where the build stops on it


def _as_a_process_of_its_own() -> None:
    """In a worker process forked by a build running in a thread (the app's indexing
    worker, a thread of a ThreadPoolExecutor): after its work, Python 3.11's
    ``threading._shutdown`` ran the executor's exit hook, which joins the executor's threads,
    the forked one among them: "cannot join current thread", and the process exited with
    code 1 although it had written its segment,
    so every parallel build started from the app failed ("a process of the build failed").
    The error is ignored there, and the worker writes to the real standard streams, not to
    the app's captured ones.  Only the forked process is changed."""
    original = getattr(threading, "_shutdown")  # noqa: B009 (private: mypy does not know it)

    def shutdown() -> None:
        with suppress(RuntimeError):
            original()

    setattr(threading, "_shutdown", shutdown)  # noqa: B010
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


def apply_quiet_subwriters() -> None:
    multiproc.SubWriterTask.run = _quiet_subwriter_run
    multiproc.MpWriter._new_task = _new_task_holding_ctrl_c


class WorkerDied(IndexUnwritable):
    """A process of a parallel build ended before its work was done (killed, crashed, a full
    disk): what it was given is not in the index."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"a process of the build failed (exit code {exitcode})")
        self.exitcode = exitcode


class _WatchedQueue:
    """A parallel build's job queue, as the parent puts into it: when a worker process has
    died, a put raises instead of waiting for ever on a full queue."""

    def __init__(self, jobs: Any, tasks: list[Any]) -> None:
        self.jobs, self.tasks = jobs, tasks

    def put(self, item: Any) -> None:
        while True:
            try:
                self.jobs.put(item, timeout=0.5)
                return
            except queue.Full:
                dead = [t.exitcode for t in self.tasks if not t.is_alive()]
                if dead:
                    raise WorkerDied(dead[0]) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.jobs, name)


def watch_workers(writer: Any) -> Any:
    """A writer whose parallel workers are watched (Whoosh's parent waits for ever when one
    dies with the job queue full).  Other writers are returned as they are."""
    if isinstance(writer, multiproc.MpWriter):
        writer.jobqueue = _WatchedQueue(writer.jobqueue, writer.tasks)
    return writer
