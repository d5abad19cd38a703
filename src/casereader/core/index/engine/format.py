"""The posting format and the tokenizer: Whoosh's Positions bytes written without a Token
per word (most of the indexing time of a large case)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pickle import dumps
from typing import Any

from whoosh import fields as wfields
from whoosh.analysis import Token, Tokenizer
from whoosh.formats import Positions
from whoosh.system import pack_uint

from ...text.analysis import index_terms, language_key, tokens


class CasePositions(Positions):  # type: ignore[misc]
    """Whoosh's Positions format, fed straight from :func:`index_terms`.

    Same bytes on disk as ``Positions`` (so Whoosh reads it as usual), without building a
    Token object per word: this is most of the indexing time of a large case.
    """

    def word_values(self, value: str, analyzer: Any, **kwargs: Any) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(analyzer, CaseTokenizer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        for word, freq, weight, encoded in self.postings(value, analyzer.lang):
            yield word.decode("utf-8"), freq, weight, encoded

    def postings(self, value: str, lang: str) -> list[tuple[bytes, int, float, bytes]]:
        """(term as UTF-8, frequency, weight, encoded positions) of each term of ``value``:
        what ``FieldType.index`` makes of ``word_values``, in one list (at indexing, one
        generator step and one call per posting fewer; a term seen once in a paragraph, most of
        them, has its positions' bytes from a table)."""
        poses: dict[str, list[int]] = {}
        for pos, term_ in enumerate(index_terms(value, lang)):
            found = poses.get(term_)
            if found is None:
                poses[term_] = [pos]
            else:
                found.append(pos)
        boost = self.field_boost
        out = []
        for word, plist in poses.items():
            if len(plist) == 1 and plist[0] < _ONCE_MAX:
                out.append((word.encode("utf-8"), 1, boost, _ONCE[plist[0]]))
                continue
            deltas = [plist[0]]
            deltas.extend(b - a for a, b in pairwise(plist))
            out.append((word.encode("utf-8"), len(plist), len(plist) * boost, pack_uint(len(plist)) + dumps(deltas, 2)))
        return out


_ONCE_MAX = 1024
_ONCE = [pack_uint(1) + dumps([pos], 2) for pos in range(_ONCE_MAX)]  # one position: its bytes


class CaseText(wfields.TEXT):  # type: ignore[misc]
    """A paragraph text field whose indexing goes straight to :meth:`CasePositions.postings`."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        fmt, analyzer = self.format, self.analyzer
        if isinstance(fmt, CasePositions) and isinstance(analyzer, CaseTokenizer) and isinstance(value, str):
            return fmt.postings(value, analyzer.lang)
        return super().index(value, **kwargs)


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
    field = CaseText(analyzer=CaseTokenizer(lang_key), phrase=True)
    field.format = CasePositions(field_boost=field.format.field_boost)
    return field
