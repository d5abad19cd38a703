"""What to do when the index is busy in another process or cannot be written has one home,
``Case.update_index``: the CLI and the app both call it."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from casereader.core import Case, IndexUpdate
from casereader.core.index import lock
from casereader.core.index.lock import update_lock

from .test_index import _many_files


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    _many_files(folder, 3)
    return folder


def test_an_index_up_to_date_is_a_report_and_no_problem(folder: Path, tmp_path: Path) -> None:
    update = Case(folder, tmp_path / "index").update_index()
    assert update.report is not None and len(update.report.added) == 3
    assert update.problem == "" and update.searchable


def test_busy_in_another_process_with_an_index_is_searched_as_it_was_at_once(folder: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    Case(folder, index_dir).update()
    _many_files(folder, 5)  # work for the update, which another process holds the lock for
    told: list[str] = []
    case = Case(folder, index_dir)
    with update_lock(index_dir, 0.0, None, None):  # an flock of its own: busy to this Case
        update = case.update_index(waiting=told.append)
    assert update == IndexUpdate(None, update.problem, True)
    assert "another casereader process is indexing" in update.problem
    assert told == []  # not waited for
    assert case.search("hearing").total == 15  # the index as it was: 3 articles


def _held_until_waited_for(index_dir: Path) -> tuple[threading.Thread, threading.Event]:
    """Another holder of the update lock, which lets go once someone says they wait for it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    holding, waited = threading.Event(), threading.Event()

    def hold() -> None:
        with update_lock(index_dir, 0.0, None, None):
            holding.set()
            waited.wait(timeout=30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(timeout=30)
    return holder, waited


def test_busy_with_no_index_yet_waits_for_the_other_process_then_catches_up(folder: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    holder, waited = _held_until_waited_for(index_dir)
    told: list[str] = []

    def waiting(message: str) -> None:
        told.append(message)
        waited.set()

    update = Case(folder, index_dir).update_index(waiting=waiting)
    holder.join(timeout=30)
    assert told == ["waiting for another casereader process to finish indexing this case…"]
    assert update.report is not None and len(update.report.added) == 3
    assert update.problem == "" and update.searchable


def test_wait_waits_for_the_other_process_even_with_an_index(folder: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    Case(folder, index_dir).update()
    _many_files(folder, 5)
    holder, waited = _held_until_waited_for(index_dir)
    update = Case(folder, index_dir).update_index(waiting=lambda message: waited.set(), wait=True)
    holder.join(timeout=30)
    assert update.report is not None and len(update.report.added) == 2 and update.searchable


@pytest.mark.parametrize("indexed", [True, False])
def test_an_index_that_cannot_be_written_is_searched_as_it_was_if_there_is_one(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indexed: bool
) -> None:
    index_dir = tmp_path / "index"
    if indexed:
        Case(folder, index_dir).update()
    _many_files(folder, 5)

    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(lock.os, "open", refuse)
    case = Case(folder, index_dir)
    update = case.update_index()
    assert update.report is None and "cannot be written" in update.problem
    assert update.searchable is indexed
    if indexed:
        assert case.search("hearing").total == 15


def test_any_other_failure_is_raised(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(lock.os, "open", broken)
    with pytest.raises(OSError, match="Input/output error"):
        Case(folder, tmp_path / "index").update_index()
