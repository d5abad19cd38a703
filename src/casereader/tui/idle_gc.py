"""Python's cycle collector, run between keystrokes instead of during them."""

from __future__ import annotations

import gc
import time

GC_IDLE = 1.0  # seconds without typing or moving before cyclic garbage is collected
GC_PENDING_MAX = 200_000  # ...or sooner, when this many objects wait (typing for minutes)


class IdleCollector:
    """A full collection takes 30-50 ms with a large case open; left automatic, one lands in
    the middle of a keystroke's search and paint every few seconds.  What is alive once the
    index is warm (Textual, the index's caches) lives as long as the app and is frozen out of
    collections; the rest is collected after GC_IDLE seconds of quiet (:meth:`tick`, called
    twice a second by the app)."""

    def __init__(self) -> None:
        self.started = False
        self._last_activity = time.monotonic()

    def activity(self) -> None:
        """The user typed or moved: put the next collection off."""
        self._last_activity = time.monotonic()

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        gc.collect()
        gc.freeze()
        gc.disable()

    def settle(self) -> None:
        """Long-lived objects made after the start (a large case's document rows, added a
        chunk per frame once the index is open) are frozen out of later collections too: at
        200,000 paragraphs each full collection took 229 ms while they were not."""
        if self.started:
            gc.collect()
            gc.freeze()

    def tick(self) -> None:
        pending = gc.get_count()[0]
        if pending < 1_000:
            return
        if time.monotonic() - self._last_activity >= GC_IDLE or pending > GC_PENDING_MAX:
            gc.collect()

    def stop(self) -> None:
        gc.unfreeze()
        gc.enable()
