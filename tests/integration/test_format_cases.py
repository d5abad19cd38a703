"""The formats in a user's folder: declared encodings, Markdown code and tables, outlets from
folders and addresses, Wayback copies, unsupported and damaged files, files of several
documents through updates and the watcher."""

from __future__ import annotations

import mailbox
import shutil
import zipfile
from email.message import EmailMessage
from pathlib import Path

from casereader.core import Case
from casereader.core.index.watch import relevant
from casereader.core.ingest.encoding import read_text
from casereader.core.ingest.metadata import Catalog
from casereader.core.ingest.reader import read_document, read_documents

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


def test_a_short_page_is_read_in_the_encoding_it_declares() -> None:
    chinese = "新华社北京电 习近平会见外国领导人。《人民日报》报道。"
    page = f'<html><head><meta charset="gb2312"><title>新华网</title></head><body><p>{chinese}</p></body></html>'
    text, note = read_text(page.encode("gb2312"), markup=True)
    assert chinese in text and note == ""
    polish = "Unijne fundusze coraz bliżej, Sejm zagłosował"
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Windows-1250">'
        f"</head><body><p>{polish}</p></body></html>"
    )
    text, note = read_text(page.encode("cp1250"), markup=True)
    assert polish in text and note == ""


def test_an_encoding_is_named_only_when_it_was_guessed() -> None:
    words = "Pan Ryšánek a pan Schlegl seděli u Štajniců, každý u svého stolu, léta dlouhá. " * 20
    _, note = read_text(words.encode("cp1250"))
    assert note.startswith("encoding guessed: windows-125")
    wrong = '<meta charset="utf-8"><p>' + words
    _, note = read_text(wrong.encode("cp1250"), markup=True)  # declared UTF-8, bytes are not
    assert note.startswith("encoding guessed")


def test_markdown_code_blocks_and_tables_stay_out_of_the_prose(tmp_path: Path) -> None:
    post = (
        "---\ntitle: Release notes\ndate: 2024-03-01\n---\n\n# Install\n\nRun the command:\n\n"
        "```sh\npip install thing\nthing --help\n```\n\nThen ``configure`` it:\n\n~~~toml\n[thing]\nkey = 1\n~~~\n\n"
        "An indented block:\n\n    def f():\n        return 1\n\n"
        "| Option | Default |\n|---|---|\n| `key` | 1 |\n\nDone.\n"
    )
    (tmp_path / "post.md").write_text(post, encoding="utf-8")
    doc = read_document(tmp_path, tmp_path / "post.md", Catalog())
    kinds = [(p.kind, p.text) for p in doc.paragraphs]
    assert ("code", "pip install thing\nthing --help") in kinds
    assert ("code", "[thing]\nkey = 1") in kinds
    assert ("code", "def f():\n    return 1") in kinds
    assert ("table", "Option | Default\nkey | 1") in kinds
    assert "Then configure it:" in [text for _, text in kinds]
    assert not any("`" in p.text or "~~~" in p.text for p in doc.paragraphs)


def test_a_folder_names_the_outlet_only_when_it_reads_as_one(tmp_path: Path) -> None:
    text = "A story about the vote in parliament, told at some length so that it is an article.\n"
    for folder in ("16", "2024", "announcements", "text", "other", "news", "política", "posts", "wola"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(text, encoding="utf-8")
    outlets = {
        folder: read_document(tmp_path, tmp_path / folder / "a.txt", Catalog()).meta.outlet
        for folder in ("16", "2024", "announcements", "text", "other", "news", "política", "posts", "wola")
    }
    assert outlets == {**{f: "" for f in outlets if f != "wola"}, "wola": "wola"}
    doc = read_document(tmp_path, tmp_path / "wola" / "a.txt", Catalog())
    assert any("folder" in note for note in doc.notes)


def test_a_known_address_beats_a_section_name(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Política">'
        '<meta property="og:url" content="https://www.correiobraziliense.com.br/politica/2024/05/1.html">'
        "<title>Câmara aprova o projeto</title></head><body><article><h1>Câmara aprova o projeto</h1>"
        "<p>A Câmara dos Deputados aprovou nesta terça-feira o projeto que muda as regras do orçamento,"
        " depois de uma longa sessão com votos da base e da oposição.</p></article></body></html>"
    )
    (tmp_path / "politica").mkdir()
    (tmp_path / "politica" / "p.html").write_text(page, encoding="utf-8")
    assert read_document(tmp_path, tmp_path / "politica" / "p.html", Catalog()).meta.outlet == "Correio Braziliense"


def test_a_wayback_copy_is_the_page_it_archived(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Vote passes</title>"
        '<link rel="canonical" href="https://web.archive.org/web/20240517093000/https://example.org/news/vote">'
        '<meta property="article:published_time" content="2019-03-02T10:00:00Z"></head><body>'
        "<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id='wm-ipp'>MAY 17, 2024 captures 17 May 2024</div>"
        "<!-- END WAYBACK TOOLBAR INSERT --><article><h1>Vote passes</h1><p>The assembly passed the measure"
        " on Saturday after a debate that lasted most of the night, with a narrow majority.</p></article></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    meta = read_document(tmp_path, tmp_path / "p.html", Catalog()).meta
    assert meta.url == "https://example.org/news/vote"
    assert meta.date == "2019-03-02"


def _mbox(path: Path, count: int, start: int = 1) -> None:
    box = mailbox.mbox(path)
    for n in range(start, start + count):
        message = EmailMessage()
        message["From"] = f"Writer {n} <w{n}@example.org>"
        message["Subject"] = f"Message number {n}"
        message["Date"] = f"Tue, {n:02d} Nov 2009 14:00:54 -0500"
        message["Message-ID"] = f"<m{n}@example.org>"
        message.set_content(f"The body of message {n} says something particular about item {n * 7}.\n")
        box.add(message)
    box.flush()
    box.close()


def test_a_file_of_several_documents_through_updates(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    _mbox(folder / "list.mbox", 2)
    (folder / "report.xyz").write_bytes(b"data")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "broken.epub").write_bytes(b"not a zip")
    with zipfile.ZipFile(folder / "empty.wacz", "w") as archive:
        archive.writestr("datapackage.json", "{}")
    (folder / "notes.md~").write_text("backup", encoding="utf-8")
    case = Case(folder, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    try:
        report = case.update()
        assert sorted(report.added) == ["list.mbox#1", "list.mbox#2"]
        skipped = {s.path: s.reason for s in case.skipped()}
        assert skipped["report.xyz"] == "unsupported type (.xyz)"
        assert skipped["broken.pdf"].startswith("damaged")
        assert skipped["broken.docx"].startswith("damaged")
        assert skipped["broken.epub"].startswith("damaged")
        assert skipped["empty.wacz"].startswith("not a WACZ")
        assert "notes.md~" not in skipped
        ids = {d.path: d.doc_id for d in case.documents()}
        assert ids == {"list.mbox#1": "list#1", "list.mbox#2": "list#2"}
        assert case.search("particular").total == 2
        _mbox(folder / "list.mbox", 1, start=3)  # a third message appended
        report = case.update()
        assert report.added == ["list.mbox#3"] and sorted(report.updated) == ["list.mbox#1", "list.mbox#2"]
        assert {d.path: d.doc_id for d in case.documents()}["list.mbox#1"] == "list#1"
        assert case.search("particular").total == 3
        (folder / "list.mbox").unlink()
        report = case.update()
        assert sorted(report.removed) == ["list.mbox#1", "list.mbox#2", "list.mbox#3"]
        assert case.documents() == []
    finally:
        case.close()


def test_the_watcher_follows_every_file_but_swap_files(tmp_path: Path) -> None:
    folder = tmp_path.resolve()
    assert relevant(folder, str(folder / "report.pdf")) == "report.pdf"
    assert relevant(folder, str(folder / "list.mbox")) == "list.mbox"
    assert relevant(folder, str(folder / "crawl.warc.gz")) == "crawl.warc.gz"
    assert relevant(folder, str(folder / "book.epub")) == "book.epub"
    assert relevant(folder, str(folder / "notes.md~")) is None
    assert relevant(folder, str(folder / ".notes.md.swp")) is None


def test_the_fixture_pdf_reads_with_pages(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "pdf" / "dmca-summary-1998.pdf", tmp_path / "dmca.pdf")
    (doc,) = read_documents(tmp_path, tmp_path / "dmca.pdf", Catalog())
    assert doc.meta.title == "The Digital Millennium Copyright Act of 1998"
    assert {p.page for p in doc.paragraphs} == {1, 2, 3, 4}
    joined = " ".join(p.text for p in doc.paragraphs)
    assert "implemented in the Uruguay Round" in joined  # "imple-/mented" joined
    assert "Page 2" not in joined  # the running footer is not text
