"""Adding an article from the web: a small dialog for its address; the fetching (the core's
``add_address``) runs in a worker of the main screen, and a notice says what was added, or
why not.  A page or a PDF is kept in the case folder as served; a feed's new entries are
added; the index then takes them in."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...core import Outcome
from ...display import visible
from ..textual_ext import InOrderInput


class AddUrlScreen(ModalScreen[str | None]):
    """The address to add, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="add_url.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-url-box", classes="dialog"):
            yield Label(Text("Add article by URL", style="bold cyan"))
            yield InOrderInput(placeholder="https://… a web page, a PDF, or a feed (RSS, Atom)", id="add-url")
            yield Static(
                Text(
                    "Kept in the case folder as served; its address and the time go to catalog.toml.  "
                    "A feed adds its entries the case does not have yet.  Enter add · Esc cancel",
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        self.query_one("#add-url", Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


def outcome_notice(url: str, outcome: Outcome) -> tuple[str, str, SeverityLevel]:
    """The notice for what adding ``url`` did: (title, message, severity)."""
    lines = [f"{visible(a.title or a.path)} → {visible(a.path)}" for a in outcome.added[:5]]
    if len(outcome.added) > 5:
        lines.append(f"… and {len(outcome.added) - 5} more")
    lines += [visible(str(failed)) for failed in outcome.failed[:3]]
    if outcome.already and outcome.feed:
        lines.append(f"{len(outcome.already)} entries already in the case")
    if outcome.added:
        source = f" from {visible(outcome.feed)}" if outcome.feed else ""
        count = len(outcome.added)
        return f"Added {count} {'article' if count == 1 else 'articles'}{source}", "\n".join(lines), "information"
    if outcome.failed:
        return "Not added", "\n".join(lines), "error"
    what = f"nothing new in {visible(outcome.feed)}" if outcome.feed else f"{visible(url)} is in the case already"
    return "Nothing added", "\n".join([what, *lines]), "warning"
