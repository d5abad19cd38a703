"""Views that compare the sides of a case: figures, names, quotes, coverage and a timeline.

``build_views`` reads every paragraph of the case once and returns the five views; the
case caches them with its index (``Case.views``).  Plain data, no UI code: the CLI prints
them (``casereader figures|names|quotes|coverage|timeline [--json]``) and the app shows
them on the Sides screen.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..memory import paused
from ..models import DocumentInfo, Paragraph
from ..text.analysis import fold
from .aliases import load_aliases, save_aliases
from .figures import Figure, FigureGroup
from .names import Aliases, NameEntry, find_names
from .pipeline import DocWork, grouping, known_spans, processes, read_case, workers_for
from .quotes import Quote, find_quotes
from .text import NameSpan
from .timeline import Event

VIEWS_VERSION = 10  # bump when a view's shape or its rules change: cached views are rebuilt
#: The views' names, in the order the app's tabs and the CLI's commands list them.
VIEWS = ("figures", "names", "quotes", "coverage", "timeline")

__all__ = [
    "VIEWS",
    "VIEWS_VERSION",
    "Aliases",
    "CoverageRow",
    "Event",
    "Figure",
    "FigureGroup",
    "NameEntry",
    "Quote",
    "SideViews",
    "build_views",
    "load_aliases",
    "outlet_of",
    "save_aliases",
]


@dataclass
class CoverageRow:
    label: str  # a name, or a figure group's "about"
    kind: str  # "name" or "figure"
    counts: dict[str, int]  # outlet -> paragraphs (0: the outlet leaves it out)
    ref: str = ""  # its first passage, "doc_id:n"


@dataclass
class SideViews:
    outlets: list[str]
    figures: list[Figure]
    groups: list[FigureGroup]
    names: list[NameEntry]
    quotes: list[Quote]
    coverage: list[CoverageRow]
    events: list[Event]
    seconds: float = 0.0
    paragraphs: int = 0  # body paragraphs read
    doc_outlets: dict[str, str] = field(default_factory=dict)  # document id -> its outlet (see outlet_of)
    problems: list[str] = field(default_factory=list)  # e.g. an aliases.toml that cannot be read
    duplicates: dict[str, str] = field(default_factory=dict)  # a duplicate document -> the one counted

    def figures_at(self, doc_id: str, n: int) -> list[Figure]:
        """The figures of one paragraph (indexed on first use)."""
        index = self.__dict__.get("_figures_at")
        if index is None:
            index = {}
            for figure in self.figures:
                index.setdefault((figure.doc_id, figure.n), []).append(figure)
            self.__dict__["_figures_at"] = index
        return list(index.get((doc_id, n), []))

    def group_of(self, figure: Figure) -> FigureGroup | None:
        index = self.__dict__.get("_group_of")
        if index is None:
            index = {id(f): g for g in self.groups for f in g.figures}
            self.__dict__["_group_of"] = index
        return index.get(id(figure))

    def to_json(self, view: str) -> dict[str, Any]:
        """One view as the CLI's --json prints it (names fixed for scripts)."""
        if view == "figures":
            return {
                "groups": [
                    {"about": g.about, "disagreement": g.disagreement, "outlets": g.outlets,
                     "figures": [_figure_json(f) for f in g.figures]}
                    for g in self.groups
                ],
                "figures": [_figure_json(f) for f in self.figures],
            }  # fmt: skip
        if view == "names":
            return {
                "names": [
                    {"name": e.name, "kind": e.kind, "variants": e.variants, "mentions": e.mentions,
                     "refs": [f"{d}:{n}" for d, n, _ in e.refs]}
                    for e in self.names
                ]
            }  # fmt: skip
        if view == "quotes":
            return {
                "quotes": [
                    {"text": q.text, "speaker": q.speaker, "kind": q.kind, "outlet": q.outlet,
                     "ref": f"{q.doc_id}:{q.n}", "linked": [f"{d}:{n}" for d, n, _ in q.linked],
                     "wording_differs": q.wording_differs}
                    for q in self.quotes
                ]
            }  # fmt: skip
        if view == "coverage":
            return {"outlets": self.outlets, "rows": [asdict(r) for r in self.coverage]}
        if view == "timeline":
            return {
                "events": [
                    {"date": e.date, "text": e.text, "outlet": e.outlet, "ref": f"{e.doc_id}:{e.n}" if e.n else None,
                     "published": e.published, "assumed_year": e.assumed_year, "precision": e.precision,
                     "relative": e.relative, "clause": e.clause}
                    for e in self.events
                ]
            }  # fmt: skip
        raise ValueError(f"unknown view {view!r}")


def _figure_json(f: Figure) -> dict[str, Any]:
    return {
        "value": f.value, "unit": f.unit, "text": f.text, "counts": f.counts, "source": f.source,
        "measure": f.measure, "outlet": f.outlet, "ref": f"{f.doc_id}:{f.n}", "sentence": f.sentence,
    }  # fmt: skip


def outlet_of(doc: DocumentInfo) -> str:
    """What a document is listed under in the views: its outlet, else its title, else its id."""
    return doc.meta.outlet or doc.meta.title or doc.doc_id


def build_views(
    documents: list[DocumentInfo],
    paragraphs: Iterable[tuple[DocumentInfo, list[Paragraph]]],
    aliases: Aliases,
    parts: Path | None = None,
    workers: int | None = None,
) -> SideViews:
    """The five views of a case from its documents and their paragraphs.  ``parts``: where
    each document's own reading is kept between builds; ``workers``: the processes that read
    the documents (None: ``pipeline.workers_for`` the case; 0: read here).  See ``pipeline``."""
    with paused():  # a million objects and no garbage: see ``pipeline``
        return _build_views(documents, paragraphs, aliases, parts, workers)


def _build_views(
    documents: list[DocumentInfo],
    paragraphs: Iterable[tuple[DocumentInfo, list[Paragraph]]],
    aliases: Aliases,
    parts: Path | None,
    workers: int | None,
) -> SideViews:
    started = time.perf_counter()

    def works() -> Iterator[DocWork]:
        for doc, paras in paragraphs:
            outlet = outlet_of(doc)
            work = DocWork((doc.doc_id, outlet, doc.meta.date, doc.meta.lang), [], [])
            for p in paras:
                row = (doc.doc_id, p.n, outlet, p.text)
                if p.is_body:
                    work.body.append(row)
                if p.kind in ("body", "caption", "heading"):
                    work.dated.append(row)
            yield work

    documents_read = [(d.doc_id, outlet_of(d), d.meta.date, d.meta.lang) for d in documents]
    if workers is None:
        workers = workers_for(sum(d.paragraphs for d in documents))
    with processes(workers) as pool:  # the documents' paragraphs are read meanwhile
        read = read_case(works(), documents_read, pool, parts)
    dates = {d[0]: d[2] for d in documents_read}
    # The figure groups by a process of their own when the documents were read by processes,
    # while the rest is put together here and the names and quotes read.
    with grouping(read, dates, apart=workers > 0) as grouped:
        events, written, known = read.rest()
        body = [row for work in read.works for row in work.body]
        lowercase = {fold(w) for w in written}  # each word folded once (folding every token took 2 s at 20,000)
        spans: dict[tuple[str, int], list[NameSpan]] = {}
        with known_spans(known):  # each paragraph's names, as read with its document
            names = find_names(body, aliases, lowercase, spans)
            people = {v for e in names if e.kind == "person" for v in e.variants}
            quotes = find_quotes(body, people, spans)
        groups = grouped()
    figures = read.figures
    # Speakers and sources by the name the Names view gives them ("Rodríguez" -> "Jorge Rodríguez").
    canonical = {variant: e.name for e in names for variant in e.variants}
    for quote in quotes:
        quote.speaker = canonical.get(quote.speaker, quote.speaker)
    for figure in figures:
        figure.source = canonical.get(figure.source, figure.source)
    outlets = sorted({outlet_of(d) for d in documents})
    coverage = [
        CoverageRow(e.name, "name", {o: e.mentions.get(o, 0) for o in outlets}) for e in names[:60] if e.total >= 2
    ]
    for group in groups:
        counts = {o: len({(f.doc_id, f.n) for f in group.figures if f.outlet == o}) for o in outlets}
        coverage.append(CoverageRow(group.about or group.figures[0].text, "figure", counts))
    problems = [aliases.problem] if aliases.problem else []
    seconds = time.perf_counter() - started
    doc_outlets = {d.doc_id: outlet_of(d) for d in documents}
    return SideViews(
        outlets, figures, groups, names, quotes, coverage, events, seconds, len(body), doc_outlets, problems
    )
