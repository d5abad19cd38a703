"""The index's schema (one Whoosh document per paragraph, one text field per analysis
language), writing a document into it, and whether an index of it is whole."""

from __future__ import annotations

import zlib
from pathlib import Path

from whoosh import fields as wfields
from whoosh import index
from whoosh.writing import IndexWriter

from . import whoosh_ext
from .analysis import STEMMED_LANGUAGES, UNSTEMMED, language_key
from .models import Document
from .ref import Ref

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
        text=wfields.STORED(),
        **text_fields,
    )


def add_document(writer: IndexWriter, document: Document) -> None:
    field = text_field(language_key(document.meta.lang or "en"))
    for para in document.paragraphs:
        writer.add_document(
            ref=str(Ref(document.doc_id, para.n)),
            doc=document.doc_id,
            kind=para.kind,
            n=para.n,
            start=para.start,
            end=para.end,
            text=para.text,
            **{field: para.text},
        )


def file_checksums(whoosh_dir: Path) -> dict[str, list[int]]:
    """Size and CRC-32 of every file of a Whoosh index (but its lock), taken after a commit."""
    sums = {}
    for path in sorted(whoosh_dir.iterdir()):
        if path.name != "MAIN_WRITELOCK" and path.is_file():
            crc = 0
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    crc = zlib.crc32(chunk, crc)
            sums[path.name] = [path.stat().st_size, crc]
    return sums


def index_problem(whoosh_dir: Path, expected: int, checksums: dict[str, list[int]]) -> str | None:
    """None if the Whoosh index's files are as committed (``checksums``), it opens, reads and
    holds ``expected`` paragraphs (0: any number), else a one-line reason.  Whoosh itself does
    not notice bytes overwritten in a segment: searches failed with zlib errors or silently
    returned other paragraphs."""
    if checksums:
        found = file_checksums(whoosh_dir)
        for name, expected_sum in checksums.items():
            if name not in found:
                return f"its file {name} is missing"
            if found[name] != expected_sum:
                return f"its file {name} changed on disk since it was written"
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
