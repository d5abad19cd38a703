"""The current passage and a related one side by side."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core import Citation, Related, Span
from ...display import highlighted, visible
from ..widgets.common import DIFFERS, SHARED


def _marked(text: str, shared: list[Span], differing: list[Span]) -> Text:
    """Shared words in green, figures that differ from the other passage's in red."""
    result = highlighted(text, shared, SHARED)
    for span in differing:
        result.stylize(DIFFERS, span.start, span.end)
    return result


class CompareScreen(ModalScreen[None]):
    """The current passage and a related one side by side, shared words highlighted in both."""

    BINDINGS = [Binding("escape,q,c", "dismiss", "Close", id="compare.close")]

    def __init__(self, citation: Citation, text: str, item: Related) -> None:
        super().__init__()
        self.citation = citation  # the passage compared
        self.source_text = text
        self.item = item  # the related passage it is compared with

    def compose(self) -> ComposeResult:
        reasons = Text("")
        differs = [str(difference) for difference in self.item.differs]
        if differs:
            reasons.append(visible("; ".join(differs)) + "\n", style="bold yellow")
        reasons.append("shared: ", style="dim")
        reasons.append(visible(", ".join(self.item.in_common)), style="green")
        label = Text(visible(self.citation.annotation()), style="bold cyan")
        label.append("\n" + visible(self.citation.title), style="italic dim")
        with Horizontal(id="compare-box"):
            with VerticalScroll(classes="compare-side", id="compare-left"):
                yield Static(
                    Group(
                        label,
                        Text(""),
                        _marked(self.source_text, self.item.source_spans, self.item.source_differing),
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
                        _marked(self.item.hit.text, self.item.hit.spans, self.item.differing),
                    )
                )
