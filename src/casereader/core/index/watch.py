"""Watching a case folder for added, changed and removed articles.

Plain Python (no UI): the app runs :func:`watch_case` in a worker thread and re-indexes
when it yields.  watchfiles uses the operating system's notifications (inotify, FSEvents,
ReadDirectoryChangesW) and falls back to polling where there are none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from ..ingest.metadata import CATALOG_NAME
from ..ingest.reader import is_article_path, is_hidden, is_swap_file


def relevant(folder: Path, changed: str) -> str | None:
    """The path relative to ``folder`` if a change to it matters to the case, else None.

    Articles of every format (by suffix: a PDF, a mailbox, a web archive too) and the catalog
    matter; hidden files and folders (``.git``), editors' swap and backup files and files of
    other types do not (those are listed as skipped at the next update).
    """
    try:
        relative = Path(changed).resolve().relative_to(folder)
    except (OSError, ValueError):
        return None
    if not relative.parts or is_hidden(relative):
        return None
    if is_swap_file(relative.name):
        return None
    if relative.as_posix() == CATALOG_NAME or is_article_path(relative) or not relative.suffix:
        return relative.as_posix()  # no suffix: maybe a folder moved in or out; the update decides
    return None


RETRIES = 5  # a watch that fails again at once this many times in a row is given up


def watch_case(
    folder: Path, stop: threading.Event, debounce_ms: int = 400, problem: Callable[[str], None] | None = None
) -> Iterator[set[str]]:
    """Yield the set of case paths changed, each time the folder settles after changes.

    The first set, possibly empty, comes as soon as the folder is being watched: an update
    then catches whatever changed between the caller's last update and the watch starting.
    Returns when ``stop`` is set (within ~50 ms) or the folder disappears.  Changes are
    grouped for up to ``debounce_ms`` so that saving a page with its assets, or copying
    a hundred files, is one update rather than a hundred.

    A symbolic link loop made in the folder while it is watched stopped the watch for good
    (watchfiles raised "Symlink loop from …"): the watch is started again, which says it is
    in place again (the caller's update catches up), and ``problem`` is told once.
    """
    folder = folder.resolve()
    told: set[str] = set()
    failures = 0
    while not stop.is_set():
        try:
            for paths in _watch(folder, stop, debounce_ms):
                failures = 0
                yield paths
            return
        except (OSError, RuntimeError) as exc:
            failures += 1
            if not folder.is_dir() or failures >= RETRIES:
                raise
            message = str(exc)
            if problem is not None and message not in told:
                told.add(message)
                problem(message)
            stop.wait(0.1 * 2**failures)


def _watch(folder: Path, stop: threading.Event, debounce_ms: int) -> Iterator[set[str]]:
    from watchfiles import watch

    first = True
    for changes in watch(
        folder,
        watch_filter=None,
        debounce=debounce_ms,
        step=50,
        stop_event=stop,
        rust_timeout=300,
        yield_on_timeout=True,  # the first timeout says the watch is in place
        raise_interrupt=False,
        ignore_permission_denied=True,
    ):
        paths = {found for _, changed in changes if (found := relevant(folder, changed))}
        if paths or first:
            first = False
            yield paths
