"""The app driven with Textual's Pilot: every key path of the reader."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList
from textual.widgets import Input

from casereader.core import RecentCases, Ref
from casereader.tui.app import CaseReaderApp, make_app
from casereader.tui.screens import CompareScreen, HelpScreen
from casereader.tui.widgets import DocumentsPane, ReaderPane, RelatedPane, ResultsPane

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


async def test_search_read_related_jump_back_forward_compare_copy(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        assert app.sub_title == "2 documents · 67 paragraphs"

        # Search as you type; Enter moves to the results.
        await search(pilot, app, '"only 32 men"')
        results = app.query_one(ResultsPane)
        assert [h.ref for h in results.hits] == [Ref(ORINOCO, 35)]
        assert "1 paragraph match" in status(app)
        await pilot.press("enter")
        assert app.focused is results

        # Enter opens the hit in its document, at the paragraph, marked.
        await pilot.press("enter")
        await settle(pilot, app)
        reader = app.query_one(ReaderPane)
        assert reader.state is not None and reader.state.doc.doc_id == ORINOCO
        assert reader.current_ref() == Ref(ORINOCO, 35)
        assert app.focused is reader
        assert "Orinoco Tribune" in str(reader.border_subtitle)

        # Related passages follow the cursor; the top one is WOLA's ¶6.
        related = app.query_one(RelatedPane)
        assert related.passage == Ref(ORINOCO, 35)
        assert related.items[0].hit.ref == Ref(WOLA, 6)

        # c compares the two side by side.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.item.hit.ref == Ref(WOLA, 6)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)

        # r jumps to it; the reader shows WOLA at ¶6.
        await pilot.press("r")
        await settle(pilot, app)
        assert reader.state.doc.doc_id == WOLA
        assert reader.current_ref() == Ref(WOLA, 6)
        assert app.main.trail.labels() == [f"{ORINOCO}:35", f"{WOLA}:6"]

        # Back and forward like a browser.
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert reader.current_ref() == Ref(ORINOCO, 35)
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        assert reader.current_ref() == Ref(WOLA, 6)
        await pilot.press("alt+left")
        await settle(pilot, app)
        assert reader.current_ref() == Ref(ORINOCO, 35)

        # y copies the passage with its citation.
        await pilot.press("y")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("“The New York Times, for its part, noted that only 32 men (12%)")
        assert "— Orinoco Tribune, Misión Verdad" in copied
        assert "2025-07-21, ¶35. https://orinocotribune.com/" in copied


async def test_enter_in_related_jumps_and_related_follows_the_cursor(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "Cristosal")
        reader = app.query_one(ReaderPane)
        assert reader.current_ref() == Ref(ORINOCO, 35)
        await pilot.press("down")  # the cursor moves: related passages follow
        await settle(pilot, app)
        assert app.query_one(RelatedPane).passage == Ref(ORINOCO, 36)
        app.query_one(RelatedPane).focus()
        await pilot.press("enter")
        await settle(pilot, app)
        target = app.main.trail.stops[-1]
        assert target.doc_id == WOLA
        assert reader.state is not None and reader.state.doc.doc_id == WOLA


async def test_n_and_shift_n_walk_the_matches_in_the_document(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "Zapatero")
        reader = app.query_one(ReaderPane)
        first = reader.current_ref()
        assert first in (Ref(ORINOCO, 19), Ref(ORINOCO, 23))
        await pilot.press("n")  # wraps around if the other match is above
        second = reader.current_ref()
        assert second != first and second in (Ref(ORINOCO, 19), Ref(ORINOCO, 23))
        await pilot.press("N")
        assert reader.current_ref() == first
        await pilot.press("N", "N")
        assert reader.current_ref() == first


async def test_documents_pane_shows_hit_counts_and_opens_at_the_top(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "Bukele")
        documents = app.query_one(DocumentsPane)
        counts = {key.value: str(documents.get_cell(key, "hits")) for key in documents.rows}
        assert counts == {ORINOCO: "5", WOLA: "5"}  # paragraphs naming Bukele in each
        await search(pilot, app, "Zapatero")  # the counts on screen follow the query
        lines = ["".join(seg.text for seg in documents.render_line(y)).rstrip() for y in range(1, 5)]
        assert [line.split()[-1] for line in lines if line.split()[-1].isdigit()] == ["2", "0"]
        documents.focus()
        documents.move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot, app)
        reader = app.query_one(ReaderPane)
        assert reader.state is not None and reader.state.doc.doc_id == WOLA
        assert reader.highlighted == 0


async def test_document_counts_follow_a_query_whose_did_you_mean_came_first(
    app: CaseReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The per-document counts are painted a little after the hits; a 'did you mean' that came
    in between replaced the result listed, and the counts of the query before stayed."""
    monkeypatch.setattr(DocumentsPane, "COUNTS_DELAY", 0.5)  # the suggestion surely comes first
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        documents = app.query_one(DocumentsPane)

        def counts() -> dict[str, str]:
            return {key.value: str(documents.get_cell(key, "hits")) for key in documents.rows if key.value}

        await search(pilot, app, "Bukele")
        assert counts() == {ORINOCO: "5", WOLA: "5"}
        await search(pilot, app, "Rodrigez")
        assert "did you mean: Rodríguez" in status(app)
        assert counts() == {ORINOCO: "0", WOLA: "0"}


async def test_bad_query_is_explained_in_place(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "bukele (")
        assert "never closed" in status(app)
        await search(pilot, app, "nofield:x")
        assert "unknown field" in status(app)
        await search(pilot, app, "Rodrigez")
        assert "did you mean: Rodríguez" in status(app)
        # A word no paragraph has, beside one that is there: named, with the other's
        # paragraphs listed and 'did you mean' after them.
        await search(pilot, app, "Rodrigez Zapatero")
        await wait_for(pilot, app, lambda: "did you mean" in status(app))
        assert "no paragraph has “Rodrigez”" in status(app)
        assert "did you mean: Rodríguez Zapatero" in status(app)
        assert app.query_one(ResultsPane).hits


async def test_paragraphs_with_some_of_the_words_follow_marked(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "Rodriguez Bukele")
        results = app.query_one(ResultsPane)
        assert "1 paragraph match" in status(app) and "then paragraphs with some of these words" in status(app)
        assert results.hits[0].ref == Ref(ORINOCO, 15) and len(results.hits) > 1
        rows = [str(results.get_option_at_index(i).prompt.renderables[0]) for i in range(2)]
        assert "some of the words" not in rows[0] and "some of the words" in rows[1]


async def test_words_that_never_meet_are_not_counted_as_matches(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "Bukele Zapatero Trump")
        assert status(app).startswith("no paragraph has all 3 words — 26 have some")
        assert "paragraphs match" not in status(app)
        results = app.query_one(ResultsPane)
        assert results.hits and "0 of all the words" in str(results.border_title)


async def test_right_arrow_takes_did_you_mean(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "Rodrigez Zapatero")
        await wait_for(pilot, app, lambda: "did you mean: Rodríguez Zapatero (Ctrl+Y takes it)" in status(app))
        box = app.query_one("#query", Input)
        await pilot.press("left")  # inside the query, → moves the cursor as always
        await pilot.press("right")
        assert box.value == "Rodrigez Zapatero" and box.cursor_position == len(box.value)
        await pilot.press("right")  # at its end, → takes the suggestion, which is searched
        await settle(pilot, app)
        assert box.value == "Rodríguez Zapatero"
        assert "2 paragraphs match" in status(app) and "did you mean" not in status(app)
        # From the results, Ctrl+Y (→ scrolls there), and the footer says the key.
        await search(pilot, app, "Rodrigez")
        await wait_for(pilot, app, lambda: "did you mean: Rodríguez" in status(app))
        app.query_one(ResultsPane).focus()
        await pilot.pause()
        footer = [b.description for _, b, enabled, _ in app.screen.active_bindings.values() if enabled]
        assert "Did you mean" in footer
        await pilot.press("ctrl+y")
        await settle(pilot, app)
        assert box.value == "Rodríguez" and "paragraphs match" in status(app)


async def test_help_palette_furniture_and_quit(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "Maiquetia")
        reader = app.query_one(ReaderPane)
        shown = reader.option_count
        await pilot.press("f")
        assert reader.option_count < shown  # captions, taglines, byline, credits hidden
        assert reader.current_ref() == Ref(ORINOCO, 2)  # the passage jumped to stays
        await pilot.press("f")
        assert reader.option_count == shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Open document: A Spectacle")
        await wait_for(pilot, app, lambda: palette_lists(app, "Open document: A Spectacle"))
        await pilot.press("enter")
        await settle(pilot, app)
        assert reader.state is not None and reader.state.doc.doc_id == WOLA
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_keymap_remaps_by_id(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.set_keymap({"help": "f1"})
        app.query_one(ResultsPane).focus()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (20, 6), (200, 60)])
async def test_any_terminal_size_works(app: CaseReaderApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size, notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "CECOT")
        assert app.query_one(ReaderPane).state is not None
        if size[0] < 100:
            assert not app.query_one(DocumentsPane).display or not app.query_one(DocumentsPane).visible


async def test_document_text_is_shown_literally(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        "A [bold]headline[/bold] that closes [/x] nothing\n"
        "By [i]Nobody[/i] – Jul 21, 2025\n"
        "Evil article says [bold red]not bold[/bold red] and [link=http://x]no link[/link], "
        "then \x1b[31mred\x1b[0m and a clear \x1b[2J screen.\n",
        encoding="utf-8",
    )
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "evil")
        reader = app.query_one(ReaderPane)
        lines = ["".join(seg.text for seg in reader.render_line(y)).strip() for y in range(reader.size.height)]
        shown = " ".join(" ".join(lines).split())
        assert "[bold red]not bold[/bold red]" in shown
        # The title on the reader's border is the document's too: literal, as drawn.
        screen = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "[bold]headline[/bold] that closes [/x] nothing" in screen
        # ...and in the command palette's list of documents.
        await pilot.press("ctrl+p")
        await type_text(pilot, "headline")
        await wait_for(pilot, app, lambda: palette_lists(app, "Open document: A [bold]headline"))
        screen = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "Open document: A [bold]headline[/bold] that closes [/x] nothing" in screen
        await pilot.press("escape")
        assert "[link=http://x]no link[/link]" in shown
        assert "␛[31mred␛[0m" in shown
        assert "\x1b" not in shown
        for y in range(reader.size.height):
            for segment in reader.render_line(y):
                assert not (segment.style and segment.style.link)


async def test_unreadable_files_are_reported_in_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.txt").write_text("A readable article about the transfers to CECOT.\n", encoding="utf-8")
    (folder / "[bold]photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        # The notice is on screen, the file name as it is (not read as markup).
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("1 file could not be read" in t and "[bold]photo.md: binary file" in t for t in toasts)
        await search(pilot, app, "transfers")
        assert app.query_one(ResultsPane).hits[0].citation.doc_id == "good"


async def test_start_up_notices_are_grouped_into_one(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    text = "La señora Muñoz habló de la situación en Caracas y de la última decisión del año.\n" * 3
    for name in ("uno", "dos", "tres"):
        (folder / f"{name}.txt").write_bytes(text.encode("cp1252"))
    notices: list[str] = []
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        await ready(pilot, app)
        guessed = [n for n in notices if "guessed" in n]
        assert len(guessed) == 1, notices  # not one a file
        assert "3 files read with a guessed encoding — i for the report" in guessed[0]


async def test_the_case_opened_is_remembered_and_a_recent_one_opened_from_the_palette(
    app: CaseReaderApp, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    RecentCases().record(other, "The other case")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await wait_for(pilot, app, lambda: RecentCases().cases()[0].folder == app.case.folder)
        assert [c.name for c in RecentCases().cases()] == [app.case.name, "The other case"]
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Open a recent case")
        await wait_for(pilot, app, lambda: palette_lists(app, "Open a recent case: The other case"))
        assert not palette_lists(app, f"Open a recent case: {app.case.name}")  # not the one open

        def chosen() -> bool:  # the palette's cursor on it (the hits come in as they are found)
            lists = app.screen.query(CommandList)
            option = lists.first().highlighted_option if lists else None
            return option is not None and "Open a recent case: The other case" in str(option.prompt)

        await type_text(pilot, ": The other case")
        await wait_for(pilot, app, chosen)
        await pilot.press("enter")
        await wait_for(pilot, app, lambda: app.return_value is not None)
    assert app.return_value == other.resolve()  # run_app opens the app again on it


async def test_a_new_query_rehighlights_the_open_document(app: CaseReaderApp) -> None:
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "Cristosal")
        reader = app.query_one(ReaderPane)
        marked = set(reader.marked_paragraphs())
        assert marked == {35}
        await search(pilot, app, "Zapatero")
        marked = set(reader.marked_paragraphs())
        assert marked == {19, 23}
        assert reader.current_ref() == Ref(ORINOCO, 35)  # reading position kept


async def test_ingestion_report_screen(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "By Ana Pérez – March 3, 2025\nA readable article about CECOT.\n", encoding="utf-8"
    )
    (folder / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.query_one(ResultsPane).focus()
        await pilot.press("i")
        await pilot.pause()
        from textual.widgets import DataTable, Static

        from casereader.tui.screens import ReportScreen

        assert isinstance(app.screen, ReportScreen)
        row = [str(cell) for cell in app.screen.query_one(DataTable).get_row_at(0)]
        assert row[0] == "good.txt" and row[2] == "Ana Pérez" and row[3] == "2025-03-03"
        assert "author=t" in row[7]
        skipped = str(app.screen.query_one("#report-skipped", Static).render())
        assert "photo.md: binary file" in skipped
        await pilot.press("escape")


async def test_a_source_is_corrected_from_the_report_and_kept_in_the_catalog(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "By Cortesía – March 3, 2025\nA readable article about CECOT and the 252 Venezuelans sent there.\n",
        encoding="utf-8",
    )
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        app.query_one(DocumentsPane).focus()
        await pilot.press("i")
        await pilot.pause()
        from textual.widgets import DataTable, Input

        from casereader.tui.screens import ReportScreen
        from casereader.tui.screens.source import SourceScreen

        report = app.screen
        assert isinstance(report, ReportScreen)
        assert str(report.query_one(DataTable).get_row_at(0)[2]) == ""  # "Cortesía" names nobody
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        assert app.screen.query_one("#source-date", Input).value == "2025-03-03"
        await pilot.press("enter")  # title -> author
        await wait_for(pilot, app, lambda: app.focused is app.screen.query_one("#source-author", Input))
        await type_text(pilot, "Ana Pérez")
        await pilot.press("tab")
        await wait_for(pilot, app, lambda: app.focused is app.screen.query_one("#source-date", Input))
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            app,
            lambda: app.screen is report and str(report.query_one(DataTable).get_row_at(0)[2]) == "Ana Pérez",
        )
        row = [str(cell) for cell in report.query_one(DataTable).get_row_at(0)]
        assert row[3] == "2025-03-03" and "author=c" in row[7]  # only the changed field went to the catalog
        catalog = (folder / "catalog.toml").read_text(encoding="utf-8")
        assert '[documents."good.txt"]' in catalog and 'author = "Ana Pérez"' in catalog and "date" not in catalog
        await pilot.press("escape")
        docs = [d.meta.author for d in app.main.documents]
        assert docs == ["Ana Pérez"]  # the main screen's list follows


async def test_the_folder_is_followed_while_the_app_is_open(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "first.txt").write_text("The first article mentions Bukele once.\n", encoding="utf-8")
    (folder / "second.txt").write_text("The second article is about the deportation flights.\n", encoding="utf-8")
    app = make_app(folder, tmp_path / "index")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "deportation")
        reader = app.query_one(ReaderPane)
        assert reader.state is not None and reader.state.doc.doc_id == "second"

        # A file saved into the folder is indexed, listed, announced and found.
        (folder / "third.md").write_text("# Third\n\nA new article about Bukele and CECOT.\n", encoding="utf-8")
        (folder / ".third.md.swp").write_bytes(b"\x00editor swap file")
        await wait_for(pilot, app, lambda: len(app.main.documents) == 3)
        await settle(pilot, app)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("Folder changed: 1 added" in t and "third.md" in t for t in toasts)
        assert app.sub_title == "3 documents · 4 paragraphs"
        await search(pilot, app, "Bukele")
        assert sorted(h.citation.doc_id for h in app.query_one(ResultsPane).hits) == ["first", "third"]

        # The document being read changes on disk: the reader shows the new text.
        (folder / "second.txt").write_text(
            "The second article, corrected: deportation flights to CECOT.\n", encoding="utf-8"
        )
        await wait_for(pilot, app, lambda: reader.state is not None and "corrected" in reader.state.paragraphs[0].text)

        # A file that cannot be read is said, and nothing else changes.
        (folder / "scan.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        await wait_for(pilot, app, lambda: any("scan.md" in str(t.render()) for t in app.screen.query("Toast")))
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("1 new file could not be read" in t and "scan.md: binary file" in t for t in toasts)
        assert len(app.main.documents) == 3

        # A removed file leaves the list and the results.
        (folder / "first.txt").unlink()
        await wait_for(pilot, app, lambda: len(app.main.documents) == 2)
        await search(pilot, app, "Bukele")
        assert [h.citation.doc_id for h in app.query_one(ResultsPane).hits] == ["third"]
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_a_folder_that_cannot_be_followed_is_said_once(
    seeds_copy: Path, seeds_indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casereader.core.index.watch as watch_module

    def no_watch(*args: Any, **kwargs: Any) -> Any:
        raise OSError("OS file watch limit reached")
        yield  # pragma: no cover - a generator, like the real one

    monkeypatch.setattr(watch_module, "watch_case", no_watch)
    app = make_app(seeds_copy, seeds_indexed)  # follows the folder
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await settle(pilot, app)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("not followed (OS file watch limit reached)" in t for t in toasts)
        await search(pilot, app, "CECOT")  # the app goes on
        assert app.query_one(ResultsPane).hits


async def test_an_index_busy_in_another_process_is_searched_as_it_was_with_one_notice_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casereader.core import Case, IndexBusy

    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "good.txt").write_text("A readable article about the transfers to CECOT.\n", encoding="utf-8")
    (folder / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    Case(folder, tmp_path / "index").update()  # an index exists

    def busy(self: Case, *args: Any, **kwargs: Any) -> Any:
        raise IndexBusy("another casereader process is indexing this case")

    monkeypatch.setattr(Case, "update", busy)
    app = make_app(folder, tmp_path / "index", watch=False)
    notices: list[str] = []
    hook = record_notices(notices)
    async with app.run_test(size=(120, 40), notifications=True, message_hook=hook) as pilot:
        await ready(pilot, app)
        await settle(pilot, app)
        assert sum("another casereader process is indexing" in n for n in notices) == 1
        assert sum("could not be read" in n for n in notices) == 1
        await search(pilot, app, "transfers")
        assert [h.citation.doc_id for h in app.query_one(ResultsPane).hits] == ["good"]


async def test_a_failing_pane_worker_is_a_notice_not_a_crash(
    app: CaseReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("related passages broke")

    monkeypatch.setattr(app.case, "related", broken)
    notices: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "Cristosal")  # the related pane's worker runs and fails
        assert any("Something went wrong" in n and "related passages broke" in n for n in notices)
        await search(pilot, app, "Bukele")  # the app goes on
        assert "paragraphs match" in status(app)


async def test_an_index_that_cannot_be_updated_is_said_and_the_app_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casereader.core import Case

    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text("An article about the transfers to CECOT.\n", encoding="utf-8")

    def broken(self: Case, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(Case, "update", broken)
    # No index yet: the screen says it is unavailable instead of "being built" for ever.
    app = make_app(folder, tmp_path / "index", watch=False)
    notices: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True, message_hook=record_notices(notices)) as pilot:
        await settle(pilot, app)
        assert app.sub_title == "index unavailable"
        assert any("the index could not be updated: the disk went away" in n for n in notices)
    # An index from before: it is searched as it was.
    monkeypatch.undo()
    Case(folder, tmp_path / "index").update()
    monkeypatch.setattr(Case, "update", broken)
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "transfers")
        assert "1 paragraph match" in status(app)


async def test_a_hostile_case_name_and_title_stay_visible_text(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "catalog.toml").write_text(
        '[case]\nname = "x\\u001b]0;pwned\\u0007\\u001b[2J"\n[documents."a.txt"]\ntitle = "T\\u001b[31mred"\n',
        encoding="utf-8",
    )
    (folder / "a.txt").write_text("An article about the transfers to CECOT.\n", encoding="utf-8")
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        assert "\x1b" not in app.title and "x␛]0;pwned␇␛[2J" in app.title
        await open_first_hit(pilot, app, "transfers")
        await pilot.press("y")
        await pilot.pause()
        assert "\x1b" not in app.clipboard and "T␛[31mred" in app.clipboard


async def test_the_results_list_loads_more_than_fifty_hits(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(3):  # 120 paragraphs name the budget; no outlet or date: rows name the article
        lines = [f"Paragraph {f}-{n} of the report discusses the budget in detail." for n in range(40)]
        (folder / f"report-{f}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "budget")
        results = app.query_one(ResultsPane)
        await wait_for(pilot, app, lambda: len(results.hits) == 50 and results.options[-1].id == "more")
        assert "50 more of 120" in str(results.options[-1].prompt)
        assert str(results.options[0].prompt.renderables[0]).startswith("“Paragraph 0-0 of the report")  # type: ignore[union-attr]
        results.focus()
        await pilot.press("end")  # onto "↓ 50 more": they load, listed after the first fifty
        await wait_for(pilot, app, lambda: len(results.hits) == 100)
        assert "20 more of 120" in str(results.options[-1].prompt)
        first = [h.ref for h in results.hits[:50]]
        await pilot.press("end")
        await wait_for(pilot, app, lambda: len(results.hits) == 120 and results.options[-1].id != "more")
        assert [h.ref for h in results.hits[:50]] == first and len({h.ref for h in results.hits}) == 120


async def test_paragraphs_with_some_of_the_words_load_more_than_fifty_too(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    for f, word in enumerate(("budget", "deficit")):  # 60 paragraphs each; none has both words
        lines = [f"Paragraph {f}-{n} of the report discusses the {word} in detail." for n in range(60)]
        (folder / f"report-{f}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "budget deficit")
        results = app.query_one(ResultsPane)
        await wait_for(pilot, app, lambda: len(results.hits) == 50 and results.options[-1].id == "more")
        assert status(app).startswith("no paragraph has all 2 words — 120 have some (listed 50 at a time)")
        assert "50 more of 120" in str(results.options[-1].prompt)
        results.focus()
        await pilot.press("end")
        await wait_for(pilot, app, lambda: len(results.hits) == 100)
        await pilot.press("end")
        await wait_for(pilot, app, lambda: len(results.hits) == 120 and results.options[-1].id != "more")
        assert len({h.ref for h in results.hits}) == 120


async def test_a_large_first_build_is_searched_on_its_first_part_while_the_rest_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from textual.widgets import Input

    from casereader.core.index import build

    folder = tmp_path / "case"
    folder.mkdir()
    for i in range(30):
        word = "CECOT" if i < 10 else "Terrorism Confinement Center"
        (folder / f"a{i:02}.txt").write_text(f"Article {i}.\n\nThe men were sent to {word} in March.\n")
    monkeypatch.setattr(build, "EARLY_MIN_FILES", 20)
    monkeypatch.setattr(build, "EARLY_FILES", 10)
    go_on = threading.Event()
    add = build.Build.add

    def held(self: build.Build, item: Any, report: Any) -> None:
        if self.committed:  # the first part is searchable: hold the rest back until told
            go_on.wait(30)
        add(self, item, report)

    monkeypatch.setattr(build.Build, "add", held)
    app = make_app(folder, tmp_path / "index", watch=False)

    async def until(condition: Any) -> None:  # no settle: the build's worker is held on purpose
        for _ in range(500):
            if condition():
                return
            await pilot.pause()
        raise AssertionError(status(app))

    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await until(lambda: app.session.state.searchable)
            app.query_one("#query", Input).focus()
            await type_text(pilot, "CECOT")
            await until(lambda: "match" in status(app))
            assert "10 paragraphs match" in status(app)
            assert "in the 10 of 30 files indexed so far" in status(app)
            assert "10 of 30 files searchable" in app.sub_title
        finally:
            go_on.set()
        await ready(pilot, app)
        await search(pilot, app, "March")
        assert "30 paragraphs match" in status(app) and "indexed so far" not in status(app)


async def test_a_long_document_list_fills_in_chunks_with_every_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first rows show at once, the others follow a chunk per frame, and every row gets
    its hit count."""
    folder = tmp_path / "case"
    folder.mkdir()
    for i in range(30):
        word = "CECOT" if i % 3 == 0 else "the prison"
        (folder / f"a{i:02}.txt").write_text(f"Article {i}.\n\nThe men were sent to {word} in March.\n")
    monkeypatch.setattr(DocumentsPane, "FIRST_ROWS", 5)
    monkeypatch.setattr(DocumentsPane, "CHUNK_ROWS", 7)
    from casereader.tui.idle_gc import IdleCollector

    settled: list[int] = []
    monkeypatch.setattr(IdleCollector, "settle", lambda self: settled.append(1))
    app = make_app(folder, tmp_path / "index", watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "CECOT")
        pane = app.query_one(DocumentsPane)
        assert pane.row_count == 30
        assert settled  # the rows, added once the list showed, are frozen out of collections
        hits = [str(pane.get_cell(f"a{i:02}", "hits")) for i in range(30)]
        assert hits == ["1" if i % 3 == 0 else "0" for i in range(30)]


async def test_document_counts_on_screen_follow_each_query(tmp_path: Path) -> None:
    """The documents pane rewrites only the counts that change from one query to the next;
    what it draws must still be every row's count for the query on screen."""
    from textual.geometry import Region

    folder = tmp_path / "case"
    folder.mkdir()
    for i in range(12):
        word = "CECOT" if i % 3 == 0 else "the prison"
        (folder / f"a{i:02}.txt").write_text(f"Article {i:02}\n\nThe men were sent to {word} in March.\n")
    app = make_app(folder, tmp_path / "index", watch=False)

    def drawn() -> dict[str, str]:
        pane = app.query_one(DocumentsPane)
        lines = [strip.text for strip in pane.render_lines(Region(0, 0, pane.size.width, pane.size.height))]
        counts = {}
        for line in lines:
            words = line.strip("│ ").split()  # "│ Article 00       1   "
            if words and words[0] == "Article":
                counts[words[1]] = words[2] if len(words) > 2 else ""
        return counts

    def expect(count: Callable[[int], str]) -> None:
        shown = drawn()
        assert len(shown) >= 4  # the rows on screen, both kinds among them
        assert shown == {key: count(int(key)) for key in shown}

    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await search(pilot, app, "CECOT")
        expect(lambda i: "1" if i % 3 == 0 else "0")
        await search(pilot, app, "prison")
        expect(lambda i: "0" if i % 3 == 0 else "1")
        await search(pilot, app, "")
        expect(lambda i: "")
        await search(pilot, app, "March")
        expect(lambda i: "1")


async def test_related_passages_show_while_the_sides_are_compared(
    app: CaseReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The views that compare the sides take minutes to build again in a large case: the
    related pane lists the passages at once, says it is comparing, then shows the comparison."""
    import threading

    from casereader.core import sides
    from casereader.tui.idle_gc import IdleCollector
    from casereader.tui.widgets import related as related_module

    release = threading.Event()
    build = sides.build_views

    def slow_build(*args: Any, **kwargs: Any) -> Any:
        release.wait(30)
        return build(*args, **kwargs)

    monkeypatch.setattr(sides, "build_views", slow_build)
    (app.case.index_dir / "views.pickle").unlink()  # the copied index comes with its views: built here instead
    monkeypatch.setattr(related_module, "COMPARE_AT_ONCE", 10)  # the seeds as a large case
    monkeypatch.setattr(IdleCollector, "when_quiet", lambda self, job, cancelled, quiet=1.0: None)  # no preload

    async def title_becomes(check: Callable[[str], bool]) -> str:
        related = app.query_one(RelatedPane)
        for _ in range(500):
            await pilot.pause()
            if check(str(related.border_title)):
                return str(related.border_title)
        raise AssertionError(f"the related pane stayed at {related.border_title!r}")

    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        app.query_one("#query", Input).focus()
        await pilot.press(*"Bukele", "enter", "enter")
        waiting = await title_becomes(lambda title: "comparing the sides" in title)
        assert app.query_one(RelatedPane).items  # the passages are listed meanwhile
        assert not release.is_set()
        release.set()
        compared = await title_becomes(lambda title: title.startswith("Related to") and "comparing" not in title)
        assert compared.split(" · ")[0] == waiting.split(" · ")[0]  # the same passage
