"""The trail of jumps, drawn under the panes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...display import visible
from ..trail import Trail


class Breadcrumb(Static):
    """The trail of jumps, like a browser's history."""

    def show(self, trail: Trail) -> None:
        labels, position = trail.labels(), trail.position
        text = Text("trail: ", style="dim")
        if not labels:
            text.append("(no jumps yet)  [ back  ] forward", style="dim")
        start = max(0, position - 3)
        if start:
            text.append("… ", style="dim")
        end = min(len(labels), position + 4)
        for index in range(start, end):
            text.append(visible(labels[index]), style="bold reverse" if index == position else "")
            if index < end - 1:
                text.append(" › ", style="dim")
        self.update(text)
