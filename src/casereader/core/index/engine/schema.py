"""The index's schema (one Whoosh document per paragraph, one text field per analysis
language), writing a document into it, and whether an index of it is whole."""

from __future__ import annotations

import os
import time
import zlib
from contextlib import suppress
from pathlib import Path

from whoosh import fields as wfields
from whoosh import index
from whoosh.writing import IndexWriter

from ...models import Document
from ...ref import Ref
from ...text.analysis import STEMMED_LANGUAGES, UNSTEMMED, language_key
from .. import engine as whoosh_ext
from ..manifest import read_json, write_json

LANG_KEYS = (*STEMMED_LANGUAGES, UNSTEMMED)


def text_field(lang_key: str) -> str:
    return f"text_{lang_key}"


def make_schema() -> wfields.Schema:
    text_fields = {text_field(key): whoosh_ext.text_field_type(key) for key in LANG_KEYS}
    return wfields.Schema(
        ref=wfields.ID(stored=True, unique=True),
        doc=wfields.ID(stored=True),
        kind=wfields.ID(stored=True),
        n=wfields.STORED(),
        start=wfields.STORED(),
        end=wfields.STORED(),
        page=wfields.STORED(),
        text=wfields.STORED(),
        **text_fields,
    )


def add_document(writer: IndexWriter, document: Document) -> None:
    field = text_field(language_key(document.meta.lang or "en"))
    for para in document.paragraphs:
        paged = {"page": para.page} if para.page else {}  # stored only where there are pages
        writer.add_document(
            ref=str(Ref(document.doc_id, para.n)),
            doc=document.doc_id,
            kind=para.kind,
            n=para.n,
            start=para.start,
            end=para.end,
            text=para.text,
            **paged,
            **{field: para.text},
        )


#: A file written this close (ns) to when its CRC was taken may change within the same
#: timestamp tick of a coarse file system clock: it is read again until it is older.
RACY_NS = 2_000_000_000


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


def file_checksums(whoosh_dir: Path) -> dict[str, list[int]]:
    """Size, CRC-32, modification time and when the CRC was taken, of every file of a Whoosh
    index (but its lock), taken after a commit."""
    sums = {}
    for path in sorted(whoosh_dir.iterdir()):
        if path.name != "MAIN_WRITELOCK" and path.is_file():
            before = path.stat()
            sums[path.name] = [before.st_size, _crc(path), before.st_mtime_ns, time.time_ns()]
    return sums


def check_files(whoosh_dir: Path, checksums: dict[str, list[int]], stamps: Path) -> str | None:
    """A one-line reason if the index's files are not as committed, else None.

    A file of the same size and time as when its CRC was taken, and written well before that,
    is not read again: Whoosh never rewrites a segment file, and reading every file took
    0.22 s of each launch of a 200,000-paragraph case.  Any other file is read and its CRC
    compared (a copied index folder, with new times, passes; overwritten bytes do not), and
    the time of that reading is kept in ``stamps`` (a file of its own, so that no process
    rewrites the manifest outside an update) for the next launch to trust it."""
    known = _read_stamps(stamps)
    fresh: dict[str, list[int]] = {}
    for name, expected in checksums.items():
        path = whoosh_dir / name
        try:
            found = path.stat()
        except OSError:
            return f"its file {name} is missing"
        if found.st_size != expected[0]:
            return f"its file {name} changed on disk since it was written"
        for stamp in (expected, known.get(name)):
            if _settled(stamp, found, expected[1]):
                break
        else:
            if _crc(path) != expected[1]:
                return f"its file {name} changed on disk since it was written"
            fresh[name] = [found.st_size, expected[1], found.st_mtime_ns, time.time_ns()]
    if fresh:
        with suppress(OSError):  # a read-only index is checked again next time
            kept = {name: stamp for name, stamp in known.items() if name in checksums}
            write_json(stamps, {**kept, **fresh})
    return None


def _settled(stamp: list[int] | None, found: os.stat_result, crc: int) -> bool:
    """Whether ``stamp`` vouches for the file as it is: same size, CRC and time as when its
    CRC was taken, and that time well before the taking."""
    return (
        stamp is not None
        and len(stamp) == 4
        and stamp[:3] == [found.st_size, crc, found.st_mtime_ns]
        and stamp[2] < stamp[3] - RACY_NS
    )


def _read_stamps(path: Path) -> dict[str, list[int]]:
    return {k: v for k, v in read_json(path).items() if isinstance(v, list)}


def index_problem(whoosh_dir: Path, expected: int) -> str | None:
    """None if the Whoosh index opens, reads and holds ``expected`` paragraphs (0: any
    number), else a one-line reason.  Whoosh itself does not notice bytes overwritten in a
    segment (searches failed with zlib errors or silently returned other paragraphs): see
    :func:`check_files`."""
    try:
        ix = index.open_dir(str(whoosh_dir))
        try:
            with ix.searcher() as searcher:
                count = searcher.doc_count()
                if expected and count != expected:
                    return f"it holds {count} paragraphs where {expected} were indexed"
                for _ in searcher.reader().all_stored_fields():
                    break
        finally:
            ix.close()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return None
