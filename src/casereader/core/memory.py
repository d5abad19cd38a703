"""Python's cycle collector while a case's large, long-lived structures are read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager


def long_lived() -> AbstractContextManager[None]:
    """Read what will live long, without the cycle collector, then freeze it out of its
    collections.

    Opening a 50,000-file case makes some two million objects (the manifest, the documents,
    the index's number tables) and no garbage.  Left automatic, the collector walked the
    growing heap again and again as they were made (0.25 s of the 0.58 s the manifest and the
    documents took, 0.14 s of the 0.21 s the searcher's tables took), and each full collection
    after would walk them all, on whichever thread allocated next: the app's, as it drew.
    Frozen (``gc.freeze``), they are skipped by collections and freed as usual, by reference
    counting, when the manifest is replaced (they hold no cycles).  Safe from several threads
    at once: the collector is on again when the first that turned it off is done."""
    return _collector_off(freeze=True)


def paused() -> AbstractContextManager[None]:
    """Work that makes many objects and no garbage, without the cycle collector (on again after,
    nothing frozen: what another thread made meanwhile is collected as usual).

    Building the Sides views of 20,000 paragraphs makes about a million objects, none in a
    cycle; left automatic, the collector walked the growing heap again and again (~4 s of the
    ~19 s of CPU a build took in one process).  Processes forked meanwhile start without it."""
    return _collector_off(freeze=False)


@contextmanager
def _collector_off(freeze: bool) -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:  # the first to turn it off turns it on again
            if freeze:
                gc.freeze()
            gc.enable()
