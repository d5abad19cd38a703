"""Queries, matchers and collectors that reach into Whoosh, and the ``skip_to`` patch."""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.codec import whoosh3
from whoosh.collectors import ScoredCollector
from whoosh.matching import ReadTooFar
from whoosh.searching import Searcher

from ...models import SearchCancelled


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
        self.add(global_docnum, score)
        return 0.0

    def add(self, global_docnum: int, score: float) -> None:
        """One match (also given by :func:`collect_or`, with no matcher)."""
        if self.allow is not None and global_docnum not in self.allow:
            return
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

    def doc_counts(self) -> dict[str, int]:
        return {doc_id: n for doc_id, n in zip(self.doc_ids, self.per_doc, strict=True) if n}

    def hits(self) -> list[tuple[int, float]]:
        ordered = sorted(self.body_heap, reverse=True) + sorted(self.other_heap, reverse=True)
        return [(-negdoc, score) for score, negdoc in ordered[: self.limit]]


class BudgetSpent(Exception):
    """A ranking collector scored as many matches as it was allowed to."""


class TopRanked(ScoredCollector):  # type: ignore[misc]
    """The top ``limit`` paragraphs of ``allow`` (not of ``exclude``), ranked, visiting as few
    postings as ranking allows: once ``limit`` are kept, blocks of postings whose best
    possible score cannot beat the last kept one are skipped (Whoosh's block-max quality), and
    terms whose best score cannot are dropped.  A query of very common words is ranked this
    way instead of being listed in case order; it counts nothing (the total is estimated)."""

    def __init__(
        self,
        limit: int,
        allow: Any,
        exclude: Any = None,
        cancelled: Callable[[], bool] | None = None,
        budget: int = 0,
    ) -> None:
        super().__init__()
        self.limit = limit
        self.allow = allow
        self.exclude = exclude
        self.cancelled = cancelled
        self.budget = budget  # matches scored at most (0: all); then the best of those are kept
        self.visited = 0
        self.heap: list[tuple[float, int]] = []

    def _use_block_quality(self) -> bool:
        return not self.top_searcher.weighting.use_final and bool(self.matcher.supports_block_quality())

    def _collect(self, global_docnum: int, score: float) -> float:
        self.visited += 1
        if self.cancelled is not None and self.visited % 256 == 0 and self.cancelled():
            raise SearchCancelled()
        if self.budget and self.visited > self.budget:
            raise BudgetSpent()
        if (self.allow is not None and global_docnum not in self.allow) or (
            self.exclude is not None and global_docnum in self.exclude
        ):
            return 0.0
        item = (score, -global_docnum)
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, item)
        elif item > self.heap[0]:
            heapq.heapreplace(self.heap, item)
        if len(self.heap) == self.limit:
            self.minscore = self.heap[0][0]
        return 0.0

    def hits(self) -> list[tuple[int, float]]:
        return [(-negdoc, score) for score, negdoc in sorted(self.heap, reverse=True)]


def segments(searcher: Searcher) -> tuple[str, ...]:
    """The segments a searcher reads: document numbers mean the same for all searchers of
    the same segments, so per-index caches are keyed by this, not by the searcher (the app's
    workers take whichever searcher of the pool is free)."""
    reader = searcher.reader()
    leaves = [reader] if reader.is_atomic() else [r for r, _ in reader.leaf_readers()]
    # An empty index's reader has no segment.
    return tuple(str(seg.segment_id()) for leaf in leaves if (seg := leaf.segment()) is not None)


def generation(searcher: Searcher) -> str:
    """The segments a searcher reads and their deletions: paragraph numbers and deleted
    paragraphs are the same for every searcher of the same generation, in any process."""
    reader = searcher.reader()
    leaves = [reader] if reader.is_atomic() else [r for r, _ in reader.leaf_readers()]
    return ",".join(
        f"{seg.segment_id()}:{seg.deleted_count()}" for leaf in leaves if (seg := leaf.segment()) is not None
    )


def doc_numbers(searcher: Searcher, field: str, positions: dict[str, int]) -> list[int]:
    """For every paragraph number, the position of its term in ``field`` in ``positions``
    (-1: none, or deleted).  The field's terms are read in order, a segment's terms file from
    start to end, each term's postings a block at a time: looking each of 50,000 terms up in
    the terms' hash table took twice as long, and many times longer in a worker thread while
    the app's thread drew (each of its ~450,000 file reads waited for the interpreter)."""
    doc_of = [-1] * searcher.doc_count_all()
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        terms = getattr(reader, "_terms", None)
        if not isinstance(terms, whoosh3.W3TermsReader) or reader.has_deletions():
            for raw in reader.lexicon(field):
                position = positions.get(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
                if position is not None:
                    for docnum in posting_ids(reader, field, raw):
                        doc_of[offset + docnum] = position
            continue
        format_ = reader.schema[field].format
        for (fieldname, tbytes), info in terms.items_from(field, b""):
            if fieldname != field:
                break
            position = positions.get(tbytes.decode("utf-8"))
            if position is None:
                continue
            matcher = terms._codec.postings_reader(terms._postfile, info, format_, term=(field, tbytes))
            for docnum in _block_ids(matcher):
                doc_of[offset + docnum] = position
    return doc_of


def _block_ids(matcher: Any) -> Iterator[int]:
    if not isinstance(matcher, whoosh3.W3LeafMatcher):
        yield from matcher.all_ids()
        return
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        yield from matcher._ids[matcher._i : matcher._blocklength]
        matcher._next_block()


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


def term_docnums(searcher: Searcher, field: str, text: str) -> set[int]:
    """The paragraphs holding a term (deleted ones left out), read a posting block at a time:
    ``docs_for_query`` yields one number per call, and the 200,000 body paragraphs of a large
    case took 0.35 s that way, at every launch."""
    found: set[int] = set()
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (field, text) in reader:
            found.update(offset + d for d in posting_ids(reader, field, text))
    return found


def posting_ids(reader: Any, field: str, text: Any) -> Iterator[int]:
    """A segment's paragraph numbers holding a term (deleted ones left out), a posting block
    at a time where the block can be read whole (``all_ids`` calls three methods per id)."""
    yield from _block_ids(reader.postings(field, text))  # (deletions filter it: then one at a time)


class PooledBM25F(scoring.BM25F):  # type: ignore[misc]
    """BM25F with the collection statistics of the per-language text fields pooled.

    Each language has its own text field (``text_en``, ``text_es``…), and Whoosh takes a
    term's rarity and the average paragraph length per field, over all paragraphs: in a
    mostly English case a Spanish "la" or "para" looked rare (an English paragraph naming "La
    Nación" outranked the Spanish article), and every Spanish paragraph looked ten times
    longer than average (its matches damped).  Here a term's document frequency is summed
    over the text fields, and the average length is the text fields' total over all
    paragraphs: one statistic for the case, as if it were one field.
    """

    def scorer(self, searcher: Searcher, fieldname: str, text: Any, qf: int = 1) -> Any:
        if not fieldname.startswith("text_") or not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf)
        parent = searcher.get_parent()
        idf, avgfl = _pooled(parent, text)
        return _PooledScorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf, idf, avgfl)


class _PooledScorer(scoring.BM25FScorer):  # type: ignore[misc]
    def __init__(
        self, searcher: Searcher, fieldname: str, text: Any, B: float, K1: float, qf: int, idf: float, avgfl: float
    ) -> None:
        self.idf, self.avgfl, self.B, self.K1, self.qf = idf, avgfl, B, K1, qf
        self.setup(searcher, fieldname, text)  # the best possible score, from these statistics


def _pooled(searcher: Searcher, text: Any) -> tuple[float, float]:
    """(idf of ``text`` over every text field, average text length per paragraph), cached
    on the searcher's reader (its index does not change under it): the searchers that score
    with another weighting (``bm25_view``, one a related search) share it.  Cached on each
    of those, every related search looked up every term's frequency again in every field
    (at 200,000 paragraphs ~800 lookups, ~18 ms of a related search)."""
    cache: dict[Any, float] = searcher.reader().__dict__.setdefault("_casereader_pooled", {})
    fields = cache.get("fields")
    if fields is None:
        names = [name for name in searcher.schema.names() if name.startswith("text_")]
        cache["fields"] = fields = names  # type: ignore[assignment]
        total = sum(searcher.field_length(name) for name in names)
        cache["avgfl"] = (total / searcher.doc_count_all()) if searcher.doc_count_all() else 1.0
    idf = cache.get(text)
    if idf is None:
        frequency = sum(searcher.doc_frequency(name, text) for name in fields)  # type: ignore[union-attr]
        idf = cache[text] = math.log(searcher.doc_count_all() / (frequency + 1)) + 1
    return idf, cache["avgfl"] or 1.0


def bm25_view(searcher: Searcher, length_weight: float) -> Searcher:
    """The same reader scored with BM25F of length normalisation ``B``; closing it keeps the reader."""
    return Searcher(searcher.reader(), weighting=PooledBM25F(B=length_weight), closereader=False)


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
