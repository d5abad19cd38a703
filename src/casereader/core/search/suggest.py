"""'did you mean': a query's unknown words replaced by the case's closest frequent words."""

from __future__ import annotations

from ..index.engine import Searcher, terms_within, wq
from ..index.engine.schema import text_field
from ..text import analysis
from .query import QueryPlan, without_invisible


def suggest_words(plan: QueryPlan, langs: list[str], searcher: Searcher) -> str | None:
    """'did you mean': replace each unknown word by the closest frequent word of the case."""
    reader = searcher.reader()
    suggestion = without_invisible(plan.text)
    changed = False
    for word in plan.plain_words:
        if any(reader.doc_frequency(text_field(lang), t) for lang in langs for t in analysis.terms(word.text, lang)):
            continue
        best: tuple[int, int, str, str] | None = None  # (distance, -df, field, term)
        for lang in langs:
            fieldname = text_field(lang)
            for term in analysis.terms(word.text, lang)[:1]:
                # Two edits only for longer words, and typos rarely touch the first letters.
                for distance in (1, 2) if len(term) > 4 else (1,):
                    prefix = 2 if len(term) > 5 else 1
                    for cand in terms_within(reader, fieldname, term, distance, prefix):
                        key = (distance, -reader.doc_frequency(fieldname, cand), fieldname, cand)
                        if best is None or key < best:
                            best = key
                    if best is not None:
                        break
        if best is None:
            return None
        surface = _surface(searcher, best[2], best[3])
        if surface is None:
            return None
        suggestion = suggestion.replace(word.text, surface, 1)
        changed = True
    return suggestion if changed else None


def _surface(searcher: Searcher, fieldname: str, term: str) -> str | None:
    """The word as written in the case for an index term (the first paragraph having it)."""
    lang = fieldname.removeprefix("text_")
    for fields_ in searcher.search(wq.Term(fieldname, term), limit=3):
        text = fields_["text"]
        for tok, start, end in analysis.tokens(text, lang):
            if tok == term:
                return str(text[start:end])
    return None
