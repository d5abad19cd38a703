"""Why a passage is related, typed: the shared names and terms, the same figures and the
differences are fields of their own; the strings of ``related --json`` ("differs: A vs B"
first) are made from them, and nothing parses them back."""

from __future__ import annotations

from casereader.core import Citation, Difference, Hit, Ref, Related, Span
from casereader.core.models import DocMeta
from casereader.core.sides.figures import Figure
from casereader.core.sides.honest import _with_differences, strong

TEXT = "Of the 252 men, 90 percent had no record, said WOLA; CBS found 75% of them had none."


def hit(text: str = TEXT) -> Hit:
    return Hit(Citation.of(Ref("wola", 6), DocMeta(outlet="WOLA")), "body", text, [], 1.0)


def figure(value: float, unit: str, text: str, doc_id: str, start: int) -> Figure:
    return Figure(value, unit, text, "", "", doc_id, 1, "Outlet", "", start, start + len(text))


def test_reasons_say_the_differences_first_then_the_same_figures_then_what_is_shared() -> None:
    item = Related(
        hit(),
        [],
        ["Tren de Aragua", "criminal record"],
        False,
        differs=(Difference("75%", "90 percent"),),
        same_figures=("252",),
    )
    assert str(item.differs[0]) == "differs: 75% vs 90 percent"
    assert item.in_common == ["same figure: 252", "Tren de Aragua", "criminal record"]
    assert item.reasons == ["differs: 75% vs 90 percent", "same figure: 252", "Tren de Aragua", "criminal record"]
    assert item.to_json()["reasons"] == item.reasons


def test_compared_figures_become_typed_fields_whatever_order_the_pairs_come_in() -> None:
    source = "Some 252 men were sent, and 75% had no record."
    mine = {w: source.index(w) for w in ("252", "75%")}
    theirs = {w: TEXT.index(w) for w in ("252", "90 percent")}
    same = (figure(252, "count", "252", "orinoco", mine["252"]), figure(252, "count", "252", "wola", theirs["252"]))
    differ = (
        figure(75, "percent", "75%", "orinoco", mine["75%"]),
        figure(90, "percent", "90 percent", "wola", theirs["90 percent"]),
    )
    # "252" and "90 percent" were shared words before the comparison
    spans = [Span(start, start + len(w)) for w, start in theirs.items()]
    source_spans = [Span(start, start + len(w)) for w, start in mine.items()]
    item = Related(Hit(hit().citation, "body", TEXT, spans, 1.0), source_spans, ["90 percent", "record"], False)
    compared = _with_differences(item, [same, differ, same])  # a same figure first, and twice
    assert compared.differs == (Difference("75%", "90 percent"),)
    assert compared.same_figures == ("252",)
    assert compared.shared == ["record"]  # a figure that differs is not shared
    assert compared.reasons == ["differs: 75% vs 90 percent", "same figure: 252", "record"]
    assert [TEXT[s.start : s.end] for s in compared.differing] == ["90 percent"]
    assert [source[s.start : s.end] for s in compared.source_differing] == ["75%"]
    assert [TEXT[s.start : s.end] for s in compared.hit.spans] == ["252"]  # the same figure stays shared
    assert strong(compared, set())  # a figure in common is reason enough to show it


def test_a_passage_sharing_only_common_words_is_below_the_floor_and_a_figure_lifts_it() -> None:
    weak = Related(hit(), [], ["Venezuela", "President"], False)
    assert not strong(weak, set())
    assert strong(Related(hit(), [], ["Venezuela"], False, same_figures=("252",)), set())
    assert strong(Related(hit(), [], [], False, differs=(Difference("75%", "90 percent"),)), set())
    assert strong(Related(hit(), [], ["criminal", "record", "charges"], False), set())
