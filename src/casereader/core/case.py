"""Opening a case: where its index lives, and the one object the CLI and the app use."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .citation import Citation
from .keeping.anchor import ORPHANED, Anchor, resolve
from .keeping.notes import NOTE, Note, NoteFilter, NoteStore
from .models import (
    DocMeta,
    DocumentInfo,
    IndexBusy,
    IndexReport,
    IndexUnwritable,
    IndexUpdate,
    Paragraph,
    Related,
    SearchResult,
    Skipped,
)
from .places import _case_key, data_dir_for
from .ref import Ref
from .search.query import MAX_QUERY_CHARS, QueryError, QueryPlan, plan

WIDENED_MAX_CHARS = 20 * MAX_QUERY_CHARS  # a query widened by the case's aliases

if TYPE_CHECKING:
    from .index.build import Committed, Progress
    from .index.case_index import CaseIndex
    from .search.related import RelatedFinder
    from .search.searchable import Searchable
    from .sides import Aliases, SideViews
    from .sides.cache import KeptViews
    from .sides.honest import RelatedSides


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

    return user_cache_path("casereader") / "cases" / _case_key(folder)


class Case:
    """A case folder with its index: what the CLI and the app talk to.

    Creating one is cheap and imports no search code: the app builds it before its first
    frame, lists the documents from the manifest, and opens the index in a worker.
    """

    def __init__(self, folder: Path | None = None, index_dir: Path | None = None, data_dir: Path | None = None) -> None:
        self.folder = (folder or bundled_case()).resolve()
        if not self.folder.is_dir():
            raise FileNotFoundError(f"{self.folder} is not a folder")
        self.index_dir = index_dir or index_dir_for(self.folder)
        self.data_dir = data_dir or data_dir_for(self.folder)
        self._notes: NoteStore | None = None
        self._anchors_checked: int | None = None
        self._kept: KeptViews | None = None  # the Sides views' cache, when first needed
        self.views_apart = True  # False in the process that builds them apart (see sides.cache)
        self._aliases: tuple[int, Aliases] | None = None
        self._index: CaseIndex | None = None
        self._searchable: Searchable | None = None
        self._related: RelatedFinder | None = None

    @property
    def _kept_views(self) -> KeptViews:
        """The Sides views' cache (its module loads the figures', names' and quotes' modules:
        ~0.1 s of the app's start, so it is imported when the views are first asked for)."""
        if self._kept is None:
            from .sides.cache import KeptViews

            self._kept = KeptViews(self.index_dir / "views.pickle")
        return self._kept

    @property
    def index(self) -> CaseIndex:
        """The index itself (for the core's own tests and benchmarks; the CLI and the app use
        the methods below)."""
        if self._index is None:
            from .index.case_index import CaseIndex

            self._index = CaseIndex(self.folder, self.index_dir)
        return self._index

    @property
    def name(self) -> str:
        """The catalog's name for the case, else the folder's (read when first asked)."""
        if self._index is not None and self._index.name:
            return self._index.name
        from .ingest.metadata import Catalog  # its patterns compile at import: not before the app's first frame

        return Catalog.case_name(self.folder) or self.folder.name

    @property
    def ready(self) -> bool:
        return self.index.ready

    def whole(self) -> bool:
        """An index of this version for this folder, found whole (its files' sizes and
        checksums): it can be searched as it is while the folder is checked for changes."""
        return self.index.ready and not self.index.rebuild_reason()

    # --- documents -------------------------------------------------------------------------

    def listed_documents(self) -> list[DocumentInfo]:
        """The documents as the last indexing run left them, without opening the index; with
        no index yet, the case's files with what the catalog says of them (0 paragraphs)."""
        listed = self.index.documents()  # the index's manifest, read once (not opened)
        if listed:
            return listed
        from .index.changes import catalog_hash, parsed_catalog
        from .index.manifest import CATALOG_KEPT
        from .ingest.reader import doc_id_for, scan

        catalog = parsed_catalog(self.folder, catalog_hash(self.folder), self.index_dir / CATALOG_KEPT)
        quick = []
        for relpath in scan(self.folder).relpaths:
            entry = catalog.entry(relpath)
            name = relpath.rsplit("/", 1)[-1]
            title, outlet, date = entry.get("title", "") or name, entry.get("outlet", ""), entry.get("date", "")
            meta = DocMeta(title=title, outlet=outlet, date=date)
            quick.append(DocumentInfo(doc_id_for(relpath), relpath, meta, 0))
        return quick

    def update(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        wait: bool = False,
        waiting: Callable[[str], None] | None = None,
        committed: Committed | None = None,
    ) -> IndexReport:
        """Bring the index up to date.  While another process updates it, raise IndexBusy at
        once, or with ``wait`` wait for it to finish (telling ``waiting`` once).  A large
        first build tells ``committed`` (files indexed, files in all) when a first part of
        the case can be searched, the rest being built."""
        return self.index.update(
            progress=progress,
            cancelled=cancelled,
            lock_timeout=None if wait else 0.0,
            waiting=waiting,
            committed=committed,
        )

    def update_index(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        committed: Committed | None = None,
        waiting: Callable[[str], None] | None = None,
        wait: bool = False,
    ) -> IndexUpdate:
        """Bring the index up to date as the CLI and the app both do, whatever another process
        or the disk says:

        - while another process updates the index, search the index as it was (``problem``
          says so); when there is no index yet, or with ``wait``, wait for that process
          (telling ``waiting`` once), then catch up;
        - when the index cannot be written (a read-only folder, a full disk), search it as it
          was, if there is one;
        - ``searchable`` says whether there is an index to search.  Any other failure is raised.
        """
        try:
            return IndexUpdate(self.update(progress, cancelled, wait, waiting, committed))
        except IndexUnwritable as exc:
            return IndexUpdate(None, str(exc), self.ready)
        except IndexBusy as exc:
            if wait or self.ready:
                return IndexUpdate(None, str(exc), self.ready)
        try:  # another process builds the case's first index: wait for it, then catch up
            return IndexUpdate(self.update(progress, cancelled, True, waiting))
        except IndexBusy as exc:  # or it cannot be written
            return IndexUpdate(None, str(exc), self.ready)

    def correct(self, relpath: str, values: dict[str, str]) -> Path:
        """Write a reader's correction of a document's fields (title, author, date, outlet,
        lang…) to the case's catalog, where it wins from the next update on; returns the
        catalog written (CorrectionError saying why it cannot be)."""
        from .ingest.corrections import correct

        return correct(self.folder, relpath, values)

    def documents(self) -> list[DocumentInfo]:
        return self.index.documents()

    def document(self, doc_id: str) -> DocumentInfo | None:
        return next((d for d in self.index.documents() if d.doc_id == doc_id), None)

    def duplicate_of(self) -> dict[str, str]:
        """Document id -> the document it duplicates (byte-identical or near-identical)."""
        return self.index.duplicate_of()

    def skipped(self) -> list[Skipped]:
        return self.index.skipped()

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        return self.index.paragraphs(doc_id)

    def paragraph(self, ref: Ref) -> Paragraph | None:
        return self.index.paragraph(ref)

    def citation(self, ref: Ref) -> Citation:
        """What paragraph ``ref`` is cited as (its document's title when nothing else is known)."""
        meta = self.index.doc_meta().get(ref.doc_id) or DocMeta(title=ref.doc_id)
        para = self.index.paragraph(ref) if self.index.has_pages(ref.doc_id) else None
        return Citation.of(ref, meta, para.page if para is not None else 0)

    def watch(self, stop: threading.Event, problem: Callable[[str], None] | None = None) -> Iterator[set[str]]:
        """The case's changed paths, each time the folder settles (see ``watch.watch_case``);
        ``problem`` is told once of each error the watch went on after (a symbolic link loop)."""
        from .index.watch import watch_case

        return watch_case(self.folder, stop, problem=problem)

    # --- searching -------------------------------------------------------------------------

    def _searcher(self) -> Searchable:
        if self._searchable is None:
            from .search.searchable import Searchable

            self._searchable = Searchable(self.index)
        return self._searchable

    def warm(self) -> None:
        """Open the searcher and its caches now (in a worker), not on the first keystroke."""
        self._searcher().warm()

    @staticmethod
    def plan(query: str) -> QueryPlan:
        """Parse a query once (QueryError with a one-line explanation when it can't be run)."""
        return plan(query)

    def search(
        self,
        query: str | QueryPlan,
        limit: int = 20,
        count_docs: bool = False,
        cancelled: Callable[[], bool] | None = None,
        suggest: bool = True,
    ) -> SearchResult:
        if isinstance(query, str) and query.lstrip().startswith("~") and query.strip("~ \t"):
            return self._search_by_meaning(query, limit, count_docs, cancelled, suggest)
        widened = query if isinstance(query, QueryPlan) else self._with_aliases(query)
        if isinstance(widened, QueryPlan):
            planned = widened
        elif isinstance(query, str) and widened != query:
            # The aliases' variants add words the user did not type (a long list can be
            # thousands of characters): they must never make a valid query fail.
            try:
                planned = plan(widened, max_chars=WIDENED_MAX_CHARS)
            except QueryError:
                planned, widened = plan(query), query  # the user's own mistakes are said as such
        else:
            planned = plan(widened)
        result = self._searcher().execute(
            planned, limit=limit, count_docs=count_docs, cancelled=cancelled, suggest=suggest
        )
        if isinstance(query, str) and widened != query:  # said as the user typed it
            result = replace(result, query=query, notes=[*result.notes, f"also searched as {widened}"])
        return result

    def _search_by_meaning(
        self, query: str, limit: int, count_docs: bool, cancelled: Callable[[], bool] | None, suggest: bool
    ) -> SearchResult:
        """``~words``: the paragraphs with the words, then the body paragraphs nearest the
        words in meaning, in every language (marked: ``meaning_from``)."""
        from .models import Hit

        words = query.strip().lstrip("~").strip()
        try:
            result = self.search(words, limit=limit, count_docs=count_docs, cancelled=cancelled, suggest=suggest)
        except QueryError:  # words that do not parse as a query are still a meaning
            result = SearchResult(words, [], 0, 0.0)
        result = replace(result, query=query)
        store = self.index.meaning
        vectors = store.vectors()
        if vectors is None:
            why = store.problem or "the paragraphs' meaning is not computed yet"
            return replace(result, notes=[*result.notes, f"{why}: words alone"])
        try:
            nearest = vectors.nearest(store.encode_query(words), limit + len(result.hits))
        except (OSError, RuntimeError) as exc:
            return replace(result, notes=[*result.notes, f"no search by meaning ({exc}): words alone"])
        listed = {h.ref for h in result.hits}
        meta = self.index.doc_meta()
        extra: list[Hit] = []
        for near in nearest:
            ref = Ref(near.doc_id, near.n)
            if ref in listed or near.doc_id not in meta or len(extra) >= limit:
                continue
            para = self.index.paragraph(ref)
            if para is None:
                continue
            citation = Citation.of(ref, meta[near.doc_id], para.page)
            extra.append(Hit(citation, para.kind, para.text, [], near.similarity))
        return replace(result, hits=[*result.hits, *extra], meaning_from=len(result.hits))

    def _with_aliases(self, query: str) -> str:
        """The query widened by the case's declared aliases (read again when the file changes)."""
        path = self.aliases_path
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return query
        if self._aliases is None or self._aliases[0] != stamp:
            self._aliases = (stamp, self.aliases())
        if not self._aliases[1].same:
            return query
        from .sides.aliases import expand_query

        return expand_query(query, self._aliases[1])

    def suggest(self, result: SearchResult) -> str | None:
        """'did you mean' for a search that found nothing (None when the case has no close
        word), from the result's own plan."""
        if result.plan is None:
            return None
        return self._searcher().suggest(result.plan)

    def related(self, ref: Ref, limit: int = 10, same_document: int = 3, meaning: bool = True) -> list[Related]:
        """Passages related to paragraph ``ref`` (KeyError when the case has no such paragraph),
        by their words and, once computed, their meaning (``meaning=False``: words alone)."""
        return self.related_finder().related(ref, limit=limit, same_document=same_document, meaning=meaning)

    def related_finder(self) -> RelatedFinder:
        """What finds related passages (its ``pool`` is what bench/tune_related.py fits on)."""
        if self._related is None:
            from .search.related import RelatedFinder

            self._related = RelatedFinder(self.index, self._searcher())
        return self._related

    @property
    def meaning_enabled(self) -> bool:
        """Whether the app computes the paragraphs' meaning (``CASEREADER_NO_MEANING=1``: not;
        related passages then compare words alone, and the pane says nothing of meaning)."""
        return os.environ.get("CASEREADER_NO_MEANING", "") in ("", "0")

    def update_meaning(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        workers: int | None = None,
        hold: Callable[[], bool] | None = None,
    ) -> int | None:
        """Compute the meaning of the paragraphs that changed since the last time (worker
        processes, one per core); returns how many were computed (None: another process is
        computing them).  Search and related passages never wait for it; while ``hold()`` is
        true (the user types) the workers wait."""
        if not self.meaning_enabled:
            return 0
        return self.index.meaning.update(self.index, progress, cancelled, workers=workers, hold=hold)

    def meaning_status(self) -> str:
        """ "" when related passages are compared by meaning too, else why not (being
        computed, not yet, a damaged file: words alone)."""
        if not self.meaning_enabled:
            return ""
        try:
            return self.index.meaning.status(self.index)
        except Exception as exc:  # never in the way of reading
            return f"meaning not available ({type(exc).__name__}): words alone"

    # --- what the reader keeps -------------------------------------------------------------

    @property
    def notes(self) -> NoteStore:
        """The case's notes, bookmarks, reading progress and searches (opened on first use;
        StoreError when it cannot be)."""
        if self._notes is None:
            self._notes = NoteStore(self.data_dir / "notes.sqlite")
        return self._notes

    def keep(
        self,
        ref: Ref,
        kind: str = NOTE,
        text: str = "",
        tags: tuple[str, ...] = (),
        start: int = 0,
        end: int | None = None,
        seen: str | None = None,
        cited: Citation | None = None,
    ) -> Note:
        """Bookmark or note paragraph ``ref`` (or the part ``start:end`` of its text).

        ``seen``: the paragraph's text as the reader had it when the note was begun (``cited``:
        its citation then).  The note is anchored on those words and then looked for in the
        document as indexed now, as :meth:`check_anchors` does: a file edited meanwhile gives a
        note that *moved* with its words; a file renamed or removed, or words that are gone,
        an *orphaned* note kept with the words it quotes — never one on a look-alike passage.
        Without ``seen``: KeyError when the case has no such paragraph; ValueError for an
        empty part."""
        if seen is None:
            para = self.paragraph(ref)
            if para is None:
                raise KeyError(str(ref))
            seen = para.text
        anchor = Anchor.on(ref, seen, start, end)
        doc = self.document(ref.doc_id)
        sha1 = doc.sha1 if doc is not None else ""
        found = resolve(anchor, self.paragraphs(ref.doc_id) if doc is not None else None, sha1)
        if found.status == ORPHANED:
            placed, citation = replace(anchor, doc_sha1=sha1), cited or self.citation(ref)
        else:
            placed, citation = found.anchor, self.citation(found.anchor.ref)
        return self.notes.add(kind, placed, citation, text, tags, found.status, found.reason)

    def check_notes(self) -> list[Note]:
        """Every note and bookmark, newest first, after :meth:`check_anchors`."""
        self.check_anchors()
        return self.notes.notes()

    def check_anchors(self) -> int:
        """Check each note's anchor against the case as indexed now: a note whose document
        changed finds its quote again (moved) or is orphaned with its old text.  Only notes
        on documents that changed since their last check are read.  Returns how many were
        checked."""
        listed = self.documents()
        versions = hash(tuple((d.doc_id, d.sha1) for d in listed))
        if versions == self._anchors_checked:
            return 0  # no document changed since the last check (new notes are made current)
        documents = {d.doc_id: d for d in listed}
        store = self.notes
        stale = []
        for note_id, doc_id, sha1, status in store.anchor_states():
            doc = documents.get(doc_id)
            if doc is not None and doc.sha1 and doc.sha1 == sha1:
                continue
            if doc is None and status == ORPHANED:
                continue
            stale.append(note_id)
        texts: dict[str, list[Paragraph] | None] = {}
        for note in (n for i in range(0, len(stale), 500) for n in store.notes(NoteFilter(ids=stale[i : i + 500]))):
            doc = documents.get(note.anchor.doc_id)
            if note.anchor.doc_id not in texts:
                texts[note.anchor.doc_id] = self.paragraphs(doc.doc_id) if doc is not None else None
            found = resolve(note.anchor, texts[note.anchor.doc_id], doc.sha1 if doc else "")
            anchor = (
                found.anchor if found.status != ORPHANED else replace(note.anchor, doc_sha1=doc.sha1 if doc else "")
            )
            citation = self.citation(anchor.ref) if found.status != ORPHANED else None
            store.reanchor(note.id, anchor, found.status, found.reason, citation)
        self._anchors_checked = versions
        return len(stale)

    # --- the sides: figures, names, quotes, coverage, timeline ------------------------------

    @property
    def aliases_path(self) -> Path:
        from .sides.aliases import aliases_path

        return aliases_path(self.folder, self.data_dir)

    def aliases(self) -> Aliases:
        from .sides import load_aliases

        return load_aliases(self.aliases_path)

    def save_aliases(self, aliases: Aliases) -> None:
        from .sides import save_aliases

        save_aliases(self.aliases_path, aliases)
        self._kept_views.forget()

    def views(self) -> SideViews:
        """The views that compare the sides, built from the index (once per change of the
        case or of its aliases; kept in the index folder between runs).  Callers from several
        threads (the app's background build, the related pane) wait for one build."""
        if (views := self._views_of(build=True)) is None:
            raise RuntimeError("the case was closed while its views were built")
        return views

    def ready_views(self) -> SideViews | None:
        """The views when they need no build (current, or read from the index folder); None
        while they are being built or would have to be (~95 s after a change at 200,000 ¶)."""
        return self._views_of(build=False)

    def _views_of(self, build: bool) -> SideViews | None:
        from .sides import VIEWS_VERSION, build_views, outlet_of
        from .sides.cache import VIEWS_APART
        from .sides.pipeline import PARTS_FILE

        aliases_file = self.aliases_path
        try:
            aliases_time = aliases_file.stat().st_mtime_ns
        except OSError:
            aliases_time = 0
        documents: list[DocumentInfo] = []

        def key() -> str:
            documents[:] = self.documents()
            try:
                aliases = aliases_file.read_bytes()
            except OSError:
                aliases = b""
            duplicates = sorted(self.duplicate_of().items())
            found = repr((VIEWS_VERSION, [(d.doc_id, d.sha1, d.meta) for d in documents], aliases, duplicates))
            return hashlib.sha1(found.encode()).hexdigest()

        def make() -> SideViews:
            # A duplicate article (the same file twice, or one wire story saved from two sites)
            # is counted once in every view: its first copy is read, the others are not.
            duplicates = self.duplicate_of()
            read = [d for d in documents if d.doc_id not in duplicates]
            every = self.index.all_paragraphs()
            paragraphs = ((d, every.get(d.doc_id, [])) for d in read)
            views = build_views(read, paragraphs, self.aliases(), self.index_dir / PARTS_FILE)
            views.duplicates = {d.doc_id: duplicates[d.doc_id] for d in documents if d.doc_id in duplicates}
            views.doc_outlets.update((d.doc_id, outlet_of(d)) for d in documents if d.doc_id in duplicates)
            return views

        def apart() -> bool:  # a large case's views are built by a process of their own
            large = self.views_apart and sum(d.paragraphs for d in documents) >= VIEWS_APART
            return large and self._kept_views.build_apart(self.folder, self.index_dir, self.data_dir)

        # The manifest object is replaced on every update: while it is the one held (so its
        # identity cannot be reused) and the aliases file is unchanged, nothing is.
        return self._kept_views.get((self.index._manifest, aliases_time), key, make, build, apart)

    def related_sides(self, ref: Ref, limit: int = 10, wait: bool = True, meaning: bool = True) -> RelatedSides:
        """``related`` compared honestly (see ``sides.honest``): figure differences said, the
        passages of the same figure groups added, weak matches from other documents dropped,
        and the outlets that say nothing related.  ``wait=False``: while the views are being
        built, the passages as ``related`` finds them, marked ``comparing``."""
        from .models import Hit
        from .sides.honest import RelatedSides, compare

        items = self.related(ref, limit=limit, meaning=meaning)
        views = self.views() if wait else self.ready_views()
        if views is None:
            return RelatedSides(items, [], comparing=True)
        groups = {id(g): g for f in views.figures_at(ref.doc_id, ref.n) if (g := views.group_of(f)) is not None}
        texts: dict[Ref, tuple[Paragraph, Hit | None]] = {}
        for group in groups.values():
            for figure in group.figures:
                other = Ref(figure.doc_id, figure.n)
                para = self.paragraph(other) if other not in texts else None
                if para is not None:
                    texts[other] = (para, Hit(self.citation(other), para.kind, para.text, [], 0.0))
        return compare(ref, items, views, views.doc_outlets, texts)

    def close(self) -> None:
        if self._kept is not None:
            self._kept.close()
        if self._notes is not None:
            self._notes.close()
            self._notes = None
        if self._index is not None:
            self._index.close()
