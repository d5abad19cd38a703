"""The Notes screen: every note and bookmark of the case, searchable, by date, document or tag."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from ...core import NOTE, ORPHANED, Case, Note, NoteFilter, Ref
from ...display import visible
from .keeping import NoteDraft, NoteEditor

SORTS = ("newest", "document", "tag")
TYPE_AHEAD = 0.25  # seconds: a second Enter this soon was typed ahead
SHOWN = 2000  # rows drawn at most; the filter narrows the rest


@dataclass(frozen=True)
class Loaded:
    notes: list[Note]
    total: int


def order(notes: list[Note], sort: str) -> list[Note]:
    if sort == "document":
        return sorted(notes, key=lambda n: (n.citation.outlet, n.citation.title, n.ref.doc_id, n.ref.n, n.anchor.start))
    if sort == "tag":
        return sorted(notes, key=lambda n: (n.tags[0] if n.tags else "\uffff", n.updated), reverse=False)
    return notes  # the store's order: newest first


def parse_filter(text: str) -> NoteFilter:
    """``#figures cbs`` → the tag ``figures`` and the words ``cbs``."""
    tags = re.findall(r"#(\S+)", text)
    words = re.sub(r"#\S+", " ", text)
    return NoteFilter(tag=tags[0] if tags else "", query=words.strip())


class NotesScreen(Screen[Ref | None]):
    """Every note and bookmark; Enter opens the reader at its passage."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="notes.close"),
        Binding("down", "to_table", "List", show=False, id="notes.to_table"),
        Binding("slash", "focus_filter", "Filter", id="notes.filter"),
        Binding("s", "sort", "Sort", id="notes.sort"),
        Binding("e", "edit", "Edit", id="notes.edit"),
        Binding("d", "delete", "Delete", id="notes.delete"),
        Binding("x", "export", "Export .md", id="notes.export"),
    ]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        self.notes: list[Note] = []
        self.sort = SORTS[0]
        self.checked = False  # anchors checked against the case (once, on opening)
        self._last_submit = 0.0

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield Input(placeholder="Filter notes: words, #tag", id="notes-filter")
            yield Static(Text("Loading notes…", style="dim"), id="notes-status")
            yield DataTable(cursor_type="row", id="notes-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key, width in (("", "kind", 1), ("Source", "source", 28), ("Quote", "quote", 40),
                                  ("Note", "note", 30), ("Tags", "tags", 16), ("Date", "date", 10)):  # fmt: skip
            table.add_column(label, key=key, width=width)
        self.query_one("#notes-filter", Input).focus()
        self.load("")

    @work(thread=True, exclusive=True, group="notes", exit_on_error=False)
    def load(self, text: str) -> None:
        worker = get_current_worker()
        if not self.checked:
            self.case.check_notes()
            self.checked = True
        where = parse_filter(text)
        notes = self.case.notes.notes(where)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show, text, Loaded(notes, self.case.notes.count()))

    def show(self, text: str, loaded: Loaded) -> None:
        if text != self.query_one("#notes-filter", Input).value:
            return  # typed on since
        self.notes = order(loaded.notes, self.sort)
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        table.add_rows(self._row(n) for n in self.notes[:SHOWN])
        if self.notes:
            table.move_cursor(row=min(keep, len(self.notes[:SHOWN]) - 1))
        shown = f"{len(self.notes)} of {loaded.total}" if text.strip() else f"{loaded.total}"
        more = f" (showing the first {SHOWN}; filter to narrow)" if len(self.notes) > SHOWN else ""
        orphans = sum(1 for n in self.notes if n.status == ORPHANED)
        status = Text(f"{shown} notes and bookmarks · sorted by {self.sort}{more}", style="bold")
        if orphans:
            status.append(f" · {orphans} orphaned (their passage changed)", style="yellow")
        if not loaded.total:
            status = Text("No notes yet: b bookmarks a passage, a writes a note on it, v selects part of it.")
        self.query_one("#notes-status", Static).update(status)

    @staticmethod
    def _row(note: Note) -> tuple[Text, ...]:
        orphan = note.status == ORPHANED
        mark = Text("✎" if note.kind == NOTE else "★", style="yellow" if orphan else "bold magenta")
        c = note.citation
        source = Text(visible(" · ".join(p for p in (c.outlet or c.title, f"¶{note.ref.n}") if p)), no_wrap=True)
        quote = Text(visible(note.quote[:200]), style="dim" if orphan else "", no_wrap=True, overflow="ellipsis")
        if orphan:
            quote = Text("orphaned: ", style="yellow") + quote
        body = Text(visible(note.text.replace("\n", " ")[:200]), style="italic", no_wrap=True, overflow="ellipsis")
        tags = Text(" ".join(f"#{t}" for t in note.tags), style="magenta", no_wrap=True, overflow="ellipsis")
        return mark, source, quote, body, tags, Text(note.updated[:10], style="dim")

    @on(Input.Changed, "#notes-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.load(event.value)

    @on(Input.Submitted, "#notes-filter")
    def _submitted(self) -> None:
        # Enter Enter typed ahead reaches the filter twice before the focus has moved: the
        # second one opens the first note, as it would from the list.
        now = time.monotonic()
        if now - self._last_submit < TYPE_AHEAD:
            self._open()
            return
        self._last_submit = now
        self.action_to_table()

    def action_to_table(self) -> None:
        self.query_one(DataTable).focus()

    def current(self) -> Note | None:
        table = self.query_one(DataTable)
        if not self.notes or table.cursor_row >= min(len(self.notes), SHOWN):
            return None
        return self.notes[table.cursor_row]

    @on(DataTable.RowSelected, "#notes-table")
    def _open(self) -> None:
        note = self.current()
        if note is None:
            return
        if note.status == ORPHANED:
            self.notify(f"This note is orphaned: {note.reason}. Its document opens at its old place.", timeout=5)
        self.dismiss(note.ref)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.load(self.query_one("#notes-filter", Input).value)

    def action_edit(self) -> None:
        note = self.current()
        if note is None:
            return

        def saved(draft: NoteDraft | None) -> None:
            if draft is not None:
                self.write(note.id, draft)

        self.app.push_screen(NoteEditor(note.citation, note.quote, note.text, note.tags), saved)

    @work(thread=True, group="notes-write", exit_on_error=False)
    def write(self, note_id: int, draft: NoteDraft | None) -> None:
        store = self.case.notes
        if draft is None:
            store.delete(note_id)
        else:
            kind = NOTE if draft.text else None
            store.update(note_id, draft.text, draft.tags, kind)
        self.app.call_from_thread(self.load, self.query_one("#notes-filter", Input).value)

    def action_delete(self) -> None:
        note = self.current()
        if note is not None:
            self.write(note.id, None)
            self.notify(f"Deleted the {note.kind} on ¶{note.ref.n}.", timeout=3)

    def action_export(self) -> None:
        from .. import keeper

        keeper.export_to_file(self.app, self.case, "md", notes=list(self.notes))
