"""The quality benchmark's small version: on the hand-judged seeds, the real pages and
three held-out ECB+ topics, casereader must stay at least as good as the standard baselines
measured in the same run (bench/quality.py), and not fall below the figures it reached when
they were recorded."""

from __future__ import annotations

import sys

from ..conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

import quality


def test_search_and_related_hold_their_quality_against_the_baselines() -> None:
    results = quality.measure("seeds")
    search, related = results["search"], results["related"]
    assert search["casereader"].ndcg10 >= search["FTS5 bm25"].ndcg10 + 0.03
    assert related["casereader"].hit5 >= related["MoreLikeThis"].hit5
    # Recorded on 2026-12-06: search nDCG@10 0.83 and MRR@10 0.95 (FTS5 0.79 and 0.88; 0.80
    # and 0.92 before BM25's k1 0.6, b 0.3 and the feedback of the first hits' words),
    # related hit@5 0.87 and nDCG@10 0.65.  Figure groups joining only one claim told twice
    # (CHANGELOG.md) bring fewer passages into related: nDCG@10 0.646 -> 0.631,
    # hit@5 and MRR@10 unchanged (0.867, 0.733).
    assert search["casereader"].ndcg10 >= 0.82 and search["casereader"].mrr10 >= 0.94
    assert related["casereader"].hit5 >= 0.86 and related["casereader"].ndcg10 >= 0.62


def test_real_pages_of_many_languages_find_their_page_and_their_spanish_and_portuguese_paragraphs() -> None:
    """The 90 real pages (en/es/pt/fr/de/cs/lv) as one case.  Known items: a page's
    headline, its words ORed, finds that page.  With per-language statistics, a Spanish
    headline's "la", "para" looked rare and English pages naming "La Nación" came first (MRR@10
    0.84, FTS5 0.94).  Then 26 Spanish and Portuguese queries judged by hand on the 10 pages
    in those languages (bench/judgements/pages-es-pt.toml)."""
    results = quality.measure_pages()
    ours, theirs = results["known item"]["casereader"], results["known item"]["FTS5 bm25"]
    # Within one query of FTS5's MRR@10 (1/90 = 0.011).  Recorded on 2026-12-06: hit@1 0.93, MRR@10
    # 0.94 (FTS5 0.92 and 0.94); on 2026-12-07, once web pages kept the headings and intros
    # trafilatura had left out, FTS5 rose to 0.95 (its body text richer) and casereader stayed at
    # 0.94 (hit@1 0.92 both).
    assert ours.mrr10 >= theirs.mrr10 - 0.011
    assert ours.hit1 >= 0.92 and ours.mrr10 >= 0.93
    search = results["search"]
    assert search["casereader"].ndcg10 >= search["FTS5 bm25"].ndcg10
    # Recorded on 2026-12-06: nDCG@10 0.83, MRR@10 0.87 (FTS5 0.81 and 0.87).
    assert search["casereader"].ndcg10 >= 0.82 and search["casereader"].mrr10 >= 0.85


def test_three_held_out_ecbplus_topics_hold_their_quality_against_the_baselines() -> None:
    """Real articles of many outlets, each topic two similar events (a jury convicts Warren
    Jeffs; two leaders of his sect are arrested in Canada), every mention of the same event
    linked by ECB+'s annotators.  Before related kept a case's main names and ranked the
    sides' passages as it found them, hit@5 on the held-out topics was 0.54 to
    MoreLikeThis's 0.87; before a short result went on to the paragraphs with some of the
    words, search nDCG@10 was 0.39 to FTS5's 0.48; before k1 0.6, b 0.3 and feedback, 0.50."""
    results = quality.measure("ecbplus", ["36", "37", "38"])
    search, related = results["search"], results["related"]
    assert search["casereader"].ndcg10 >= search["FTS5 bm25"].ndcg10 + 0.05
    assert related["casereader"].hit5 >= related["MoreLikeThis"].hit5 - 0.02
    assert related["casereader"].ndcg10 >= related["MoreLikeThis"].ndcg10 - 0.04
    # Recorded on 2026-12-06: search nDCG@10 0.45 (FTS5 0.39); related hit@5 0.93 and
    # nDCG@10 0.52 (MoreLikeThis 0.91 and 0.55).
    assert search["casereader"].ndcg10 >= 0.44
    assert related["casereader"].hit5 >= 0.92 and related["casereader"].ndcg10 >= 0.52
