"""The panes of the reader.  Attributes come down from the app; messages go up.

Every piece of document text is rendered through :mod:`casereader.display` as a Rich
``Text`` (never markup), with control characters made visible.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, OptionList, ProgressBar, Static
from textual.widgets.data_table import ColumnKey, RowKey
from textual.widgets.option_list import Option

from ..core import DocumentInfo, Hit, Paragraph, Related, SearchResult, Span
from ..display import highlighted, snippet, visible

MATCH = "bold black on yellow"
SHARED = "bold black on green"

LIST_BINDINGS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up"),
]


def annotation(source: Any, kind: str = "body") -> Text:
    label = Text(visible(source.annotation()), style="bold cyan")
    if kind != "body":
        label.append(f"  {kind}", style="italic dim")
    return label


class CaseList(OptionList):
    """An OptionList with j/k."""

    BINDINGS = LIST_BINDINGS


class SearchBox(Vertical):
    """The query input and, under it, one line for the count, notes and errors."""

    BINDINGS = [Binding("escape", "leave", "Results", id="search.leave")]

    class Submitted(Message):
        """Enter in the search box.  ``open`` when it came right after another Enter: keys
        typed ahead (Enter Enter) reach the box before the focus has moved to the results,
        and mean "go to the results, open the first"."""

        def __init__(self, open: bool = False) -> None:
            super().__init__()
            self.open = open

    TYPE_AHEAD = 0.25  # seconds
    _last_submit = 0.0

    def action_leave(self) -> None:
        self.screen.focus_next()

    def compose(self) -> Any:
        yield Input(
            placeholder='Search: words, "a phrase", prefix*, fuzzy~, OR, -word, outlet:wola, date:2025-07',
            id="query",
        )
        yield Static(Text(""), id="status")

    def set_status(self, text: Text) -> None:
        self.query_one("#status", Static).update(text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        now = time.monotonic()
        typed_ahead = now - self._last_submit < self.TYPE_AHEAD
        self._last_submit = 0.0 if typed_ahead else now
        self.post_message(self.Submitted(open=typed_ahead))


class IndexProgress(Vertical):
    """Shown while the index is being built."""

    def compose(self) -> Any:
        yield Static(Text("Indexing the case…"), id="progress-label")
        yield ProgressBar(id="progress-bar", show_eta=False)

    def update_progress(self, done: int, total: int, current: str) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        label = Text(f"Indexing the case: {done}/{total} files  ")
        label.append(visible(current)[-60:], style="dim")
        self.query_one("#progress-label", Static).update(label)


class DocumentsPane(DataTable[Text]):
    """Every document of the case, one row each, with its hits for the current query.

    A table rather than a list: it draws only the rows on screen, so a case of thousands of
    documents costs nothing per keystroke, and a new query only rewrites the changed counts.
    """

    BINDINGS = LIST_BINDINGS

    class Chosen(Message):
        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._rows: list[tuple[str, str, str, str, str, bool]] = []  # what each row shows, by id
        self._counts: dict[str, Text] = {}

    HITS_WIDTH = 5

    def on_mount(self) -> None:
        self.add_column("Document", key="doc", width=30)
        self.add_column(Text("Hits", justify="right"), key="hits", width=self.HITS_WIDTH)

    def on_resize(self) -> None:
        """The document column takes the width the hit counts leave."""
        width = self.content_region.width - self.HITS_WIDTH - 4 * self.cell_padding - 1
        column = self.columns.get("doc")  # type: ignore[call-overload]
        if column is not None and width > 10 and width != column.width:
            column.width = width
            self._require_update_dimensions = True
            self.refresh()

    duplicate_of: dict[str, str] = {}

    def show(self, documents: list[DocumentInfo], counts: dict[str, int] | None, indexing: bool) -> None:
        ids = [d.doc_id for d in documents]
        rows = [
            (d.doc_id, d.meta.title, d.meta.outlet, d.meta.date, d.meta.lang, d.doc_id in self.duplicate_of)
            for d in documents
        ]
        if rows != self._rows:
            self.clear()
            self._counts = {d: self._hits_cell(d, counts, indexing) for d in ids}
            for doc in documents:
                meta = doc.meta
                cell = Text(visible(meta.title or doc.doc_id), style="bold", overflow="ellipsis", no_wrap=True)
                detail = " · ".join(p for p in (meta.outlet, meta.date, meta.lang) if p)
                cell.append("\n" + visible(detail), style="dim")
                if doc.doc_id in self.duplicate_of:
                    cell.append("  duplicate", style="italic magenta")
                self.add_row(cell, self._counts[doc.doc_id], key=doc.doc_id, height=2)
            self._rows = rows
            return
        # A new query changes the counts of up to every document; DataTable.update_cell
        # refreshes the widget once per cell (1,700 cells took ~25 ms a keystroke), so the
        # cells are set in the table's data and the table refreshed once.
        changed = 0
        for doc_id in ids:
            if self._hits_label(doc_id, counts, indexing) != self._counts[doc_id].plain:
                hits = self._hits_cell(doc_id, counts, indexing)
                self._data[RowKey(doc_id)][ColumnKey("hits")] = hits
                self._counts[doc_id] = hits
                changed += 1
        if changed:
            self._update_count += 1
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


class ResultsPane(CaseList):
    """The hits of the current query, ranked."""

    class Chosen(Message):
        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    hits: list[Hit]

    FIRST_PAINT = 6  # hits drawn at once (more than fit on screen); the rest after the refresh

    def show(self, result: SearchResult | None) -> None:
        self.hits = list(result.hits) if result else []
        self.set_options(self._hit_options(self.hits[: self.FIRST_PAINT]))
        if self.hits:
            self.highlighted = 0
        if len(self.hits) > self.FIRST_PAINT:
            shown = self.hits
            self.call_after_refresh(self._show_rest, shown)

    def _show_rest(self, shown: list[Hit]) -> None:
        if shown is self.hits:  # still the same query
            self.add_options(self._hit_options(self.hits[self.FIRST_PAINT :]))

    @staticmethod
    def _hit_options(hits: list[Hit]) -> list[Option]:
        options = []
        for hit in hits:
            text, spans = snippet(hit.text, hit.spans, width=220)
            body = highlighted(text, spans, MATCH, base="" if hit.kind == "body" else "dim")
            head = annotation(hit.source, hit.kind)
            if hit.also_in:
                head.append(f"  also in {len(hit.also_in)} other", style="italic magenta")
            options.append(Option(Group(head, body, Text("")), id=hit.ref))
        return options

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.hits[event.option_index]))


@dataclass
class ReaderState:
    doc: DocumentInfo
    paragraphs: list[Paragraph]
    target: int | None  # paragraph number the jump landed on


class ReaderPane(CaseList):
    """A document, paragraph by paragraph, with a gutter of ¶ numbers."""

    class PassageChanged(Message):
        """The passage under the cursor changed (the related pane follows it)."""

        def __init__(self, ref: str) -> None:
            super().__init__()
            self.ref = ref

    state: ReaderState | None = None
    show_furniture = True
    _layout: tuple[int, tuple[int, ...]] | None = None
    _spans: list[list[Span]] = []

    def show(self, state: ReaderState, highlighter: Any) -> None:
        self.state = state
        self.render_paragraphs(highlighter)
        if state.target is not None:
            self.move_to(state.target)
        elif self.option_count:
            self.highlighted = 0
            self.scroll_home(animate=False)

    def visible_paragraphs(self) -> list[Paragraph]:
        if self.state is None:
            return []
        return [p for p in self.state.paragraphs if self.show_furniture or p.is_body or p.n == self.state.target]

    def render_paragraphs(self, highlighter: Any) -> None:
        """Draw the document; when only the query changed, redraw only the paragraphs whose
        highlights changed (a keystroke must not re-measure a whole long document)."""
        if self.state is None:
            return
        lang = self.state.doc.meta.lang or "en"
        paragraphs = self.visible_paragraphs()
        spans = [highlighter.spans(p.text, lang) if highlighter is not None else [] for p in paragraphs]
        layout = (id(self.state), tuple(p.n for p in paragraphs))
        if layout == self._layout:
            for index, (para, new) in enumerate(zip(paragraphs, spans, strict=True)):
                if new != self._spans[index]:
                    self.replace_option_prompt_at_index(index, self._prompt(para, new))
            self._spans = spans
            return
        keep = self.highlighted_option.id if self.highlighted_option else None
        self.set_options(
            Option(self._prompt(para, new), id=f"{self.state.doc.doc_id}:{para.n}")
            for para, new in zip(paragraphs, spans, strict=True)
        )
        self._layout, self._spans = layout, spans
        if keep is not None:
            self.move_to_ref(keep)

    def _prompt(self, para: Paragraph, spans: list[Span]) -> Table:
        assert self.state is not None
        text = highlighted(para.text, spans, MATCH, base="" if para.is_body else "dim italic")
        gutter = Text(f"¶{para.n}", style="bold magenta" if para.n == self.state.target else "dim")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=5, justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(gutter, text)
        return grid

    def move_to(self, n: int) -> None:
        if self.state is not None:
            self.move_to_ref(f"{self.state.doc.doc_id}:{n}")

    def move_to_ref(self, ref: str) -> None:
        try:
            index = self.get_option_index(ref)
        except Exception:  # the paragraph is hidden furniture
            return
        self.highlighted = index
        self.scroll_to_highlight(top=True)

    def current_ref(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def next_match(self, highlighter: Any, step: int) -> str | None:
        """Move to the next (step=1) or previous (step=-1) paragraph with a match, wrapping
        around the document like a pager.  Returns None, "moved" or "wrapped"."""
        if self.state is None or highlighter is None:
            return None
        paragraphs = self.visible_paragraphs()
        lang = self.state.doc.meta.lang or "en"
        count = len(paragraphs)
        start = self.highlighted if self.highlighted is not None else (-1 if step > 0 else count)
        for offset in range(1, count + 1):
            index = start + step * offset
            wrapped = not 0 <= index < count
            index %= count
            if highlighter.spans(paragraphs[index].text, lang):
                if index == start:
                    return None
                self.highlighted = index
                self.scroll_to_highlight()
                return "wrapped" if wrapped else "moved"
        return None

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.PassageChanged(event.option.id))


class RelatedPane(CaseList):
    """What the other documents say about the passage under the reader's cursor."""

    class Chosen(Message):
        def __init__(self, item: Related) -> None:
            super().__init__()
            self.item = item

    items: list[Related]
    source_ref: str | None = None

    def show(self, ref: str | None, items: list[Related]) -> None:
        self.source_ref = ref
        self.items = list(items)
        options = []
        for item in self.items:
            head = annotation(item.hit.source)
            if item.same_document:
                head.append("  same document", style="italic dim")
            reasons = Text("shared: ", style="dim")
            reasons.append(visible(", ".join(item.reasons[:6])), style="green")
            text, spans = snippet(item.hit.text, item.hit.spans, width=200)
            options.append(Option(Group(head, reasons, highlighted(text, spans, SHARED)), id=item.hit.ref))
        self.set_options(options)
        if options:
            self.highlighted = 0

    def selected(self) -> Related | None:
        if not getattr(self, "items", None):
            return None
        index = self.highlighted if self.highlighted is not None else 0
        return self.items[index] if 0 <= index < len(self.items) else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.items[event.option_index]))


class Breadcrumb(Static):
    """The trail of jumps, like a browser's history."""

    def show(self, trail: list[str], position: int) -> None:
        text = Text("trail: ", style="dim")
        if not trail:
            text.append("(no jumps yet)  [ back  ] forward", style="dim")
        start = max(0, position - 3)
        if start:
            text.append("… ", style="dim")
        for index in range(start, min(len(trail), position + 4)):
            label = visible(trail[index])
            if index == position:
                text.append(label, style="bold reverse")
            else:
                text.append(label, style="")
            if index < min(len(trail), position + 4) - 1:
                text.append(" › ", style="dim")
        self.update(text)
