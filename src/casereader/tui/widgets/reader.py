"""The reader: a document, paragraph by paragraph, with a gutter of ¶ numbers; it loads the
documents it shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...core import Case, DocumentInfo, Highlighter, Paragraph, Ref, Span
from ...display import highlighted, visible
from .common import MATCH, CaseList

_LINED = ("code", "table")  # shown in their lines, as written (the core's LINED_KINDS)


@dataclass
class ReaderState:
    doc: DocumentInfo
    paragraphs: list[Paragraph]
    target: int | None  # paragraph number the jump landed on


class ReaderPane(CaseList):
    """A document, paragraph by paragraph, with a gutter of ¶ numbers."""

    @dataclass
    class PassageChanged(Message):
        """The passage under the cursor changed (the related pane follows it)."""

        ref: Ref

    @dataclass
    class Loaded(Message):
        """A document is on screen (``focus``: the jump asked for the reader's focus)."""

        state: ReaderState
        focus: bool

    def __init__(self, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.state: ReaderState | None = None
        self.highlighter: Highlighter | None = None  # the current query's, set by the screen
        self.show_furniture = True
        self._layout: tuple[int, tuple[int, ...]] | None = None
        self._spans: list[list[Span]] = []
        self.marks: dict[int, frozenset[str]] = {}  # paragraph number -> "bookmark"/"note", set by the screen

    def set_marks(self, marks: dict[int, frozenset[str]]) -> None:
        """Show which paragraphs carry a bookmark (★) or a note (✎)."""
        old, self.marks = self.marks, marks
        if self.state is None or self._layout is None:
            return
        for index, para in enumerate(self.visible_paragraphs()):
            if old.get(para.n) != marks.get(para.n) and index < len(self._spans):
                self.replace_option_prompt_at_index(index, self._prompt(para, self._spans[index]))

    @work(thread=True, exclusive=True, group="reader", exit_on_error=False)
    def load(self, doc: DocumentInfo, n: int | None, focus: bool = True) -> None:
        """Read a document's paragraphs in a worker and show it at paragraph ``n``."""
        paragraphs = self.case.paragraphs(doc.doc_id)
        self.post_message(self.Loaded(ReaderState(doc, paragraphs, n), focus))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.show(message.state)

    def show(self, state: ReaderState) -> None:
        self.state = state
        meta = state.doc.meta
        # Text, not str: a str border title is read as markup, and this one is the document's.
        self.border_title = Text(visible(meta.title or state.doc.doc_id)[:120])
        self.border_subtitle = Text(visible(self._byline())[:160])
        self.render_paragraphs()
        if state.target is not None:
            self.move_to(state.target)
        elif self.option_count:
            self.highlighted = 0
            self.scroll_home(animate=False)

    def _byline(self) -> str:
        assert self.state is not None
        meta = self.state.doc.meta
        by = " · ".join(p for p in (meta.outlet, meta.author if meta.author != meta.outlet else "", meta.date) if p)
        return f"{by} · {meta.url}" if meta.url else by

    def visible_paragraphs(self) -> list[Paragraph]:
        if self.state is None:
            return []
        return [p for p in self.state.paragraphs if self.show_furniture or p.is_body or p.n == self.state.target]

    def marked_paragraphs(self) -> list[int]:
        """The numbers of the paragraphs shown with the query's words marked."""
        return [p.n for p, spans in zip(self.visible_paragraphs(), self._spans, strict=False) if spans]

    def render_paragraphs(self) -> None:
        """Draw the document; when only the query changed, redraw only the paragraphs whose
        highlights changed (a keystroke must not re-measure a whole long document)."""
        if self.state is None:
            return
        lang = self.state.doc.meta.lang or "en"
        paragraphs = self.visible_paragraphs()
        highlighter = self.highlighter
        spans = [highlighter.spans(p.text, lang) if highlighter is not None else [] for p in paragraphs]
        layout = (id(self.state), tuple(p.n for p in paragraphs))
        if layout == self._layout:
            for index, (para, new) in enumerate(zip(paragraphs, spans, strict=True)):
                if new != self._spans[index]:
                    self.replace_option_prompt_at_index(index, self._prompt(para, new))
            self._spans = spans
            return
        keep = self.current_ref()
        doc_id = self.state.doc.doc_id
        self.set_options(
            Option(self._prompt(para, new), id=str(Ref(doc_id, para.n)))
            for para, new in zip(paragraphs, spans, strict=True)
        )
        self._layout, self._spans = layout, spans
        if keep is not None:
            self.move_to_ref(keep)

    def _prompt(self, para: Paragraph, spans: list[Span]) -> Table:
        assert self.state is not None
        base = "" if para.is_body else "cyan" if para.kind in _LINED else "dim italic"
        text = highlighted(para.text, spans, MATCH, base=base)
        gutter = Text(f"¶{para.n}", style="bold magenta" if para.n == self.state.target else "dim")
        kinds = self.marks.get(para.n)
        if kinds:
            gutter = Text.assemble(("✎" if "note" in kinds else "★", "bold yellow"), gutter)
        if para.page and para.page != self._page_before(para):  # a PDF: where each page starts
            gutter = Text.assemble(gutter, (f"\np. {para.page}", "bold cyan"))
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=7 if para.page else 5, justify="right", no_wrap=True)
        grid.add_column(ratio=1, no_wrap=para.kind in _LINED, overflow="ellipsis")
        grid.add_row(gutter, text)
        return grid

    def _page_before(self, para: Paragraph) -> int:
        """The page of the paragraph shown before ``para`` (0 for the first)."""
        assert self.state is not None
        before = 0
        for other in self.state.paragraphs:
            if other.n >= para.n:
                break
            before = other.page
        return before

    def move_to(self, n: int) -> None:
        if self.state is not None:
            self.move_to_ref(Ref(self.state.doc.doc_id, n))

    def move_to_ref(self, ref: Ref) -> None:
        try:
            index = self.get_option_index(str(ref))
        except OptionDoesNotExist:  # the paragraph is hidden furniture
            return
        self.highlighted = index
        self.scroll_to_highlight(top=True)

    def current_ref(self) -> Ref | None:
        option = self.highlighted_option
        return Ref.parse(option.id) if option is not None and option.id else None

    def current_paragraph(self) -> Paragraph | None:
        ref = self.current_ref()
        if self.state is None or ref is None:
            return None
        return next((p for p in self.state.paragraphs if p.n == ref.n), None)

    def next_match(self, step: int) -> str | None:
        """Move to the next (step=1) or previous (step=-1) paragraph with a match, wrapping
        around the document like a pager.  Returns None, "moved" or "wrapped"."""
        highlighter = self.highlighter
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
            ref = Ref.parse(event.option.id)
            para = self.current_paragraph()
            if self.state is not None and para is not None and para.page:  # a PDF: the border says where
                self.border_subtitle = Text(visible(f"{self._byline()} · p. {para.page}, ¶{para.n}")[:160])
            self.post_message(self.PassageChanged(ref))
