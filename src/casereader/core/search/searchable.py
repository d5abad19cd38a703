"""Running queries as plan → execute → result.

:func:`~casereader.core.search.query.plan` parses a query once; :meth:`Searchable.execute` compiles
the plan against the index and runs it; the :class:`SearchResult` carries the plan, so 'did
you mean' (:meth:`Searchable.suggest`) reuses it instead of parsing again.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..citation import Citation
from ..index.case_index import CaseIndex
from ..index.engine import (
    BodyFirst,
    BudgetSpent,
    Searcher,
    TimeLimit,
    TimeLimitCollector,
    TopRanked,
    collect_or,
    first_matches,
    or_terms,
    segments,
    term_docnums,
    wq,
)
from ..memory import long_lived
from ..models import DocMeta, Hit, SearchCancelled, SearchResult
from ..ref import Ref
from . import rerank
from .compile import Compiler
from .query import And, Filter, Or, QueryPlan, Range, Word
from .rarity import Rarities
from .suggest import suggest_words

BROAD_MIN = 2000  # a query walking more paragraphs than this (and than BROAD_FRACTION of the
BROAD_FRACTION = 0.10  # case) is ranked with block-max skipping and its total estimated,
BROAD_BUDGET = 10_000  # scoring at most this many of its matches (bounded work per query)
TIME_LIMIT = 2.0  # seconds before a search returns what it has


FILTER_CACHE = 1_000_000  # paragraph numbers kept in cached filter sets, in all


Rows = list[tuple[dict[str, Any], float]]  # a paragraph's stored fields, and its score


@dataclass(frozen=True)
class _Scope:
    """Where a query is looked for."""

    body: set[int]  # the body paragraphs (not furniture), by index number
    docs: set[int] | None  # the paragraphs passing the query's top-level filters (None: no filters)
    passes: tuple[tuple[set[int] | None, set[int] | None], ...]  # (allowed, restricted to): body, then furniture
    size: int  # the matches estimated (every paragraph for filters alone)
    broad: bool  # too many matches to score them all
    duplicate_of: dict[str, str]  # document id -> the document it duplicates


@dataclass
class _Found:
    """What one way of searching found, before it becomes a result."""

    rows: Rows
    total: int  # paragraphs matching
    exact: bool  # False when ``total`` is an estimate, or the search was stopped
    timed_out: bool = False
    counts: dict[str, int] = field(default_factory=dict)  # matching paragraphs per document
    notes: list[str] = field(default_factory=list)


def _hide_duplicates(found: _Found, duplicate_of: dict[str, str]) -> None:
    """A duplicate document's paragraphs are shown once, under the document it duplicates
    ("also in"), when that document matches too."""
    hidden = {d for d in found.counts if d in duplicate_of and found.counts.get(duplicate_of[d])}
    if hidden:
        found.rows = [row for row in found.rows if row[0]["doc"] not in hidden]
        found.total -= sum(found.counts.pop(d) for d in hidden)


class Searchable:
    """Search over one case index.  Safe to call from worker threads."""

    def __init__(self, case: CaseIndex) -> None:
        self.case = case
        # Caches of document-number sets, valid for every searcher of the same segments.
        self._kind_sets: dict[tuple[str, ...], set[int]] = {}
        self._doc_sets: dict[tuple[str, ...], tuple[list[str], list[int]]] = {}
        self._doc_runs: dict[tuple[str, ...], list[list[range]]] = {}
        self._filter_sets: dict[tuple[tuple[str, ...], tuple[Filter | Range, ...]], tuple[set[int], list[str]]] = {}
        self._rarities = Rarities()
        self._written: dict[tuple[Any, ...], list[str]] = {}  # the Compiler's languages of each word

    def warm(self) -> None:
        with self.case.searcher() as searcher, long_lived():  # (tables of every paragraph)
            self.body_docs(searcher)
            self._paragraph_runs(searcher)

    def _doc_numbers(self, searcher: Searcher) -> tuple[list[str], list[int]]:
        """The document of every paragraph, by index number (cached per index generation):
        counting hits per document is then one list lookup per match."""
        key = segments(searcher)
        cached = self._doc_sets.get(key)
        if cached is not None:
            return cached
        doc_ids, doc_of = self.case.doc_numbers(searcher)
        if len(self._doc_sets) > 2:  # older index generations
            self._doc_sets.clear()
        self._doc_sets[key] = (doc_ids, doc_of)
        return doc_ids, doc_of

    def _paragraph_runs(self, searcher: Searcher) -> list[list[range]]:
        """Each document's paragraphs by index number, as runs of consecutive numbers (a
        document's paragraphs are added together: one run per segment it is in), cached
        per index generation: a filter selecting 1,600 of 16,657 documents gathers their
        paragraphs from these runs instead of testing all 200,000 paragraphs (14 ms)."""
        key = segments(searcher)
        cached = self._doc_runs.get(key)
        if cached is not None:
            return cached
        doc_ids, doc_of = self._doc_numbers(searcher)
        runs: list[list[range]] = [[] for _ in doc_ids]
        start, end = 0, len(doc_of)
        for docnum in range(1, end + 1):
            if docnum == end or doc_of[docnum] != doc_of[start]:
                if doc_of[start] >= 0:  # -1: a deleted paragraph
                    runs[doc_of[start]].append(range(start, docnum))
                start = docnum
        if len(self._doc_runs) > 2:  # older index generations
            self._doc_runs.clear()
        self._doc_runs[key] = runs
        return runs

    def body_docs(self, searcher: Searcher) -> set[int]:
        """The index numbers of the body paragraphs (not furniture), cached per generation."""
        return self.kind_docs(searcher, "body")

    def kind_docs(self, searcher: Searcher, *kinds: str) -> set[int]:
        """The index numbers of the paragraphs of these kinds ("body", "title"...), cached per
        index generation (a related search at 200,000 paragraphs joined two sets of ~100,000
        numbers each time: ~5 ms)."""
        key = (*segments(searcher), *kinds)
        docs = self._kind_sets.get(key)
        if docs is None:
            docs = set().union(*(term_docnums(searcher, "kind", kind) for kind in kinds))
            if len(self._kind_sets) > 4:  # older index generations
                self._kind_sets.clear()
            self._kind_sets[key] = docs
        return docs

    def _filter_docs(self, searcher: Searcher, compiler: Compiler, filters: tuple[Filter | Range, ...]) -> set[int]:
        """The paragraphs passing the top-level field filters (cached per index generation).

        A filter on the documents' fields (outlet, date, author, doc…) selects documents from
        their metadata, then their paragraphs through the paragraph -> document map: asking
        the index for each document's paragraphs took 136 ms for an outlet of 1,600 articles
        at 200,000 paragraphs."""
        key = (segments(searcher), filters)
        cached = self._filter_sets.get(key)
        if cached is not None:
            compiler.empty_filters.extend(cached[1])
            return cached[0]
        before = len(compiler.empty_filters)
        docs: set[int] | None = None
        passing: set[str] | None = None  # documents passing every filter on documents' fields
        for node in filters:  # each says which filter matches nothing, and why
            found = compiler.filter_documents(node)
            if found is not None:
                passing = set(found) if passing is None else passing & set(found)
        if len(compiler.empty_filters) > before:
            docs = set()
        elif passing is not None:
            doc_ids = self._doc_numbers(searcher)[0]
            runs = self._paragraph_runs(searcher)
            docs = set()
            for i, doc_id in enumerate(doc_ids):
                if doc_id in passing:
                    for run in runs[i]:
                        docs.update(run)
        for node in filters:
            if docs != set() and isinstance(node, Filter) and node.field == "kind":
                paragraphs = term_docnums(searcher, "kind", node.value.lower())
                docs = paragraphs if docs is None else docs & paragraphs
        docs = docs if docs is not None else set()
        # Sets of numbers, not bit arrays (a set's lookups and intersections run in C): the
        # cache is bounded by the numbers it holds, ~60 MB at most.
        if len(self._filter_sets) > 256 or sum(len(c[0]) for c in self._filter_sets.values()) > FILTER_CACHE:
            self._filter_sets.clear()
        self._filter_sets[key] = (docs, compiler.empty_filters[before:])
        return docs

    def citation(self, ref: Ref, meta: DocMeta | None = None, page: int = 0) -> Citation:
        """What paragraph ``ref`` (on ``page`` of a PDF) is cited as."""
        meta = meta or self.case.doc_meta().get(ref.doc_id) or DocMeta(title=ref.doc_id)
        return Citation.of(ref, meta, page)

    def execute(
        self,
        plan: QueryPlan,
        limit: int = 20,
        count_docs: bool = False,
        cancelled: Callable[[], bool] | None = None,
        suggest: bool = True,
    ) -> SearchResult:
        """Run a query plan.  ``cancelled`` is polled while matches are scored: when it returns
        True the search stops with SearchCancelled (a newer keystroke wants the CPU).

        Words that never all meet in one paragraph (``who mediated``) are searched again for
        the paragraphs with most of them, said as such, instead of "0 paragraphs match"; so
        are words of which some are in no paragraph (``wjeffs fathered``: those words are
        named, and 'did you mean' still offered).  When fewer than ``limit`` paragraphs have
        all the words, the paragraphs with some of them follow, marked (``some_words_from``)."""
        result = self._execute(plan, limit, count_docs, cancelled, suggest)
        words = plan.rest.nodes if isinstance(plan.rest, And) else ()
        if len(words) < 2 or len(words) > 8 or not all(isinstance(w, Word) and not w.fuzzy for w in words):
            return result
        if result.total:
            return self._with_some_words(result, replace(plan, rest=Or(words)), limit, cancelled)
        missing = [w.text for w in words if isinstance(w, Word) and not self._found(replace(plan, rest=w))]
        if len(missing) == len(words):
            return result  # none of them is in the case: 'did you mean' is the answer
        most = self._execute(replace(plan, rest=Or(words)), limit, count_docs, cancelled, False)
        if not most.total:
            return result
        # The count says so: no paragraph matches the query, and how many have some of its
        # words (listed, best first) -- never "14 paragraphs match" for a query none matches.
        some = f"{'' if most.exact else '~'}{most.total:,}"
        if missing:
            # On ECB+ (bench/quality.py) 76 of 563 queries had a word no paragraph has (a typo,
            # "wjeffs"; "98" for 1998): "0 paragraphs match" for all of them.
            named = ", ".join(f"“{w}”" for w in missing)
            others = "the other word" if len(words) - len(missing) == 1 else "the other words"
            note = f"no paragraph has {named} — {some} {'has' if most.total == 1 else 'have'} {others}"
        else:
            note = f"no paragraph has all {len(words)} words — {some} {'has' if most.total == 1 else 'have'} some"
        return replace(
            most,
            plan=plan,
            total=0,
            suggestion=result.suggestion,
            notes=[note, *most.notes],
            missing_words=missing,
            some_words_from=0,
            some_words_total=most.total,
        )

    def _with_some_words(
        self, result: SearchResult, widened: QueryPlan, limit: int, cancelled: Callable[[], bool] | None
    ) -> SearchResult:
        """A short result followed by the paragraphs with some of its words: on ECB+
        (bench/quality.py) 286 of 388 label queries had fewer than 10 paragraphs with every
        word, and stopping there left search nDCG@10 at 0.42 against 0.50 for FTS5."""
        if result.total >= limit or len(result.hits) < result.total:
            return result
        have = {h.ref for h in result.hits}
        more = self._execute(widened, limit, False, cancelled, False)
        extra = [h for h in more.hits if h.ref not in have][: limit - len(result.hits)]
        if not extra:
            return result
        note = "then paragraphs with some of these words"
        hits = [*result.hits, *extra]
        return replace(result, hits=hits, some_words_from=len(result.hits), notes=[*result.notes, note])

    def _found(self, plan: QueryPlan) -> bool:
        """Whether any paragraph matches a plan: its first match is enough, none is scored
        (asking whether the case has the word ``have`` scored its 10,000 paragraphs, 15 ms
        at 200,000 paragraphs)."""
        with self.case.searcher() as searcher:
            compiler = Compiler(self.case, searcher, self._written)
            wquery = compiler.compile_plan(plan)
            allowed = self._filter_docs(searcher, compiler, plan.filters) if plan.filters else None
            return any(allowed is None or docnum in allowed for docnum in searcher.docs_for_query(wquery))

    def _execute(
        self,
        plan: QueryPlan,
        limit: int,
        count_docs: bool,
        cancelled: Callable[[], bool] | None,
        suggest: bool,
    ) -> SearchResult:
        """Compile the plan, find its paragraphs one of three ways, and make the result."""
        started = time.perf_counter()
        with self.case.searcher() as searcher:
            compiler = Compiler(self.case, searcher, self._written)
            wquery = compiler.compile_plan(plan)
            if not searcher.doc_count():
                compiler.notes.append("the case has no readable articles")
            scope = self._scope(searcher, compiler, plan, wquery)
            if scope.broad and plan.rest is not None:
                found = self._best_of_many(searcher, wquery, scope, limit, cancelled)
            elif scope.broad:
                found = self._in_case_order(searcher, plan, wquery, scope, limit, count_docs, cancelled)
            else:
                found = self._scored(searcher, plan, wquery, scope, limit, count_docs, cancelled)
            if not (count_docs and found.total and found.exact):
                found.counts = {}
            suggestion = None
            if suggest and found.total == 0 and not compiler.empty_filters:
                suggestion = suggest_words(plan, self.case.languages(), searcher)
        return self._result(plan, compiler, scope, found, suggestion, started)

    def _scope(self, searcher: Searcher, compiler: Compiler, plan: QueryPlan, wquery: wq.Query) -> _Scope:
        """Where the query is looked for (the body first, then the furniture, within the
        filters), and whether it matches too many paragraphs to score them all."""
        body = self.body_docs(searcher)
        docs: set[int] | None = None
        allow_body, allow_other, restrict_other = body, None, body
        if plan.filters:
            docs = self._filter_docs(searcher, compiler, plan.filters)
            allow_body, allow_other, restrict_other = body.intersection(docs), docs, body
        size = wquery.estimate_size(searcher.reader()) if plan.rest is not None else searcher.doc_count()
        broad = size > max(BROAD_MIN, BROAD_FRACTION * searcher.doc_count())
        passes = ((allow_body, None), (allow_other, restrict_other))
        return _Scope(body, docs, passes, size, broad, self.case.duplicate_of())

    def _best_of_many(
        self, searcher: Searcher, wquery: wq.Query, scope: _Scope, limit: int, cancelled: Callable[[], bool] | None
    ) -> _Found:
        """Too many matches to score and count them all: the best are found with block-max
        skipping (ranked, never listed in case order); the total is estimated, unless fewer
        than ``limit`` matched (then every match was visited: exact)."""
        rows: Rows = []
        timed_out = spent = False
        # A phrase costs far more per match (its positions are read): fewer of them.
        budget = BROAD_BUDGET // 50 if _has_phrase(wquery) else BROAD_BUDGET
        for allow, exclude in scope.passes:
            wanted = limit - len(rows)
            if wanted <= 0:
                break
            ranked = TopRanked(wanted, allow, exclude, cancelled, budget=budget)
            try:
                searcher.search_with_collector(
                    wquery, TimeLimitCollector(ranked, timelimit=TIME_LIMIT, use_alarm=False)
                )
            except TimeLimit:
                timed_out = True
            except BudgetSpent:
                spent = True
            rows.extend((dict(searcher.stored_fields(d)), score) for d, score in ranked.hits())
        exhausted = len(rows) < limit and not spent
        notes = []
        if spent:
            notes.append(
                f"very common words: the best of the first {budget:,} matching paragraphs; "
                "add a more specific word to rank them all"
            )
        total = len(rows) if exhausted else scope.size
        return _Found(rows, total, exhausted and not timed_out, timed_out, notes=notes)

    def _in_case_order(
        self,
        searcher: Searcher,
        plan: QueryPlan,
        wquery: wq.Query,
        scope: _Scope,
        limit: int,
        count_docs: bool,
        cancelled: Callable[[], bool] | None,
    ) -> _Found:
        """Filters alone, matching many paragraphs: their paragraphs in case order (there is
        nothing to rank by), counted exactly."""
        rows: Rows = []
        for allow, restrict in scope.passes:
            wanted = limit - len(rows)
            if wanted <= 0:
                continue
            docnums = first_matches(searcher, wquery, wanted, allow, restrict)
            if cancelled is not None and cancelled():
                raise SearchCancelled(plan.text)
            rows.extend((dict(searcher.stored_fields(d)), 0.0) for d in docnums)
        docs = scope.docs or set()  # a plan with no words has filters
        counts: dict[str, int] = {}
        if count_docs:
            doc_ids, doc_of = self._doc_numbers(searcher)
            per_doc = Counter(doc_of[d] for d in docs)
            counts = {doc_ids[position]: n for position, n in per_doc.items()}
        return _Found(rows, len(docs), True, counts=counts)

    def _scored(
        self,
        searcher: Searcher,
        plan: QueryPlan,
        wquery: wq.Query,
        scope: _Scope,
        limit: int,
        count_docs: bool,
        cancelled: Callable[[], bool] | None,
    ) -> _Found:
        """One scoring pass: the best body paragraphs, then the best furniture, and an exact
        count, since every match is visited anyway; the plain words' best then reranked."""
        dup_of = scope.duplicate_of
        doc_ids, doc_of = self._doc_numbers(searcher) if count_docs or dup_of else ([], None)
        pool = max(limit, rerank.POOL) if plan.plain_words else limit
        allow_other = scope.passes[1][0]
        collector = BodyFirst(pool, scope.body, allow_other, cancelled, doc_ids, doc_of)
        timed_out = False
        # A prefix or a fuzzy word (an OR of dozens of terms): scored a term at a time.
        terms = or_terms(wquery)
        if terms is None or not collect_or(searcher, terms, collector):
            try:
                searcher.search_with_collector(
                    wquery, TimeLimitCollector(collector, timelimit=TIME_LIMIT, use_alarm=False)
                )
            except TimeLimit:
                timed_out = True
        rows: Rows = [(dict(searcher.stored_fields(d)), score) for d, score in collector.hits()]
        if plan.plain_words:
            meta = self.case.doc_meta()  # the languages of the pool's documents only
            langs = {f["doc"]: meta[f["doc"]].lang for f, _ in rows if f["doc"] in meta}
            idf = self._rarities.of(searcher)
            rows = rerank.rerank(rows, plan.plain_words, langs, idf)[:limit]
        found = _Found(rows, collector.total, not timed_out, timed_out)
        if collector.doc_of is not None:
            found.counts = collector.doc_counts()
            _hide_duplicates(found, dup_of)
        return found

    def _result(
        self,
        plan: QueryPlan,
        compiler: Compiler,
        scope: _Scope,
        found: _Found,
        suggestion: str | None,
        started: float,
    ) -> SearchResult:
        """The hits with their citations and highlights, and what the search says of itself."""
        meta = self.case.doc_meta()
        also_in: dict[str, list[str]] = {}
        for duplicate, original in sorted(scope.duplicate_of.items()):
            also_in.setdefault(original, []).append(duplicate)
        hits = [
            Hit(
                self.citation(Ref(f["doc"], f["n"]), meta.get(f["doc"]), f.get("page", 0)),
                f["kind"],
                f["text"],
                compiler.highlighter.spans(f["text"], _lang(meta.get(f["doc"]))),
                score,
                also_in.get(f["doc"], []),
            )
            for f, score in found.rows
        ]
        notes = compiler.notes + found.notes + compiler.empty_filters
        if found.timed_out:
            notes.append(f"the search was stopped after {TIME_LIMIT:g} s; results are partial")
        return SearchResult(
            plan.text,
            hits,
            found.total,
            time.perf_counter() - started,
            suggestion,
            notes,
            found.counts,
            found.exact,
            compiler.highlighter,
            plan,
        )

    def suggest(self, plan: QueryPlan) -> str | None:
        """'did you mean' for a plan that found nothing: its unknown words replaced by the
        case's closest words."""
        with self.case.searcher() as searcher:
            return suggest_words(plan, self.case.languages(), searcher)


def _has_phrase(query: wq.Query) -> bool:
    if isinstance(query, (wq.Phrase, wq.Sequence, wq.Ordered)):
        return True
    return any(_has_phrase(child) for child in query.children())


def _lang(meta: DocMeta | None) -> str:
    return (meta.lang if meta else "") or "en"
