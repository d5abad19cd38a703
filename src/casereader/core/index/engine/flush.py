"""Writing a segment's postings with less work per posting.

When a segment is flushed, Whoosh's ``FieldWriter.add_postings`` takes every posting of every
term in order and, for each one, reads the paragraph's field length through three calls
(``doc_field_length`` -> the column reader -> ``byte_to_length``), and
``W3PostingsWriter.add_posting`` checks four types with ``assert``.  A large case has tens of
millions of postings.  The replacements read each field's lengths once (a list indexed by
paragraph) and add postings without the checks; the order check stays; postings gathered by
casereader's pool (:mod:`.pool`) are taken a term at a time.  What they write is the same,
byte for byte (a test compares the segment files with Whoosh's own).
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import base, whoosh3

_original_add_postings = base.FieldWriter.add_postings
_original_add_posting = whoosh3.W3PostingsWriter.add_posting


def _add_postings(self: Any, schema: Any, lengths: Any, items: Any) -> None:
    start_field, start_term = self.start_field, self.start_term
    finish_term, finish_field = self.finish_term, self.finish_field
    per_field: dict[str, list[int]] = {}
    count = lengths.doc_count_all() if lengths else 0

    def field_lengths(fieldname: str) -> list[int]:
        found = per_field.get(fieldname)
        if found is None:
            length = lengths.doc_field_length
            found = per_field[fieldname] = [length(d, fieldname) for d in range(count)] if lengths else []
        return found

    lastfn: str | None = None
    lasttext: bytes | None = None
    add: Any = None
    flengths: list[int] = []
    by_term = getattr(items, "terms", None)  # casereader's pool: a term's postings at once
    if by_term is not None:
        for fieldname, btext, (docs, weights, values, sizes) in by_term():
            if fieldname != lastfn:
                if lastfn is not None:
                    finish_field()
                fieldobj = schema[fieldname]
                start_field(fieldname, fieldobj)
                lastfn, add = fieldname, self.add
                flengths = field_lengths(fieldname) if fieldobj.scorable else []
            start_term(btext)
            raw, at = bytes(values), 0
            for docnum, weight, size in zip(docs, weights, sizes, strict=True):
                add(docnum, weight, raw[at : at + size], flengths[docnum] if flengths else 0)
                at += size
            finish_term()
        if lastfn is not None:
            finish_field()
        return
    for fieldname, btext, docnum, weight, value in items:
        if fieldname != lastfn:
            if lastfn is not None and fieldname < lastfn:
                raise base.OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
            if lasttext is not None:
                finish_term()
            if lastfn is not None:
                finish_field()
            fieldobj = schema[fieldname]
            start_field(fieldname, fieldobj)
            lastfn, lasttext = fieldname, None
            add = self.add
            flengths = field_lengths(fieldname) if fieldobj.scorable else []  # no lengths kept
        if docnum == -1:  # a spelling word: casereader keeps none
            continue
        if btext != lasttext:
            if lasttext is not None:
                if btext < lasttext:
                    raise base.OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {fieldname}:{btext!r}")
                finish_term()
            start_term(btext)
            lasttext = btext
        add(docnum, weight, b"" if value is None else value, flengths[docnum] if flengths else 0)
    if lasttext is not None:
        finish_term()
    if lastfn is not None:
        finish_field()


def _add_posting(self: Any, id_: Any, weight: float, vbytes: bytes, length: int | None = None) -> None:
    if len(self._ids) >= self._blocklimit:
        self._write_block()
    self._ids.append(id_)
    self._weights.append(weight)
    if weight > self._maxweight:
        self._maxweight = weight
    if vbytes:
        self._values.append(vbytes)
    if length:
        minlength = self._minlength
        if minlength is None or length < minlength:
            self._minlength = length
        if length > self._maxlength:
            self._maxlength = length


def apply_fast_flush() -> None:
    base.FieldWriter.add_postings = _add_postings
    whoosh3.W3PostingsWriter.add_posting = _add_posting


def restore_flush() -> None:
    """Put Whoosh's own methods back (a test compares what both write)."""
    base.FieldWriter.add_postings = _original_add_postings
    whoosh3.W3PostingsWriter.add_posting = _original_add_posting
