"""What the panes share: highlight styles, the source annotation, lists with j/k, inputs
that take their keys in order."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea
from textual.worker import Worker, WorkerState

from ...core import Citation
from ...display import visible
from ..messages import WorkerFailed

MATCH = "bold black on yellow"
SHARED = "bold black on green"
DIFFERS = "bold black on bright_red"  # a figure that differs from the other passage's

LIST_BINDINGS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False, id="list.down"),
    Binding("k", "cursor_up", "Up", show=False, id="list.up"),
]


def annotation(citation: Citation, kind: str = "body") -> Text:
    """``Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35``, shown literally."""
    label = Text(visible(citation.annotation()), style="bold cyan")
    if kind != "body":
        label.append(f"  {kind}", style="italic dim")
    return label


class CaseList(OptionList):
    """An OptionList with j/k, whose workers' failures reach the app."""

    BINDINGS = LIST_BINDINGS

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkerFailed(event.worker.error))


async def _own_binding(widget: Widget, event: events.Key) -> bool:
    """Run the widget's own binding for a key that is not a letter, now, in the order the
    keys came.  Textual inserts a letter as soon as an Input or TextArea gets it, but runs a
    binding only once the key has bubbled up to the app: with keys arriving in one burst
    (typed fast over ssh, sent by tmux), ctrl+u then "Rodrigez" left "odrigez", and "ab",
    backspace, "c" left "ab"."""
    if event.is_printable:
        return False
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return True
    return False


class InOrderInput(Input):
    """An Input whose editing keys (ctrl+u, backspace, ctrl+w, delete…) keep their place
    among the letters."""

    async def _on_key(self, event: events.Key) -> None:
        if not await _own_binding(self, event):
            await super()._on_key(event)


class InOrderTextArea(TextArea):
    """A TextArea whose editing keys keep their place among the letters."""

    async def _on_key(self, event: events.Key) -> None:
        if not await _own_binding(self, event):
            await super()._on_key(event)
