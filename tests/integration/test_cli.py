import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casereader.cli import main

from ..conftest import ORINOCO, WOLA


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm-256color"}
    return subprocess.run([sys.executable, "-m", "casereader", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_index_prints_a_summary(seeds_copy: Path) -> None:
    proc = run("index", str(seeds_copy))
    assert proc.returncode == 0, proc.stderr
    assert "documents   2" in proc.stdout
    assert "paragraphs  67" in proc.stdout
    assert "seconds" in proc.stdout
    data = json.loads(run("index", str(seeds_copy), "--json").stdout)
    assert data["documents"] == 2 and data["skipped"] == []


def test_search_shows_annotation_ref_and_text(seeds_copy: Path) -> None:
    proc = run("search", "Cristosal", "--corpus", str(seeds_copy))
    assert proc.returncode == 0, proc.stderr
    assert "Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35" in proc.stdout
    assert f"{ORINOCO}:35" in proc.stdout
    assert "A human rights organization in that country, Cristosal" in proc.stdout


def test_search_json(seeds_copy: Path) -> None:
    proc = run("search", '"due process"', "--corpus", str(seeds_copy), "--json", "--limit", "3")
    data = json.loads(proc.stdout)
    assert data["total"] == 3 and len(data["hits"]) == 3
    for hit in data["hits"]:
        assert hit["doc_id"] == WOLA and hit["outlet"] == "WOLA"
        for start, end in hit["highlights"]:
            assert hit["text"][start:end].lower() == "due process"
    assert data["total_exact"] and data["doc_counts"] == {WOLA: 3}
    filters = json.loads(run("search", "outlet:wola", "--corpus", str(seeds_copy), "--json").stdout)
    assert filters["total_exact"] and filters["doc_counts"] == {WOLA: filters["total"]} and filters["total"] > 3


def test_bad_query_is_one_line_no_traceback(seeds_copy: Path) -> None:
    proc = run("search", "nofield:x", "--corpus", str(seeds_copy))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "unknown field 'nofield:'" in proc.stderr


def test_no_hits_suggests(seeds_copy: Path) -> None:
    proc = run("search", "Rodrigez", "--corpus", str(seeds_copy))
    assert proc.returncode == 1
    assert "did you mean: Rodríguez" in proc.stdout


def test_a_short_result_goes_on_to_some_of_the_words(seeds_copy: Path) -> None:
    proc = run("search", "Rodriguez", "Bukele", "--corpus", str(seeds_copy))
    assert proc.returncode == 0, proc.stderr
    assert "note: then paragraphs with some of these words" in proc.stderr
    first, rest = proc.stdout.split(" 2. ", 1)
    assert "¶15" in first and "some of the words" not in first
    assert rest.split("\n", 1)[0].endswith("some of the words")  # the second hit's line is marked
    typo = run("search", "Rodrigez", "Zapatero", "--corpus", str(seeds_copy))
    assert "did you mean: Rodríguez Zapatero" in typo.stdout and "no paragraph has “Rodrigez”" in typo.stderr


def test_related(seeds_copy: Path) -> None:
    proc = run("related", f"{ORINOCO}:35", "--corpus", str(seeds_copy))
    assert proc.returncode == 0, proc.stderr
    first = proc.stdout.split(" 1. ", 1)[1]
    assert first.startswith("WOLA · 2025-04-25 · ¶6")
    assert "shared: United States, criminal records" in first
    data = json.loads(run("related", f"{WOLA}:6", "--corpus", str(seeds_copy), "--json").stdout)
    assert data["related"][0]["ref"] == f"{ORINOCO}:35"
    assert "reasons" in data["related"][0]


def test_related_bad_reference(seeds_copy: Path) -> None:
    for ref, says in (("nonsense", "not a paragraph reference"), (f"{ORINOCO}:999", "no paragraph")):
        proc = run("related", ref, "--corpus", str(seeds_copy))
        assert proc.returncode == 2 and says in proc.stderr and "Traceback" not in proc.stderr


def test_docs(seeds_copy: Path) -> None:
    data = json.loads(run("docs", "--corpus", str(seeds_copy), "--json").stdout)
    assert [d["doc_id"] for d in data["documents"]] == [ORINOCO, WOLA]
    assert data["documents"][0]["sources"]["author"] == "catalog"
    table = run("docs", "--corpus", str(seeds_copy)).stdout
    assert "Orinoco Tribune" in table
    assert "author=c" in table and "from: c catalog" in table  # where each field came from


def test_not_a_folder(tmp_path: Path) -> None:
    proc = run("search", "x", "--corpus", str(tmp_path / "missing"))
    assert proc.returncode == 2 and "is not a folder" in proc.stderr


def test_document_markup_and_escapes_are_printed_literally(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "evil.txt").write_text(
        "A paragraph with [bold red]markup[/bold red], a [link=http://x]link[/link] and "
        "\x1b[31mred\x1b[0m text, \x1b[2J a clear-screen and \x07 a bell.\n",
        encoding="utf-8",
    )
    proc = run("search", "paragraph", "--corpus", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "[bold red]markup[/bold red]" in proc.stdout
    assert "[link=http://x]link[/link]" in proc.stdout
    assert "\x1b[31m" not in proc.stdout and "\x1b[2J" not in proc.stdout and "\x07" not in proc.stdout
    assert "␛[31mred␛[0m" in proc.stdout
    assert "␇" in proc.stdout


def test_skipped_files_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "ok.txt").write_text("Some text about the case that is long enough.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00\x00\x01\x02\x03garbage\x00\x04\x05")
    (folder / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    proc = run("index", str(folder))
    assert proc.returncode == 0
    assert "skipped bad.txt: not valid UTF-32 text" in proc.stdout  # its BOM says UTF-32
    assert "skipped photo.md: binary file" in proc.stdout
    assert "documents   1" in proc.stdout


def test_main_without_app_subcommand_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    assert "--corpus" in capsys.readouterr().out


def test_index_report_lists_every_file_and_where_fields_came_from(seeds_copy: Path) -> None:
    data = json.loads(run("index", str(seeds_copy), "--report", "--json").stdout)
    files = {f["path"]: f for f in data["files"]}
    assert files["000_931ed05bed4de436.txt"]["author"] == "Misión Verdad"
    assert files["000_931ed05bed4de436.txt"]["sources"]["date"] == "catalog"
    assert files["004_2e854cc63dbf4071.txt"]["paragraphs"] == 13
    shown = run("index", str(seeds_copy), "--report").stdout
    assert "Ingestion report" in shown and "date=c" in shown
