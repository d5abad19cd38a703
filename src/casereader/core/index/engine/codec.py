"""A posting block whose paragraph numbers and weights are read without its positions.

Whoosh's W3 codec writes each block of up to 128 postings as one zlib-compressed pickle of
(ids, weights, values), the values being each posting's positions.  Reading a block's ids --
all an AND, a NOT or a phrase needs from a common word to skip past the paragraphs that lack
it -- unpickled the whole block: 86 us per block of "that" at 200,000 paragraphs, and
``that mifatre`` read ~760 of them (51 ms of its 60).

:class:`CaseCodec` writes the three apart, behind a fixed header: the ids as deltas in 16 or
32 bits, the weights as bytes when they are small whole numbers (term counts), the values
compressed as before.  Ids and weights are read with no pickle and no zlib (~3 us a block),
the values only when a phrase or a span asks for them.  What is read back is what was
written: the same ids, weights and values in the same order (a test compares every posting
of a case indexed by both codecs, and their search results).  Segments written by Whoosh's
own codec keep it and are read as before; a segment's codec is stored with it.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from itertools import accumulate
from operator import sub
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.util.numeric import byte_to_length, length_to_byte

# length of what follows the header, postings, first id, last
# id, highest weight, bytes of ids, bytes of weights, values, compression of the values,
# shortest and longest field length (as bytes), flags (ids in 16 bits; how weights are kept;
# the term's last block)
_HEAD = struct.Struct("<IIIIfIIIBBBB")
_IDS16 = 1
_WEIGHTS_ONE, _WEIGHTS_BYTES, _WEIGHTS_FLOAT = 0, 2, 4
_WEIGHTS = 6
_LAST = 8
_SWAP = sys.byteorder == "big"  # arrays are written little-endian, like the header


def _pack(values: array[Any]) -> bytes:
    if _SWAP:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _unpack(typecode: str, raw: bytes) -> array[Any]:
    values = array(typecode)
    values.frombytes(raw)
    if _SWAP:
        values.byteswap()
    return values


class CasePostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Writes the blocks :class:`CaseLeafMatcher` reads (term postings; vectors, whose ids
    are words, are written by Whoosh's own writer)."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)

        ids = self._ids
        deltas = array("I", map(sub, ids[1:], ids))
        flags = 0
        if not deltas or max(deltas) < 65536:
            deltas, flags = array("H", deltas), _IDS16
        idbytes = _pack(deltas)

        weights = self._weights  # array("f"); each test below runs in C
        if weights.count(1.0) == len(weights):
            wbytes = b""
        else:
            try:
                wbytes = bytes(map(int, weights))  # ValueError below 0 or over 255
            except ValueError:
                wbytes = b""
            if wbytes and array("f", iter(wbytes)) == weights:  # whole numbers
                flags |= _WEIGHTS_BYTES
            else:
                wbytes, flags = _pack(array("f", weights)), flags | _WEIGHTS_FLOAT

        values = self._values
        vbytes = _pack(array("I", map(len, values))) + b"".join(values) if values else b""
        comp = self._compression if len(vbytes) >= 20 else 0
        if comp:
            vbytes = zlib.compress(vbytes, comp)

        head = _HEAD.pack(
            len(idbytes) + len(wbytes) + len(vbytes),
            len(ids),
            ids[0],
            ids[-1],
            self._maxweight,
            len(idbytes),
            len(wbytes),
            len(values),
            comp,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
            flags | _LAST if last else flags,
        )
        self._postfile.write(head + idbytes + wbytes + vbytes)
        self._blockcount += 1
        self._new_block()


class CaseLeafMatcher(W3LeafMatcher):  # type: ignore[misc]
    """Reads :class:`CasePostingsWriter`'s blocks; each part decoded when first asked for."""

    _ids: Any
    _weights: Any
    _values: Any
    _first = 0
    _idbytes = 0
    _wbytes = 0
    _vcount = 0
    _flags = 0

    def _goto(self, position: int) -> None:
        self._ids = self._weights = self._values = None
        self._i = 0
        (
            length,
            self._blocklength,
            self._first,
            self._maxid,
            self._maxweight,
            self._idbytes,
            self._wbytes,
            self._vcount,
            self._compression,
            shortest,
            longest,
            self._flags,
        ) = _HEAD.unpack(self._postfile.get(position, _HEAD.size))
        self._lastblock = bool(self._flags & _LAST)
        self._dataoffset = position + _HEAD.size
        self._nextoffset = self._dataoffset + length
        self._minlength = byte_to_length(shortest)
        self._maxlength = byte_to_length(longest)

    def _read_ids(self) -> None:
        raw = self._postfile.get(self._dataoffset, self._idbytes)
        deltas = _unpack("H" if self._flags & _IDS16 else "I", raw)
        self._ids = tuple(accumulate(deltas, initial=self._first))

    def _read_weights(self) -> None:
        kept = self._flags & _WEIGHTS
        if kept == _WEIGHTS_ONE:
            self._weights = array("f", (1.0,)) * self._blocklength
            return
        raw = self._postfile.get(self._dataoffset + self._idbytes, self._wbytes)
        self._weights = array("f", _unpack("B", raw)) if kept == _WEIGHTS_BYTES else _unpack("f", raw)

    def _read_values(self) -> None:
        fixedsize = self._fixedsize
        if fixedsize == 0:
            self._values = (None,) * self._blocklength
            return
        start = self._dataoffset + self._idbytes + self._wbytes
        raw = self._postfile.get(start, self._nextoffset - start)
        if self._compression:
            raw = zlib.decompress(raw)
        count = self._vcount
        lengths = _unpack("I", raw[: 4 * count])
        values: list[bytes] = []
        at = 4 * count
        for size in lengths:
            values.append(raw[at : at + size])
            at += size
        if fixedsize is None or fixedsize < 0:
            self._values = tuple(values)
        else:  # Whoosh's own reader slices the joined values by their fixed size
            joined = b"".join(values)
            self._values = tuple(joined[i : i + fixedsize] for i in range(0, len(joined), fixedsize))


class CaseCodec(W3Codec):  # type: ignore[misc]
    """Whoosh's W3 codec with :class:`CasePostingsWriter`'s blocks for term postings."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:
            return super().postings_writer(dbfile, byteids=True)
        return CasePostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=False,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return CaseLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
