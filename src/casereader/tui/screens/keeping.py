"""Dialogs for keeping a passage: choosing part of it, and writing a note with tags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea
from textual.widgets.text_area import Selection

from ...core import Citation, clean_tags
from ...display import visible
from ..textual_ext import InOrderInput, InOrderTextArea

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+")


@dataclass(frozen=True)
class Part:
    """What the reader chose of a passage: ``text[start:end]`` (all of it by default), and
    what to do with it."""

    start: int
    end: int
    then: str  # "copy", "note" or "bookmark"


def sentence_at(text: str, index: int) -> tuple[int, int]:
    """The offsets of the sentence holding character ``index``."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > index:
            return start, match.start() + len(match.group().rstrip())
        start = match.end()
    return start, len(text)


class SelectScreen(ModalScreen[Part | None]):
    """A passage in a read-only text area, to choose part of it with the mouse (drag) or the
    keyboard (Shift+arrows, Ctrl+Shift+arrows by word, ``s`` the sentence at the cursor)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="select.close"),
        Binding("s", "sentence", "Sentence", id="select.sentence"),
        Binding("y", "done('copy')", "Copy", id="select.copy"),
        Binding("a", "done('note')", "Note", id="select.note"),
        Binding("b", "done('bookmark')", "Bookmark", id="select.bookmark"),
    ]

    def __init__(self, citation: Citation, text: str) -> None:
        super().__init__()
        self.citation = citation
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="select-box", classes="dialog"):
            yield Label(Text(visible(self.citation.annotation()), style="bold cyan"))
            # The text as shown everywhere (control characters visible, one for one, so the
            # offsets of a selection are offsets into the passage).
            yield TextArea(visible(self.text), read_only=True, soft_wrap=True, show_cursor=True, id="select-text")
            yield Static(
                Text(
                    "Select with the mouse or Shift+arrows · s sentence · y copy · a note · b bookmark · Esc close",
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _index(self, location: tuple[int, int]) -> int:
        row, column = location
        lines = self.text.split("\n")
        return sum(len(line) + 1 for line in lines[:row]) + column

    def _location(self, index: int) -> tuple[int, int]:
        before = self.text[:index].split("\n")
        return len(before) - 1, len(before[-1])

    def _range(self) -> tuple[int, int]:
        area = self.query_one(TextArea)
        start, end = self._index(area.selection.start), self._index(area.selection.end)
        start, end = min(start, end), max(start, end)
        if not self.text[start:end].strip():
            return 0, len(self.text)
        while self.text[start].isspace():  # a selection's spaces at either end are not part of it
            start += 1
        while self.text[end - 1].isspace():
            end -= 1
        return start, end

    def action_sentence(self) -> None:
        area = self.query_one(TextArea)
        start, end = sentence_at(self.text, self._index(area.selection.end))
        area.selection = Selection(self._location(start), self._location(end))

    def action_done(self, then: str) -> None:
        start, end = self._range()
        self.dismiss(Part(start, end, then))


class FolderScreen(ModalScreen[str | None]):
    """A folder to write exports in: typed, with the current one to start from."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="folder.cancel")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="folder-box", classes="dialog"):
            yield Label(Text("Export folder", style="bold cyan"))
            yield InOrderInput(self.current, placeholder="a folder, e.g. ~/Documents/case", id="folder")
            yield Static(Text("Exports of this session are written there.  Enter choose · Esc cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


@dataclass(frozen=True)
class NoteDraft:
    text: str
    tags: tuple[str, ...]


class NoteEditor(ModalScreen[NoteDraft | None]):
    """A note on a passage (or part of it): the quote, the note, its tags.  Ctrl+S saves."""

    BINDINGS = [
        # Not a priority binding: keys typed just before Ctrl+S reach the note first.
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="note.cancel"),
    ]

    def __init__(
        self, citation: Citation, quote: str, text: str = "", tags: tuple[str, ...] = (), problem: str = ""
    ) -> None:
        super().__init__()
        self.citation = citation
        self.quote = quote
        self.text = text
        self.tags = tags
        self.problem = problem  # why the note could not be kept last time (it is shown again, unsaved)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Label(Text(visible(self.citation.annotation()), style="bold cyan"))
            quote = self.quote if len(self.quote) <= 400 else self.quote[:399] + "…"
            yield Static(Text(f"“{visible(quote)}”", style="italic"), id="note-quote")
            if self.problem:
                problem = Text("Not saved: ", style="bold red")
                problem.append(visible(self.problem))
                problem.append(" — your note is still here: Ctrl+S tries again, Esc drops it.", style="red")
                yield Static(problem, id="note-problem")
            yield InOrderTextArea(self.text, soft_wrap=True, id="note-text")
            yield InOrderInput(" ".join(self.tags), placeholder="tags: figures, sources …", id="note-tags")
            yield Static(Text("Ctrl+S save · Esc cancel · Tab to the tags", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    @on(Input.Submitted, "#note-tags")
    def _tags_entered(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#note-text", TextArea).text.strip()
        tags = clean_tags([self.query_one("#note-tags", Input).value])
        self.dismiss(NoteDraft(text, tags))
