"""The related pane: what the other documents say about the passage under the reader's
cursor.  It follows the reader (with a short debounce) and loads its own passages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core import Case, Ref, Related
from ...display import highlighted, snippet, visible
from .common import DIFFERS, SHARED, CaseList, annotation

RELATED_DELAY = 0.12  # seconds the cursor rests on a passage before its related ones load
RELATED_LIMIT = 8
COMPARE_AT_ONCE = 3_000  # paragraphs up to which the related passages wait for the sides' views


class RelatedPane(CaseList):
    """What the other documents say about the passage under the reader's cursor."""

    @dataclass
    class Chosen(Message):
        item: Related

    @dataclass
    class Found(Message):
        """The related passages of ``ref`` are on screen."""

        ref: Ref
        items: list[Related]
        missing: list[str] = field(default_factory=list)  # outlets with nothing related
        comparing: bool = False  # found, not yet compared side by side (the views are being built)
        meaning: str = ""  # why meaning is not compared yet ("" when it is)

    def __init__(self, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.items: list[Related] = []
        self.passage: Ref | None = None  # the passage the shown items relate to
        self._following: Ref | None = None  # the passage asked for last
        self._timer: Timer | None = None

    @property
    def waiting(self) -> bool:
        """The cursor rests on a passage whose related passages are about to be looked for."""
        return self._timer is not None

    def follow(self, ref: Ref) -> None:
        """Show the passages related to ``ref`` once the cursor rests there."""
        if ref == self._following:
            return
        self._following = ref
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(RELATED_DELAY, lambda: self._rested(ref))

    def again(self) -> None:
        """Look for the passages related to the passage shown again (the case learnt more)."""
        if self._following is not None and self._timer is None:
            self._find(self._following)

    def _rested(self, ref: Ref) -> None:
        self._timer = None
        self._find(ref)

    @work(thread=True, exclusive=True, group="related", exit_on_error=False)
    def _find(self, ref: Ref) -> None:
        worker = get_current_worker()
        # In a large case, the passages at once, then compared side by side when the views
        # are ready (built again after each change: 95 s at 200,000 paragraphs).  A small
        # case's views take a second at most: waiting for them spares a redrawn list.
        large = sum(d.paragraphs for d in self.case.documents()) > COMPARE_AT_ONCE
        for wait in (False, True) if large else (True,):
            try:
                found = self.case.related_sides(ref, limit=RELATED_LIMIT, wait=wait)
            except KeyError:  # the paragraph left the index (its file changed)
                from ...core import RelatedSides

                found = RelatedSides([], [])
            if worker.is_cancelled:
                return
            meaning = self.case.meaning_status()
            self.post_message(self.Found(ref, found.items, found.missing, found.comparing, meaning))
            if not found.comparing:
                return

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.ref != self._following:
            message.stop()  # an older passage's answer
            return
        self.show(message.ref, message.items, message.missing)
        comparing = " · comparing the sides…" if message.comparing else ""
        meaning = f" · {message.meaning}" if message.meaning else ""
        self.border_title = Text(visible(f"Related to ¶{message.ref.n} · {len(message.items)}{comparing}{meaning}"))

    def show(self, ref: Ref | None, items: list[Related], missing: list[str] | None = None) -> None:
        self.passage = ref
        self.items = list(items)
        options = []
        for item in self.items:
            head = annotation(item.hit.citation)
            if item.same_document:
                head.append("  same document", style="italic dim")
            reasons = Text("")
            if item.meaning:  # found by meaning alone: no word in common to show
                reasons.append(item.meaning + "  ", style="italic cyan")
            differs = [str(difference) for difference in item.differs]
            if differs:
                reasons.append(visible("; ".join(differs)) + "  ", style="bold yellow")
            shared = item.in_common
            if shared:
                reasons.append("shared: ", style="dim")
                reasons.append(visible(", ".join(shared[:6])), style="green")
            anchor = item.differing[:1]  # a figure that differs is the point of the row: in view
            text, spans = snippet(item.hit.text, item.hit.spans, width=200, anchor=anchor)
            body = highlighted(text, spans, SHARED)
            for span in snippet(item.hit.text, item.differing, width=200, anchor=anchor)[1]:
                body.stylize(DIFFERS, span.start, span.end)
            options.append(Option(Group(head, reasons, body), id=str(item.hit.ref)))
        for outlet in missing or []:
            # Said, not filled with weak matches: what one side leaves out is the point.
            options.append(Option(Text(f"nothing related in {visible(outlet)}", style="italic yellow"), disabled=True))
        self.set_options(options)
        if options:
            self.highlighted = 0

    def selected(self) -> Related | None:
        if not self.items:
            return None
        index = self.highlighted if self.highlighted is not None else 0
        return self.items[index] if 0 <= index < len(self.items) else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.items[event.option_index]))
