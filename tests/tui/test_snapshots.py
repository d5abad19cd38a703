"""Snapshots of the main screen and the dialogs (pytest-textual-snapshot). Update only after reading the report:
uv run pytest tests/tui/test_snapshots.py --snapshot-update"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casereader.tui.app import make_app

from .conftest import open_first_hit, ready, settle, type_text, wait_for


async def _no_blink(pilot: Any) -> None:
    """The inputs' cursors drawn whatever the time: their blink is stopped (the cursor shows)
    before the picture is taken."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


async def _read_marks(pilot: Any) -> None:
    """The documents' share read is on screen: passages read are written every second."""
    await wait_for(pilot, pilot.app, lambda: not pilot.app.keeping.unsaved_reads)


def _app(seeds_copy: Path, index: Path) -> Any:
    return make_app(seeds_copy, index, show_timings=False, watch=False)


async def _query_and_jump(pilot: Any) -> None:
    app = pilot.app
    await ready(pilot, app)
    await open_first_hit(pilot, app, '"only 32 men"')
    await pilot.press("r")  # jump to the top related passage (WOLA ¶6)
    await settle(pilot, app)
    await _read_marks(pilot)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_main_screen_with_a_query_and_a_jump(
    snap_compare: Any, seeds_copy: Path, seeds_indexed: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(_app(seeds_copy, seeds_indexed), terminal_size=size, run_before=_query_and_jump)


async def _help(pilot: Any) -> None:
    await ready(pilot, pilot.app)
    await pilot.press("escape", "question_mark")  # out of the search box, then ?
    await pilot.pause()


async def _compare(pilot: Any) -> None:
    app = pilot.app
    await ready(pilot, app)
    await open_first_hit(pilot, app, '"only 32 men"')
    await pilot.press("c")  # the passage and its first related passage side by side
    await settle(pilot, app)


async def _report(pilot: Any) -> None:
    await ready(pilot, pilot.app)
    await pilot.press("escape", "i")
    await settle(pilot, pilot.app)


async def _note(pilot: Any) -> None:
    app = pilot.app
    await ready(pilot, app)
    await open_first_hit(pilot, app, '"only 32 men"')
    await pilot.press("v", "s", "a")
    await type_text(pilot, "Counts 32 (12%).")
    await pilot.press("tab")
    await settle(pilot, app)  # the focus is on the tags before they are typed (as a person waits)
    await type_text(pilot, "figures nyt")
    await settle(pilot, app)
    await _read_marks(pilot)
    await _no_blink(pilot)


async def _select(pilot: Any) -> None:
    app = pilot.app
    await ready(pilot, app)
    await open_first_hit(pilot, app, '"only 32 men"')
    await pilot.press("v", "ctrl+right", *["shift+right"] * 8)
    await settle(pilot, app)
    await _no_blink(pilot)


@pytest.mark.parametrize("screen", ["help", "compare", "report", "note", "select"])
def test_dialogs(snap_compare: Any, seeds_copy: Path, seeds_indexed: Path, screen: str) -> None:
    steps = {"help": _help, "compare": _compare, "report": _report, "note": _note, "select": _select}[screen]
    assert snap_compare(_app(seeds_copy, seeds_indexed), terminal_size=(120, 40), run_before=steps)


def _sides(view: str) -> Any:
    async def steps(pilot: Any) -> None:
        app = pilot.app
        await ready(pilot, app)
        await pilot.press("escape", "s", str(["figures", "names", "quotes", "coverage", "timeline"].index(view) + 1))
        await settle(pilot, app)

    return steps


@pytest.mark.parametrize("view", ["figures", "names", "quotes", "coverage", "timeline"])
def test_sides_screen(snap_compare: Any, seeds_copy: Path, seeds_indexed: Path, view: str) -> None:
    assert snap_compare(_app(seeds_copy, seeds_indexed), terminal_size=(120, 40), run_before=_sides(view))
