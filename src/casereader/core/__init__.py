"""The case engine: ingestion, the paragraph index, search and related passages.

Plain Python with no UI code; the CLI and the app only call it.  Importing this
package loads no search code (Whoosh loads when a case index is first opened).
"""

from .case import Case, bundled_case, index_dir_for
from .models import (
    DocMeta,
    DocumentInfo,
    Hit,
    IndexBusy,
    IndexReport,
    Paragraph,
    Related,
    SearchCancelled,
    SearchResult,
    Skipped,
    Source,
    Span,
)
from .query import QueryError

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
