"""The best hits reordered by what BM25 on stems cannot see: the words as the reader typed
them, how close together they stand, and what the best hits are about.

``prisoners`` matches "political prisoners" and "the prison" alike once stemmed; the
paragraph that has the word as typed ranks first.  ``periodista`` and ``período`` share a
Spanish stem; the exact form wins.  ``Bukele offer`` ranks "Bukele's offer" above a
paragraph naming Bukele at its start and an offer at its end.

Then feedback (a relevance model, as in Lavrenko & Croft's RM3): the words the first hits
share besides the query's say which of its senses or events the reader means ("rehab" with
"Lohan", not with "Tara Reid"), and the hits having them move up.  Only the order changes:
every hit still has the query's words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from ..models import BODY
from ..text import analysis
from .query import Word

POOL = 60  # hits reordered (the first of a query's scored hits): the first screens, and a little more
EXACT = 0.15  # score bonus for each query word found as typed (accents and case aside)
NEAR = 0.25  # score bonus for all the query's words within a window of their own length
# Feedback: the words of the first FEEDBACK_HITS hits scoring at least FEEDBACK_FLOOR of the
# best (below it a hit has fewer or commoner of the query's words: ``who mediated``, where
# only one paragraph has "mediated"), weighted by how much of each hit they are and by its
# score, times their rarity; the FEEDBACK_WORDS heaviest raise a hit's score by up to
# FEEDBACK (all of them in it).  Chosen on the ECB+ topics tuned on and the seeds
# (bench/quality.py, search nDCG@10): ECB+ 0.55 -> 0.58 tuned on, 0.52 -> 0.55 held out;
# seeds 0.80 -> 0.83.  Not for fewer than FEEDBACK_MIN_POOL hits: with two, each is raised by
# its own words, by how rare they are, not by what the hits share ("prison" put "political
# prisoners" above "The prison").
FEEDBACK_HITS = 10
FEEDBACK_WORDS = 30
FEEDBACK = 1.0
FEEDBACK_FLOOR = 0.8
FEEDBACK_MIN_POOL = 3
_WORD = re.compile(r"\w+")

Row = tuple[dict[str, Any], float]


def rerank(
    rows: list[Row], words: tuple[Word, ...], lang_of: dict[str, str], idf: Callable[[str, str], float] | None = None
) -> list[Row]:
    """``rows`` (stored fields, score) in a new order, body paragraphs still before furniture.
    ``lang_of`` gives each document's language (for the stems of the proximity check);
    ``idf`` a term's rarity in the case, given the term and its language (no feedback
    without it)."""
    if not words or not rows:
        return rows
    forms = {analysis.fold(w.text) for w in words}
    langs = [lang_of.get(str(fields.get("doc", "")), "en") for fields, _ in rows]
    terms = [analysis.terms(str(fields.get("text", "")), lang) for (fields, _), lang in zip(rows, langs, strict=True)]
    scores = []
    for (fields, score), lang, these in zip(rows, langs, terms, strict=True):
        text = str(fields.get("text", ""))
        folded = {analysis.fold(w) for w in _WORD.findall(text)}
        exact = len(forms & folded) / len(forms)
        near = _nearness(these, words, lang) if len(words) > 1 else 0.0
        scores.append(score * (1.0 + EXACT * exact + NEAR * near))
    order = _order(rows, scores)
    if idf is not None and len(rows) >= FEEDBACK_MIN_POOL:
        top = [(terms[i], scores[i], langs[i]) for i in order[:FEEDBACK_HITS]]
        expansion = _feedback(top, words, idf)
        total = sum(expansion.values())
        if total:
            scores = [
                s * (1.0 + FEEDBACK * sum(expansion.get(t, 0.0) for t in set(these)) / total)
                for s, these in zip(scores, terms, strict=True)
            ]
            order = _order(rows, scores)
    return [(rows[i][0], scores[i]) for i in order]


def _order(rows: list[Row], scores: list[float]) -> list[int]:
    """Positions of ``rows`` by score, body paragraphs first, ties in their first order."""
    return sorted(range(len(rows)), key=lambda i: (rows[i][0].get("kind") != BODY, -scores[i], i))


def _feedback(
    top: list[tuple[list[str], float, str]], words: tuple[Word, ...], idf: Callable[[str, str], float]
) -> dict[str, float]:
    """The heaviest words of the first hits (terms, score, language) besides the query's
    own, with their weights."""
    best = max((score for _, score, _ in top), default=0.0)
    if best <= 0:
        return {}
    weight: dict[str, float] = {}
    lang_of: dict[str, str] = {}  # the language a term was first seen in (for its rarity)
    for these, score, lang in top:
        if not these or score < FEEDBACK_FLOOR * best:
            continue
        skip = analysis.stop_terms(lang) | {analysis.term(w.text, lang) for w in words}
        share = score / best / len(these)
        for term, count in Counter(these).items():
            if term not in skip and len(term) > 2:
                weight[term] = weight.get(term, 0.0) + count * share
                lang_of.setdefault(term, lang)
    weighted = Counter({term: w * idf(term, lang_of[term]) for term, w in weight.items()})
    return dict(weighted.most_common(FEEDBACK_WORDS))


def _nearness(terms: list[str], words: tuple[Word, ...], lang: str) -> float:
    """1.0 when the query's words stand together, less the more they are spread, 0.0 when
    some are missing: their count over the shortest window (in words) holding them all."""
    wanted = {analysis.term(w.text, lang) for w in words}
    positions = [(i, term) for i, term in enumerate(terms) if term in wanted]
    if {term for _, term in positions} != wanted:
        return 0.0
    best = len(terms) + 1
    last: dict[str, int] = {}
    for i, term in positions:
        last[term] = i
        if len(last) == len(wanted):
            best = min(best, i - min(last.values()) + 1)
    return min(1.0, len(wanted) / best)
