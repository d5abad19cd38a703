"""Figures as a reader checks them: a quantity with its scale and what it counts, never a
date, a time, a code or part of a name; groups and "differs" only between figures that count
the same thing; JSON that any parser reads.  And the figures view held on the gold set's
held-out cases (bench/sides_quality.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from casereader.core import Case, Ref
from casereader.core.sides.figures import find_figures, group_figures

from ..conftest import REPO
from .conftest import Cli


def figures(text: str, lang: str = "en") -> list[tuple[str, float, str]]:
    return [(f.text, f.value, f.counts) for f in find_figures([("doc", 1, "Outlet", text)], {"doc": lang})]


def values(text: str, lang: str = "en") -> list[float]:
    return [value for _, value, _ in figures(text, lang)]


def test_seventy_five_is_one_number_and_agrees_with_75(tmp_path: Path) -> None:
    """Issue 29, item 12: "seventy-five protesters" was read as 70 and 5, so 75 and
    "seventy-five" were flagged as a disagreement."""
    found = figures("Police said seventy-five protesters were arrested near the square.")
    assert [(value, counts) for _, value, counts in found] == [(75.0, "protesters")]
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text("Police said seventy-five protesters were arrested near the square.\n")
    (folder / "b.txt").write_text("Police said 75 protesters were arrested near the square on Sunday.\n")
    (folder / "catalog.toml").write_text(
        '[documents."a.txt"]\noutlet = "Alpha"\nlang = "en"\n[documents."b.txt"]\noutlet = "Beta"\nlang = "en"\n'
    )
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    views = case.views()
    assert sorted(f.value for f in views.figures) == [75.0, 75.0]
    assert not any(g.disagreement for g in views.groups)


def test_a_date_written_in_digits_gives_no_figures() -> None:
    """Issue 29, item 12: "2025-07-21" yielded the figures 07 and 21."""
    assert values("The deal was signed on 2025-07-21 in Geneva by 12 ministers.") == [12.0]
    assert values("Brasília, 15/02/2024 – O ministro falou nesta quinta-feira (15) e no domingo (9/5).", "pt") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The 18F team and G1 reported it at 10 Downing Street.", "en"),
        ("The meeting started at 10 a.m. Central European Time (0800 UTC), version 3.2.1 was out.", "en"),
        ("Merged in PR #1234 and in pull request 56; see Article 5 of the treaty.", "en"),
        ("The Normandy Four met again; Nord Stream 2 will not move forward; COVID-19 and H1N1 spread.", "en"),
        ("Llegó a las 16h05, se fue a las once y volvió a las doce.", "es"),
        ("They met once again; he was once a minister.", "en"),
        ("O doce é doce, disse ele às 13h30 na BR-116, pela Portaria nº 77, no nível 2.", "pt"),
        ("Foi a 36ª edição da comissão, no 75th aniversário.", "pt"),
    ],
)
def test_codes_times_identifiers_and_words_that_are_not_numbers_are_not_figures(text: str, lang: str) -> None:
    assert figures(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("The city paid a $23-million settlement.", "en", 23e6),
        ("Investors lost £15.8m in the scheme.", "en", 15.8e6),
        ("O governo liberou R$ 1,06 bilhão em emendas.", "pt", 1.06e9),
        ("O pacote soma R$ 50,945 bilhões em recursos.", "pt", 50.945e9),
        ("El comercio alcanzó 22.693 millones de euros.", "es", 22.693e9),
        ("There were about two million views of the video.", "en", 2e6),
        ("Fueron setenta y cinco manifestantes.", "es", 75.0),
        ("Foram sete presos e mais de 46 mil pessoas resgatadas.", "pt", 7.0),
        ("Removal needs a two-thirds majority of the Senate.", "en", 66.7),  # a share written with a hyphen
    ],
)
def test_the_scale_is_kept(text: str, lang: str, value: float) -> None:
    assert value in values(text, lang)


def test_what_a_figure_counts_is_the_noun_it_quantifies() -> None:
    counts = {text: c for text, _, c in figures("The government sent 252 Venezuelan citizens to Caracas.")}
    assert counts["252 Venezuelan citizens"] == "Venezuelan citizens"
    assert [c for *_, c in figures("Houve um aumento de 5,6% no número de viajantes.", "pt")] == ["número de viajantes"]
    assert [c for *_, c in figures("Houve um aumento de 5,6%, disse o ministro.", "pt")] == ["aumento"]
    found = figures("Subiu para 385 o número de municípios atingidos.", "pt")
    assert [(v, c) for _, v, c in found] == [(385.0, "municípios atingidos")]


def test_figures_that_count_other_things_are_not_one_group() -> None:
    """'90 percent had no criminal record' and '12% had criminal charges' count different
    things: no group joins them, so no "differs: 90 percent vs 12%"."""
    found = find_figures(
        [
            ("a", 1, "WOLA", "Reviews show that 90 percent of the people sent to El Salvador have no criminal record."),
            ("b", 1, "Times", "Only 32 men (12%) of the 252 had criminal charges against them in the United States."),
            ("b", 2, "Times", "Reviews show that 75% of those sent to El Salvador had no criminal record at all."),
        ],
        {"a": "en", "b": "en"},
    )
    groups = group_figures(found)
    joined = [{f.text for f in g.figures} for g in groups]
    assert {"90 percent", "75%"} in joined
    assert not any({"90 percent", "12%"} <= members for members in joined)


def test_related_says_nothing_of_figures_that_count_different_things(seeds_case: Case) -> None:
    """Issue 25: "differs: 90 percent vs 12%" was shown between WOLA's "90 percent had no
    criminal record" and the Times' "32 men (12%) ... had criminal charges"; WOLA's 90 percent
    still differs from CBS's 75%."""
    from ..conftest import ORINOCO, WOLA

    times = seeds_case.related_sides(Ref(ORINOCO, 35))
    wola = next(r for r in times.items if r.hit.ref == Ref(WOLA, 6))
    assert not any("90 percent" in r or "12%" in r for r in wola.reasons), wola.reasons
    cbs = seeds_case.related_sides(Ref(ORINOCO, 34))
    assert next(r for r in cbs.items if r.hit.ref == Ref(WOLA, 6)).reasons[0] == "differs: 75% vs 90 percent"


def test_a_rounding_is_no_difference_in_the_groups_nor_in_related_passages(tmp_path: Path) -> None:
    """Issue 25: "3,4 millones" rounds 3.442.770 as finely as it is written; the groups view
    shows no ⚠ and the related passage (and its `c` comparison) says "same figure", not
    "differs"; 4.100 and 5.300 rescued migrants of one sea and time do differ."""
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Balance de la Operación Paso del Estrecho\n\n"
        "En la OPE de 2024 cruzaron el Estrecho 3.442.770 pasajeros entre España y Marruecos, según Interior.\n\n"
        "Las patrulleras rescataron a 4.100 migrantes en cayucos cerca de El Hierro durante el verano.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "La OPE cierra con récord\n\n"
        "En la OPE de 2024 cruzaron el Estrecho 3,4 millones de pasajeros entre España y Marruecos, dijo ayer.\n\n"
        "Las patrulleras rescataron a 5.300 migrantes en cayucos cerca de El Hierro durante el verano.\n",
        encoding="utf-8",
    )
    (folder / "catalog.toml").write_text(
        '[documents."a.txt"]\noutlet = "Interior"\nlang = "es"\ndate = "2025-05-07"\n'
        '[documents."b.txt"]\noutlet = "Exteriores"\nlang = "es"\ndate = "2025-05-08"\n',
        encoding="utf-8",
    )
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    views = case.views()
    groups = {tuple(sorted(f.value for f in g.figures)): g.disagreement for g in views.groups}
    assert groups == {(3400000.0, 3442770.0): False, (4100.0, 5300.0): True}
    doc = next(d for d in case.documents() if d.path == "a.txt")
    passengers, migrants = (f for f in views.figures if f.doc_id == doc.doc_id)
    related = case.related_sides(Ref(doc.doc_id, passengers.n), meaning=False)
    reasons = [r for item in related.items for r in item.reasons]
    assert "same figure: 3,4 millones" in reasons and not any(r.startswith("differs") for r in reasons), reasons
    related = case.related_sides(Ref(doc.doc_id, migrants.n), meaning=False)
    reasons = [r for item in related.items for r in item.reasons]
    assert "differs: 4.100 migrantes vs 5.300 migrantes" in reasons, reasons
    case.close()


def test_figures_json_writes_no_infinity(cli: Cli, tmp_path: Path) -> None:
    """Issue 29, item 19: `figures --json` wrote Infinity, which is not JSON."""
    folder = tmp_path / "case"
    folder.mkdir()
    huge = "9" * 400
    (folder / "a.txt").write_text(f"They counted {huge} stars and {huge} billion grains and 12 people.\n")
    ran = cli("figures", "--json", "--corpus", str(folder))
    assert ran.returncode == 0, ran.stderr

    def refuse(constant: str) -> Any:
        raise AssertionError(f"not JSON: {constant}")

    data = json.loads(ran.stdout, parse_constant=refuse)
    assert [f["value"] for f in data["figures"]] == [12.0]


# --- the gold set ---------------------------------------------------------------------------

sys.path.insert(0, str(REPO / "bench"))

# Held-out floors: the figures measured when recorded (CHANGELOG.md), minus a small
# margin.  metric -> lang -> floor.  Recorded: precision 0.94 / 0.99 / 0.99, recall 0.99 / 0.97 /
# 0.90, counts right 0.85 / 0.69 / 0.92, scale kept 1.00 / 1.00 / 0.99 (en / es / pt); before:
# precision 0.85 / 0.88 / 0.77, counts right 0.65 / 0.63 / 0.77, scale kept 0.98 / 1.00 / 0.94.
# Counts right 0.84 / 0.76 / 0.92 and recall 1.00 / 0.97 / 0.91 once a figure after a verb
# counts its clause's subject, one with its noun left out what the figure before it counts, and
# "fue de 10.457" is a figure (changes/sides-figtime.md).  With two fresh held-out cases added
# (en-bucha-sanctions-2022, es-operacion-paso-estrecho-2024: precision 1.00 and 0.91 unseen), es
# precision 0.96 over its three cases.
HELD_OUT: dict[str, dict[str, float]] = {
    "precision": {"en": 0.92, "es": 0.94, "pt": 0.96},
    "recall": {"en": 0.97, "es": 0.94, "pt": 0.88},
    "counts_right": {"en": 0.82, "es": 0.73, "pt": 0.89},
    "scale_kept": {"en": 0.97, "es": 0.97, "pt": 0.96},
}
# Flagged groups (⚠) that are not one gold claim, over all held-out cases: 1 recorded (of 1
# flagged; 8 of 8 before, 31 of 31 for the baseline); the share of all groups that are one
# gold claim: 14 of 19 recorded (5 of 7 before, 0 of 9 before that); and the share of gold
# groups a coherent group holds two members of: 13 of 18 recorded (changes/groups2.md; the
# baseline 1 of 18).
INCOHERENT_FLAGGED_AT_MOST = 1
COHERENT_GROUPS_AT_LEAST = 0.65
GOLD_GROUPS_FOUND_AT_LEAST = 0.65


@pytest.fixture(scope="module")
def held_out() -> dict[str, Any]:
    import sides_quality

    return sides_quality.measure(split="heldout", baseline=False)


@pytest.mark.parametrize("metric", sorted(HELD_OUT))
def test_figures_hold_their_floors_on_the_held_out_cases(held_out: dict[str, Any], metric: str) -> None:
    for lang, floor in HELD_OUT[metric].items():
        value = held_out["figures"][lang]["heldout"]["casereader"][metric]
        assert value is not None and value >= floor, (metric, lang, value, floor)


def test_figure_groups_are_one_claim_on_the_held_out_cases(held_out: dict[str, Any]) -> None:
    """Groups over all held-out cases (bench/sides_quality.py, "groups"): a group is coherent
    when its members matched to gold figures are all in one gold figure_group."""
    flagged = flagged_coherent = groups = coherent = gold = found = 0.0
    for splits in held_out["groups"].values():
        shown = splits["heldout"]["casereader"]
        flagged += shown["flagged"]
        flagged_coherent += (shown["flagged_coherent"] or 0.0) * shown["flagged"]
        groups += shown["groups"]
        coherent += (shown["coherent"] or 0.0) * shown["groups"]
        gold += shown["gold_groups"]
        found += (shown["found"] or 0.0) * shown["gold_groups"]
    assert round(flagged - flagged_coherent) <= INCOHERENT_FLAGGED_AT_MOST, (flagged, flagged_coherent)
    assert groups and coherent / groups >= COHERENT_GROUPS_AT_LEAST, (coherent, groups)
    assert gold and found / gold >= GOLD_GROUPS_FOUND_AT_LEAST, (found, gold)
