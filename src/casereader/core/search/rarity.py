"""How rare a word is among the case's paragraphs of its language, as BM25 weighs it (Whoosh's
idf, log(N / (df + 1)) + 1), for the feedback of :mod:`rerank`, which weighs 100-odd words a
query.  Each lookup reads the term's posting list header (~60 µs at 4 segments and 20,000
paragraphs): they are kept per index generation."""

from __future__ import annotations

import math
from collections.abc import Callable

from ..index.engine import Searcher, segments
from ..index.engine.schema import text_field
from ..text import analysis

MAX_KEPT = 200_000  # terms kept per generation before starting over


class Rarities:
    """Rarities per index generation, shared by every searcher of the same segments."""

    def __init__(self) -> None:
        self._generation: tuple[str, ...] = ()
        self._kept: dict[tuple[str, str], float] = {}

    def of(self, searcher: Searcher) -> Callable[[str, str], float]:
        """A function of (term, language) giving the term's rarity in ``searcher``'s index."""
        generation = segments(searcher)
        if generation != self._generation or len(self._kept) > MAX_KEPT:
            self._generation, self._kept = generation, {}  # an older generation's, dropped
        kept, paragraphs = self._kept, searcher.doc_count_all()

        def idf(term: str, lang: str) -> float:
            field = text_field(analysis.language_key(lang))
            value = kept.get((field, term))
            if value is None:
                value = kept[(field, term)] = math.log(paragraphs / (searcher.doc_frequency(field, term) + 1)) + 1
            return value

        return idf
