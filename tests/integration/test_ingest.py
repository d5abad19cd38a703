from pathlib import Path

from casereader.core.ingest.encoding import decode
from casereader.core.ingest.metadata import Catalog, parse_byline, parse_date
from casereader.core.ingest.paragraphs import split_paragraphs
from casereader.core.ingest.reader import UnreadableFile, read_document

from ..conftest import ORINOCO, SEEDS, WOLA


def kinds(doc_name: str, folder: Path = SEEDS) -> dict[int, str]:
    doc = read_document(folder, folder / f"{doc_name}.txt", Catalog.load(folder))
    return {p.n: p.kind for p in doc.paragraphs}


def test_orinoco_furniture_is_marked_not_dropped() -> None:
    found = kinds(ORINOCO)
    # SOURCES.md: line 1 empty; 2 and 5 the same caption; 3-4 tagline; 6 byline;
    # 11 and 24 headings; the last three lines credits.
    assert 1 not in found
    assert found[2] == found[5] == "caption"
    assert found[3] == found[4] == "tagline"
    assert found[6] == "byline"
    assert found[11] == found[24] == "heading"
    assert found[53] == found[54] == found[55] == "credit"
    furniture = {n for n, k in found.items() if k != "body"}
    assert furniture == {2, 3, 4, 5, 6, 11, 24, 53, 54, 55}
    assert len(found) == 54


def test_wola_numbered_headings() -> None:
    found = kinds(WOLA)
    assert {n for n, k in found.items() if k != "body"} == {3, 8, 12}
    assert all(found[n] == "heading" for n in (3, 8, 12))
    assert len(found) == 13


def test_metadata_of_both_seeds_comes_from_the_catalog() -> None:
    catalog = Catalog.load(SEEDS)
    orinoco = read_document(SEEDS, SEEDS / f"{ORINOCO}.txt", catalog).meta
    assert orinoco.title.startswith("The Repatriation of the 252")
    assert (orinoco.outlet, orinoco.author, orinoco.date, orinoco.lang) == (
        "Orinoco Tribune",
        "Misión Verdad",
        "2025-07-21",
        "en",
    )
    assert orinoco.url.startswith("https://orinocotribune.com/")
    assert orinoco.origins["author"] == "catalog"
    wola = read_document(SEEDS, SEEDS / f"{WOLA}.txt", catalog).meta
    assert wola.title.startswith("A Spectacle, Not a Solution")
    assert (wola.outlet, wola.date) == ("WOLA", "2025-04-25")
    assert wola.url.startswith("https://www.wola.org/")


def test_without_a_catalog_the_text_says_who_and_when(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes((SEEDS / f"{ORINOCO}.txt").read_bytes())
    meta = read_document(tmp_path, tmp_path / "a.txt", Catalog.load(tmp_path)).meta
    assert meta.author == "Misión Verdad"
    assert meta.date == "2025-07-21"
    assert meta.outlet == "Orinoco Tribune"
    assert meta.origins == {
        "author": "text",
        "date": "text",
        "outlet": "text",
        "title": "first sentence",
        "lang": "detected",
    }
    assert meta.lang == "en"
    # No headline in the file: its first sentence, clipped at a word, not "a" (the file name).
    assert meta.title.startswith("Some 252 Venezuelan citizens who were being held captive")
    assert meta.title.endswith("…") and len(meta.title) <= 91


def test_paragraph_offsets_index_the_original_text() -> None:
    path = SEEDS / f"{ORINOCO}.txt"
    text = path.read_text(encoding="utf-8")
    doc = read_document(SEEDS, path, Catalog.load(SEEDS))
    for para in doc.paragraphs:
        assert text[para.start : para.end] == para.text
    assert doc.paragraph(35) is not None
    assert "only 32 men (12%)" in doc.paragraph(35).text  # type: ignore[union-attr]


def test_blank_line_separated_hard_wrapped_paragraphs() -> None:
    text = (
        "A first paragraph that is wrapped\nover two lines of text.\n\n"
        "A second one,\r\nalso wrapped.\r\n\r\n\r\nThird.\n"
    )
    paras = split_paragraphs(text)
    assert [p.n for p in paras] == [1, 2, 3]
    assert paras[0].text == "A first paragraph that is wrapped over two lines of text."
    assert paras[1].text == "A second one,  also wrapped."
    for p in paras:
        assert len(text[p.start : p.end]) == len(p.text)


def test_markdown_front_matter_and_headings(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text(
        "---\ntitle: Notes on CECOT\nauthor: [Ana Pérez, Luis Gómez]\ndate: 2025-05-02\n"
        "lang: es\nsource: Field notes\n---\n# The transfers\n\nBody text of the note, "
        "long enough to be a paragraph of its own in this case.\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path, tmp_path / "note.md", Catalog.load(tmp_path))
    assert doc.meta.title == "Notes on CECOT"
    assert doc.meta.author == "Ana Pérez, Luis Gómez"
    assert (doc.meta.date, doc.meta.lang, doc.meta.outlet) == ("2025-05-02", "es", "Field notes")
    assert doc.paragraphs[0].kind == "heading"
    assert doc.paragraphs[0].text == "The transfers"
    assert doc.paragraphs[1].kind == "body"


def test_unreadable_inputs_say_why() -> None:
    for data, reason in (
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ):
        try:
            decode(data)
        except UnreadableFile as exc:
            assert reason in str(exc)
        else:  # pragma: no cover
            raise AssertionError(f"{data!r} decoded")


def test_encodings_are_detected() -> None:
    assert decode("\ufeffhello".encode()) == "hello"
    assert decode("hola".encode("utf-16")) == "hola"
    assert decode("Hola mundo, ¿qué tal? Texto en español.".encode("utf-16-le")) == (
        "Hola mundo, ¿qué tal? Texto en español."
    )
    assert decode("Bolívar y la canción de São Paulo".encode("cp1252")) == "Bolívar y la canción de São Paulo"
    portuguese = "Notícias: a eleição em São Paulo e a região metropolitana. Ação!"
    assert decode(portuguese.encode("latin-1")) == portuguese
    chinese = "经济发展和社会进步是国家的重要目标。" * 3
    assert decode(chinese.encode("gb2312")) == chinese
    russian = "Привет, как дела? Это текст на русском языке."
    assert decode(russian.encode("cp1251")) == russian


def test_stray_bytes_and_invisible_characters() -> None:
    # One invalid byte in a UTF-8 file loses that byte only.
    assert decode("café and a stray ".encode() + b"\xff" + " byte, ação".encode()) == (
        "café and a stray \ufffd byte, ação"
    )
    # NUL, zero-width spaces and soft hyphens go; words stay whole for search.
    assert decode("Bo\u200blí\u00advar\x00 and São".encode()) == "Bolívar and São"


def test_dates_and_bylines() -> None:
    assert parse_date("Jul 21, 2025") == "2025-07-21"
    assert parse_date("12 de outubro de 2017") == "2017-10-12"
    assert parse_date("13/12/2017 13h59") == "2017-12-13"
    assert parse_byline("By Misión Verdad – Jul 21, 2025") == ("Misión Verdad", "2025-07-21")
    assert parse_byline("Por Fulano de Tal | 12 de outubro de 2017") == ("Fulano de Tal", "2017-10-12")
    assert parse_byline("By the end of the year, the men had been sent back to a third country.") is None
    assert parse_byline("Por María de la Cruz y João Lima | 3 de março de 2025") == (
        "María de la Cruz y João Lima",
        "2025-03-03",
    )
    assert parse_byline("Por Redacción | 13/12/2017 13h59") == ("Redacción", "2017-12-13")
    assert parse_byline("By the Associated Press") == ("the Associated Press", "")
    # Headlines that start with "By"/"Por" are not bylines.
    assert parse_byline("By the numbers: how many were sent to CECOT") is None
    assert parse_byline("Por qué Bukele aceptó a los deportados") is None


def test_a_headline_starting_with_by_is_not_taken_for_the_byline(tmp_path: Path) -> None:
    body = "\n".join(
        f"Paragraph {i} tells how the men were flown to the prison in El Salvador without a hearing, "
        "and what their families were told in the weeks that followed."
        for i in range(1, 5)
    )
    (tmp_path / "a.txt").write_text(
        f"By the numbers, a deportation\nBy Ana Pérez – Jul 21, 2025\n{body}\n", encoding="utf-8"
    )
    document = read_document(tmp_path, tmp_path / "a.txt", Catalog(), "a")
    assert (document.meta.title, document.meta.author, document.meta.date) == (
        "By the numbers, a deportation",
        "Ana Pérez",
        "2025-07-21",
    )


def test_a_one_line_article_is_split_into_passages(tmp_path: Path) -> None:
    sentences = [
        f"Sentence {i} tells how the {i} men held at the prison were moved without a hearing." for i in range(1, 400)
    ]
    text = "A headline about the case\n" + " ".join(sentences) + "\n"
    assert len(text) > 30_000
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    doc = read_document(tmp_path, tmp_path / "long.txt", Catalog.load(tmp_path))
    body = [p for p in doc.paragraphs if p.is_body]
    assert len(body) > 10
    assert [p.n for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
    for para in doc.paragraphs:
        assert len(para.text.split()) <= 300
        assert text[para.start : para.end] == para.text
    for para in body:
        assert para.text.startswith("Sentence ") and para.text.endswith("hearing.")
    # In order, and nothing lost.
    joined = " ".join(p.text for p in body)
    assert joined == " ".join(sentences)


def test_one_enormous_sentence_is_cut_at_spaces(tmp_path: Path) -> None:
    text = " ".join(f"word{i}" for i in range(1000)) + "\n"
    (tmp_path / "blob.txt").write_text(text, encoding="utf-8")
    doc = read_document(tmp_path, tmp_path / "blob.txt", Catalog.load(tmp_path))
    assert [len(p.text.split()) for p in doc.paragraphs] == [300, 300, 300, 100]
    assert " ".join(p.text for p in doc.paragraphs) == text.strip()


def test_markdown_syntax_does_not_leak_into_passages(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(
        "---\n"
        "title: >\n  Notes on the\n  &amp; transfers\n"
        "authors:\n  - Ana Pérez\n  - Luis Gómez\n"
        "date: July 3, 2025\n"
        "---\n\n"
        "The transfers\n=============\n\n"
        "The men were sent to **CECOT** according to [the WOLA analysis](https://wola.org/x),\n"
        "which cites _court records_ and `judicial reviews` of the cases in question.\n\n"
        "---\n\n"
        "- A list item about the 252 men who were held without any hearing at all there.\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path, tmp_path / "notes.md", Catalog.load(tmp_path))
    assert doc.meta.title == "Notes on the & transfers"
    assert doc.meta.author == "Ana Pérez, Luis Gómez"
    assert doc.meta.date == "2025-07-03"
    texts = [(p.kind, p.text) for p in doc.paragraphs]
    assert texts[0] == ("heading", "The transfers")
    assert texts[1][1] == (
        "The men were sent to CECOT according to the WOLA analysis, which cites court records "
        "and judicial reviews of the cases in question."
    )
    assert texts[2][1].startswith("A list item about the 252 men")
    assert len(texts) == 3  # the --- rule is not a paragraph


def test_a_short_note_is_a_headline_a_byline_and_paragraphs_not_one_wrapped_block(tmp_path: Path) -> None:
    (tmp_path / "nota.txt").write_text(
        "Nota de prensa\nPor Ana Ruiz | 3 de agosto de 2025\n"
        "Los 252 venezolanos enviados al CECOT regresaron a Caracas según el gobierno.\n"
        "Otro párrafo sobre la repatriación de los migrantes desde El Salvador.\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path, tmp_path / "nota.txt", Catalog())
    assert [(p.n, p.kind) for p in doc.paragraphs] == [(1, "title"), (2, "byline"), (3, "body"), (4, "body")]
    assert (doc.meta.title, doc.meta.author, doc.meta.date) == ("Nota de prensa", "Ana Ruiz", "2025-08-03")


def test_hard_wrapped_prose_is_still_one_paragraph_per_block(tmp_path: Path) -> None:
    (tmp_path / "wrapped.txt").write_text(
        "The men were flown to El Salvador on March 15, and most of\n"
        "them had no criminal record in the United States, according\n"
        "to the records reviewed by reporters.\n\n"
        "Their families learned of the transfer from photographs\n"
        "published by the government.\n",
        encoding="utf-8",
    )
    doc = read_document(tmp_path, tmp_path / "wrapped.txt", Catalog())
    assert [p.n for p in doc.paragraphs] == [1, 2]
    assert doc.paragraphs[0].text.startswith("The men were flown") and doc.paragraphs[0].text.endswith("reporters.")
