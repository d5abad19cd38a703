"""Text safety has one home (core/text/safe.py): one range of characters that never reach a
terminal as they are, used alike by the display (CLI and app) and by the reading of pages."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casereader.core.ingest.formats import html
from casereader.core.text.safe import UNSAFE, is_unsafe, stand_in, visible
from casereader.display import visible as shown

BIDI_FORMATTING = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
BIDI_MARKS = {"\u061c", "\u200e", "\u200f"}  # ARABIC LETTER MARK, LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
HIDING = ["\u206a", "\u206f", "\ufff9", "\ufffb", "\U000e0001", "\U000e0041", "\U000e007f"]
UNSAFE_SAMPLES = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\t\n"]
UNSAFE_SAMPLES += [chr(c) for c in range(0x2000, 0x2070) if unicodedata.bidirectional(chr(c)) in BIDI_FORMATTING]
UNSAFE_SAMPLES += sorted([*BIDI_MARKS, *HIDING])  # sorted: one order in every process (pytest-xdist)
BODY = " ".join(["The committee heard testimony about the transfer of prisoners."] * 4)


def page(inserted: str) -> str:
    return (
        "<html><head><title>A page</title></head><body><article><h1>A page</h1>"
        f"<p>{BODY} {inserted} {BODY}</p><p>{BODY}</p></article></body></html>"
    )


def test_the_range_holds_every_control_bidi_and_hiding_character_and_nothing_else_of_note() -> None:
    assert len(UNSAFE_SAMPLES) == 30 + 1 + 32 + 9 + 3 + len(HIDING)
    assert all(is_unsafe(ord(c)) for c in UNSAFE_SAMPLES)
    kept = "\t\n aZ09é中文😀\u200d\u200c«»—€"  # tab, line feed, letters, emoji and their joiners
    assert not any(is_unsafe(ord(c)) for c in kept)
    assert not is_unsafe(0x110000) and not is_unsafe(-1)  # no such character: nothing to replace


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(UNSAFE_SAMPLES)), max_size=200))
@settings(max_examples=300)
def test_visible_text_keeps_its_length_and_holds_no_unsafe_character(text: str) -> None:
    safe = visible(text)
    assert len(safe) == len(text)  # highlight offsets stay valid
    assert not [c for c in safe if unicodedata.category(c) == "Cc" and c not in "\t\n"]
    assert not [c for c in safe if unicodedata.bidirectional(c) in BIDI_FORMATTING or c in BIDI_MARKS]
    assert UNSAFE.search(safe) is None
    assert shown(text) == safe  # the display uses the core's range


def test_stand_ins_are_the_control_pictures_else_the_replacement_character() -> None:
    assert visible("\x1b[31m red \x07 \r \x7f") == "␛[31m red ␇ ␍ ␡"
    assert visible("abc\u202edcb\u2066x\u2069 \u200f") == "abc�dcb�x� �"
    assert visible("hidden:\U000e0068\U000e0069") == "hidden:��"
    assert stand_in(0) == "␀" and stand_in(0x9B) == "\ufffd"


@pytest.mark.parametrize("character", UNSAFE_SAMPLES)
def test_a_page_shows_every_unsafe_character_as_the_display_does_raw_or_as_a_reference(character: str) -> None:
    code = ord(character)
    if code == 0x0D or 0x80 <= code <= 0x9F:
        return  # a line end in a page; references to 128-159 are Windows-1252 (below)
    for written in (character, f"&#{code};", f"&#x{code:x};"):
        text = html.read(page(f"before{written}after")).text
        assert f"before{visible(character)}after" in text, (hex(code), written)
        assert character not in text


def test_a_page_keeps_its_line_ends_and_reads_references_to_128_159_as_browsers_do() -> None:
    lines = page("Said &#147;no&#148; &#150; twice.").replace("<p>", "\n<p>")
    assert html.read(lines.replace("\n", "\r\n")).text == html.read(lines).text
    text = html.read(lines).text
    assert "Said “no” – twice." in text
    assert "\r" not in text and "␍" not in text
    assert "&#129;" not in html.visible_controls("&#129;") and "\x81" not in html.visible_controls("&#129;")
