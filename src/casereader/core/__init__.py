"""The case engine: ingestion, the paragraph index, search and related passages.

Plain Python with no UI code.  The CLI and the app import these names and nothing below
them (``tests/unit/test_architecture.py`` checks it).  Importing this package loads no
search code (Whoosh loads when a case index is first opened).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, typed; at run time each is imported when first asked for (below)
    from .case import Case, bundled_case, index_dir_for
    from .citation import Citation, CitationStyle, TemplateError
    from .config import Settings, load_settings
    from .files import TomlError, write_atomic
    from .ingest.corrections import EDITABLE, CorrectionError
    from .ingest.fetch import Added, FetchError, Outcome, add_address, add_feed, add_urls
    from .ingest.formats import FORMATS, Format
    from .keeping.anchor import ANCHORED, MOVED, ORPHANED, Anchor
    from .keeping.export import FORMATS as EXPORT_FORMATS
    from .keeping.export import Excerpt, export, export_name, from_hits, from_notes
    from .keeping.notes import BOOKMARK, NOTE, Note, NoteFilter, NoteStore, StoreError, clean_tags
    from .models import (
        LINED_KINDS,
        Difference,
        DocMeta,
        DocumentInfo,
        Hit,
        IndexBusy,
        IndexReport,
        IndexUnwritable,
        IndexUpdate,
        Paragraph,
        Related,
        SearchCancelled,
        SearchResult,
        Skipped,
        Span,
    )
    from .places import data_dir_for
    from .recent import DamagedList, RecentCase, RecentCases
    from .ref import Ref
    from .search.fields import FIELDS, FieldSpec
    from .search.highlight import Highlighter
    from .search.query import QueryError, QueryPlan, note_words
    from .sides import VIEWS as SIDE_VIEWS
    from .sides import Aliases, CoverageRow, Event, Figure, FigureGroup, NameEntry, Quote, SideViews
    from .sides.aliases import merge_names, split_names
    from .sides.honest import RelatedSides
    from .text.safe import visible

__all__ = [
    "ANCHORED",
    "BOOKMARK",
    "EDITABLE",
    "EXPORT_FORMATS",
    "FIELDS",
    "FORMATS",
    "LINED_KINDS",
    "MOVED",
    "NOTE",
    "ORPHANED",
    "SIDE_VIEWS",
    "Added",
    "Aliases",
    "Anchor",
    "Case",
    "Citation",
    "CitationStyle",
    "CorrectionError",
    "CoverageRow",
    "DamagedList",
    "Difference",
    "DocMeta",
    "DocumentInfo",
    "Event",
    "Excerpt",
    "FetchError",
    "FieldSpec",
    "Figure",
    "FigureGroup",
    "Format",
    "Highlighter",
    "Hit",
    "IndexBusy",
    "IndexReport",
    "IndexUnwritable",
    "IndexUpdate",
    "NameEntry",
    "Note",
    "NoteFilter",
    "NoteStore",
    "Outcome",
    "Paragraph",
    "QueryError",
    "QueryPlan",
    "Quote",
    "RecentCase",
    "RecentCases",
    "Ref",
    "Related",
    "RelatedSides",
    "SearchCancelled",
    "SearchResult",
    "Settings",
    "SideViews",
    "Skipped",
    "Span",
    "StoreError",
    "TemplateError",
    "TomlError",
    "add_address",
    "add_feed",
    "add_urls",
    "bundled_case",
    "clean_tags",
    "data_dir_for",
    "export",
    "export_name",
    "from_hits",
    "from_notes",
    "index_dir_for",
    "load_settings",
    "merge_names",
    "note_words",
    "split_names",
    "visible",
    "write_atomic",
]

# Imported when first used (PEP 562): ``from casereader.core import Case`` loads the case
# facade and what it needs, not the figures', quotes' and formats' modules (their regular
# expressions are compiled at import) nor the fetcher's urllib and email: the app's first
# frame waited ~0.3 s for them (see CHANGELOG.md).
_WHERE = {  # name: (module, its name there)
    "ANCHORED": ("keeping.anchor", "ANCHORED"),
    "Added": ("ingest.fetch", "Added"),
    "Aliases": ("sides", "Aliases"),
    "Anchor": ("keeping.anchor", "Anchor"),
    "BOOKMARK": ("keeping.notes", "BOOKMARK"),
    "Case": ("case", "Case"),
    "Citation": ("citation", "Citation"),
    "CitationStyle": ("citation", "CitationStyle"),
    "CorrectionError": ("ingest.corrections", "CorrectionError"),
    "CoverageRow": ("sides", "CoverageRow"),
    "DamagedList": ("recent", "DamagedList"),
    "Difference": ("models", "Difference"),
    "DocMeta": ("models", "DocMeta"),
    "DocumentInfo": ("models", "DocumentInfo"),
    "EDITABLE": ("ingest.corrections", "EDITABLE"),
    "EXPORT_FORMATS": ("keeping.export", "FORMATS"),
    "Event": ("sides", "Event"),
    "Excerpt": ("keeping.export", "Excerpt"),
    "FIELDS": ("search.fields", "FIELDS"),
    "FORMATS": ("ingest.formats", "FORMATS"),
    "FetchError": ("ingest.fetch", "FetchError"),
    "FieldSpec": ("search.fields", "FieldSpec"),
    "Figure": ("sides", "Figure"),
    "FigureGroup": ("sides", "FigureGroup"),
    "Format": ("ingest.formats", "Format"),
    "Highlighter": ("search.highlight", "Highlighter"),
    "Hit": ("models", "Hit"),
    "IndexBusy": ("models", "IndexBusy"),
    "IndexReport": ("models", "IndexReport"),
    "IndexUnwritable": ("models", "IndexUnwritable"),
    "IndexUpdate": ("models", "IndexUpdate"),
    "LINED_KINDS": ("models", "LINED_KINDS"),
    "MOVED": ("keeping.anchor", "MOVED"),
    "NOTE": ("keeping.notes", "NOTE"),
    "NameEntry": ("sides", "NameEntry"),
    "Note": ("keeping.notes", "Note"),
    "NoteFilter": ("keeping.notes", "NoteFilter"),
    "NoteStore": ("keeping.notes", "NoteStore"),
    "ORPHANED": ("keeping.anchor", "ORPHANED"),
    "Outcome": ("ingest.fetch", "Outcome"),
    "Paragraph": ("models", "Paragraph"),
    "QueryError": ("search.query", "QueryError"),
    "QueryPlan": ("search.query", "QueryPlan"),
    "Quote": ("sides", "Quote"),
    "RecentCase": ("recent", "RecentCase"),
    "RecentCases": ("recent", "RecentCases"),
    "Ref": ("ref", "Ref"),
    "Related": ("models", "Related"),
    "RelatedSides": ("sides.honest", "RelatedSides"),
    "SIDE_VIEWS": ("sides", "VIEWS"),
    "SearchCancelled": ("models", "SearchCancelled"),
    "SearchResult": ("models", "SearchResult"),
    "Settings": ("config", "Settings"),
    "SideViews": ("sides", "SideViews"),
    "Skipped": ("models", "Skipped"),
    "Span": ("models", "Span"),
    "StoreError": ("keeping.notes", "StoreError"),
    "TemplateError": ("citation", "TemplateError"),
    "TomlError": ("files", "TomlError"),
    "add_address": ("ingest.fetch", "add_address"),
    "add_feed": ("ingest.fetch", "add_feed"),
    "add_urls": ("ingest.fetch", "add_urls"),
    "bundled_case": ("case", "bundled_case"),
    "clean_tags": ("keeping.notes", "clean_tags"),
    "data_dir_for": ("places", "data_dir_for"),
    "export": ("keeping.export", "export"),
    "export_name": ("keeping.export", "export_name"),
    "from_hits": ("keeping.export", "from_hits"),
    "from_notes": ("keeping.export", "from_notes"),
    "index_dir_for": ("case", "index_dir_for"),
    "load_settings": ("config", "load_settings"),
    "merge_names": ("sides.aliases", "merge_names"),
    "note_words": ("search.query", "note_words"),
    "split_names": ("sides.aliases", "split_names"),
    "visible": ("text.safe", "visible"),
    "write_atomic": ("files", "write_atomic"),
}


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("." + where[0], __name__), where[1])
    globals()[name] = value  # once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
