"""Opening a case: where its index lives, and the one object the CLI and the app use."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .metadata import Catalog
from .models import (
    DocumentInfo,
    IndexReport,
    Paragraph,
    Related,
    SearchResult,
    Skipped,
    documents_from_manifest,
    read_manifest,
)

if TYPE_CHECKING:
    from .index import CaseIndex, Progress


def bundled_case() -> Path:
    """The bundled case: the repository's ``seeds/`` in a checkout, else the installed copy."""
    checkout = Path(__file__).resolve().parents[3] / "seeds"
    if (checkout / "catalog.toml").is_file():
        return checkout
    return Path(__file__).resolve().parents[1] / "_seeds"


def index_dir_for(folder: Path) -> Path:
    """Where a case's index lives: ``index/`` of the checkout for the bundled case, else one
    folder per case in the user cache directory.  Never inside the user's case folder."""
    folder = folder.resolve()
    bundled = bundled_case().resolve()
    if folder == bundled and bundled.name == "seeds":
        repo_index = bundled.parent / "index"
        if os.access(bundled.parent, os.W_OK):
            return repo_index
    from platformdirs import user_cache_path

    digest = hashlib.sha1(str(folder).encode("utf-8")).hexdigest()[:12]
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in folder.name)[:40]
    return user_cache_path("casereader") / "cases" / f"{safe}-{digest}"


def open_case(folder: Path | None = None, index_dir: Path | None = None) -> CaseIndex:
    """The CaseIndex for a folder (the bundled case when None).  Does not build anything."""
    from .index import CaseIndex

    folder = (folder or bundled_case()).resolve()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    return CaseIndex(folder, index_dir or index_dir_for(folder))


class Case:
    """A case folder with its index: what the CLI and the app talk to.

    Creating one is cheap and imports no search code: the app builds it before its first
    frame, lists the documents from the manifest, and opens the index in a worker.
    """

    def __init__(self, folder: Path | None = None, index_dir: Path | None = None) -> None:
        self.folder = (folder or bundled_case()).resolve()
        if not self.folder.is_dir():
            raise FileNotFoundError(f"{self.folder} is not a folder")
        self.index_dir = index_dir or index_dir_for(self.folder)
        self._index: CaseIndex | None = None
        self._searchable: Any = None
        self._related: Any = None

    @property
    def index(self) -> CaseIndex:
        if self._index is None:
            self._index = open_case(self.folder, self.index_dir)
        return self._index

    @property
    def name(self) -> str:
        if self._index is not None:
            return self._index.name
        return Catalog.load(self.folder).name or self.folder.name

    @property
    def ready(self) -> bool:
        return self.index.ready

    def listed_documents(self) -> list[DocumentInfo]:
        """The documents as the last indexing run left them, without opening the index."""
        if self._index is not None:
            return self._index.documents()
        return documents_from_manifest(read_manifest(self.index_dir / "manifest.json"))

    def update(self, progress: Progress | None = None, cancelled: Any = None) -> IndexReport:
        return self.index.update(progress=progress, cancelled=cancelled)

    def documents(self) -> list[DocumentInfo]:
        return self.index.documents()

    def duplicate_of(self) -> dict[str, str]:
        """Document id -> the document it duplicates (byte-identical or near-identical)."""
        return self.index.duplicate_of()

    def skipped(self) -> list[Skipped]:
        return self.index.skipped()

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        return self.index.paragraphs(doc_id)

    def warm(self) -> None:
        """Open the searcher and its caches now (in a worker), not on the first keystroke."""
        self._searcher_api().warm()

    def _searcher_api(self) -> Any:
        if self._searchable is None:
            from .search import Searchable

            self._searchable = Searchable(self.index)
        return self._searchable

    def search(
        self,
        query: str,
        limit: int = 20,
        count_docs: bool = False,
        cancelled: Any = None,
        suggest: bool = True,
    ) -> SearchResult:
        result: SearchResult = self._searcher_api().search(
            query, limit=limit, count_docs=count_docs, cancelled=cancelled, suggest=suggest
        )
        return result

    def suggest(self, query: str) -> str | None:
        """'did you mean' for a query that found nothing (None when the case has no close word)."""
        found: str | None = self._searcher_api().suggest(query)
        return found

    def related(self, ref: str, limit: int = 10, same_document: int = 3) -> list[Related]:
        if self._related is None:
            from .related import RelatedFinder

            self._related = RelatedFinder(self.index, self._searcher_api())
        found: list[Related] = self._related.related(ref, limit=limit, same_document=same_document)
        return found

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
