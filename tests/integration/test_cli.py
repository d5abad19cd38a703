"""The command line, run in the test's process (test_cli_smoke.py starts the real command)."""

import json
from pathlib import Path

import pytest

from casereader.cli import main

from ..conftest import ORINOCO, WOLA
from .conftest import Cli


def test_index_prints_a_summary(cli: Cli, seeds_copy: Path) -> None:
    proc = cli("index", str(seeds_copy))
    assert proc.returncode == 0, proc.stderr
    assert "documents   2" in proc.stdout
    assert "paragraphs  67" in proc.stdout
    assert "seconds" in proc.stdout
    data = json.loads(cli("index", str(seeds_copy), "--json").stdout)
    assert data["documents"] == 2 and data["skipped"] == []


def test_search_shows_annotation_ref_and_text(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("search", "Cristosal", "--corpus", str(cli_seeds))
    assert proc.returncode == 0, proc.stderr
    assert "Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35" in proc.stdout
    assert f"{ORINOCO}:35" in proc.stdout
    assert "A human rights organization in that country, Cristosal" in proc.stdout


def test_search_json(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("search", '"due process"', "--corpus", str(cli_seeds), "--json", "--limit", "3")
    data = json.loads(proc.stdout)
    assert data["total"] == 3 and len(data["hits"]) == 3
    for hit in data["hits"]:
        assert hit["doc_id"] == WOLA and hit["outlet"] == "WOLA"
        for start, end in hit["highlights"]:
            assert hit["text"][start:end].lower() == "due process"
    assert data["total_exact"] and data["doc_counts"] == {WOLA: 3}
    filters = json.loads(cli("search", "outlet:wola", "--corpus", str(cli_seeds), "--json").stdout)
    assert filters["total_exact"] and filters["doc_counts"] == {WOLA: filters["total"]} and filters["total"] > 3


def test_bad_query_is_one_line_no_traceback(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("search", "nofield:x", "--corpus", str(cli_seeds))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "unknown field 'nofield:'" in proc.stderr


def test_no_hits_suggests(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("search", "Rodrigez", "--corpus", str(cli_seeds))
    assert proc.returncode == 1
    assert "did you mean: Rodríguez" in proc.stdout
    # The command that searches for it, to copy (its options as given).
    assert f"casereader search --corpus {cli_seeds} 'Rodríguez'" in proc.stdout
    both = cli("search", "Rodrigez Zapatero", "--corpus", str(cli_seeds), "--limit", "3")
    assert f"casereader search --corpus {cli_seeds} --limit 3 'Rodríguez Zapatero'" in both.stdout


def test_a_short_result_goes_on_to_some_of_the_words(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("search", "Rodriguez", "Bukele", "--corpus", str(cli_seeds))
    assert proc.returncode == 0, proc.stderr
    assert "note: then paragraphs with some of these words" in proc.stderr
    first, rest = proc.stdout.split(" 2. ", 1)
    assert "¶15" in first and "some of the words" not in first
    assert rest.split("\n", 1)[0].endswith("some of the words")  # the second hit's line is marked
    typo = cli("search", "Rodrigez", "Zapatero", "--corpus", str(cli_seeds))
    assert "did you mean: Rodríguez Zapatero" in typo.stdout
    assert "no paragraph has “Rodrigez” — 2 have the other word" in typo.stdout.split("\n")[0]


def test_related(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("related", f"{ORINOCO}:35", "--corpus", str(cli_seeds))
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.split(" 1. ", 1)[1]
    assert first.startswith("WOLA · 2025-04-25 · ¶6")
    assert "shared: United States, criminal records" in first
    data = json.loads(cli("related", f"{WOLA}:6", "--corpus", str(cli_seeds), "--json").stdout)
    assert data["related"][0]["ref"] == f"{ORINOCO}:35"
    assert "reasons" in data["related"][0]


def test_related_bad_reference(cli: Cli, cli_seeds: Path) -> None:
    for ref, says in (("nonsense", "not a paragraph reference"), (f"{ORINOCO}:999", "no paragraph")):
        proc = cli("related", ref, "--corpus", str(cli_seeds))
        assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr


def test_docs(cli: Cli, cli_seeds: Path) -> None:
    data = json.loads(cli("docs", "--corpus", str(cli_seeds), "--json").stdout)
    assert [d["doc_id"] for d in data["documents"]] == [ORINOCO, WOLA]
    assert data["documents"][0]["sources"]["author"] == "catalog"
    table = cli("docs", "--corpus", str(cli_seeds)).stdout
    assert "Orinoco Tribune" in table
    assert "author=c" in table and "from: c catalog" in table  # where each field came from


def test_not_a_folder(cli: Cli, tmp_path: Path) -> None:
    proc = cli("search", "x", "--corpus", str(tmp_path / "missing"))
    assert proc.returncode == 2 and "is not a folder" in proc.stderr


def test_document_markup_and_escapes_are_printed_literally(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        "A paragraph with [bold red]markup[/bold red], a [link=http://x]link[/link] and "
        "\x1b[31mred\x1b[0m text, \x1b[2J a clear-screen and \x07 a bell.\n",
        encoding="utf-8",
    )
    proc = cli("search", "paragraph", "--corpus", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "[bold red]markup[/bold red]" in proc.stdout
    assert "[link=http://x]link[/link]" in proc.stdout
    assert "\x1b[31m" not in proc.stdout and "\x1b[2J" not in proc.stdout and "\x07" not in proc.stdout
    assert "␛[31mred␛[0m" in proc.stdout
    assert "␇" in proc.stdout


def test_skipped_files_are_listed(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "ok.txt").write_text("Some text about the case that is long enough.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00\x00\x01\x02\x03garbage\x00\x04\x05")
    (folder / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    proc = cli("index", str(folder))
    assert proc.returncode == 0
    assert "skipped bad.txt: not valid UTF-32 text" in proc.stdout  # its BOM says UTF-32
    assert "skipped photo.md: binary file" in proc.stdout
    assert "documents   1" in proc.stdout


def test_main_without_app_subcommand_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "--corpus" in capsys.readouterr().out


def test_index_report_lists_every_file_and_where_fields_came_from(cli: Cli, cli_seeds: Path) -> None:
    data = json.loads(cli("index", str(cli_seeds), "--report", "--json").stdout)
    files = {f["path"]: f for f in data["files"]}
    assert files["000_931ed05bed4de436.txt"]["author"] == "Misión Verdad"
    assert files["000_931ed05bed4de436.txt"]["sources"]["date"] == "catalog"
    assert files["004_2e854cc63dbf4071.txt"]["paragraphs"] == 13
    shown = cli("index", str(cli_seeds), "--report").stdout
    assert "Ingestion report" in shown and "date=c" in shown


def test_each_commands_help_keeps_its_options_their_order_and_words(cli: Cli) -> None:
    """The options several commands share are defined once (parent parsers); each command's
    help reads as it did when each command spelled them out."""
    usage = {
        "index": "[-h] [--json] [--report] [--no-meaning] [path]",
        "search": "[-h] [--corpus CORPUS] [--limit LIMIT] [--json] query [query ...]",
        "related": "[-h] [--corpus CORPUS] [--limit LIMIT] [--json] ref",
        "note": "[-h] [--text TEXT] [--tag TAG] [--quote QUOTE] [--corpus CORPUS] [--json] ref",
        "notes": "[-h] [--tag TAG] [--query QUERY] [--corpus CORPUS] [--json]",
        "export": "[-h] [--notes | --query QUERY] [--tag TAG] [--limit LIMIT] "
        "[--format {md,csv,json,csl-json,bibtex}] [-o OUTPUT | --out FOLDER] [--corpus CORPUS]",
        "correct": "[-h] [--corpus CORPUS] [--json] file fields [fields ...]",
        "timeline": "[-h] [--corpus CORPUS] [--json]",
    }
    json_help = {
        "index": "the summary",
        "search": "hits",
        "related": "passages",
        "docs": "documents",
        "note": "the note",
        "correct": "the corrected document",
        "notes": "notes",
        "figures": "the view",
    }
    for command in {*usage, *json_help}:
        shown = cli(command, "--help")
        assert shown.returncode == 0
        if command in usage:
            assert shown.stdout.startswith(f"usage: casereader {command} {usage[command]}\n"), shown.stdout
        if command in json_help:
            assert f"print {json_help[command]} as JSON" in shown.stdout
    assert "hits to show (default 10)" in cli("search", "--help").stdout
    assert "passages to show (default 8)" in cli("related", "--help").stdout
    assert "case folder (default: bundled case)" in cli("docs", "--help").stdout
    top = cli("--help").stdout
    assert top.startswith("usage: casereader [-h] {index,search,related,docs,note,correct,notes,export,figures,names,")


def test_options_without_a_command_are_one_line(cli: Cli) -> None:
    for args in (["--"], ["--json"], ["--corpus", "x"]):
        proc = cli(*args)
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, args


def test_words_no_paragraph_has_together_are_not_counted_as_matches(cli: Cli, cli_seeds: Path) -> None:
    proc = cli("search", "Bukele Zapatero Trump", "--corpus", str(cli_seeds), "--limit", "3")
    assert proc.returncode == 0, proc.stderr
    first = " ".join(proc.stdout.split("\n\n")[0].split())  # the headline, however it wraps
    assert "no paragraph has all 3 words — 26 have some, showing 3" in first
    assert "paragraphs match" not in proc.stdout
    data = json.loads(cli("search", "Bukele Zapatero Trump", "--corpus", str(cli_seeds), "--json").stdout)
    assert data["total"] == 0 and data["some_words_from"] == 0 and data["some_words_total"] == 26
    assert data["notes"][0] == "no paragraph has all 3 words — 26 have some" and data["hits"]


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["search", "nofield:x", "--json"], "bad_query", "unknown field 'nofield:'"),
        (["search", "--json", "--limit", "0", "x"], "bad_arguments", "0 is not a positive number"),
        (["related", "nodoc:3", "--json"], "no_such_paragraph", "no paragraph"),
        (["related", "oops", "--json"], "bad_reference", ""),
        (["docs", "--json", "--corpus", "/no/such/folder"], "not_a_folder", "is not a folder"),
        (["index", "/no/such/folder", "--json"], "not_a_folder", "is not a folder"),
        (["note", "nodoc:3", "--text", "x", "--json"], "no_such_paragraph", "no paragraph"),
        (["figures", "--json", "--corpus", ""], "bad_arguments", "an empty name is not a folder"),
        (["correct", "nofile.txt", "title=x", "--json"], "bad_input", "is not a document"),
        (["add", "--json"], "bad_input", "give the address of a page"),
    ],
)
def test_json_errors_are_json_on_stdout_with_the_same_exit_code(
    cli: Cli, cli_seeds: Path, argv: list[str], code: str, words: str
) -> None:
    corpus = [] if "--corpus" in argv or argv[0] == "index" else ["--corpus", str(cli_seeds)]
    proc = cli(*argv, *corpus)
    assert proc.returncode == 2
    error = json.loads(proc.stdout)
    assert error["code"] == code and words in error["error"], error
    assert set(error) == {"error", "code"}
    assert "casereader:" not in proc.stderr and "usage:" not in proc.stderr
    plain = cli(*[a for a in argv if a != "--json"], *corpus)  # without --json: the line on stderr
    assert plain.returncode == 2 and not plain.stdout.strip() and "casereader" in plain.stderr
