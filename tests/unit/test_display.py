"""What the panes show of a long paragraph, and how a source is named beside a passage."""

from __future__ import annotations

import re

from casereader.core import Citation, Ref, Span
from casereader.core.models import DocMeta
from casereader.display import snippet


def spans_of(text: str, pattern: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(pattern, text)]


def test_a_snippet_centres_on_the_best_matching_part_of_a_long_paragraph() -> None:
    text = (
        "Bukele was mentioned once here. "
        + "Filler words about nothing in particular go on. " * 12
        + "Then Bukele offered to swap the 252 men held in CECOT for prisoners. "
        + "More filler text follows here. " * 6
    )
    shown, moved = snippet(text, spans_of(text, r"Bukele|CECOT|252"), width=120)
    assert "Then Bukele offered to swap the 252 men held in CECOT" in shown
    assert [shown[s.start : s.end] for s in moved] == ["Bukele", "252", "CECOT"]
    assert shown.startswith("… ") and shown.endswith(" …")


def test_a_short_paragraph_is_shown_whole_and_one_match_is_still_found() -> None:
    assert snippet("Bukele spoke.", spans_of("Bukele spoke.", "Bukele"), width=120)[0] == "Bukele spoke."
    text = "x " * 200 + "CECOT " + "y " * 200
    shown, moved = snippet(text, spans_of(text, "CECOT"), width=80)
    assert [shown[s.start : s.end] for s in moved] == ["CECOT"]


def test_a_source_without_outlet_or_date_is_named_by_its_article() -> None:
    bare = Citation.of(Ref("bbc/tech/001", 3), DocMeta(title="Ink helps drive democracy in Asia and beyond the region"))
    assert bare.annotation() == "“Ink helps drive democracy in Asia and b…” · ¶3"
    untitled = Citation.of(Ref("bbc/tech/002", 4), DocMeta())
    assert untitled.annotation() == "bbc/tech/002 · ¶4"
    meta = DocMeta(title="T", outlet="Orinoco Tribune", author="Misión Verdad", date="2025-07-21")
    full = Citation.of(Ref("a", 35), meta)
    assert full.annotation() == "Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35"


def test_an_anchor_keeps_the_differing_figure_in_view_and_cuts_one_window_for_all_spans() -> None:
    filler = "Words that fill the paragraph up. " * 10
    text = "Bukele and CECOT and Bukele. " + filler + "Only 32 men (12%) had records."
    shared = spans_of(text, r"Bukele|CECOT|records")
    figure = spans_of(text, r"12%")
    shown, moved = snippet(text, shared, width=100, anchor=figure)
    marked, figures = snippet(text, figure, width=100, anchor=figure)
    assert shown == marked and [shown[s.start : s.end] for s in figures] == ["12%"]
    assert [shown[s.start : s.end] for s in moved] == ["records"]
