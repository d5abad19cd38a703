"""How the views are read from a case's paragraphs, in two steps.

1. What one document alone gives: its figures, its dated events, the words it writes in lower case and the
   names of its paragraphs (``name_spans``), about four fifths of a build.  A large case's
   documents are read by a process per core (forked when the first task is sent, so nothing
   is imported again; tasks of ~400 paragraphs, sent as the documents are read from the
   index, each read whole; each process dies with the one that started it), and each
   document's reading is kept in the index folder under the hash of what it was read from
   (its texts, date, language and outlet, and the code of the rules): a build after a change
   reads only the documents that changed.  A part is pickled once, by the process that read
   it, and those bytes are what is written to the file as the parts come back.
2. What needs the whole case: figure groups, names and quotes.  When the documents were read
   by processes, the groups are computed by a process forked for them (``grouping``) as
   soon as the figures are put together, while this one puts the rest together and reads
   the names and quotes.

The cycle collector is off meanwhile (``memory.paused``): a build makes about a million
objects and no garbage, and in one process the collector walked them again and again (~4 s
of ~19 s of CPU at 20,000 paragraphs).

What is found is what reading everything in one process finds (the figures and events of
the documents put together in the order ``find_figures`` and ``find_events`` give them):
``tests/integration/test_sides_pipeline.py`` compares the two.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import re
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from ..processes import kill_with_parent
from .figures import Figure, FigureGroup, figure_order, find_figures, group_figures
from .text import KNOWN_SPANS, NameSpan, name_spans
from .timeline import Event, event_order, find_events, years_written_elsewhere

Row = tuple[str, int, str, str]  # (doc_id, n, outlet, text) of a paragraph
DocRow = tuple[str, str, str, str]  # (doc_id, outlet, date, lang) of a document
Spans = list[tuple[str, int, int]]  # a paragraph's name spans: (text, start, end)
PARALLEL_FROM = 4_000  # paragraphs from which documents are read by a process per core
MAX_WORKERS = 8
CHUNK = 400  # body paragraphs a task reads (~0.2 s): the processes start on the first ones read
PARTS_FILE = "views-parts.pickle"

# Words written in lower case (a capitalised one alone at a sentence's start is then no name).
LOWER_WORD = re.compile(r"\b[a-zà-ÿ][a-zà-ÿ'’-]+\b")


@dataclass
class DocPart:
    """What one document's paragraphs give alone (events: not its publication date)."""

    figures: list[Figure]
    events: list[Event]
    words: set[str]
    spans: list[Spans]  # each body paragraph's name spans, in order


@dataclass
class DocWork:
    doc: DocRow
    body: list[Row]
    dated: list[Row]  # body, captions and headings: what may date an event


def read_figures(work: DocWork) -> list[Figure]:
    return find_figures(work.body, {work.doc[0]: work.doc[3]})


def read_rest(work: DocWork) -> tuple[list[Event], set[str], list[Spans]]:
    """A document's dated events (not its publication date), lower-case words and names."""
    events = [e for e in find_events(work.dated, [work.doc]) if not e.published]
    written: set[str] = set()
    for *_, text in work.body:
        written.update(LOWER_WORD.findall(text))
    spans = [[(s.text, s.start, s.end) for s in name_spans(text)] for *_, text in work.body]
    return events, written, spans


def read_document(work: DocWork) -> DocPart:
    figures = read_figures(work)
    events, written, spans = read_rest(work)
    return DocPart(figures, events, written, spans)


@dataclass
class Read:
    """The documents' parts, as the views read the whole case."""

    works: list[DocWork]  # the documents read
    parts: list[DocPart]  # each one's
    documents: Sequence[DocRow]
    figures: list[Figure]  # theirs put together

    def rest(self) -> tuple[list[Event], set[str], dict[str, list[NameSpan]]]:
        """The rest put together: dated events (with the documents' publication dates),
        lower-case words, and each body paragraph's text -> its names."""
        published = find_events([], self.documents)
        # A day written without its year in one document takes the year another writes it with.
        events = [*published, *(e for part in self.parts for e in part.events)]
        events = sorted(years_written_elsewhere(events), key=event_order)
        words: set[str] = set()
        known: dict[str, list[NameSpan]] = {}
        for work, part in zip(self.works, self.parts, strict=True):
            words |= part.words
            for (*_, text), found in zip(work.body, part.spans, strict=True):
                known[text] = [NameSpan(*s) for s in found]
        return events, words, known


def read_case(
    works: Iterable[DocWork],
    documents: Sequence[DocRow],
    pool: Executor | None,
    parts_path: Path | None,
) -> Read:
    """Every document's part (kept ones from ``parts_path``, the others read, by ``pool``'s
    processes when given, sent as the documents come), and their figures put together.
    When a document was read, ``parts_path`` is written again, each part as it was pickled
    where it was read (before anything is changed on it: sources by their names' canonical
    form)."""
    kept = load_parts(parts_path) if parts_path is not None else {}
    store = PartsWriter(parts_path)  # the parts written again as they come
    read: list[DocWork] = []
    parts: list[DocPart | None] = []
    tasks: list[tuple[list[tuple[int, str]], Future[list[bytes]]]] = []
    chunk: list[tuple[int, str]] = []  # documents to read, a task's worth: (number, key)
    weight = 0
    fresh = False  # whether a document was read (not kept)
    try:
        for work in works:
            read.append(work)
            key = _key(work) if parts_path is not None else ""
            pickled = kept.get(key)
            parts.append(_part(pickled) if pickled is not None else None)
            if pickled is not None and parts[-1] is not None:
                store.add(key, pickled)
                continue
            fresh = True
            if pool is None:
                parts[-1] = read_document(work)
                if parts_path is not None:
                    store.add(key, pickle.dumps(parts[-1], pickle.HIGHEST_PROTOCOL))
                continue
            chunk.append((len(read) - 1, key))
            weight += len(work.body) + 1
            if weight >= CHUNK:
                tasks.append((chunk, pool.submit(_read_chunk, [read[i] for i, _ in chunk])))
                chunk, weight = [], 0
        if pool is not None and chunk:
            tasks.append((chunk, pool.submit(_read_chunk, [read[i] for i, _ in chunk])))
        for numbered, task in tasks:
            for (i, key), sent in zip(numbered, task.result(), strict=True):
                parts[i] = pickle.loads(sent)
                store.add(key, sent)
    finally:
        store.finish(fresh)
    done = [part for part in parts if part is not None]  # every one, now
    figures = sorted((f for part in done for f in part.figures), key=figure_order)
    return Read(read, done, documents, figures)


def _part(pickled: bytes) -> DocPart | None:
    try:
        part = pickle.loads(pickled)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError):
        return None
    return part if isinstance(part, DocPart) else None


@contextmanager
def grouping(read: Read, dates: Mapping[str, str], apart: bool) -> Iterator[Callable[[], list[FigureGroup]]]:
    """The figure groups of ``read``'s figures, given by the function yielded: when ``apart``
    and this process has no other thread, computed meanwhile by a forked process (~3 s of CPU
    at 20,000 paragraphs, while this one reads names and quotes), which sends them back as the
    numbers of their figures; else computed here when asked for."""

    def here() -> list[FigureGroup]:
        return group_figures(read.figures, dates)

    if not apart or threading.active_count() > 1 or not hasattr(os, "fork"):
        yield here
        return
    parent = os.getpid()
    try:
        source, sink = os.pipe()
    except OSError:
        yield here
        return
    try:
        child = os.fork()
    except OSError:
        os.close(source)
        os.close(sink)
        yield here
        return
    if child == 0:  # pragma: no cover (the forked process; what it sends is tested)
        code = 1
        try:
            os.close(source)
            _die_with_parent(parent)
            number = {id(f): i for i, f in enumerate(read.figures)}
            found = [(g.about, [number[id(f)] for f in g.figures]) for g in here()]
            with os.fdopen(sink, "wb") as out:
                pickle.dump(found, out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(sink)
    state: dict[str, list[FigureGroup]] = {}
    reaped = False

    def groups() -> list[FigureGroup]:
        nonlocal reaped
        if "groups" not in state:
            with os.fdopen(source, "rb") as handle:
                sent = handle.read()
            _, status = os.waitpid(child, 0)
            reaped = True
            try:
                found = pickle.loads(sent) if status == 0 else None
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
                found = None
            if found is None:  # the process failed: computed here
                state["groups"] = here()
            else:
                state["groups"] = [FigureGroup(about, [read.figures[i] for i in numbers]) for about, numbers in found]
        return state["groups"]

    try:
        yield groups
    finally:
        if not reaped:  # not asked for (an error meanwhile): the process is stopped
            with suppress(OSError):
                os.close(source)
            with suppress(OSError):
                os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)


@contextmanager
def known_spans(spans: Mapping[str, list[NameSpan]]) -> Iterator[None]:
    """``name_spans`` answers from ``spans`` meanwhile (what it would compute)."""
    KNOWN_SPANS.update(spans)
    try:
        yield
    finally:
        KNOWN_SPANS.clear()


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


def _read_chunk(works: list[DocWork]) -> list[bytes]:
    """The documents' parts, pickled here: so they are written to the parts' file as they
    come (no process pickles them again)."""
    return [pickle.dumps(read_document(work), pickle.HIGHEST_PROTOCOL) for work in works]


def _die_with_parent(parent: int) -> None:
    """A reading process ends with the one that started it (killed, or the app quit while it
    built), on Linux by the kernel's parent-death signal; Ctrl+C is its parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kill_with_parent()
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


def load_parts(path: Path) -> dict[str, bytes]:
    """The parts kept in ``path``, each pickled (unpickled when used); none when the file is
    damaged or was not written to its end."""
    parts: dict[str, bytes] = {}
    try:
        with path.open("rb") as handle:
            while (record := pickle.load(handle)) is not None:
                key, pickled = record
                if not isinstance(key, str) or not isinstance(pickled, bytes):
                    return {}
                parts[key] = pickled
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError):
        return {}
    return parts


class PartsWriter:
    """The parts' file written again (a temporary one, put in its place when done): a record
    (a document's key, its part pickled) for each, then None, so a file cut short is told by
    its end.  Nothing when ``path`` is None or cannot be written (a read-only index folder,
    a full disk: the documents are read again next time)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.handle: BinaryIO | None = None
        if path is not None:
            with suppress(OSError):
                self.handle = path.with_suffix(".tmp").open("wb")

    def add(self, key: str, pickled: bytes) -> None:
        if self.handle is not None:
            try:
                pickle.dump((key, pickled), self.handle, protocol=pickle.HIGHEST_PROTOCOL)
            except OSError:
                self.finish(False)

    def finish(self, keep: bool) -> None:
        """Put in place (``keep``: the parts written are the case's), else dropped."""
        handle, self.handle = self.handle, None
        if handle is None or self.path is None:
            return
        temporary = self.path.with_suffix(".tmp")
        try:
            with handle:
                if keep:
                    pickle.dump(None, handle)
            if keep:
                os.replace(temporary, self.path)
                return
        except OSError:
            pass
        with suppress(OSError):
            temporary.unlink()
