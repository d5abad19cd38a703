"""First use: keys that work from the first second, Escape out of every dialog, keys taken in
the order typed (Tab included), the opened passage in view at 80×24 and 120×40."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input

from casereader.core import NOTE, Ref
from casereader.tui.app import CaseReaderApp
from casereader.tui.screens import HelpScreen, MainScreen, ReportScreen
from casereader.tui.screens.keeping import NoteEditor
from casereader.tui.widgets import DocumentsPane, ReaderPane, ResultsPane

from ..conftest import ORINOCO
from .conftest import open_first_hit, ready, search, settle, status, type_text, wait_for


async def test_the_focus_starts_on_a_list_and_letters_are_keys(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        assert isinstance(app.focused, DocumentsPane)
        assert "/ to search · letters are keys" in status(app)
        await pilot.press("i")
        await settle(pilot, app)
        assert isinstance(app.screen, ReportScreen)  # it searched for "i"
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert app.query_one("#query", Input).value == ""


async def test_at_80x24_the_focus_starts_on_the_results(app: CaseReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        assert isinstance(app.focused, ResultsPane)  # the documents pane is folded away


async def test_slash_and_the_words_typed_with_it_search_and_escape_gives_the_letters_back(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        app.post_message(events.Key("slash", "/"))
        await type_text(pilot, "illegal")  # one burst with /: the letters behind it reach the box
        await settle(pilot, app)
        query = app.query_one("#query", Input)
        assert query.value == "illegal" and app.focused is query
        assert "3 paragraphs match" in status(app)
        app.post_message(events.Key("escape", None))
        app.post_message(events.Key("question_mark", "?"))  # one burst: out of the box, then ?
        await settle(pilot, app)
        assert query.value == "illegal"
        assert isinstance(app.screen, HelpScreen)


async def test_slash_inside_the_box_is_a_character(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "a/b")
        assert app.query_one("#query", Input).value == "a/b"


async def _main(pilot: Any, app: CaseReaderApp) -> None:
    while not isinstance(app.screen, MainScreen):
        app.pop_screen()
        await settle(pilot, app)


DIALOGS = {
    "help": ["question_mark"],
    "report": ["i"],
    "source": ["i", "e"],
    "sides": ["s"],
    "notes": ["m"],
    "note": ["a"],
    "select": ["v"],
    "compare": ["c"],
    "palette": ["ctrl+p"],
}


@pytest.mark.parametrize("dialog", list(DIALOGS))
async def test_escape_closes_every_dialog(app: CaseReaderApp, dialog: str) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, '"only 32 men"')
        for key in DIALOGS[dialog]:
            await pilot.press(key)
            await settle(pilot, app)
        assert not isinstance(app.screen, MainScreen)
        while not isinstance(app.screen, MainScreen):  # a dialog opened from a dialog: Escape twice
            opened = app.screen
            await pilot.press("escape")
            await settle(pilot, app)
            assert app.screen is not opened, f"Escape left {type(opened).__name__} open"
        assert not isinstance(app.screen, CommandPalette)


async def test_a_note_typed_in_one_burst_with_tab_keeps_its_tags(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, '"only 32 men"')
        await pilot.press("a")
        await settle(pilot, app)
        assert isinstance(app.screen, NoteEditor)
        for character in "abc":
            app.post_message(events.Key(character, character))
        app.post_message(events.Key("tab", "\t"))
        for character in "xyz":
            app.post_message(events.Key(character, character))
        app.post_message(events.Key("ctrl+s", None))
        await wait_for(pilot, app, lambda: isinstance(app.screen, MainScreen))
        await settle(pilot, app)
        [note] = [n for n in app.case.notes.at(Ref(ORINOCO, 35)) if n.kind == NOTE]
        assert (note.text, note.tags) == ("abc", ("xyz",))


PARAGRAPH_37 = (
    "¶37 The ambiguity surrounding the list of names of those detained clouded any investigation"
    " of their legal status and criminal record for months."
)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_opened_passage_is_whole_in_the_reader(app: CaseReaderApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "criminal record")
        reader = app.query_one(ReaderPane)
        assert reader.current_ref() == Ref(ORINOCO, 37)
        await pilot.pause()
        shown = " ".join(reader.render_line(y).text for y in range(reader.scrollable_content_region.height))
        assert PARAGRAPH_37 in " ".join(shown.split())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_report_shows_the_selected_row_uncut(app: CaseReaderApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await ready(pilot, app)
        await pilot.press("i", "down")
        await settle(pilot, app)
        shown = str(app.screen.query_one("#report-detail").render())
        assert "A Spectacle, Not a Solution: Three Things You Should Know About Bukele's" in shown
        assert "from: date ← catalog, lang ← catalog, outlet ← catalog, title ← catalog, url ← catalog" in " ".join(
            shown.split()
        )
