"""Compiling a parsed query into Whoosh queries for one case, and the field filters."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..index.case_index import CaseIndex
from ..index.engine import ArrayOr, Searcher, posting_ids, segments, terms_within, wq
from ..index.engine.schema import text_field
from ..models import DocMeta
from ..text import analysis
from .highlight import Highlighter
from .query import And, Filter, Node, Not, Or, Phrase, QueryError, QueryPlan, Range, Word

MAX_EXPANSION = 64  # terms a prefix or fuzzy word may expand to (the most frequent)
WRITTEN_CACHE = 20_000  # words whose languages are kept
WRITTEN_SCAN = 50  # paragraphs read to judge whether a language's paragraphs have a word as typed
MIN_STEM = 3  # "negotiat*" also matches stems down to 3 letters shorter than the prefix


class Compiler:
    """Turns a parsed query into a Whoosh query for one case."""

    def __init__(
        self, case: CaseIndex, searcher: Searcher, written: dict[tuple[Any, ...], list[str]] | None = None
    ) -> None:
        self.case = case
        self.searcher = searcher
        # The languages found for a word (``written_in``), per index generation: kept by the
        # caller from one search to the next (a search compiles its words several times).
        self.written = written if written is not None else {}
        self.reader = searcher.reader()
        self.langs = case.languages()
        self.meta = case.doc_meta()
        self.highlighter = Highlighter()
        self.notes: list[str] = []
        self.empty_filters: list[str] = []

    def compile_plan(self, plan: QueryPlan) -> wq.Query:
        """The scored part of a plan as one Whoosh query (every paragraph when it has none)."""
        return self.compile(plan.rest).normalize() if plan.rest is not None else wq.Every()

    def compile(self, node: Node, positive: bool = True) -> wq.Query:
        if isinstance(node, And):
            return wq.And([self.compile(n, positive) for n in node.nodes])
        if isinstance(node, Or):
            return wq.Or([self.compile(n, positive) for n in node.nodes])
        if isinstance(node, Not):
            return wq.Not(self.compile(node.node, not positive))
        if isinstance(node, Word):
            return self.word(node, positive)
        if isinstance(node, Phrase):
            return self.phrase(node.text, positive)
        if isinstance(node, Filter | Range):
            return self.filter(node)
        raise QueryError(f"cannot search for {node!r}")  # pragma: no cover - exhaustive

    def _per_lang(self, make: Callable[[str], wq.Query | None], langs: list[str] | None = None) -> wq.Query:
        parts = [q for q in (make(lang) for lang in (self.langs if langs is None else langs)) if q is not None]
        if not parts:
            return wq.NullQuery
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def phrase(self, text: str, positive: bool, langs: list[str] | None = None) -> wq.Query:
        def make(lang: str) -> wq.Query | None:
            terms = analysis.terms(text, lang)
            if not terms:
                return None
            if positive:
                if len(terms) == 1:
                    self.highlighter.terms.add((lang, terms[0]))
                else:
                    self.highlighter.phrases.add((lang, tuple(terms)))
            if len(terms) == 1:
                return wq.Term(text_field(lang), terms[0])
            return wq.Phrase(text_field(lang), terms)

        result = self._per_lang(make, langs)
        if result is wq.NullQuery:
            self.notes.append(f"{text!r} has no searchable words")
        return result

    def word(self, word: Word, positive: bool) -> wq.Query:
        if word.prefix:
            return self.expand(word, positive, "prefix")
        if word.fuzzy:
            return self.expand(word, positive, "fuzzy")
        return self.phrase(word.text, positive, self.written_in(word.text))

    def written_in(self, word: str) -> list[str]:
        """The case's languages a word is looked for in by its stem: those whose paragraphs
        have the word as typed (accents and case aside); else those with a word starting with
        it ("baño" in "baños"); else all of them.

        A word is stemmed per language, and two languages' stems can meet by chance: "ban"
        is the Spanish stem of "baños" and the Portuguese one of "banir".  In a case where
        the English paragraphs say "ban", the Spanish and Portuguese ones that do not are
        not matched, counted or lit by it.  A language is judged by the first WRITTEN_SCAN
        paragraphs holding the stem."""
        if len(self.langs) < 2:
            return self.langs
        form = analysis.term(word, analysis.UNSTEMMED)
        if not form:
            return self.langs
        key = (segments(self.searcher), form)
        cached = self.written.get(key)
        if cached is None:
            if len(self.written) > WRITTEN_CACHE:
                self.written.clear()
            cached = self.written[key] = self._written_in(word, form)
        return cached

    def _written_in(self, word: str, form: str) -> list[str]:
        found: list[str] = []
        extended: list[str] = []
        for lang in self.langs:
            fieldname, stem = text_field(lang), analysis.term(word, lang)
            seen = 0
            for sub, offset in self.searcher.leaf_searchers():
                reader = sub.reader()
                if seen >= WRITTEN_SCAN or (fieldname, stem) not in reader:
                    continue
                for docnum in posting_ids(reader, fieldname, stem):
                    text = str(self.searcher.stored_fields(offset + docnum).get("text", ""))
                    words = {t for t, _, _ in analysis.plain_tokens(text)}
                    if form in words:
                        found.append(lang)
                        seen = WRITTEN_SCAN
                        break
                    if lang not in extended and any(w.startswith(form) for w in words):
                        extended.append(lang)
                    seen += 1
                    if seen >= WRITTEN_SCAN:
                        break
        return found or extended or self.langs

    def expand(self, word: Word, positive: bool, how: str) -> wq.Query:
        candidates: dict[tuple[str, str], int] = {}
        for lang in self.langs:
            fieldname = text_field(lang)
            if how == "prefix":
                # Terms are stems, so "negotiat*" must also look under its stem "negoti".
                start = analysis.fold(word.text).replace("'", "")
                found: list[Any] = list(self.reader.expand_prefix(fieldname, start))
                for size in range(len(start) - 1, max(MIN_STEM, len(start) - 4), -1):
                    if self.reader.doc_frequency(fieldname, start[:size]):
                        found.append(start[:size])
            else:
                stem = analysis.term(word.text, lang)
                prefix = 2 if len(stem) > 5 else 1
                found = list(terms_within(self.reader, fieldname, stem, word.fuzzy, prefix))
            for raw in found:
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                candidates[(fieldname, term)] = self.reader.doc_frequency(fieldname, term)
        if not candidates:
            return wq.NullQuery
        best = sorted(candidates, key=lambda k: -candidates[k])
        shown = f"{word.text}*" if how == "prefix" else f"{word.text}~{word.fuzzy}"
        if len(best) > MAX_EXPANSION:
            self.notes.append(f"{shown} matches {len(best)} words; searching the {MAX_EXPANSION} most frequent")
            best = best[:MAX_EXPANSION]
        if positive:
            self.highlighter.terms.update((fieldname.removeprefix("text_"), term) for fieldname, term in best)
        return ArrayOr([wq.Term(f, t) for f, t in best])

    def filter(self, node: Filter | Range, scored: bool = True) -> wq.Query:
        """A field filter as a query on paragraphs; it adds nothing to scores."""
        docs = self.filter_documents(node)
        if isinstance(node, Filter) and node.field == "kind":
            query: wq.Query = wq.Term("kind", node.value.lower())
        elif isinstance(node, Filter) and node.field == "doc":
            query = wq.Term("doc", node.value)
        elif not docs:
            return wq.NullQuery
        else:
            query = ArrayOr([wq.Term("doc", d) for d in docs])
        return wq.ConstantScoreQuery(query, 0.0) if scored else query

    def filter_documents(self, node: Filter | Range) -> list[str] | None:
        """The documents a filter on documents' fields passes, saying why in ``empty_filters``
        when none does; None for ``kind``, a filter on the paragraphs themselves."""
        if isinstance(node, Filter) and node.field == "kind":
            return None
        if isinstance(node, Filter) and node.field == "doc":
            if node.value not in self.meta:
                self.empty_filters.append(f"no document has the id {node.value!r}")
                return []
            return [node.value]
        groups = self.case.documents_by(filtered_field(node))
        docs = [doc_id for value, ids in groups.items() if matches_value(node, value) for doc_id in ids]
        if not docs:
            self.empty_filters.append(_no_match_message(node, self.meta))
        return docs


def filtered_field(node: Filter | Range) -> str:
    """The metadata field a filter reads."""
    return "date" if isinstance(node, Range) else node.field


def matches_value(node: Filter | Range, value: str) -> bool:
    """Whether a document whose field (the one :func:`filtered_field` names) has this value
    passes the filter."""
    if isinstance(node, Range):
        if not value:
            return False
        low = _pad_date(node.low, "0000-00-00")
        high = _pad_date(node.high, "9999-99-99")
        return low <= _pad_date(value, "-00-00") and value[: len(high)] <= high
    if node.field == "date":
        wanted = _pad_date_parts(node.value)
        return bool(value) and value.startswith(wanted)
    if node.field == "lang":
        return analysis.language_key(value or "en") == analysis.language_key(node.value) and (
            (value or "en").lower().startswith(node.value.lower().split("-")[0])
        )
    have = _field_terms(value)
    want = _field_terms(node.value)
    if not want:
        return False
    if node.phrase:
        size = len(want)
        return any(have[i : i + size] == want for i in range(len(have) - size + 1))
    return all(w in have for w in want)


@lru_cache(maxsize=20_000)
def _field_terms(value: str) -> list[str]:
    return [t for t, _, _ in analysis.plain_tokens(value)]


def _pad_date_parts(value: str) -> str:
    parts = value.split("-")
    return "-".join([parts[0], *[p.zfill(2) for p in parts[1:]]])


def _pad_date(value: str, filler: str) -> str:
    if not value:
        return filler
    value = _pad_date_parts(value)
    if filler.startswith("-"):
        return value + filler[len(value) - 4 :] if len(value) < 10 else value
    return value + filler[len(value) :]


def _no_match_message(node: Filter | Range, meta: dict[str, DocMeta]) -> str:
    if isinstance(node, Range):
        return f"no document is dated between {node.low or '…'} and {node.high or '…'}"
    values = sorted({getattr(m, node.field, "") for m in meta.values()} - {""})
    known = ", ".join(values[:8]) + (" …" if len(values) > 8 else "")
    return f"no document has {node.field} {node.value!r}" + (f" ({node.field}s: {known})" if known else "")
