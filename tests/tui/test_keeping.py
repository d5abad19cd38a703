"""Keeping what you find, in the app: bookmarks, notes with tags, the Notes screen, part of a
passage, copying without a clipboard, reading progress, search history."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, TextArea

from casereader.core import BOOKMARK, NOTE, NoteFilter, Ref
from casereader.tui.app import CaseReaderApp
from casereader.tui.screens.keeping import NoteEditor, SelectScreen
from casereader.tui.screens.notes import NotesScreen
from casereader.tui.widgets import DocumentsPane, ReaderPane, ResultsPane, SearchBox

from ..conftest import ORINOCO, WOLA
from .conftest import (
    open_first_hit,
    palette_lists,
    ready,
    record_notices,
    search,
    settle,
    status,
    type_text,
    wait_for,
)

NYT = "The New York Times, for its part, noted that only 32 men (12%)"


async def test_bookmark_note_tag_notes_screen_and_back_to_the_passage(app: CaseReaderApp) -> None:
    notices: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, '"only 32 men"')
        reader = app.query_one(ReaderPane)
        assert reader.current_ref() == Ref(ORINOCO, 35)

        await pilot.press("b")
        await settle(pilot, app)
        [bookmark] = app.case.notes.at(Ref(ORINOCO, 35))
        assert bookmark.kind == BOOKMARK and bookmark.anchor.whole
        assert any("Bookmarked ¶35" in n for n in notices)
        assert reader.marks == {35: frozenset({"bookmark"})}

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "NYT counts 32")
        await pilot.press("tab")
        await settle(pilot, app)  # the focus is on the tags before they are typed
        await type_text(pilot, "figures, NYT")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        [note] = [n for n in app.case.notes.at(Ref(ORINOCO, 35)) if n.kind == NOTE]
        assert note.text == "NYT counts 32" and note.tags == ("figures", "nyt")
        assert reader.marks[35] == frozenset({"bookmark", "note"})

        # Away from the passage, then back through the Notes screen.
        await pilot.press("home")
        await settle(pilot, app)
        assert reader.current_ref() != Ref(ORINOCO, 35)
        await pilot.press("m")
        await settle(pilot, app)
        assert isinstance(app.screen, NotesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        await type_text(pilot, "#figures")
        await settle(pilot, app)
        assert table.row_count == 1 and app.screen.notes[0].text == "NYT counts 32"
        await pilot.press("enter", "enter")  # to the list, then open the note's passage
        await settle(pilot, app)
        assert not isinstance(app.screen, NotesScreen)
        assert reader.current_ref() == Ref(ORINOCO, 35)

        # b again removes the bookmark (the note stays).
        await pilot.press("b")
        await settle(pilot, app)
        assert [n.kind for n in app.case.notes.at(Ref(ORINOCO, 35))] == [NOTE]


async def test_notes_screen_edits_deletes_and_sorts(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.case.keep(Ref(ORINOCO, 35), NOTE, "first", ("a",))
        app.case.keep(Ref(ORINOCO, 34), NOTE, "second", ("b",))
        app.main.action_notes()
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert [n.text for n in screen.notes] == ["second", "first"]  # newest first
        await pilot.press("down")  # from the filter to the list
        await pilot.press("s")  # by document: ¶34 before ¶35
        await settle(pilot, app)
        assert [n.ref.n for n in screen.notes] == [34, 35] and screen.sort == "document"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one("#note-text", TextArea).text = "second, edited"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.case.notes.notes(NoteFilter(query="edited"))[0].ref == Ref(ORINOCO, 34)
        await pilot.press("d", "y")  # deleted once confirmed
        await settle(pilot, app)
        assert [n.text for n in app.case.notes.notes()] == ["first"]


async def test_part_of_a_passage_is_noted_and_copied_by_keyboard(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, '"only 32 men"')
        paragraph = app.query_one(ReaderPane).current_paragraph()
        assert paragraph is not None
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, SelectScreen)
        await pilot.press("s")  # the sentence at the cursor: the first one
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        first_sentence = paragraph.text[: paragraph.text.index(". ") + 1]
        assert app.screen.quote == first_sentence
        await type_text(pilot, "only this sentence")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        [note] = app.case.notes.at(Ref(ORINOCO, 35))
        assert note.quote == first_sentence and note.anchor.start == 0 and not note.anchor.whole

        # Shift+arrows choose words; y copies just them with the citation.
        await pilot.press("v")
        await pilot.pause()
        await pilot.press(*["ctrl+right"] * 2, "right", *["shift+right"] * len("York Times"), "y")
        await settle(pilot, app)
        assert app.clipboard.startswith("“York Times”\n— Orinoco Tribune, Misión Verdad")


async def test_a_copy_with_no_clipboard_is_saved_in_a_clips_file_and_said(
    app: CaseReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no xclip, wl-copy, pbcopy or tmux
    notices: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, '"only 32 men"')
        await pilot.press("y")
        await settle(pilot, app)
    said = [n for n in notices if "No clipboard found" in n]
    assert said and "clips.txt" in said[0]
    clips = Path(said[0].split("saved it in ")[1].rstrip("."))
    assert NYT in clips.read_text(encoding="utf-8") and "¶35" in clips.read_text(encoding="utf-8")


async def test_read_passages_are_marked_filtered_and_counted_per_document(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "criminal record")
        opened = app.query_one(ReaderPane).current_ref()
        await wait_for(pilot, app, lambda: not app.keeping.unsaved_reads)  # written in batches, every second
        await settle(pilot, app)
        assert opened in app.case.notes.seen()
        await search(pilot, app, "criminal record")
        results = app.query_one(ResultsPane)
        assert opened in [h.ref for h in results.hits]
        app.main.action_toggle_unseen()
        await settle(pilot, app)
        assert opened not in [h.ref for h in results.hits] and results.hits
        assert "unread only" in status(app) or app.main.unseen_only
        read = app.query_one(DocumentsPane).get_cell(opened.doc_id, "read")
        assert read.plain.endswith("%")
        other = WOLA if opened.doc_id == ORINOCO else ORINOCO
        assert not app.query_one(DocumentsPane).get_cell(other, "read").plain  # nothing read there


async def test_up_and_down_walk_the_search_history_and_notes_are_found_by_search(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.case.keep(Ref(ORINOCO, 34), NOTE, "Compare with the Cristosal figure")
        for query in ("bukele", "zapatero"):
            await search(pilot, app, query)
            await pilot.press("enter")
            await settle(pilot, app)
        box = app.query_one("#query", Input)
        box.focus()
        box.value = ""
        await pilot.press("up")
        assert box.value == "zapatero"
        await pilot.press("up")
        assert box.value == "bukele"
        await pilot.press("down", "down")
        assert box.value == ""
        assert app.query_one(SearchBox).history[-2:] == ["bukele", "zapatero"]
        await search(pilot, app, "cristosal")
        results = app.query_one(ResultsPane)
        assert [n.text for n in results.notes] == ["Compare with the Cristosal figure"]
        assert "1 of your notes" in status(app)
        await pilot.press("enter", "enter")  # Enter Enter opens the first hit, not the note
        await settle(pilot, app)
        assert app.query_one(ReaderPane).current_ref() == results.hits[0].ref
        await settle(pilot, app)
        assert app.case.notes.history()[-3:] == ["bukele", "zapatero", "cristosal"]


async def test_the_notes_screen_exports_the_notes_it_lists(
    app: CaseReaderApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # never written in the current folder (for uv run, the clone)
    notices: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        await ready(pilot, app)
        app.case.keep(Ref(ORINOCO, 35), NOTE, "kept for the export", ("export",))
        app.case.keep(Ref(ORINOCO, 35), BOOKMARK)  # the same passage: one entry with the note
        app.case.keep(Ref(WOLA, 6), NOTE, "left out of it", ("other",))
        app.main.action_notes()
        await settle(pilot, app)
        await type_text(pilot, "dead")  # in the filter: nothing listed
        await settle(pilot, app)
        app.screen.query_one("#notes-filter", Input).value = ""
        await type_text(pilot, "35 OR export")
        app.screen.query_one("#notes-filter", Input).value = ""
        await settle(pilot, app)
        await pilot.press("down")
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
    assert not list(tmp_path.glob("casereader-*"))
    [written] = app.case.data_dir.glob("casereader-*-notes.md")
    exported = written.read_text(encoding="utf-8")
    assert exported.count(NYT) == 1 and "kept for the export" in exported and "bookmarked" in exported
    assert any(f"Exported 2 passages to {written}" in n for n in notices), notices


# --- notes never lost or misfiled (issue 29) ------------------------------------------------------

STORY = [
    "A story about the hearings",
    "The first paragraph says the hearings began in March after a long delay.",
    "The second paragraph says the lawyers asked for more time to prepare.",
    "The third paragraph says the judge refused the zanzibar motion outright.",
    "The fourth paragraph says the appeal will be heard in the autumn.",
]


def _story_app(tmp_path: Path, lines: list[str] = STORY) -> CaseReaderApp:
    from casereader.tui.app import make_app

    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    (folder / "story.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "other.txt").write_text("Another article, about roads and bridges.\n", encoding="utf-8")
    return make_app(folder, tmp_path / "index", watch=False)


async def _typing_a_note_on_zanzibar(pilot: object, app: CaseReaderApp) -> Ref:
    await ready(pilot, app)
    await open_first_hit(pilot, app, "zanzibar")
    ref = app.query_one(ReaderPane).current_ref()
    assert ref is not None
    await pilot.press("a")  # type: ignore[attr-defined]
    await wait_for(pilot, app, lambda: isinstance(app.screen, NoteEditor))
    await type_text(pilot, "The judge's refusal matters")
    await settle(pilot, app)
    return ref


async def test_a_note_typed_while_its_document_is_removed_is_kept_orphaned(tmp_path: Path) -> None:
    app = _story_app(tmp_path)
    notices: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        ref = await _typing_a_note_on_zanzibar(pilot, app)
        folder = tmp_path / "case"
        (folder / "story.txt").rename(folder / "renamed.txt")  # renamed meanwhile, and indexed
        app.case.update()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        [note] = app.case.notes.notes()
        assert note.text == "The judge's refusal matters" and note.ref == ref
        assert note.status == "orphaned" and "zanzibar" in note.quote
        assert note.citation.title == "A story about the hearings"  # as it was cited when typed
        assert any("orphaned" in n and "no longer in the case" in n for n in notices), notices
        assert not any("Something went wrong" in n or "KeyError" in n for n in notices), notices


async def test_a_note_typed_while_its_file_is_edited_follows_its_words(tmp_path: Path) -> None:
    app = _story_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        ref = await _typing_a_note_on_zanzibar(pilot, app)
        quoted = app.case.paragraph(ref)
        assert quoted is not None
        # A paragraph added above it: the number the note was begun on now holds another one.
        edited = [*STORY[:2], "A new paragraph added above by the editor.", *STORY[2:]]
        (tmp_path / "case" / "story.txt").write_text("\n\n".join(edited) + "\n", encoding="utf-8")
        app.case.update()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        [note] = app.case.notes.notes()
        assert note.quote == quoted.text and note.status == "moved" and note.ref.n > ref.n
        now = app.case.paragraph(note.ref)
        assert now is not None and now.text == quoted.text  # never the look-alike at the old number


async def test_a_note_on_words_edited_away_meanwhile_is_orphaned_not_misfiled(tmp_path: Path) -> None:
    app = _story_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        ref = await _typing_a_note_on_zanzibar(pilot, app)
        edited = [*STORY[:3], "The third paragraph now says something else entirely.", *STORY[4:]]
        (tmp_path / "case" / "story.txt").write_text("\n\n".join(edited) + "\n", encoding="utf-8")
        app.case.update()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        [note] = app.case.notes.notes()
        assert note.status == "orphaned" and "zanzibar" in note.quote and note.ref == ref
        assert note.ref not in app.keeping.marks  # no mark on the paragraph now at that number


async def test_a_note_the_store_refuses_stays_in_the_editor_with_the_reason(tmp_path: Path) -> None:
    import sqlite3

    from casereader.core import data_dir_for

    app = _story_app(tmp_path)
    store = data_dir_for(tmp_path / "case") / "notes.sqlite"
    store.parent.mkdir(parents=True)
    db = sqlite3.connect(store)
    db.execute("PRAGMA user_version = 99")  # written by a newer casereader
    db.close()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _typing_a_note_on_zanzibar(pilot, app)
        await pilot.press("tab")
        await settle(pilot, app)
        await type_text(pilot, "court")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one("#note-text", TextArea).text == "The judge's refusal matters"
        assert editor.query_one("#note-tags", Input).value == "court"
        problem = str(editor.query_one("#note-problem").render())
        assert "Not saved" in problem and "newer casereader" in problem


async def test_typing_a_word_in_the_notes_list_never_deletes(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.case.keep(Ref(ORINOCO, 35), NOTE, "a dead end", ("a",))
        app.case.keep(Ref(ORINOCO, 34), NOTE, "second", ("b",))
        app.main.action_notes()
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        await pilot.press("down")  # from the filter to the list
        await type_text(pilot, "dead")
        await settle(pilot, app)
        assert app.case.notes.count() == 2
        assert app.screen is screen and screen.query_one("#notes-filter", Input).value == "dead"
        await wait_for(pilot, app, lambda: [n.text for n in screen.notes] == ["a dead end"])
        await pilot.press("down", "d")
        assert "Delete the note on ¶35" in str(screen.query_one("#notes-status").render())
        await pilot.press("escape")  # kept, and the screen stays
        await settle(pilot, app)
        assert app.case.notes.count() == 2 and app.screen is screen
        await pilot.press("d", "y")
        await settle(pilot, app)
        assert [n.text for n in app.case.notes.notes()] == ["second"]
        # ↓ and d in one burst from the filter: the d is the list's (it asks), not the filter's.
        screen.query_one("#notes-filter", Input).value = ""
        screen.action_focus_filter()
        await wait_for(pilot, app, lambda: [n.text for n in screen.notes] == ["second"])
        app.post_message(events.Key("down", None))
        app.post_message(events.Key("d", "d"))
        await settle(pilot, app)
        assert screen.query_one("#notes-filter", Input).value == ""
        assert "Delete the note on ¶34" in str(screen.query_one("#notes-status").render())


async def test_the_notes_screen_says_when_the_store_is_damaged(tmp_path: Path) -> None:
    from casereader.core import data_dir_for

    from ..integration.test_faults import _damage

    app = _story_app(tmp_path)
    case = app.case
    case.update()
    for n in range(30):
        case.keep(Ref("story", 1), NOTE, f"note {n} " * 20)
    case.close()
    _damage(data_dir_for(tmp_path / "case") / "notes.sqlite")
    app = _story_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.main.action_notes()
        await settle(pilot, app)
        assert isinstance(app.screen, NotesScreen)
        shown = str(app.screen.query_one("#notes-status").render())
        assert "is damaged" in shown and "Loading" not in shown


async def test_the_export_folder_is_chosen_in_the_palette_and_named_after_writing(
    app: CaseReaderApp, tmp_path: Path
) -> None:
    from casereader.tui.screens.keeping import FolderScreen

    notices: list[str] = []
    chosen = tmp_path / "my exports"
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        await ready(pilot, app)
        app.case.keep(Ref(ORINOCO, 35), NOTE, "for BibTeX")
        await pilot.press("ctrl+p")
        await wait_for(pilot, app, lambda: isinstance(app.focused, Input) and app.focused.id != "query")
        await type_text(pilot, "Export folder")
        await wait_for(pilot, app, lambda: palette_lists(app, "Export folder") and not palette_lists(app, "Back"))
        await pilot.press("enter")
        await wait_for(pilot, app, lambda: isinstance(app.screen, FolderScreen))
        box = app.screen.query_one("#folder", Input)
        assert box.value == str(app.case.data_dir)  # where they go until another is chosen
        box.value = ""
        await type_text(pilot, str(chosen))
        await pilot.press("enter")
        await settle(pilot, app)
        app.main.export_notes("bibtex")
        await settle(pilot, app)
    [written] = chosen.glob("casereader-*-notes.bib")
    assert "@article{" in written.read_text(encoding="utf-8")
    assert any(f"Exported 1 passage to {written}" in n for n in notices), notices
