"""Property tests for the classes of hostile input found by hand (mixed encodings, odd file
names, deep nesting, control characters, enormous lines), so their relatives are caught too."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereader.core import QueryError
from casereader.core.ingest.encoding import read_text
from casereader.core.ingest.formats import html
from casereader.core.ingest.paragraphs import MAX_PASSAGE_WORDS, split_long, split_paragraphs
from casereader.core.ingest.reader import scan
from casereader.core.models import UnreadableFile
from casereader.core.search.query import parse
from casereader.display import visible

ASCII_WORDS = st.text(st.sampled_from("abcdefghij KLMNO.,;"), min_size=1, max_size=40)
# A UTF-8 line holds at least one multi-byte character (a file of ASCII lines and one legacy
# line is a legacy file, for charset detection to name).
UTF8_LINE = st.tuples(ASCII_WORDS, st.text(st.sampled_from("çãéñ“”—€ü中文"), min_size=1, max_size=6), ASCII_WORDS).map(
    "".join
)
# Words whose Windows-1252 bytes (0xE0-0xFA) open a UTF-8 sequence that ASCII cannot continue:
# a line of them is never valid UTF-8, so it is one the decoder must repair.
CP1252_LINE = (
    st.lists(
        st.sampled_from(["ação", "café", "está", "João", "não", "señor", "niño", "él", "the", "and", "said", "2025"]),
        min_size=1,
        max_size=10,
    )
    .map(" ".join)
    .filter(lambda line: not line.isascii())
)


@given(st.binary(max_size=400))
@settings(max_examples=400)
def test_any_bytes_are_read_or_refused_with_a_reason(data: bytes) -> None:
    try:
        text, note = read_text(data)
    except UnreadableFile as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert "\x00" not in text and "\n" not in note


@given(st.lists(UTF8_LINE, min_size=5, max_size=12), st.lists(CP1252_LINE, min_size=1, max_size=2), st.data())
@settings(max_examples=200)
def test_a_utf8_file_with_windows_1252_lines_keeps_every_line(
    utf8: list[str], legacy: list[str], data: st.DataObject
) -> None:
    lines = [(line, line.encode("utf-8")) for line in utf8]
    for line in legacy:
        lines.insert(data.draw(st.integers(0, len(lines))), (line, line.encode("cp1252")))
    text, note = read_text(b"\n".join(encoded for _, encoded in lines) + b"\n")
    assert text.splitlines() == [line for line, _ in lines]
    assert "Windows-1252" in note


@given(st.text(max_size=200))
@settings(max_examples=400)
def test_visible_text_has_no_control_character_and_keeps_offsets(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert not [c for c in shown if unicodedata.category(c) == "Cc" and c not in "\t\n"]
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", shown)  # no bidi overrides


@given(
    st.integers(0, 400),
    st.integers(0, 400),
    st.sampled_from(["tax", "a OR b", "outlet:x", '"x y"', "-", "NOT", ""]),
    st.sampled_from("()[]{}"),
)
@settings(max_examples=300)
def test_nesting_of_any_depth_is_parsed_or_a_one_line_error(
    opening: int, closing: int, inner: str, bracket: str
) -> None:
    query = bracket * opening + inner + {"(": ")", "[": "]", "{": "}"}.get(bracket, bracket) * closing
    try:
        parse(query)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc) and len(str(exc)) < 300


CHAR_REF = st.one_of(
    st.integers(0, 0x10FFFF).map(lambda n: f"&#{n};"),
    st.integers(0, 0x10FFFF).map(lambda n: f"&#x{n:x};"),
    st.sampled_from(["&amp;", "&lt;", "&nbsp;", "&bogus;", "&#;", "&#x;", "&"]),
    st.characters(max_codepoint=0x2FFF).map(str),
)


@given(st.lists(CHAR_REF, max_size=12).map("".join))
@settings(max_examples=60, deadline=None)
def test_a_page_with_any_character_reference_is_read_and_shown_visibly(inserted: str) -> None:
    body = " ".join(["The committee heard testimony about the transfer of prisoners."] * 4)
    page = (
        "<html><head><title>A hostile page</title></head><body><article>"
        f"<h1>A hostile page</h1><p>{body} {inserted} {body}</p><p>{body}</p></article></body></html>"
    )
    try:
        extracted = html.read(page)
    except UnreadableFile as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert not [c for c in extracted.text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"]
    assert "testimony" in extracted.text


NAME_BYTES = st.binary(min_size=1, max_size=12).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_"))


@given(st.lists(NAME_BYTES, min_size=1, max_size=6, unique=True))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_files_of_any_name_are_listed_or_reported(names: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        written = []
        for name in names:
            if name in (b".", b".."):
                continue
            path = os.path.join(os.fsencode(folder), name + b".txt")
            with open(path, "wb") as handle:
                handle.write(b"An article.\n")
            written.append(name)
        found = scan(folder)
        assert len(found.files) + len(found.skipped) == len([n for n in written if not n.startswith(b".")])
        for path in [
            *(p.relative_to(folder.resolve()).as_posix() for p in found.files),
            *(s.path for s in found.skipped),
        ]:
            path.encode("utf-8")  # every name shown can be printed (no lone surrogates)


WORDS = st.lists(
    st.sampled_from(["word", "Sentence.", "end!", "“Quoted”", "x", "¿Qué?", "…", "A", "\n", "\n\n"]),
    min_size=0,
    max_size=1500,
)


@given(WORDS)
@settings(max_examples=60, deadline=None)
def test_long_paragraphs_are_split_without_losing_or_repeating_a_word(words: list[str]) -> None:
    text = " ".join(words)
    passages = split_long(split_paragraphs(text), text)
    assert all(len(p.text.split()) <= MAX_PASSAGE_WORDS for p in passages)
    assert " ".join(p.text for p in passages).split() == text.split()
    assert [p.n for p in passages] == sorted(p.n for p in passages)
