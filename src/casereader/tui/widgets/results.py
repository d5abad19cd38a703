"""The results pane: the hits of the current query, ranked; it runs the searches."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core import (
    Case,
    Hit,
    Note,
    NoteFilter,
    QueryError,
    Ref,
    SearchCancelled,
    SearchResult,
    StoreError,
    note_words,
)
from ...display import highlighted, snippet, visible
from .common import MATCH, CaseList, annotation

RESULTS_LIMIT = 50  # hits listed at first; reaching the end of the list loads as many more
MORE = "more"  # the id of the last row, "↓ 50 more of 1,234", while there are more
NOTES_LISTED = 5  # notes with the query's words, listed above the hits


class ResultsPane(CaseList):
    """The hits of the current query, ranked."""

    FIRST_PAINT = 6  # hits drawn at once (more than fit on screen); the rest after the refresh

    @dataclass
    class Chosen(Message):
        hit: Hit

    @dataclass
    class NoteChosen(Message):
        note: Note

    @dataclass
    class Searched(Message):
        """A search ended: ``result`` is None for an empty query or one that cannot run
        (``error`` says why)."""

        query: str
        result: SearchResult | None
        error: str = ""
        notes: list[Note] = field(default_factory=list)  # the case's notes with the query's words

    @dataclass
    class Suggested(Message):
        """A search that found nothing, again, with its 'did you mean'."""

        result: SearchResult

    def __init__(self, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.hits: list[Hit] = []  # the hits listed (after the unread filter)
        self.notes: list[Note] = []  # notes listed above the hits
        self.seen: set[Ref] = set()  # passages read (the screen's set)
        self.unseen_only = False
        self._result: SearchResult | None = None
        self._query = ""  # what the reader typed (the result's may be widened by aliases)
        self._loading = False

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
        self._query = query
        self._tell_screen(self.Searched(query, result, notes=self._notes_for(query)))
        # 'did you mean' after the result is on screen: for nothing found, or for words that
        # no paragraph has (the paragraphs with the others are listed meanwhile).
        wanted = (result.total == 0 and not result.notes) or result.missing_words
        if wanted and not worker.is_cancelled:
            suggestion = self.case.suggest(result)
            if suggestion and not worker.is_cancelled:
                self._tell_screen(self.Suggested(replace(result, suggestion=suggestion)))

    def _notes_for(self, query: str) -> list[Note]:
        words = note_words(query)
        if not words:
            return []
        try:
            return self.case.notes.notes(NoteFilter(query=words), limit=NOTES_LISTED)
        except StoreError:
            return []  # the notes store's problem is said once, when the app opens it

    def show(self, result: SearchResult | None, notes: list[Note] | None = None) -> None:
        self._result = result
        self.notes = list(notes or [])
        self.redraw()

    def redraw(self) -> None:
        """List the result again (after the unread filter changed)."""
        result = self._result
        self.hits = list(result.hits) if result else []
        if self.unseen_only:
            self.hits = [h for h in self.hits if h.ref not in self.seen]
        self.set_options([*self._note_options(self.notes), *self._hit_options(self.hits[: self.FIRST_PAINT])])
        if self.hits or self.notes:
            # The first hit has the cursor (Enter Enter opens it); the notes stand above it.
            self.highlighted = len(self.notes) if self.hits else 0
        if len(self.hits) > self.FIRST_PAINT:
            shown = self.hits
            self.call_after_refresh(self._show_rest, shown)
        else:
            self.add_options(self._more_option())

    def _show_rest(self, shown: list[Hit]) -> None:
        if shown is self.hits:  # still the same query
            self.add_options([*self._hit_options(self.hits[self.FIRST_PAINT :]), *self._more_option()])

    def _more_option(self) -> list[Option]:
        """The last row while the result has more hits than are listed: moving onto it (or
        End, or Enter) loads the next ones."""
        result = self._result
        if result is None or not result.hits or len(result.hits) >= result.listable:
            return []
        count = f"{'~' if not result.exact else ''}{result.listable:,}"
        label = f"↓ {min(RESULTS_LIMIT, result.listable - len(result.hits))} more of {count}: move here to load them"
        return [Option(Text(label, style="dim italic"), id=MORE)]

    @on(OptionList.OptionHighlighted)
    def _reached_end(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id == MORE:
            self.load_more()

    @work(thread=True, exclusive=True, group="more", exit_on_error=False)
    def load_more(self) -> None:
        """The next hits of the listed result: the same query with a larger limit (ranking is
        stable, so the hits already listed stay where they are)."""
        before = self._result
        if before is None or self._loading or len(before.hits) >= before.listable:
            return
        self._loading = True
        try:
            bigger = self.case.search(
                self._query or before.query, limit=len(before.hits) + RESULTS_LIMIT, count_docs=True, suggest=False
            )
        except (QueryError, SearchCancelled):
            return
        finally:
            self._loading = False
        self.app.call_from_thread(self._extend, before, bigger)

    def _extend(self, before: SearchResult, bigger: SearchResult) -> None:
        if self._result is not before:
            return  # another search came first
        listed = {h.ref for h in before.hits}
        new = [h for h in bigger.hits if h.ref not in listed]
        hits = [*before.hits, *new]
        count = max(before.listable, len(hits)) if new else len(hits)
        if before.some_words_from == 0:  # none has all the words: the count of those with some
            self._result = replace(before, hits=hits, some_words_total=count)
        else:
            self._result = replace(before, hits=hits, total=count)
        if not new:
            self._result = replace(self._result, exact=True)
        added = [h for h in new if not (self.unseen_only and h.ref in self.seen)]
        self.hits.extend(added)
        if self.option_count and self.options[-1].id == MORE:
            self.remove_option(MORE)
        self.add_options([*self._hit_options(added), *self._more_option()])

    def _hit_options(self, hits: list[Hit]) -> list[Option]:
        result = self._result
        start = result.some_words_from if result is not None else None
        some_words = {h.ref for h in result.hits[start:]} if result is not None and start is not None else set()
        near = result.meaning_from if result is not None else None
        by_meaning = {h.ref for h in result.hits[near:]} if result is not None and near is not None else set()
        options = []
        for hit in hits:
            text, spans = snippet(hit.text, hit.spans, width=220)
            body = highlighted(text, spans, MATCH, base="" if hit.kind == "body" else "dim")
            head = annotation(hit.citation, hit.kind)
            if hit.also_in:
                head.append(f"  also in {len(hit.also_in)} other", style="italic magenta")
            if hit.ref in by_meaning:  # a ~ query: near in meaning, maybe none of the words
                head.append("  ≈ by meaning", style="italic cyan")
            elif hit.ref in some_words:  # only some of the query's words
                head.append("  some of the words", style="dim yellow")
            if hit.ref in self.seen:
                head.append("  ✓ read", style="dim green")
            options.append(Option(Group(head, body, Text("")), id=str(hit.ref)))
        return options

    @staticmethod
    def _note_options(notes: list[Note]) -> list[Option]:
        options = []
        for note in notes:
            head = Text.assemble(("✎ note  " if note.kind == "note" else "★ bookmark  ", "bold yellow"))
            head.append_text(annotation(note.citation))
            if note.tags:
                head.append("  " + " ".join(f"#{t}" for t in note.tags), style="magenta")
            body = Text(visible(note.text or note.quote)[:220], style="italic")
            options.append(Option(Group(head, body, Text("")), id=f"note-{note.id}"))
        return options

    def open_first_hit(self) -> None:
        """Open the first hit (the notes listed above it are passed over)."""
        if self.hits:
            self.highlighted = len(self.notes)
            self.post_message(self.Chosen(self.hits[0]))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if event.option.id == MORE:
            self.load_more()
        elif index < len(self.notes):
            self.post_message(self.NoteChosen(self.notes[index]))
        else:
            self.post_message(self.Chosen(self.hits[index - len(self.notes)]))
