"""The results pane: the hits of the current query, ranked; it runs the searches."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core import Case, Hit, QueryError, SearchCancelled, SearchResult
from ...display import highlighted, snippet
from .common import MATCH, CaseList, annotation

RESULTS_LIMIT = 50  # hits listed; the count above says how many there are in all


class ResultsPane(CaseList):
    """The hits of the current query, ranked."""

    FIRST_PAINT = 6  # hits drawn at once (more than fit on screen); the rest after the refresh

    @dataclass
    class Chosen(Message):
        hit: Hit

    @dataclass
    class Searched(Message):
        """A search ended: ``result`` is None for an empty query or one that cannot run
        (``error`` says why)."""

        query: str
        result: SearchResult | None
        error: str = ""

    @dataclass
    class Suggested(Message):
        """A search that found nothing, again, with its 'did you mean'."""

        result: SearchResult

    def __init__(self, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.hits: list[Hit] = []

    def _tell_screen(self, message: Message) -> None:
        """Post straight to the screen, which routes results: bubbling up from here passes
        through three containers' message queues, and with it keystroke → results on
        screen at 20,000 paragraphs measured p95 76–96 ms against 60–63 ms posted directly."""
        self.screen.post_message(message)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, query: str) -> None:
        """Run ``query`` in a worker; a newer search cancels this one (the core polls)."""
        worker = get_current_worker()
        if not query.strip():
            self._tell_screen(self.Searched(query, None))
            return
        try:
            result = self.case.search(
                query,
                limit=RESULTS_LIMIT,
                count_docs=True,
                cancelled=lambda: worker.is_cancelled,
                suggest=False,  # below, after the (empty) result is on screen
            )
        except SearchCancelled:
            return
        except QueryError as exc:
            if not worker.is_cancelled:
                self._tell_screen(self.Searched(query, None, str(exc)))
            return
        if worker.is_cancelled:
            return
        self._tell_screen(self.Searched(query, result))
        if result.total == 0 and not result.notes and not worker.is_cancelled:
            suggestion = self.case.suggest(result)
            if suggestion and not worker.is_cancelled:
                self._tell_screen(self.Suggested(replace(result, suggestion=suggestion)))

    def show(self, result: SearchResult | None) -> None:
        self.hits = list(result.hits) if result else []
        self.set_options(self._hit_options(self.hits[: self.FIRST_PAINT]))
        if self.hits:
            self.highlighted = 0
        if len(self.hits) > self.FIRST_PAINT:
            shown = self.hits
            self.call_after_refresh(self._show_rest, shown)

    def _show_rest(self, shown: list[Hit]) -> None:
        if shown is self.hits:  # still the same query
            self.add_options(self._hit_options(self.hits[self.FIRST_PAINT :]))

    @staticmethod
    def _hit_options(hits: list[Hit]) -> list[Option]:
        options = []
        for hit in hits:
            text, spans = snippet(hit.text, hit.spans, width=220)
            body = highlighted(text, spans, MATCH, base="" if hit.kind == "body" else "dim")
            head = annotation(hit.citation, hit.kind)
            if hit.also_in:
                head.append(f"  also in {len(hit.also_in)} other", style="italic magenta")
            options.append(Option(Group(head, body, Text("")), id=str(hit.ref)))
        return options

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.hits[event.option_index]))
