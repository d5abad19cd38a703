"""The current passage and a related one side by side."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core import Citation, Related
from ...display import highlighted, visible
from ..widgets.common import SHARED


class CompareScreen(ModalScreen[None]):
    """The current passage and a related one side by side, shared words highlighted in both."""

    BINDINGS = [Binding("escape,q,c", "dismiss", "Close", id="compare.close")]

    def __init__(self, citation: Citation, text: str, item: Related) -> None:
        super().__init__()
        self.citation = citation  # the passage compared
        self.source_text = text
        self.item = item  # the related passage it is compared with

    def compose(self) -> ComposeResult:
        reasons = Text("shared: ", style="dim")
        reasons.append(visible(", ".join(self.item.reasons)), style="green")
        label = Text(visible(self.citation.annotation()), style="bold cyan")
        label.append("\n" + visible(self.citation.title), style="italic dim")
        with Horizontal(id="compare-box"):
            with VerticalScroll(classes="compare-side", id="compare-left"):
                yield Static(
                    Group(
                        label,
                        Text(""),
                        highlighted(self.source_text, self.item.source_spans, SHARED),
                    )
                )
            with VerticalScroll(classes="compare-side", id="compare-right"):
                other = Text(visible(self.item.hit.citation.annotation()), style="bold cyan")
                title = Text(visible(self.item.hit.citation.title), style="italic dim")
                yield Static(
                    Group(
                        other,
                        title,
                        reasons,
                        Text(""),
                        highlighted(self.item.hit.text, self.item.hit.spans, SHARED),
                    )
                )
