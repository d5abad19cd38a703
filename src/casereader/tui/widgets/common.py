"""What the panes share: highlight styles, the source annotation, lists with j/k.  (Inputs
that take their keys in order are in ``textual_ext``.)"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
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
