"""The casereader app: the case, opening and following it, and what the user is told.

The app is thin: it holds the :class:`~casereader.core.Case`, runs the workers that index
the case and follow its folder, and turns their results into notices.  The main screen
(``screens/main.py``) builds the layout and routes messages between the panes; the app's
workers post to it, and the messages bubble on to the app.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ..core import Case, IndexReport, Skipped
from ..display import visible
from .idle_gc import IdleCollector
from .messages import CaseChanged, DocumentsLoaded, IndexProgressed, IndexReady, WorkerFailed
from .screens import HelpScreen, MainScreen

BIG_CHANGE = 20  # files: a folder change this large shows the progress bar


class CaseReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "casereader"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_anywhere"),
    ]

    def __init__(self, case: Case, show_timings: bool = True, watch: bool = True) -> None:
        super().__init__()
        self.case = case
        self.show_timings = show_timings
        self.follows_folder = watch
        self.idle = IdleCollector()
        self._stop_watching = threading.Event()
        self._main: MainScreen | None = None
        self.index_ready = False

    @property
    def main(self) -> MainScreen:
        """The main screen (the first screen, under any dialog)."""
        if self._main is None:
            self._main = MainScreen(self.case, self.idle, self.show_timings)
        return self._main

    def get_default_screen(self) -> Screen[Any]:
        return self.main

    def on_mount(self) -> None:
        self.title = f"casereader — {visible(self.case.name)}"
        self.sub_title = "opening…"
        self.prepare_case()

    # --- opening the case ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def prepare_case(self) -> None:
        """Show the documents at once, then build or update the index, then warm it up."""
        worker = get_current_worker()
        case, post = self.case, self.main.post_message
        post(DocumentsLoaded(case.listed_documents(), indexing=True))  # no index opened yet

        def progress(done: int, total: int, current: str) -> None:
            post(IndexProgressed(done, total, current))

        def committed(done: int, total: int) -> None:  # search the first part of a large case
            post(DocumentsLoaded(case.documents(), indexing=True, duplicate_of=case.duplicate_of()))
            post(IndexReady(None, searchable=True, partial=(done, total)))

        problem = ""
        report: IndexReport | None = None
        try:
            # Busy in another process, or unwritable: the core's policy says what there is to search.
            update = case.update_index(progress, lambda: worker.is_cancelled, committed, lambda m: progress(0, 0, m))
            report, problem = update.report, update.problem
            if not update.searchable:
                post(IndexReady(None, searchable=False, problem=problem))
                return
            case.warm()
        except KeyboardInterrupt:
            return  # the app is closing
        except Exception as exc:  # a fault: say it, and search what exists
            problem = f"the index could not be updated: {exc}"
            if not case.ready:
                post(IndexReady(None, searchable=False, problem=problem))
                return
            case.warm()
        if not worker.is_cancelled:
            post(DocumentsLoaded(case.documents(), indexing=False, duplicate_of=case.duplicate_of()))
            post(IndexReady(report, searchable=True, problem=problem))
            self.idle.when_quiet(case.views, lambda: worker.is_cancelled)  # the Sides views, when typing pauses

    @on(DocumentsLoaded)
    def _documents_loaded(self, message: DocumentsLoaded) -> None:
        if self.index_ready:
            self._show_case_size()

    def _show_case_size(self) -> None:
        documents = self.main.documents
        paragraphs = sum(d.paragraphs for d in documents)
        self.sub_title = f"{len(documents)} documents · {paragraphs} paragraphs"

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        if message.partial:  # the main screen says so; the build goes on
            return
        if message.problem:
            self.notify(message.problem, severity="warning", timeout=8, markup=False)
        if not message.searchable:
            self.sub_title = "index unavailable"
            return
        self.index_ready = True
        self.idle.start()
        self.set_interval(0.5, self.idle.tick, name="quiet-gc")
        self._show_case_size()
        if message.report is not None:
            for notice in message.report.notices:
                self.notify(notice, severity="information", timeout=6, markup=False)
        skipped = self.case.skipped()
        if skipped:
            self.notify_unreadable(skipped, "file", timeout=20)
        if self.follows_folder and not any(w.group == "watch" and not w.is_finished for w in self.workers):
            self.follow_folder()

    def notify_unreadable(self, skipped: list[Skipped], what: str, timeout: float) -> None:
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

    # --- keeping up with the folder -------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def follow_folder(self) -> None:
        """Re-index whatever is added, changed or removed in the case folder while the app
        is open.  Changes that arrive during an update are gathered for the next one; the
        first round, once the watch is in place, catches what changed since the app's
        first update."""
        stop, case, post = self._stop_watching, self.case, self.main.post_message

        def progress(done: int, total: int, current: str) -> None:
            if total > BIG_CHANGE:  # a folder copied in, the catalog edited: show the bar
                post(IndexProgressed(done, total, current))

        try:
            for _paths in case.watch(stop):
                if stop.is_set():
                    return
                known = {(s.path, s.reason) for s in case.skipped()} if case.ready else set()
                try:
                    report = case.update_index(progress, stop.is_set).report
                except KeyboardInterrupt:
                    return  # the app is closing
                if report is None:
                    continue  # another process is indexing (its result is picked up next time), or unwritable
                unreadable = [s for s in report.skipped if (s.path, s.reason) not in known]
                if report.added or report.updated or report.removed or report.notices or unreadable:
                    post(CaseChanged(report, case.documents(), case.duplicate_of(), unreadable))
                    self.idle.when_quiet(case.views, stop.is_set)  # rebuilt for the changed case, when typing pauses
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
        self._show_case_size()
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
            self.notify_unreadable(message.unreadable, "new file", timeout=12)

    # --- app-wide actions and failures ------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            yield from screen.system_commands()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The app's workers' failures become a visible notice, not a crash."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkerFailed(event.worker.error))

    @on(WorkerFailed)
    def _worker_failed(self, message: WorkerFailed) -> None:
        """Any worker's failure, the app's or a pane's (they pass theirs on)."""
        error = message.error
        self.notify(
            f"{type(error).__name__}: {error}",
            title="Something went wrong",
            severity="error",
            timeout=10,
            markup=False,
        )

    def on_unmount(self) -> None:
        self.idle.stop()  # the collector was paused while typing (see idle_gc)
        self._stop_watching.set()
        self.case.close()


def make_app(
    folder: Path | None = None, index_dir: Path | None = None, show_timings: bool = True, watch: bool = True
) -> CaseReaderApp:
    """The app on a case folder (the bundled case when None); used by the CLI and the tests.
    ``watch`` re-indexes the folder's changes while the app is open."""
    return CaseReaderApp(Case(folder, index_dir), show_timings=show_timings, watch=watch)
