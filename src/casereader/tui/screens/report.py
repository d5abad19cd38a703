"""The ingestion report: what was read from every file, and what was skipped."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ...core import DocumentInfo, Skipped
from ...display import ORIGINS_LEGEND, origin_marks, visible


class ReportScreen(ModalScreen[None]):
    """The ingestion report: what was extracted from every file, and every skipped file."""

    BINDINGS = [Binding("escape,q,i", "dismiss", "Close", id="report.close")]

    def __init__(self, documents: list[DocumentInfo], skipped: list[Skipped]) -> None:
        super().__init__()
        self.documents = documents
        self.skipped = skipped

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box"):
            yield Static(
                Text(
                    f"Ingestion report: {len(self.documents)} documents, {len(self.skipped)} skipped.  "
                    + ORIGINS_LEGEND,
                    style="bold",
                )
            )
            table: DataTable[Text] = DataTable(id="report-table", cursor_type="row")
            yield table
            if self.skipped:
                lines = Text("Skipped:\n", style="bold yellow")
                for item in self.skipped:
                    lines.append(f"  {visible(item.path)}: {item.reason}\n")
                yield Static(lines, id="report-skipped")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in ("file", "title", "author", "date", "lang", "¶", "from"):
            table.add_column(column)
        for doc in self.documents:
            meta = doc.meta
            table.add_row(
                *(Text(visible(value)[:60]) for value in (doc.path, meta.title, meta.author, meta.date, meta.lang)),
                Text(str(doc.paragraphs)),
                Text(origin_marks(meta.origins), style="dim"),
            )
        table.focus()
