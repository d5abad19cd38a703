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


class SearchBox(Vertical):
    """The query input and, under it, one line for the count, notes and errors."""

    BINDINGS = [Binding("escape", "leave", "Results", id="search.leave")]

    class Submitted(Message):
        """Enter in the search box.  ``open`` when it came right after another Enter: keys
        typed ahead (Enter Enter) reach the box before the focus has moved to the results,
        and mean "go to the results, open the first"."""

        def __init__(self, open: bool = False) -> None:
            super().__init__()
            self.open = open

    TYPE_AHEAD = 0.25  # seconds
    _last_submit = 0.0

    def action_leave(self) -> None:
        self.screen.focus_next()

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder='Search: words, "a phrase", prefix*, fuzzy~, OR, -word, outlet:wola, date:2025-07',
            id="query",
        )
        yield Static(Text(""), id="status")

    def set_status(self, text: Text) -> None:
        self.query_one("#status", Static).update(text)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        now = time.monotonic()
        typed_ahead = now - self._last_submit < self.TYPE_AHEAD
        self._last_submit = 0.0 if typed_ahead else now
        self.post_message(self.Submitted(open=typed_ahead))
