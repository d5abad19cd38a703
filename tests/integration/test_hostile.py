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
