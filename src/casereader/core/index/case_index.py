"""The paragraph index of one case: building, incremental updates, recovery, searchers.

Layout of an index folder::

    meaning/        the body paragraphs' vectors, by meaning (see ``meaning.py``)
    manifest.json   what was indexed: files (size, mtime, hash), documents' metadata,
                    skipped files with reasons, languages, the index version
    fingerprints.json  each document's duplicate-detection sample (read when content changed)
    checked.json    when each index file was last found whole (see ``schema.check_files``)
    whoosh/         the Whoosh index, one Whoosh document per paragraph

The manifest is written after the Whoosh commit, atomically.  A file is always deleted from
the index before it is added again, so a run killed between the two writes is repaired by
the next run.  One process updates an index at a time (``lock.py``); the locks are fcntl
locks, released by the system when a process dies, and an ``UPDATING`` marker left by a run
that died is reported by the next.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ..memory import long_lived
from ..models import DocMeta, DocumentInfo, IndexBusy, IndexReport, IndexUnwritable, Paragraph, Skipped
from ..ref import Ref
from . import engine as whoosh_ext
from . import manifest
from .build import Build, Committed, Progress, open_writer
from .changes import Plan, plan_changes
from .engine import LockError, Searcher
from .engine import whoosh_index as index
from .engine.schema import check_files, file_checksums, index_problem, make_schema
from .lock import BUSY, alive, uninterrupted, update_lock
from .manifest import (
    FileKey,
    build_manifest,
    documents_from_manifest,
    file_key,
    manifest_head,
    read_listing,
    read_manifest_keyed,
    write_json,
    write_listing,
)
from .meaning import MeaningStore

DOC_NUMBERS = "doc-numbers.bin"  # each paragraph's document, for the index's generation

# Errors that mean the index's folder cannot be written: read-only, no permission, disk full.
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}


# BM25 for paragraphs: a word's second and third use in one paragraph add less (k1 0.6, not
# Lucene's 1.2), and a long paragraph is damped less (b 0.3, not 0.75): bench/quality.py,
# search nDCG@10 0.52 -> 0.55 on the ECB+ topics tuned on, 0.50 -> 0.52 on those held out
# (FTS5 bm25 0.48), seeds unchanged at 0.80, headline known item hit@1 0.92 -> 0.93.
SEARCH_K1 = 0.6
SEARCH_B = 0.3


class CaseIndex:
    """One case folder and its index.  Safe to search from many threads (a pool of searchers)."""

    def __init__(self, folder: Path, index_dir: Path, name: str = "") -> None:
        self.folder = folder.resolve()
        self.index_dir = index_dir
        self.whoosh_dir = index_dir / "whoosh"
        self.manifest_path = index_dir / "manifest.json"
        self.prints_path = index_dir / manifest.PRINTS_NAME
        self.catalog_path = index_dir / manifest.CATALOG_KEPT
        self.name = name  # the case's name, when the caller gives one (else Case reads the catalog)
        self.listing_path = index_dir / manifest.LISTING_NAME
        # The manifest is read when first needed (by an update): opening the case and
        # searching it need only its head and documents, read from its listing when it has
        # one.  ``_generation`` changes whenever the manifest does: the caches below are
        # kept for one generation.
        self._full: dict[str, Any] | None = None
        self._full_lock = threading.RLock()  # the manifest is read and replaced by one thread at a time
        self._key: FileKey | None = None  # the manifest file the head and documents are of
        self._head: dict[str, Any] = {}
        self._generation = object()
        self._meta_cache: tuple[object, dict[str, DocMeta]] | None = None
        self._documents: tuple[object, list[DocumentInfo]] | None = None
        self._grouped: dict[str, tuple[object, dict[str, list[str]]]] = {}
        self._paged: tuple[object, set[str]] | None = None
        self._listed: FileKey | None = None  # the manifest file the listing on disk is of, when known
        self._open_manifest()
        self._ix: Any = None
        self._ix_lock = threading.Lock()
        self._idle: list[Searcher] = []  # searchers not in use by any thread
        self._checked = False  # the index was found whole by this process
        self._meaning: MeaningStore | None = None

    # --- manifest --------------------------------------------------------------------------

    def _open_manifest(self) -> None:
        """The manifest's head and documents from its listing, else the manifest itself."""
        key = file_key(self.manifest_path)
        with long_lived():
            listed = read_listing(self.listing_path, key)
        if listed is None:
            self.reload_manifest()
            return
        self._head, documents = listed
        self._key, self._listed, self._generation = key, key, object()
        self._documents = (self._generation, documents)

    @property
    def _manifest(self) -> dict[str, Any]:
        """The manifest itself, read when first asked for (from any thread, read once)."""
        full = self._full
        if full is None:
            with self._full_lock:
                if self._full is None:
                    with long_lived():
                        data, key = read_manifest_keyed(self.manifest_path)
                    if key is not None and key == self._key:  # the one the listing was of
                        self._full = data
                    else:  # replaced since (by another process's update): a new generation
                        self._set_manifest(data, key)
                full = self._full
            assert full is not None
        return full

    def _set_manifest(self, data: dict[str, Any], key: FileKey | None) -> None:
        with self._full_lock, long_lived():
            self._head = manifest_head(data)
            self._full, self._key, self._generation = data, key, object()

    def _write_manifest(self, data: dict[str, Any]) -> None:
        key = write_json(self.manifest_path, data)
        self._set_manifest(data, key)
        self._write_listing()

    def _write_listing(self) -> None:
        """The listing of the manifest as this process holds it (the next opening reads it
        instead of the manifest); not written, the manifest is read (an unwritable folder)."""
        if self._key is None or self._head.get("version") != manifest.INDEX_VERSION:
            return
        self._listed = self._key  # (tried once per manifest)
        with suppress(OSError):
            write_listing(self.listing_path, self._key, self._head, self.documents())

    def reload_manifest(self) -> None:
        with long_lived():
            data, key = read_manifest_keyed(self.manifest_path)
        self._set_manifest(data, key)

    @property
    def ready(self) -> bool:
        """True when an index of the current version exists (it may be out of date)."""
        try:
            current = self._head.get("version") == manifest.INDEX_VERSION
            return current and bool(index.exists_in(str(self.whoosh_dir)))
        except Exception:
            return False

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, by path (made once per manifest: 2 s at 50,000 files on a
        busy machine, asked for three times as the app opened a case)."""
        cached = self._documents
        if cached is None or cached[0] is not self._generation:
            generation = self._generation
            with long_lived():
                cached = self._documents = (generation, documents_from_manifest(self._manifest))
        return list(cached[1])

    def doc_numbers(self, searcher: Searcher) -> tuple[list[str], list[int]]:
        """The ids of the documents, sorted, and for every paragraph number the position of
        its document among them (-1: deleted).  Kept on disk for the index's generation
        (``DOC_NUMBERS``): reading it from the index's postings took 4 s at 50,000 files, and
        60 s in the app's worker thread while the app drew; the file is one read."""
        doc_ids = sorted(self.doc_meta())
        digest = hashlib.sha1("\n".join(doc_ids).encode("utf-8", "surrogatepass")).hexdigest()
        key = f"{whoosh_ext.generation(searcher)}|{digest}\n".encode()
        path = self.index_dir / DOC_NUMBERS
        with suppress(OSError):
            kept = path.read_bytes()
            if kept.startswith(key) and len(kept) - len(key) == 4 * searcher.doc_count_all():
                numbers = array("i")
                numbers.frombytes(kept[len(key) :])
                return doc_ids, numbers.tolist()
        doc_of = whoosh_ext.doc_numbers(searcher, "doc", {doc_id: i for i, doc_id in enumerate(doc_ids)})
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_bytes(key + array("i", doc_of).tobytes())
            os.replace(tmp, path)
        except OSError:  # a full or read-only disk: computed again next time
            with suppress(OSError):
                tmp.unlink()
        return doc_ids, doc_of

    def doc_meta(self) -> dict[str, DocMeta]:
        """Metadata by document id (cached until the manifest changes; do not modify)."""
        cached = self._meta_cache
        if cached is None or cached[0] is not self._generation:
            generation = self._generation
            with long_lived():
                cached = (generation, {d.doc_id: d.meta for d in self.documents()})
            self._meta_cache = cached
        return cached[1]

    def documents_by(self, attribute: str) -> dict[str, list[str]]:
        """Document ids by the value of one of their metadata fields (``outlet``, ``date``…),
        cached like :meth:`doc_meta`: a filter is tried once per value, not once per document
        (16,657 documents took 30 ms for one ``outlet:`` filter)."""
        cached = self._grouped.get(attribute)
        if cached is None or cached[0] is not self._generation:
            generation = self._generation
            groups: dict[str, list[str]] = {}
            for doc_id, meta in self.doc_meta().items():
                groups.setdefault(getattr(meta, attribute, "") or "", []).append(doc_id)
            cached = self._grouped[attribute] = (generation, groups)
        return cached[1]

    def duplicate_of(self) -> dict[str, str]:
        """Document id -> the id of the document it duplicates (byte-identical or near)."""
        return dict(self._head.get("duplicates", {}))

    def skipped(self) -> list[Skipped]:
        return [Skipped(s["path"], s["reason"]) for s in self._head.get("skipped", [])]

    def languages(self) -> list[str]:
        """Analysis keys of the languages in the case ('en', 'es', ..., 'xx')."""
        return list(self._head.get("languages", ["en"])) or ["en"]

    def paragraph_count(self) -> int:
        return int(self._head.get("paragraphs", 0))

    @property
    def meaning(self) -> MeaningStore:
        """The paragraphs' vectors kept beside the index (built apart: see ``meaning.py``)."""
        if self._meaning is None:
            self._meaning = MeaningStore(self.index_dir)
        return self._meaning

    # --- opening ---------------------------------------------------------------------------

    def _open(self) -> Any:
        with self._ix_lock:
            if self._ix is None:
                whoosh_ext.install()
                self._ix = index.open_dir(str(self.whoosh_dir))
            return self._ix

    def _close_all(self) -> None:
        with self._ix_lock:
            for searcher in self._idle:
                with suppress(Exception):
                    searcher.close()
            self._idle.clear()
            if self._ix is not None:
                self._ix.close()
            self._ix = None

    def close(self) -> None:
        self._close_all()
        if self._meaning is not None:
            self._meaning.close()

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher for the caller's thread alone, from a pool.

        Whoosh searchers are not thread-safe, and the app's workers come and go on new
        threads, so searchers are lent out one user at a time rather than kept per thread.
        A searcher older than the index is closed and replaced (``refresh()`` is broken).
        """
        ix = self._open()
        with self._ix_lock:
            searcher = self._idle.pop() if self._idle else None
        if searcher is not None and not searcher.up_to_date():
            # The index changed: the idle searchers are as old as this one, and each holds
            # its segment files open (mapped): close them all now, not one per search.
            with self._ix_lock:
                stale, self._idle = [searcher, *self._idle], []
            for old in stale:
                with suppress(Exception):
                    old.close()
            searcher = None
        if searcher is None:
            searcher = ix.searcher(weighting=whoosh_ext.PooledBM25F(B=SEARCH_B, K1=SEARCH_K1))
        try:
            yield searcher
        finally:
            with self._ix_lock:
                if self._ix is ix and len(self._idle) < 8:
                    self._idle.append(searcher)
                else:
                    searcher.close()

    # --- building --------------------------------------------------------------------------

    def update(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        lock_timeout: float | None = 0.0,
        waiting: Callable[[str], None] | None = None,
        committed: Committed | None = None,
    ) -> IndexReport:
        """Bring the index up to date with the folder; re-index only what changed.

        When nothing changed, no lock is taken, so any number of processes can call this
        while one of them indexes.  Otherwise the update holds the case's update lock: another
        process's update waits for it up to ``lock_timeout`` seconds (None: as long as it
        takes, telling ``waiting`` once), then raises IndexBusy, and its searches use the
        index as that process last committed it.  An index that cannot be written (a
        read-only or full disk) raises IndexUnwritable, and the index stays as it was.
        A large first build commits a first part early and tells ``committed`` (files
        indexed, files in all): the index can be searched on those while the rest is built.
        """
        started = time.perf_counter()
        whoosh_ext.install()
        report = IndexReport(documents=0, paragraphs=0)
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            if not self._rebuild_reason():
                plan = plan_changes(self.folder, self._manifest, self.catalog_path)
                if not plan.work:
                    self._write_manifest_if_changed(plan)
                    self._finish_report(report, plan, started)
                    return report
            taken_over: list[str] = []
            with update_lock(self.index_dir, lock_timeout, cancelled, waiting, taken_over):
                if taken_over:  # what held it may hold Whoosh's write lock too: a new one
                    report.notices.extend(taken_over)
                    (self.whoosh_dir / "MAIN_WRITELOCK").unlink(missing_ok=True)
                manifest.remove_temporary(self.index_dir, lambda pid: pid == os.getpid() or alive(pid, ""))
                self.reload_manifest()  # another process may have updated it meanwhile
                self._update_locked(report, progress, cancelled, started, committed)
        except OSError as exc:
            if exc.errno not in _UNWRITABLE:
                raise
            raise IndexUnwritable(
                f"the index in {self.index_dir} cannot be written ({exc.strerror or exc}); "
                "searches use the index as it was"
            ) from exc
        return report

    def _update_locked(
        self,
        report: IndexReport,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        started: float,
        committed: Committed | None,
    ) -> None:
        rebuild_reason = self._rebuild_reason()
        if rebuild_reason:
            if self._manifest or self.whoosh_dir.exists():
                report.notices.append(f"index rebuilt: {rebuild_reason}")
            self._close_all()
            shutil.rmtree(self.whoosh_dir, ignore_errors=True)
            self.whoosh_dir.mkdir(parents=True)
            index.create_in(str(self.whoosh_dir), make_schema())
            self._set_manifest({}, None)
        plan = plan_changes(self.folder, self._manifest, self.catalog_path)
        if not rebuild_reason and not plan.work:
            self._write_manifest_if_changed(plan)
            self._finish_report(report, plan, started)
            return
        ix = self._open()
        whoosh_ext.remove_orphans(ix)  # what a killed or failed run wrote and never committed
        fresh = bool(rebuild_reason)
        try:
            # The update lock keeps other casereader processes out; Whoosh's own lock can
            # only be held by something else writing into the folder.
            build = Build(self, ix, open_writer(ix, fresh, len(plan.work)), plan, fresh)
        except LockError as exc:
            raise IndexBusy(BUSY) from exc
        marker = self.index_dir / "UPDATING"
        if marker.exists():  # left by a run that died holding the lock
            report.notices.append(
                "the previous indexing run was interrupted; its unfinished work was discarded and its lock released"
            )
        try:
            marker.write_text(str(os.getpid()), encoding="utf-8")
            build.run(report, progress, cancelled, committed)
        except BaseException:
            with uninterrupted():
                whoosh_ext.cancel_writer(build.writer)
                with suppress(Exception):
                    whoosh_ext.remove_orphans(ix)
                    manifest.remove_temporary(self.index_dir, lambda pid: pid != os.getpid() and alive(pid, ""))
                marker.unlink(missing_ok=True)
            raise
        marker.unlink(missing_ok=True)
        with self.searcher() as searcher:  # kept for the next opening of the case (one read)
            self.doc_numbers(searcher)
        self._finish_report(report, plan, started)

    def _finish_report(self, report: IndexReport, plan: Plan, started: float) -> None:
        if plan.catalog.problem:
            report.notices.insert(0, plan.catalog.problem)
        report.unchanged = len(plan.unchanged)
        report.documents = len(self._manifest.get("files", {}))
        report.paragraphs = self.paragraph_count()
        report.skipped = self.skipped()
        report.seconds = time.perf_counter() - started

    def rebuild_reason(self) -> str | None:
        """Why the index must be rebuilt (None: it is whole, of this version, for this folder)."""
        return self._rebuild_reason()

    def _rebuild_reason(self) -> str | None:
        if file_key(self.manifest_path) != self._key:  # written by another process since it was read
            self.reload_manifest()  # (its head would not match the index it wrote)
            self._checked = False
        try:
            exists = index.exists_in(str(self.whoosh_dir))
        except Exception as exc:
            return f"the index was damaged ({type(exc).__name__}: {exc})"
        if not exists:
            return "no index yet"
        version = self._head.get("version")
        if version is None:
            return "the first indexing run did not finish"
        if version != manifest.INDEX_VERSION:
            return f"index format {version or 'unknown'} is not the current {manifest.INDEX_VERSION}"
        if self._head.get("folder") != str(self.folder):
            return "the index belongs to another folder"
        if not self._checked:  # once per process: later updates trust what it wrote
            checksums, stamps = self._head.get("checksums", {}), self.index_dir / "checked.json"
            problem = check_files(self.whoosh_dir, checksums, stamps) or index_problem(
                self.whoosh_dir, self.paragraph_count()
            )
            if problem:
                return f"the index was damaged ({problem})"
            self._checked = True
        return None

    def _write_manifest_if_changed(self, plan: Plan) -> None:
        state = plan.catalog.state()
        old = self._manifest
        files = old.get("files", {})
        if (  # what a manifest is built from is as it was: nothing to build (19 ms at 16,657 files)
            len(plan.unchanged) == len(files)
            and all(plan.unchanged.get(relpath) is entry for relpath, entry in files.items())
            and sorted(plan.skipped, key=lambda s: s["path"]) == old.get("skipped")
            and [old.get("catalog"), old.get("catalog_problem")] == list(state)
            and old.get("folder") == str(self.folder)
        ):
            self._keep_listing()
            return
        manifest = build_manifest(
            self.folder, self._manifest, plan.unchanged, plan.skipped, state, prints_file=self.prints_path
        )
        if manifest != self._manifest:
            self._write_manifest(manifest)
        else:
            self._keep_listing()

    def _keep_listing(self) -> None:
        """The manifest stays: its listing is written if it has none (a manifest written by an
        older casereader, or a listing lost), for the next opening."""
        if self._listed != self._key:
            self._write_listing()

    def commit_manifest(
        self, files: dict[str, Any], skipped: list[dict[str, Any]], catalog: tuple[str, str], prints: dict[str, Any]
    ) -> None:
        """After a commit: the manifest of what the index holds, with its files' checksums."""
        checksums = file_checksums(self.whoosh_dir)
        self._write_manifest(
            build_manifest(self.folder, self._manifest, files, skipped, catalog, checksums, prints, self.prints_path)
        )

    def check_again(self) -> None:
        """The index may not hold what its manifest says: the next update checks it."""
        self._checked = False

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        """Every paragraph of a document, in order."""
        with self.searcher() as searcher:
            stored = [dict(f) for f in searcher.documents(doc=doc_id)]
        stored.sort(key=lambda f: f["n"])
        return [Paragraph(f["n"], f["kind"], f["start"], f["end"], f["text"], f.get("page", 0)) for f in stored]

    def all_paragraphs(self) -> dict[str, list[Paragraph]]:
        """Every document's paragraphs (``paragraphs`` of each), read in one pass over the
        index: 20,000 paragraphs in ~0.2 s, ~0.9 s document by document."""
        found: dict[str, list[Paragraph]] = {}
        with self.searcher() as searcher:
            for f in searcher.reader().all_stored_fields():
                paragraph = Paragraph(f["n"], f["kind"], f["start"], f["end"], f["text"], f.get("page", 0))
                found.setdefault(f["doc"], []).append(paragraph)
        for paragraphs in found.values():
            paragraphs.sort(key=lambda p: p.n)
        return found

    def paragraph(self, ref: Ref) -> Paragraph | None:
        with self.searcher() as searcher:
            fields_ = searcher.document(ref=str(ref))
        if not fields_:
            return None
        return Paragraph(
            fields_["n"], fields_["kind"], fields_["start"], fields_["end"], fields_["text"], fields_.get("page", 0)
        )

    def has_pages(self, doc_id: str) -> bool:
        """Whether a document's paragraphs know their pages (a PDF's do)."""
        cached = self._paged
        if cached is None or cached[0] is not self._generation:
            cached = self._paged = (self._generation, set(self._head.get("paged", [])))
        return doc_id in cached[1]
