"""Messages from the case session's workers (``session.py``), and a pane's failure.

Small dataclasses, one place (toolong's ``messages.py``).  The session's workers post their
news to the app, which hands it to the session; the session publishes it to the screens.
Messages a pane posts about itself are nested in the pane's class (``ResultsPane.Chosen``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from textual.message import Message

from ..core import DocumentInfo, IndexReport, Skipped

if TYPE_CHECKING:
    from ..core import Outcome  # the fetcher's module (urllib, email) loads when an article is added


class CaseNews(Message):
    """News of the case from the session's workers."""


@dataclass
class DocumentsLoaded(CaseNews):
    """The case's documents: listed before the index is open (``indexing``), or indexed."""

    documents: list[DocumentInfo]
    indexing: bool
    duplicate_of: dict[str, str] = field(default_factory=dict)


@dataclass
class IndexProgressed(CaseNews):
    done: int
    total: int
    current: str

    def can_replace(self, message: Message) -> bool:  # a flood of progress: keep the last
        return isinstance(message, IndexProgressed)


@dataclass
class IndexReady(CaseNews):
    """Indexing ended (or, with ``partial``, its first part): ``report`` is None when it could
    not run (``problem`` says why)."""

    report: IndexReport | None
    searchable: bool
    problem: str = ""
    # A first part of a large first build, searchable while the rest is built:
    # (files indexed, files in all); the build goes on, and its own IndexReady follows.
    partial: tuple[int, int] | None = None
    # The index as it was, searchable while the folder is checked for changes (50,000 files
    # took seconds to list and compare); the check's own IndexReady follows.
    checking: bool = False


@dataclass
class CaseChanged(CaseNews):
    """The folder changed while the app was open, and the index has caught up."""

    report: IndexReport
    documents: list[DocumentInfo]
    duplicate_of: dict[str, str]
    unreadable: list[Skipped]  # files newly found unreadable


@dataclass
class MeaningReady(CaseNews):
    """The paragraphs' meaning was computed (``computed`` of them): related passages compare
    it from now on."""

    computed: int


@dataclass
class ArticleAdded(Message):
    """What "Add article by URL" did with an address (the index has taken in what was added)."""

    url: str
    outcome: Outcome


@dataclass
class WorkerFailed(Message):
    """A pane's worker raised: the app shows it as a notice.  (Textual's own
    ``Worker.StateChanged`` does not bubble, so panes pass their failures on with this.)"""

    error: BaseException


class Kept(Enum):
    """What changed of what the reader keeps (``Keeping.kept``, a Signal: its subscribers
    read the keeping's attributes)."""

    MARKS = "marks"  # bookmarks and notes: which passages carry which
    READ = "read"  # the passages read
    HISTORY = "history"  # the searches made
