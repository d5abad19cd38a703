"""The documents pane: every document of the case with its hits for the current query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from ...core import DocumentInfo
from ...display import visible
from .common import LIST_BINDINGS


class DocumentsPane(DataTable[Text]):
    """Every document of the case, one row each, with its hits for the current query.

    A table rather than a list: it draws only the rows on screen, so a case of thousands of
    documents costs nothing per keystroke, and a new query only rewrites the changed counts.
    """

    BINDINGS = LIST_BINDINGS
    HITS_WIDTH = 5
    READ_WIDTH = 4
    FIRST_ROWS = 400  # rows added at once; the others follow, CHUNK_ROWS per frame
    CHUNK_ROWS = 2_000

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

    def show(self, documents: list[DocumentInfo], counts: dict[str, int] | None, indexing: bool) -> None:
        ids = [d.doc_id for d in documents]
        rows = [
            (d.doc_id, d.meta.title, d.meta.outlet, d.meta.date, d.meta.lang, d.doc_id in self.duplicate_of)
            for d in documents
        ]
        if rows != self._rows:
            self.clear()
            self._counts = {d: self._hits_cell(d, counts, indexing) for d in ids}
            self._paragraphs = {d.doc_id: d.paragraphs for d in documents}
            self._read = {d: self._read_cell(d) for d in ids}
            self._rows = rows
            self._pending = list(reversed(documents))
            self._add_rows(self.FIRST_ROWS)
            return
        changed = {}
        for doc_id in ids:
            if self._hits_label(doc_id, counts, indexing) != self._counts[doc_id].plain:
                changed[doc_id] = self._counts[doc_id] = self._hits_cell(doc_id, counts, indexing)
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
            self.add_row(cell, self._counts[doc.doc_id], self._read[doc.doc_id], key=doc.doc_id, height=2)
        if pending:
            self.call_after_refresh(self._add_more, pending)

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
            if new.plain != cell.plain:
                changed[doc_id] = self._read[doc_id] = new
        if changed:
            self._write_internals(changed, column="read")

    def _read_cell(self, doc_id: str) -> Text:
        seen, total = self._read_counts.get(doc_id, 0), self._paragraphs.get(doc_id, 0)
        if not seen or not total:
            return Text("", justify="right")
        share = min(100, round(100 * seen / total))
        return Text("✓" if share >= 100 else f"{share}%", style="green" if share >= 100 else "dim", justify="right")

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Every column has a set width and every row two lines: there is nothing to measure.
        DataTable measures each cell of each new row all the same (2.2 s of the launch of a
        16,657-document case, before the list showed); the table's size follows from the
        widths and heights alone, which DataTable's own method computes with no new rows
        (Textual 8.2.8, pinned in pyproject.toml)."""
        super()._update_dimensions([])

    def _write_internals(self, hit_cells: dict[str, Text], remeasure: bool = False, column: str = "hits") -> None:
        """The one place casereader writes DataTable's private attributes (Textual 8.2.8,
        pinned in pyproject.toml), each as DataTable's own methods do:

        - many hit counts with one refresh: ``update_cell`` refreshes the table once per cell
          (1,700 cells took ~25 ms a keystroke), so the cells go into ``_data`` and
          ``_update_count`` is bumped (it invalidates the cached rows);
        - a column width set by hand is measured again only when ``_require_update_dimensions``
          is set (``add_column`` sets it; no public method does).
        """
        key = ColumnKey(column)
        for doc_id, cell in hit_cells.items():
            row = self._data.get(RowKey(doc_id))
            if row is not None:  # a row still to add takes its cell from _counts / _read
                row[key] = cell
        if hit_cells:
            self._update_count += 1
        if remeasure:
            self._require_update_dimensions = True
        self.refresh()

    @staticmethod
    def _hits_label(doc_id: str, counts: dict[str, int] | None, indexing: bool) -> str:
        if counts is not None:
            return str(counts.get(doc_id, 0))
        return "…" if indexing else ""

    @classmethod
    def _hits_cell(cls, doc_id: str, counts: dict[str, int] | None, indexing: bool) -> Text:
        label = cls._hits_label(doc_id, counts, indexing)
        hit = counts is not None and counts.get(doc_id, 0) > 0
        return Text(label, style="bold yellow" if hit else "dim", justify="right")

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.Chosen(event.row_key.value))
