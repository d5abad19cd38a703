"""Marking a query's words in any paragraph, as written (no search code)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Span
from ..text import analysis


@dataclass
class Highlighter:
    """The terms and phrases of a query, to mark in a paragraph's text."""

    terms: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)

    def spans(self, text: str, lang: str) -> list[Span]:
        toks = list(analysis.tokens(text, lang))
        marked = [False] * len(toks)
        for i, (term, _, _) in enumerate(toks):
            if term in self.terms:
                marked[i] = True
        for phrase in self.phrases:
            size = len(phrase)
            for i in range(len(toks) - size + 1):
                if tuple(t for t, _, _ in toks[i : i + size]) == phrase:
                    for j in range(i, i + size):
                        marked[j] = True
        spans: list[Span] = []
        for i, (_, start, end) in enumerate(toks):
            if not marked[i]:
                continue
            # Join the words of a phrase into one span when only spaces separate them, and a
            # run's overlapping pairs of characters (Chinese, Japanese, Thai) into one.
            if spans and i > 0 and marked[i - 1] and (start <= spans[-1].end or text[spans[-1].end : start].isspace()):
                spans[-1] = Span(spans[-1].start, max(end, spans[-1].end))
            else:
                spans.append(Span(start, end))
        return spans
