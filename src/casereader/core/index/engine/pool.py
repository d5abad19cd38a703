"""A segment's postings gathered term by term, in arrays, instead of one tuple per posting.

Whoosh's ``PostingPool`` keeps each posting as a tuple (field, term, paragraph, weight,
positions) -- ~190 bytes by its own estimate -- sorts them all when the segment is written,
and past ``limitmb`` sorts and spills them to temporary files to merge them back a posting
at a time.  At 200,000 paragraphs each build process spilled ~8 times (a 20,000-paragraph
build forced to spill 10 times took 14.0 s instead of 9.7 s).

:class:`TermPool` keeps each term's postings in arrays (paragraph numbers, weights, the
positions' bytes and their lengths: ~30 bytes a posting), so it spills several times less
often; it sorts terms, not postings (a term's paragraphs arrive in order: documents are added
in order, and a merged segment's terms a segment after another); a spilled run is written and
merged back a term at a time.  The segment written is the same, byte for byte, as with
Whoosh's pool (a test compares the files, with spills and merges).
"""

from __future__ import annotations

import heapq
import marshal
from array import array
from collections.abc import Iterator
from itertools import groupby, pairwise
from operator import itemgetter
from typing import Any

from whoosh import writing

TERM_BYTES = 500  # the estimated memory of a term's arrays and entry, and of a posting's
POSTING_BYTES = 16  # paragraph number, weight and length (the positions' bytes are added)

# A term's postings: paragraph numbers, weights, the positions' bytes one after another, and
# each posting's share of them.
Postings = tuple[array, array, bytearray, array]  # type: ignore[type-arg]


def _new() -> Postings:
    # Weights as doubles: the writer's statistics (highest and total weight) read them so.
    return array("i"), array("d"), bytearray(), array("I")


class TermPool(writing.PostingPool):  # type: ignore[misc]
    """Whoosh's posting pool, with each term's postings in arrays (see the module)."""

    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._fields: dict[str, dict[bytes, Postings]] = {}
        self._unordered: set[tuple[str, bytes]] = set()  # terms whose paragraphs came out of order
        self.runs: list[str] = []

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, btext, docnum, weight, vbytes = item
        if docnum < 0:  # a spelling word: casereader keeps none
            return
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        postings = terms.get(btext)
        if postings is None:
            postings = terms[btext] = _new()
            self.currentsize += TERM_BYTES
        elif docnum < postings[0][-1]:
            self._unordered.add((fieldname, btext))
        docs, weights, values, lengths = postings
        docs.append(docnum)
        weights.append(weight)
        if vbytes:
            values += vbytes
            lengths.append(len(vbytes))
        else:
            lengths.append(0)
        self.currentsize += POSTING_BYTES + (len(vbytes) if vbytes else 0)
        if self.currentsize > self.limit:
            self.save()

    def save(self) -> None:
        """Spill the postings held to a run: one record per term, in term order."""
        path, out = self._new_run()
        try:
            for fieldname, btext, (docs, weights, values, lengths) in self._held():
                marshal.dump(
                    (fieldname, btext, docs.tobytes(), weights.tobytes(), bytes(values), lengths.tobytes()), out
                )
        finally:
            out.close()
        self.runs.append(path)
        self._fields = {}
        self.currentsize = 0

    def _held(self) -> Iterator[tuple[str, bytes, Postings]]:
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for btext in sorted(terms):
                yield fieldname, btext, terms[btext]

    def _read(self, path: str) -> Iterator[tuple[str, bytes, Postings]]:
        source = self._open_run(path)
        try:
            while True:
                try:
                    fieldname, btext, docs, weights, values, lengths = marshal.load(source)
                except EOFError:
                    return
                postings = _new()
                postings[0].frombytes(docs)
                postings[1].frombytes(weights)
                postings[2].extend(values)
                postings[3].frombytes(lengths)
                yield fieldname, btext, postings
        finally:
            source.close()
            self._remove_run(path)

    def terms(self) -> Iterator[tuple[str, bytes, Postings]]:
        """Every term in order with its postings in paragraph order (runs merged back a term
        at a time; a term's runs are joined in the order they were written)."""
        if not self.runs:
            merged: Iterator[tuple[str, bytes, Postings]] = self._held()
        else:
            if self._fields:
                self.save()
            runs, self.runs = self.runs, []
            sources = [self._read(path) for path in runs]
            merged = (
                _joined(fieldname, btext, [postings for _, _, postings in parts])
                for (fieldname, btext), parts in groupby(heapq.merge(*sources, key=_term), key=_term)
            )
        for fieldname, btext, postings in merged:
            if (fieldname, btext) in self._unordered:
                postings = _in_order(postings)
            yield fieldname, btext, postings

    def iter_postings(self) -> PoolPostings:
        return PoolPostings(self)

    def items(self, maxfiles: int = 128) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        """The postings one at a time, as Whoosh's pool gives them."""
        return iter(PoolPostings(self))

    def reduce_to(self, target: int, k: int) -> None:
        raise NotImplementedError("casereader's parallel writer keeps one segment per process")


class PoolPostings:
    """What the segment writer is given to write: the postings one at a time (Whoosh's
    interface), or :meth:`terms` (casereader's writer, :mod:`.flush`)."""

    def __init__(self, pool: TermPool) -> None:
        self.terms = pool.terms

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes]]:
        for fieldname, btext, (docs, weights, values, lengths) in self.terms():
            at = 0
            for docnum, weight, size in zip(docs, weights, lengths, strict=True):
                yield fieldname, btext, docnum, weight, bytes(values[at : at + size])
                at += size


_term = itemgetter(0, 1)


def _joined(fieldname: str, btext: bytes, parts: list[Postings]) -> tuple[str, bytes, Postings]:
    """A term's postings from the runs it is in, in the runs' order, sorted by paragraph
    when a run's paragraphs do not all come after the one before's."""
    if len(parts) == 1:
        return fieldname, btext, parts[0]
    joined = _new()
    for part in parts:
        for mine, theirs in zip(joined, part, strict=True):
            mine.extend(theirs)
    if any(after[0][0] < before[0][-1] for before, after in pairwise(parts)):
        joined = _in_order(joined)
    return fieldname, btext, joined


def _in_order(postings: Postings) -> Postings:
    """A term's postings sorted by paragraph (stable, as Whoosh's sort of whole tuples is for
    one paragraph's single posting per term)."""
    docs, weights, values, lengths = postings
    starts = [0]
    for size in lengths:
        starts.append(starts[-1] + size)
    order = sorted(range(len(docs)), key=docs.__getitem__)
    ordered = _new()
    for i in order:
        ordered[0].append(docs[i])
        ordered[1].append(weights[i])
        ordered[2].extend(values[starts[i] : starts[i + 1]])
        ordered[3].append(lengths[i])
    return ordered


_original_pool = writing.PostingPool


def apply_term_pool() -> None:
    writing.PostingPool = TermPool


def restore_pool() -> None:
    """Put Whoosh's own pool back (a test compares what both write)."""
    writing.PostingPool = _original_pool
