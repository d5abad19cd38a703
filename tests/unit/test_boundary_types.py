"""The value types at the core's boundary: references, citations, fields and formats."""

from pathlib import PurePath

import pytest

from casereader.core import FIELDS, FORMATS, Citation, DocMeta, QueryError, Ref
from casereader.core.ingest.formats import format_for
from casereader.core.ingest.reader import is_article_path
from casereader.core.search.query import parse, plan
from casereader.tui.screens.help import help_text


def test_a_ref_prints_and_parses_back() -> None:
    ref = Ref("000_931ed05bed4de436", 35)
    assert str(ref) == "000_931ed05bed4de436:35"
    assert Ref.parse(str(ref)) == ref
    assert Ref.parse("news/2025:07:3") == Ref("news/2025:07", 3)  # ids are paths; the number is last


@pytest.mark.parametrize("text", ["nonsense", "doc:", ":3", "doc:x", "doc:-1", ""])
def test_a_bad_ref_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ValueError, match="write DOC:N"):
        Ref.parse(text)


def test_a_citation_line_and_quote() -> None:
    meta = DocMeta(title="T", outlet="Orinoco Tribune", author="Misión Verdad", date="2025-07-21", url="https://x")
    citation = Citation.of(Ref("d", 35), meta)
    assert citation.annotation() == "Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35"
    assert citation.line() == 'Orinoco Tribune, Misión Verdad, "T", 2025-07-21, ¶35. https://x'
    assert citation.quote("text") == "“text”\n— " + citation.line()
    bare = Citation.of(Ref("d", 2), DocMeta(title="Only a title"))
    assert bare.annotation() == "“Only a title” · ¶2"  # named by its article, never a bare ¶2
    assert bare.line() == '"Only a title", ¶2'


def test_every_field_of_the_table_is_parsed_explained_and_in_the_help() -> None:
    help_ = help_text()
    for spec in FIELDS:
        assert spec.example in help_ and spec.description in help_
        for name in (spec.name, *spec.aliases):
            assert parse(f"{name}:x" if not spec.date else f"{name}:2025") is not None
        with pytest.raises(QueryError, match=f"e.g. {spec.example}"):
            parse(f"{spec.name}: ")


def test_a_plan_keeps_filters_apart_and_the_plain_words_for_did_you_mean() -> None:
    planned = plan('Bukle -Rodrigez negotiat* "due process" outlet:wola')
    assert [f.field for f in planned.filters] == ["outlet"]
    assert [w.text for w in planned.plain_words] == ["Bukle"]  # not the excluded, prefix or phrase


def test_every_format_suffix_is_an_article_and_nothing_else_is() -> None:
    for fmt in FORMATS:
        for suffix in fmt.suffixes:
            path = PurePath(f"folder/file{suffix.upper()}")
            assert format_for(path) is fmt
            assert is_article_path(PurePath(f"folder/file{suffix}"))  # type: ignore[arg-type]
    assert format_for(PurePath("photo.png")) is None
    assert not is_article_path(PurePath(".hidden/file.txt"))  # type: ignore[arg-type]
