"""Typed records the core hands to the CLI and the app."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

#: Paragraph kinds.  Everything but "body" is page furniture: kept, shown dimmed, ranked last.
BODY = "body"
KINDS = ("body", "title", "heading", "caption", "tagline", "byline", "credit")


@dataclass(frozen=True)
class Paragraph:
    n: int  # number in the document (line number in one-paragraph-per-line files)
    kind: str
    start: int  # character offsets of the paragraph in the document's decoded text
    end: int
    text: str

    @property
    def is_body(self) -> bool:
        return self.kind == BODY


@dataclass
class DocMeta:
    """A document's metadata; ``sources`` says where each field came from."""

    title: str = ""
    outlet: str = ""
    outlet_description: str = ""
    author: str = ""
    date: str = ""  # ISO 8601, possibly partial ("2025-07")
    url: str = ""
    lang: str = ""
    description: str = ""
    sources: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    doc_id: str
    path: str  # relative to the case folder
    meta: DocMeta
    paragraphs: list[Paragraph]

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


def read_manifest(path: Path) -> dict[str, Any]:
    """An index's manifest.json ({} when missing or unreadable: the index is then rebuilt)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def documents_from_manifest(manifest: dict[str, Any]) -> list[DocumentInfo]:
    """The documents an index's manifest lists, by path (plain JSON: no index opened)."""
    return [
        DocumentInfo(entry["doc_id"], relpath, DocMeta(**entry["meta"]), entry["paragraphs"])
        for relpath, entry in sorted(manifest.get("files", {}).items())
    ]


class IndexBusy(Exception):
    """Another process holds the index's write lock."""


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


@dataclass
class Source:
    """What a passage's annotation shows."""

    doc_id: str
    n: int
    title: str
    outlet: str
    author: str
    date: str
    url: str
    lang: str

    @classmethod
    def of(cls, doc_id: str, n: int, meta: DocMeta) -> Source:
        """Paragraph ``n`` of the document ``doc_id`` described by ``meta``."""
        return cls(doc_id, n, meta.title, meta.outlet, meta.author, meta.date, meta.url, meta.lang)

    @property
    def ref(self) -> str:
        return f"{self.doc_id}:{self.n}"

    def annotation(self) -> str:
        """``Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35``"""
        parts = [self.outlet, self.author if self.author != self.outlet else "", self.date]
        parts = [p for p in parts if p]
        parts.append(f"¶{self.n}")
        return " · ".join(parts)


@dataclass
class Hit:
    source: Source
    kind: str
    text: str
    spans: list[Span]
    score: float
    also_in: list[str] = field(default_factory=list)  # ids of documents duplicating this one

    @property
    def ref(self) -> str:
        return self.source.ref

    def to_json(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "doc_id": self.source.doc_id,
            "paragraph": self.source.n,
            "kind": self.kind,
            "title": self.source.title,
            "outlet": self.source.outlet,
            "author": self.source.author,
            "date": self.source.date,
            "url": self.source.url,
            "lang": self.source.lang,
            "annotation": self.source.annotation(),
            "text": self.text,
            "highlights": [[s.start, s.end] for s in self.spans],
            "score": round(self.score, 4),
            "also_in": self.also_in,
        }


@dataclass
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
    highlighter: Any = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "total_exact": self.exact,
            "seconds": round(self.seconds, 4),
            "suggestion": self.suggestion,
            "notes": self.notes,
            "doc_counts": self.doc_counts,
            "hits": [h.to_json() for h in self.hits],
        }


@dataclass
class Related:
    """A passage related to another one, and why."""

    hit: Hit  # spans: the shared words in this passage
    source_spans: list[Span]  # the shared words in the passage we started from
    reasons: list[str]  # shared names, figures and terms, as written, best first
    same_document: bool

    def to_json(self) -> dict[str, Any]:
        data = self.hit.to_json()
        data["reasons"] = self.reasons
        data["same_document"] = self.same_document
        data["source_highlights"] = [[s.start, s.end] for s in self.source_spans]
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
