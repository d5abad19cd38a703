"""Marking a query's words in any paragraph, as written (no search code)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Span
from ..text import analysis


@dataclass
class Highlighter:
    """The terms and phrases of a query, to mark in a paragraph's text.

    Each is kept with the language it was searched in (a term is a stem of that language):
    a paragraph's words are marked only by the terms of its own language, so "ban", searched
    as an English word, never marks the Spanish "baños" (Spanish stem "ban") it shares
    letters with."""

    terms: set[tuple[str, str]] = field(default_factory=set)  # (language key, term)
    phrases: set[tuple[str, tuple[str, ...]]] = field(default_factory=set)

    def spans(self, text: str, lang: str) -> list[Span]:
        key = analysis.language_key(lang)
        toks = list(analysis.tokens(text, lang))
        marked = [False] * len(toks)
        for i, (term, _, _) in enumerate(toks):
            if (key, term) in self.terms:
                marked[i] = True
        for phrase_key, phrase in self.phrases:
            if phrase_key != key:
                continue
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
