"""The ingestion report: what was read from every file, and what was skipped; a row's
source can be corrected here (``e``)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ...core import Case, CorrectionError, DocumentInfo, IndexBusy, Skipped
from ...display import ORIGINS_LEGEND, clip, origin_marks, visible
from ..messages import CaseChanged
from .source import SourceScreen

WIDTHS = (20, 26, 18, 10, 16, 5)  # file, title, author, date, outlet, lang: a row fits 120 columns


def detail(doc: DocumentInfo) -> Text:
    """A report's row uncut, wrapped to the screen: the file, the title, who, when, where, and
    where each field came from, in words."""
    meta = doc.meta

    def one_line(value: str) -> str:
        return visible(" ".join(value.split()))

    lines = Text()
    lines.append(one_line(doc.path), style="bold")
    lines.append(f" · {doc.paragraphs} ¶ · {one_line(meta.lang) or 'language unknown'}\n")
    lines.append(one_line(meta.title) + "\n", style="bold cyan")
    who = " · ".join(one_line(v) for v in (meta.author, meta.date, meta.outlet) if v)
    if who:
        lines.append(who + "\n")
    if meta.url:
        lines.append(one_line(meta.url) + "\n", style="dim")
    origins = [f"{field} ← {origin}" for field, origin in sorted(meta.origins.items()) if field != "outlet_description"]
    if origins:
        lines.append("from: " + ", ".join(origins), style="dim")
    return lines


class ReportScreen(ModalScreen[None]):
    """The ingestion report: what was extracted from every file, and every skipped file."""

    BINDINGS = [
        Binding("escape,q,i", "dismiss", "Close", id="report.close"),
        Binding("e", "correct", "Correct source", id="report.correct"),
    ]

    def __init__(
        self,
        case: Case,
        documents: list[DocumentInfo],
        skipped: list[Skipped],
        changed: Callable[[CaseChanged], object] | None = None,
    ) -> None:
        super().__init__()
        self.case = case
        self.changed = changed  # tells the main screen that documents were read again
        self.documents = documents
        self.skipped = skipped

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box"):
            yield Static(id="report-title")
            table: DataTable[Text] = DataTable(id="report-table", cursor_type="row")
            yield table
            # The selected row in full: a column cut to fit the table, or beyond the screen's
            # right edge at 80×24 ("from" took ~40 presses of →), is read here.
            yield Static(id="report-detail")
            if self.skipped:
                lines = Text("Skipped:\n", style="bold yellow")
                for item in self.skipped:
                    lines.append(f"  {visible(item.path)}: {item.reason}\n")
                yield Static(lines, id="report-skipped")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in ("file", "title", "author", "date", "outlet", "lang", "¶", "from"):
            table.add_column(column)
        self._fill()
        table.focus()

    def _fill(self) -> None:
        self.query_one("#report-title", Static).update(
            Text(
                f"Ingestion report: {len(self.documents)} documents, {len(self.skipped)} skipped.  "
                f"e corrects the selected row's source.  {ORIGINS_LEGEND}",
                style="bold",
            )
        )
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for doc in self.documents:
            meta = doc.meta
            cells = (doc.path, meta.title, meta.author, meta.date, meta.outlet, meta.lang)
            table.add_row(
                *(Text(clip(value, width)) for value, width in zip(cells, WIDTHS, strict=True)),
                Text(str(doc.paragraphs)),
                Text(origin_marks(meta.origins), style="dim"),
                key=doc.path,
            )
        if self.documents:
            table.move_cursor(row=min(row, len(self.documents) - 1))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.documents):
            self.query_one("#report-detail", Static).update(detail(self.documents[event.cursor_row]))

    def action_correct(self) -> None:
        table = self.query_one(DataTable)
        if not self.documents:
            return
        document = self.documents[table.cursor_row]

        def corrected(values: dict[str, str] | None) -> None:
            if values:
                self.correct(document.path, values)

        self.app.push_screen(SourceScreen(document), corrected)

    @work(thread=True, exclusive=True, group="correct", exit_on_error=False)
    def correct(self, relpath: str, values: dict[str, str]) -> None:
        """Write the correction, read the document again, and show it corrected."""
        try:
            where = self.case.correct(relpath, values)
            report = self.case.update(wait=True)
        except (CorrectionError, IndexBusy, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not corrected", severity="error", markup=False)
            return
        documents, duplicates = self.case.documents(), self.case.duplicate_of()
        shown = where.name if where.parent == self.case.folder else str(where)
        self.app.call_from_thread(self._corrected, documents, relpath, shown)
        if self.changed is not None:
            self.changed(CaseChanged(report, documents, duplicates, []))

    def _corrected(self, documents: list[DocumentInfo], relpath: str, where: str) -> None:
        self.documents = documents
        self._fill()
        self.notify(f"{visible(relpath)}: source corrected in {visible(where)}", timeout=4, markup=False)
