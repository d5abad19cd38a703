"""The casereader app: the case session, the main screen, and what the user is told.

The app is thin: it holds the :class:`~casereader.tui.session.CaseSession` (the case, opened,
indexed and followed; ``session.py``) and the :class:`~casereader.tui.keeping.Keeping` of
the case (bookmarks, notes, what was read; ``keeping.py``), gives them to the main screen
(``screens/main.py``, which builds the layout and routes messages between the panes), and
turns what happens to the case into notices.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ..core import Case, RecentCases, Skipped
from ..display import visible
from .idle_gc import IdleCollector
from .keeping import Keeping
from .messages import CaseChanged, CaseNews, DocumentsLoaded, IndexReady, WorkerFailed
from .notices import grouped
from .screens import HelpScreen, MainScreen
from .session import CaseSession
from .textual_ext import check_version, takes_tab


class CaseReaderApp(App[Path | None]):  # returns the case to open next (a recent case), if any
    CSS_PATH = "app.tcss"
    TITLE = "casereader"
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_anywhere"),
        # Tab and Shift+Tab move the focus as the key arrives (priority bindings run then):
        # as the screen's own bindings they ran once the key had reached the focused widget,
        # after the keys typed behind them had been given to it — a note's "abc", Tab, "xyz"
        # typed at once saved "abcxyz" with no tag.  A widget that takes Tab itself keeps it.
        Binding("tab", "focus_next", "Next", show=False, priority=True, id="focus_next"),
        Binding("shift+tab", "focus_previous", "Previous", show=False, priority=True, id="focus_previous"),
    ]

    def __init__(self, case: Case, show_timings: bool = True, watch: bool = True) -> None:
        super().__init__()
        self.idle = IdleCollector()
        self.session = CaseSession(case, self.idle, follow=watch)
        self.keeping = Keeping(self, case)
        self.main = MainScreen(self.session, self.keeping, self.idle, show_timings)

    @property
    def case(self) -> Case:
        return self.session.case

    def get_default_screen(self) -> Screen[Any]:
        return self.main

    def on_mount(self) -> None:
        self.sub_title = "opening…"
        self.session.open(self)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self._show_name()
        self.run_worker(self._remember_case, thread=True, group="recent", exit_on_error=False)

    def _remember_case(self) -> None:
        """This case first among the recent ones (``casereader --recent``, the palette)."""
        problem = RecentCases().record(self.case.folder, self.case.name)
        if problem:
            self.call_from_thread(self.notify, problem, severity="warning", timeout=8, markup=False)

    def open_case(self, folder: Path) -> None:
        """Leave this case for another one: the app closes, and opens again on it (run_app)."""
        self.exit(folder)

    def _show_name(self) -> None:
        """The case's name (the catalog's), after the first frame: reading it loads the
        catalog's parser (~0.05 s)."""
        self.title = f"casereader — {visible(self.case.name)}"

    # --- what happens to the case ------------------------------------------------------------

    @on(CaseNews)
    def _case_news(self, news: CaseNews) -> None:
        """From the session's workers: the session takes it in and tells the screens; the
        app says what the user must know."""
        self.session.apply(news)
        if isinstance(news, DocumentsLoaded) and self.session.state.ready:
            self._show_case_size()
        elif isinstance(news, IndexReady):
            self._index_ready(news)
        elif isinstance(news, CaseChanged):
            self._case_changed(news)

    def _show_case_size(self) -> None:
        documents = self.session.state.documents
        paragraphs = sum(d.paragraphs for d in documents)
        self.sub_title = f"{len(documents)} documents · {paragraphs} paragraphs"

    async def on_event(self, event: events.Event) -> None:
        # Every key and click counts as the user at work: background work waits for quiet
        # (full collections, the Sides views, the meaning's encoding processes).
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self.idle.activity()
        await super().on_event(event)

    def _index_ready(self, message: IndexReady) -> None:
        if message.partial:  # the build goes on
            done, total = message.partial
            self.sub_title = f"indexing · {done:,} of {total:,} files searchable"
            return
        if message.checking:  # the folder is being checked for changes
            self.sub_title = "checking the folder for changes…"
            return
        if message.problem:
            self.notify(message.problem, severity="warning", timeout=8, markup=False)
        if not message.searchable:
            self.sub_title = "index unavailable"
            return
        self.idle.start()
        self.set_interval(0.5, self.idle.tick, name="quiet-gc")
        self._show_case_size()
        if message.report is not None and message.report.notices:
            # One notice, each kind counted: a notice a file covered the reader in a burst.
            paths = {d.path for d in self.session.state.documents}
            self.notify("\n".join(grouped(message.report.notices, paths)), timeout=8, markup=False)
        skipped = self.case.skipped()
        if skipped:
            self.notify_unreadable(skipped, "file", timeout=20)

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
        lines.extend(grouped(report.notices, {d.path for d in message.documents}))
        if lines:
            self.notify(
                "\n".join(lines),
                title=f"Folder changed: {', '.join(parts) or 're-indexed'} · {report.seconds:.1f} s",
                timeout=6,
                markup=False,
            )
        if message.unreadable:
            self.notify_unreadable(message.unreadable, "new file", timeout=12)

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

    # --- app-wide actions and failures ------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("focus_next", "focus_previous"):
            return not takes_tab(self.focused, "tab" if action == "focus_next" else "shift+tab")
        return True

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
        self.session.close()


def make_app(
    folder: Path | None = None, index_dir: Path | None = None, show_timings: bool = True, watch: bool = True
) -> CaseReaderApp:
    """The app on a case folder (the bundled case when None); used by the CLI and the tests.
    ``watch`` re-indexes the folder's changes while the app is open.  Another Textual than
    the tested one is refused here (``textual_ext``)."""
    check_version()
    return CaseReaderApp(Case(folder, index_dir), show_timings=show_timings, watch=watch)
