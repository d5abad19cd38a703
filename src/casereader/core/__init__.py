"""The case engine: ingestion, the paragraph index, search and related passages.

Plain Python with no UI code; the CLI and the app only call it.
"""

from .case import Case, DocumentInfo, bundled_case, index_dir_for
from .index import IndexBusy
from .models import (
    DocMeta,
    Hit,
    IndexReport,
    Paragraph,
    Related,
    SearchResult,
    Skipped,
    Source,
    Span,
)
from .query import QueryError
from .search import SearchCancelled

__all__ = [
    "Case",
    "DocMeta",
    "DocumentInfo",
    "Hit",
    "IndexBusy",
    "IndexReport",
    "Paragraph",
    "QueryError",
    "Related",
    "SearchCancelled",
    "SearchResult",
    "Skipped",
    "Source",
    "Span",
    "bundled_case",
    "index_dir_for",
]
