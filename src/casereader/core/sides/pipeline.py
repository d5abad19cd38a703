"""How the views are read from a case's paragraphs, in two steps.

1. What one document alone gives: its figures, its dated events, the words it writes in lower
   case and the names of its paragraphs (``name_spans``), about three quarters of a build.  A
   large case's documents are read by a process per core (forked when the first task is sent,
   so nothing is imported again; tasks of ~400 paragraphs, sent as the documents are read from
   the index; each process dies with the one that started it), and each document's reading is
   kept in the index folder under the hash of what it was read from (its texts, date, language
   and outlet, and the code of the rules): a build after a change reads only the documents
   that changed.
2. What needs the whole case: figure groups, names and quotes, read here (the groups while the
   processes still read the documents' events and names).

What is found is what reading everything in one process finds (the figures and events of
the documents put together in the order ``find_figures`` and ``find_events`` give them):
``tests/integration/test_sides_pipeline.py`` compares the two.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import pickle
import re
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .figures import Figure, FigureGroup, figure_order, find_figures, group_figures
from .text import KNOWN_SPANS, NameSpan, name_spans
from .timeline import Event, event_order, find_events, years_written_elsewhere

Row = tuple[str, int, str, str]  # (doc_id, n, outlet, text) of a paragraph
DocRow = tuple[str, str, str, str]  # (doc_id, outlet, date, lang) of a document
PARALLEL_FROM = 4_000  # paragraphs from which documents are read by a process per core
MAX_WORKERS = 8
CHUNK = 400  # body paragraphs a task reads (~0.1 s): the processes start on the first ones read
PARTS_FILE = "views-parts.pickle"

# Words written in lower case (a capitalised one alone at a sentence's start is then no name).
LOWER_WORD = re.compile(r"\b[a-zà-ÿ][a-zà-ÿ'’-]+\b")


@dataclass
class DocPart:
    """What one document's paragraphs give alone (events: not its publication date)."""

    figures: list[Figure]
    events: list[Event]
    words: set[str]
    spans: dict[str, list[tuple[str, int, int]]]  # a body paragraph's text -> its name spans


@dataclass
class DocWork:
    doc: DocRow
    body: list[Row]
    dated: list[Row]  # body, captions and headings: what may date an event


def read_figures(work: DocWork) -> list[Figure]:
    return find_figures(work.body, {work.doc[0]: work.doc[3]})


def read_rest(work: DocWork) -> tuple[list[Event], set[str], dict[str, list[tuple[str, int, int]]]]:
    """A document's dated events (not its publication date), lower-case words and names."""
    events = [e for e in find_events(work.dated, [work.doc]) if not e.published]
    written = {w for *_, text in work.body for w in LOWER_WORD.findall(text)}
    spans = {text: [(s.text, s.start, s.end) for s in name_spans(text)] for *_, text in work.body}
    return events, written, spans


@dataclass
class Read:
    """The documents' parts put together, as the views read the whole case."""

    works: list[DocWork]  # the documents read
    figures: list[Figure]
    groups: list[FigureGroup]
    events: list[Event]
    written: set[str]
    spans: dict[str, list[NameSpan]]
    parts_path: Path | None = None
    keep: dict[str, DocPart] = field(default_factory=dict)  # the parts to keep there (none: as kept)


def read_case(
    works: Iterable[DocWork],
    documents: Sequence[DocRow],
    pool: Executor | None,
    parts_path: Path | None,
) -> Read:
    """Every document's part (kept ones from ``parts_path``, the others read, by ``pool``'s
    processes when given: their figures first, sent as the documents come, grouped here while
    the processes read the rest), put together, and the figure groups."""
    kept = load_parts(parts_path) if parts_path is not None else {}
    read: list[DocWork] = []
    keys: list[str] = []
    parts: list[DocPart | None] = []
    chunks: list[list[int]] = []  # documents to read, a task's worth each
    figure_tasks: list[Future[list[Any]]] = []
    weight = CHUNK
    for work in works:
        read.append(work)
        keys.append(_key(work) if parts_path is not None else "")
        parts.append(kept.get(keys[-1]))
        if parts[-1] is not None:
            continue
        if weight >= CHUNK:
            if pool is not None and chunks:  # the figures of a chunk read while the next is gathered
                figure_tasks.append(pool.submit(_read_chunk, "figures", [read[i] for i in chunks[-1]]))
            chunks.append([])
            weight = 0
        chunks[-1].append(len(read) - 1)
        weight += len(work.body) + 1
    figures_of: dict[int, list[Figure]] = {}
    rest_of: dict[int, tuple[list[Event], set[str], dict[str, list[tuple[str, int, int]]]]] = {}
    rest_tasks: list[tuple[list[int], Future[list[Any]]]] = []
    if pool is not None and chunks:
        figure_tasks.append(pool.submit(_read_chunk, "figures", [read[i] for i in chunks[-1]]))
        rest_tasks = [(chunk, pool.submit(_read_chunk, "rest", [read[i] for i in chunk])) for chunk in chunks]
        for chunk, task in zip(chunks, figure_tasks, strict=True):
            figures_of.update(zip(chunk, task.result(), strict=True))
    else:
        for i in (i for chunk in chunks for i in chunk):
            figures_of[i] = read_figures(read[i])
            rest_of[i] = read_rest(read[i])
    figures = sorted(
        (f for i, part in enumerate(parts) for f in (part.figures if part is not None else figures_of[i])),
        key=figure_order,
    )
    groups = group_figures(figures, {d[0]: d[2] for d in documents})  # meanwhile the processes read the rest
    for chunk, task in rest_tasks:
        rest_of.update(zip(chunk, task.result(), strict=True))
    done: list[DocPart] = []
    for i, part in enumerate(parts):
        if part is None:
            events, written, spans = rest_of[i]
            part = DocPart(figures_of[i], events, written, spans)
        done.append(part)
    published = find_events([], documents)
    # A day written without its year in one document takes the year another writes it with.
    events = sorted(years_written_elsewhere([*published, *(e for p in done for e in p.events)]), key=event_order)
    words: set[str] = set()
    known: dict[str, list[NameSpan]] = {}
    for part in done:
        words |= part.words
        for text, found in part.spans.items():
            known[text] = [NameSpan(*s) for s in found]
    keep = dict(zip(keys, done, strict=True)) if parts_path is not None and chunks else {}
    return Read(read, figures, groups, events, words, known, parts_path, keep)


@contextmanager
def known_spans(spans: Mapping[str, list[NameSpan]]) -> Iterator[None]:
    """``name_spans`` answers from ``spans`` meanwhile (what it would compute)."""
    KNOWN_SPANS.update(spans)
    try:
        yield
    finally:
        KNOWN_SPANS.clear()


@contextmanager
def keeping(read: Read) -> Iterator[None]:
    """``read``'s parts are written to its ``parts_path`` meanwhile, by a forked process when
    this one has no other thread (writing the parts of 20,000 paragraphs takes ~0.4 s), before
    anything is changed on them (sources by their names' canonical form)."""
    if read.parts_path is None or not read.keep:
        yield
        return
    if threading.active_count() > 1 or not hasattr(os, "fork"):
        store_parts(read.parts_path, read.keep)
        yield
        return
    parent = os.getpid()
    try:
        child = os.fork()
    except OSError:
        store_parts(read.parts_path, read.keep)
        yield
        return
    if child == 0:  # pragma: no cover (the forked writer; its file is tested)
        code = 1
        try:
            _die_with_parent(parent)
            store_parts(read.parts_path, read.keep)
            code = 0
        finally:
            os._exit(code)
    try:
        yield
    finally:
        os.waitpid(child, 0)


# --- the processes ------------------------------------------------------------------------------


def workers_for(paragraphs: int) -> int:
    """How many processes read a case of ``paragraphs`` paragraphs (0: it is read here).
    Only from a process with one thread: forking one with others (the app's) is not safe,
    and there the views are built in a process of their own from 20,000 paragraphs."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    if (
        cores < 2
        or paragraphs < PARALLEL_FROM
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return 0
    return min(cores, MAX_WORKERS)


@contextmanager
def processes(workers: int) -> Iterator[Executor | None]:
    """``workers`` processes to read documents (None when 0), forked when the first task is
    sent (so nothing is imported again)."""
    if workers < 1:
        yield None
        return
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(workers, context, initializer=_die_with_parent, initargs=(os.getpid(),))
    except (OSError, ImportError, ValueError):  # no semaphores here (no /dev/shm): read in this process
        yield None
        return
    with pool:
        yield pool


def _read_chunk(what: str, works: list[DocWork]) -> list[Any]:
    read = read_figures if what == "figures" else read_rest
    return [read(work) for work in works]


def _die_with_parent(parent: int) -> None:
    """A reading process ends with the one that started it (killed, or the app quit while it
    built), on Linux by the kernel's parent-death signal; Ctrl+C is its parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)


# --- the parts kept between builds -------------------------------------------------------------


def _rules() -> str:
    """The code the parts are read by: the views' rules and what they stand on (any change
    reads every document again), and the versions of the packages they use."""
    cached: str | None = globals().get("_RULES")
    if cached is None:
        core = Path(__file__).resolve().parent.parent
        digest = hashlib.sha1()
        for folder in ("sides", "text", "ingest"):
            for path in sorted((core / folder).glob("*.py")):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
        for package in ("text2num", "stop-words", "babel", "pycountry"):
            with suppress(metadata.PackageNotFoundError):
                digest.update(metadata.version(package).encode())
        cached = globals()["_RULES"] = digest.hexdigest()
    return cached


def _key(work: DocWork) -> str:
    return hashlib.sha1(repr((_rules(), work.doc, work.body, work.dated)).encode()).hexdigest()


def load_parts(path: Path) -> dict[str, DocPart]:
    try:
        with path.open("rb") as handle:
            enabled = gc.isenabled()
            gc.disable()  # many objects and no garbage: the collector would walk them again and again
            try:
                parts = pickle.load(handle)
            finally:
                if enabled:
                    gc.enable()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    return parts if isinstance(parts, dict) else {}


def store_parts(path: Path, parts: dict[str, DocPart]) -> None:
    try:
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(parts, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only index folder: read again next time
