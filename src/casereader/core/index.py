"""The paragraph index of one case: building, incremental updates, recovery, searchers.

Layout of an index folder::

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
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter, LockError

from . import duplicates, manifest, whoosh_ext
from .changes import Plan, plan_changes
from .changes import sha1 as file_sha1
from .ingest import UnreadableFile, read_document, unique_doc_id
from .lock import BUSY, uninterrupted, update_lock
from .manifest import build_manifest, documents_from_manifest, read_manifest
from .models import (
    DocMeta,
    DocumentInfo,
    IndexBusy,
    IndexReport,
    IndexUnwritable,
    Paragraph,
    Skipped,
)
from .ref import Ref
from .schema import add_document, check_files, file_checksums, index_problem, make_schema

PARALLEL_MIN_FILES = 200  # below this a single writer is quicker than starting processes
# Errors that mean the index's folder cannot be written: read-only, no permission, disk full.
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)


class CaseIndex:
    """One case folder and its index.  Safe to search from many threads (a pool of searchers)."""

    def __init__(self, folder: Path, index_dir: Path, name: str = "") -> None:
        self.folder = folder.resolve()
        self.index_dir = index_dir
        self.whoosh_dir = index_dir / "whoosh"
        self.manifest_path = index_dir / "manifest.json"
        self.prints_path = index_dir / manifest.PRINTS_NAME
        self.name = name  # the case's name, when the caller gives one (else Case reads the catalog)
        self._manifest: dict[str, Any] = read_manifest(self.manifest_path)
        self._meta_cache: tuple[dict[str, Any], dict[str, DocMeta]] | None = None
        self._ix: Any = None
        self._ix_lock = threading.Lock()
        self._idle: list[Searcher] = []  # searchers not in use by any thread
        self._checked = False  # the index was found whole by this process

    # --- manifest --------------------------------------------------------------------------

    def _write_manifest(self, data: dict[str, Any]) -> None:
        tmp = self.manifest_path.with_suffix(".tmp")
        # No indent: an indented dump uses json's slow pure-Python encoder.
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.manifest_path)
        self._manifest = data

    def reload_manifest(self) -> None:
        self._manifest = read_manifest(self.manifest_path)

    @property
    def ready(self) -> bool:
        """True when an index of the current version exists (it may be out of date)."""
        try:
            current = self._manifest.get("version") == manifest.INDEX_VERSION
            return current and bool(index.exists_in(str(self.whoosh_dir)))
        except Exception:
            return False

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, by path."""
        return documents_from_manifest(self._manifest)

    def doc_meta(self) -> dict[str, DocMeta]:
        """Metadata by document id (cached until the manifest changes; do not modify)."""
        cached = self._meta_cache
        if cached is None or cached[0] is not self._manifest:
            cached = (self._manifest, {d.doc_id: d.meta for d in self.documents()})
            self._meta_cache = cached
        return cached[1]

    def duplicate_of(self) -> dict[str, str]:
        """Document id -> the id of the document it duplicates (byte-identical or near)."""
        return dict(self._manifest.get("duplicates", {}))

    def skipped(self) -> list[Skipped]:
        return [Skipped(s["path"], s["reason"]) for s in self._manifest.get("skipped", [])]

    def languages(self) -> list[str]:
        """Analysis keys of the languages in the case ('en', 'es', ..., 'xx')."""
        return list(self._manifest.get("languages", ["en"])) or ["en"]

    def paragraph_count(self) -> int:
        return sum(entry["paragraphs"] for entry in self._manifest.get("files", {}).values())

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
            searcher = ix.searcher(weighting=whoosh_ext.PooledBM25F())
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
    ) -> IndexReport:
        """Bring the index up to date with the folder; re-index only what changed.

        When nothing changed, no lock is taken, so any number of processes can call this
        while one of them indexes.  Otherwise the update holds the case's update lock: another
        process's update waits for it up to ``lock_timeout`` seconds (None: as long as it
        takes, telling ``waiting`` once), then raises IndexBusy, and its searches use the
        index as that process last committed it.  An index that cannot be written (a
        read-only or full disk) raises IndexUnwritable, and the index stays as it was.
        """
        started = time.perf_counter()
        whoosh_ext.install()
        report = IndexReport(documents=0, paragraphs=0)
        try:
            self.index_dir.mkdir(parents=True, exist_ok=True)
            if not self._rebuild_reason():
                plan = plan_changes(self.folder, self._manifest)
                if not plan.work:
                    self._write_manifest_if_changed(plan)
                    self._finish_report(report, plan, started)
                    return report
            with update_lock(self.index_dir, lock_timeout, cancelled, waiting):
                self.reload_manifest()  # another process may have updated it meanwhile
                self._update_locked(report, progress, cancelled, started)
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
    ) -> None:
        rebuild_reason = self._rebuild_reason()
        if rebuild_reason:
            if self._manifest or self.whoosh_dir.exists():
                report.notices.append(f"index rebuilt: {rebuild_reason}")
            self._close_all()
            shutil.rmtree(self.whoosh_dir, ignore_errors=True)
            self.whoosh_dir.mkdir(parents=True)
            index.create_in(str(self.whoosh_dir), make_schema())
            self._manifest = {}
        plan = plan_changes(self.folder, self._manifest)
        if not rebuild_reason and not plan.work:
            self._write_manifest_if_changed(plan)
            self._finish_report(report, plan, started)
            return
        ix = self._open()
        whoosh_ext.remove_orphans(ix)  # what a killed or failed run wrote and never committed
        try:
            # The update lock keeps other casereader processes out; Whoosh's own lock can
            # only be held by something else writing into the folder.
            writer = self._writer(ix, 10.0, fresh=bool(rebuild_reason), files=len(plan.work))
        except LockError as exc:
            raise IndexBusy(BUSY) from exc
        marker = self.index_dir / "UPDATING"
        if marker.exists():  # left by a run that died holding the lock
            report.notices.append(
                "the previous indexing run was interrupted; its unfinished work was discarded and its lock released"
            )
        try:
            marker.write_text(str(os.getpid()), encoding="utf-8")
            self._apply(writer, plan, report, progress, cancelled, fresh=bool(rebuild_reason))
        except BaseException:
            with uninterrupted():
                whoosh_ext.cancel_writer(writer)
                with suppress(Exception):
                    whoosh_ext.remove_orphans(ix)
                marker.unlink(missing_ok=True)
            raise
        marker.unlink(missing_ok=True)
        self._finish_report(report, plan, started)

    @staticmethod
    def _writer(ix: Any, lock_timeout: float, fresh: bool, files: int) -> IndexWriter:
        if fresh and files >= PARALLEL_MIN_FILES and (os.cpu_count() or 1) > 1:
            # One segment per process, none merged at the end: on 2 cores this halves a large build.
            procs = min(os.cpu_count() or 1, 4)
            writer = ix.writer(procs=procs, multisegment=True, limitmb=128, timeout=lock_timeout, compound=False)
            return whoosh_ext.watch_workers(writer)
        return ix.writer(timeout=lock_timeout, limitmb=256, compound=False)

    def _finish_report(self, report: IndexReport, plan: Plan, started: float) -> None:
        if plan.catalog.problem:
            report.notices.insert(0, plan.catalog.problem)
        report.unchanged = len(plan.unchanged)
        report.documents = len(self._manifest.get("files", {}))
        report.paragraphs = self.paragraph_count()
        report.skipped = self.skipped()
        report.seconds = time.perf_counter() - started

    def _rebuild_reason(self) -> str | None:
        try:
            exists = index.exists_in(str(self.whoosh_dir))
        except Exception as exc:
            return f"the index was damaged ({type(exc).__name__}: {exc})"
        if not exists:
            return "no index yet"
        version = self._manifest.get("version")
        if version is None:
            return "the first indexing run did not finish"
        if version != manifest.INDEX_VERSION:
            return f"index format {version or 'unknown'} is not the current {manifest.INDEX_VERSION}"
        if self._manifest.get("folder") != str(self.folder):
            return "the index belongs to another folder"
        if not self._checked:  # once per process: later updates trust what it wrote
            checksums, stamps = self._manifest.get("checksums", {}), self.index_dir / "checked.json"
            problem = check_files(self.whoosh_dir, checksums, stamps) or index_problem(
                self.whoosh_dir, self.paragraph_count()
            )
            if problem:
                return f"the index was damaged ({problem})"
            self._checked = True
        return None

    def _write_manifest_if_changed(self, plan: Plan) -> None:
        state = plan.catalog.state()
        manifest = build_manifest(
            self.folder, self._manifest, plan.unchanged, plan.skipped, state, prints_file=self.prints_path
        )
        if manifest != self._manifest:
            self._write_manifest(manifest)

    def _apply(
        self,
        writer: IndexWriter,
        plan: Plan,
        report: IndexReport,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        fresh: bool,
    ) -> None:
        files = dict(plan.unchanged)
        skipped = list(plan.skipped)
        used_ids = {entry["doc_id"] for entry in files.values()}
        prints: dict[str, list[int] | None] = {}
        last_report = 0.0
        total = len(plan.work)
        for done, (relpath, path, signature, previous) in enumerate(plan.work):
            if cancelled is not None and cancelled():
                raise KeyboardInterrupt("indexing cancelled")
            now = time.perf_counter()
            if progress is not None and (now - last_report > 0.1 or done == 0):
                progress(done, total, relpath)
                last_report = now
            if relpath in plan.removed:
                writer.delete_by_term("doc", previous["doc_id"])
                report.removed.append(relpath)
                continue
            try:
                sha1 = file_sha1(path)
            except OSError as exc:
                skipped.append({"path": relpath, "reason": f"cannot be read ({exc.strerror})"})
                if previous:
                    writer.delete_by_term("doc", previous["doc_id"])
                continue
            if previous and previous.get("sha1") == sha1 and previous.get("entry", "") == signature.get("entry", ""):
                files[relpath] = {**previous, **signature}  # touched, not changed
                plan.unchanged[relpath] = files[relpath]
                continue
            doc_id = previous["doc_id"] if previous else unique_doc_id(relpath, used_ids)
            used_ids.add(doc_id)
            if previous:
                writer.delete_by_term("doc", doc_id)
            try:
                document = read_document(self.folder, path, plan.catalog.catalog, doc_id)
            except UnreadableFile as exc:
                skipped.append({"path": relpath, "reason": str(exc), **signature})
                continue
            add_document(writer, document)
            report.notices.extend(f"{relpath}: {note}" for note in document.notes)
            (report.updated if previous else report.added).append(relpath)
            files[relpath] = {
                "doc_id": doc_id,
                **signature,
                "sha1": sha1,
                "meta": asdict(document.meta),
                "paragraphs": len(document.paragraphs),
                "body": sum(p.is_body for p in document.paragraphs),
            }
            prints[relpath] = duplicates.fingerprints(p.text for p in document.paragraphs if p.is_body)
        if progress is not None:
            progress(total, total, "")
        if fresh:  # one segment per process already: no merge pass
            writer.commit(merge=False)
            if failed := whoosh_ext.failed_workers(writer):  # the next update finds the index short
                self._checked = False
                raise IndexUnwritable(f"a process of the build failed (exit code {failed[0]}); nothing was indexed")
        else:
            writer.commit(mergetype=whoosh_ext.merge_segments)
        checksums = file_checksums(self.whoosh_dir)
        state = plan.catalog.state()
        found = build_manifest(self.folder, self._manifest, files, skipped, state, checksums, prints, self.prints_path)
        self._write_manifest(found)

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        """Every paragraph of a document, in order."""
        with self.searcher() as searcher:
            stored = [dict(f) for f in searcher.documents(doc=doc_id)]
        stored.sort(key=lambda f: f["n"])
        return [Paragraph(f["n"], f["kind"], f["start"], f["end"], f["text"]) for f in stored]

    def paragraph(self, ref: Ref) -> Paragraph | None:
        with self.searcher() as searcher:
            fields_ = searcher.document(ref=str(ref))
        if not fields_:
            return None
        return Paragraph(fields_["n"], fields_["kind"], fields_["start"], fields_["end"], fields_["text"])
