"""The app's cycle-collector policy: full collections and long background jobs wait for a
quiet moment; young collections stay automatic."""

from __future__ import annotations

import gc

import pytest

from casereader.tui import idle_gc
from casereader.tui.idle_gc import FULL_NEVER, FULL_PENDING, FULL_PENDING_MAX, GC_IDLE, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(idle_gc.time, "monotonic", clock)
    return clock


class Pending:
    """Young collections since the last full one, as gc.get_count()[2] says: set by the test,
    not left to whatever the test session allocated before (a real count of 20 or more made
    a tick collect when this test ran after many others)."""

    def __init__(self) -> None:
        self.young = 0


@pytest.fixture
def pending(monkeypatch: pytest.MonkeyPatch) -> Pending:
    made = Pending()
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, made.young))
    return made


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch, pending: Pending) -> list[str]:
    """What the collector asked of gc (nothing is really collected or frozen)."""
    made: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda *a: made.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: made.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: made.append("unfreeze"))
    return made


def test_young_collections_stay_automatic_and_the_thresholds_come_back(clock: Clock, calls: list[str]) -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    try:
        collector.start()
        assert gc.isenabled()
        assert gc.get_threshold() == (before[0], before[1], FULL_NEVER)
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    assert calls == ["collect", "freeze", "unfreeze"]


def test_the_rows_are_frozen_at_the_next_quiet_moment_not_at_once(clock: Clock, calls: list[str]) -> None:
    collector = IdleCollector()
    try:
        collector.start()
        calls.clear()
        collector.settle()
        collector.activity()
        collector.tick()
        assert calls == []  # the user is typing
        clock.now += GC_IDLE / 2
        collector.tick()
        assert calls == []
        clock.now += GC_IDLE
        collector.tick()
        assert calls == ["collect", "freeze"]
        collector.tick()
        assert calls == ["collect", "freeze"]  # once
    finally:
        collector.stop()


def test_full_collections_wait_for_quiet_unless_long_overdue(clock: Clock, calls: list[str], pending: Pending) -> None:
    collector = IdleCollector()
    try:
        collector.start()
        calls.clear()
        collector.activity()
        pending.young = FULL_PENDING
        collector.tick()
        assert calls == []  # typing: worth a full collection, but not now
        clock.now += GC_IDLE
        collector.tick()
        assert calls == ["collect"]
        calls.clear()
        pending.young = FULL_PENDING - 1
        collector.tick()
        assert calls == []  # quiet, but too little to collect
        collector.activity()
        pending.young = FULL_PENDING_MAX + 1
        collector.tick()
        assert calls == ["collect"]  # minutes of typing: collected however busy
    finally:
        collector.stop()


def test_a_background_job_waits_for_the_index_and_for_quiet(
    clock: Clock, calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    collector = IdleCollector()
    done: list[str] = []
    waits: list[int] = []

    def sleep(seconds: float) -> None:  # each wait: the app opens its index, then the user types, then stops
        waits.append(1)
        if len(waits) == 3:
            collector.start()
            collector.activity()
        elif len(waits) == 5:
            collector.activity()
        clock.now += seconds

    monkeypatch.setattr(idle_gc.time, "sleep", sleep)
    clock.now += 10 * GC_IDLE  # long before the index opened: not quiet "since" anything yet
    try:
        collector.when_quiet(lambda: done.append("views"), cancelled=lambda: False)
        assert done == ["views"]
        assert len(waits) >= 5 + round(GC_IDLE / 0.1) - 1  # a full quiet second after the last activity
        done.clear()
        collector.activity()
        collector.when_quiet(lambda: done.append("views"), cancelled=lambda: True)
        assert done == []  # the app closed first
    finally:
        collector.stop()
