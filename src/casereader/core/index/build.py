"""One update's writing: each changed file read and added, removed files deleted, the
manifest written after the commit.  A large first build commits a first part early, so the
case can be searched on what is indexed while the rest is built (and a build stopped after
it resumes from there)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..ingest import duplicates
from ..ingest.reader import UnreadableFile, read_documents, unique_doc_id
from ..models import Document, IndexReport
from . import engine as whoosh_ext
from .changes import Plan, Previous
from .changes import sha1 as file_sha1
from .engine import CaseCodec, IndexWriter
from .engine.schema import add_document

if TYPE_CHECKING:
    from .case_index import CaseIndex

PARALLEL_MIN_FILES = 200  # below this a single writer is quicker than starting processes
EARLY_MIN_FILES = 1_000  # a first build of this many files commits a first part early
EARLY_FRACTION = 20  # ... of 1/20 of its files (at least EARLY_FILES), searchable at once
EARLY_FILES = 200

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
Committed = Callable[[int, int], None]  # (files indexed so far, files in all)


def open_writer(ix: Any, fresh: bool, files: int, lock_timeout: float = 10.0) -> IndexWriter:
    """A writer: in parallel processes for a large first build (one segment per process, none
    merged at the end: on 2 cores this halves a large build), else one.  Segments are kept
    as separate files: in a compound file Whoosh copied each part it read into memory.  New
    segments are written with casereader's posting blocks (:class:`whoosh_ext.CaseCodec`)."""
    if fresh and files >= PARALLEL_MIN_FILES and (os.cpu_count() or 1) > 1:
        procs = min(os.cpu_count() or 1, 4)
        writer = ix.writer(
            procs=procs, multisegment=True, limitmb=128, timeout=lock_timeout, compound=False, codec=CaseCodec()
        )
        return whoosh_ext.watch_workers(writer)
    return ix.writer(timeout=lock_timeout, limitmb=256, compound=False, codec=CaseCodec())


def _content_sha1(document: Document) -> str:
    """A hash of one document's text and source, for one of several documents of a file (a
    message of a mailbox): it changes when that document does, not when its neighbours do."""
    digest = hashlib.sha1()
    for para in document.paragraphs:
        digest.update(f"{para.kind}\0{para.page}\0{para.text}\n".encode("utf-8", "surrogatepass"))
    digest.update(repr(asdict(document.meta)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def early_part(total: int, fresh: bool) -> int:
    """After how many files a build commits a first part (0: it commits once, at the end)."""
    if not fresh or total < EARLY_MIN_FILES:
        return 0
    return max(EARLY_FILES, total // EARLY_FRACTION)


class Build:
    """The writing of one update (the index holds the update lock)."""

    def __init__(self, index: CaseIndex, ix: Any, writer: IndexWriter, plan: Plan, fresh: bool) -> None:
        self.index, self.ix, self.writer, self.plan, self.fresh = index, ix, writer, plan, fresh
        self.files: dict[str, Any] = dict(plan.unchanged)
        self.skipped: list[dict[str, Any]] = list(plan.skipped)
        self.used_ids = {entry["doc_id"] for entry in self.files.values()}
        self.prints: dict[str, list[int] | None] = {}
        self.committed = 0  # files whose paragraphs are committed
        self.worker_died = False  # a worker process died: the rest is written by this one
        self.failures: list[int | None] = []  # exit codes of the workers that died, not yet said
        self.part: tuple[Any, ...] = ()

    def run(
        self,
        report: IndexReport,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        committed: Committed | None,
    ) -> None:
        work = self.plan.work
        total, early = len(work), early_part(len(work), self.fresh)
        last_report = 0.0
        self._start_part(0, report)
        for done, item in enumerate(work):
            if cancelled is not None and cancelled():
                raise KeyboardInterrupt("indexing cancelled")
            now = time.perf_counter()
            if progress is not None and (now - last_report > 0.1 or done == 0):
                progress(done, total, item[0])
                last_report = now
            if done and done == early:
                self.commit(done, report)
                self.writer = open_writer(self.ix, self.fresh and not self.worker_died, total - done)
                self._start_part(done, report)
                if committed is not None:
                    committed(done, total)
            try:
                self.add(item, report)
            except whoosh_ext.WorkerDied as exc:
                self.again(done + 1, exc.exitcode, report)
        if progress is not None:
            progress(total, total, "")
        self.commit(total, report)

    def _start_part(self, start: int, report: IndexReport) -> None:
        """What the build holds when a part starts: a part a worker process failed in is
        done again from there by this process."""
        self.part = (
            start,
            dict(self.files),
            list(self.skipped),
            set(self.used_ids),
            dict(self.prints),
            {name: len(getattr(report, name)) for name in ("added", "updated", "removed", "notices")},
        )

    def again(self, end: int, exitcode: int | None, report: IndexReport) -> None:
        """A worker process of the parallel writer died: what the part gave the writer so far
        (files ``start`` to ``end``) is written again by this process alone, and the rest of
        the build goes on so.  Survivors' paragraphs of those files are deleted first."""
        start, files, skipped, used_ids, prints, lengths = self.part
        written = self.used_ids - used_ids
        whoosh_ext.cancel_writer(self.writer)  # a no-op when it has committed
        whoosh_ext.remove_orphans(self.ix)
        self.files, self.skipped, self.used_ids, self.prints = files, skipped, used_ids, prints
        for name, length in lengths.items():
            del getattr(report, name)[length:]
        self.worker_died = True
        self.writer = open_writer(self.ix, False, end - start)
        for doc_id in written:
            self.writer.delete_by_term("doc", doc_id)
        for item in self.plan.work[start:end]:
            self.add(item, report)
        self.failures.append(exitcode)

    def add(self, item: tuple[str, Any, dict[str, Any], Previous | None], report: IndexReport) -> None:
        relpath, path, signature, previous = item
        writer = self.writer
        if relpath in self.plan.removed:
            for docpath, entry in previous or []:
                writer.delete_by_term("doc", entry["doc_id"])
                report.removed.append(docpath)
            return
        try:
            sha1 = file_sha1(path)
        except OSError as exc:
            self.skipped.append({"path": relpath, "reason": f"cannot be read ({exc.strerror})"})
            for _, entry in previous or []:
                writer.delete_by_term("doc", entry["doc_id"])
            return
        first = previous[0][1] if previous else None
        if (
            first is not None
            and first.get("file_sha1", first.get("sha1")) == sha1
            and first.get("entry", "") == signature.get("entry", "")
        ):
            for docpath, entry in previous or []:  # touched, not changed
                self.files[docpath] = {**entry, **signature}
                self.plan.unchanged[docpath] = self.files[docpath]
            return
        old_ids = {str(entry.get("key", "")): str(entry["doc_id"]) for _, entry in previous or []}
        for doc_id in old_ids.values():
            writer.delete_by_term("doc", doc_id)
        try:
            documents = read_documents(self.index.folder, path, self.plan.catalog.catalog)
        except UnreadableFile as exc:
            self.skipped.append({"path": relpath, "reason": str(exc), **signature})
            report.removed.extend(docpath for docpath, _ in previous or [] if docpath != relpath)
            return
        many = len(documents) > 1 or any(d.path != relpath for d in documents)
        kept: set[str] = set()
        for document in documents:
            key = document.path[len(relpath) + 1 :] if document.path != relpath else ""
            doc_id = old_ids.get(key) or document.doc_id
            if doc_id in self.used_ids and doc_id not in old_ids.values():
                doc_id = unique_doc_id(relpath, self.used_ids) if not key else document.path
            document.doc_id = doc_id
            self.used_ids.add(doc_id)
            add_document(writer, document)
            report.notices.extend(f"{document.path}: {note}" for note in document.notes)
            (report.updated if key in old_ids else report.added).append(document.path)
            kept.add(document.path)
            written: dict[str, Any] = {
                "doc_id": doc_id,
                **signature,
                "sha1": _content_sha1(document) if many else sha1,
                "meta": asdict(document.meta),
                "paragraphs": len(document.paragraphs),
                "body": sum(p.is_body for p in document.paragraphs),
            }
            if many:  # one of several documents of a file: its file, key and the file's hash
                written.update(file=relpath, key=key, file_sha1=sha1)
            pages = max((p.page for p in document.paragraphs), default=0)
            if pages:
                written["pages"] = pages
            self.files[document.path] = written
            self.prints[document.path] = duplicates.fingerprints(p.text for p in document.paragraphs if p.is_body)
        report.removed.extend(docpath for docpath, _ in previous or [] if docpath not in kept)

    def commit(self, done: int, report: IndexReport) -> None:
        """Commit what was written, then write the manifest of what the index now holds."""
        writer = self.writer
        if whoosh_ext.is_parallel(writer):  # one segment per process already: no merge pass
            try:
                writer.commit(merge=False)
            except whoosh_ext.WorkerDied as exc:  # found while telling the workers to finish
                self.again(done, exc.exitcode, report)
                return self.commit(done, report)
            if failed := whoosh_ext.failed_workers(writer):  # committed without their part
                self.again(done, failed[0], report)
                return self.commit(done, report)
        elif self.fresh:  # after a worker died: no merge pass either
            writer.commit(merge=False)
        else:
            writer.commit(mergetype=whoosh_ext.merge_segments)
        if self.failures:
            report.notices.append(
                f"a process of the build failed (exit code {self.failures[0]}); "
                "its files were indexed again by the main process"
            )
            self.failures = []
        self.index.commit_manifest(self.files, self.skipped, self.plan.catalog.state(), self.prints)
        self.prints = {}  # kept in the index's samples file by now
        self.committed = done
