"""What the panes share: highlight styles, the source annotation, lists with j/k."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from ...core import Citation
from ...display import visible

MATCH = "bold black on yellow"
SHARED = "bold black on green"

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
    """An OptionList with j/k."""

    BINDINGS = LIST_BINDINGS
