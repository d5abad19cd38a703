"""End to end: the real `casereader` command in a real terminal (tmux), read from the screen."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casereader.core import Case, index_dir_for

from ..conftest import ORINOCO, SEEDS, WOLA
from ..tmux import Terminal, casereader_command

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def open_terminal(folder: Path, cache: Path) -> Terminal:
    term = Terminal()
    term.start(casereader_command(folder, cache))
    return term


@pytest.fixture
def terminal(seeds_copy: Path, seeds_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Terminal]:
    """The app on the seeds in a real terminal, with a copy of their index (built once for the
    session) where the app looks for it."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))  # as the app's: casereader_command sets it so
    seeds_case.views()  # kept with the index
    shutil.copytree(seeds_case.index_dir, index_dir_for(seeds_copy))
    term = open_terminal(seeds_copy, cache)
    yield term
    term.stop()


def test_search_read_jump_to_related_and_back_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for("casereader — CECOT: the 252 Venezuelans", "2 documents · 67 paragraphs")
    terminal.send("/")
    terminal.type('"only 32 men"')
    screen = terminal.wait_for("1 paragraph match")
    assert "Orinoco Tribune · Misión Verdad · 2025-07-21" in screen
    assert "¶35" in screen

    terminal.send("Enter", "Enter")  # typed ahead: to the results, then open the first hit
    screen = terminal.wait_for("Related to ¶35", "WOLA · 2025-04-25 · ¶6")
    assert "The Repatriation of the 252" in screen  # the reader's title
    assert f"trail: {ORINOCO}:35" in screen
    assert "shared: United States, criminal" in screen
    assert "differs: 12% vs 90 percent" not in screen  # the 12% with charges is not the 90 percent without

    terminal.send("r")
    screen = terminal.wait_for(f"{WOLA}:6", "Related to ¶6")
    assert "A Spectacle, Not a Solution" in screen
    assert "¶6 Furthermore, Bukele’s offer" in screen

    terminal.send("[")
    screen = terminal.wait_for("Related to ¶35")
    assert "¶35 The New York Times, for its part" in screen

    terminal.send("q")
    assert terminal.wait_closed()


def test_a_file_saved_into_the_folder_shows_up_in_a_real_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(SEEDS, folder)
    term = open_terminal(folder, tmp_path / "cache")
    try:
        term.wait_for("2 documents · 67 paragraphs")
        (folder / "[nota].txt").write_text(
            "Nota de prensa\nPor Ana Ruiz | 3 de agosto de 2025\n"
            "Los 252 venezolanos enviados al CECOT regresaron a Caracas según el gobierno.\n"
            "Otro párrafo sobre la repatriación de los migrantes desde El Salvador.\n",
            encoding="utf-8",
        )
        screen = term.wait_for("Folder changed: 1 added", "[nota].txt", "3 documents")
        assert "Nota de prensa" in screen  # listed
        term.send("/")
        term.type("repatriación")
        screen = term.wait_for("Ana Ruiz · 2025-08-03")
        assert term.alive()
        term.send("C-q")
    finally:
        term.stop()


def test_ctrl_q_quits_while_a_huge_one_line_file_is_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "huge.txt").write_text(" ".join(f"w{i % 97}" for i in range(400_000)), encoding="utf-8")
    for n in range(3):
        (folder / f"note{n}.txt").write_text(f"A short note number {n} about the case.\n", encoding="utf-8")
    term = open_terminal(folder, tmp_path / "cache")
    try:
        term.wait_for("Documents · 4")
        term.send("C-q")
        assert term.wait_closed(timeout=20)  # splitting that line took minutes before
    finally:
        term.stop()


def test_bookmark_note_notes_screen_and_copy_into_tmux_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for("2 documents · 67 paragraphs")
    terminal.send("/")
    terminal.type('"only 32 men"')
    terminal.wait_for("1 paragraph match")
    terminal.send("Enter", "Enter")
    terminal.wait_for("Related to ¶35")
    terminal.send("b")
    terminal.wait_for("★¶35", "Bookmarked ¶35")
    terminal.send("a")
    terminal.wait_for("Ctrl+S save")
    terminal.type("NYT says 32 men")
    terminal.send("Tab")
    time.sleep(0.5)  # as a person would: the focus moves to the tags before they are typed
    terminal.type("figures")
    terminal.send("C-s")
    terminal.wait_for("✎¶35", "Note kept on ¶35")
    # Copy: inside tmux, with no system clipboard, the passage goes to tmux's paste buffer.
    terminal.send("y")
    terminal.wait_for("paste buffer")
    copied = terminal.tmux("show-buffer").stdout
    assert copied.startswith("“The New York Times, for its part, noted that only 32 men (12%)")
    assert "— Orinoco Tribune, Misión Verdad" in copied and "¶35" in copied
    # The Notes screen lists both; filtering by tag leaves the note; Enter goes back to it.
    terminal.send("Home")
    terminal.send("m")
    terminal.wait_for("2 notes and bookmarks", "NYT says 32 men", "#figures")
    terminal.type("#figures")
    terminal.wait_for("1 of 2 notes and bookmarks")
    terminal.send("Enter", "Enter")
    screen = terminal.wait_for("Related to ¶35")
    assert "✎¶35 The New York Times" in screen
    terminal.send("q")
    assert terminal.wait_closed()


def test_a_large_case_is_built_in_parallel_and_searched_while_it_builds_in_a_real_terminal(tmp_path: Path) -> None:
    """1,200 files: the app's build runs in processes forked from its indexing thread (every
    such build failed before), commits a first part early, and the whole case ends indexed."""
    folder = tmp_path / "case"
    folder.mkdir()
    for i in range(1200):
        word = "CECOT" if i % 100 == 0 else "prison"
        (folder / f"a{i:04}.txt").write_text(
            f"Article {i}\n\nBy Ana Ruiz – 2025-03-{i % 28 + 1:02}\n\n"
            f"The men sent to {word} in March, says report {i}, had no hearing.\n\n"
            f"A second paragraph of article {i}, about the flights and the lawyers.\n",
            encoding="utf-8",
        )
    term = open_terminal(folder, tmp_path / "cache")
    try:
        term.wait_for("Documents ·")
        term.send("/")
        term.type("CECOT")
        screen = term.wait_for("1200 documents", timeout=90)
        assert "failed" not in screen and "unavailable" not in screen
        screen = term.wait_for("12 paragraphs match", timeout=30)  # the search ran again on it all
        assert "indexed so far" not in screen
        term.send("C-q")
        assert term.wait_closed(timeout=20)
    finally:
        term.stop()


def test_a_short_result_goes_on_to_some_of_the_words_and_a_missing_word_is_named_in_a_real_terminal(
    terminal: Terminal,
) -> None:
    terminal.wait_for("2 documents · 67 paragraphs")
    terminal.send("/")
    terminal.type("Rodriguez Bukele")
    screen = terminal.wait_for("1 paragraph match", "then paragraphs with some of these words")
    assert "¶15" in screen and "some of the words" in screen.split("¶15", 1)[1]  # the rows after it

    terminal.send("C-u")  # the search box emptied
    terminal.type("Rodrigez Zapatero")
    screen = terminal.wait_for("did you mean: Rodríguez Zapatero")
    assert "no paragraph has “Rodrigez”" in screen
    assert "Zapatero" in screen.split("Results", 1)[1]  # the paragraphs with the other word
    terminal.send("C-q")
    assert terminal.wait_closed()


def test_words_no_paragraph_has_together_are_said_so_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for("2 documents · 67 paragraphs")
    terminal.send("/")
    terminal.type("Bukele Zapatero Trump")
    screen = terminal.wait_for("no paragraph has all 3 words — 26 have some")
    assert "paragraphs match" not in screen and "Results · 0 of all the words" in screen
    terminal.send("C-q")
    assert terminal.wait_closed()


def test_did_you_mean_is_taken_with_a_key_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for("2 documents · 67 paragraphs")
    terminal.send("/")
    terminal.type("Rodrigez Zapatero")
    screen = terminal.wait_for("did you mean: Rodríguez Zapatero (Ctrl+Y takes it)", "^y Did you mean")
    assert "Did you mean" in screen.splitlines()[-1]  # the footer names the key
    terminal.send("Right")  # at the end of the search box
    screen = terminal.wait_for("2 paragraphs match")
    assert "Rodríguez Zapatero" in screen and "did you mean" not in screen
    terminal.send("C-u")
    terminal.type("Rodrigez")
    terminal.wait_for("did you mean: Rodríguez")
    terminal.send("Escape", "C-y")  # from the results
    screen = terminal.wait_for("4 paragraphs match")
    assert "did you mean" not in screen
    terminal.send("C-q")
    assert terminal.wait_closed()


def test_encoding_notices_come_as_one_at_start_in_a_real_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    text = "La señora Muñoz habló de la situación en Caracas y de la última decisión del año.\n" * 3
    for name in ("uno", "dos", "tres"):
        (folder / f"{name}.txt").write_bytes(text.encode("cp1252"))
    term = open_terminal(folder, tmp_path / "cache")
    try:
        screen = term.wait_for("3 files read with a guessed encoding", "i for the report")
        assert "encoding guessed" not in screen  # no notice a file
        term.send("C-q")
        assert term.wait_closed()
    finally:
        term.stop()


def test_recent_opens_the_case_opened_last_in_a_real_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    shutil.copytree(SEEDS, folder)
    cache = tmp_path / "cache"
    term = open_terminal(folder, cache)
    try:
        term.wait_for("2 documents · 67 paragraphs")
        term.send("C-q")
        assert term.wait_closed()
    finally:
        term.stop()
    again = Terminal()
    again.start(casereader_command(None, cache, "--recent", "1"))
    try:
        again.wait_for("casereader — CECOT: the 252 Venezuelans", "2 documents · 67 paragraphs")
        again.send("C-q")
        assert again.wait_closed()
    finally:
        again.stop()


def test_editing_keys_keep_their_place_among_letters_typed_in_one_burst(terminal: Terminal) -> None:
    """Keys that come all at once (typed fast over ssh, pasted as keys): ctrl+u and backspace
    act where they were typed.  Textual ran them once they had bubbled up to the app, after
    the letters that followed them: "offr", backspace, "er" searched "offe"."""
    terminal.wait_for("2 documents · 67 paragraphs")
    terminal.send("/")
    terminal.type("Bukele")
    terminal.wait_for("paragraphs match")
    terminal.send("C-u", *"offr", "BSpace", *"er", "Space", *"Maduro")  # one burst
    screen = terminal.wait_for("offer Maduro")
    box = next(line for line in screen.splitlines() if line.startswith(" ▊ ") and line.strip(" ▊▎"))
    assert box.strip(" ▊▎") == "offer Maduro"
    terminal.send("C-q")
    assert terminal.wait_closed()


def test_add_article_by_url_from_the_palette_in_a_real_terminal(tmp_path: Path) -> None:
    """Ctrl+P, "Add article by URL", an address of a page on a local web server: the page is
    fetched in a worker, a notice says what was added, the folder's watcher indexes it, and
    its words are found; a 404 is a notice saying why, and nothing is added."""
    from ..webserver import serving

    folder = tmp_path / "case"
    shutil.copytree(SEEDS, folder)
    with serving() as web:
        term = open_terminal(folder, tmp_path / "cache")
        try:
            term.wait_for("2 documents · 67 paragraphs")
            term.send("C-p")
            term.type("Add article")
            term.wait_for("Fetch a web page, a PDF or a feed into the case")
            term.send("Enter")
            term.wait_for("Enter add · Esc cancel")
            term.type(web.url("/web/iana-about.html"))
            term.send("Enter")
            screen = term.wait_for("Added 1 article", "Folder changed: 1 added", "3 documents")
            assert "IANA — About the Internet" in screen
            term.send("/")
            term.type('"unique codes and numbering systems"')
            # the count and the hit's words: the results pane may draw a frame after the status line
            term.wait_for("1 paragraph match", "Specifically, IANA allocates and maintains")
            entry = (folder / "catalog.toml").read_text(encoding="utf-8")
            assert f'url = "{web.url("/web/iana-about.html")}"' in entry
            # An address the server does not have: a notice, and the case as it was.
            files = sorted(p.name for p in folder.iterdir())
            term.send("Escape")
            term.send("C-p")
            term.type("Add article")
            term.wait_for("Fetch a web page, a PDF or a feed into the case")
            term.send("Enter")
            term.wait_for("Enter add · Esc cancel")
            term.type(web.url("/gone.html"))
            term.send("Enter")
            screen = term.wait_for("Not added", "404 Not Found")
            assert sorted(p.name for p in folder.iterdir()) == files
            assert term.alive()
            term.send("C-q")
            assert term.wait_closed()
        finally:
            term.stop()


def test_typing_in_the_notes_list_filters_and_an_export_is_one_entry_in_the_data_folder_in_a_real_terminal(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.wait_for("2 documents · 67 paragraphs")
    terminal.send("/")  # the focus starts on a list
    terminal.type('"only 32 men"')
    terminal.wait_for("1 paragraph match")
    terminal.send("Enter", "Enter")
    terminal.wait_for("Related to ¶35")
    terminal.send("b")
    terminal.wait_for("★¶35", "Bookmarked ¶35")
    terminal.send("a")
    terminal.wait_for("Ctrl+S save")
    terminal.type("NYT says 32 men")
    terminal.send("C-s")
    terminal.wait_for("✎¶35", "Note kept on ¶35")
    terminal.send("m")
    terminal.wait_for("2 notes and bookmarks")
    terminal.send("Down")
    terminal.type("dead")  # a word typed in the list: it filters, it deletes nothing
    terminal.wait_for("0 of 2 notes and bookmarks")
    terminal.send(*["BSpace"] * 4)
    terminal.wait_for(" 2 notes and bookmarks · sorted", "NYT says 32 men")  # listed again
    terminal.send("Down", "d")
    terminal.wait_for("y or Enter deletes it")
    terminal.send("n")
    terminal.wait_for("Kept the")
    terminal.send("x")
    screen = terminal.wait_for("Exported 1 passage to")
    [written] = (tmp_path / "data").glob("casereader/cases/*/casereader-*-notes.md")
    exported = written.read_text(encoding="utf-8")
    assert exported.count("only 32 men") == 1 and "NYT says 32 men" in exported and "bookmarked" in exported
    assert "Exported 1 passage to" in screen
    terminal.send("C-q")
    assert terminal.wait_closed()


def test_letters_are_keys_from_the_first_second_and_slash_goes_to_the_search_box_in_a_real_terminal(
    terminal: Terminal,
) -> None:
    """The focus starts on a list: `i` opens the report at once (it searched for "i", and `/`
    and `q` were typed into the box); `/` and the words typed with it in one burst search;
    Escape gives the letters back to the keys."""
    screen = terminal.wait_for("2 documents · 67 paragraphs", "/ to search · letters are keys")
    terminal.send("i")
    terminal.wait_for("Ingestion report: 2 documents")
    terminal.send("Escape")
    terminal.wait_for("/ to search · letters are keys")
    terminal.send("/", *"illegal")  # one burst: / moves to the box before the letters arrive
    screen = terminal.wait_for("3 paragraphs match")
    box = next(line for line in screen.splitlines() if line.startswith(" ▊ ") and line.strip(" ▊▎"))
    assert box.strip(" ▊▎") == "illegal"
    terminal.send("Escape")  # (sent with the next key, a terminal reads Escape ? as Alt+?)
    terminal.wait_for("/ Search  m Notes")  # the footer: out of the box
    terminal.send("?")
    screen = terminal.wait_for("Keys work from the first second")
    terminal.send("Escape")
    terminal.wait_for("3 paragraphs match")
    terminal.send("q")
    assert terminal.wait_closed()


def test_a_note_typed_in_one_burst_with_tab_keeps_its_text_and_its_tags_apart_in_a_real_terminal(
    terminal: Terminal,
) -> None:
    """`a`, then "abc", Tab, "xyz" sent at once: the note is "abc", its tag "xyz" (Tab moved the
    focus only after the letters behind it had reached the note: "abcxyz", no tag)."""
    terminal.wait_for("2 documents · 67 paragraphs")
    terminal.send("/")
    terminal.type('"only 32 men"')
    terminal.wait_for("1 paragraph match")
    terminal.send("Enter", "Enter")
    terminal.wait_for("Related to ¶35")
    terminal.send("a")
    terminal.wait_for("Ctrl+S save")
    terminal.send(*"abc", "Tab", *"xyz", "C-s")  # one burst, Ctrl+S included
    terminal.wait_for("Note kept on ¶35")
    terminal.send("m")
    screen = terminal.wait_for("1 note")
    row = next(line for line in screen.splitlines() if "#xyz" in line)
    assert "abc" in row and "abcxyz" not in screen
    terminal.send("Escape")
    terminal.send("C-q")
    assert terminal.wait_closed()


PARAGRAPH_37 = (
    "¶37 The ambiguity surrounding the list of names of those detained clouded any investigation"
    " of their legal status and criminal record for months."
)


def reader_text(screen: str, title: str) -> str:
    """The words inside the reader pane (the box whose border title starts with ``title``)."""
    lines = screen.splitlines()
    top = next(i for i, line in enumerate(lines) if f"╭─ {title}" in line)
    left = lines[top].index(f"╭─ {title}")
    inside = []
    for line in lines[top + 1 :]:
        cell = line[left : left + 1]
        if cell != "│":
            break
        right = line.index("│", left + 1)
        inside.append(line[left + 1 : right].rstrip("▇▂▁▃▄▅▆█ "))
    return " ".join(" ".join(inside).split())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_opened_passage_is_whole_on_screen_at_both_sizes_in_a_real_terminal(
    seeds_copy: Path, seeds_case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """`criminal record`, Enter Enter: the trail says ¶37 and the reader shows all of ¶37 (at
    80×24 it showed ¶35-36, or ¶37 without its last line: the scroll bar that appeared took
    the width the paragraphs had been measured with).  The ingestion report shows the selected
    row uncut below its table (its "from" column took ~40 presses of → at 80×24)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    shutil.copytree(seeds_case.index_dir, index_dir_for(seeds_copy))
    term = Terminal()
    term.start(casereader_command(seeds_copy, cache), *size)
    try:
        term.wait_for("2 documents")
        term.send("i")
        screen = term.wait_for("Ingestion report", "from: author ← catalog, date ← catalog")
        assert "Misión Verdad · 2025-07-21 · Orinoco Tribune" in screen
        term.send("Escape")
        term.wait_for("/ to search · letters are keys")
        term.send("/")
        term.type("criminal record")
        term.wait_for("4 paragraphs match")
        term.send("Enter", "Enter")
        screen = term.wait_for(f"trail: {ORINOCO}:37", "Related to ¶37")
        assert PARAGRAPH_37 in reader_text(screen, "The Repatriation of the 252"), screen
        term.send("C-q")
        assert term.wait_closed()
    finally:
        term.stop()


ECBPLUS = Path(__file__).resolve().parents[2] / "bench" / "cases" / "ecbplus"  # ECB+ (CC BY 3.0)


def _processes_with(text: str) -> list[int]:
    """Processes whose environment holds ``text`` (this test's own folders)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_a_caption_is_related_by_meaning_and_its_encoder_ends_with_the_app_in_a_real_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Four outlets on the Athens riots of December 2008; one repeats a sentence, read as a
    # caption, which has no vector of its own: it is encoded when its related passages are asked.
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    folder = tmp_path / "case"
    folder.mkdir()
    for name in ("19_10ecb.txt", "19_9ecb.txt", "19_1ecb.txt", "19_2ecb.txt"):
        shutil.copy(ECBPLUS / "19" / name, folder / name)
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))  # as the app's: where its index is
    term = open_terminal(folder, cache)
    try:
        term.wait_for("4 documents", timeout=60)
        state = index_dir_for(folder) / "meaning" / "meaning.json"
        deadline = time.monotonic() + 120
        while not state.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert state.exists(), "the meaning was not computed in the background"
        term.send("/")
        term.type("teenager shot killed police Athens")
        screen = term.wait_for("2 paragraphs match", "caption")
        term.send("Enter", "Enter")  # to the results, then open the first hit: the caption
        screen = term.wait_for("Related to ¶3", "same meaning, other words", timeout=60)
        assert "Day six of the Greek youth revolt" in screen  # another outlet, by meaning
        term.send("q")
        assert term.wait_closed()
        deadline = time.monotonic() + 10
        while _processes_with(str(cache)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _processes_with(str(cache)), "an encoder process outlived the app"
    finally:
        term.stop()
