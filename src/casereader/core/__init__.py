"""The case engine: ingestion, the paragraph index, search and related passages.

Plain Python with no UI code.  The CLI and the app import these names and nothing below
them (``tests/unit/test_architecture.py`` checks it).  Importing this package loads no
search code (Whoosh loads when a case index is first opened).
"""

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
