"""Running queries: the parsed tree becomes Whoosh queries; hits get sources and highlights."""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from whoosh import query as wq
from whoosh.collectors import ScoredCollector, TimeLimit, TimeLimitCollector
from whoosh.idsets import BitSet
from whoosh.searching import Searcher

from . import analysis
from .index import CaseIndex, text_field
from .models import DocMeta, Hit, SearchCancelled, SearchResult, Source, Span
from .query import And, Filter, Node, Not, Or, Phrase, QueryError, Range, Word, parse

MAX_EXPANSION = 64  # terms a prefix or fuzzy word may expand to (the most frequent)
BROAD_MIN = 2000  # a query walking more paragraphs than this (and than BROAD_FRACTION of
BROAD_FRACTION = 0.10  # the case) is listed in case order instead of scored
MIN_STEM = 3  # "negotiat*" also matches stems down to 3 letters shorter than the prefix
TIME_LIMIT = 2.0  # seconds before a search returns what it has


class ArrayOr(wq.Or):  # type: ignore[misc]
    """An OR of many terms, matched with Whoosh's array union, which scores a chunk of
    postings at a time: several times faster than its default tree of binary unions when
    a prefix, a fuzzy word or a related-passage query ORs dozens of terms.  A subclass
    (not an attribute) so the choice survives ``normalize()``."""

    matcher_type = wq.Or.ARRAY_MATCHER


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
            self.highlighter.terms.update(term for _, term in best)
        return ArrayOr([wq.Term(f, t) for f, t in best])

    def filter(self, node: Filter | Range, scored: bool = True) -> wq.Query:
        """A field filter as a query on paragraphs; it adds nothing to scores."""
        if isinstance(node, Filter) and node.field == "kind":
            query: wq.Query = wq.Term("kind", node.value.lower())
        elif isinstance(node, Filter) and node.field == "doc":
            if node.value not in self.meta:
                self.empty_filters.append(f"no document has the id {node.value!r}")
            query = wq.Term("doc", node.value)
        else:
            docs = [doc_id for doc_id, meta in self.meta.items() if matches_filter(node, meta)]
            if not docs:
                self.empty_filters.append(_no_match_message(node, self.meta))
                return wq.NullQuery
            query = ArrayOr([wq.Term("doc", d) for d in docs])
        return wq.ConstantScoreQuery(query, 0.0) if scored else query


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
    have = _field_terms(getattr(meta, node.field, ""))
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


class Searchable:
    """Search over one case index.  Safe to call from worker threads."""

    def __init__(self, case: CaseIndex) -> None:
        self.case = case
        # Caches of document-number sets, valid for every searcher of the same segments.
        self._body_sets: dict[tuple[str, ...], Any] = {}
        self._doc_sets: dict[tuple[str, ...], tuple[list[str], list[int]]] = {}
        self._filter_sets: dict[tuple[tuple[str, ...], tuple[Filter | Range, ...]], Any] = {}

    def warm(self) -> None:
        with self.case.searcher() as searcher:
            self._body_docs(searcher)
            self._doc_numbers(searcher)

    def _doc_numbers(self, searcher: Searcher) -> tuple[list[str], list[int]]:
        """The document of every paragraph, by index number (cached per index generation):
        counting hits per document is then one list lookup per match."""
        key = _segments(searcher)
        cached = self._doc_sets.get(key)
        if cached is not None:
            return cached
        doc_ids = sorted(self.case.doc_meta())
        doc_of = [0] * searcher.doc_count_all()
        for position, doc_id in enumerate(doc_ids):
            for docnum in searcher.docs_for_query(wq.Term("doc", doc_id)):
                doc_of[docnum] = position
        if len(self._doc_sets) > 2:  # older index generations
            self._doc_sets.clear()
        self._doc_sets[key] = (doc_ids, doc_of)
        return doc_ids, doc_of

    def _body_docs(self, searcher: Searcher) -> Any:
        key = _segments(searcher)
        docs = self._body_sets.get(key)
        if docs is None:
            body = searcher.docs_for_query(wq.Term("kind", "body"))
            docs = BitSet(body, searcher.doc_count_all())
            if len(self._body_sets) > 2:  # older index generations
                self._body_sets.clear()
            self._body_sets[key] = docs
        return docs

    def suggest(self, text: str) -> str | None:
        """'did you mean' for a query: its unknown words replaced by the case's closest words."""
        node = parse(text)
        with self.case.searcher() as searcher:
            compiler = _Compiler(self.case, searcher)
            compiler.compile(node)
            return _suggest(text, compiler, searcher)

    def _filter_docs(self, searcher: Searcher, compiler: _Compiler, filters: list[Filter | Range]) -> Any:
        """The paragraphs passing the top-level field filters (cached per index generation)."""
        key = (_segments(searcher), tuple(filters))
        cached = self._filter_sets.get(key)
        if cached is not None:
            compiler.empty_filters.extend(cached[1])
            return cached[0]
        before = len(compiler.empty_filters)
        wanted = wq.And([compiler.filter(f, scored=False) for f in filters]).normalize()
        docs = BitSet(searcher.docs_for_query(wanted), searcher.doc_count_all())
        if len(self._filter_sets) > 256:
            self._filter_sets.clear()
        self._filter_sets[key] = (docs, compiler.empty_filters[before:])
        return docs

    def source(self, doc_id: str, n: int, meta: DocMeta | None = None) -> Source:
        meta = meta or self.case.doc_meta().get(doc_id) or DocMeta(title=doc_id)
        return Source.of(doc_id, n, meta)

    def search(
        self,
        text: str,
        limit: int = 20,
        count_docs: bool = False,
        cancelled: Callable[[], bool] | None = None,
        suggest: bool = True,
    ) -> SearchResult:
        """Run a query.  ``cancelled`` is polled while matches are scored: when it returns
        True the search stops with SearchCancelled (a newer keystroke wants the CPU)."""
        started = time.perf_counter()
        node = parse(text)
        filters, rest = _split_filters(node)
        with self.case.searcher() as searcher:
            compiler = _Compiler(self.case, searcher)
            wquery = compiler.compile(rest).normalize() if rest is not None else wq.Every()
            body = self._body_docs(searcher)
            allow_body, allow_other, restrict_other = body, None, body
            if filters:
                docs = self._filter_docs(searcher, compiler, filters)
                allow_body, allow_other, restrict_other = body.intersection(docs), docs, body
            reader = searcher.reader()
            size = wquery.estimate_size(reader) if rest is not None else searcher.doc_count()
            broad = size > max(BROAD_MIN, BROAD_FRACTION * searcher.doc_count())
            passes = ((allow_body, None), (allow_other, restrict_other))
            hits_raw: list[tuple[dict[str, Any], float]] = []
            timed_out = False
            collector: _BodyFirst | None = None
            dup_of = self.case.duplicate_of()
            if broad:
                # Every matching paragraph would have to be scored to rank them: list the
                # first ones in case order instead, and say so (no paragraph is left out).
                for allow, restrict in passes:
                    if len(hits_raw) < limit:
                        docnums = _first_matches(searcher, wquery, limit - len(hits_raw), allow, restrict)
                        if cancelled is not None and cancelled():
                            raise SearchCancelled(text)
                        hits_raw.extend((dict(searcher.stored_fields(d)), 0.0) for d in docnums)
                if rest is not None:
                    compiler.notes.append(
                        "very common words: paragraphs are listed in case order, not ranked; "
                        "add a more specific word to rank them"
                    )
            else:
                # One scoring pass: the best body paragraphs, then the best furniture, and
                # an exact count, since every match is visited anyway.
                doc_ids, doc_of = self._doc_numbers(searcher) if count_docs or dup_of else ([], None)
                collector = _BodyFirst(limit, body, allow_other, cancelled, doc_ids, doc_of)
                try:
                    searcher.search_with_collector(
                        wquery, TimeLimitCollector(collector, timelimit=TIME_LIMIT, use_alarm=False)
                    )
                except TimeLimit:
                    timed_out = True
                hits_raw = [(dict(searcher.stored_fields(d)), score) for d, score in collector.hits()]
            exact = not broad and not timed_out
            total = collector.total if collector is not None else size
            counts: dict[str, int] = {}
            if collector is not None and collector.doc_of is not None:
                counts = collector.doc_counts()
                # A duplicate document's paragraphs are shown once, under the document it
                # duplicates ("also in"), when that document matches too.
                hidden = {d for d in counts if d in dup_of and counts.get(dup_of[d])}
                if hidden:
                    hits_raw = [row for row in hits_raw if row[0]["doc"] not in hidden]
                    total -= sum(counts.pop(d) for d in hidden)
            if not (count_docs and total and exact):
                counts = {}
            suggestion = None
            if suggest and total == 0 and not compiler.empty_filters:
                suggestion = _suggest(text, compiler, searcher)
        meta = self.case.doc_meta()
        also_in: dict[str, list[str]] = {}
        for duplicate, original in sorted(dup_of.items()):
            also_in.setdefault(original, []).append(duplicate)
        hits = [
            Hit(
                self.source(f["doc"], f["n"], meta.get(f["doc"])),
                f["kind"],
                f["text"],
                compiler.highlighter.spans(f["text"], _lang(meta.get(f["doc"]))),
                score,
                also_in.get(f["doc"], []),
            )
            for f, score in hits_raw
        ]
        notes = compiler.notes + compiler.empty_filters
        if timed_out:
            notes.append(f"the search was stopped after {TIME_LIMIT:g} s; results are partial")
        return SearchResult(
            text,
            hits,
            total,
            time.perf_counter() - started,
            suggestion,
            notes,
            counts,
            exact,
            compiler.highlighter,
        )


class _BodyFirst(ScoredCollector):  # type: ignore[misc]
    """Keeps the top ``limit`` body paragraphs and the top furniture, and counts every match."""

    def __init__(
        self,
        limit: int,
        body: Any,
        allow: Any,
        cancelled: Callable[[], bool] | None = None,
        doc_ids: list[str] | None = None,
        doc_of: list[int] | None = None,
    ) -> None:
        super().__init__()
        self.cancelled = cancelled
        self.doc_ids = doc_ids or []
        self.doc_of = doc_of  # paragraph number in the index -> position in doc_ids
        self.per_doc = [0] * len(self.doc_ids)
        self.limit = limit
        self.body = body
        self.allow = allow
        self.total = 0
        self.body_heap: list[tuple[float, int]] = []
        self.other_heap: list[tuple[float, int]] = []

    def _collect(self, global_docnum: int, score: float) -> float:
        if self.allow is not None and global_docnum not in self.allow:
            return 0.0
        self.total += 1
        if self.doc_of is not None:
            self.per_doc[self.doc_of[global_docnum]] += 1
        if self.cancelled is not None and self.total % 128 == 0 and self.cancelled():
            raise SearchCancelled()
        heap = self.body_heap if global_docnum in self.body else self.other_heap
        item = (score, -global_docnum)  # ties: earlier paragraphs first
        if len(heap) < self.limit:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            heapq.heapreplace(heap, item)
        return 0.0

    def doc_counts(self) -> dict[str, int]:
        return {doc_id: n for doc_id, n in zip(self.doc_ids, self.per_doc, strict=True) if n}

    def hits(self) -> list[tuple[int, float]]:
        ordered = sorted(self.body_heap, reverse=True) + sorted(self.other_heap, reverse=True)
        return [(-negdoc, score) for score, negdoc in ordered[: self.limit]]


def _segments(searcher: Searcher) -> tuple[str, ...]:
    """The segments a searcher reads: document numbers mean the same for all searchers of
    the same segments, so per-index caches are keyed by this, not by the searcher (the app's
    workers take whichever searcher of the pool is free)."""
    reader = searcher.reader()
    leaves = [reader] if reader.is_atomic() else [r for r, _ in reader.leaf_readers()]
    return tuple(str(leaf.segment().segment_id()) for leaf in leaves)


def _split_filters(node: Node) -> tuple[list[Filter | Range], Node | None]:
    """Field filters ANDed at the top of a query (applied as document sets), and the rest."""
    if isinstance(node, Filter | Range):
        return [node], None
    if isinstance(node, And):
        filters = [n for n in node.nodes if isinstance(n, Filter | Range)]
        rest = [n for n in node.nodes if not isinstance(n, Filter | Range)]
        if filters and rest and any(not isinstance(n, Not) for n in rest):
            return filters, rest[0] if len(rest) == 1 else And(tuple(rest))
        if filters and not rest:
            return filters, None
    return [], node


def _first_matches(searcher: Searcher, wquery: wq.Query, limit: int, allow: Any, restrict: Any) -> list[int]:
    """The first ``limit`` matching paragraphs in index order, without scoring any."""
    found: list[int] = []
    context = searcher.boolean_context()
    for sub, offset in searcher.leaf_searchers():
        matcher = wquery.matcher(sub, context)
        while matcher.is_active():
            docnum = offset + matcher.id()
            if (allow is None or docnum in allow) and (restrict is None or docnum not in restrict):
                found.append(docnum)
                if len(found) >= limit:
                    return found
            matcher.next()
    return found


def terms_within(reader: Any, fieldname: str, text: str, maxdist: int, prefix: int) -> set[str]:
    """Terms within ``maxdist`` edits of ``text``.

    Whoosh's multi-segment reader falls back to computing an edit distance for every term of
    the field; each segment's own reader walks its term table with an automaton instead, so
    ask the segments one by one.
    """
    readers = [r for r, _ in reader.leaf_readers()] if not reader.is_atomic() else [reader]
    found: set[str] = set()
    for sub in readers:
        for raw in sub.terms_within(fieldname, text, maxdist, prefix=prefix):
            found.add(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    return found


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
                # Two edits only for longer words, and typos rarely touch the first letters.
                for distance in (1, 2) if len(term) > 4 else (1,):
                    prefix = 2 if len(term) > 5 else 1
                    for raw in terms_within(reader, fieldname, term, distance, prefix):
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
