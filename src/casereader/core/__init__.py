"""The case engine: ingestion, the paragraph index, search and related passages.

Plain Python with no UI code.  The CLI and the app import these names and nothing below
them (``tests/unit/test_architecture.py`` checks it).  Importing this package loads no
search code (Whoosh loads when a case index is first opened).
"""

from .case import Case, bundled_case, index_dir_for
from .citation import Citation
from .fields import FIELDS, FieldSpec
from .formats import FORMATS, Format
from .highlight import Highlighter
from .models import (
    DocMeta,
    DocumentInfo,
    Hit,
    IndexBusy,
    IndexReport,
    IndexUnwritable,
    Paragraph,
    Related,
    SearchCancelled,
    SearchResult,
    Skipped,
    Span,
)
from .query import QueryError, QueryPlan
from .ref import Ref

__all__ = [
    "FIELDS",
    "FORMATS",
    "Case",
    "Citation",
    "DocMeta",
    "DocumentInfo",
    "FieldSpec",
    "Format",
    "Highlighter",
    "Hit",
    "IndexBusy",
    "IndexReport",
    "IndexUnwritable",
    "Paragraph",
    "QueryError",
    "QueryPlan",
    "Ref",
    "Related",
    "SearchCancelled",
    "SearchResult",
    "Skipped",
    "Span",
    "bundled_case",
    "index_dir_for",
]
