"""What the app's tests share: the app on a copy of the seeds, and Pilot helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input

from casereader.tui.app import CaseReaderApp, make_app
from casereader.tui.widgets import SearchBox


async def settle(pilot: Any, app: CaseReaderApp, rounds: int = 3) -> None:
    """Let timers fire and workers finish (all but the folder watcher, which never does)."""
    for _ in range(rounds):
        await pilot.pause(0.2)
        busy = [w for w in app.workers if w.group != "watch"]
        if busy:
            await app.workers.wait_for_complete(busy)
        await pilot.pause()


def record_notices(notices: list[str]) -> Callable[[Message], None]:
    """A message hook for run_test that keeps every notice the app shows ("title message")."""

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            notices.append(f"{message.notification.title} {message.notification.message}")

    return hook


async def ready(pilot: Any, app: CaseReaderApp) -> None:
    for _ in range(50):
        await settle(pilot, app, 1)
        if app.session.state.ready:
            return
    raise AssertionError("the index never became ready")


async def search(pilot: Any, app: CaseReaderApp, query: str) -> None:
    app.query_one("#query", Input).value = ""
    app.query_one("#query", Input).focus()
    await pilot.press(*query)
    await settle(pilot, app)


async def open_first_hit(pilot: Any, app: CaseReaderApp, query: str) -> None:
    """Search, go to the results (Enter), open the first hit in the reader (Enter)."""
    await search(pilot, app, query)
    await pilot.press("enter", "enter")
    await settle(pilot, app)


def status(app: CaseReaderApp) -> str:
    return str(app.query_one(SearchBox).query_one("#status").render())


@pytest.fixture
def app(seeds_copy: Path, tmp_path: Path) -> CaseReaderApp:
    return make_app(seeds_copy, tmp_path / "index")


async def wait_for(pilot: Any, app: CaseReaderApp, condition: Any, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await settle(pilot, app, 1)
    raise AssertionError("the app did not catch up with the folder")
