"""Right sources: what casereader takes from a file's own metadata, where the file's word is
overruled (the language, mojibake), where a field comes from when the file says nothing
(the folder, the file's time), and a reader's corrections to the catalog."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from casereader.core import Case, CorrectionError
from casereader.core.ingest.metadata import CATALOG_NAME
from casereader.core.places import data_dir_for

from .conftest import Cli

FRENCH = (
    "Un troisième Français est mort dans le séisme qui a frappé le Népal samedi, a annoncé jeudi le "
    "ministère des Affaires étrangères, qui recherche toujours plusieurs dizaines de ressortissants "
    "dont il est sans nouvelles depuis la catastrophe. Les secours poursuivent leurs recherches."
)


def page(body: str, head: str = "", html_attrs: str = 'lang="en"') -> str:
    return (
        f"<html {html_attrs}><head><title>Un article</title>{head}</head>"
        f"<body><article><h1>Un article</h1><p>{body}</p></article></body></html>"
    )


def doc(case: Case, path: str):  # type: ignore[no-untyped-def]
    return next(d for d in case.documents() if d.path == path)


def test_when_page_metadata_contradicts_the_text_the_text_wins_and_the_report_says_so(
    make_case: Callable[..., Case], tmp_path: Path
) -> None:
    case = make_case({"fr.html": page(FRENCH)})
    meta = doc(case, "fr.html").meta
    assert (meta.lang, meta.origins["lang"]) == ("fr", "detected")
    again = Case(case.folder, tmp_path / "other-index").update()
    assert any("says 'en', the text is 'fr'" in note for note in again.notices)


def test_the_catalog_language_is_not_second_guessed(make_case: Callable[..., Case]) -> None:
    catalog = '[documents."fr.html"]\nlang = "en"\n'
    case = make_case({"fr.html": page(FRENCH)}, catalog=catalog)
    assert doc(case, "fr.html").meta.lang == "en"


def test_a_language_the_detector_does_not_know_is_taken_from_the_page(make_case: Callable[..., Case]) -> None:
    czech = "Fotbalisté West Hamu porazili Aston Villu a posunuli se na čtvrté místo tabulky Premier League. " * 3
    case = make_case({"cs.html": page(czech, html_attrs='lang="cs"')})
    assert doc(case, "cs.html").meta.lang == "cs"


def test_mojibake_is_repaired_and_typographic_quotes_and_dashes_stay(make_case: Callable[..., Case]) -> None:
    written = "“The Evil Dead” – a film by Sam Raimi – opened in 1981 to acclaim from critics."
    import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252": Windows-1252 as browsers read it)

    broken = written.encode("utf-8").decode("sloppy-windows-1252")  # “ read as Windows-1252: â€œ
    assert broken.startswith("â€œThe Evil Dead")
    kept = "Its sequel — “Evil Dead II” — followed in 1987; it’s ‘better’, some say."
    case = make_case({"film.txt": f"{broken}\n\n{kept}\n"})
    texts = [p.text for p in case.paragraphs(doc(case, "film.txt").doc_id)]
    assert texts == [written, kept]
    report = Case(case.folder, case.index_dir.parent / "again").update()
    assert any("mojibake repaired on 1 line" in note for note in report.notices)


def test_a_relative_stamp_is_counted_back_from_the_file_time_and_said_so(make_case: Callable[..., Case]) -> None:
    body = (
        "El Gobierno anunció hoy nuevas medidas para el sector agrícola tras semanas de protestas de los "
        "productores en varias provincias del país, que reclamaban precios justos."
    )
    folder_case = make_case(
        {
            "nota.html": page(body, html_attrs='lang="es"').replace(
                "<h1>Un article</h1>", '<h1>Un article</h1><div class="byline">Por Ana Pérez · hace 2 días</div>'
            )
        }
    )
    path = folder_case.folder / "nota.html"
    stamp = 1_700_000_000  # 2023-11-14 22:13 UTC
    os.utime(path, (stamp, stamp))
    case = Case(folder_case.folder, folder_case.index_dir.parent / "again")
    report = case.update()
    meta = doc(case, "nota.html").meta
    assert meta.author == "Ana Pérez"
    assert meta.origins["date"] == "file time"
    assert meta.date in ("2023-11-12", "2023-11-13")  # two days before the file's time, in local time
    assert any("'hace 2 días' counted back from the file's time" in note for note in report.notices)


def test_a_dated_page_is_not_dated_by_the_file_time(make_case: Callable[..., Case]) -> None:
    head = '<meta property="article:published_time" content="2025-07-21T10:00:00Z">'
    head += '<meta property="article:modified_time" content="2025-07-23T08:00:00Z">'
    case = make_case({"a.html": page(FRENCH, head, 'lang="fr"')})
    meta = doc(case, "a.html").meta
    assert (meta.date, meta.updated, meta.origins["date"]) == ("2025-07-21", "2025-07-23", "page metadata")


def test_the_outlet_comes_from_the_known_address_else_the_folder(make_case: Callable[..., Case]) -> None:
    head = '<link rel="canonical" href="https://www.elcolombiano.com/colombia/nota-1">'
    head += '<meta property="og:site_name" content="Política">'
    post = "---\ntitle: Una nota\nauthor: Ana Pérez\ndate: 2025/04/23\n---\n\n" + FRENCH + "\n"
    case = make_case({"col.html": page(FRENCH, head, 'lang="fr"'), "cases/wola/post.md": post, "loose.md": post})
    col = doc(case, "col.html").meta
    assert (col.outlet, col.origins["outlet"]) == ("El Colombiano", "web address")
    wola = doc(case, "cases/wola/post.md").meta
    assert (wola.outlet, wola.origins["outlet"], wola.date, wola.author) == (
        "wola",
        "folder",
        "2025-04-23",
        "Ana Pérez",
    )
    assert doc(case, "loose.md").meta.outlet == ""  # the case folder itself names no outlet


def test_a_correction_is_written_to_the_catalog_and_wins(make_case: Callable[..., Case]) -> None:
    head = '<meta name="author" content="Username">'
    case = make_case({"a.html": page(FRENCH, head, 'lang="fr"'), "b.html": page(FRENCH, "", 'lang="fr"')})
    (case.folder / CATALOG_NAME).write_text('# my own notes on this case\n[case]\nname = "Séisme"\n', encoding="utf-8")
    case.update()
    assert doc(case, "a.html").meta.author == ""  # "Username" is nobody
    written = case.correct("a.html", {"author": "Sébastien Farcis", "date": "30/04/2015", "outlet": "Libération"})
    assert written == case.folder / CATALOG_NAME
    text = written.read_text(encoding="utf-8")
    assert "# my own notes on this case" in text and 'name = "Séisme"' in text  # the user's file is kept
    report = case.update()
    assert report.updated == ["a.html"]  # only the corrected document is read again
    meta = doc(case, "a.html").meta
    assert (meta.author, meta.date, meta.outlet) == ("Sébastien Farcis", "2015-04-30", "Libération")
    assert meta.origins["author"] == meta.origins["date"] == "catalog"
    case.correct("a.html", {"author": ""})  # the piece names no author: empty wins over the page
    case.update()
    assert doc(case, "a.html").meta.author == ""


def test_bad_corrections_are_refused_with_a_reason(make_case: Callable[..., Case]) -> None:
    case = make_case({"a.html": page(FRENCH, "", 'lang="fr"')})
    with pytest.raises(CorrectionError, match="not a date"):
        case.correct("a.html", {"date": "someday"})
    with pytest.raises(CorrectionError, match="not a field"):
        case.correct("a.html", {"colour": "red"})
    with pytest.raises(CorrectionError, match="not a language tag"):
        case.correct("a.html", {"lang": "French!"})
    (case.folder / CATALOG_NAME).write_text("[documents\nbroken", encoding="utf-8")
    with pytest.raises(CorrectionError, match="not valid TOML"):
        case.correct("a.html", {"author": "Ana"})
    assert (case.folder / CATALOG_NAME).read_text(encoding="utf-8") == "[documents\nbroken"  # untouched


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_case_keeps_its_corrections_in_the_data_folder(make_case: Callable[..., Case]) -> None:
    case = make_case({"a.html": page(FRENCH, "", 'lang="fr"')})
    os.chmod(case.folder, 0o555)
    try:
        written = case.correct("a.html", {"author": "Ana Pérez"})
        assert written == data_dir_for(case.folder) / CATALOG_NAME
        assert not (case.folder / CATALOG_NAME).exists()
        case.update()
        assert doc(case, "a.html").meta.author == "Ana Pérez"
    finally:
        os.chmod(case.folder, 0o755)


def test_a_case_folder_that_cannot_be_written_sends_corrections_to_the_data_folder(
    make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    case = make_case({"a.html": page(FRENCH, "", 'lang="fr"')})
    folder = case.folder
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real_access(p, mode))
    written = case.correct("a.html", {"author": "Ana Pérez"})
    assert written == data_dir_for(folder) / CATALOG_NAME and not (folder / CATALOG_NAME).exists()
    case.update()
    meta = doc(case, "a.html").meta
    assert (meta.author, meta.origins["author"]) == ("Ana Pérez", "catalog")


def test_the_correct_command(cli: Cli, make_case: Callable[..., Case]) -> None:
    case = make_case({"a.html": page(FRENCH, "", 'lang="fr"')})
    done = cli("correct", "a.html", "author=Ana Pérez", "date=2015-04-30", "--corpus", str(case.folder), columns=120)
    assert done.returncode == 0, done.stderr
    assert "Ana Pérez" in done.stdout and "catalog" in done.stdout
    bad = cli("correct", "a.html", "date=soon", "--corpus", str(case.folder), columns=120)
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr
    missing = cli("correct", "nope.html", "author=X", "--corpus", str(case.folder), columns=120)
    assert missing.returncode == 2 and "is not a document" in missing.stderr


@pytest.mark.parametrize(
    ("catalog", "name"),
    [
        ('[case]\nname = "Séisme"\n\n[documents."a.html"]\nauthor = "X"\n', "Séisme"),
        ('[documents."a.html"]\nauthor = "X"\n\n[case]\nname = "After"\n', "After"),  # case table last
        ('[documents."a.html"]\nauthor = "X"\n', ""),
        ("[case\nbroken", ""),
    ],
)
def test_the_case_name_is_read_without_parsing_every_document_entry(tmp_path: Path, catalog: str, name: str) -> None:
    from casereader.core.ingest.metadata import Catalog

    (tmp_path / CATALOG_NAME).write_text(catalog, encoding="utf-8")
    assert Catalog.case_name(tmp_path) == name
    assert Case(tmp_path, tmp_path / "index").name == (name or tmp_path.name)
