"""The casereader app: search a case, read each hit in its document, walk to related passages.

The app owns the state (the query's result, the document in the reader, the trail of
jumps) and hands it down to the panes; the panes post messages up.  Everything that
touches Whoosh or the disk runs in a thread worker, which posts a message back.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Hit as CommandHit
from textual.command import Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input
from textual.worker import Worker, WorkerState, get_current_worker

from ..core import (
    Case,
    DocMeta,
    DocumentInfo,
    IndexBusy,
    IndexReport,
    QueryError,
    Related,
    SearchCancelled,
    SearchResult,
    Skipped,
)
from ..display import visible
from .screens import CompareScreen, HelpScreen, ReportScreen
from .widgets import (
    Breadcrumb,
    DocumentsPane,
    IndexProgress,
    ReaderPane,
    ReaderState,
    RelatedPane,
    ResultsPane,
    SearchBox,
)

RELATED_DELAY = 0.12
GC_IDLE = 1.0  # seconds without typing or moving before cyclic garbage is collected
GC_PENDING_MAX = 200_000  # ...or sooner, when this many objects wait (typing for minutes)
RESULTS_LIMIT = 50  # hits listed; the count above says how many there are in all


# --- messages from workers ------------------------------------------------------------


class DocumentsLoaded(Message):
    def __init__(
        self, documents: list[DocumentInfo], indexing: bool, duplicate_of: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        self.documents = documents
        self.indexing = indexing
        self.duplicate_of = duplicate_of or {}


class IndexProgressed(Message):
    def __init__(self, done: int, total: int, current: str) -> None:
        super().__init__()
        self.done, self.total, self.current = done, total, current

    def can_replace(self, message: Message) -> bool:  # a flood of progress: keep the last
        return isinstance(message, IndexProgressed)


class IndexReady(Message):
    def __init__(self, report: IndexReport | None, problem: str = "") -> None:
        super().__init__()
        self.report = report
        self.problem = problem


class SearchDone(Message):
    def __init__(self, query: str, result: SearchResult | None, error: str = "") -> None:
        super().__init__()
        self.query = query
        self.result = result
        self.error = error


class Suggested(Message):
    def __init__(self, query: str, suggestion: str) -> None:
        super().__init__()
        self.query = query
        self.suggestion = suggestion


class DocumentOpened(Message):
    def __init__(self, state: ReaderState, focus: bool = True) -> None:
        super().__init__()
        self.state = state
        self.focus = focus


class RelatedFound(Message):
    def __init__(self, ref: str, items: list[Related]) -> None:
        super().__init__()
        self.ref = ref
        self.items = items


class CaseChanged(Message):
    """The folder changed while the app was open, and the index has caught up."""

    def __init__(
        self,
        report: IndexReport,
        documents: list[DocumentInfo],
        duplicate_of: dict[str, str],
        unreadable: list[Skipped],
    ) -> None:
        super().__init__()
        self.report = report
        self.documents = documents
        self.duplicate_of = duplicate_of
        self.unreadable = unreadable  # files newly found unreadable


@dataclass
class Stop:
    """One place in the trail of jumps."""

    doc_id: str
    n: int | None

    @property
    def label(self) -> str:
        return self.doc_id if self.n is None else f"{self.doc_id}:{self.n}"


class DocumentCommands(Provider):
    """Command palette: jump to any document by its title, outlet or id."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, CaseReaderApp)
        matcher = self.matcher(query)
        for doc in app.documents:
            label = f"Open document: {visible(doc.meta.title or doc.doc_id)}"
            detail = " · ".join(p for p in (doc.meta.outlet, doc.meta.date, doc.doc_id) if p)
            score = max(matcher.match(label), matcher.match(detail))
            if score > 0:
                # The palette reads str prompts and help as markup: a title with brackets
                # is given as Content (literal; unhighlighted) and the help escaped.
                prompt = Content(label) if "[" in label else matcher.highlight(label)
                yield CommandHit(
                    score, prompt, partial(app.open_stop, Stop(doc.doc_id, None)), help=escape(visible(detail))
                )


class CaseReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "casereader"
    COMMANDS = App.COMMANDS | {DocumentCommands}
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="search"),
        Binding("n", "next_match", "Next match", id="next_match"),
        Binding("N", "previous_match", "Prev match", id="previous_match"),
        Binding("r", "jump_related", "Related", id="jump_related"),
        Binding("left_square_bracket,alt+left", "go_back", "Back", id="back"),
        Binding("right_square_bracket,alt+right", "go_forward", "Forward", id="forward"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("y", "copy_citation", "Copy", id="copy"),
        Binding("f", "toggle_furniture", "Furniture", id="furniture"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("i", "report", "Report", show=False, id="report"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_anywhere"),
    ]

    def __init__(self, case: Case, show_timings: bool = True, watch: bool = True) -> None:
        super().__init__()
        self.case = case
        self.show_timings = show_timings  # off in snapshot tests, where times would differ
        self.follows_folder = watch
        self._stop_watching = threading.Event()
        self.documents: list[DocumentInfo] = []
        self.meta: dict[str, DocMeta] = {}
        self.index_ready = False
        self.indexing = False
        self.result: SearchResult | None = None
        self.query_text = ""
        self.trail: list[Stop] = []
        self.position = -1
        self._related_timer: Timer | None = None
        self._related_ref: str | None = None
        self._last_activity = time.monotonic()
        self._quiet_gc = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> Any:
        yield Header()
        yield SearchBox(id="search")
        yield IndexProgress(id="progress")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield DocumentsPane(id="documents")
                yield ResultsPane(id="results")
            with Vertical(id="right"):
                yield ReaderPane(id="reader")
                yield RelatedPane(id="related")
        yield Breadcrumb(id="trail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"casereader — {self.case.name}"
        self.sub_title = "opening…"
        titles = {
            "#documents": "Documents",
            "#results": "Results",
            "#reader": "Reader",
            "#related": "Related passages",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.query_one(Breadcrumb).show([], -1)
        self.query_one("#progress").display = False
        self._fit(self.size.width, self.size.height)
        self.query_one("#query", Input).focus()
        self.prepare_case()

    def on_resize(self, event: Any) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Collapse panes on small terminals instead of squeezing them."""
        screen = self.screen
        screen.set_class(width < 100 or height < 30, "-narrow")
        screen.set_class(width < 70 or height < 20, "-tiny")

    # --- opening the case ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def prepare_case(self) -> None:
        """Show the documents at once, then build or update the index, then warm it up."""
        worker = get_current_worker()
        case = self.case
        listed = case.listed_documents()  # from the manifest: no index opened yet
        if listed:
            self.post_message(DocumentsLoaded(listed, indexing=True))
        else:
            from ..core.ingest import case_files, doc_id_for
            from ..core.metadata import Catalog

            catalog = Catalog.load(case.folder)
            quick = []
            for path in case_files(case.folder):
                relpath = path.relative_to(case.folder).as_posix()
                entry = catalog.entry(relpath)
                meta = DocMeta(title=entry.get("title", ""), outlet=entry.get("outlet", ""), date=entry.get("date", ""))
                meta.title = meta.title or path.name
                quick.append(DocumentInfo(doc_id_for(relpath), relpath, meta, 0))
            self.post_message(DocumentsLoaded(quick, indexing=True))

        def progress(done: int, total: int, current: str) -> None:
            self.post_message(IndexProgressed(done, total, current))

        problem = ""
        try:
            report: IndexReport | None = case.update(progress=progress, cancelled=lambda: worker.is_cancelled)
        except IndexBusy as exc:
            report, problem = None, str(exc)
            if not case.ready:  # nothing to search until the other process finishes
                self.post_message(IndexReady(None, problem))
                return
        case.warm()
        if not worker.is_cancelled:
            self.post_message(DocumentsLoaded(case.documents(), indexing=False, duplicate_of=case.duplicate_of()))
            self.post_message(IndexReady(report, problem))

    @on(DocumentsLoaded)
    def _documents_loaded(self, message: DocumentsLoaded) -> None:
        self.documents = message.documents
        self.meta = {d.doc_id: d.meta for d in message.documents}
        self.indexing = message.indexing
        counts = self.result.doc_counts if self.result else None
        self.query_one(DocumentsPane).duplicate_of = message.duplicate_of
        self.query_one(DocumentsPane).show(self.documents, counts, self.indexing)
        self.query_one(DocumentsPane).border_title = f"Documents · {len(self.documents)}"
        if self.index_ready:
            self._show_case_size()

    def _show_case_size(self) -> None:
        paragraphs = sum(d.paragraphs for d in self.documents)
        self.sub_title = f"{len(self.documents)} documents · {paragraphs} paragraphs"

    def _notify_unreadable(self, skipped: list[Skipped], what: str, timeout: float) -> None:
        """One notice naming files that could not be read, each with its reason."""
        count = len(skipped)
        more = f"\n… and {count - 8} more" if count > 8 else ""
        self.notify(
            "\n".join(f"{visible(s.path)}: {s.reason}" for s in skipped[:8]) + more,
            title=f"{count} {what}{'s' if count != 1 else ''} could not be read",
            severity="warning",
            timeout=timeout,
            markup=False,  # file names and reasons are shown as they are
        )

    @on(IndexProgressed)
    def _index_progressed(self, message: IndexProgressed) -> None:
        progress = self.query_one(IndexProgress)
        if message.done < message.total:
            progress.display = True
        progress.update_progress(message.done, message.total, message.current)

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self.query_one(IndexProgress).display = False
        if message.problem:
            self.notify(message.problem, severity="warning", timeout=8, markup=False)
        if message.report is None and not self.case.ready:
            self.sub_title = "index unavailable"
            return
        self.index_ready = True
        self._collect_garbage_when_idle()
        self._show_case_size()
        report = message.report
        if report is not None:
            for notice in report.notices:
                self.notify(notice, severity="information", timeout=6, markup=False)
        skipped = self.case.skipped()
        if skipped:
            self._notify_unreadable(skipped, "file", timeout=20)
        if self.query_text:
            self.run_search(self.query_text)
        else:
            self.query_one(SearchBox).set_status(Text("Type to search the case.", style="dim"))
        if self.follows_folder and not self._watching():
            self.follow_folder()

    def _collect_garbage_when_idle(self) -> None:
        """Run Python's cycle collector between keystrokes, not during them.

        A full collection takes 30-50 ms with a large case open; left automatic, one lands
        in the middle of a keystroke's search and paint every few seconds.  What is alive
        once the index is warm (Textual, the index's caches) lives as long as the app and
        is frozen out of collections; the rest is collected after GC_IDLE seconds of quiet.
        """
        if self._quiet_gc:
            return
        self._quiet_gc = True
        gc.collect()
        gc.freeze()
        gc.disable()
        self.set_interval(0.5, self._collect_if_quiet, name="quiet-gc")

    def _collect_if_quiet(self) -> None:
        pending = gc.get_count()[0]
        if pending < 1_000:
            return
        if time.monotonic() - self._last_activity >= GC_IDLE or pending > GC_PENDING_MAX:
            gc.collect()

    # --- keeping up with the folder -------------------------------------------------------

    def _watching(self) -> bool:
        return any(w.group == "watch" and not w.is_finished for w in self.workers)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def follow_folder(self) -> None:
        """Re-index whatever is added, changed or removed in the case folder while the app
        is open.  Changes that arrive during an update are gathered for the next one; the
        first round, once the watch is in place, catches what changed since the app's
        first update."""
        from ..core.watch import watch_case

        stop = self._stop_watching

        def progress(done: int, total: int, current: str) -> None:
            if total > 20:  # a big change (a folder copied in, the catalog edited): show the bar
                self.post_message(IndexProgressed(done, total, current))

        try:
            for _paths in watch_case(self.case.folder, stop):
                if stop.is_set():
                    return
                known = {(s.path, s.reason) for s in self.case.skipped()} if self.case.ready else set()
                try:
                    report = self.case.update(progress=progress, cancelled=stop.is_set)
                except IndexBusy:
                    continue  # another process is indexing; its result is picked up next time
                except KeyboardInterrupt:
                    return  # the app is closing
                unreadable = [s for s in report.skipped if (s.path, s.reason) not in known]
                if report.added or report.updated or report.removed or report.notices or unreadable:
                    documents, duplicate_of = self.case.documents(), self.case.duplicate_of()
                    self.post_message(CaseChanged(report, documents, duplicate_of, unreadable))
        except (OSError, RuntimeError) as exc:  # the folder went away, the system's watch limit, ...
            self.call_from_thread(
                self.notify,
                f"The case folder is not followed ({exc}); changes are read the next time casereader starts.",
                severity="warning",
                timeout=10,
                markup=False,
            )

    @on(CaseChanged)
    def _case_changed(self, message: CaseChanged) -> None:
        report = message.report
        self.query_one(IndexProgress).display = False
        self.post_message(DocumentsLoaded(message.documents, indexing=False, duplicate_of=message.duplicate_of))
        parts = [
            f"{len(names)} {label}"
            for names, label in ((report.added, "added"), (report.updated, "changed"), (report.removed, "removed"))
            if names
        ]
        changed = report.added + report.updated + report.removed
        lines = [visible(name) for name in changed[:5]] + (["…"] if len(changed) > 5 else [])
        lines.extend(visible(notice) for notice in report.notices)
        if lines:
            self.notify(
                "\n".join(lines),
                title=f"Folder changed: {', '.join(parts) or 're-indexed'} · {report.seconds:.1f} s",
                timeout=6,
                markup=False,
            )
        if message.unreadable:
            self._notify_unreadable(message.unreadable, "new file", timeout=12)
        if self.query_text:
            self.run_search(self.query_text)
        reader = self.query_one(ReaderPane)
        if reader.state is not None:
            doc_id = reader.state.doc.doc_id
            relpath = reader.state.doc.path
            if relpath in report.removed:
                self.notify(
                    f"{visible(relpath)} was removed from the folder; the reader shows it as it was.", markup=False
                )
            elif relpath in report.updated:
                ref = reader.current_ref()
                n = int(ref.rsplit(":", 1)[1]) if ref else None
                self.load_document(Stop(doc_id, n), focus=False)

    # --- searching ------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        # No debounce delay: the search starts at once, and the next keystroke cancels it
        # (the worker group is exclusive and the core polls is_cancelled while scoring).
        self.query_text = event.value
        self._last_activity = time.monotonic()
        self.run_search(event.value)

    @on(SearchBox.Submitted)
    def _query_submitted(self, message: SearchBox.Submitted) -> None:
        results = self.query_one(ResultsPane)
        if message.open:
            if results.hits and self.result is not None and self.result.query == self.query_text:
                results.action_select()
            return
        if self.query_text != (self.result.query if self.result else ""):
            self.run_search(self.query_text)
        results.focus()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        worker = get_current_worker()
        if not query.strip():
            self.post_message(SearchDone(query, None))
            return
        if not self.index_ready:
            self.post_message(SearchDone(query, None, "the index is being built; the search runs when it is ready"))
            return
        try:
            result = self.case.search(
                query,
                limit=RESULTS_LIMIT,
                count_docs=True,
                cancelled=lambda: worker.is_cancelled,
                suggest=False,  # below, after the (empty) result is on screen
            )
        except SearchCancelled:
            return
        except QueryError as exc:
            if not worker.is_cancelled:
                self.post_message(SearchDone(query, None, str(exc)))
            return
        if worker.is_cancelled:
            return
        self.post_message(SearchDone(query, result))
        if result.total == 0 and not result.notes and not worker.is_cancelled:
            suggestion = self.case.suggest(query)
            if suggestion and not worker.is_cancelled:
                self.post_message(Suggested(query, suggestion))

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
        if message.query != self.query_text:
            return  # an older search finished after a newer keystroke
        box = self.query_one(SearchBox)
        results = self.query_one(ResultsPane)
        if message.error:
            box.set_status(Text(f"⚠ {message.error}", style="bold red"))
            return
        self.result = message.result
        results.show(message.result)
        # The hits paint first; the per-document counts (one cell per document that
        # changed, possibly thousands) follow on the next refresh.
        self.call_after_refresh(self._show_counts, message.result)
        reader = self.query_one(ReaderPane)
        reader.render_paragraphs(self.highlighter)
        if message.result is None:
            results.border_title = "Results"
            box.set_status(Text("Type to search the case.", style="dim"))
            return
        result = message.result
        total = f"{result.total}" if result.exact else f"~{result.total}"
        took = f" · {result.seconds * 1000:.0f} ms" if self.show_timings else ""
        results.border_title = f"Results · {total}{took}"
        status = Text(f"{total} paragraph{'s' if result.total != 1 else ''} match", style="bold")
        if result.total > len(result.hits):
            status.append(f" (showing {len(result.hits)})", style="dim")
        status.append(took, style="dim")
        if result.suggestion:
            status.append("  did you mean: ", style="yellow")
            status.append(visible(result.suggestion), style="bold yellow")
        for note in result.notes:
            status.append(f"  · {visible(note)}", style="yellow")
        box.set_status(status)
        self._refresh_footer()

    @on(Suggested)
    def _suggested(self, message: Suggested) -> None:
        if self.result is not None and message.query == self.query_text == self.result.query:
            self.result.suggestion = message.suggestion
            status = Text("0 paragraphs match", style="bold")
            status.append("  did you mean: ", style="yellow")
            status.append(visible(message.suggestion), style="bold yellow")
            self.query_one(SearchBox).set_status(status)

    def _show_counts(self, result: SearchResult | None) -> None:
        if result is not self.result:
            return  # a newer search has already replaced it
        counts = result.doc_counts if result else None
        self.query_one(DocumentsPane).show(self.documents, counts, self.indexing)

    @property
    def highlighter(self) -> Any:
        return self.result.highlighter if self.result else None

    # --- reading and jumping --------------------------------------------------------------

    @on(ResultsPane.Chosen)
    def _result_chosen(self, message: ResultsPane.Chosen) -> None:
        self.open_stop(Stop(message.hit.source.doc_id, message.hit.source.n))

    @on(DocumentsPane.Chosen)
    def _document_chosen(self, message: DocumentsPane.Chosen) -> None:
        self.open_stop(Stop(message.doc_id, None))

    @on(RelatedPane.Chosen)
    def _related_chosen(self, message: RelatedPane.Chosen) -> None:
        self.open_stop(Stop(message.item.hit.source.doc_id, message.item.hit.source.n))

    def open_stop(self, stop: Stop, record: bool = True) -> None:
        if not self.index_ready:
            self.notify("The index is still being built.", severity="warning")
            return
        if not any(d.doc_id == stop.doc_id for d in self.documents):
            self.notify("That document is no longer in the case folder.", severity="warning")
            return
        if record:
            del self.trail[self.position + 1 :]
            if not self.trail or self.trail[-1] != stop:
                self.trail.append(stop)
            self.position = len(self.trail) - 1
        self.query_one(Breadcrumb).show([s.label for s in self.trail], self.position)
        self.load_document(stop)

    @work(thread=True, exclusive=True, group="reader", exit_on_error=False)
    def load_document(self, stop: Stop, focus: bool = True) -> None:
        doc = next((d for d in self.documents if d.doc_id == stop.doc_id), None)
        if doc is None:
            return
        paragraphs = self.case.paragraphs(stop.doc_id)
        self.post_message(DocumentOpened(ReaderState(doc, paragraphs, stop.n), focus))

    @on(DocumentOpened)
    def _document_opened(self, message: DocumentOpened) -> None:
        reader = self.query_one(ReaderPane)
        state = message.state
        reader.show(state, self.highlighter)
        meta = state.doc.meta
        # Text, not str: a str border title is read as markup, and this one is the document's.
        reader.border_title = Text(visible(meta.title or state.doc.doc_id)[:120])
        by = " · ".join(p for p in (meta.outlet, meta.author if meta.author != meta.outlet else "", meta.date) if p)
        reader.border_subtitle = Text(visible(f"{by} · {meta.url}" if meta.url else by)[:160])
        if message.focus and (self.focused is None or self.focused.id in ("documents", "results", "related")):
            reader.focus()
        self._refresh_footer()

    @on(ReaderPane.PassageChanged)
    def _passage_changed(self, message: ReaderPane.PassageChanged) -> None:
        self._last_activity = time.monotonic()
        if message.ref == self._related_ref:
            return
        self._related_ref = message.ref
        if self._related_timer is not None:
            self._related_timer.stop()
        self._related_timer = self.set_timer(RELATED_DELAY, partial(self.find_related, message.ref))

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def find_related(self, ref: str) -> None:
        worker = get_current_worker()
        try:
            items = self.case.related(ref, limit=8)
        except KeyError:
            items = []
        if not worker.is_cancelled:
            self.post_message(RelatedFound(ref, items))

    @on(RelatedFound)
    def _related_found(self, message: RelatedFound) -> None:
        if message.ref != self._related_ref:
            return
        pane = self.query_one(RelatedPane)
        pane.show(message.ref, message.items)
        ref_label = message.ref.rsplit(":", 1)[-1]
        pane.border_title = f"Related to ¶{ref_label} · {len(message.items)}"
        self._refresh_footer()

    # --- actions --------------------------------------------------------------------------

    def _refresh_footer(self) -> None:
        """Redraw the footer's keys only when what they can do changed (the footer is
        rebuilt on each refresh, which is a noticeable part of a keystroke's cost)."""
        actions = ("next_match", "jump_related", "copy_citation", "go_back", "go_forward")
        state = tuple(self.check_action(action, ()) for action in actions)
        if state != getattr(self, "_footer_state", None):
            self._footer_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show in the footer only the keys that do something now."""
        reader = self.query_one(ReaderPane)
        related = self.query_one(RelatedPane)
        if action in ("next_match", "previous_match"):
            return reader.state is not None and self.result is not None
        if action in ("jump_related", "compare"):
            return related.selected() is not None
        if action in ("copy_citation", "toggle_furniture"):
            return reader.state is not None
        if action == "go_back":
            return self.position > 0
        if action == "go_forward":
            return 0 <= self.position < len(self.trail) - 1
        return True

    def action_focus_search(self) -> None:
        self.query_one("#query", Input).focus()

    def action_next_match(self) -> None:
        self._walk_matches(1)

    def action_previous_match(self) -> None:
        self._walk_matches(-1)

    def _walk_matches(self, step: int) -> None:
        moved = self.query_one(ReaderPane).next_match(self.highlighter, step)
        if moved is None:
            self.notify("No other match in this document.", timeout=2)
        elif moved == "wrapped":
            self.notify("Wrapped around to the " + ("top." if step > 0 else "bottom."), timeout=2)

    def action_jump_related(self) -> None:
        item = self.query_one(RelatedPane).selected()
        if item is not None:
            self.open_stop(Stop(item.hit.source.doc_id, item.hit.source.n))

    def action_go_back(self) -> None:
        if self.position > 0:
            self.position -= 1
            self.open_stop(self.trail[self.position], record=False)

    def action_go_forward(self) -> None:
        if self.position < len(self.trail) - 1:
            self.position += 1
            self.open_stop(self.trail[self.position], record=False)

    def _current_passage(self) -> tuple[DocumentInfo, Any] | None:
        reader = self.query_one(ReaderPane)
        ref = reader.current_ref()
        if reader.state is None or ref is None:
            return None
        n = int(ref.rsplit(":", 1)[1])
        para = next((p for p in reader.state.paragraphs if p.n == n), None)
        return (reader.state.doc, para) if para else None

    def action_compare(self) -> None:
        item = self.query_one(RelatedPane).selected()
        current = self._current_passage()
        if item is None or current is None:
            return
        doc, para = current
        if f"{doc.doc_id}:{para.n}" != self.query_one(RelatedPane).source_ref:
            self.notify("Related passages are still loading.", timeout=2)
            return
        from ..core import Source

        label = Text(visible(Source.of(doc.doc_id, para.n, doc.meta).annotation()), style="bold cyan")
        label.append("\n" + visible(doc.meta.title), style="italic dim")
        self.push_screen(CompareScreen(label, para.text, item))

    def action_copy_citation(self) -> None:
        current = self._current_passage()
        if current is None:
            return
        doc, para = current
        self.copy_to_clipboard(citation(doc, para))
        self.notify(f"Copied ¶{para.n} with its citation.", timeout=3)

    def action_toggle_furniture(self) -> None:
        reader = self.query_one(ReaderPane)
        reader.show_furniture = not reader.show_furniture
        reader.render_paragraphs(self.highlighter)
        self.notify("Furniture shown." if reader.show_furniture else "Furniture hidden.", timeout=2)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_report(self) -> None:
        if not self.index_ready:
            self.notify("The index is still being built.", severity="warning")
            return
        self.push_screen(ReportScreen(self.documents, self.case.skipped()))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Search", "Put the cursor in the search box", self.action_focus_search)
        yield SystemCommand("Related: jump", "Open the selected related passage", self.action_jump_related)
        yield SystemCommand("Back", "Go back to the previous passage", self.action_go_back)
        yield SystemCommand("Forward", "Go forward again", self.action_go_forward)
        yield SystemCommand("Compare", "Current and related passage side by side", self.action_compare)
        yield SystemCommand("Copy citation", "Copy the passage with its source", self.action_copy_citation)
        yield SystemCommand("Toggle furniture", "Show or hide captions, bylines, credits", self.action_toggle_furniture)
        yield SystemCommand("Ingestion report", "What was read from every file, what was skipped", self.action_report)

    # --- worker failures ------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(
                f"{type(error).__name__}: {error}",
                title="Something went wrong",
                severity="error",
                timeout=10,
                markup=False,
            )

    def on_unmount(self) -> None:
        gc.unfreeze()  # the collector was paused while typing (see _collect_garbage_when_idle)
        gc.enable()
        self._stop_watching.set()
        self.case.close()


def citation(doc: DocumentInfo, para: Any) -> str:
    meta = doc.meta
    parts = [p for p in (meta.outlet, meta.author if meta.author != meta.outlet else "") if p]
    cite = ", ".join(parts)
    if meta.title:
        cite += f', "{meta.title}"'
    if meta.date:
        cite += f", {meta.date}"
    cite += f", ¶{para.n}"
    if meta.url:
        cite += f". {meta.url}"
    return f"“{para.text}”\n— {cite}"


def make_app(
    folder: Path | None = None, index_dir: Path | None = None, show_timings: bool = True, watch: bool = True
) -> CaseReaderApp:
    """The app on a case folder (the bundled case when None); used by the CLI and the tests.
    ``watch`` re-indexes the folder's changes while the app is open."""
    return CaseReaderApp(Case(folder, index_dir), show_timings=show_timings, watch=watch)
