"""The best hits reordered by what BM25 on stems cannot see: the words as the reader typed
them, and how close together they stand.

``prisoners`` matches "political prisoners" and "the prison" alike once stemmed; the
paragraph that has the word as typed ranks first.  ``periodista`` and ``período`` share a
Spanish stem; the exact form wins.  ``Bukele offer`` ranks "Bukele's offer" above a
paragraph naming Bukele at its start and an offer at its end.
"""

from __future__ import annotations

import re
from typing import Any

from . import analysis
from .query import Word

POOL = 60  # hits reordered (the first of a query's scored hits): the first screens, and a little more
EXACT = 0.15  # score bonus for each query word found as typed (accents and case aside)
NEAR = 0.25  # score bonus for all the query's words within a window of their own length
_WORD = re.compile(r"\w+")


def rerank(
    rows: list[tuple[dict[str, Any], float]], words: tuple[Word, ...], lang_of: dict[str, str]
) -> list[tuple[dict[str, Any], float]]:
    """``rows`` (stored fields, score) in a new order, body paragraphs still before furniture.
    ``lang_of`` gives each document's language (for the stems of the proximity check)."""
    if not words or not rows:
        return rows
    forms = {analysis.fold(w.text) for w in words}
    scored = []
    for position, (fields, score) in enumerate(rows):
        text = str(fields.get("text", ""))
        folded = {analysis.fold(w) for w in _WORD.findall(text)}
        exact = len(forms & folded) / len(forms)
        near = _nearness(text, words, lang_of.get(str(fields.get("doc", "")), "en")) if len(words) > 1 else 0.0
        bonus = 1.0 + EXACT * exact + NEAR * near
        body = fields.get("kind") == "body"
        scored.append((not body, -score * bonus, position, fields, score * bonus))
    scored.sort(key=lambda row: row[:3])
    return [(fields, score) for *_, fields, score in scored]


def _nearness(text: str, words: tuple[Word, ...], lang: str) -> float:
    """1.0 when the query's words stand together, less the more they are spread, 0.0 when
    some are missing: their count over the shortest window (in words) holding them all."""
    wanted = {analysis.term(w.text, lang) for w in words}
    positions = [(i, term) for i, term in enumerate(analysis.terms(text, lang)) if term in wanted]
    if {term for _, term in positions} != wanted:
        return 0.0
    best = len(text)
    last: dict[str, int] = {}
    for i, term in positions:
        last[term] = i
        if len(last) == len(wanted):
            best = min(best, i - min(last.values()) + 1)
    return min(1.0, len(wanted) / best)
