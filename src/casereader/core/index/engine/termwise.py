"""An OR of terms scored a term at a time, and the best paragraphs of any query scored with
another weighting: what related passages, prefixes and fuzzy words are ranked with."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec import whoosh3
from whoosh.collectors import FilterCollector
from whoosh.searching import Searcher

from .search import ArrayOr, BodyFirst


def top(
    searcher: Searcher, wquery: wq.Query, limit: int, allow: Any, restrict: Any, also: Any = None
) -> list[tuple[dict[str, Any], float]]:
    """The best ``limit`` paragraphs in ``allow`` (and ``also``) but not in ``restrict``."""
    if also is not None:
        allow = {d for d in allow if d in also}
    if not allow:
        return []
    # optimize=False: with a dozen OR'd terms, Whoosh's block-quality bookkeeping costs more
    # than the scoring it saves.
    collector = FilterCollector(searcher.collector(limit=limit, optimize=False), allow, restrict)
    searcher.search_with_collector(wquery, collector)
    return [(dict(h.fields()), h.score or 0.0) for h in collector.results()]


def top_or(
    searcher: Searcher,
    terms: list[tuple[str, str, float]],
    limit: int,
    allow: Any,
    restrict: Any,
    also: Any = None,
    scored: list[tuple[int, dict[int, float]]] | None = None,
) -> list[tuple[dict[str, Any], float]]:
    """``top(searcher, ArrayOr([Term(field, text, boost=boost), ...]), ...)``, the same
    paragraphs in the same order with the same scores, scored a term at a time
    (:func:`or_scores`; ``scored``: those scores when already computed, for another choice of
    paragraphs among the same query's matches)."""
    if also is not None:
        allow = {d for d in allow if d in also}
    if not allow:
        return []
    per_segment = scored if scored is not None else or_scores(searcher, terms)
    if per_segment is None:  # scored otherwise: Whoosh's way
        parts = [wq.Term(f, t, boost=b) for f, t, b in terms]
        return top(searcher, ArrayOr(parts), limit, allow, restrict)
    best: list[tuple[float, int]] = []
    for offset, totals in per_segment:
        kept = (
            (score, -(offset + docnum))
            for docnum, score in totals.items()
            if score > 0 and (offset + docnum) in allow and (restrict is None or (offset + docnum) not in restrict)
        )
        best = heapq.nlargest(limit, [*best, *kept])
    return [(dict(searcher.stored_fields(-negated)), score) for score, negated in best]


def or_terms(wquery: wq.Query) -> list[tuple[str, str, float]] | None:
    """(field, text, boost) of each term of an :class:`ArrayOr` of plain terms (what a prefix
    or a fuzzy word compiles to), or None for any other query."""
    if type(wquery) is not ArrayOr or wquery.boost != 1.0:
        return None
    children = wquery.subqueries
    if not children or not all(type(child) is wq.Term for child in children):
        return None
    return [(child.fieldname, child.text, child.boost) for child in children]


def or_scores(searcher: Searcher, terms: list[tuple[str, str, float]]) -> list[tuple[int, dict[int, float]]] | None:
    """The score of every paragraph matching an OR of terms, per segment (its offset, and
    its paragraphs' scores), as Whoosh's array union scores them, scored a term at a time:
    each term's postings are read a block at a time into one score table (the array union
    calls five methods per posting; a related search at 200,000 paragraphs scores ~10,000).
    Each paragraph's score adds its terms' scores in the query's order, as Whoosh does.
    None when the searcher's weighting scores otherwise than by weight and length (or
    changes scores after)."""
    weighting = searcher.weighting
    if weighting.use_final:
        return None
    per_segment = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        totals: dict[int, float] = {}
        for fieldname, text, boost in terms:
            raw = sub.schema[fieldname].to_bytes(text)
            if (fieldname, raw) not in reader:
                continue
            scorer = weighting.scorer(sub, fieldname, raw)  # as sub.postings(..., weighting) makes it
            if not isinstance(scorer, scoring.WeightLengthScorer):
                return None
            score_of, length = scorer._score, scorer.dfl  # WeightLengthScorer.score(), unrolled
            for docnum, weight in _postings(reader.postings(fieldname, raw)):
                totals[docnum] = totals.get(docnum, 0.0) + score_of(weight, length(docnum)) * boost
        per_segment.append((offset, totals))
    return per_segment


def collect_or(searcher: Searcher, terms: list[tuple[str, str, float]], collector: BodyFirst) -> bool:
    """Give ``collector`` every match of an OR of terms with its score, in paragraph order,
    as ``searcher.search_with_collector`` would (:func:`or_scores`): a prefix or a fuzzy word
    of a large case ORs dozens of terms.  False (nothing collected) when the weighting scores
    otherwise."""
    per_segment = or_scores(searcher, terms)
    if per_segment is None:
        return False
    for offset, totals in per_segment:
        for docnum in sorted(totals):
            collector.add(offset + docnum, totals[docnum])
    return True


def _postings(matcher: Any) -> Iterator[tuple[int, float]]:
    """(paragraph number, weight) of a term's postings in a segment, a block at a time
    (one at a time when deletions filter them)."""
    if not isinstance(matcher, whoosh3.W3LeafMatcher):
        while matcher.is_active():
            yield matcher.id(), matcher.weight()
            matcher.next()
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        start, end = matcher._i, matcher._blocklength
        yield from zip(matcher._ids[start:end], matcher._weights[start:end], strict=True)
        matcher._next_block()
