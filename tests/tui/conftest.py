"""What the app's tests share: the app on the seeds with a copy of their index built once,
and Pilot helpers that wait on what the app is doing, never on the clock."""

from __future__ import annotations

import gc
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.command import CommandList
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input

from casereader.core import Case
from casereader.tui import idle_gc
from casereader.tui.app import CaseReaderApp, make_app
from casereader.tui.widgets import DocumentsPane, RelatedPane, SearchBox

from ..conftest import SEEDS

BACKGROUND = ("watch", "views", "meaning")  # workers that wait for the folder or for quiet: never waited for
ROUNDS = 500  # pauses a wait may take (each at least 20 ms: Textual sleeps until the process is idle)


def _busy(app: CaseReaderApp) -> list[Any]:
    return [w for w in app.workers if w.group not in BACKGROUND and not w.is_finished]


def _waiting(app: CaseReaderApp) -> bool:
    """The main screen has a debounce timer running: the related passages of the passage under
    the cursor, or the per-document counts of the result listed, are still to come."""
    main = app.main
    if not main.is_mounted:
        return False
    if main.query_one(RelatedPane).waiting:
        return True
    return main.result is not None and main.query_one(DocumentsPane).counts is not main.result.doc_counts


async def settle(pilot: Any, app: CaseReaderApp, rounds: int = ROUNDS) -> None:
    """Let the app finish what the last keys started: its messages handled, its workers done
    (all but the background ones), its debounce timers fired — twice in a row quiet."""
    quiet = 0
    for _ in range(rounds):
        await pilot.pause()
        busy = _busy(app)
        if busy:
            quiet = 0
            await app.workers.wait_for_complete(busy)
        elif _waiting(app):
            quiet = 0
        else:
            quiet += 1
            if quiet == 2:
                return


def record_notices(notices: list[str]) -> Callable[[Message], None]:
    """A message hook for run_test that keeps every notice the app shows ("title message")."""

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            notices.append(f"{message.notification.title} {message.notification.message}")

    return hook


async def ready(pilot: Any, app: CaseReaderApp) -> None:
    """The index is open and up to date, and what that started is done."""
    await wait_for(pilot, app, lambda: app.session.state.ready or app.session.state.unavailable)
    if not app.session.state.ready:
        raise AssertionError("the index never became ready")
    await settle(pilot, app)


async def type_text(pilot: Any, text: str) -> None:
    """Type ``text`` into the focused input as one burst of keys, as when typed fast or sent by
    tmux (``pilot.press`` waits for the app to be idle after each key: ~0.1 s a letter)."""
    for character in text:
        key = character if character.isalnum() else unicodedata.name(character).lower().replace(" ", "_")
        pilot.app.post_message(events.Key(key.replace("-", "_"), character))
    await pilot.pause()


async def search(pilot: Any, app: CaseReaderApp, query: str) -> None:
    app.query_one("#query", Input).value = ""
    app.query_one("#query", Input).focus()
    await type_text(pilot, query)
    await settle(pilot, app)


async def open_first_hit(pilot: Any, app: CaseReaderApp, query: str) -> None:
    """Search, go to the results (Enter), open the first hit in the reader (Enter)."""
    await search(pilot, app, query)
    await pilot.press("enter", "enter")
    await settle(pilot, app)


def palette_lists(app: CaseReaderApp, text: str) -> bool:
    """The command palette lists a command with ``text``."""
    return any(text in str(option.prompt) for lists in app.screen.query(CommandList) for option in lists.options)


def status(app: CaseReaderApp) -> str:
    return str(app.query_one(SearchBox).query_one("#status").render())


class _NoFullCollections:
    """Python's ``gc`` as the idle collector sees it, without its full collections and freezes."""

    def __init__(self) -> None:
        self.get_threshold, self.set_threshold, self.get_count = gc.get_threshold, gc.set_threshold, gc.get_count
        self.unfreeze = gc.unfreeze

    def collect(self) -> int:
        return 0

    def freeze(self) -> None:
        pass


@pytest.fixture(autouse=True)
def no_full_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's idle collector runs full collections when the index opens and when typing
    pauses; in the test process each walks pytest and Textual's caches as every test before
    left them (300,000 objects, ~0.2 s): 55 of them were a quarter of these tests' CPU.  Its
    rules are tested on their own (tests/unit/test_idle_gc.py)."""
    monkeypatch.setattr(idle_gc, "gc", _NoFullCollections())


@pytest.fixture
def seeds_indexed(seeds_case: Case, seeds_copy: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the seeds' index, built once for the session (``seeds_case``), for the seeds'
    folder; its path.  The copy keeps its files' times (the manifest's checksums are checked
    against them); what a test writes into the folder (aliases.toml) is undone after it."""
    seeds_case.views()  # kept with the index: the Sides views come with the copy
    index = tmp_path / "index"
    shutil.copytree(seeds_case.index_dir, index)
    yield index
    for path in seeds_copy.rglob("*"):
        original = SEEDS / path.relative_to(seeds_copy)
        if path.is_file() and not original.exists():
            path.unlink()
        elif path.is_file() and path.read_bytes() != original.read_bytes():
            shutil.copy2(original, path)


@pytest.fixture
def app(seeds_copy: Path, seeds_indexed: Path) -> CaseReaderApp:
    """The app on the seeds, its index up to date, the folder not followed."""
    return make_app(seeds_copy, seeds_indexed, watch=False)


async def wait_for(pilot: Any, app: CaseReaderApp, condition: Any, rounds: int = ROUNDS) -> None:
    """Let the app work until ``condition()`` holds (at most ``rounds`` pauses)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
        await settle(pilot, app, 1)
    if not condition():
        raise AssertionError("the app did not get there")
