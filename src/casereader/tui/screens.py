"""Dialogs: help, and the side-by-side comparison of two passages."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ..core import DocumentInfo, Related, Skipped
from ..display import SOURCES_LEGEND, highlighted, source_marks, visible
from .widgets import SHARED

HELP = """\
casereader — read a case: the same facts told by different outlets

Keys
  /              search (results update as you type; Enter goes to the results)
  Tab, Shift+Tab move between panes          ↑ ↓, j k   move in a list
  Enter          open the result, document or related passage
  n, N           next / previous match in the document
  r              jump to the related passage selected (or the first one)
  [ ]            back / forward through your jumps (also Alt+← / Alt+→)
  c              compare the passage with the selected related passage
  y              copy the passage with its citation
  f              show or hide page furniture (captions, bylines, credits)
  Ctrl+P         command palette: documents, search, related, themes…
  i              ingestion report: what was read from each file
  ?              this help          q, Ctrl+Q   quit

Query syntax
  words          all must appear (accents and case do not matter; inflections match)
  a OR b         either          -word, NOT word   exclude
  "exact phrase" the words in this order        crim*   words starting with crim
  bukele~        close spellings (~2 for two edits)
  outlet:wola  author:"misión verdad"  title:spectacle  lang:en  kind:heading
  date:2025-07   date:[2025-04-01 TO 2025-05-31]
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> Any:
        with VerticalScroll(id="help-box"):
            yield Static(Text(HELP))

    def action_dismiss(self, result: Any = None) -> Any:
        self.dismiss(None)


class CompareScreen(ModalScreen[None]):
    """The current passage and a related one side by side, shared words highlighted in both."""

    BINDINGS = [Binding("escape,q,c", "dismiss", "Close", id="compare.close")]

    def __init__(self, source_label: Text, source_text: str, item: Related) -> None:
        super().__init__()
        self.source_label = source_label
        self.source_text = source_text
        self.item = item

    def compose(self) -> Any:
        reasons = Text("shared: ", style="dim")
        reasons.append(visible(", ".join(self.item.reasons)), style="green")
        with Horizontal(id="compare-box"):
            with VerticalScroll(classes="compare-side", id="compare-left"):
                yield Static(
                    Group(
                        self.source_label,
                        Text(""),
                        highlighted(self.source_text, self.item.source_spans, SHARED),
                    )
                )
            with VerticalScroll(classes="compare-side", id="compare-right"):
                label = Text(visible(self.item.hit.source.annotation()), style="bold cyan")
                title = Text(visible(self.item.hit.source.title), style="italic dim")
                yield Static(
                    Group(
                        label,
                        title,
                        reasons,
                        Text(""),
                        highlighted(self.item.hit.text, self.item.hit.spans, SHARED),
                    )
                )

    def action_dismiss(self, result: Any = None) -> Any:
        self.dismiss(None)


class ReportScreen(ModalScreen[None]):
    """The ingestion report: what was extracted from every file, and every skipped file."""

    BINDINGS = [Binding("escape,q,i", "dismiss", "Close", id="report.close")]

    def __init__(self, documents: list[DocumentInfo], skipped: list[Skipped]) -> None:
        super().__init__()
        self.documents = documents
        self.skipped = skipped

    def compose(self) -> Any:
        with Vertical(id="report-box"):
            yield Static(
                Text(
                    f"Ingestion report: {len(self.documents)} documents, {len(self.skipped)} skipped.  "
                    + SOURCES_LEGEND,
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
                Text(source_marks(meta.sources), style="dim"),
            )
        table.focus()

    def action_dismiss(self, result: Any = None) -> Any:
        self.dismiss(None)
