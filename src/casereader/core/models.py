"""Typed records the core hands to the CLI and the app."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .citation import Citation
from .ref import Ref

if TYPE_CHECKING:
    from .search.highlight import Highlighter
    from .search.query import QueryPlan

#: Paragraph kinds.  Everything but "body" is page furniture: kept, shown dimmed, ranked last.
#: "code" and "table" are a Markdown code block and table (one paragraph each, lines kept);
#: "footnote" a PDF's footnote; "quoted" and "signature" an e-mail's quoted reply and its
#: signature or list footer.
BODY = "body"
KINDS = ("body", "title", "heading", "caption", "tagline", "byline", "credit", "code", "table", "footnote", "quoted",
         "signature")  # fmt: skip
#: Kinds whose text keeps its line breaks (the reader shows them as written, in lines).
LINED_KINDS = frozenset(["code", "table"])


@dataclass(frozen=True)
class Paragraph:
    n: int  # number in the document (line number in one-paragraph-per-line files)
    kind: str
    start: int  # character offsets of the paragraph in the document's decoded text
    end: int
    text: str
    page: int = 0  # the page it starts on, in documents that have pages (PDF); 0 elsewhere

    @property
    def is_body(self) -> bool:
        return self.kind == BODY


@dataclass
class DocMeta:
    """A document's metadata; ``origins`` says where each field came from (its field origin:
    "catalog", "page metadata", "front matter", "text", "file name" or "detected")."""

    title: str = ""
    outlet: str = ""
    outlet_description: str = ""
    author: str = ""
    date: str = ""  # ISO 8601, possibly partial ("2025-07"): when it was published
    updated: str = ""  # ISO 8601: when the page says it was last updated ("" if never, or unknown)
    url: str = ""
    lang: str = ""
    description: str = ""
    origins: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    doc_id: str
    path: str  # relative to the case folder
    meta: DocMeta
    paragraphs: list[Paragraph]
    notes: list[str] = field(default_factory=list)  # what was repaired in reading it

    def paragraph(self, n: int) -> Paragraph | None:
        for para in self.paragraphs:
            if para.n == n:
                return para
        return None


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    path: str  # relative to the case folder
    meta: DocMeta
    paragraphs: int
    sha1: str = ""  # of the file's bytes when it was indexed: changes when the document does


class UnreadableFile(Exception):
    """A file that cannot become a document; the message is the reason shown to the user."""


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


class IndexUnwritable(IndexBusy):
    """The index's folder cannot be written (read-only, no permission, disk full): it stays
    as it was, and can still be searched if it exists."""


class SearchCancelled(Exception):
    """The caller cancelled the search while it ran."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    citation: Citation
    kind: str
    text: str
    spans: list[Span]
    score: float
    also_in: list[str] = field(default_factory=list)  # ids of documents duplicating this one

    @property
    def ref(self) -> Ref:
        return self.citation.ref

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": str(self.ref),
            "doc_id": self.citation.doc_id,
            "paragraph": self.citation.n,
            "page": self.citation.page or None,
            "kind": self.kind,
            "title": self.citation.title,
            "outlet": self.citation.outlet,
            "author": self.citation.author,
            "date": self.citation.date,
            "url": self.citation.url,
            "lang": self.citation.lang,
            "annotation": self.citation.annotation(),
            "text": self.text,
            "highlights": [[s.start, s.end] for s in self.spans],
            "score": round(self.score, 4),
            "also_in": self.also_in,
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    total: int  # paragraphs matching (body and furniture)
    seconds: float
    suggestion: str | None = None  # "did you mean" when nothing matched
    notes: list[str] = field(default_factory=list)  # e.g. "prefix 'ab*' expanded to 200 terms"
    doc_counts: dict[str, int] = field(default_factory=dict)
    exact: bool = True  # False when ``total`` is an estimate (very broad queries)
    # Marks the query's words in any paragraph: ``highlighter.spans(text, lang)``.
    highlighter: Highlighter | None = field(default=None, repr=False, compare=False)
    # The query as parsed and compiled: ``Case.suggest(result)`` reuses it.
    plan: QueryPlan | None = field(default=None, repr=False, compare=False)
    # When fewer paragraphs than asked for have all of the query's words, the paragraphs with
    # some of them follow: ``hits[some_words_from:]`` (not counted in ``total``).
    some_words_from: int | None = None
    # Words of the query that no paragraph has: the paragraphs with the others are listed.
    missing_words: list[str] = field(default_factory=list)
    # When no paragraph has all of the query's words (``total`` 0, ``some_words_from`` 0):
    # how many have some of them (those listed; ``notes[0]`` says it in words).
    some_words_total: int | None = None
    # A ``~`` query: the passages nearest the query in meaning follow the word matches,
    # ``hits[meaning_from:]`` (not counted in ``total``).
    meaning_from: int | None = None

    @property
    def listable(self) -> int:
        """The paragraphs that can be listed: those that match, or, when none has all the
        words, those with some of them."""
        return self.some_words_total if self.some_words_from == 0 and self.some_words_total else self.total

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "total_exact": self.exact,
            "seconds": round(self.seconds, 4),
            "suggestion": self.suggestion,
            "notes": self.notes,
            "doc_counts": self.doc_counts,
            "some_words_from": self.some_words_from,
            "missing_words": self.missing_words,
            "some_words_total": self.some_words_total,
            "meaning_from": self.meaning_from,
            "hits": [h.to_json() for h in self.hits],
        }


@dataclass(frozen=True)
class Difference:
    """A figure about the same thing (of one figure group) that two passages give different
    values for: the related passage differs from the one compared from."""

    source: str  # the figure as the passage compared from writes it ("75%")
    related: str  # as the related passage writes it ("90 percent")

    def __str__(self) -> str:
        return f"differs: {self.source} vs {self.related}"


@dataclass(frozen=True)
class Related:
    """A passage related to another one, and why."""

    hit: Hit  # spans: the shared words in this passage
    source_spans: list[Span]  # the shared words in the passage we started from
    shared: list[str]  # shared names, figures and terms, as written, best first
    same_document: bool
    differing: list[Span] = field(default_factory=list)  # figures in this passage that differ from the other's
    source_differing: list[Span] = field(default_factory=list)  # and the figures they differ from
    differs: tuple[Difference, ...] = ()  # the figures of a group whose values differ
    same_figures: tuple[str, ...] = ()  # the figures of a group with the same value, as this passage writes them
    meaning: str = ""  # found by meaning alone: "same meaning, other words", "in Spanish"
    similarity: float = 0.0  # cosine of the two passages' meanings, when compared (0: not)
    likely: bool = False  # the learned ranking rates it as likely related as passages shown for their words

    @property
    def in_common(self) -> list[str]:
        """What the passages have in common, as shown after "shared:": the same figures
        ("same figure: 252"), then the shared names, figures and terms."""
        return [*(f"same figure: {figure}" for figure in self.same_figures), *self.shared]

    @property
    def reasons(self) -> list[str]:
        """Why the passage is related, as ``related --json`` says it: each ``differs: A vs B``
        first, then what the passages have in common."""
        return [
            *(str(difference) for difference in self.differs),
            *([self.meaning] if self.meaning else []),
            *self.in_common,
        ]

    def to_json(self) -> dict[str, Any]:
        data = self.hit.to_json()
        data["reasons"] = self.reasons
        data["same_document"] = self.same_document
        data["source_highlights"] = [[s.start, s.end] for s in self.source_spans]
        data["differing"] = [[s.start, s.end] for s in self.differing]
        data["source_differing"] = [[s.start, s.end] for s in self.source_differing]
        data["by_meaning"] = self.meaning  # "" unless found by meaning alone
        data["similarity"] = round(self.similarity, 4)  # of the two meanings (0: not compared)
        return data


@dataclass
class IndexReport:
    documents: int
    paragraphs: int
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # rebuilds, stale locks, ...
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["skipped"] = [asdict(s) for s in self.skipped]
        return data


@dataclass(frozen=True)
class IndexUpdate:
    """What became of bringing a case's index up to date (``Case.update_index``): the report,
    or why the index was left as it was, and whether there is an index to search."""

    report: IndexReport | None = None  # None: the index was left as it was
    problem: str = ""  # why: another process is updating it, or it cannot be written
    searchable: bool = True  # an index exists to search (else ``problem`` says why there is none)
