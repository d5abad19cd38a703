"""What the app takes from Textual's insides (``tui/textual_ext.py``), each piece against the
installed Textual: a Textual that renamed or changed one of them fails here, not in a user's
terminal."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, TextArea

from casereader import tui
from casereader.tui import app as app_module
from casereader.tui import textual_ext
from casereader.tui.textual_ext import (
    TESTED_VERSION,
    FixedTable,
    InOrderInput,
    InOrderTextArea,
    UnsupportedTextual,
    check_version,
    own_bindings,
    textual_version,
)

from ..conftest import REPO


def test_the_installed_textual_is_the_tested_one_and_pinned() -> None:
    assert textual_version() == TESTED_VERSION
    check_version()
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert f"textual=={TESTED_VERSION}" in dependencies


def test_another_textual_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setattr(textual_ext, "textual_version", lambda: "9.0.0")
    with pytest.raises(UnsupportedTextual) as refused:
        check_version()
    assert str(refused.value) == (
        f"casereader works with textual {TESTED_VERSION} and 9.0.0 is installed; "
        "run 'uv sync' in the casereader folder to install the tested version"
    )
    with pytest.raises(UnsupportedTextual):
        app_module.make_app(Path("unused"))
    assert tui.run_app(None) == 2
    said = capsys.readouterr().err
    assert said.startswith("casereader: casereader works with textual") and said.count("\n") == 1


class Burst(App[None]):
    """An input of each kind; keys are posted to it all at once, as tmux sends them."""

    def __init__(self, field: Input | TextArea) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        yield self.field


async def _burst(field: Input | TextArea, *keys: str) -> str:
    app = Burst(field)
    async with app.run_test() as pilot:
        field.focus()
        await pilot.pause()
        for key in keys:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        return field.value if isinstance(field, Input) else field.text


@pytest.mark.parametrize("kind", [Input, TextArea])
async def test_editing_keys_in_a_burst_keep_their_place_among_the_letters(kind: type[Input | TextArea]) -> None:
    ordered = InOrderInput if kind is Input else InOrderTextArea
    assert await _burst(ordered(), "a", "b", "backspace", "c") == "ac"
    # Textual's own widget runs the binding after the letters that followed it: the reason
    # for the subclass (if this starts to pass, Textual fixed it and the subclass can go).
    assert await _burst(kind(), "a", "b", "backspace", "c") != "ac"


class Keyed(Input):
    BINDINGS = [Binding("ctrl+u", "clear_all", "Clear", id="keyed.clear")]

    def action_clear_all(self) -> None:
        self.value = ""


async def test_own_bindings_are_the_widgets_own() -> None:
    field = Keyed()
    app = Burst(field)
    async with app.run_test():
        assert [b.action for b in own_bindings(field, "ctrl+u")] == ["clear_all"]
        assert [b.action for b in own_bindings(field, "backspace")] == ["delete_left"]  # Input's
        assert own_bindings(field, "ctrl+q") == []  # the app's, not the widget's


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield FixedTable(id="fixed")
        yield DataTable(id="plain")

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_column("Name", key="name", width=12)
            table.add_column("Hits", key="hits", width=4)
            for i in range(30):
                table.add_row(Text(f"document {i} " * 5), Text(str(i)), key=f"d{i}", height=2)


def _drawn(table: DataTable[Any], y: int) -> str:
    return "".join(segment.text for segment in table.render_line(y))


async def test_a_fixed_table_measures_nothing_and_sizes_as_a_datatable() -> None:
    app = Tables()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        fixed, plain = app.query_one("#fixed", DataTable), app.query_one("#plain", DataTable)
        assert fixed.virtual_size == plain.virtual_size
        # A width set by hand is measured again only when asked.
        for table in (fixed, plain):
            table.columns[next(k for k in table.columns if k.value == "name")].width = 20
        fixed_table = app.query_one(FixedTable)
        fixed_table.remeasure()
        plain._require_update_dimensions = True  # as DataTable's own add_column does
        fixed.refresh()
        plain.refresh()
        await pilot.pause()
        assert fixed.virtual_size == plain.virtual_size


async def test_cells_written_in_place_show_once_their_rendering_is_forgotten() -> None:
    app = Tables()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(FixedTable)
        hits = next(k for k in table.columns if k.value == "hits")
        first = next(k for k in table.rows if k.value == "d0")
        assert _drawn(table, 1).rstrip().endswith("0")
        table.row_cells(first)[hits] = Text("77")
        table.refresh()
        await pilot.pause()
        assert not _drawn(table, 1).rstrip().endswith("77")  # drawn from DataTable's caches
        table.forget_rendered({"d0"}, hits)
        table.refresh()
        await pilot.pause()
        assert _drawn(table, 1).rstrip().endswith("77")
        assert str(table.get_cell("d0", "hits")) == "77"
