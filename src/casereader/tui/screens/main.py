"""The main screen: the layout, and the routing of messages between the panes.

The screen owns what is on screen (the current query and its result, the trail of jumps)
and hands it down to the panes; the panes post messages up.  Each pane runs the workers that
load what it shows.  Two collaborators come from the app: the case session (``session.py``:
the documents, whether the case can be searched, news of the index and the folder), and the
case's keeping (``keeping.py``: bookmarks, notes, passages read, searches, exports); the
screen subscribes to what each publishes and shows it.
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, TextArea

from ...core import DocumentInfo, Paragraph, Ref, SearchResult
from ...display import visible
from ..idle_gc import IdleCollector
from ..messages import (
    ArticleAdded,
    CaseChanged,
    CaseNews,
    DocumentsLoaded,
    IndexProgressed,
    IndexReady,
    Kept,
    MeaningReady,
)
from ..palette import DocumentCommands, SavedSearchCommands, main_commands
from ..trail import Stop, Trail
from ..widgets import Breadcrumb, DocumentsPane, IndexProgress, ReaderPane, RelatedPane, ResultsPane, SearchBox

if TYPE_CHECKING:  # the app builds both and hands them down
    from ..keeping import Keeping
    from ..session import CaseSession

PANE_TITLES = {"#documents": "Documents", "#results": "Results", "#reader": "Reader", "#related": "Related passages"}


class MainScreen(Screen[None]):
    COMMANDS = Screen.COMMANDS | {DocumentCommands, SavedSearchCommands}
    # Collapse panes on small terminals instead of squeezing them (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-w-tiny"), (70, "-w-narrow"), (100, "-w-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-h-tiny"), (20, "-h-short"), (30, "-h-tall")]
    BINDINGS = [
        # A priority binding (refused while an input has the focus: there / is a character),
        # so letters typed right after / go to the search box, not to the list's keys.
        Binding("slash", "focus_search", "Search", priority=True, id="search"),
        Binding("n", "next_match", "Next match", id="next_match"),
        Binding("N", "previous_match", "Prev match", id="previous_match"),
        Binding("r", "jump_related", "Related", id="jump_related"),
        Binding("left_square_bracket,alt+left", "go_back", "Back", id="back"),
        Binding("right_square_bracket,alt+right", "go_forward", "Forward", id="forward"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("y", "copy_citation", "Copy", id="copy"),
        Binding("b", "bookmark", "Bookmark", id="bookmark"),
        Binding("a", "note", "Note", id="note"),
        Binding("v", "select", "Select", id="select"),
        Binding("m", "notes", "Notes", id="notes"),
        Binding("s", "sides('figures')", "Sides", id="sides"),
        Binding("u", "toggle_unseen", "Unread", show=False, id="unread"),
        Binding("f", "toggle_furniture", "Furniture", show=False, id="furniture"),
        Binding("i", "report", "Report", show=False, id="report"),
        # 'did you mean': taken from any pane (shown in the footer only when there is one);
        # → at the end of the search box takes it too (see SearchBox).
        Binding("ctrl+y", "accept_suggestion", "Did you mean", priority=True, id="accept_suggestion"),
    ]

    def __init__(self, session: CaseSession, keeping: Keeping, idle: IdleCollector, show_timings: bool = True) -> None:
        super().__init__(classes=self.breakpoint_classes(shutil.get_terminal_size()))
        self.session = session
        self.case = session.case
        self.keeping = keeping
        self.idle = idle
        self.show_timings = show_timings  # off in snapshot tests, where times would differ
        self.unseen_only = False  # results: only the passages not read yet
        self.result: SearchResult | None = None
        self.query_text = ""
        self.trail = Trail()
        self._footer_state: tuple[bool | None, ...] | None = None

    @classmethod
    def breakpoint_classes(cls, size: os.terminal_size) -> str:
        """The breakpoints' classes for a terminal of ``size``, set before the first frame:
        set by the first resize, they styled every widget a second time (~0.04 s of the start)."""
        width = max((b for b in cls.HORIZONTAL_BREAKPOINTS if size.columns >= b[0]), default=None)
        height = max((b for b in cls.VERTICAL_BREAKPOINTS if size.lines >= b[0]), default=None)
        return " ".join(b[1] for b in (width, height) if b is not None)

    @property
    def documents(self) -> list[DocumentInfo]:
        return self.session.state.documents

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBox(id="search")
        yield IndexProgress(id="progress")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield DocumentsPane(id="documents")
                yield ResultsPane(self.case, id="results")
            with Vertical(id="right"):
                yield ReaderPane(self.case, id="reader")
                yield RelatedPane(self.case, id="related")
        yield Breadcrumb(id="trail")
        yield Footer()

    def on_mount(self) -> None:
        for selector, title in PANE_TITLES.items():
            self.query_one(selector).border_title = title
        self.query_one(Breadcrumb).show(self.trail)
        self.query_one(IndexProgress).display = False
        self.query_one(SearchBox).show_hint()
        self.call_after_refresh(self._focus_first_list)
        self.query_one(ResultsPane).seen = self.keeping.seen
        self.keeping.subscribe(self, self._kept_changed)
        self.call_after_refresh(self.keeping.load)  # the notes store, after the first frame
        self.session.subscribe(self, self._case_news)
        state = self.session.state  # what the session published before this screen was up
        if state.documents:
            self.show_documents(state.documents, state.indexing, state.duplicate_of)
        if state.searchable:
            self._index_opened(state.partial, searchable=True)

    # --- the case, from the session ---------------------------------------------------------

    def _case_news(self, news: CaseNews) -> None:
        if isinstance(news, DocumentsLoaded):
            self.show_documents(news.documents, news.indexing, news.duplicate_of)
        elif isinstance(news, IndexProgressed):
            self._index_progressed(news)
        elif isinstance(news, IndexReady):
            self._index_opened(news.partial, news.searchable)
        elif isinstance(news, CaseChanged):
            self._case_changed(news)
        elif isinstance(news, MeaningReady):
            self.query_one(RelatedPane).again()  # the passage's related ones, with meaning now

    @on(DocumentsPane.Filled)
    def _documents_filled(self) -> None:  # the rows of a long list live long: out of collections
        self.idle.settle()

    def show_documents(self, documents: list[DocumentInfo], indexing: bool, duplicate_of: dict[str, str]) -> None:
        pane = self.query_one(DocumentsPane)
        pane.duplicate_of = duplicate_of
        pane.show(documents, self.result.doc_counts if self.result else None, indexing)
        pane.border_title = f"Documents · {len(documents)}"

    def _index_progressed(self, message: IndexProgressed) -> None:
        progress = self.query_one(IndexProgress)
        if message.done < message.total or not message.total:  # files to go, or waiting
            progress.display = True
        progress.update_progress(message.done, message.total, message.current)

    def _index_opened(self, partial: tuple[int, int] | None, searchable: bool) -> None:
        """The index is open (``partial``: its first part) or could not be (not ``searchable``)."""
        progress = self.query_one(IndexProgress)
        progress.searchable = partial
        progress.display = partial is not None
        self.query_one(DocumentsPane).resume()
        if not searchable:
            return
        if self.query_text:
            self.run_search(self.query_text)
        else:
            self.query_one(SearchBox).show_hint()

    def _case_changed(self, message: CaseChanged) -> None:
        report = message.report
        self.query_one(IndexProgress).display = False
        self.show_documents(message.documents, False, message.duplicate_of)
        if self.query_text:
            self.run_search(self.query_text)
        reader = self.query_one(ReaderPane)
        if reader.state is None:
            return
        relpath = reader.state.doc.path
        if relpath in report.removed:
            self.notify(f"{visible(relpath)} was removed from the folder; the reader shows it as it was.", markup=False)
        elif relpath in report.updated:
            ref = reader.current_ref()
            doc = next((d for d in self.documents if d.doc_id == reader.state.doc.doc_id), None)
            if doc is not None:
                reader.load(doc, ref.n if ref else None, focus=False)

    # --- searching --------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        # No debounce delay: the search starts at once, and the next keystroke cancels it
        # (the worker group is exclusive and the core polls is_cancelled while scoring).
        self.query_text = event.value
        self.query_one(SearchBox).suggestion = None  # until this query's result says
        self.idle.activity()
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        if query.strip() and not self.session.state.searchable:
            self.query_one(SearchBox).set_status(
                Text("⚠ the index is being built; the search runs when it is ready", style="bold red")
            )
            return
        self.query_one(ResultsPane).search(query)

    @on(SearchBox.Submitted)
    def _query_submitted(self, message: SearchBox.Submitted) -> None:
        results = self.query_one(ResultsPane)
        self.keeping.remember_query(self.query_text)
        if message.open:
            if results.hits and self.result is not None and self.result.query == self.query_text:
                results.open_first_hit()
            return
        if self.query_text != (self.result.query if self.result else ""):
            self.run_search(self.query_text)
        results.focus()

    @on(ResultsPane.Searched)
    def _searched(self, message: ResultsPane.Searched) -> None:
        if message.query != self.query_text:
            return  # an older search finished after a newer keystroke
        box = self.query_one(SearchBox)
        results = self.query_one(ResultsPane)
        if message.error:
            box.set_status(Text(f"⚠ {message.error}", style="bold red"))
            return
        result = self.result = message.result
        results.show(result, message.notes)
        # The hits and the count paint first; the per-document counts (a cell per document
        # that changed, thousands in a large case) follow a little later, for the last query.
        self.set_timer(DocumentsPane.COUNTS_DELAY, lambda: self._show_counts(result))
        reader = self.query_one(ReaderPane)
        reader.highlighter = result.highlighter if result else None
        reader.render_paragraphs()
        if result is None:
            results.border_title = "Results"
            box.show_hint()
            return
        self._show_status(result)
        self.refresh_footer()

    def _show_status(self, result: SearchResult) -> None:
        """The count (in the results' title and under the search box), 'did you mean', notes."""
        total = f"{result.total}" if result.exact else f"~{result.total}"
        took = f" · {result.seconds * 1000:.0f} ms" if self.show_timings else ""
        notes = result.notes
        if result.some_words_from == 0 and notes:  # "no paragraph has all 3 words — 14 have some"
            self.query_one(ResultsPane).border_title = f"Results · 0 of all the words{took}"
            status = Text(visible(notes[0]), style="bold")
            notes = notes[1:]
        else:
            self.query_one(ResultsPane).border_title = f"Results · {total}{took}"
            status = Text(f"{total} paragraph{'s' if result.total != 1 else ''} match", style="bold")
        if result.listable > len(result.hits):
            status.append(f" (listed {len(result.hits)} at a time)", style="dim")
        status.append(took, style="dim")
        box = self.query_one(SearchBox)
        box.suggestion = result.suggestion if result.query == self.query_text else None
        if result.suggestion:
            status.append("  did you mean: ", style="yellow")
            status.append(visible(result.suggestion), style="bold yellow")
            status.append(" (Ctrl+Y takes it)", style="yellow")
        for note in notes:
            status.append(f"  · {visible(note)}", style="yellow")
        if listed := len(self.query_one(ResultsPane).notes):
            status.append(f"  · {listed} of your notes", style="yellow")
        status.append_text(self.status_note() or Text(""))
        self.query_one(SearchBox).set_status(status)

    @on(ResultsPane.Suggested)
    def _suggested(self, message: ResultsPane.Suggested) -> None:
        result = message.result  # 'did you mean', for the result still listed
        if result.suggestion and self.result is not None and result.query == self.query_text == self.result.query:
            self.result = result
            self._show_status(result)
            self.refresh_footer()

    def _show_counts(self, result: SearchResult | None) -> None:
        current = self.result  # the same search, or the same with its 'did you mean' since
        if result is not current and (result is None or current is None or result.query != current.query):
            return  # a newer search has already replaced it
        counts = current.doc_counts if current else None
        self.query_one(DocumentsPane).show(self.documents, counts, self.session.state.indexing)

    # --- reading and jumping --------------------------------------------------------------

    @on(ResultsPane.Chosen)
    def _result_chosen(self, message: ResultsPane.Chosen) -> None:
        self.keeping.remember_query(self.query_text)
        self.open_stop(Stop(message.hit.citation.doc_id, message.hit.citation.n))

    @on(ResultsPane.NoteChosen)
    def _note_chosen(self, message: ResultsPane.NoteChosen) -> None:
        self.open_stop(Stop(message.note.ref.doc_id, message.note.ref.n))

    @on(DocumentsPane.Chosen)
    def _document_chosen(self, message: DocumentsPane.Chosen) -> None:
        self.open_stop(Stop(message.doc_id))

    @on(RelatedPane.Chosen)
    def _related_chosen(self, message: RelatedPane.Chosen) -> None:
        self.open_stop(Stop(message.item.hit.citation.doc_id, message.item.hit.citation.n))

    def open_stop(self, stop: Stop, record: bool = True) -> None:
        if not self.session.state.searchable:
            self.notify("The index is still being built.", severity="warning")
            return
        doc = next((d for d in self.documents if d.doc_id == stop.doc_id), None)
        if doc is None:
            self.notify("That document is no longer in the case folder.", severity="warning")
            return
        if record:
            self.trail.visit(stop)
        self.query_one(Breadcrumb).show(self.trail)
        self.query_one(ReaderPane).load(doc, stop.n)

    @on(ReaderPane.Loaded)
    def _reader_loaded(self, message: ReaderPane.Loaded) -> None:
        if message.focus and (self.focused is None or self.focused.id in ("documents", "results", "related")):
            self.query_one(ReaderPane).focus()
        self.show_marks()
        self.refresh_footer()

    @on(ReaderPane.PassageChanged)
    def _passage_changed(self, message: ReaderPane.PassageChanged) -> None:
        self.idle.activity()
        self.keeping.saw(message.ref)
        self.query_one(RelatedPane).follow(message.ref)

    @on(RelatedPane.Found)
    def _related_found(self) -> None:
        self.refresh_footer()

    # --- actions --------------------------------------------------------------------------

    def refresh_footer(self) -> None:
        """Redraw the footer's keys only when what they can do changed (the footer is
        rebuilt on each refresh, which is a noticeable part of a keystroke's cost)."""
        actions = (
            "next_match",
            "jump_related",
            "copy_citation",
            "go_back",
            "go_forward",
            "bookmark",
            "accept_suggestion",
        )
        state = tuple(self.check_action(action, ()) for action in actions)
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show in the footer only the keys that do something now."""
        reader = self.query_one(ReaderPane)
        if action in ("next_match", "previous_match"):
            return reader.state is not None and self.result is not None
        if action in ("jump_related", "compare"):
            return self.query_one(RelatedPane).selected() is not None
        if action in ("copy_citation", "toggle_furniture", "bookmark", "note", "select"):
            return reader.state is not None
        if action == "accept_suggestion":
            return self.query_one(SearchBox).suggestion is not None
        if action in ("go_back", "go_forward"):
            return bool(getattr(self.trail, f"can_{action}"))  # can_go_back, can_go_forward
        if action == "focus_search":  # in an input, / is a character
            return not isinstance(self.focused, Input | TextArea)
        return True

    def action_accept_suggestion(self) -> None:
        """Search for 'did you mean' (Ctrl+Y, or → at the end of the search box)."""
        self.query_one(SearchBox).accept_suggestion()

    def _focus_first_list(self) -> None:
        """Letters are keys from the first second: the focus starts on the documents (on the
        results where the documents pane is folded away, at 80×24); ``/`` goes to the search box."""
        documents = self.query_one(DocumentsPane)
        (documents if documents.display else self.query_one(ResultsPane)).focus()

    def action_focus_search(self) -> None:
        # At once (focus() waits for the app's next turn): the keys typed behind / go to the box.
        self.set_focus(self.query_one("#query", Input))

    def action_next_match(self) -> None:
        self._walk_matches(1)

    def action_previous_match(self) -> None:
        self._walk_matches(-1)

    def _walk_matches(self, step: int) -> None:
        moved = self.query_one(ReaderPane).next_match(step)
        if moved is None:
            self.notify("No other match in this document.", timeout=2)
        elif moved == "wrapped":
            self.notify("Wrapped around to the " + ("top." if step > 0 else "bottom."), timeout=2)

    def action_jump_related(self) -> None:
        item = self.query_one(RelatedPane).selected()
        if item is not None:
            self.open_stop(Stop(item.hit.citation.doc_id, item.hit.citation.n))

    def action_go_back(self) -> None:
        stop = self.trail.back()
        if stop is not None:
            self.open_stop(stop, record=False)

    def action_go_forward(self) -> None:
        stop = self.trail.forward()
        if stop is not None:
            self.open_stop(stop, record=False)

    def action_compare(self) -> None:
        related = self.query_one(RelatedPane)
        reader = self.query_one(ReaderPane)
        item, ref, para = related.selected(), reader.current_ref(), reader.current_paragraph()
        if item is None or ref is None or para is None or reader.state is None:
            return
        if ref != related.passage:
            self.notify("Related passages are still loading.", timeout=2)
            return
        from .compare import CompareScreen

        self.app.push_screen(CompareScreen(self.case.citation(ref), para.text, item))

    def action_toggle_furniture(self) -> None:
        reader = self.query_one(ReaderPane)
        reader.show_furniture = not reader.show_furniture
        reader.render_paragraphs()
        self.notify("Furniture shown." if reader.show_furniture else "Furniture hidden.", timeout=2)

    def action_sides(self, view: str) -> None:
        """Figures, names, quotes, coverage, timeline: how the outlets tell the case."""
        if not self.session.state.searchable:
            self.notify("The index is still being built.", severity="warning")
            return
        from .sides import SidesScreen

        self.app.push_screen(SidesScreen(self.case, view), self._sides_closed)

    def _sides_closed(self, ref: Ref | None) -> None:
        if ref is not None:
            self.open_stop(Stop(ref.doc_id, ref.n))

    def action_report(self) -> None:
        if not self.session.state.searchable:
            self.notify("The index is still being built.", severity="warning")
            return
        from .report import ReportScreen

        self.app.push_screen(ReportScreen(self.case, self.documents, self.case.skipped(), self.session.post))

    def action_add_url(self) -> None:
        def chosen(url: str | None) -> None:
            if url:
                self.notify(f"Fetching {visible(url)}…", timeout=3, markup=False)
                self.add_article(url)

        from .add_url import AddUrlScreen

        self.app.push_screen(AddUrlScreen(), chosen)

    @work(thread=True, group="add", exit_on_error=False)
    def add_article(self, url: str) -> None:
        """Fetch the address into the case folder (the core's ``add_address``); the folder's
        watcher indexes what was added (and says so), or, when the folder is not followed,
        the index is brought up to date here."""
        from ...core import add_address

        outcome = add_address(self.case.folder, url)
        following = any(w.group == "watch" and not w.is_finished for w in self.app.workers)
        if outcome.added and not following:
            report = self.case.update_index(wait=True).report  # busy: the watcher brings it in
            if report is not None:
                self.session.post(CaseChanged(report, self.case.documents(), self.case.duplicate_of(), []))
        self.post_message(ArticleAdded(url, outcome))

    @on(ArticleAdded)
    def _article_added(self, message: ArticleAdded) -> None:
        from .add_url import outcome_notice

        title, text, severity = outcome_notice(message.url, message.outcome)
        self.notify(text, title=title, severity=severity, timeout=8, markup=False)

    # --- keeping: bookmarks, notes, copies, reading progress, searches ------------------------

    def _kept_changed(self, kept: Kept) -> None:
        """Show what the keeping published: the marks in the reader's gutter, the share of
        each document read, the searches for Up and Down in the search box."""
        if kept is Kept.MARKS:
            self.show_marks()
        elif kept is Kept.READ:
            self.query_one(DocumentsPane).show_read(self.keeping.read_per_document())
        else:
            self.query_one(SearchBox).history = self.keeping.history

    def show_marks(self) -> None:
        reader = self.query_one(ReaderPane)
        reader.set_marks(self.keeping.marks_in(reader.state.doc.doc_id if reader.state else None))

    def _passage(self) -> tuple[Ref, Paragraph] | None:
        reader = self.query_one(ReaderPane)
        ref, para = reader.current_ref(), reader.current_paragraph()
        if ref is None or para is None:
            self.notify("Open a passage first.", timeout=2)
            return None
        return ref, para

    def action_bookmark(self) -> None:
        if found := self._passage():
            self.keeping.bookmark(*found)

    def action_note(self) -> None:
        if found := self._passage():
            self.keeping.note(*found)

    def action_select(self) -> None:
        if found := self._passage():
            self.keeping.select(*found)

    def action_copy_citation(self) -> None:
        if found := self._passage():
            ref, para = found
            self.keeping.copy(ref, para.text)

    def action_notes(self) -> None:
        def opened(ref: Ref | None) -> None:
            self.keeping.reload_marks()
            if ref is not None:
                self.open_stop(Stop(ref.doc_id, ref.n))

        # Built once and kept: opening it again shows the last filter at once, refreshed.
        if not self.app.is_screen_installed("notes"):
            from .notes import NotesScreen

            self.app.install_screen(NotesScreen(self.keeping), "notes")
        self.app.push_screen("notes", opened)

    def export_notes(self, fmt: str) -> None:
        self.keeping.export_notes(fmt)

    def export_results(self, fmt: str) -> None:
        self.keeping.export_results(fmt, self.query_one(ResultsPane).hits)

    def action_toggle_unseen(self) -> None:
        self.unseen_only = not self.unseen_only
        results = self.query_one(ResultsPane)
        results.unseen_only = self.unseen_only
        results.redraw()
        self.notify("Showing unread results only." if self.unseen_only else "Showing all results.", timeout=2)

    def save_search(self) -> None:
        self.keeping.save_search(self.query_text)

    def run_saved(self, query: str) -> None:
        box = self.query_one("#query", Input)
        box.value = query
        box.cursor_position = len(query)
        box.focus()

    def status_note(self) -> Text | None:
        note = Text()
        if partial := self.session.state.partial:
            note.append(f"  · in the {partial[0]:,} of {partial[1]:,} files indexed so far", style="yellow")
        if self.unseen_only:
            note.append("  · unread only (u)", style="yellow")
        return note or None

    def system_commands(self) -> list[SystemCommand]:
        """The screen's commands for the palette (the app adds them to Textual's own)."""
        return main_commands(self)
