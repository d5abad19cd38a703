"""Hostile and careless input: every one answered with a clear line, nothing lost, nothing
styling or moving the terminal.  Each test failed before its fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from casereader.core import Case, QueryError

from .conftest import Cli


def article(folder: Path, name: str | bytes, text: str = "An article about taxes in the region.\n") -> None:
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))


def test_an_empty_folder_searches_to_nothing_with_a_reason(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc = cli("search", "tax", "--corpus", str(tmp_path / "empty"))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "0 paragraphs match 'tax'" in proc.stdout
    assert "the case has no readable articles" in proc.stderr


@pytest.mark.parametrize(
    ("catalog", "says"),
    [
        ('case = "x"', "[case] must be a table"),
        ("documents = [1]", "[documents] must be a table"),
        ('[documents]\n"a.txt" = "Title"', "[documents.'a.txt'] must be a table"),
    ],
)
def test_a_catalog_of_the_wrong_shape_is_named_and_ignored(cli: Cli, tmp_path: Path, catalog: str, says: str) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "a.txt")
    (folder / "catalog.toml").write_text(catalog, encoding="utf-8")
    proc = cli("docs", "--corpus", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert says in proc.stderr and "(ignored)" in proc.stderr
    assert "Traceback" not in proc.stderr
    case = Case(folder, tmp_path / "index")
    report = case.update()
    assert any(says in n for n in report.notices) and report.documents == 1
    # Reopened with nothing changed (the catalog is then not parsed again), it still says so.
    again = Case(folder, tmp_path / "index").update()
    assert any(says in n for n in again.notices) and again.documents == 1 and not again.added


@pytest.mark.parametrize("query", ["(" * 250 + "tax" + ")" * 250, "-" * 900 + "tax", "NOT " * 200 + "tax"])
def test_deep_nesting_is_a_one_line_error(cli: Cli, seeds_case: Case, cli_seeds: Path, query: str) -> None:
    with pytest.raises(QueryError, match="more than 32 deep"):
        seeds_case.search(query)
    proc = cli("search", query, "--corpus", str(cli_seeds))
    assert proc.returncode == 2 and "more than 32 deep" in proc.stderr and "Traceback" not in proc.stderr


def test_json_into_a_closed_pipe_exits_quietly(cli_seeds: Path) -> None:
    # A real pipe, closed by head: the command in a process of its own.
    for command in (["docs", "--corpus", str(cli_seeds)], ["search", "Bukele", "--corpus", str(cli_seeds)]):
        shell = " ".join([sys.executable, "-m", "casereader", *command, "--json", "|", "head", "-1"])
        proc = subprocess.run(shell, shell=True, capture_output=True, text=True)
        assert proc.stdout.strip() == "{"
        assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def test_an_empty_folder_name_is_refused_not_the_current_folder(cli: Cli, tmp_path: Path) -> None:
    for args in (["index", ""], ["search", "tax", "--corpus", ""], ["docs", "--corpus", ""], [""]):
        proc = cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "empty name is not a folder" in proc.stderr
    assert not list(tmp_path.iterdir())  # nothing indexed, nothing written


def test_limits_must_be_positive_and_a_query_may_start_with_a_minus(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("search", "Bukele", "--corpus", str(cli_seeds), "--limit", "-5")
    assert proc.returncode == 2 and "-5 is not a positive number" in proc.stderr
    proc = cli("search", "-Rodriguez", "Bukele", "--corpus", str(cli_seeds), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["query"] == "-Rodriguez Bukele"
    proc = cli("search", "--corpus", str(cli_seeds), "--", "-tax")
    assert proc.returncode == 2 and "NOT only excludes" in proc.stderr
    assert "search -- -tax" in cli("search", "--help").stdout


def test_a_long_query_is_quoted_in_one_short_line(cli: Cli, cli_seeds: Path) -> None:
    query = "(" + "x" * 100_000
    proc = cli("search", query, "--corpus", str(cli_seeds))
    assert proc.returncode == 2
    assert len(proc.stderr) < 400, proc.stderr[:400]


def test_links_fifos_and_bad_names_are_reported_and_the_rest_indexed(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "good.txt")
    article(folder, b"b\xff.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "alias.txt").symlink_to(folder / "good.txt")  # inside the case: read
    (folder / "etc").symlink_to("/etc")
    case = Case(folder, tmp_path / "index")
    report = case.update()
    assert sorted(d.path for d in case.documents()) == ["alias.txt", "good.txt"]
    reasons = {s.path: s.reason for s in report.skipped}
    assert reasons == {
        "b\ufffd.txt": "the file name is not valid UTF-8; rename the file to read it",
        "dangling.txt": "a link to a file that does not exist",
        "etc": "a link to a folder (casereader does not follow links to folders)",
        "passwd.txt": "a link to a file outside the case folder (links out of the case are not followed)",
        "pipe.txt": "not a regular file (a FIFO)",
    }
    assert not any("root:" in h.text for h in case.search("root").hits)
    proc = cli("index", str(folder))  # the CLI lists them too, and does not crash on the name
    assert proc.returncode == 0 and "b\ufffd.txt" in proc.stdout and "Traceback" not in proc.stderr


def test_a_folder_nested_a_thousand_deep_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    deep = folder
    deep.mkdir()
    for _ in range(1000):  # one by one: os.makedirs recurses too
        deep = deep / "d"
        deep.mkdir()
    article(deep, "deep.txt", "A deeply nested article about taxes.\n")
    try:
        case = Case(folder, tmp_path / "index")
        case.update()
        assert [h.citation.doc_id.count("/") for h in case.search("deeply").hits] == [1000]
    finally:  # pytest's own clean-up of old temporary folders recurses, and would fail on it
        (deep / "deep.txt").unlink()
        while deep != folder:
            deep.rmdir()
            deep = deep.parent


def test_file_names_with_escapes_are_printed_visibly(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "esc\x1b]0;pwned\x07\x1b[2J.txt", "Escape article about taxes and more.\n")
    for args in (["search", "taxes"], ["related", "esc\x1b]0;pwned\x07\x1b[2J:1"], ["docs"]):
        proc = cli(*args, "--corpus", str(folder))
        assert "\x1b" not in proc.stdout + proc.stderr and "\x07" not in proc.stdout + proc.stderr, args
    assert "esc␛]0;pwned␇␛[2J" in cli("search", "taxes", "--corpus", str(folder)).stdout


def test_a_first_build_that_did_not_finish_is_said_so(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "a.txt")
    case = Case(folder, tmp_path / "index")
    case.update()
    (tmp_path / "index" / "manifest.json").unlink()  # as a run killed before its first manifest
    report = Case(folder, tmp_path / "index").update()
    assert "index rebuilt: the first indexing run did not finish" in report.notices


def test_a_huge_line_without_sentence_ends_is_split_into_passages(tmp_path: Path) -> None:
    from casereader.core.ingest.paragraphs import MAX_PASSAGE_WORDS, split_long, split_paragraphs

    words = [f"w{i % 97}" for i in range(400_000)]  # ~2.2 MB on one line, no full stop
    text = " ".join(words)
    passages = split_long(split_paragraphs(text), text)
    assert [p.n for p in passages] == list(range(1, len(passages) + 1))
    assert all(len(p.text.split()) <= MAX_PASSAGE_WORDS for p in passages)
    assert [w for p in passages for w in p.text.split()] == words  # nothing lost or repeated
    assert all(text[p.start : p.end] == p.text for p in passages)


def test_counts_are_true_for_filters_alone_and_for_common_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(25):  # 2,500 paragraphs: large enough for the ranking of very broad queries
        lines = [f"The budget of the year was discussed in the city, item {f}-{n}." for n in range(100)]
        if f == 20:  # near the end of the case: listing in case order would never reach them
            lines[50] = "Budget, budget, budget: the city budget."
            lines[60] = "The budget and the budget cuts."
        (folder / f"f{f:03}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()
    only = case.search("doc:f007", limit=5, count_docs=True)
    assert (only.total, only.exact, len(only.hits)) == (100, True, 5)
    assert only.doc_counts == {"f007": 100}
    nothing = case.search('"the the the"', limit=5)
    assert (nothing.total, nothing.exact, nothing.hits) == (0, True, [])
    broad = case.search("budget", limit=5)
    assert broad.total >= 2500 and not broad.exact and len(broad.hits) == 5  # estimated, and ranked:
    dense = ["Budget, budget, budget: the city budget.", "The budget and the budget cuts."]
    assert [h.text for h in broad.hits[:2]] == dense
    assert not any("case order" in n for n in broad.notes)
    # Bounded work: blocks of paragraphs that cannot beat the kept ones are skipped (all these
    # alike paragraphs are), so a budget of 500 scored matches still finds the dense ones; a
    # phrase (no skipping) keeps the best of its first matches within its budget, and says so.
    from casereader.core.search import searchable as search_module

    monkeypatch.setattr(search_module, "BROAD_BUDGET", 500)
    bounded = case.search("budget", limit=5)
    assert [h.text for h in bounded.hits[:2]] == dense and not bounded.notes
    phrase = case.search('"the budget"', limit=5)
    assert len(phrase.hits) == 5 and any("the best of the first 10 matching" in n for n in phrase.notes)


def test_a_utf8_file_with_a_windows_1252_line_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    utf8 = "Informe sobre la situación de los detenidos en El Salvador.\n".encode()
    legacy = "La Acción del gobierno fue criticada por la organización.\n".encode("cp1252")
    (folder / "mixed.txt").write_bytes(utf8 + legacy + "Otro párrafo en UTF-8 sobre la negociación.\n".encode())
    bom = b"\xef\xbb\xbf" + "Un artículo con BOM sobre la migración.\n".encode() + b"Una l\xednea rota.\n"
    (folder / "bom.txt").write_bytes(bom)
    case = Case(folder, tmp_path / "index")
    report = case.update()
    assert sorted(d.path for d in case.documents()) == ["bom.txt", "mixed.txt"]
    assert [h.text for h in case.search("Acción").hits] == ["La Acción del gobierno fue criticada por la organización."]
    assert case.search("situación").total == 1 and case.search("negociación").total == 1
    assert case.search("línea").total == 1
    assert "mixed.txt: 1 line not in UTF-8, read as Windows-1252" in report.notices
    assert "bom.txt: 1 line not in UTF-8, read as Windows-1252" in report.notices


def test_a_page_with_a_control_character_reference_is_read_and_shown_visibly(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html lang='en'><head><title>Escape page</title></head><body><article><h1>Escape page</h1>"
        "<p>This article holds an escape &#27;[31m sequence and &#x7; a bell, and more words about "
        "the budget and the taxes of the region for a reader.</p>"
        "<p>A second paragraph talks about the budget of the city council and its taxes.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    case = Case(folder, tmp_path / "index")
    report = case.update()
    assert report.skipped == []
    hit = case.search("escape sequence").hits[0]
    assert "␛[31m sequence and ␇ a bell" in hit.text and "\x1b" not in hit.text


def test_updates_that_change_every_file_do_not_bloat_the_index_or_its_counts(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()

    def write(round_: int) -> None:
        for i in range(120):  # 2,400 paragraphs: "round" is a very broad query, counted by estimate
            lines = [f"Article {i} round {round_} paragraph {n} about the tax of the town." for n in range(20)]
            (folder / f"a{i:03}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def size() -> int:
        return sum(p.stat().st_size for p in (index_dir / "whoosh").iterdir())

    write(0)
    Case(folder, index_dir).update()
    fresh = size()
    for round_ in range(1, 9):
        write(round_)
        case = Case(folder, index_dir)
        case.update()
        assert case.search("round").total == 2400, round_
        assert case.search(f'"round {round_}"').total == 2400
        assert case.search('"round 0"').total == 0
    assert size() < 1.5 * fresh


# --- keeping: exports, catalogs, settings (issue 29) -------------------------------------------

UNSAFE_OUT = ("\x1b", "\x07", "\x9b", "\x9d", "\u202e")


def test_exports_to_a_terminal_carry_no_escape_sequence_from_any_field(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    name = "esc\x1b]2;pwned\x07.txt"
    text = "Taxes rose \x1b[2J\x1b]0;title\x07 by \x9b2J a lot\u202e in the region, " + "and more words. " * 20
    article(folder, name, text + "\n")
    (folder / "catalog.toml").write_text(
        '[documents."esc\\u001b]2;pwned\\u0007.txt"]\n'
        'title = "T\\u001b[31mred"\noutlet = "O\\u009b1m"\nauthor = "A\\u001b]0;x\\u0007"\n',
        encoding="utf-8",
    )
    ref = name.removesuffix(".txt") + ":1"
    assert cli("note", ref, "--text", "mine \x1b[2J\x1b]0;x\x07", "--tag", "t", "--corpus", str(folder)).returncode == 0
    for fmt in ("md", "csv", "json", "csl-json", "bibtex"):
        for what in ([], ["--query", "taxes"]):
            proc = cli("export", *what, "--format", fmt, "--corpus", str(folder))
            assert proc.returncode == 0, (fmt, proc.stderr)
            shown = proc.stdout + proc.stderr
            assert not [c for c in UNSAFE_OUT if c in shown], (fmt, what, shown)
            assert "\r" not in shown.replace("\r\n", "\n"), (fmt, what)  # CSV's line ends aside
    listed = cli("export", "--format", "md", "--corpus", str(folder)).stdout
    assert "␛\\[2J" in listed and "mine ␛[2J" in listed  # shown, not obeyed
    assert "esc␛]2;pwned␇" in cli("export", "--format", "csv", "--corpus", str(folder)).stdout
    data = json.loads(cli("export", "--format", "json", "--corpus", str(folder)).stdout)
    assert data[0]["note"] == "mine \x1b[2J\x1b]0;x\x07"  # JSON keeps the text whole, escaped


@pytest.mark.parametrize(
    "cell", ["=1+1", "\t=1+1", "\r=1+1", " =1+1", "\u200b=1+1", "\u00a0@SUM(A1)", "\ufeff+1", "\n-1"]
)
def test_the_csv_formula_guard_sees_through_leading_blanks_and_invisibles(cell: str) -> None:
    from casereader.core import Citation, CitationStyle, Excerpt, export

    citation = Citation("d", 1, cell, "O", "", "", "", "en")
    text = export([Excerpt("note", citation, "q", cell)], "csv", CitationStyle())
    import csv
    import io

    row = next(csv.DictReader(io.StringIO(text)))
    assert row["note"].startswith("'") and row["title"].startswith("'"), row


@pytest.mark.parametrize("file", ["catalog.toml", "aliases.toml", "config.toml"])
def test_toml_nested_hundreds_deep_is_a_clear_error_not_a_recursion(cli: Cli, tmp_path: Path, file: str) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "a.txt")
    deep = "x = " + "[" * 600 + "]" * 600 + "\n"
    where = tmp_path / "xdg_config_home" / "casereader" if file == "config.toml" else folder
    where.mkdir(parents=True, exist_ok=True)
    (where / file).write_text(deep, encoding="utf-8")
    os.environ["XDG_CONFIG_HOME"] = str(tmp_path / "xdg_config_home")  # restored by the hermetic fixture
    for args in (["docs"], ["export", "--format", "md"], ["names"], ["search", "taxes"]):
        proc = cli(*args, "--corpus", str(folder))
        assert "Traceback" not in proc.stderr and "RecursionError" not in proc.stderr, (args, proc.stderr)
        assert proc.returncode in (0, 1), (args, proc.stderr)
    said = cli("export", "--format", "md", "--corpus", str(folder)).stderr
    if file == "config.toml":
        assert "nested too deep" in said
    if file == "catalog.toml":
        assert "nested too deep" in cli("docs", "--corpus", str(folder)).stderr
        proc = cli("correct", "a.txt", "title=New", "--corpus", str(folder))
        assert proc.returncode == 2 and "nested too deep" in proc.stderr and "Traceback" not in proc.stderr
    if file == "aliases.toml":
        assert (
            "nested too deep"
            in cli("names", "--corpus", str(folder)).stderr + cli("names", "--json", "--corpus", str(folder)).stdout
        )


def test_a_correction_to_an_entry_that_is_not_a_table_is_refused_clearly(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "a.txt")
    (folder / "catalog.toml").write_text('[documents]\n"a.txt" = "just a title"\n', encoding="utf-8")
    proc = cli("correct", "a.txt", "title=New", "--corpus", str(folder))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "is not a table" in proc.stderr and "'a.txt'" in proc.stderr
    assert (folder / "catalog.toml").read_text(encoding="utf-8") == '[documents]\n"a.txt" = "just a title"\n'


def test_arguments_that_are_not_utf8_are_refused_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "a.txt")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    bad = b"caf\xe9"
    for args in (
        [b"note", b"a:1", b"--text", bad],
        [b"note", b"a:1", b"--tag", bad],
        [b"note", b"a\xff:1"],
        [b"notes", b"--query", bad],
        [b"notes", b"--tag", bad],
        [b"search", bad],
    ):
        proc = subprocess.run(
            [os.fsencode(sys.executable), b"-m", b"casereader", *args, b"--corpus", os.fsencode(folder)],
            capture_output=True,
            env=env,
        )
        err = proc.stderr.decode("utf-8", "replace")
        assert proc.returncode == 2 and "Traceback" not in err, (args, err)
        assert "not valid UTF-8" in err, (args, err)


def test_a_catalog_entry_for_a_bare_name_is_that_top_level_file_only(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    (folder / "old").mkdir(parents=True)
    article(folder, "a.txt", "The top-level article about taxes.\n")
    article(folder / "old", "a.txt", "Another article with the same file name, about roads.\n")
    (folder / "catalog.toml").write_text(
        '[documents."a.txt"]\ntitle = "Top"\noutlet = "Daily"\nauthor = "Ana"\ndate = "2025-01-02"\n', encoding="utf-8"
    )
    case = Case(folder, tmp_path / "index")
    case.update()
    metas = {d.path: d.meta for d in case.documents()}
    assert metas["a.txt"].title == "Top" and metas["a.txt"].outlet == "Daily"
    below = metas["old/a.txt"]
    assert below.title != "Top" and below.outlet != "Daily" and below.author != "Ana" and below.date != "2025-01-02"


def test_wrong_typed_catalog_fields_and_impossible_dates_are_refused_by_file_key_and_line(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    article(folder, "a.txt")
    article(folder, "b.txt", "Another article about roads.\n")
    (folder / "catalog.toml").write_text(
        '[documents."a.txt"]\ntitle = "Fine"\noutlet = ["Daily", "One"]\n'
        '\n[documents."b.txt"]\nauthor = 3\ndate = "2025-13-45"\n',
        encoding="utf-8",
    )
    case = Case(folder, tmp_path / "index")
    report = case.update()
    said = " ".join(report.notices)
    assert "catalog.toml" in said and "line 3" in said and "'a.txt'.outlet must be text" in said, said
    assert "line 6" in said and "'b.txt'.author must be text" in said
    assert "line 7" in said and "'2025-13-45' is not a date" in said
    metas = {d.path: d.meta for d in case.documents()}
    assert metas["a.txt"].title == "Fine" and "[" not in metas["a.txt"].outlet
    assert metas["b.txt"].author != "3" and metas["b.txt"].date != "2025-13-45"
    csl = json.loads(cli("export", "--query", "roads OR taxes", "--format", "csl-json", "--corpus", str(folder)).stdout)
    assert all(part <= 31 for item in csl for part in item.get("issued", {}).get("date-parts", [[0]])[0][1:])
    for date in ("2025-02-30", "0000-00-00", "2025-13"):
        proc = cli("correct", "a.txt", f"date={date}", "--corpus", str(folder))
        assert proc.returncode == 2 and "is not a date" in proc.stderr, (date, proc.stderr)


@pytest.mark.parametrize(
    ("author", "people"),
    [
        ("José Ortega y Gasset", [{"literal": "José Ortega y Gasset"}]),
        ("Pérez, Ana", [{"family": "Pérez", "given": "Ana"}]),
        ("Procter & Gamble", [{"literal": "Procter & Gamble"}]),
        ("Ana Pérez y Juan Díaz", [{"literal": "Ana Pérez"}, {"literal": "Juan Díaz"}]),
        ("Ana Pérez, Juan Díaz and Luis Gómez", [{"literal": n} for n in ("Ana Pérez", "Juan Díaz", "Luis Gómez")]),
        ("Pérez, Ana; Díaz, Juan", [{"family": "Pérez", "given": "Ana"}, {"family": "Díaz", "given": "Juan"}]),
    ],
)
def test_csl_json_keeps_each_author_whole(author: str, people: list[dict[str, str]]) -> None:
    from casereader.core import Citation, CitationStyle, Excerpt, export

    citation = Citation("d", 1, "T", "Daily", author, "2025-07-21", "", "es")
    [item] = json.loads(export([Excerpt("note", citation, "q")], "csl-json", CitationStyle()))
    assert item["author"] == people
    bib = export([Excerpt("note", citation, "q")], "bibtex", CitationStyle())
    assert bib.count(" and ") == len(people) - 1, bib


def test_a_symlink_loop_made_while_the_folder_is_followed_is_said_once_and_following_goes_on(
    tmp_path: Path,
) -> None:
    """As the app follows a folder: an update each time the watch yields."""
    import threading
    import time

    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    article(folder, "first.txt")
    case = Case(folder, index_dir)
    case.update()
    stop, rounds, problems = threading.Event(), [], []

    def follow() -> None:
        for _paths in case.watch(stop, problems.append):
            case.update()
            rounds.append(1)

    def wait_for(condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + 30
        while not condition():
            assert time.monotonic() < deadline, what
            time.sleep(0.02)

    def indexed() -> list[str]:
        return sorted(d.path for d in Case(folder, index_dir).documents())

    thread = threading.Thread(target=follow, daemon=True)
    thread.start()
    try:
        wait_for(lambda: bool(rounds), "the watch was not in place")
        os.symlink("b", folder / "a")  # a loop: a -> b -> a
        os.symlink("a", folder / "b")
        wait_for(lambda: bool(problems), "the loop was not said")
        article(folder, "later.txt")
        wait_for(lambda: indexed() == ["first.txt", "later.txt"], "the folder was no longer followed")
        article(folder, "last.txt")
        wait_for(lambda: indexed() == ["first.txt", "last.txt", "later.txt"], "the folder was no longer followed")
        assert thread.is_alive()
        assert len(problems) == 1 and "loop" in problems[0].lower()
    finally:
        stop.set()
        thread.join(5)


UNSPACED = {
    "zh": (
        "香港特别行政区政府今天公布了新的房屋政策。\n\n"
        "台风过后，市民在街上清理倒下的树木。\n\n"
        "财政司司长表示，明年的经济增长预测维持不变。\n",
        ["房屋政策", "台风", "经济增长"],
    ),
    "ja": (
        "東京都は新しい防災計画を発表した。\n\n"
        "大雨の影響で、新幹線が一時運転を見合わせた。\n\n"
        "政府は来年度の予算案を閣議決定した。\n",
        ["防災計画", "新幹線", "予算"],
    ),
    "th": (
        "รัฐบาลประกาศนโยบายเศรษฐกิจใหม่ในวันนี้\n\n"
        "ฝนตกหนักทำให้น้ำท่วมหลายพื้นที่ในกรุงเทพมหานคร\n\n"
        "นักเรียนจำนวนมากเดินทางไปโรงเรียนด้วยรถไฟฟ้า\n",
        ["นโยบาย", "น้ำท่วม", "โรงเรียน"],
    ),
}


@pytest.mark.parametrize("lang", sorted(UNSPACED))
def test_a_word_of_a_script_without_spaces_finds_its_paragraph(tmp_path: Path, lang: str) -> None:
    """Chinese, Japanese and Thai are written without spaces between words: a page in them was
    indexed but could not be searched (each sentence was one word)."""
    folder = tmp_path / "case"
    folder.mkdir()
    text, searches = UNSPACED[lang]
    article(folder, f"{lang}.txt", text)
    article(folder, "en.txt", "An article in English about the budget and the weather.\n")
    case = Case(folder, tmp_path / "index")
    case.update()
    paragraphs = [p for p in text.split("\n\n")]
    for word in searches:
        hits = case.search(word).hits
        assert [h.text.strip() for h in hits] == [next(p.strip() for p in paragraphs if word in p)], word
        assert [hits[0].text[s.start : s.end] for s in hits[0].spans] == [word], word  # marked as one
