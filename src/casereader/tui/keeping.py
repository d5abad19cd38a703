"""What the reader keeps of a case: bookmarks, notes, parts of a passage, copies, exports,
the passages read and the searches made.

:class:`Keeping` is a controller the screens that need it hold (the main screen, the Notes
screen): they hand it a passage, it writes to the case's notes store in a worker and says
what it did.  What it keeps in memory (``marks``, ``seen``, ``history``) is published on
:attr:`Keeping.kept` when it changes, for the screens to show.  It knows no pane.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.dom import DOMNode
from textual.signal import Signal, SignalCallbackType

from ..core import (
    BOOKMARK,
    MOVED,
    NOTE,
    ORPHANED,
    Case,
    Citation,
    Excerpt,
    Hit,
    Note,
    Paragraph,
    Ref,
    StoreError,
    export,
    export_name,
    from_hits,
    from_notes,
    load_settings,
    write_atomic,
)
from ..display import visible
from .clipboard import copy_out
from .messages import Kept

if TYPE_CHECKING:  # the dialogs' module is imported when one is first opened (not before the first frame)
    from .screens.keeping import NoteDraft, Part

SEEN_FLUSH = 1.0  # seconds: passages read are written to the store in batches

T = TypeVar("T")


def export_path(case: Case, what: str, fmt: str, folder: Path | None = None) -> Path:
    """Where the app writes an export: ``folder`` when one was given, else the case's data
    folder (never the current folder, which for ``uv run casereader`` is the clone)."""
    return (folder or case.data_dir) / export_name(case.name, what, fmt)


class Keeping:
    """Bookmarks, notes, copies, exports, passages read and searches, for one case."""

    def __init__(self, app: App[Any], case: Case) -> None:
        self.app = app
        self.case = case
        self.seen: set[Ref] = set()  # passages read (shared with the results pane, which marks them)
        self.marks: dict[Ref, set[str]] = {}  # passages with a bookmark or a note: their kinds
        self.history: list[str] = []  # searches made, oldest first
        self._unsaved_seen: set[Ref] = set()
        self.export_folder: Path | None = None  # where exports go (None: the case's data folder)
        self.kept: Signal[Kept] = Signal(app, "kept")

    def subscribe(self, node: DOMNode, callback: SignalCallbackType[Kept]) -> None:
        self.kept.subscribe(node, callback)

    # --- loading what is kept ------------------------------------------------------------------

    def load(self) -> None:
        """Read what the store keeps (in a worker), then publish it."""
        self.app.run_worker(self._load, thread=True, group="keep-load", exit_on_error=False)

    def _load(self) -> None:
        app = self.app
        settings = load_settings()  # read here, not on the app's thread; said even if the store fails
        if settings.problem:
            app.call_from_thread(app.notify, settings.problem, severity="warning", timeout=10, markup=False)
        try:
            store = self.case.notes
            seen, marks, history = store.seen(), store.marked(), store.history()
        except StoreError as exc:
            app.call_from_thread(app.notify, str(exc), severity="warning", timeout=10, markup=False)
            return
        app.call_from_thread(self._loaded, seen, marks, history)

    def _loaded(self, seen: set[Ref], marks: dict[Ref, set[str]], history: list[str]) -> None:
        self.seen |= seen
        self.marks = marks
        self.history = history
        for kept in (Kept.HISTORY, Kept.MARKS, Kept.READ):
            self.kept.publish(kept)

    def marks_in(self, doc_id: str | None) -> dict[int, frozenset[str]]:
        """Paragraph number -> kinds kept on it, in one document."""
        return {ref.n: frozenset(kinds) for ref, kinds in self.marks.items() if ref.doc_id == doc_id}

    def read_per_document(self) -> dict[str, int]:
        """Passages read, per document id."""
        read: dict[str, int] = {}
        for ref in self.seen:
            read[ref.doc_id] = read.get(ref.doc_id, 0) + 1
        return read

    def reload_marks(self) -> None:
        self.write(self.case.notes.marked, self._marks_loaded)

    def _marks_loaded(self, marks: dict[Ref, set[str]]) -> None:
        self.marks = marks
        self.kept.publish(Kept.MARKS)

    # --- writing ------------------------------------------------------------------------------

    def write(
        self,
        change: Callable[[], T],
        then: Callable[[T], object] | None = None,
        failed: Callable[[str], object] | None = None,
    ) -> None:
        """Run a store write in a worker, then ``then`` with its result on the app's thread;
        a failure goes to ``failed`` (with the reason, in words), else becomes a notice."""
        app = self.app

        def run() -> None:
            try:
                result = change()
            except (StoreError, KeyError, ValueError, OSError) as exc:
                reason = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
                if failed is not None:
                    app.call_from_thread(failed, reason)
                else:
                    app.call_from_thread(app.notify, reason, severity="error", timeout=10, markup=False)
                return
            if then is not None:
                app.call_from_thread(then, result)

        app.run_worker(run, thread=True, group="keep-write", exit_on_error=False)

    def _changed(self, note: Note | None, message: str) -> None:
        if note is not None and note.status == ORPHANED:
            # Kept, with the words it quotes, but on no passage of the case as it is now.
            said = f"Kept, but orphaned: {note.reason}. It is in Notes (m) with the words it quotes."
            self.app.notify(said, severity="warning", timeout=10, markup=False)
            self.reload_marks()
            return
        if note is not None:
            self.marks[note.ref] = self.marks.get(note.ref, set()) | {note.kind}
            self.kept.publish(Kept.MARKS)
            if note.status == MOVED:
                message = f"{message} The passage changed meanwhile: {note.reason}."
        self.app.notify(message, timeout=3 if note is None or note.status != MOVED else 8, markup=False)
        self.reload_marks()

    # --- reading progress and searches --------------------------------------------------------

    @property
    def unsaved_reads(self) -> bool:
        """Passages read are waiting to be written (and shown as read): every SEEN_FLUSH seconds."""
        return bool(self._unsaved_seen)

    def saw(self, ref: Ref) -> None:
        """The reader showed passage ``ref``: it counts as read."""
        if ref in self.seen:
            return
        self.seen.add(ref)
        if not self._unsaved_seen:
            self.app.set_timer(SEEN_FLUSH, self._flush_seen)
        self._unsaved_seen.add(ref)

    def _flush_seen(self) -> None:
        refs, self._unsaved_seen = self._unsaved_seen, set()
        self.kept.publish(Kept.READ)
        self.write(lambda: self.case.notes.mark_seen(refs))

    def remember_query(self, query: str) -> None:
        query = query.strip()
        if query:
            self.history = [q for q in self.history if q != query] + [query]
            self.kept.publish(Kept.HISTORY)
            self.write(lambda: self.case.notes.remember_query(query))

    def save_search(self, query: str) -> None:
        query = query.strip()
        if not query:
            self.app.notify("Type a search first.", timeout=2)
            return
        self.write(lambda: self.case.notes.save_query(query), lambda _: self.app.notify(f"Saved the search {query!r}."))

    # --- bookmarks, notes, parts of a passage ----------------------------------------------------

    def bookmark(self, ref: Ref, para: Paragraph, start: int = 0, end: int | None = None) -> None:
        """Bookmark the passage (or part of it); a whole passage's bookmark again removes it."""
        whole = start == 0 and end in (None, len(para.text))

        def toggle() -> tuple[Note | None, str]:
            store = self.case.notes
            existing = [n for n in store.at(ref) if n.kind == BOOKMARK and n.anchor.whole]
            if whole and existing:
                for note in existing:
                    store.delete(note.id)
                return None, f"Bookmark on ¶{ref.n} removed."
            note = self.case.keep(ref, BOOKMARK, start=start, end=end, seen=para.text, cited=cited)
            return note, f"Bookmarked ¶{note.ref.n}" + ("." if whole else f": “{note.quote[:60]}”")

        cited = self.case.citation(ref)
        self.write(toggle, lambda result: self._changed(*result))

    def note(
        self,
        ref: Ref,
        para: Paragraph,
        start: int = 0,
        end: int | None = None,
        draft: NoteDraft | None = None,
        problem: str = "",
        cited: Citation | None = None,
    ) -> None:
        """Write a note on the passage (or part of it), in the note editor.  The note is
        anchored on the passage as shown when the editor opened (``para``): a document
        changed, renamed or removed while the note is typed gives a note that moved, or an
        orphaned one — and a note that cannot be written comes back in the editor (with
        ``problem``), never lost."""
        quote = para.text[start:end]
        cited = cited or self.case.citation(ref)

        def saved(typed: NoteDraft | None) -> None:
            if typed is None:
                return
            kind = NOTE if typed.text else BOOKMARK

            def keep() -> Note:
                return self.case.keep(ref, kind, typed.text, typed.tags, start, end, seen=para.text, cited=cited)

            def failed(reason: str) -> None:
                self.note(ref, para, start, end, typed, reason, cited)

            self.write(keep, lambda note: self._changed(note, f"Note kept on ¶{note.ref.n}."), failed)

        from .screens.keeping import NoteDraft, NoteEditor

        shown = draft or NoteDraft("", ())
        self.app.push_screen(NoteEditor(cited, quote, shown.text, shown.tags, problem), saved)

    def select(self, ref: Ref, para: Paragraph) -> None:
        """Choose part of the passage, then copy, note or bookmark it."""

        def chosen(part: Part | None) -> None:
            if part is None:
                return
            if part.then == "copy":
                self.copy(ref, para.text[part.start : part.end])
            elif part.then == "note":
                self.note(ref, para, part.start, part.end)
            else:
                self.bookmark(ref, para, part.start, part.end)

        from .screens.keeping import SelectScreen

        self.app.push_screen(SelectScreen(self.case.citation(ref), para.text), chosen)

    # --- copying and exporting ---------------------------------------------------------------

    def copy(self, ref: Ref, text: str) -> None:
        """Copy ``text`` of passage ``ref`` with its citation."""
        # As shown: an escape sequence in a title or passage must not reach the clipboard
        # (pasted into a terminal, it would run there).
        quoted = visible(load_settings().style.quote(self.case.citation(ref), text))
        self.app.copy_to_clipboard(quoted)  # OSC 52, from the app's thread
        what = f"¶{ref.n} with its citation"

        def copy() -> str:
            return copy_out(quoted).message(what)

        self.write(copy, lambda message: self.app.notify(message, timeout=6, markup=False))

    def choose_export_folder(self) -> None:
        """Ask for the folder exports are written in (until the app closes)."""

        def chosen(typed: str | None) -> None:
            if typed is None:
                return
            folder = Path(typed).expanduser().resolve()
            try:
                folder.mkdir(parents=True, exist_ok=True)
                if not os.access(folder, os.W_OK):
                    raise PermissionError(13, "not writable")
            except OSError as exc:
                message = f"Exports cannot go to {visible(str(folder))}: {exc.strerror or exc}"
                self.app.notify(message, severity="error", timeout=8, markup=False)
                return
            self.export_folder = folder
            self.app.notify(f"Exports now go to {visible(str(folder))}", timeout=6, markup=False)

        current = self.export_folder or self.case.data_dir
        from .screens.keeping import FolderScreen

        self.app.push_screen(FolderScreen(str(current)), chosen)

    def export_notes(self, fmt: str, notes: list[Note] | None = None) -> None:
        """Write notes (all of them when None) to a file, in reading order."""
        self._export(fmt, notes=notes)

    def export_results(self, fmt: str, hits: list[Hit]) -> None:
        if not hits:
            self.app.notify("No results to export: search first.", timeout=3)
            return
        self._export(fmt, excerpts=from_hits(hits))

    def _export(self, fmt: str, notes: list[Note] | None = None, excerpts: list[Excerpt] | None = None) -> None:
        """Write notes or excerpts to a file in a worker, and say where."""
        app, case = self.app, self.case

        def run() -> None:
            settings = load_settings()
            if settings.problem:
                app.call_from_thread(app.notify, settings.problem, severity="warning", markup=False)
            what = "results" if excerpts is not None else "notes"
            chosen = excerpts
            if chosen is None:
                try:
                    listed = notes if notes is not None else case.check_notes()
                except StoreError as exc:
                    app.call_from_thread(app.notify, f"Nothing exported: {exc}", severity="error", markup=False)
                    return
                chosen = from_notes(sorted(listed, key=lambda n: (n.ref.doc_id, n.ref.n, n.anchor.start, n.id)))
            path = export_path(case, what, fmt, self.export_folder)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                # Atomically: a full disk or a kill leaves an earlier export whole.
                write_atomic(path, export(chosen, fmt, settings.style, f"{case.name}: {what}"))
            except OSError as exc:
                message = f"Cannot write {visible(str(path))}: {exc.strerror or exc}; nothing was changed"
                app.call_from_thread(app.notify, message, severity="error", markup=False)
                return
            count = f"{len(chosen)} passage{'s' if len(chosen) != 1 else ''}"
            app.call_from_thread(app.notify, f"Exported {count} to {visible(str(path))}", timeout=8, markup=False)

        app.run_worker(run, thread=True, group="export", exit_on_error=False)
