"""Related passages: where the other documents speak of the same people, figures and things.

For a paragraph, its key terms are weighted by tf·idf over the case, with names (capitalised
words inside a sentence) and figures (numbers, percentages) counting more since they pin a
passage to a fact.  The best key terms form a weighted OR query over the other documents'
body paragraphs, scored with BM25 with weak length normalisation (a long paragraph that
shares many key terms should not lose to a short one that shares two).  The reason shown
for each related passage is the shared key terms, grouped into the phrases they form in the
passage (e.g. "United States", "criminal record").

When the index's paragraph vectors exist (``index/meaning.py``), the passages nearest in
meaning are found too (and the other documents' headlines by words), and all are ranked by
learned weights (``related_model.py``) of what each has: its ranks by words and by meaning,
its cosine, the shared words' strength, and whether the two articles tell the same story
(their mean vectors; the share of its names the compared passage's article has).  A passage
found by meaning alone says so ("same meaning, other words", "in Spanish").  Until the
vectors exist, words alone.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..index.case_index import CaseIndex
from ..index.engine import Searcher, bm25_view, or_scores, segments, top_or, wq
from ..index.engine.schema import text_field
from ..models import DocMeta, Hit, Paragraph, Related, Span
from ..ref import Ref
from ..text import analysis
from ..text.analysis import STOP_WORDS
from . import related_model
from .searchable import Searchable

if TYPE_CHECKING:
    import numpy as np

    from ..index.meaning import Vectors

KEY_TERMS = 20
MIN_KEY_TERMS = 8
POSTINGS_BUDGET = 6000  # paragraphs a related search may score, summed over its terms
NAME_BOOST = 1.6
FIGURE_BOOST = 1.6
# A term in more paragraphs than this (and than COMMON_MIN) is too common to make two
# passages related.  In a case about one event its names are in many paragraphs and still
# tell its facts apart from a similar event's: at 5% ECB+ lost them ("Lohan" in a case that
# also has Tara Reid's rehab) and related hit@1 was 0.55; at 35%, 0.69 (idf weighs the rest).
COMMON_FRACTION = 0.35
COMMON_MIN = 30
MIN_SHARED_WEIGHT = 2.5  # a related passage must share at least this much key-term weight
FURNITURE_FLOOR = 10.0  # and this much when the passage it is related to is page furniture
# Words and meaning together: the passages found by words (up to WORDS_CANDIDATES, other
# documents' headlines among them) and the nearest in meaning above the floor (up to
# MEANING_CANDIDATES) are ranked by a logistic regression over what each has
# (related_model.py, fitted by bench/tune_related.py on the tuning halves only: ECB+ dev
# topics, crosslang tune; held-out topics never read there).  It replaced a weighted
# reciprocal rank fusion (meaning 1.5 times words, k 60): ECB+ held-out hit@1 0.67 -> 0.70,
# hit@5 0.89 -> 0.90, nDCG@10 0.52 -> 0.57 (CHANGELOG.md).  10 candidates of each: as good as
# 30 on the tuning halves (hit@5 0.95 both), and as quick as the fusion was (at 200,000
# paragraphs, 30 took ~15 ms more a search).
WORDS_CANDIDATES = 10
MEANING_CANDIDATES = 10
# A passage found by words alone whose words are weak (``sides.honest.strong``: no phrase, no
# figure, no rare name, fewer than three other words) is still shown when the learned ranking
# rates it at least log-odds -1 (bench/tune_related.py, leave-topics-out on the tuning halves).
# Scored alike, weak and other passages were judged related about as often (ECB+ dev, -1 to
# -0.5: 0.38 of 221 weak against 0.36 of 2,730; -0.5 to 0: 0.47 of 96 against 0.44; crosslang
# tune -1 to -0.5: 0.05 of 40 against 0.10): their weakness says little the score does not.
# The floor keeps "nothing related in <outlet>" meaning something: below it, weak passages are
# still dropped (at -1.5 to -1, crosslang's were related 0.05 of the time).  ECB+ dev hit@5:
# 0.942 at log-odds 0, 0.949 at -1, 0.953 with no floor.
LIKELY = -1.0
# Cosine below which a passage is not near in meaning (not found by meaning, and not enough to
# be "related" in an outlet).  Of the passages found by meaning alone on the tuning halves,
# judged relevant / not: cosine 0.3-0.4 crosslang 1/179, ECB+ 13/29; 0.4-0.5 10/289, 31/142;
# 0.5-0.6 39/147, 139/266; 0.6-0.7 99/47, 203/256; 0.7+ 418/4, 161/95.  At 0.5 against 0.3:
# crosslang hit@1 0.98 vs 0.94, ECB+ hit@5 0.90 vs 0.91; at 0.6: 0.99, 0.90, nDCG lower on both.
MEANING_FLOOR = 0.5
# A headline, subheading or heading has no vector of its own (only body paragraphs are
# encoded): its meaning is that of the body paragraphs after it, their mean vector.  On the
# ECB+ dev topics (bench/context_grid.py), where a quarter of the judged passages are
# headlines and taglines, related hit@5 0.90 -> 0.93 (headlines alone missed 18%, taglines 39%;
# body paragraphs 6%); the whole document's mean, or the first 3, 5, 10 or 20 paragraphs
# after it, or the headline encoded itself at query time (0.92): all within 0.01.
HEADLINE_KINDS = frozenset(["title", "heading", "tagline"])
HEADLINE_FOLLOWING = 5
# Tried and not kept (bench/context_grid.py; changes/related-context.md): the document's
# context, its mean vector added to a short passage's (half as much), so that of two look-alike
# events the documents telling the same one come nearer.  ECB+ dev hit@5 0.93 -> 0.94 (0.95
# for every passage), but held out 0.89 with or without it, crosslang held-out nDCG@10 0.97 ->
# 0.96 and, for every passage, the seeds' hit@1 0.67 -> 0.60.  The documents' nearness as a
# fusion feature gave 0.93-0.94 on dev; an oracle putting first the documents that hold a
# judged passage, 0.96: below MoreLikeThis + 0.05 (0.98 on dev).
LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
    "nl": "Dutch", "pl": "Polish", "ru": "Russian", "tr": "Turkish", "ar": "Arabic", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "th": "Thai",
}  # fmt: skip
#: Kinds of passage that state the news as a body paragraph does (a headline, a subheading).
STATES_NEWS = frozenset(["body", "title", "heading"])
# Words that are never a reason two passages are related, matched as written (their stems
# would also stop "States" for "stated", "cases" for "case"): hedges, words of saying and
# the connectives that join a passage's facts without pinning it to one (a sentence-initial
# "Meanwhile" was shown as a reason WOLA ¶11 is related to ¶23).
_FILLER_TEXT = """
recently clearly stated case allegedly reportedly meanwhile moreover furthermore nevertheless
nonetheless thus therefore hence instead otherwise indeed additionally besides likewise
similarly consequently accordingly subsequently finally currently previously obviously
apparently notably particularly especially specifically actually really simply namely
although though whereas ultimately eventually noted added
además asimismo también tampoco incluso mientras entretanto recientemente claramente
actualmente finalmente presuntamente supuestamente obstante debido
além ademais contudo todavia porém enquanto atualmente supostamente
alegadamente portanto devido
"""
FILLER_WORDS = frozenset(_FILLER_TEXT.split())
# Connectives of two words whose words can be facts of their own ("due to", but "due
# process"; "sin embargo" is "however", "embargo" alone an embargo): blanked, at the same
# length, before a passage's words are weighed.
_FILLER_PHRASES = re.compile(
    r"\b(?:due to|in addition|of course|in fact|sin embargo|no obstante|por lo tanto|além disso)\b", re.I
)


def _without_filler_phrases(text: str) -> str:
    return _FILLER_PHRASES.sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=256)
def _tokens(text: str, lang: str) -> tuple[tuple[str, int, int], ...]:
    """``analysis.tokens`` of a text, kept for the texts seen last: a related search reads the
    compared passage and each candidate three times (its terms, which stand together, the
    phrases), and the next search of the same passage's neighbours reads many of them again."""
    return tuple(analysis.tokens(text, lang))


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[“\"(]\s*)$")


@dataclass
class _Key:
    term: str
    weight: float
    surface: str
    df: int


@dataclass
class Pool:
    """What the learned ranking of related passages chooses from: the candidates (found by
    words, or near in meaning above the floor), one row of ``related_model.FEATURES`` each."""

    refs: list[Ref]
    features: np.ndarray
    items: dict[Ref, Related]  # the candidates found by words, explained
    similar: dict[Ref, float]  # cosine with the compared passage (0: no vector)
    source: str  # the compared passage's language key
    language: Callable[[str], str]  # a document's language key
    stored: dict[Ref, dict[str, object]]  # the stored fields of the candidates found by meaning alone


_WORD = re.compile(r"\w+")


def _names(text: str) -> set[str]:
    """The names of a text, lower-cased: capitalised words inside a sentence, and figures."""
    words = _WORD.findall(text)
    return {w.lower() for i, w in enumerate(words) if (i > 0 and w[0].isupper()) or w[0].isdigit()}


def _strong_words(item: Related) -> bool:
    """Shared words ``sides.honest.strong`` would likely keep without the Names view: a figure,
    two names, or three other words (a phrase counts as one)."""
    shared = item.shared
    names = sum(1 for r in shared if r[:1].isupper())
    return any(r[:1].isdigit() or "%" in r for r in shared) or names >= 2 or len(shared) - names >= 3


class RelatedFinder:
    def __init__(self, case: CaseIndex, searchable: Searchable | None = None, meaning: bool = True) -> None:
        self.case = case
        self.searchable = searchable or Searchable(case)
        self.use_meaning = meaning  # False: words alone (the benchmarks compare both)
        # What is kept from one search to the next, for the index segments it was read from:
        self._kept_for: object = None
        self._document_names: dict[str, set[str]] = {}  # a document's names
        self._rarity: dict[str, float] = {}  # a name's rarity in the case
        self._frequencies: dict[tuple[str, str], int] = {}  # paragraphs with a term in a field

    def key_terms(self, text: str, lang: str, searcher: Searcher) -> list[_Key]:
        reader = searcher.reader()
        source = analysis.language_key(lang)
        langs = self.case.languages()
        total = max(reader.doc_count(), 1)
        toks = _tokens(_without_filler_phrases(text), lang)
        tf = Counter(t for t, _, _ in toks)
        boost: dict[str, float] = {}
        surface: dict[str, str] = {}
        for term, start, end in toks:
            word = text[start:end]
            surface.setdefault(term, word)
            kind = 1.0
            if word[0].isdigit() or word == "%":
                kind = FIGURE_BOOST
            elif word[0].isupper() and not _SENTENCE_START.search(text[:start]):
                kind = NAME_BOOST
            boost[term] = max(boost.get(term, 1.0), kind)
        self._keep_for(searcher)
        keys = []
        stops = analysis.stop_terms(lang)
        common = max(COMMON_MIN, COMMON_FRACTION * total)
        for term, count in tf.items():
            if term in stops or surface[term].lower() in FILLER_WORDS:
                continue
            # Paragraphs with the word in any language: a name or a figure of a Spanish
            # passage ("CBS", "75%") is rare in the case, not "only here" because no other
            # Spanish paragraph has it.
            written = surface[term]
            df = sum(
                self._doc_frequency(reader, text_field(key), term if key == source else analysis.term(written, key))
                for key in langs
            )
            if df <= 1 or df > common or (len(term) < 2 and not term.isdigit()):
                continue  # only here, everywhere, or a lone letter: says nothing shared
            idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
            weight = (1 + math.log(count)) * idf * boost[term]
            keys.append(_Key(term, weight, surface[term], df))
        keys.sort(key=lambda k: -k.weight)
        # Bounded work: stop adding terms once their postings add up to the budget, so a
        # large case costs about as much per related search as a small one.
        chosen: list[_Key] = []
        postings = 0
        for key in keys:
            if len(chosen) >= KEY_TERMS:
                break
            if len(chosen) >= MIN_KEY_TERMS and postings + key.df > POSTINGS_BUDGET:
                continue
            chosen.append(key)
            postings += key.df
        return chosen

    def _keep_for(self, searcher: Searcher) -> None:
        """Forget what was kept for other index segments than ``searcher``'s (and what grew
        past its bound)."""
        generation = segments(searcher)
        if self._kept_for != generation:
            self._kept_for = generation
            self._document_names, self._rarity, self._frequencies = {}, {}, {}
        if len(self._document_names) > 32:
            self._document_names.clear()
        if len(self._rarity) > 50_000:
            self._rarity.clear()
        if len(self._frequencies) > 200_000:
            self._frequencies.clear()

    def _doc_frequency(self, reader: Any, field: str, term: str) -> int:
        """Paragraphs with ``term`` in ``field``, kept (:meth:`_keep_for`): a case's words come
        back from one related search to the next, and at 200,000 paragraphs the lookups were
        a fifth of a search's time."""
        key = (field, term)
        found = self._frequencies.get(key)
        if found is None:
            found = self._frequencies[key] = reader.doc_frequency(field, term)
        return found

    def related(self, ref: Ref, limit: int = 10, same_document: int = 3, meaning: bool | None = None) -> list[Related]:
        """Passages related to paragraph ``ref``: other documents first, then this one's;
        by words and meaning (``meaning=False``: words alone)."""
        use_meaning = self.use_meaning if meaning is None else meaning
        vectors = self.case.meaning.vectors() if use_meaning else None
        learned = vectors is not None
        candidates = WORDS_CANDIDATES if learned else limit
        by_words, same, para, lang, meta = self._by_words(ref, limit, same_document, candidates, headlines=learned)
        pool = self._pool(ref, para, by_words, lang, meta, vectors) if vectors is not None else None
        others = self._ranked(pool, meta, limit) if pool is not None else by_words[:limit]
        return [*others, *same]

    def pool(self, ref: Ref) -> Pool | None:
        """What the learned ranking chooses from for ``ref`` (None without vectors): for the
        benchmarks that fit its weights (bench/tune_related.py)."""
        vectors = self.case.meaning.vectors()
        if vectors is None:
            return None
        by_words, _, para, lang, meta = self._by_words(ref, 10, 0, WORDS_CANDIDATES, headlines=True)
        return self._pool(ref, para, by_words, lang, meta, vectors)

    def _by_words(
        self, ref: Ref, limit: int, same_document: int, candidates: int, headlines: bool = False
    ) -> tuple[list[Related], list[Related], Paragraph, str, dict[str, DocMeta]]:
        """The passages of other documents sharing key terms with ``ref`` (up to
        ``candidates``; body paragraphs, and with ``headlines`` the other documents'
        headlines), this document's (up to ``same_document``), the passage and its language,
        and the documents' metadata (no passages when it has no key term)."""
        para = self.case.paragraph(ref)
        if para is None:
            raise KeyError(str(ref))
        doc_id = ref.doc_id
        meta = self.case.doc_meta()
        lang = (meta[doc_id].lang if doc_id in meta else "") or "en"
        with self.case.searcher() as searcher:
            keys = self.key_terms(para.text, lang, searcher)
            if not keys:
                return [], [], para, lang, meta
            weights = {k.term: k.weight for k in keys}
            surfaces = {k.term: k.surface for k in keys}
            # Each key term as each language writes it in the index: a Spanish passage finds
            # the English one through the names and figures they share.
            parts = [
                (text_field(key), analysis.term(k.surface, key), k.weight)
                for key in self.case.languages()
                for k in keys
            ]
            body = self.searchable.body_docs(searcher)
            this_doc = set(searcher.docs_for_query(wq.Term("doc", doc_id)))
            others = self.searchable.kind_docs(searcher, "body", "title") if headlines else body
            weighted = bm25_view(searcher, length_weight=0.25)
            # One scoring of the key terms' matches, chosen from twice: the other documents'
            # best, then this document's (scored again, a related search at 200,000
            # paragraphs scored ~11,000 postings twice: 72% of its time).
            scored = or_scores(weighted, parts)
            other_rows = top_or(weighted, parts, max(limit, candidates) * 2, others, this_doc, scored=scored)
            same_rows = []
            if same_document:
                itself = searcher.document_number(ref=str(ref))
                same_rows = top_or(weighted, parts, same_document * 2, this_doc - {itself}, None, body, scored=scored)
        # A caption, tagline or byline shares a date and the case's common words with half the
        # case: it shows a passage only when they share much more than a body paragraph must.
        # A headline states the news: on ECB+ its related passages were found no worse than a
        # body paragraph's once it had the same floor (hit@5 0.87 → 0.91 over all sources).
        floor = MIN_SHARED_WEIGHT if para.kind in STATES_NEWS else FURNITURE_FLOOR
        cap = max(limit, candidates)
        by_words = self._explained(other_rows, para.text, lang, weights, surfaces, meta, False, floor, cap)
        same = self._explained(same_rows, para.text, lang, weights, surfaces, meta, True, floor, same_document)
        return by_words, same, para, lang, meta

    def _explained(
        self,
        rows: list[tuple[dict[str, object], float]],
        source_text: str,
        lang: str,
        weights: dict[str, float],
        surfaces: dict[str, str],
        meta: dict[str, DocMeta],
        same_doc: bool,
        floor: float,
        cap: int,
    ) -> list[Related]:
        kept: list[Related] = []
        for fields_, score in rows:
            if len(kept) >= cap:
                break
            item = self._explain(source_text, lang, fields_, score, weights, surfaces, meta, same_doc, floor)
            if item is not None:
                kept.append(item)
        return kept

    def _pool(
        self,
        ref: Ref,
        para: Paragraph,
        by_words: list[Related],
        lang: str,
        meta: dict[str, DocMeta],
        vectors: Vectors,
    ) -> Pool | None:
        """The passages found by words and those nearest in meaning above the floor, with what
        the learned ranking weighs of each (None when the passage has no meaning: no words, or
        its encoder cannot run)."""
        import numpy as np

        query = self._meaning_of(ref, para, vectors)
        if query is None:
            return None
        near = [
            n
            for n in vectors.nearest(query, MEANING_CANDIDATES, exclude_doc=ref.doc_id, floor=MEANING_FLOOR)
            if n.doc_id in meta
        ]
        words_rank = {item.hit.ref: rank for rank, item in enumerate(by_words, 1)}
        near_rank = {Ref(n.doc_id, n.n): rank for rank, n in enumerate(near, 1)}
        refs = list(dict.fromkeys([*words_rank, *near_rank]))
        items = {item.hit.ref: item for item in by_words}
        similar: dict[Ref, float] = {}  # a headline's: that of the body paragraphs after it
        rows = {other: vectors.row(other.doc_id, other.n) for other in refs}
        listed = [(other, row) for other, row in rows.items() if row is not None]
        sims = vectors.similarities_of(query, [row for _, row in listed])
        similar.update((other, float(sim)) for (other, _), sim in zip(listed, sims, strict=True))
        for other, row in rows.items():
            if row is None:
                vector = vectors.following(other.doc_id, other.n, HEADLINE_FOLLOWING)
                similar[other] = float(vector @ query) if vector is not None else 0.0
        source = analysis.language_key(lang)

        def language(doc_id: str) -> str:
            doc_meta = meta.get(doc_id)
            return analysis.language_key((doc_meta.lang if doc_meta else "") or "en")

        stored: dict[Ref, dict[str, object]] = {}
        with self.case.searcher() as searcher:
            for other in refs:
                if other not in items:
                    stored[other] = dict(searcher.document(ref=str(other)) or {})
            texts = {r: items[r].hit.text if r in items else str(stored[r].get("text", "")) for r in refs}
            in_document = self._names_in_document(ref.doc_id, texts, searcher)
        mine = vectors.centroid(ref.doc_id)
        if mine is None:
            mine = np.zeros(len(query), dtype=np.float32)
        best = max(similar.values(), default=0.0)
        top_score = max((item.hit.score for item in by_words), default=0.0) or 1.0
        features = np.zeros((len(refs), len(related_model.FEATURES)), dtype=np.float32)
        for i, other in enumerate(refs):
            item = items.get(other)
            theirs = vectors.centroid(other.doc_id)
            doc_cos = float(theirs @ mine) if theirs is not None else 0.0
            cos = similar[other]
            features[i] = (
                1.0 if item is not None else 0.0,
                1.0 / words_rank[other] if other in words_rank else 0.0,
                item.hit.score / top_score if item is not None else 0.0,
                1.0 if item is not None and _strong_words(item) else 0.0,
                1.0 / near_rank[other] if other in near_rank else 0.0,
                cos,
                cos - best,
                doc_cos,
                float(theirs @ query) if theirs is not None else 0.0,
                cos * doc_cos,
                0.0 if language(other.doc_id) == source else 1.0,
                in_document[other],
                1.0 if item is not None and item.hit.kind == "title" else 0.0,
            )
        return Pool(refs, features, items, similar, source, language, stored)

    def _meaning_of(self, ref: Ref, para: Paragraph, vectors: Vectors) -> np.ndarray | None:
        """The passage's vector: a body paragraph's own; a headline's (subheading's,
        tagline's), that of the body paragraphs under it; any other passage's (a caption, a
        headline with no body under it), its words encoded now by the encoder process ``~``
        searches use (None when they cannot be)."""
        query = vectors.vector(ref.doc_id, ref.n)
        if query is None and para.kind in HEADLINE_KINDS:
            query = vectors.following(ref.doc_id, ref.n, HEADLINE_FOLLOWING)
        if query is None and analysis.terms(para.text, "xx"):
            try:
                query = self.case.meaning.encode_query(para.text)
            except (RuntimeError, OSError):
                return None
        return query

    def _names_in_document(self, doc_id: str, texts: dict[Ref, str], searcher: Searcher) -> dict[Ref, float]:
        """For each text, the share of its names (capitalised words inside a sentence, and
        figures), weighed by rarity, that the document ``doc_id`` also has: of two look-alike
        events, the passages naming the people and places of the compared one's article."""
        self._keep_for(searcher)
        names = self._document_names.get(doc_id)
        if names is None:
            names = set()
            for fields_ in searcher.documents(doc=doc_id):
                names |= _names(str(fields_.get("text", "")))
            self._document_names[doc_id] = names
        reader = searcher.reader()
        total = max(reader.doc_count(), 1)
        langs = self.case.languages()
        rarity = self._rarity
        shares = {}
        for other, text in texts.items():
            found = _names(text)
            for name in found - rarity.keys():
                df = sum(self._doc_frequency(reader, text_field(k), analysis.term(name, k)) for k in langs)
                rarity[name] = math.log(1 + total / (1 + df))
            weight = sum(rarity[name] for name in found)
            shares[other] = sum(rarity[name] for name in found if name in names) / weight if weight else 0.0
        return shares

    def _ranked(self, pool: Pool, meta: dict[str, DocMeta], limit: int) -> list[Related]:
        """The pool's best ``limit`` by the learned weights; a passage found by meaning alone
        says so ("same meaning, other words", "in Spanish")."""
        import numpy as np

        if not pool.refs:
            return []
        scores = related_model.score(pool.features)
        order = np.argsort(-scores, kind="stable")[:limit]
        chosen = [pool.refs[i] for i in order]
        likely = {pool.refs[i] for i in order if scores[i] >= LIKELY}
        items = dict(pool.items)
        for other in chosen:
            fields_ = pool.stored.get(other)
            if other not in items and fields_:
                other_lang = pool.language(other.doc_id)
                said = "same meaning, other words"
                if other_lang != pool.source and other_lang != "xx":
                    said = f"in {LANGUAGE_NAMES.get(other_lang, other_lang)}"
                page = fields_.get("page", 0)
                citation = self.searchable.citation(other, meta.get(other.doc_id), page if isinstance(page, int) else 0)
                similarity = pool.similar[other]
                hit = Hit(citation, str(fields_["kind"]), str(fields_["text"]), [], similarity)
                items[other] = Related(hit, [], [], False, meaning=said, similarity=similarity)
        result = []
        for other in chosen:
            if other in items:
                item = items[other]
                similarity = pool.similar.get(other, 0.0)
                if not item.meaning and similarity >= MEANING_FLOOR:
                    item = replace(item, similarity=similarity)
                if other in likely:
                    item = replace(item, likely=True)
                result.append(item)
        return result

    def _explain(
        self,
        source_text: str,
        source_lang: str,
        fields_: dict[str, object],
        score: float,
        weights: dict[str, float],
        surfaces: dict[str, str],
        meta: dict[str, DocMeta],
        same_doc: bool,
        floor: float = MIN_SHARED_WEIGHT,
    ) -> Related | None:
        """Why the passage of ``fields_`` is related to ``source_text`` (None: it shares less
        than ``floor`` of key-term weight)."""
        doc_id = str(fields_["doc"])
        text = str(fields_["text"])
        doc_meta = meta.get(doc_id)
        lang = (doc_meta.lang if doc_meta else "") or "en"
        # The key terms as this passage's language indexes them (the same terms when the
        # languages are the same), each pointing back to the source's term.
        if analysis.language_key(lang) == analysis.language_key(source_lang):
            local = {t: t for t in weights}
        else:
            local = {analysis.term(surfaces[t], lang): t for t in weights}
        hit_terms = {t for t, _, _ in _tokens(_without_filler_phrases(text), lang)}
        here = {t for t in local if t in hit_terms}
        shared = {local[t] for t in here}
        if sum(weights[t] for t in shared) < floor:
            return None
        # Words join into one reason only where they stand together in both passages
        # ("criminal records" yes; "court due", from "in court due to", no).
        hit_pairs = _pairs(text, lang, here)
        pairs = _pairs(source_text, source_lang, shared) & {(local[a], local[b]) for a, b in hit_pairs}
        source_spans, phrases = _group(source_text, source_lang, shared, weights, pairs)
        local_weights = {t: weights[local[t]] for t in here}
        local_pairs = {(a, b) for a, b in hit_pairs if (local[a], local[b]) in pairs}
        hit_spans, _ = _group(text, lang, here, local_weights, local_pairs)
        page = fields_.get("page", 0)
        citation = self.searchable.citation(
            Ref(doc_id, int(str(fields_["n"]))), doc_meta, page if isinstance(page, int) else 0
        )
        hit = Hit(citation, str(fields_["kind"]), text, hit_spans, score)
        return Related(hit, source_spans, phrases, same_doc)


def _joins_name(text: str, previous: tuple[str, int, int], start: int) -> bool:
    """Whether the word before a shared term belongs in its reason: "El Salvador", "12%"."""
    word = text[previous[1] : previous[2]]
    if text[start : start + 1] == "%" or text[start:].lower().startswith("percent"):
        return word.isdigit() and text[previous[2] : start] in ("", " ")
    return (
        text[start : start + 1].isupper()
        and word[:1].isupper()
        and word.lower() in STOP_WORDS
        and text[previous[2] : start].isspace()
    )


_NAME_PARTICLES = frozenset((
    "de", "del", "da", "do", "dos", "das", "di", "la", "las", "los", "le", "van", "von", "der", "den", "bin", "al"
))  # fmt: skip


def _inside_name(text: str, toks: Sequence[tuple[str, int, int]], i: int, shared: set[str]) -> bool:
    """Whether token ``i`` is a lower-case particle between two capitalised shared words."""
    _, start, end = toks[i]
    if text[start:end] not in _NAME_PARTICLES or i == 0 or i + 1 >= len(toks):
        return False
    before, after = toks[i - 1], toks[i + 1]
    return (
        text[before[1] : before[1] + 1].isupper()
        and after[0] in shared
        and text[after[1] : after[1] + 1].isupper()
        and text[before[2] : start].isspace()
        and text[end : after[1]].isspace()
    )


def _pairs(text: str, lang: str, shared: set[str]) -> set[tuple[str, str]]:
    """Shared terms that follow one another in ``text`` (only a space between them)."""
    toks = _tokens(text, lang)
    return {
        (a, b)
        for (a, _, a_end), (b, b_start, _) in pairwise(toks)
        if a in shared and b in shared and text[a_end:b_start].isspace()
    }


def _group(
    text: str, lang: str, shared: set[str], weights: dict[str, float], pairs: set[tuple[str, str]]
) -> tuple[list[Span], list[str]]:
    """Spans of the shared terms in ``text`` and the phrases they form (runs of terms that
    are adjacent in both passages: ``pairs``), heaviest first."""
    spans: list[Span] = []
    groups: list[tuple[float, str]] = []
    current: list[tuple[str, int, int]] = []

    def flush() -> None:
        if current:
            phrase = text[current[0][1] : current[-1][2]]
            weight = sum(weights.get(t, 0.0) for t, _, _ in current)
            spans.append(Span(current[0][1], current[-1][2]))
            groups.append((weight, phrase))
            current.clear()

    toks = _tokens(text, lang)
    particle = False  # the last word kept was a particle inside a name
    for i, (term, start, end) in enumerate(toks):
        if term not in shared and current and _inside_name(text, toks, i, shared):
            current.append((term, start, end))  # "Tren de Aragua", "Casa da Moeda": one name
            particle = True
            continue
        if term in shared:
            joined = particle or (current and (current[-1][0], term) in pairs)
            if current and (not text[current[-1][2] : start].isspace() or not joined):
                flush()
            if not current and i > 0 and _joins_name(text, toks[i - 1], start):
                # "El Salvador", "De Aragua": a capitalised particle belongs to the name.
                current.append(toks[i - 1])
            current.append((term, start, end))
        else:
            flush()
        particle = False
    flush()
    covered: set[str] = set()
    phrases: list[str] = []
    for _, phrase in sorted(groups, key=lambda g: -g[0]):
        terms = set(analysis.terms(phrase, lang))
        if not terms <= covered:  # "records" adds nothing after "criminal record"
            covered |= terms
            phrases.append(phrase)
    return spans, phrases
