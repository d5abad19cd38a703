"""The documents pane: every document of the case with its hits for the current query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from ...core import DocumentInfo
from ...display import visible
from ..textual_ext import FixedTable
from .common import LIST_BINDINGS


class DocumentsPane(FixedTable):
    """Every document of the case, one row each, with its hits for the current query.

    A table rather than a list: it draws only the rows on screen, so a case of thousands of
    documents costs nothing per keystroke, and a new query only rewrites the changed counts.
    Every column has a set width and every row two lines, so no row is measured (DataTable
    measures each cell of each new row: 2.2 s of the launch of a 16,657-document case, before
    the list showed).
    """

    BINDINGS = LIST_BINDINGS
    HITS_WIDTH = 5
    READ_WIDTH = 4
    FIRST_ROWS = 400  # rows added at once; the others follow, CHUNK_ROWS per frame
    CHUNK_ROWS = 500  # ~25 ms a frame: a search started meanwhile waits for no more than that
    # While the case opens, the rows past the first wait (up to HOLD_SECONDS): adding 50,000
    # rows a chunk per frame kept the app's thread busy, and the opening's worker waited for
    # the interpreter at each of its file reads (searchable 4 s later on a busy machine).
    HOLD_SECONDS = 2.0
    # Seconds between a query's results and its per-document counts: the count line and the
    # hits paint first (the cells of 6,424 documents took ~30 ms at 200,000 paragraphs, and
    # their paint ~10 ms more), and keystrokes typed meanwhile skip their counts altogether.
    COUNTS_DELAY = 0.06
    _CELLS: dict[str, Text] = {}  # by label (counts: a few hundred different numbers at most)
    _READ_CELLS: dict[str, Text] = {}  # by label ("", "n%", "✓")

    @dataclass
    class Chosen(Message):
        doc_id: str

    class Filled(Message):
        """The last rows of a long list were added (a chunk per frame)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._rows: list[tuple[str, str, str, str, str, bool]] = []  # what each row shows, by id
        self._counts: dict[str, Text] = {}
        self._read: dict[str, Text] = {}
        self._read_counts: dict[str, int] = {}
        self._paragraphs: dict[str, int] = {}
        self.duplicate_of: dict[str, str] = {}
        self._pending: list[DocumentInfo] = []  # documents still to add as rows, last first
        self._row_cells: dict[str, dict[ColumnKey, Text]] = {}  # each added row's cells (DataTable's own)
        self._documents: list[DocumentInfo] | None = None  # the list the rows were made from
        self._shown: tuple[dict[str, int] | None, bool] = (None, False)  # counts and state shown
        self._held = False  # the rows past the first wait for the case to open (see HOLD_SECONDS)

    def on_mount(self) -> None:
        self.add_column("Document", key="doc", width=30)
        self.add_column(Text("Hits", justify="right"), key="hits", width=self.HITS_WIDTH)
        self.add_column(Text("Read", justify="right"), key="read", width=self.READ_WIDTH)

    def on_resize(self) -> None:
        """The document column takes the width the hit counts and the part read leave."""
        width = self.content_region.width - self.HITS_WIDTH - self.READ_WIDTH - 6 * self.cell_padding - 1
        column = self.columns.get(ColumnKey("doc"))
        if column is not None and width > 10 and width != column.width:
            column.width = width
            self._write_internals({}, remeasure=True)

    @property
    def counts(self) -> dict[str, int] | None:
        """The hit counts shown, by document id (None: no query)."""
        return self._shown[0]

    def show(self, documents: list[DocumentInfo], counts: dict[str, int] | None, indexing: bool) -> None:
        if documents is not self._documents:
            rows = [
                (d.doc_id, d.meta.title, d.meta.outlet, d.meta.date, d.meta.lang, d.doc_id in self.duplicate_of)
                for d in documents
            ]
            self._documents = documents
            if rows != self._rows:
                self.clear()
                ids = [d.doc_id for d in documents]
                if counts is None:  # one label for all (as a large case opens: 50,000 of them)
                    self._counts = dict.fromkeys(ids, self._hits_cell(self._hits_label("", None, indexing)))
                else:
                    label = self._hits_label
                    self._counts = {doc_id: self._hits_cell(label(doc_id, counts, indexing)) for doc_id in ids}
                self._row_cells = {}
                self._paragraphs = {d.doc_id: d.paragraphs for d in documents}
                if self._read_counts:
                    self._read = {doc_id: self._read_cell(doc_id) for doc_id in ids}
                else:  # nothing read yet
                    self._read = dict.fromkeys(ids, self._read_cell(""))
                self._rows = rows
                self._shown = (counts, indexing)
                self._pending = list(reversed(documents))
                self._held = indexing and len(documents) > self.FIRST_ROWS
                if self._held:
                    self.set_timer(self.HOLD_SECONDS, self.resume)
                self._add_rows(self.FIRST_ROWS)
                return
        # Only the documents with hits before or now can change between two queries (two
        # keystrokes at 200,000 paragraphs rewrote 16,657 cells, ~40 ms, to change a few).
        before, was_indexing = self._shown
        if before is not None and counts is not None:
            candidates: Iterable[str] = before.keys() | counts.keys()
        else:
            candidates = self._counts.keys() if (before, was_indexing) != (counts, indexing) else ()
        self._shown = (counts, indexing)
        changed = {}
        cells, cell_for, label_of = self._counts, self._hits_cell, self._hits_label
        for doc_id in candidates:
            cell = cells.get(doc_id)
            if cell is not None and (new := cell_for(label_of(doc_id, counts, indexing))) is not cell:
                changed[doc_id] = cells[doc_id] = new  # cells are shared by label: "is" compares labels
        if changed:
            self._write_internals(changed)

    def _add_rows(self, count: int) -> None:
        """Add ``count`` more rows, and the rest a chunk per frame: DataTable's ``add_row``
        costs ~50 µs (0.8 s for 16,657 documents before the list first showed)."""
        pending = self._pending
        for _ in range(min(count, len(pending))):
            doc = pending.pop()
            meta = doc.meta
            cell = Text(visible(meta.title or doc.doc_id), style="bold", overflow="ellipsis", no_wrap=True)
            detail = " · ".join(p for p in (meta.outlet, meta.date, meta.lang) if p)
            cell.append("\n" + visible(detail), style="dim")
            if doc.doc_id in self.duplicate_of:
                cell.append("  duplicate", style="italic magenta")
            row = self.add_row(cell, self._counts[doc.doc_id], self._read[doc.doc_id], key=doc.doc_id, height=2)
            self._row_cells[doc.doc_id] = self.row_cells(row)
        if pending and not self._held:
            self.call_after_refresh(self._add_more, pending)

    def resume(self) -> None:
        """Add the rows held while the case opened (it is searchable, or they waited long
        enough)."""
        if self._held:
            self._held = False
            if self._pending:
                self.call_after_refresh(self._add_more, self._pending)

    def _add_more(self, pending: list[DocumentInfo]) -> None:
        if pending is self._pending:  # not replaced by another list of documents meanwhile
            self._add_rows(self.CHUNK_ROWS)
            if not pending:
                self.post_message(self.Filled())

    def show_read(self, read: dict[str, int]) -> None:
        """How much of each document was read (``read``: passages seen per document id)."""
        self._read_counts = read
        changed = {}
        for doc_id, cell in self._read.items():
            new = self._read_cell(doc_id)
            if new is not cell:  # (shared by label)
                changed[doc_id] = self._read[doc_id] = new
        if changed:
            self._write_internals(changed, column="read")

    def _read_cell(self, doc_id: str) -> Text:
        """One shared Text per label, as the hit counts' (a Text for each of 50,000 documents,
        nearly all unread, took 0.24 s of the app's thread as a large case opened)."""
        seen, total = self._read_counts.get(doc_id, 0), self._paragraphs.get(doc_id, 0)
        label = ""
        if seen and total:
            share = min(100, round(100 * seen / total))
            label = "✓" if share >= 100 else f"{share}%"
        cell = self._READ_CELLS.get(label)
        if cell is None:
            cell = self._READ_CELLS[label] = Text(label, style="green" if label == "✓" else "dim", justify="right")
        return cell

    def _write_internals(self, hit_cells: dict[str, Text], remeasure: bool = False, column: str = "hits") -> None:
        """Many cells with one refresh, through :class:`~casereader.tui.textual_ext.FixedTable`:

        - ``update_cell`` refreshes the table once per cell (1,700 cells took ~25 ms a
          keystroke), so the cells are written into the table's rows in place.  ``update_cell``
          then bumps ``_update_count``, which also drops the table's row order and line offsets
          (~25 ms to rebuild at 16,657 rows, on every keystroke): the rows have not moved, so
          only what was rendered of the changed cells is forgotten (``forget_rendered``);
        - a column width set by hand is measured again only when asked (``remeasure``).
        """
        key = next(k for k in self.columns if k.value == column)  # the table's own: "is" finds it in a row
        rows = self._row_cells
        for doc_id, cell in hit_cells.items():
            row = rows.get(doc_id)
            if row is not None:  # a row still to add takes its cell from _counts / _read
                row[key] = cell
        if hit_cells:
            self.forget_rendered(hit_cells.keys(), key)
        if remeasure:
            self.remeasure()
        self.refresh()

    @staticmethod
    def _hits_label(doc_id: str, counts: dict[str, int] | None, indexing: bool) -> str:
        if counts is not None:
            return str(counts.get(doc_id, 0))
        return "…" if indexing else ""

    @classmethod
    def _hits_cell(cls, label: str) -> Text:
        """One shared Text per label (never modified): a large case's 16,657 cells are a few
        dozen objects, and an unchanged cell is the same object."""
        cell = cls._CELLS.get(label)
        if cell is None:
            style = "bold yellow" if label not in ("0", "", "…") else "dim"
            cell = cls._CELLS[label] = Text(label, style=style, justify="right")
        return cell

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.Chosen(event.row_key.value))
