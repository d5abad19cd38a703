"""The case while the app is open: opened, indexed, followed.

:class:`CaseSession` owns the case's lifecycle: it lists the documents at once, builds or
updates the index, warms it up, and then follows the folder, re-indexing what changes.
Its workers run on the app and post what they find (``messages.py``: ``DocumentsLoaded``,
``IndexProgressed``, ``IndexReady``, ``CaseChanged``); the app hands each one to
:meth:`CaseSession.apply`, which updates :attr:`CaseSession.state` — the one place that says
whether the case can be searched — and publishes it on :attr:`CaseSession.news` to the screens
that subscribed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.signal import Signal, SignalCallbackType
from textual.worker import Worker, get_current_worker

from ..core import Case, DocumentInfo, IndexReport
from .idle_gc import IdleCollector
from .messages import CaseChanged, CaseNews, DocumentsLoaded, IndexProgressed, IndexReady, MeaningReady

BIG_CHANGE = 20  # files: a folder change this large shows the progress bar
SEARCHABLE_WAIT = 2.0  # seconds the check for changes waits for the app to take in that it can search


@dataclass(frozen=True)
class CaseState:
    """What the app knows of the case, replaced whole on each piece of news."""

    documents: list[DocumentInfo] = field(default_factory=list)
    duplicate_of: dict[str, str] = field(default_factory=dict)
    indexing: bool = True  # the documents were listed before the index was open
    searchable: bool = False  # a search can run (on the whole case, or on the first part of a large first build)
    ready: bool = False  # the index is open and up to date with the folder as it was found
    partial: tuple[int, int] | None = None  # searchable on a first part: (files indexed, of files)
    unavailable: bool = False  # no index could be built or opened: nothing can be searched


class CaseSession:
    """The case's lifecycle and state (see the module's text)."""

    def __init__(self, case: Case, idle: IdleCollector, follow: bool = True) -> None:
        self.case = case
        self.idle = idle  # the Sides views are read when typing pauses
        self.follows_folder = follow
        self.state = CaseState()
        self._app: App[Any] | None = None
        self._news: Signal[CaseNews] | None = None
        self._stop_watching = threading.Event()
        self._searchable = threading.Event()  # the app's thread has taken in that the case can be searched
        self._watcher: Worker[None] | None = None
        self._views: Worker[None] | None = None
        self.meaning = case.meaning_enabled  # compute the paragraphs' meaning in the background
        self._meaning_lock = threading.Lock()
        self._meaning_wanted = False  # asked for since the last run started
        self._meaning_running = False

    @property
    def app(self) -> App[Any]:
        if self._app is None:
            raise RuntimeError("the case session has not been opened")
        return self._app

    # --- publishing ------------------------------------------------------------------------

    def open(self, app: App[Any]) -> None:
        """Start: list the documents, then build or update the index, in a worker of ``app``."""
        self._app = app
        self._news = Signal(app, "case-news")
        # After the first frame: the worker imports Whoosh and reads the index, and a thread
        # holding the interpreter delayed the frame.
        app.call_after_refresh(
            app.run_worker, self._prepare, thread=True, exclusive=True, group="index", exit_on_error=False
        )

    def subscribe(self, node: DOMNode, callback: SignalCallbackType[CaseNews]) -> None:
        """Call ``callback`` with each piece of news, after :attr:`state` has taken it in."""
        if self._news is not None:
            self._news.subscribe(node, callback)

    def post(self, news: CaseNews) -> None:
        """From any thread: the app passes ``news`` to :meth:`apply` on its own thread."""
        self.app.post_message(news)

    def apply(self, news: CaseNews) -> None:
        """Take ``news`` into :attr:`state`, then tell the subscribers (the app's thread)."""
        state = self.state
        if isinstance(news, DocumentsLoaded):
            state = replace(state, documents=news.documents, indexing=news.indexing, duplicate_of=news.duplicate_of)
        elif isinstance(news, IndexReady):
            state = replace(
                state,
                partial=news.partial,
                searchable=state.searchable or news.searchable,
                ready=state.ready or (news.searchable and not news.partial and not news.checking),
                unavailable=not news.searchable,
            )
        elif isinstance(news, CaseChanged):
            state = replace(state, documents=news.documents, indexing=False, duplicate_of=news.duplicate_of)
        self.state = state
        if state.searchable:
            self._searchable.set()
        if self._news is not None:
            self._news.publish(news)
        if isinstance(news, IndexReady) and state.ready and self._views is None:
            self._views = self.app.run_worker(self._read_views, thread=True, group="views", exit_on_error=False)
            self.compute_meaning()
            if self.follows_folder:
                self._watcher = self.app.run_worker(
                    self._follow, thread=True, exclusive=True, group="watch", exit_on_error=False
                )

    def close(self) -> None:
        self._stop_watching.set()
        self.case.close()

    # --- opening the case ---------------------------------------------------------------

    def _prepare(self) -> None:
        """Show the documents at once, then build or update the index, then warm it up."""
        worker = get_current_worker()
        case, post = self.case, self.post
        post(DocumentsLoaded(case.listed_documents(), indexing=True))  # no index opened yet

        def progress(done: int, total: int, current: str) -> None:
            post(IndexProgressed(done, total, current))

        def committed(done: int, total: int) -> None:  # search the first part of a large case
            post(DocumentsLoaded(case.documents(), indexing=True, duplicate_of=case.duplicate_of()))
            post(IndexReady(None, searchable=True, partial=(done, total)))

        problem = ""
        report: IndexReport | None = None
        self._search_as_it_was()
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

    def _search_as_it_was(self) -> None:
        """An index of this version on disk: searchable at once, as it was, while the update
        looks for changes in the folder (at 50,000 files that took most of the opening)."""
        case = self.case
        try:
            if not case.whole():
                return
            case.warm()
        except Exception:  # damaged, unreadable: the update says why, and rebuilds it
            return
        self.post(IndexReady(None, searchable=True, checking=True))
        # The check starts once the app's thread has taken that in: it begins by reading the
        # manifest, one call that holds the interpreter (0.2 s at 50,000 files, over 1 s on a
        # busy machine), and the news waited behind it.
        self._searchable.wait(SEARCHABLE_WAIT)

    def _read_views(self) -> None:
        """The Sides views, read (or built) once the user pauses typing: long background work
        holds the interpreter, and slowed the first keystrokes after launch."""
        worker = get_current_worker()
        self.idle.when_quiet(self.case.views, lambda: worker.is_cancelled)

    def compute_meaning(self) -> None:
        """Compute the meaning of the paragraphs that changed, in worker processes (one per
        core), when typing pauses; related passages compare words alone meanwhile.  Asked
        while a run is under way (the folder changed again), the run goes on and another
        follows it: cancelling it would lose its work, again at each change."""
        if not self.meaning:
            return
        with self._meaning_lock:
            self._meaning_wanted = True
            if self._meaning_running:
                return
            self._meaning_running = True
        self.app.run_worker(self._meaning, thread=True, group="meaning", exit_on_error=False)

    def _meaning(self) -> None:
        worker = get_current_worker()

        def stopped() -> bool:
            return worker.is_cancelled or self._stop_watching.is_set()

        def compute() -> None:
            while not stopped():
                with self._meaning_lock:
                    if not self._meaning_wanted:  # done: the next ask starts a worker
                        self._meaning_running = False
                        return
                    self._meaning_wanted = False
                try:
                    computed = self.case.update_meaning(cancelled=stopped, hold=self.idle.busy)
                except KeyboardInterrupt:
                    return
                except Exception as exc:  # related passages compare words alone: say so, once
                    with self._meaning_lock:
                        self._meaning_running = False
                    self.app.call_from_thread(
                        self.app.notify,
                        f"The meaning of the paragraphs was not computed ({exc}); "
                        "related passages compare words alone.",
                        severity="warning",
                        timeout=10,
                        markup=False,
                    )
                    return
                if computed:  # the related pane compares meaning from now on
                    self.post(MeaningReady(computed))

        try:
            self.idle.when_quiet(compute, stopped)
        finally:
            if stopped():  # the app closes (a failure has said so and leaves it to the next ask)
                with self._meaning_lock:
                    self._meaning_running = False

    # --- keeping up with the folder -------------------------------------------------------

    def _follow(self) -> None:
        """Re-index whatever is added, changed or removed in the case folder while the app
        is open.  Changes that arrive during an update are gathered for the next one; the
        first round, once the watch is in place, catches what changed since the app's
        first update."""
        stop, case, post = self._stop_watching, self.case, self.post

        def progress(done: int, total: int, current: str) -> None:
            if total > BIG_CHANGE:  # a folder copied in, the catalog edited: show the bar
                post(IndexProgressed(done, total, current))

        def problem(message: str) -> None:  # told once; the folder is still followed
            self.app.call_from_thread(
                self.app.notify,
                f"Part of the case folder cannot be followed ({message}); the rest still is.",
                severity="warning",
                timeout=10,
                markup=False,
            )

        try:
            for _paths in case.watch(stop, problem):
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
                    self.app.call_from_thread(self.compute_meaning)  # the changed documents' meaning
        except (OSError, RuntimeError) as exc:  # the folder went away, the system's watch limit, ...
            self.app.call_from_thread(
                self.app.notify,
                f"The case folder is not followed ({exc}); changes are read the next time casereader starts.",
                severity="warning",
                timeout=10,
                markup=False,
            )
