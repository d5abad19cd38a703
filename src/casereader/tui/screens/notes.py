"""The Notes screen: every note and bookmark of the case, searchable, by date, document or tag."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.worker import get_current_worker

from ...core import NOTE, ORPHANED, Note, NoteFilter, Ref, StoreError
from ...display import clip, visible
from ..textual_ext import InOrderInput
from .keeping import NoteDraft, NoteEditor

if TYPE_CHECKING:  # the main screen hands it down
    from ..keeping import Keeping

SORTS = ("newest", "document", "tag")
TYPE_AHEAD = 0.25  # seconds: a second Enter this soon was typed ahead
SHOWN = 300  # rows listed at most; the filter narrows the rest
FIRST_PAINT = 60  # rows added before the first frame
WIDTHS = {"kind": 1, "source": 24, "what": 52, "tags": 26}  # 111 columns with padding: fits 120


@dataclass(frozen=True)
class Loaded:
    notes: list[Note]  # the first SHOWN of them
    rows: list[tuple[Text, ...]]  # the first FIRST_PAINT rows, built in the worker
    matching: int  # how many the filter selects
    total: int  # how many the case has


def parse_filter(text: str, order: str = "newest") -> NoteFilter:
    """``#figures cbs`` → the tag ``figures`` and the words ``cbs``."""
    tags = re.findall(r"#(\S+)", text)
    words = re.sub(r"#\S+", " ", text)
    return NoteFilter(tag=tags[0] if tags else "", query=words.strip(), order=order)


class NotesFilter(InOrderInput):
    """The Notes screen's filter: ↓ and the keys typed right after it go to the list, in order."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.screen
        if isinstance(screen, NotesScreen) and screen.filter_key(event):
            return
        await super()._on_key(event)


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

    def __init__(self, keeping: Keeping) -> None:
        super().__init__()
        self.keeping = keeping
        self.case = keeping.case
        self.notes: list[Note] = []
        self.sort = SORTS[0]
        self.checked = False  # anchors checked against the case (once, on opening)
        self.total: int | None = None  # notes in the case (counted once, on opening and after a change)
        self._last_submit = 0.0
        self.confirming: Note | None = None  # a note the reader was asked about deleting
        self.typing = False  # letters typed in the list are going to the filter
        self.ahead_to_list = False  # ↓ was pressed in the filter: what follows is the list's

    def compose(self) -> ComposeResult:
        with Vertical(id="notes-box"):
            yield NotesFilter(placeholder="Filter notes: words, #tag", id="notes-filter")
            yield Static(Text("Loading notes…", style="dim"), id="notes-status")
            yield DataTable(cursor_type="row", id="notes-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in (("kind", ""), ("source", "Source"), ("what", "Note · “quote”"), ("tags", "Tags, date")):
            table.add_column(label, key=key, width=WIDTHS[key])
        self.query_one("#notes-filter", Input).focus()

    def on_screen_resume(self) -> None:
        """Each time the screen is shown: the notes as they are now (the case may have
        changed, notes may have been written since)."""
        self.checked = False
        self.total = None
        self.load(self.query_one("#notes-filter", Input).value)

    @work(thread=True, exclusive=True, group="notes", exit_on_error=False)
    def load(self, text: str) -> None:
        worker = get_current_worker()
        try:
            if not self.checked:
                self.case.check_anchors()
                self.checked = True
            store, where = self.case.notes, parse_filter(text, self.sort)
            notes = store.notes(where, limit=SHOWN)
            matching = len(notes) if len(notes) < SHOWN else store.count(where)
            if self.total is None:
                self.total = store.count()
        except StoreError as exc:
            self.app.call_from_thread(self.unavailable, str(exc))
            return
        if not worker.is_cancelled:
            rows = [self._row(n) for n in notes[:FIRST_PAINT]]
            self.app.call_from_thread(self.show, text, Loaded(notes, rows, matching, self.total))

    def unavailable(self, problem: str) -> None:
        """The store cannot be read: say so where the notes would be (never "Loading…" for ever)."""
        self.notes = []
        self.query_one(DataTable).clear()
        status = Text("The notes cannot be shown: ", style="bold red")
        status.append(visible(problem))
        self.query_one("#notes-status", Static).update(status)

    def show(self, text: str, loaded: Loaded) -> None:
        if text != self.query_one("#notes-filter", Input).value:
            return  # typed on since
        self.notes = loaded.notes
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        # A screenful at once, the rest after it is drawn (500 rows take ~45 ms to add).
        table.add_rows(loaded.rows)
        if len(self.notes) > FIRST_PAINT:
            self.call_after_refresh(self._show_rest, self.notes, FIRST_PAINT)
        if self.notes:
            table.move_cursor(row=min(keep, table.row_count - 1))
        shown = f"{loaded.matching} of {loaded.total}" if text.strip() else f"{loaded.total}"
        more = f" (showing the first {SHOWN}; filter to narrow)" if loaded.matching > SHOWN else ""
        orphans = sum(1 for n in self.notes if n.status == ORPHANED)  # among those listed
        status = Text(f"{shown} notes and bookmarks · sorted by {self.sort}{more}", style="bold")
        if orphans:
            status.append(f" · {orphans} orphaned (their passage changed)", style="yellow")
        if not loaded.total:
            status = Text("No notes yet: b bookmarks a passage, a writes a note on it, v selects part of it.")
        if self.confirming is None:  # the question "Delete …?" stays until it is answered
            self.query_one("#notes-status", Static).update(status)

    def _show_rest(self, notes: list[Note], start: int) -> None:
        """The next rows, a batch per frame, so a keystroke never waits behind them."""
        if notes is not self.notes:  # filtered again since
            return
        self.query_one(DataTable).add_rows(self._row(n) for n in notes[start : start + FIRST_PAINT])
        if start + FIRST_PAINT < len(notes):
            self.call_after_refresh(self._show_rest, notes, start + FIRST_PAINT)

    @staticmethod
    def _row(note: Note) -> tuple[Text, ...]:
        """Four short cells: each is cut to its column's width before it is styled (a table
        of hundreds of rows measures and renders every cell it holds)."""
        orphan = note.status == ORPHANED
        mark = Text("✎" if note.kind == NOTE else "★", style="yellow" if orphan else "bold magenta")
        c = note.citation
        source = Text(clip(" · ".join(p for p in (c.outlet or c.title, f"¶{note.ref.n}") if p), WIDTHS["source"]))
        # The note first (what the reader wrote), then the words it is about.
        what = Text("orphaned: " if orphan else "", style="yellow")
        if note.text:
            what.append(clip(note.text, WIDTHS["what"]) + "  ", style="italic")
        room = max(8, WIDTHS["what"] - len(what.plain))
        what.append(clip(f"“{note.quote}”", room), style="dim")
        tags = Text(clip(" ".join(f"#{t}" for t in note.tags), WIDTHS["tags"] - 11), style="magenta")
        tags.append(f" {note.updated[:10]}", style="dim")
        return mark, source, what, tags

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
        self.typing = False
        # At once, not from the next frame: the keys typed after ↓ are the list's (see
        # filter_key for those already on their way to the filter).
        self.ahead_to_list = True
        self.set_focus(self.query_one(DataTable))

    def filter_key(self, event: events.Key) -> bool:
        """A key the filter got: ↓ moves to the list now; a key typed after it, before the
        list had the focus, is the list's.  True when it was handled here."""
        if event.key == "down" and not self.ahead_to_list:
            self.action_to_table()
        elif not self.ahead_to_list:
            return False
        elif self.confirming is not None:
            self._answer(event)
        elif event.key == "enter":
            self._open()
        elif event.is_printable and event.character:
            self._list_letter(event.key, event.character)
        else:
            return False
        event.stop()
        event.prevent_default()
        return True

    def current(self) -> Note | None:
        table = self.query_one(DataTable)
        if not self.notes or table.cursor_row >= len(self.notes):
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
        self.ahead_to_list = False
        self.query_one("#notes-filter", Input).focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.load(self.query_one("#notes-filter", Input).value)

    def action_edit(self) -> None:
        note = self.current()
        if note is None:
            return

        self.edit(note)

    def edit(self, note: Note, draft: NoteDraft | None = None, problem: str = "") -> None:
        """The note in the editor (``draft``: what was typed, when writing it failed)."""

        def saved(typed: NoteDraft | None) -> None:
            if typed is not None:
                self.write(note, typed)

        text, tags = (draft.text, draft.tags) if draft else (note.text, note.tags)
        self.app.push_screen(NoteEditor(note.citation, note.quote, text, tags, problem), saved)

    def write(self, note: Note, draft: NoteDraft | None) -> None:
        """Edit a note (``draft``) or delete it (None), then list the notes again; an edit that
        cannot be written comes back in the editor."""
        store = self.case.notes
        self.total = None
        note_id = note.id

        def change() -> None:
            if draft is None:
                store.delete(note_id)
            elif store.update(note_id, draft.text, draft.tags, NOTE if draft.text else None) is None:
                # Deleted meanwhile (another window): kept as a new note on the same words.
                store.add(NOTE if draft.text else note.kind, note.anchor, note.citation, draft.text, draft.tags,
                          note.status, note.reason)  # fmt: skip

        def failed(reason: str) -> None:
            if draft is not None:
                self.edit(note, draft, reason)
            else:
                self.notify(reason, severity="error", timeout=10, markup=False)

        self.keeping.write(change, lambda _: self.load(self.query_one("#notes-filter", Input).value), failed)

    def action_delete(self) -> None:
        """Ask before deleting the note under the cursor: ``y`` or Enter deletes it, ``n`` or
        Esc keeps it (see :meth:`on_key`)."""
        note = self.current()
        if note is None:
            return
        self.confirming = note
        what = clip(visible(note.text or f"“{note.quote}”"), 60)
        ask = Text(f"Delete the {note.kind} on ¶{note.ref.n} ({what})? ", style="bold yellow")
        ask.append("y or Enter deletes it · n or Esc keeps it", style="bold")
        self.query_one("#notes-status", Static).update(ask)

    def _answer(self, event: events.Key) -> None:
        """The reader's answer to "Delete …?".  A letter other than y or n says the reader was
        typing a word: the ``d`` and the letter go to the filter, and nothing is deleted."""
        note, self.confirming = self.confirming, None
        assert note is not None
        if event.key in ("y", "enter"):
            self.write(note, None)
            self.notify(f"Deleted the {note.kind} on ¶{note.ref.n}.", timeout=3)
            return
        if event.key not in ("n", "escape") and event.is_printable and event.character:
            self.type_into_filter("d" + event.character)
        else:
            self.notify(f"Kept the {note.kind} on ¶{note.ref.n}.", timeout=2)
        self.load(self.query_one("#notes-filter", Input).value)

    def type_into_filter(self, text: str) -> None:
        box = self.query_one("#notes-filter", Input)
        box.insert_text_at_cursor(text)
        box.focus()  # (from the next frame: the keys typed before then come here too)
        self.typing = True
        self.ahead_to_list = False

    def on_key(self, event: events.Key) -> None:
        """Keys in the list, before its bindings: the answer to "Delete …?"; a letter that is
        no key of the list — or any letter once a word is being typed — goes to the filter."""
        if self.confirming is not None:
            event.stop()
            event.prevent_default()
            self._answer(event)
            return
        if not self.query_one(DataTable).has_focus or not event.is_printable or not event.character:
            return
        event.stop()
        event.prevent_default()
        self._list_letter(event.key, event.character)

    def _list_letter(self, key: str, character: str) -> None:
        """A letter in the list, run here in the order typed: a key reaches the bindings only
        after it has bubbled up, and the next one may be handled here before that."""
        actions = {"s": self.action_sort, "e": self.action_edit, "d": self.action_delete, "x": self.action_export}
        if key in actions and not self.typing:
            actions[key]()
        elif key == "slash" and not self.typing:
            self.action_focus_filter()
        else:
            self.type_into_filter(character)

    def action_export(self) -> None:
        self.keeping.export_notes("md", notes=list(self.notes))
