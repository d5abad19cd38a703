"""The trail of jumps: back and forward like a browser's history (a plain model, no UI)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stop:
    """One place in the trail: a document, at a paragraph or at its top (``n`` None)."""

    doc_id: str
    n: int | None = None

    @property
    def label(self) -> str:
        return self.doc_id if self.n is None else f"{self.doc_id}:{self.n}"


class Trail:
    """Places visited, in order, and where the reader is among them.

    Visiting a place after going back drops the places ahead (as a browser does); visiting
    the place already current records nothing.
    """

    def __init__(self) -> None:
        self.stops: list[Stop] = []
        self.position = -1

    @property
    def current(self) -> Stop | None:
        return self.stops[self.position] if self.stops else None

    @property
    def can_go_back(self) -> bool:
        return self.position > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self.position < len(self.stops) - 1

    def visit(self, stop: Stop) -> None:
        del self.stops[self.position + 1 :]
        if not self.stops or self.stops[-1] != stop:
            self.stops.append(stop)
        self.position = len(self.stops) - 1

    def back(self) -> Stop | None:
        if not self.can_go_back:
            return None
        self.position -= 1
        return self.stops[self.position]

    def forward(self) -> Stop | None:
        if not self.can_go_forward:
            return None
        self.position += 1
        return self.stops[self.position]

    def labels(self) -> list[str]:
        return [stop.label for stop in self.stops]
