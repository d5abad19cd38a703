"""The command palette's document provider: open any document by its title, outlet or id."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..core import StoreError
from ..display import visible
from .trail import Stop


class DocumentCommands(Provider):
    """Jump to any document of the case by its title, outlet or id."""

    async def search(self, query: str) -> Hits:
        from .screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        matcher = self.matcher(query)
        for doc in screen.documents:
            label = f"Open document: {visible(doc.meta.title or doc.doc_id)}"
            detail = " · ".join(p for p in (doc.meta.outlet, doc.meta.date, doc.doc_id) if p)
            score = max(matcher.match(label), matcher.match(detail))
            if score > 0:
                # The palette reads str prompts and help as markup: a title with brackets
                # is given as Content (literal; unhighlighted) and the help escaped.
                prompt = Content(label) if "[" in label else matcher.highlight(label)
                yield Hit(score, prompt, partial(screen.open_stop, Stop(doc.doc_id)), help=escape(visible(detail)))


class SavedSearchCommands(Provider):
    """The searches the user saved ("Save this search"), to run again."""

    async def search(self, query: str) -> Hits:
        from .screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        try:
            saved = await asyncio.to_thread(lambda: screen.case.notes.saved_queries())
        except StoreError:
            return
        matcher = self.matcher(query)
        for text in saved:
            label = f"Saved search: {visible(text)}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, Content(label), partial(screen.run_saved, text), help="Run this saved search")

    async def discover(self) -> Hits:
        async for hit in self.search("Saved search"):
            yield hit
