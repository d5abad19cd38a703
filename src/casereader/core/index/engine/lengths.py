"""Paragraph lengths read from memory.

BM25 needs each matching paragraph's length: Whoosh's ``W3PerDocReader.doc_field_length``
reads it from the segment's lengths column one byte at a time — a seek and a read on the
file per scored posting, since segments are kept as separate files (a related-passages query
scores ~10,000 postings at 200,000 paragraphs: 257,000 reads for 20 of them).  The
replacement reads each field's column once per reader (one byte per paragraph) and answers
from it, exactly as Whoosh does: ``default`` without a column, None for a zero byte.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length

_LENGTH = [byte_to_length(b) for b in range(256)]
_original = whoosh3.W3PerDocReader.doc_field_length


def _doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> int | None:
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    cache: dict[str, bytes | None] = self.__dict__.setdefault("_lengths_in_memory", {})
    if fieldname not in cache:
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if reader is None:
            cache[fieldname] = None
        else:
            cache[fieldname] = bytes(reader._dbfile.get(reader._basepos, reader._count))
    column = cache[fieldname]
    if column is None:
        return default
    lbyte = column[docnum] if docnum < len(column) else 0
    return _LENGTH[lbyte] if lbyte else None


def apply_lengths_in_memory() -> None:
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length


def restore_lengths() -> None:
    """Put Whoosh's own method back (a test compares both)."""
    whoosh3.W3PerDocReader.doc_field_length = _original
