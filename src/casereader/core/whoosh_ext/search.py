"""Queries, matchers and collectors that reach into Whoosh, and the ``skip_to`` patch."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec import whoosh3
from whoosh.collectors import FilterCollector, ScoredCollector
from whoosh.matching import ReadTooFar
from whoosh.searching import Searcher

from ..models import SearchCancelled


class ArrayOr(wq.Or):  # type: ignore[misc]
    """An OR of many terms, matched with Whoosh's array union, which scores a chunk of
    postings at a time: several times faster than its default tree of binary unions when
    a prefix, a fuzzy word or a related-passage query ORs dozens of terms.  A subclass
    (not an attribute) so the choice survives ``normalize()``."""

    matcher_type = wq.Or.ARRAY_MATCHER


class BodyFirst(ScoredCollector):  # type: ignore[misc]
    """Keeps the top ``limit`` body paragraphs and the top furniture, and counts every match."""

    def __init__(
        self,
        limit: int,
        body: Any,
        allow: Any,
        cancelled: Callable[[], bool] | None = None,
        doc_ids: list[str] | None = None,
        doc_of: list[int] | None = None,
    ) -> None:
        super().__init__()
        self.cancelled = cancelled
        self.doc_ids = doc_ids or []
        self.doc_of = doc_of  # paragraph number in the index -> position in doc_ids
        self.per_doc = [0] * len(self.doc_ids)
        self.limit = limit
        self.body = body
        self.allow = allow
        self.total = 0
        self.body_heap: list[tuple[float, int]] = []
        self.other_heap: list[tuple[float, int]] = []

    def _collect(self, global_docnum: int, score: float) -> float:
        if self.allow is not None and global_docnum not in self.allow:
            return 0.0
        self.total += 1
        if self.doc_of is not None:
            self.per_doc[self.doc_of[global_docnum]] += 1
        if self.cancelled is not None and self.total % 128 == 0 and self.cancelled():
            raise SearchCancelled()
        heap = self.body_heap if global_docnum in self.body else self.other_heap
        item = (score, -global_docnum)  # ties: earlier paragraphs first
        if len(heap) < self.limit:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)
        return 0.0

    def doc_counts(self) -> dict[str, int]:
        return {doc_id: n for doc_id, n in zip(self.doc_ids, self.per_doc, strict=True) if n}

    def hits(self) -> list[tuple[int, float]]:
        ordered = sorted(self.body_heap, reverse=True) + sorted(self.other_heap, reverse=True)
        return [(-negdoc, score) for score, negdoc in ordered[: self.limit]]


def segments(searcher: Searcher) -> tuple[str, ...]:
    """The segments a searcher reads: document numbers mean the same for all searchers of
    the same segments, so per-index caches are keyed by this, not by the searcher (the app's
    workers take whichever searcher of the pool is free)."""
    reader = searcher.reader()
    leaves = [reader] if reader.is_atomic() else [r for r, _ in reader.leaf_readers()]
    # An empty index's reader has no segment.
    return tuple(str(seg.segment_id()) for leaf in leaves if (seg := leaf.segment()) is not None)


def first_matches(searcher: Searcher, wquery: wq.Query, limit: int, allow: Any, restrict: Any) -> list[int]:
    """The first ``limit`` matching paragraphs in index order, without scoring any."""
    found: list[int] = []
    context = searcher.boolean_context()
    for sub, offset in searcher.leaf_searchers():
        matcher = wquery.matcher(sub, context)
        while matcher.is_active():
            docnum = offset + matcher.id()
            if (allow is None or docnum in allow) and (restrict is None or docnum not in restrict):
                found.append(docnum)
                if len(found) >= limit:
                    return found
            matcher.next()
    return found


def terms_within(reader: Any, fieldname: str, text: str, maxdist: int, prefix: int) -> set[str]:
    """Terms within ``maxdist`` edits of ``text``.

    Whoosh's multi-segment reader falls back to computing an edit distance for every term of
    the field; each segment's own reader walks its term table with an automaton instead, so
    ask the segments one by one.
    """
    readers = [r for r, _ in reader.leaf_readers()] if not reader.is_atomic() else [reader]
    found: set[str] = set()
    for sub in readers:
        for raw in sub.terms_within(fieldname, text, maxdist, prefix=prefix):
            found.add(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    return found


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


def bm25_view(searcher: Searcher, length_weight: float) -> Searcher:
    """The same reader scored with BM25F of length normalisation ``B``; closing it keeps the reader."""
    return Searcher(searcher.reader(), weighting=scoring.BM25F(B=length_weight), closereader=False)


# --- the skip_to patch ----------------------------------------------------------------------
# ``W3LeafMatcher.skip_to`` (whoosh-reloaded 2.7.5) finds a target inside a block of up to 128
# postings by calling ``is_active()``, ``id()`` and ``next()`` once per posting.  AND and phrase
# queries skip through the postings of common words this way for every candidate paragraph, and
# at 20,000 paragraphs this was the largest cost of a query such as ``"the X"``.  The replacement
# skips whole blocks exactly as before, then bisects the block's sorted ids.  Results are
# identical (tests compare them with Whoosh's own method).

_original = whoosh3.W3LeafMatcher.skip_to


def _skip_to(self: Any, targetid: int) -> None:
    if not self.is_active():
        raise ReadTooFar
    if targetid <= self.id():
        return
    if targetid > self.block_max_id():
        block_max_id = self.block_max_id
        self._skip_to_block(lambda: targetid > block_max_id())
        if not self.is_active():
            return
    if self._ids is None:
        self._read_ids()
    # The block's maximum id is >= targetid, so the position is inside the block.
    self._i = bisect_left(self._ids, targetid, self._i, self._blocklength)


def apply_skip_to() -> None:
    if getattr(whoosh3.W3LeafMatcher.skip_to, "__name__", "") != "_skip_to":
        whoosh3.W3LeafMatcher.skip_to = _skip_to


def restore_skip_to() -> None:
    """Put Whoosh's own method back (tests compare both)."""
    whoosh3.W3LeafMatcher.skip_to = _original
