"""Running queries: the parsed tree becomes Whoosh queries; hits get sources and highlights."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq
from whoosh.collectors import FilterCollector, TimeLimit, TimeLimitCollector
from whoosh.idsets import BitSet
from whoosh.searching import Searcher

from . import analysis
from .index import CaseIndex, text_field
from .models import DocMeta, Hit, SearchResult, Source, Span
from .query import And, Filter, Node, Not, Or, Phrase, QueryError, Range, Word, parse

MAX_EXPANSION = 128  # terms a prefix or fuzzy word may expand to
TIME_LIMIT = 2.0  # seconds before a search returns what it has


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
            # Join the words of a phrase into one span when only spaces separate them.
            if spans and i > 0 and marked[i - 1] and text[spans[-1].end : start].isspace():
                spans[-1] = Span(spans[-1].start, end)
            else:
                spans.append(Span(start, end))
        return spans


class _Compiler:
    """Turns a parsed query into a Whoosh query for one case."""

    def __init__(self, case: CaseIndex, searcher: Searcher) -> None:
        self.case = case
        self.searcher = searcher
        self.reader = searcher.reader()
        self.langs = case.languages()
        self.meta = case.doc_meta()
        self.highlighter = Highlighter()
        self.notes: list[str] = []
        self.plain_words: list[Word] = []
        self.empty_filters: list[str] = []

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

    def _per_lang(self, make: Any) -> wq.Query:
        parts = [q for q in (make(lang) for lang in self.langs) if q is not None]
        if not parts:
            return wq.NullQuery
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def phrase(self, text: str, positive: bool) -> wq.Query:
        def make(lang: str) -> wq.Query | None:
            terms = analysis.terms(text, lang)
            if not terms:
                return None
            if positive:
                if len(terms) == 1:
                    self.highlighter.terms.add(terms[0])
                else:
                    self.highlighter.phrases.add(tuple(terms))
            if len(terms) == 1:
                return wq.Term(text_field(lang), terms[0])
            return wq.Phrase(text_field(lang), terms)

        result = self._per_lang(make)
        if result is wq.NullQuery:
            self.notes.append(f"{text!r} has no searchable words")
        return result

    def word(self, word: Word, positive: bool) -> wq.Query:
        if word.prefix:
            return self.expand(word, positive, "prefix")
        if word.fuzzy:
            return self.expand(word, positive, "fuzzy")
        if positive:
            self.plain_words.append(word)
        return self.phrase(word.text, positive)

    def expand(self, word: Word, positive: bool, how: str) -> wq.Query:
        candidates: dict[tuple[str, str], int] = {}
        for lang in self.langs:
            fieldname = text_field(lang)
            if how == "prefix":
                stem = analysis.fold(word.text).replace("'", "")
                found: Iterable[Any] = self.reader.expand_prefix(fieldname, stem)
            else:
                stem = analysis.term(word.text, lang)
                found = self.reader.terms_within(fieldname, stem, word.fuzzy, prefix=1)
            for raw in found:
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                candidates[(fieldname, term)] = self.reader.doc_frequency(fieldname, term)
        if not candidates:
            return wq.NullQuery
        best = sorted(candidates, key=lambda k: -candidates[k])
        shown = f"{word.text}*" if how == "prefix" else f"{word.text}~{word.fuzzy}"
        if len(best) > MAX_EXPANSION:
            self.notes.append(
                f"{shown} matches {len(best)} words; searching the {MAX_EXPANSION} most frequent"
            )
            best = best[:MAX_EXPANSION]
        if positive:
            self.highlighter.terms.update(term for _, term in best)
        return wq.Or([wq.Term(f, t) for f, t in best])

    def filter(self, node: Filter | Range) -> wq.Query:
        if isinstance(node, Filter) and node.field == "kind":
            return wq.ConstantScoreQuery(wq.Term("kind", node.value.lower()), 0.0)
        if isinstance(node, Filter) and node.field == "doc":
            if node.value not in self.meta:
                self.empty_filters.append(f"no document has the id {node.value!r}")
            return wq.ConstantScoreQuery(wq.Term("doc", node.value), 0.0)
        docs = [doc_id for doc_id, meta in self.meta.items() if matches_filter(node, meta)]
        if not docs:
            self.empty_filters.append(_no_match_message(node, self.meta))
            return wq.NullQuery
        return wq.ConstantScoreQuery(wq.Or([wq.Term("doc", d) for d in docs]), 0.0)


def matches_filter(node: Filter | Range, meta: DocMeta) -> bool:
    """Whether a document's metadata passes a field filter."""
    if isinstance(node, Range):
        if not meta.date:
            return False
        low = _pad_date(node.low, "0000-00-00")
        high = _pad_date(node.high, "9999-99-99")
        return low <= _pad_date(meta.date, "-00-00") and meta.date[: len(high)] <= high
    if node.field == "date":
        wanted = _pad_date_parts(node.value)
        return bool(meta.date) and meta.date.startswith(wanted)
    if node.field == "lang":
        return analysis.language_key(meta.lang or "en") == analysis.language_key(node.value) and (
            (meta.lang or "en").lower().startswith(node.value.lower().split("-")[0])
        )
    value = getattr(meta, node.field, "")
    have = [t for t, _, _ in analysis.plain_tokens(value)]
    want = [t for t, _, _ in analysis.plain_tokens(node.value)]
    if not want:
        return False
    if node.phrase:
        size = len(want)
        return any(have[i : i + size] == want for i in range(len(have) - size + 1))
    return all(w in have for w in want)


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


class Searchable:
    """Search over one case index.  Safe to call from worker threads."""

    def __init__(self, case: CaseIndex) -> None:
        self.case = case
        self._body_sets: dict[int, Any] = {}

    def _body_docs(self, searcher: Searcher) -> Any:
        key = id(searcher)
        docs = self._body_sets.get(key)
        if docs is None or docs[0] is not searcher:
            body = searcher.docs_for_query(wq.Term("kind", "body"))
            docs = (searcher, BitSet(body, searcher.doc_count_all()))
            if len(self._body_sets) > 32:  # searchers of older index generations
                self._body_sets.clear()
            self._body_sets[key] = docs
        return docs[1]

    def source(self, doc_id: str, n: int, meta: DocMeta | None = None) -> Source:
        meta = meta or self.case.doc_meta().get(doc_id) or DocMeta(title=doc_id)
        return Source(doc_id, n, meta.title, meta.outlet, meta.author, meta.date, meta.url, meta.lang)

    def search(self, text: str, limit: int = 20, count_docs: bool = False) -> SearchResult:
        started = time.perf_counter()
        node = parse(text)
        with self.case.searcher() as searcher:
            compiler = _Compiler(self.case, searcher)
            wquery = compiler.compile(node).normalize()
            body = self._body_docs(searcher)
            hits_raw: list[tuple[dict[str, Any], float]] = []
            total = 0
            timed_out = False
            for allow, restrict in ((body, None), (None, body)):
                want = limit - len(hits_raw)
                # The time limit must sit *inside* the filter: TimeLimitCollector feeds its
                # child directly and would bypass a FilterCollector's allow/restrict sets.
                timed = TimeLimitCollector(
                    # optimize=False: no block skipping, so the collector counts every match.
                    searcher.collector(limit=max(want, 1), optimize=False),
                    timelimit=TIME_LIMIT,
                    use_alarm=False,
                )
                collector = FilterCollector(timed, allow, restrict)
                try:
                    searcher.search_with_collector(wquery, collector)
                except TimeLimit:
                    timed_out = True
                results = collector.results()
                total += collector.count()
                if want > 0:
                    hits_raw.extend((dict(hit.fields()), hit.score or 0.0) for hit in results)
            counts: dict[str, int] = {}
            if count_docs and total:
                groups = searcher.search(wquery, limit=None, groupedby="doc", scored=False)
                counts = {k: len(v) for k, v in groups.groups("doc").items()}
            suggestion = None
            if total == 0 and not compiler.empty_filters:
                suggestion = _suggest(text, compiler, searcher)
        meta = self.case.doc_meta()
        hits = [
            Hit(
                self.source(f["doc"], f["n"], meta.get(f["doc"])),
                f["kind"],
                f["text"],
                compiler.highlighter.spans(f["text"], _lang(meta.get(f["doc"]))),
                score,
            )
            for f, score in hits_raw
        ]
        notes = compiler.notes + compiler.empty_filters
        if timed_out:
            notes.append(f"the search was stopped after {TIME_LIMIT:g} s; results are partial")
        return SearchResult(text, hits, total, time.perf_counter() - started, suggestion, notes, counts)


def _lang(meta: DocMeta | None) -> str:
    return (meta.lang if meta else "") or "en"


def _suggest(text: str, compiler: _Compiler, searcher: Searcher) -> str | None:
    """'did you mean': replace each unknown word by the closest frequent word of the case."""
    reader = compiler.reader
    suggestion = text
    changed = False
    for word in compiler.plain_words:
        if any(
            reader.doc_frequency(text_field(lang), t)
            for lang in compiler.langs
            for t in analysis.terms(word.text, lang)
        ):
            continue
        best: tuple[int, int, str, str] | None = None  # (distance, -df, field, term)
        for lang in compiler.langs:
            fieldname = text_field(lang)
            for term in analysis.terms(word.text, lang)[:1]:
                for distance in (1, 2):
                    for raw in reader.terms_within(fieldname, term, distance, prefix=1):
                        cand = raw.decode("utf-8") if isinstance(raw, bytes) else raw
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
