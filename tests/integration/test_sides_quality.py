"""The Sides views against the gold set of real news (bench/sides_quality.py), small version:
one tune case per language, casereader only, held to floors set at the figures measured
when they were recorded (minus a small margin); and the harness's matching rules."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from ..conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

import sides_quality

CASES = ["en-covid19-outbreak-2020", "es-espana-marruecos", "pt-fuga-mossoro"]

# view -> metric -> lang -> floor.  Recorded on the tune cases above (see
# CHANGELOG.md for the whole table, before and after).
FLOORS: dict[str, dict[str, dict[str, float]]] = {
    "quotes": {
        # en found 1.00 before the grammar of reported speech: its two gold fragments with no
        # speech verb ("spreading rumors") are listed as phrases now, with the scare quotes that
        # made precision 0.62; speaker right was 0.25 / 0.00 / 0.14.
        "found": {"en": 0.80, "es": 0.93, "pt": 0.97},
        "precision": {"en": 0.97, "es": 0.97, "pt": 0.97},
        "speaker_right": {"en": 0.97, "es": 0.97, "pt": 0.87},
    },
    "figures": {
        "precision": {"en": 0.64, "es": 0.84, "pt": 0.66},
        "recall": {"en": 0.82, "es": 0.92, "pt": 0.97},
        "counts_right": {"en": 0.50, "es": 0.74, "pt": 0.85},
        "scale_kept": {"en": 0.95, "es": 0.97, "pt": 0.95},
    },
    "names": {
        "one_entity": {"en": 0.82, "es": 0.76, "pt": 0.72},  # 0.62 / 0.61 / 0.58 before
        "found": {"en": 0.88, "es": 0.86, "pt": 0.86},
    },
    "timeline": {  # 0.41 / 0.61 / 0.22 found, 0.15 / 0.52 / 0.16 resolved before relative dates were read
        "found": {"en": 0.92, "es": 0.91, "pt": 0.78},
        "resolved_right": {"en": 0.92, "es": 0.91, "pt": 0.78},
    },
}
# Entries spanning two or more real entities, at most.
MERGED_AT_MOST = {"en": 0, "es": 1, "pt": 1}  # 1 / 16 / 6 before


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return sides_quality.measure(cases=CASES, baseline=False)


@pytest.mark.parametrize("view", sorted(FLOORS))
def test_the_views_hold_their_floors_on_a_tune_case_of_each_language(result: dict[str, Any], view: str) -> None:
    for metric, floors in FLOORS[view].items():
        for lang, floor in floors.items():
            value = result[view][lang]["tune"]["casereader"][metric]
            assert value is not None and value >= floor, (view, metric, lang, value, floor)


def test_names_merge_no_two_real_entities_beyond_the_recorded_count(result: dict[str, Any]) -> None:
    for lang, most in MERGED_AT_MOST.items():
        assert result["names"][lang]["tune"]["casereader"]["merged_wrongly"] <= most


def test_overlap_is_containment_or_token_jaccard_after_folding() -> None:
    assert sides_quality.overlap("Não daremos chance", "não daremos chance para outro evento") > 0
    assert sides_quality.overlap("the alarming levels of spread", "alarming levels of spread and severity") > 0
    assert sides_quality.overlap("independence", "We will not negotiate") == 0


def test_a_name_variant_maps_to_its_gold_entity_and_a_bracketed_party_is_another_entity() -> None:
    gold = {
        "name": [
            {"name": "Luiz Inácio Lula da Silva", "kind": "person", "variants": ["Lula", "Luiz Inácio Lula da Silva"]},
            {"name": "Partido dos Trabalhadores", "kind": "organization", "variants": ["PT"]},
            {"name": "São Paulo", "kind": "place", "variants": ["SP", "São Paulo"]},
            {"name": "Brasil", "kind": "place", "variants": ["Brasil"]},
        ],
        "not_name": [{"text": "Mesmo", "why": "sentence-initial word"}],
    }
    names = sides_quality.GoldNames(gold)
    assert names.entities("lula") == {0}
    assert names.entities("Mesmo") is None
    assert names.entities("Lula PT-SP") == {0, 1, 2}  # a politician with his party and state: merged
    assert names.entities("Bandeira do Brasil") == set()  # not Brasil: no containment for names
    assert names.same("Lula", "Luiz Inácio Lula da Silva") and not names.same("", "Lula")


def test_english_speakers_described_reported_by_gerunds_and_relative_clauses() -> None:
    """The two English tune cases of Wikinews (Hong Kong 2019, the US election 2020): speakers
    described before their names, gerunds, relative clauses, titles joined by a hyphen.
    Speaker right on these two cases 0.50 before those rules, 0.91 after (over the four English
    tune cases 0.71 → 0.94)."""
    result = sides_quality.measure(cases=["en-hong-kong-protests-2019", "en-us-election-2020"], baseline=False)
    quotes = result["quotes"]["en"]["tune"]["casereader"]
    assert quotes["speaker_right"] >= 0.85, quotes
    assert quotes["precision"] >= 0.95, quotes


def test_a_speaker_the_grammar_cannot_name_is_left_blank_not_guessed() -> None:
    """Three tune cases added to the gold set while the rules for bodies, groups, pronouns and
    'que' were written (government releases and Wikinews): 'They concluded', 'he said' after a
    ministry's quote, 'que ha calificado' after a country.  Before those rules: en speaker right 0.79, wrong 0.21;
    es 0.71, wrong 0.14.  After: en 0.84, wrong 0.00 (the rest blank); es 1.00."""
    result = sides_quality.measure(
        cases=["en-eastern-mediterranean-2020", "en-azovstal-2022", "es-frontera-inteligente"], baseline=False
    )
    en = result["quotes"]["en"]["tune"]["casereader"]
    es = result["quotes"]["es"]["tune"]["casereader"]
    assert en["speaker_wrong"] <= 0.05 and en["speaker_right"] >= 0.80, en
    assert es["speaker_wrong"] <= 0.05 and es["speaker_right"] >= 0.90, es
