"""The Sides screen in the app: each view by key, rows that open the reader, names merged
and kept apart from the app, and the related pane saying what one side leaves out."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, TabbedContent

from casereader.core import Ref
from casereader.tui.app import CaseReaderApp
from casereader.tui.screens.sides import SidesScreen, VariantPicker
from casereader.tui.widgets import ReaderPane, RelatedPane

from ..conftest import ORINOCO, WOLA
from .conftest import open_first_hit, ready, settle


async def test_sides_screen_views_and_rows_that_open_the_reader(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await pilot.press("escape", "s")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SidesScreen) and screen.views is not None
        figures = screen.query_one("#table-figures", DataTable)
        assert figures.row_count >= 2  # CBS's 75% and WOLA's 90 percent: one claim told differently
        assert "⚠" in str(figures.get_row_at(0)[0])  # the criminal-record group disagrees
        for key, view in (("2", "names"), ("3", "quotes"), ("4", "coverage"), ("5", "timeline")):
            await pilot.press(key)
            await pilot.pause()
            assert screen.query_one(TabbedContent).active == view
            assert screen.query_one(f"#table-{view}", DataTable).row_count > 0
        # The timeline's April 20 event opens WOLA at ¶1.
        timeline = screen.query_one("#table-timeline", DataTable)
        row = next(i for i, ref in enumerate(screen.rows["timeline"]) if ref == Ref(WOLA, 1))
        timeline.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot, app)
        assert not isinstance(app.screen, SidesScreen)
        assert app.query_one(ReaderPane).current_ref() == Ref(WOLA, 1)


async def test_names_are_merged_and_kept_apart_from_the_app(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.main.action_sides("names")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SidesScreen) and screen.views is not None
        table = screen.query_one("#table-names", DataTable)
        names = [e.name for e in screen.views.names]
        table.move_cursor(row=names.index("Richard Grenell"))
        await pilot.press("m")
        table.move_cursor(row=names.index("Marco Rubio"))
        await pilot.press("m")
        await settle(pilot, app)
        aliases = app.case.aliases()
        assert aliases.same == {"Marco Rubio": ["Richard Grenell"]}
        merged = next(e for e in screen.views.names if e.name == "Marco Rubio")
        assert "Richard Grenell" in merged.variants
        # x: keep a variant apart again, chosen from a list.
        table.move_cursor(row=[e.name for e in screen.views.names].index("Marco Rubio"))
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, VariantPicker)
        picker = app.screen.query_one(OptionList)
        picker.highlighted = app.screen.variants.index("Richard Grenell")
        await pilot.press("enter")
        await settle(pilot, app)
        aliases = app.case.aliases()
        assert aliases.same == {"Marco Rubio": []} and ("Marco Rubio", "Richard Grenell") in aliases.different
        assert "Richard Grenell" in {e.name for e in screen.views.names}


async def test_the_related_pane_says_when_an_outlet_has_nothing_related(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, '"Pope Leo XIV"')
        reader = app.query_one(ReaderPane)
        assert reader.current_ref() == Ref(ORINOCO, 20)
        await settle(pilot, app)
        related = app.query_one(RelatedPane)
        prompts = [str(related.get_option_at_index(i).prompt) for i in range(related.option_count)]
        assert prompts[-1] == "nothing related in WOLA"
        assert all(item.same_document for item in related.items)
