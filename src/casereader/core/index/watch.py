"""Watching a case folder for added, changed and removed articles.

Plain Python (no UI): the app runs :func:`watch_case` in a worker thread and re-indexes
when it yields.  watchfiles uses the operating system's notifications (inotify, FSEvents,
ReadDirectoryChangesW) and falls back to polling where there are none.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
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


def watch_case(folder: Path, stop: threading.Event, debounce_ms: int = 400) -> Iterator[set[str]]:
    """Yield the set of case paths changed, each time the folder settles after changes.

    The first set, possibly empty, comes as soon as the folder is being watched: an update
    then catches whatever changed between the caller's last update and the watch starting.
    Returns when ``stop`` is set (within ~50 ms) or the folder disappears.  Changes are
    grouped for up to ``debounce_ms`` so that saving a page with its assets, or copying
    a hundred files, is one update rather than a hundred.
    """
    from watchfiles import watch

    folder = folder.resolve()
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
