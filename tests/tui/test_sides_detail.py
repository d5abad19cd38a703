"""Reading the Sides views: every table has a detail pane with the row in full (its sentence
with the figure, quote, name or date lit, its source, why it is grouped), and no column is cut
off at 120×40 or at 80×24."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable

from casereader.core import Ref
from casereader.tui.app import CaseReaderApp
from casereader.tui.screens.sides import SidesScreen
from casereader.tui.screens.sides_detail import LIT

from ..conftest import WOLA
from .conftest import ready, settle

SIZES = [(120, 40), (80, 24)]


def detail(screen: SidesScreen) -> Text:
    return screen.detail


def lit_words(text: Text) -> list[str]:
    return [text.plain[s.start : s.end] for s in text.spans if str(s.style) == LIT]


async def open_view(pilot, app: CaseReaderApp, view: str) -> SidesScreen:  # type: ignore[no-untyped-def]
    await ready(pilot, app)
    app.main.action_sides(view)
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, SidesScreen) and screen.views is not None
    return screen


async def assert_columns_whole(pilot, app: CaseReaderApp, screen: SidesScreen, view: str) -> None:  # type: ignore[no-untyped-def]
    screen.action_show(view)
    await settle(pilot, app)
    table = screen.query_one(f"#table-{view}", DataTable)
    assert table.size.width > 0
    labels = [str(c.label) for c in table.ordered_columns]
    assert table.max_scroll_x == 0, (view, labels, table.virtual_size, table.size)  # nothing off to the right
    for column in table.ordered_columns:
        label = str(column.label)
        if label in screen.views.outlets:  # type: ignore[union-attr]
            assert column.width >= len(label), (view, label)  # an outlet's name whole, not "Ori"
    if view in ("figures", "quotes", "timeline"):
        assert "¶" in labels, (view, labels)
        outlet = labels.index("Outlet")
        width = table.ordered_columns[outlet].width
        assert width >= max(len(o) for o in screen.views.outlets), (view, width)  # type: ignore[union-attr]


@pytest.mark.parametrize("size", SIZES)
async def test_the_timeline_row_in_full_with_its_date_lit_and_its_source(
    app: CaseReaderApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        screen = await open_view(pilot, app, "timeline")
        table = screen.query_one("#table-timeline", DataTable)
        row = next(i for i, e in enumerate(screen.views.events) if (e.doc_id, e.n, e.date) == (WOLA, 1, "2025-04-20"))
        table.move_cursor(row=row)
        await settle(pilot, app)
        shown = detail(screen)
        event = screen.views.events[row]
        assert event.sentence in shown.plain  # the whole sentence, not a window of words
        assert lit_words(shown) == [event.text] and "April 20" in event.text
        assert "Source: WOLA" in shown.plain and "2025-04-25" in shown.plain and "¶1" in shown.plain
        assert "the year nearest the document's date" in shown.plain  # why it has this date
        for view in ("figures", "names", "quotes", "coverage", "timeline"):
            await assert_columns_whole(pilot, app, screen, view)


@pytest.mark.parametrize("size", SIZES)
async def test_figures_quotes_and_names_in_full_with_why_they_are_grouped(
    app: CaseReaderApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        screen = await open_view(pilot, app, "figures")
        assert screen.views is not None
        # Figures: the criminal-record group, its 90 percent from WOLA
        table = screen.query_one("#table-figures", DataTable)
        row = next(i for i, f in enumerate(screen.items["figures"]) if getattr(f, "text", "") == "90 percent")
        table.move_cursor(row=row)
        await settle(pilot, app)
        shown = detail(screen)
        assert "90 percent" in lit_words(shown)
        assert "Source: WOLA" in shown.plain and "Grouped: with" in shown.plain and "the figures differ" in shown.plain
        assert screen.items["figures"][row].sentence in shown.plain  # type: ignore[attr-defined]
        # Quotes: the sentence around "clown", said by Jorge Rodríguez
        await pilot.press("3")
        await settle(pilot, app)
        table = screen.query_one("#table-quotes", DataTable)
        row = next(i for i, q in enumerate(screen.items["quotes"]) if getattr(q, "text", "") == "clown")
        table.move_cursor(row=row)
        await settle(pilot, app)
        shown = detail(screen)
        assert lit_words(shown) == ["clown"] and "said by Jorge Rodríguez" in shown.plain
        assert "Source: Orinoco Tribune" in shown.plain and len(shown.plain.split("\n")[-1]) > len("clown") + 20
        # Names: Jorge Rodríguez, "Rodríguez" joined to him, lit in his first sentence
        await pilot.press("2")
        await settle(pilot, app)
        table = screen.query_one("#table-names", DataTable)
        table.move_cursor(row=[e.name for e in screen.views.names].index("Jorge Rodríguez"))
        await settle(pilot, app)
        shown = detail(screen)
        assert "Joined: Jorge Rodríguez (person)" in shown.plain and "“Rodríguez”: part of the full name" in shown.plain
        assert set(lit_words(shown)) <= {"Jorge Rodríguez", "Rodríguez"} and lit_words(shown)
        # Coverage: who leaves a name out, and the row's source
        await pilot.press("4")
        await settle(pilot, app)
        shown = detail(screen)
        assert "Counted:" in shown.plain and "Source:" in shown.plain
        label = screen.views.coverage[0].label
        assert label in shown.plain and lit_words(shown)  # its first passage, the name lit
        for view in ("figures", "names", "quotes", "coverage", "timeline"):
            await assert_columns_whole(pilot, app, screen, view)


async def test_the_detail_pane_follows_the_cursor_and_enter_still_opens_the_reader(app: CaseReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_view(pilot, app, "timeline")
        table = screen.query_one("#table-timeline", DataTable)
        rows = [i for i, ref in enumerate(screen.rows["timeline"]) if ref is not None]
        seen = set()
        for row in rows[:3]:
            table.move_cursor(row=row)
            await settle(pilot, app)
            seen.add(detail(screen).plain)
        assert len(seen) == 3
        table.move_cursor(row=rows[0])
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, SidesScreen)
        assert app.query_one("ReaderPane").current_ref() == screen.rows["timeline"][rows[0]]  # type: ignore[attr-defined]
        assert isinstance(screen.rows["timeline"][rows[0]], Ref)
