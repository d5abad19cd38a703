"""What the reader keeps, on the main screen: bookmarks, notes, part of a passage, copies,
exports, reading progress and searches.  ``KeeperScreen`` holds these actions; the main
screen builds on it.  Every read and write of the notes store runs in a worker."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widgets import Input

from ..core import (
    BOOKMARK,
    NOTE,
    Case,
    Excerpt,
    Note,
    Paragraph,
    Ref,
    StoreError,
    export,
    from_hits,
    from_notes,
    load_settings,
)
from ..display import visible
from .clipboard import copy_out
from .screens.keeping import NoteDraft, NoteEditor, Part, SelectScreen
from .screens.notes import NotesScreen
from .trail import Stop
from .widgets import DocumentsPane, ReaderPane, ResultsPane, SearchBox

SEEN_FLUSH = 1.0  # seconds: passages read are written to the store in batches
SUFFIX = {"md": "md", "csv": "csv", "json": "json", "csl-json": "csl.json"}


def export_path(case: Case, what: str, fmt: str) -> Path:
    """Where the app writes an export: the current folder, else the case's data folder."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in case.name)[:40].strip("-") or "case"
    name = f"casereader-{safe}-{what}.{SUFFIX[fmt]}"
    here = Path.cwd()
    return here / name if os.access(here, os.W_OK) else case.data_dir / name


def export_to_file(
    app: App[Any], case: Case, fmt: str, notes: list[Note] | None = None, excerpts: list[Excerpt] | None = None
) -> None:
    """Write notes (all of them when None) or excerpts to a file in a worker, and say where."""

    def run() -> None:
        settings = load_settings()
        if settings.problem:
            app.call_from_thread(app.notify, settings.problem, severity="warning", markup=False)
        what = "results" if excerpts is not None else "notes"
        chosen = excerpts
        if chosen is None:
            listed = notes if notes is not None else case.check_notes()
            chosen = from_notes(sorted(listed, key=lambda n: (n.ref.doc_id, n.ref.n, n.anchor.start, n.id)))
        path = export_path(case, what, fmt)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(export(chosen, fmt, settings.style, f"{case.name}: {what}"), encoding="utf-8", newline="")
        except OSError as exc:
            app.call_from_thread(app.notify, f"Cannot write {path}: {exc.strerror}", severity="error", markup=False)
            return
        count = f"{len(chosen)} passage{'s' if len(chosen) != 1 else ''}"
        app.call_from_thread(app.notify, f"Exported {count} to {visible(str(path))}", timeout=8, markup=False)

    app.run_worker(run, thread=True, group="export", exit_on_error=False)


class KeeperScreen(Screen[None]):
    """The keeping actions of the main screen (see the module's text)."""

    case: Case
    seen: set[Ref]
    marks: dict[Ref, set[str]]
    query_text: str
    partial: tuple[int, int] | None

    def init_keeping(self) -> None:
        self.seen = set()
        self.marks = {}
        self._unsaved_seen: set[Ref] = set()
        self.unseen_only = False

    # --- loading and showing what is kept --------------------------------------------------

    @work(thread=True, group="keep-load", exit_on_error=False)
    def load_kept(self) -> None:
        settings = load_settings()  # read here, not on the app's thread; said even if the store fails
        if settings.problem:
            self.app.call_from_thread(self.notify, settings.problem, severity="warning", timeout=10, markup=False)
        try:
            store = self.case.notes
            seen, marks, history = store.seen(), store.marked(), store.history()
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="warning", timeout=10, markup=False)
            return
        self.app.call_from_thread(self._kept_loaded, seen, marks, history)

    def _kept_loaded(self, seen: set[Ref], marks: dict[Ref, set[str]], history: list[str]) -> None:
        self.seen |= seen
        self.marks = marks
        self.query_one(SearchBox).history = history
        self.show_marks()
        self.show_read()

    def show_marks(self) -> None:
        reader = self.query_one(ReaderPane)
        doc_id = reader.state.doc.doc_id if reader.state else None
        reader.set_marks({ref.n: frozenset(kinds) for ref, kinds in self.marks.items() if ref.doc_id == doc_id})

    def show_read(self) -> None:
        read: dict[str, int] = {}
        for ref in self.seen:
            read[ref.doc_id] = read.get(ref.doc_id, 0) + 1
        self.query_one(DocumentsPane).show_read(read)

    def saw(self, ref: Ref) -> None:
        """The reader showed passage ``ref``: it counts as read."""
        if ref in self.seen:
            return
        self.seen.add(ref)
        if not self._unsaved_seen:
            self.set_timer(SEEN_FLUSH, self._flush_seen)
        self._unsaved_seen.add(ref)

    def _flush_seen(self) -> None:
        refs, self._unsaved_seen = self._unsaved_seen, set()
        self.show_read()
        self._write(lambda: self.case.notes.mark_seen(refs))

    def _write(self, change: Any, then: Any = None) -> None:
        """Run a store write in a worker; a failure becomes a notice."""

        def run() -> None:
            try:
                result = change()
            except StoreError as exc:
                self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=10, markup=False)
                return
            if then is not None:
                self.app.call_from_thread(then, result)

        self.app.run_worker(run, thread=True, group="keep-write", exit_on_error=False)

    def _changed(self, note: Note | None, message: str) -> None:
        if note is not None:
            self.marks[note.ref] = self.marks.get(note.ref, set()) | {note.kind}
            self.show_marks()
        self.notify(message, timeout=3, markup=False)
        self._reload_marks()

    def _reload_marks(self) -> None:
        self._write(self.case.notes.marked, self._marks_loaded)

    def _marks_loaded(self, marks: dict[Ref, set[str]]) -> None:
        self.marks = marks
        self.show_marks()

    # --- bookmarks, notes, parts of a passage ------------------------------------------------

    def _passage(self) -> tuple[Ref, Paragraph] | None:
        reader = self.query_one(ReaderPane)
        ref, para = reader.current_ref(), reader.current_paragraph()
        if ref is None or para is None:
            self.notify("Open a passage first.", timeout=2)
            return None
        return ref, para

    def action_bookmark(self, start: int = 0, end: int | None = None) -> None:
        found = self._passage()
        if found is None:
            return
        ref, para = found
        whole = start == 0 and end in (None, len(para.text))

        def toggle() -> tuple[Note | None, str]:
            store = self.case.notes
            existing = [n for n in store.at(ref) if n.kind == BOOKMARK and n.anchor.whole]
            if whole and existing:
                for note in existing:
                    store.delete(note.id)
                return None, f"Bookmark on ¶{ref.n} removed."
            note = self.case.keep(ref, BOOKMARK, start=start, end=end)
            return note, f"Bookmarked ¶{ref.n}" + ("." if whole else f": “{note.quote[:60]}”")

        self._write(toggle, lambda result: self._changed(*result))

    def action_note(self, start: int = 0, end: int | None = None) -> None:
        found = self._passage()
        if found is None:
            return
        ref, para = found
        quote = para.text[start:end]
        citation = self.case.citation(ref)

        def saved(draft: NoteDraft | None) -> None:
            if draft is None:
                return
            kind = NOTE if draft.text else BOOKMARK

            def keep() -> Note:
                return self.case.keep(ref, kind, draft.text, draft.tags, start, end)

            self._write(keep, lambda note: self._changed(note, f"Note kept on ¶{ref.n}."))

        self.app.push_screen(NoteEditor(citation, quote), saved)

    def action_select(self) -> None:
        found = self._passage()
        if found is None:
            return
        ref, para = found

        def chosen(part: Part | None) -> None:
            if part is None:
                return
            if part.then == "copy":
                self.copy_passage(ref, para.text[part.start : part.end])
            elif part.then == "note":
                self.action_note(part.start, part.end)
            else:
                self.action_bookmark(part.start, part.end)

        self.app.push_screen(SelectScreen(self.case.citation(ref), para.text), chosen)

    def action_notes(self) -> None:
        def opened(ref: Ref | None) -> None:
            self._reload_marks()
            if ref is not None:
                self.open_stop(Stop(ref.doc_id, ref.n))

        # Built once and kept: opening it again shows the last filter at once, refreshed.
        if not self.app.is_screen_installed("notes"):
            self.app.install_screen(NotesScreen(self.case), "notes")
        self.app.push_screen("notes", opened)

    def open_stop(self, stop: Stop, record: bool = True) -> None:  # the main screen's
        raise NotImplementedError

    # --- copying and exporting ---------------------------------------------------------------

    def action_copy_citation(self) -> None:
        found = self._passage()
        if found is not None:
            ref, para = found
            self.copy_passage(ref, para.text)

    def copy_passage(self, ref: Ref, text: str) -> None:
        # As shown: an escape sequence in a title or passage must not reach the clipboard
        # (pasted into a terminal, it would run there).
        quoted = visible(load_settings().style.quote(self.case.citation(ref), text))
        self.app.copy_to_clipboard(quoted)  # OSC 52, from the app's thread
        what = f"¶{ref.n} with its citation"

        def copy() -> str:
            return copy_out(quoted).message(what)

        self._write(copy, lambda message: self.notify(message, timeout=6, markup=False))

    def export_notes(self, fmt: str) -> None:
        export_to_file(self.app, self.case, fmt)

    def export_results(self, fmt: str) -> None:
        hits = self.query_one(ResultsPane).hits
        if not hits:
            self.notify("No results to export: search first.", timeout=3)
            return
        export_to_file(self.app, self.case, fmt, excerpts=from_hits(hits))

    # --- reading progress and searches --------------------------------------------------------

    def action_toggle_unseen(self) -> None:
        self.unseen_only = not self.unseen_only
        results = self.query_one(ResultsPane)
        results.unseen_only = self.unseen_only
        results.redraw()
        self.notify("Showing unread results only." if self.unseen_only else "Showing all results.", timeout=2)

    def remember_query(self, query: str) -> None:
        if query.strip():
            box = self.query_one(SearchBox)
            box.history = [q for q in box.history if q != query.strip()] + [query.strip()]
            self._write(lambda: self.case.notes.remember_query(query))

    def save_search(self) -> None:
        query = self.query_text.strip()
        if not query:
            self.notify("Type a search first.", timeout=2)
            return
        self._write(lambda: self.case.notes.save_query(query), lambda _: self.notify(f"Saved the search {query!r}."))

    def run_saved(self, query: str) -> None:
        box = self.query_one("#query", Input)
        box.value = query
        box.cursor_position = len(query)
        box.focus()

    def status_note(self) -> Text | None:
        note = Text()
        if self.partial:
            note.append(f"  · in the {self.partial[0]:,} of {self.partial[1]:,} files indexed so far", style="yellow")
        if self.unseen_only:
            note.append("  · unread only (u)", style="yellow")
        return note or None

    def keeping_commands(self) -> list[SystemCommand]:
        """The palette's commands for notes, exports and searches."""
        commands = [
            SystemCommand("Notes", "Every note and bookmark of the case (m)", self.action_notes),
            SystemCommand(
                "Bookmark passage", "Bookmark the passage in the reader, or remove it (b)", self.action_bookmark
            ),
            SystemCommand("Note on passage", "Write a note on the passage in the reader (a)", self.action_note),
            SystemCommand(
                "Select part of passage", "Choose a sentence or words to copy, note or bookmark (v)", self.action_select
            ),
            SystemCommand(
                "Unread results only", "Show only the results not read yet, or all again (u)", self.action_toggle_unseen
            ),
            SystemCommand("Save this search", "Keep the current search in the palette", self.save_search),
        ]
        for fmt, label in (("md", "Markdown"), ("csv", "CSV"), ("json", "JSON"), ("csl-json", "CSL-JSON")):
            what = "the sources they cite" if fmt == "csl-json" else "passages with their citations"
            commands.append(SystemCommand(f"Export notes: {label}", f"All notes and bookmarks, {what}",
                                          partial(self.export_notes, fmt)))  # fmt: skip
            commands.append(SystemCommand(f"Export results: {label}", f"The current search's results, {what}",
                                          partial(self.export_results, fmt)))  # fmt: skip
        return commands
