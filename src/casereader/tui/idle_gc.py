"""Python's cycle collector: its full collections run between keystrokes instead of during them."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

GC_IDLE = 1.0  # seconds without typing or moving before a full collection
HOLD = 0.5  # seconds after a key or click during which background encoding waits
FULL_NEVER = 1_000_000  # the oldest generation's threshold: no automatic full collection
FULL_PENDING = 20  # young collections since the last full one that make one worth running idle
FULL_PENDING_MAX = 5_000  # ...or at once, however busy (minutes of typing in a large case)


class IdleCollector:
    """A full collection walks every object alive that is not frozen: 30-50 ms with a large
    case open, 130-380 ms at 200,000 paragraphs (the documents' rows, the index's caches).
    Left automatic, one landed in the middle of a keystroke's search and paint every few
    seconds.  What is alive once the index is warm lives as long as the app and is frozen
    out of collections; the young generations are collected as usual (a few milliseconds,
    they hold only what was made since); the full collections run after GC_IDLE seconds of
    quiet (:meth:`tick`, called twice a second by the app)."""

    def __init__(self) -> None:
        self.started = False
        self._settle = False
        self._last_activity = time.monotonic()
        self._thresholds = gc.get_threshold()

    def activity(self) -> None:
        """The user typed or moved: put the next full collection off."""
        self._last_activity = time.monotonic()

    def busy(self) -> bool:
        """Whether the user typed or moved in the last HOLD seconds (the meaning's encoding
        processes wait meanwhile)."""
        return time.monotonic() - self._last_activity < HOLD

    def when_quiet(self, job: Callable[[], object], cancelled: Callable[[], bool], quiet: float = GC_IDLE) -> None:
        """Run ``job`` (from a worker thread) once the user has neither typed nor moved for
        ``quiet`` seconds since the index opened (:meth:`start`): long background work
        (reading the Sides views, 0.8 s at 200,000 paragraphs) holds the interpreter, and
        slowed the first keystrokes after launch."""
        while not cancelled():
            if self.started and time.monotonic() - self._last_activity >= quiet:
                job()
                return
            time.sleep(0.1)

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        self._last_activity = time.monotonic()  # the quiet for when_quiet counts from here
        gc.collect()
        gc.freeze()
        first, second = self._thresholds[:2]
        gc.set_threshold(first, second, FULL_NEVER)

    def settle(self) -> None:
        """Long-lived objects made after the start (a large case's document rows, added a
        chunk per frame once the index is open) are frozen out of later collections too, at
        the next quiet moment: at 200,000 paragraphs each full collection took 229 ms while
        they were not, and the collection that freezes them ~200 ms."""
        if self.started:
            self._settle = True

    def tick(self) -> None:
        quiet = time.monotonic() - self._last_activity >= GC_IDLE
        if self._settle and quiet:
            self._settle = False
            gc.collect()
            gc.freeze()
            return
        # gc.get_count()[2]: young collections (of the middle generation) since the last full one.
        pending = gc.get_count()[2]
        if pending >= FULL_PENDING and (quiet or pending > FULL_PENDING_MAX):
            gc.collect()

    def stop(self) -> None:
        gc.unfreeze()
        gc.set_threshold(*self._thresholds)
