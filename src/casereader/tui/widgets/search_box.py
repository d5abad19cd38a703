"""The search box: the query input and one status line under it."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from ..textual_ext import InOrderInput

TYPING = "Type to search the case · Esc: back to the keys"
KEYS = "/ to search · letters are keys: ? lists them, q quits"


class SearchBox(Vertical):
    """The query input and, under it, one line for the count, notes and errors.

    Letters are keys everywhere but here: the app starts with the focus on a list (as
    lazygit, newsboat and mutt do), ``/`` comes here, Escape (or Enter) leaves.  While the box
    is empty the line under it says so."""

    BINDINGS = [
        # A priority binding: run as the key arrives, so letters typed right after Escape are
        # keys, not more of the query.
        Binding("escape", "leave", "Back to keys", priority=True, id="search.leave"),
        Binding("up", "history(-1)", "Earlier search", show=False, id="search.history_back"),
        Binding("down", "history(1)", "Later search", show=False, id="search.history_forward"),
        # → at the end of the box takes 'did you mean' (as a shell's or a browser's address
        # bar's suggestion); anywhere else it moves the cursor, as always.
        Binding("right", "accept_suggestion", "Use suggestion", show=False, priority=True, id="search.accept"),
    ]

    class Submitted(Message):
        """Enter in the search box.  ``open`` when it came right after another Enter: keys
        typed ahead (Enter Enter) reach the box before the focus has moved to the results,
        and mean "go to the results, open the first"."""

        def __init__(self, open: bool = False) -> None:
            super().__init__()
            self.open = open

    TYPE_AHEAD = 0.25  # seconds
    _last_submit = 0.0

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []  # past searches, oldest first (set by the screen)
        self._browsing: int | None = None  # index in history while Up/Down walk it
        self._typed = ""  # what was in the box before walking the history
        self._hinting = True  # the line under the box says how to search, not a result
        self.suggestion: str | None = None  # 'did you mean' for the query in the box (set by the screen)

    def action_accept_suggestion(self) -> None:
        box = self.query_one("#query", Input)
        if box.has_focus and (self.suggestion is None or box.cursor_position < len(box.value)):
            box.action_cursor_right()
        elif self.suggestion is not None:
            self.accept_suggestion()

    def accept_suggestion(self) -> bool:
        """Put 'did you mean' in the box (it is searched, as anything typed); False when there
        is none."""
        suggestion, self.suggestion = self.suggestion, None
        if suggestion is None:
            return False
        box = self.query_one("#query", Input)
        box.value = suggestion
        box.cursor_position = len(suggestion)
        return True

    def action_history(self, step: int) -> None:
        """Up: the previous search; Down: the next one, then back to what was typed."""
        if not self.history:
            return
        box = self.query_one("#query", Input)
        if self._browsing is None:
            if step > 0:
                return
            self._typed, index = box.value, len(self.history) - 1
            if self.history[index] == box.value and index > 0:
                index -= 1
        else:
            index = self._browsing + step
        if index < 0:
            return
        if index >= len(self.history):
            self._browsing = None
            value = self._typed
        else:
            self._browsing = index
            value = self.history[index]
        box.value = value
        box.cursor_position = len(value)

    @on(Input.Changed, "#query")
    def _typed_over(self, event: Input.Changed) -> None:
        if self._browsing is not None and event.value != self.history[self._browsing]:
            self._browsing = None  # the user edits: a new query, not the history's

    def action_leave(self) -> None:
        self.screen.focus_next()

    def compose(self) -> ComposeResult:
        yield InOrderInput(
            placeholder='Search: words, "a phrase", prefix*, fuzzy~, OR, -word, outlet:wola, date:2025-07',
            id="query",
        )
        yield Static(Text(""), id="status")

    def show_hint(self) -> None:
        """Say how to search (there is no result to show): what letters do, here and elsewhere."""
        self.set_status(Text(TYPING if self.query_one("#query").has_focus else KEYS, style="dim"))
        self._hinting = True

    def on_descendant_focus(self) -> None:
        if self._hinting:
            self.show_hint()

    def on_descendant_blur(self) -> None:
        if self._hinting:
            self.show_hint()

    def set_status(self, text: Text) -> None:
        # One line of a set height and the box's width: no layout to redo.  With one, the
        # count waited for the next layout pass, after the document list's new counts (up
        # to ~100 ms after the results at 200,000 paragraphs).
        self._hinting = False
        self.query_one("#status", Static).update(text, layout=False)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        now = time.monotonic()
        typed_ahead = now - self._last_submit < self.TYPE_AHEAD
        self._last_submit = 0.0 if typed_ahead else now
        self.post_message(self.Submitted(open=typed_ahead))
