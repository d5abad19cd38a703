"""The panes of the main screen.  Attributes come down from the screen; messages go up.

Every piece of document text is rendered through :mod:`casereader.display` as a Rich
``Text`` (never markup), with control characters made visible.
"""

from .breadcrumb import Breadcrumb
from .documents import DocumentsPane
from .progress import IndexProgress
from .reader import ReaderPane, ReaderState
from .related import RelatedPane
from .results import ResultsPane
from .search_box import SearchBox

__all__ = [
    "Breadcrumb",
    "DocumentsPane",
    "IndexProgress",
    "ReaderPane",
    "ReaderState",
    "RelatedPane",
    "ResultsPane",
    "SearchBox",
]
