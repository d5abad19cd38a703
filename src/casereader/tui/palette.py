"""The command palette: the main screen's commands, and the providers that open a document by
its title, outlet or id and run a saved search."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..core import RecentCases, StoreError
from ..display import visible
from .trail import Stop

if TYPE_CHECKING:
    from .screens.main import MainScreen

EXPORTS = {
    "md": "Markdown",
    "csv": "CSV",
    "json": "JSON",
    "csl-json": "CSL-JSON",
    "bibtex": "BibTeX",
}  # export formats, by name


def main_commands(screen: MainScreen) -> list[SystemCommand]:
    """The main screen's commands for the palette (the app adds them to Textual's own)."""
    commands = [
        SystemCommand("Search", "Put the cursor in the search box", screen.action_focus_search),
        SystemCommand("Related: jump", "Open the selected related passage", screen.action_jump_related),
        SystemCommand("Back", "Go back to the previous passage", screen.action_go_back),
        SystemCommand("Forward", "Go forward again", screen.action_go_forward),
        SystemCommand("Compare", "Current and related passage side by side", screen.action_compare),
        SystemCommand("Copy citation", "Copy the passage with its source", screen.action_copy_citation),
        SystemCommand("Notes", "Every note and bookmark of the case (m)", screen.action_notes),
        SystemCommand(
            "Bookmark passage", "Bookmark the passage in the reader, or remove it (b)", screen.action_bookmark
        ),
        SystemCommand("Note on passage", "Write a note on the passage in the reader (a)", screen.action_note),
        SystemCommand(
            "Select part of passage", "Choose a sentence or words to copy, note or bookmark (v)", screen.action_select
        ),
        SystemCommand(
            "Unread results only", "Show only the results not read yet, or all again (u)", screen.action_toggle_unseen
        ),
        SystemCommand("Save this search", "Keep the current search in the palette", screen.save_search),
        SystemCommand("Add article by URL", "Fetch a web page, a PDF or a feed into the case", screen.action_add_url),
    ]
    commands.append(SystemCommand("Export folder", "Choose the folder exports are written in (for this session)",
                                  screen.keeping.choose_export_folder))  # fmt: skip
    for fmt, label in EXPORTS.items():
        what = "the sources they cite" if fmt in ("csl-json", "bibtex") else "passages with their citations"
        commands.append(SystemCommand(f"Export notes: {label}", f"All notes and bookmarks, {what}",
                                      partial(screen.export_notes, fmt)))  # fmt: skip
        commands.append(SystemCommand(f"Export results: {label}", f"The current search's results, {what}",
                                      partial(screen.export_results, fmt)))  # fmt: skip
    from .screens.sides import sides_commands  # its module loads the Sides views' code: not before the first frame

    return [
        *commands,
        *recent_commands(screen),
        *sides_commands(screen.action_sides),
        SystemCommand("Toggle furniture", "Show or hide captions, bylines, credits", screen.action_toggle_furniture),
        SystemCommand("Ingestion report", "What was read from every file, what was skipped", screen.action_report),
    ]


def recent_commands(screen: MainScreen) -> list[SystemCommand]:
    """ "Open a recent case: NAME" for the cases opened last (but this one); the app closes
    and opens again on it.  A damaged list gives none (the app said so when it opened)."""
    cases, _ = RecentCases().listed()
    here = screen.case.folder
    return [
        SystemCommand(
            f"Open a recent case: {visible(case.name)}",
            f"{visible(str(case.folder))} · opened {case.opened}",
            partial(screen.app.open_case, case.folder),  # type: ignore[attr-defined]
        )
        for case in cases
        if case.folder != here and case.exists()
    ]


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
