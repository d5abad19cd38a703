"""Everything the app takes from Textual's insides, in one place.

The app uses Textual's public API everywhere else; the pieces here go further, each for a
measured or a user-visible reason, and each depends on how Textual works inside (the
version pinned in ``pyproject.toml``, :data:`TESTED_VERSION`):

- :func:`own_bindings` reads a widget's own bindings (``DOMNode._bindings``), and
  :class:`InOrderInput` / :class:`InOrderTextArea` take a key before ``Input._on_key`` /
  ``TextArea._on_key`` do, so editing keys keep their place among letters typed in a burst;
- :class:`FixedTable` is a DataTable whose rows are never measured
  (``DataTable._update_dimensions``), whose cells can be written many at once (``_data``)
  and whose rendered cells can be forgotten a few at a time (``_cell_render_cache``,
  ``_row_render_cache``, ``_row_renderable_cache``, ``_row_locations``, ``_line_cache``),
  and whose columns can be measured again (``_require_update_dimensions``).

``tests/tui/test_textual_ext.py`` tests each piece against the installed Textual, and
:func:`check_version` (called when the app starts) refuses another version with a one-line
explanation: a new Textual can rename any of these.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import DataTable, Input, TextArea
from textual.widgets.data_table import ColumnKey, RowKey

TESTED_VERSION = "8.2.8"  # textual==8.2.8 in pyproject.toml: snapshots and these pieces change between releases


class UnsupportedTextual(RuntimeError):
    """The installed Textual is not the version casereader was tested with."""


def textual_version() -> str:
    """The installed Textual's version, from its ``textual-X.Y.Z.dist-info`` folder's name when
    it is there (importing ``importlib.metadata`` took ~15 ms of the app's start), else from
    the package's metadata."""
    import textual

    site = Path(textual.__file__).resolve().parent.parent
    found = [p.name[len("textual-") : -len(".dist-info")] for p in site.glob("textual-*.dist-info")]
    if len(found) == 1:
        return found[0]
    from importlib import metadata

    try:
        return metadata.version("textual")
    except metadata.PackageNotFoundError:  # pragma: no cover - Textual imported from elsewhere
        return "unknown"


def check_version() -> None:
    """Raise UnsupportedTextual with a one-line explanation unless the installed Textual is
    the tested one."""
    found = textual_version()
    if found != TESTED_VERSION:
        raise UnsupportedTextual(
            f"casereader works with textual {TESTED_VERSION} and {found} is installed; "
            "run 'uv sync' in the casereader folder to install the tested version"
        )


# --- keys in the order they came ------------------------------------------------------------


def own_bindings(node: DOMNode, key: str) -> list[Binding]:
    """The bindings ``node`` itself declares for ``key``, not its ancestors' (as declared: the
    app's keymap is applied by the screen when it looks for a key's binding, not here)."""
    return list(node._bindings.key_to_bindings.get(key, ()))


def takes_tab(focused: Widget | None, key: str) -> bool:
    """Whether the focused widget (or a widget around it, below its screen) uses ``key`` (Tab
    or Shift+Tab) itself: a TextArea that indents, a widget that binds it."""
    if focused is None:
        return False
    if isinstance(focused, TextArea) and focused.tab_behavior == "indent" and key == "tab":
        return True
    screen = focused.screen
    node: DOMNode | None = focused
    while node is not None and node is not screen:
        if own_bindings(node, key):
            return True
        node = node.parent
    return False


async def _own_binding(widget: Widget, event: events.Key) -> bool:
    """Run the widget's own binding for a key that is not a letter, now, in the order the
    keys came.  Textual inserts a letter as soon as an Input or TextArea gets it, but runs a
    binding only once the key has bubbled up to the app: with keys arriving in one burst
    (typed fast over ssh, sent by tmux), ctrl+u then "Rodrigez" left "odrigez", and "ab",
    backspace, "c" left "ab"."""
    if event.is_printable:
        return False
    for binding in own_bindings(widget, event.key):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


class InOrderInput(Input):
    """An Input whose editing keys (ctrl+u, backspace, ctrl+w, delete…) keep their place
    among the letters."""

    async def _on_key(self, event: events.Key) -> None:
        if not await _own_binding(self, event):
            await super()._on_key(event)


class InOrderTextArea(TextArea):
    """A TextArea whose editing keys keep their place among the letters."""

    async def _on_key(self, event: events.Key) -> None:
        if not await _own_binding(self, event):
            await super()._on_key(event)


# --- a table of set sizes, written many cells at a time -----------------------------------------


class FixedTable(DataTable[Text]):
    """A DataTable whose every column has a set width and every row a set height (see
    :class:`~casereader.tui.widgets.documents.DocumentsPane` for the figures)."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Nothing to measure: DataTable measures each cell of each new row all the same; the
        table's size follows from the widths and heights alone, which DataTable's own method
        computes when given no new rows."""
        super()._update_dimensions([])

    def row_cells(self, row_key: RowKey) -> dict[ColumnKey, Text]:
        """The row's cells as the table keeps them (written in place, they are what it draws)."""
        return self._data[row_key]

    def remeasure(self) -> None:
        """Measure the columns again at the next refresh (a width set by hand: ``add_column``
        sets this flag; no public method does)."""
        self._require_update_dimensions = True

    def forget_rendered(self, row_values: Set[str], column: ColumnKey) -> None:
        """Drop what the table rendered of these rows' cells in ``column`` (its caches hold the
        rows drawn lately, a screenful or a few); the other cells are drawn from cache.
        Textual's LRUCache has no iterator, hence ``keys()``."""
        cells, rows, renderables = self._cell_render_cache, self._row_render_cache, self._row_renderable_cache
        for cell_key in [k for k in cells.keys() if k[1] == column and k[0].value in row_values]:  # noqa: SIM118
            cells.discard(cell_key)
        for row_key in [k for k in rows.keys() if k[0].value in row_values]:  # noqa: SIM118
            rows.discard(row_key)
        row_at = self._row_locations.get_key
        for pair in [k for k in renderables.keys() if (r := row_at(k[1])) is not None and r.value in row_values]:  # noqa: SIM118
            renderables.discard(pair)
        self._line_cache.clear()
