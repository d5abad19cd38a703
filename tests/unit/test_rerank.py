"""The reordering of the best hits: the form typed, nearness, and feedback from the words the
first hits share (rerank.py), on rows as the searcher gives them."""

from __future__ import annotations

from casereader.core.models import BODY
from casereader.core.search import rerank
from casereader.core.search.query import Word


def _rows(*texts: str, score: float = 1.0) -> list[rerank.Row]:
    return [({"doc": f"d{i}", "text": text, "kind": BODY, "n": 1}, score) for i, text in enumerate(texts)]


def _flat(term: str, lang: str) -> float:
    return 1.0  # every word as rare as the next


def test_feedback_raises_the_hits_on_what_the_first_hits_share() -> None:
    """A search for rehab: four hits about Lohan's, one about Tara Reid's, all scored alike by BM25.
    The Tara Reid hit stands second by the searcher's order; the words the others share
    (Lohan, court, judge) put it last.  Every hit is kept."""
    rows = _rows(
        "Lohan enters rehab after the judge rules on her probation.",
        "Tara Reid checks into rehab at a Malibu clinic, her publicist says.",
        "The judge sent Lohan to rehab instead of jail, the court said.",
        "Lohan will spend ninety days in rehab, the court ordered.",
        "Her lawyer said Lohan accepted rehab and the judge agreed.",
    )
    ranked = rerank.rerank(rows, (Word("rehab"),), {}, _flat)
    assert sorted(f["text"] for f, _ in ranked) == sorted(f["text"] for f, _ in rows)
    assert ranked[-1][0]["text"].startswith("Tara Reid")
    assert all(score >= 1.0 for _, score in ranked)  # raised, never lowered
    # Without the rarities there is no feedback: the order stays the searcher's.
    assert [f["doc"] for f, _ in rerank.rerank(rows, (Word("rehab"),), {})] == ["d0", "d1", "d2", "d3", "d4"]


def test_two_hits_keep_the_form_typed_first() -> None:
    """With two hits each would be raised by its own words, by how rare they are: no
    feedback, the form typed decides ("prison" before "prisoners")."""
    rows = _rows(
        "Venezuela holds nearly one thousand political prisoners, the report says today.",
        "The prison near the capital held the men for months without any trial at all.",
    )
    rare = {"venezuela", "hold", "near", "one", "thousand", "polit", "prison", "report", "say", "today"}
    ranked = rerank.rerank(rows, (Word("prison"),), {}, lambda term, lang: 4.0 if term in rare else 1.0)
    assert ranked[0][0]["text"].startswith("The prison")


def test_hits_far_below_the_best_teach_nothing() -> None:
    """Only the hits scoring near the best lend their words: four weaker hits about flights
    do not outvote the best hit, and the hit sharing its words comes second."""
    best = ({"doc": "a", "text": "Zapatero mediated the talks in Caracas.", "kind": BODY, "n": 1}, 1.0)
    weak = [
        ({"doc": f"w{i}", "text": f"Qatar airline flights talks number {i}.", "kind": BODY, "n": 1}, 0.7)
        for i in range(4)
    ]
    like = ({"doc": "f", "text": "Caracas talks: Zapatero again.", "kind": BODY, "n": 1}, 0.69)
    ranked = rerank.rerank([best, *weak, like], (Word("talks"),), {}, _flat)
    assert [f["doc"] for f, _ in ranked][:2] == ["a", "f"]
