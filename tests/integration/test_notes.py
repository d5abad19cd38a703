"""Notes and bookmarks: anchors that survive re-indexing, a store that survives kills and
a second writer, and exports checked field by field."""

from __future__ import annotations

import csv
import io
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from casereader.core import (
    BOOKMARK,
    MOVED,
    NOTE,
    ORPHANED,
    Case,
    CitationStyle,
    NoteFilter,
    NoteStore,
    Ref,
    StoreError,
    export,
    from_notes,
)
from casereader.core.keeping.notes_schema import MIGRATIONS, SCHEMA_VERSION, statements

from ..conftest import REPO
from .conftest import Cli

LINES = [
    "Deportations to El Salvador: what we know",
    "The government sent 252 men to the CECOT prison in March.",
    "According to CBS, 75% of those detained had no criminal record in Venezuela or the United States.",
    "Lawyers said the men were never given a hearing before the flights left.",
    "The exchange was mediated over several weeks by intermediaries from three countries.",
]


def write(folder: Path, lines: list[str], name: str = "story.txt") -> None:
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def case(tmp_path: Path) -> Case:
    folder = tmp_path / "case"
    folder.mkdir()
    write(folder, LINES)
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    return case


def doc_id(case: Case) -> str:
    return case.documents()[0].doc_id


def test_a_note_finds_its_words_after_an_edit_renumbers_the_paragraphs(case: Case) -> None:
    ref = Ref(doc_id(case), 3)
    text = LINES[2]
    start = text.index("75%")
    note = case.keep(ref, NOTE, "CBS figure", ("figures",), start, start + len("75% of those detained"))
    whole = case.keep(Ref(doc_id(case), 4), BOOKMARK)
    write(case.folder, [LINES[0], "A new first paragraph.", "And a second one.", *LINES[1:]])
    case.update()
    after = {n.id: n for n in case.check_notes()}
    assert after[note.id].status == MOVED and after[note.id].ref.n == 5
    assert after[note.id].quote == "75% of those detained" and "from ¶3 to ¶5" in after[note.id].reason
    assert after[whole.id].status == MOVED and after[whole.id].ref.n == 6
    paragraph = case.paragraph(after[note.id].ref)
    assert paragraph is not None
    anchor = after[note.id].anchor
    assert paragraph.text[anchor.start : anchor.end] == "75% of those detained"
    # Checked once: a second look reads no document and says the note is where it was.
    assert {n.id: n.ref for n in case.check_notes()} == {note.id: anchor.ref, whole.id: Ref(doc_id(case), 6)}


def test_a_note_whose_words_are_gone_is_orphaned_with_its_old_text(case: Case) -> None:
    case.keep(Ref(doc_id(case), 3), NOTE, "check the source")
    write(case.folder, [*LINES[:2], "According to The New York Times, 32 men had a record.", *LINES[3:]])
    case.update()
    [after] = case.check_notes()
    assert after.status == ORPHANED and after.ref == Ref(doc_id(case), 3)
    assert after.quote == LINES[2] and "no longer in the document" in after.reason
    markdown = export(from_notes([after]), "md", CitationStyle())
    assert "Orphaned" in markdown and "75% of those detained" in markdown


def test_a_look_alike_passage_does_not_capture_a_note(case: Case) -> None:
    text = LINES[2]
    start = text.index("had no criminal record")
    case.keep(Ref(doc_id(case), 3), NOTE, "", (), start, start + len("had no criminal record"))
    # The paragraph is rewritten; another paragraph now has the same words in another sentence.
    write(
        case.folder,
        [
            *LINES[:2],
            "Officials disputed the figures.",
            *LINES[3:],
            "Only seven of them had no criminal record, they said.",
        ],
    )
    case.update()
    [after] = case.check_notes()
    assert after.status == ORPHANED and after.ref.n == 3 and "too short to be sure" in after.reason


def test_a_quote_that_stands_twice_with_the_same_context_is_orphaned_not_guessed(case: Case) -> None:
    note = case.keep(Ref(doc_id(case), 4), BOOKMARK)
    write(case.folder, [*LINES[:3], "Something else entirely.", LINES[3], LINES[3], *LINES[4:]])
    case.update()
    [after] = case.check_notes()
    assert after.id == note.id and after.status == ORPHANED and "2 places" in after.reason


def test_a_note_on_a_removed_document_is_orphaned(case: Case) -> None:
    case.keep(Ref(doc_id(case), 2), BOOKMARK)
    write(case.folder, ["Another story entirely, about the weather."], name="other.txt")
    (case.folder / "story.txt").unlink()
    case.update()
    [after] = case.check_notes()
    assert after.status == ORPHANED and after.reason == "the document is no longer in the case"


def test_notes_are_found_by_words_accents_prefixes_and_tags(case: Case) -> None:
    case.keep(Ref(doc_id(case), 2), NOTE, "Análisis de las cifras", ("Figures", "#cbs,legal"))
    case.keep(Ref(doc_id(case), 4), NOTE, "hearing rights")
    store = case.notes
    assert [n.text for n in store.notes(NoteFilter(query="analisis"))] == ["Análisis de las cifras"]
    assert [n.text for n in store.notes(NoteFilter(query="cifr"))] == ["Análisis de las cifras"]
    assert [n.text for n in store.notes(NoteFilter(query="CECOT"))] == ["Análisis de las cifras"]  # the quote
    assert [n.tags for n in store.notes(NoteFilter(tag="legal"))] == [("figures", "cbs", "legal")]
    assert store.notes(NoteFilter(query="nothing-like-this")) == []
    assert store.notes(NoteFilter(query='"(*')) == []  # FTS syntax in the words is not an error
    assert store.tags() == [("cbs", 1), ("figures", 1), ("legal", 1)]


def test_an_older_store_is_migrated_and_a_newer_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    db = sqlite3.connect(path)
    for statement in statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute(
        'INSERT INTO notes (kind, doc_id, n, exact, prefix, suffix, start, "end", body, created, updated)'
        " VALUES ('note', 'd', 3, 'words', '', '', 0, 5, 'kept from version 1', 'then', 'then')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = NoteStore(path)
    assert store.version == SCHEMA_VERSION == 2
    [note] = store.notes(NoteFilter(query="version"))
    assert note.text == "kept from version 1" and note.status == "anchored"
    store.mark_seen([Ref("d", 3)])
    assert store.seen() == {Ref("d", 3)}
    store.close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer casereader"):
        NoteStore(path)


WRITER = """
import sys
from pathlib import Path
from casereader.core import NoteStore, Anchor, Citation, Ref
store = NoteStore(Path(sys.argv[1]))
tag = sys.argv[2]
for i in range(100000):
    text = "x" * 2000 + str(i)
    anchor = Anchor.on(Ref("doc", i % 50 + 1), text)
    note = store.add("note", anchor, Citation("doc", 1, "T", "O", "A", "2025", "", "en"), tag + " " + str(i), [tag])
    print(note.id, flush=True)
"""


def _writer(path: Path, tag: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag], stdout=subprocess.PIPE, text=True)


def test_writers_killed_mid_write_leave_the_store_whole_and_every_committed_note(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    rng = random.Random(3)
    committed: set[int] = set()
    for round_ in range(6):
        proc = _writer(path, f"round{round_}")
        assert proc.stdout is not None
        # Killed at a random point once it writes: after its first note is saved (a fixed pause
        # from its start could kill it before it had made the store's tables).
        first = proc.stdout.readline()
        assert first.strip().isdigit(), "the writer saved no note"
        time.sleep(rng.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        committed |= {int(line) for line in (first + out).split()}
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = {row[0] for row in db.execute("SELECT id FROM notes")}
        assert committed <= ids  # every note a writer was told is saved is there
        fts = db.execute("SELECT count(*) FROM notes_text WHERE notes_text MATCH 'round0'").fetchone()[0]
        assert fts == db.execute("SELECT count(*) FROM notes WHERE tags = 'round0'").fetchone()[0]
        db.close()
    assert len(committed) > 20


def test_two_writers_at_once_keep_each_others_notes(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    NoteStore(path).close()  # created first, as the app does on opening
    procs = [_writer(path, "left"), _writer(path, "right")]
    # Both writing before they are stopped (a fixed pause lost a slow start on a busy machine).
    firsts = [proc.stdout.readline().split() if proc.stdout else [] for proc in procs]
    time.sleep(1.0)
    outs = []
    for proc, first in zip(procs, firsts, strict=True):
        proc.send_signal(signal.SIGTERM)
        outs.append(first + proc.communicate(timeout=30)[0].split())
    store = NoteStore(path)
    left, right = store.notes(NoteFilter(tag="left")), store.notes(NoteFilter(tag="right"))
    assert len(left) >= len(outs[0]) > 0 and len(right) >= len(outs[1]) > 0


def test_exports_carry_every_field_and_csl_json_is_valid(case: Case) -> None:
    case.keep(Ref(doc_id(case), 3), NOTE, '=HYPERLINK("x")', ("figures",), 18, 40)
    case.keep(Ref(doc_id(case), 4), BOOKMARK)
    notes = sorted(case.check_notes(), key=lambda n: n.ref.n)
    excerpts = from_notes(notes)
    style = CitationStyle()
    rows = list(csv.DictReader(io.StringIO(export(excerpts, "csv", style))))
    assert [r["kind"] for r in rows] == ["note", "bookmark"]
    assert rows[0]["quote"] == LINES[2][18:40].strip() and rows[0]["tags"] == "figures"
    assert rows[0]["note"].startswith("'=")  # a formula stays text in a spreadsheet
    assert rows[1]["quote"] == LINES[3] and rows[1]["paragraph"] == "4" and rows[1]["ref"] == f"{doc_id(case)}:4"
    assert rows[1]["citation"] == style.line(notes[1].citation) and rows[1]["status"] == "anchored"
    data = json.loads(export(excerpts, "json", style))
    assert data[0]["tags"] == ["figures"] and data[0]["paragraph"] == 3 and data[0]["title"] == notes[0].citation.title
    markdown = export(excerpts, "md", style, "My notes")
    assert markdown.startswith("# My notes") and f"> {LINES[3]}" in markdown and "¶4" in markdown
    csl = json.loads(export(excerpts, "csl-json", style))
    schema = json.loads((REPO / "tests/fixtures/csl/csl-data.json").read_text())
    jsonschema.validate(csl, schema)
    assert len(csl) == 1 and csl[0]["id"] == doc_id(case) and csl[0]["title"] == notes[0].citation.title


def test_markdown_keeps_document_text_literal() -> None:
    from casereader.core import Citation, Excerpt

    citation = Citation("d", 1, "T", "O", "", "2025-01-02", "", "en")
    md = export([Excerpt("result", citation, "# not a heading <script>x</script> [link](y)")], "md", CitationStyle())
    assert "> \\# not a heading \\<script\\>" in md and "\\[link\\](y)" in md


def test_the_cli_notes_lists_and_exports_with_the_users_citation_template(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    write(folder, LINES)
    for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    ref = "story:3"
    added = cli("note", ref, "--text", "CBS figure", "--tag", "figures", "--quote", "75%", "--corpus", str(folder))
    assert added.returncode == 0 and "Noted story:3" in added.stdout, added.stderr
    assert cli("note", ref, "--quote", "not there", "--corpus", str(folder)).returncode == 2
    assert cli("note", "story:99", "--corpus", str(folder)).returncode == 2
    assert cli("note", "story:4", "--corpus", str(folder)).returncode == 0  # a bookmark
    listed = json.loads(cli("notes", "--json", "--corpus", str(folder)).stdout)
    assert [(n["kind"], n["quote"], n["tags"]) for n in listed] == [
        ("bookmark", LINES[3], []),
        ("note", "75%", ["figures"]),
    ]
    config = tmp_path / "xdg_config_home" / "casereader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("[citation]\ntemplate = '{title}[ ({date})], ¶{paragraph} [{url}]'\n")
    out = cli("export", "--format", "md", "--tag", "figures", "--corpus", str(folder))
    assert out.returncode == 0 and "> 75%\n>\n> — Deportations to El Salvador: what we know, ¶3" in out.stdout
    config.write_text("[citation]\ntemplate = '{nope}'\n")
    out = cli("export", "--format", "csv", "-o", str(tmp_path / "n.csv"), "--corpus", str(folder))
    assert out.returncode == 0 and "unknown field {nope}" in out.stderr and "wrote 2 passages" in out.stderr
    rows = list(csv.DictReader((tmp_path / "n.csv").open(encoding="utf-8")))
    assert rows[0]["citation"].startswith('"Deportations to El Salvador: what we know", ¶3')
    out = cli("export", "--query", "hearing", "--format", "json", "--corpus", str(folder))
    assert [r["kind"] for r in json.loads(out.stdout)] == ["result"]


def test_a_bookmark_and_notes_on_one_passage_are_one_export_entry(case: Case) -> None:
    ref = Ref(doc_id(case), 3)
    case.keep(ref, BOOKMARK)
    case.keep(ref, NOTE, "CBS figure", ("figures",))
    case.keep(ref, NOTE, "check the source", ("sources",))
    case.keep(Ref(doc_id(case), 4), BOOKMARK)
    excerpts = from_notes(sorted(case.check_notes(), key=lambda n: (n.ref.n, n.id)))
    style = CitationStyle()
    markdown = export(excerpts, "md", style)
    assert markdown.count(LINES[2]) == 1 and "CBS figure" in markdown and "check the source" in markdown
    rows = list(csv.DictReader(io.StringIO(export(excerpts, "csv", style))))
    assert [r["kind"] for r in rows] == ["note+bookmark", "bookmark"]
    assert rows[0]["note"] == "CBS figure\n\ncheck the source" and rows[0]["tags"] == "figures sources"


def test_exports_go_to_a_folder_named_and_said_and_bibtex_sits_beside_csl_json(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    write(folder, LINES)
    monkeypatch.chdir(tmp_path)
    assert cli("note", "story:3", "--text", "CBS figure", "--corpus", str(folder)).returncode == 0
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    for fmt, name in (("md", "casereader-case-notes.md"), ("bibtex", "casereader-case-notes.bib")):
        proc = cli("export", "--format", fmt, "--out", str(out_dir), "--corpus", str(folder))
        assert proc.returncode == 0 and f"wrote 1 passage to {out_dir / name}" in proc.stderr, proc.stderr
    assert "CBS figure" in (out_dir / "casereader-case-notes.md").read_text(encoding="utf-8")
    bib = (out_dir / "casereader-case-notes.bib").read_text(encoding="utf-8")
    assert bib.startswith("@online{story,") and "title = {Deportations to El Salvador: what we know}" in bib
    proc = cli("export", "--query", "hearing", "--format", "csl-json", "-o", str(out_dir), "--corpus", str(folder))
    assert proc.returncode == 0 and str(out_dir / "casereader-case-results.csl.json") in proc.stderr
    assert not list(tmp_path.glob("casereader-*"))  # nothing in the current folder
