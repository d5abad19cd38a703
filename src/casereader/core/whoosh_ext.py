"""Everything that reaches into Whoosh's internals, in one place.

casereader uses Whoosh's public API for indexing and searching; the pieces here go further,
each for a measured reason, and each depends on how whoosh-reloaded 2.7.5 works inside:

- :class:`CasePositions` writes the Positions posting format's bytes without building a Token
  per word (most of the indexing time of a large case);
- :class:`ArrayOr` picks Whoosh's array union matcher for ORs of many terms;
- :class:`BodyFirst` is a scoring collector (body paragraphs before furniture, counts per
  document, cancellation);
- :func:`segments`, :func:`terms_within` and :func:`first_matches` read segment by segment;
- :func:`top` and :func:`bm25_view` score with another weighting over the same reader;
- the ``skip_to`` patch bisects a posting block instead of walking it;
- :func:`merge_segments`, :func:`cancel_writer` and :func:`remove_orphans` keep the index's
  files to what its committed segments use.

:func:`install` checks the installed Whoosh against the versions these were tested with and
applies the patch; the index calls it when it opens, never as an import side effect.  The
dependency is capped to the tested versions in ``pyproject.toml``.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import suppress
from importlib import metadata
from itertools import pairwise
from pickle import dumps
from typing import Any

from whoosh import fields as wfields
from whoosh import multiproc, scoring
from whoosh import query as wq
from whoosh.analysis import Token, Tokenizer
from whoosh.codec import whoosh3
from whoosh.collectors import FilterCollector, ScoredCollector
from whoosh.formats import Positions
from whoosh.matching import ReadTooFar
from whoosh.searching import Searcher
from whoosh.system import pack_uint

from .analysis import index_terms, language_key, tokens
from .models import SearchCancelled

#: whoosh-reloaded versions whose internals this module was tested against.
TESTED_VERSIONS = ("2.7.5",)


class UnsupportedWhoosh(RuntimeError):
    """The installed Whoosh is not a version casereader was tested with."""


def whoosh_version() -> str:
    try:
        return metadata.version("whoosh-reloaded")
    except metadata.PackageNotFoundError:  # another Whoosh package
        return "not whoosh-reloaded"


def check_version() -> None:
    """Raise UnsupportedWhoosh with a one-line explanation unless the installed Whoosh is tested."""
    found = whoosh_version()
    if found not in TESTED_VERSIONS:
        raise UnsupportedWhoosh(
            f"casereader works with whoosh-reloaded {', '.join(TESTED_VERSIONS)} and {found} is installed; "
            "run 'uv sync' in the casereader folder to install the tested version"
        )


_installed = False


def install() -> None:
    """Check the Whoosh version and apply the patches, once per process."""
    global _installed
    if not _installed:
        check_version()
        apply_skip_to()
        apply_quiet_subwriters()
        _installed = True


# --- the posting format and the tokenizer ---------------------------------------------------


class CasePositions(Positions):  # type: ignore[misc]
    """Whoosh's Positions format, fed straight from :func:`index_terms`.

    Same bytes on disk as ``Positions`` (so Whoosh reads it as usual), without building a
    Token object per word: this is most of the indexing time of a large case.
    """

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(analyzer, CaseTokenizer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        poses: dict[str, list[int]] = {}
        for pos, term_ in enumerate(index_terms(value, analyzer.lang)):
            found = poses.get(term_)
            if found is None:
                poses[term_] = [pos]
            else:
                found.append(pos)
        boost = self.field_boost
        for word, plist in poses.items():
            deltas = [plist[0]]
            deltas.extend(b - a for a, b in pairwise(plist))
            yield word, len(plist), len(plist) * boost, pack_uint(len(plist)) + dumps(deltas, 2)


class CaseTokenizer(Tokenizer):  # type: ignore[misc]
    """Whoosh tokenizer running :func:`tokens` for one language (all filters built in)."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = language_key(lang)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CaseTokenizer) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(("CaseTokenizer", self.lang))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        pos = start_pos
        for text, start, end in tokens(value, self.lang):
            token.text = text
            token.boost = 1.0
            if keeporiginal:
                token.original = value[start:end]
            token.stopped = False
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def text_field_type(lang_key: str) -> wfields.TEXT:
    """A paragraph text field for one analysis language, with phrase positions."""
    field = wfields.TEXT(analyzer=CaseTokenizer(lang_key), phrase=True)
    field.format = CasePositions(field_boost=field.format.field_boost)
    return field


# --- queries, matchers and collectors -------------------------------------------------------


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
    """The same reader scored with BM25F of another length normalisation (``B``); closing the
    view does not close the reader."""
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


# --- merging segments, and cancelling a build ------------------------------------------------

DELETED_FRACTION = 0.25  # a segment with more of its paragraphs deleted is rewritten at commit
_SEGMENT_FILE = re.compile(r"(MAIN_[0-9a-z]+)\.")  # a segment id, as segment_id() gives it


def merge_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh's merge policy (small segments are merged), and segments whose paragraphs are
    mostly deleted are rewritten without them.  Whoosh leaves deleted paragraphs in large
    segments for ever: after eight updates that changed every file of a 300-file case the
    index was 9 times its size, and estimated counts 9 times too high."""
    from whoosh.reading import SegmentReader
    from whoosh.writing import MERGE_SMALL

    kept = []
    for segment in MERGE_SMALL(writer, segments):
        total = segment.doc_count_all()
        if total and segment.deleted_count() > DELETED_FRACTION * total:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)  # copies the paragraphs that are not deleted
            reader.close()
        else:
            kept.append(segment)
    return kept


def cancel_writer(writer: Any) -> None:
    """Cancel a writer, and stop the processes of a parallel one (Whoosh's own ``cancel``
    only flags them, in the parent's copy)."""
    try:
        writer.cancel()
    finally:
        for task in getattr(writer, "tasks", []):
            if task.is_alive():
                task.terminate()
            task.join(2)


def remove_orphans(ix: Any) -> int:
    """Delete segment files that no committed segment uses: what a cancelled, killed or
    failed (disk full) build wrote.  Call only while no writer of this index is open."""
    live = {segment.segment_id() for segment in ix._segments()}
    removed = 0
    for name in list(ix.storage.list()):
        match = _SEGMENT_FILE.match(name)
        if match and match.group(1) not in live:
            with suppress(OSError):
                ix.storage.delete_file(name)
                removed += 1
    return removed


_original_subwriter_run = multiproc.SubWriterTask.run


def _quiet_subwriter_run(self: Any) -> Any:
    """A parallel build's worker process ends quietly on Ctrl+C (the parent reports it once)."""
    try:
        return _original_subwriter_run(self)
    except KeyboardInterrupt:
        return None


def apply_quiet_subwriters() -> None:
    if multiproc.SubWriterTask.run is not _quiet_subwriter_run:
        multiproc.SubWriterTask.run = _quiet_subwriter_run
