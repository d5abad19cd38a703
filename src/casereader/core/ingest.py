"""Reading a case folder: files become documents of numbered, classified paragraphs.

Nothing here writes anywhere; the index module decides what to do with the documents.  Each
file format is a module of :mod:`casereader.core.formats`; decoding, paragraph splitting and
furniture have modules of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .encoding import decode
from .formats import format_for
from .furniture import classify
from .metadata import Catalog, merge_meta
from .models import Document, UnreadableFile
from .paragraphs import split_long, split_paragraphs

MAX_FILE_BYTES = 20 * 1024 * 1024

__all__ = ["MAX_FILE_BYTES", "UnreadableFile", "case_files", "doc_id_for", "is_article_path", "read_document"]


def is_hidden(relative: Path) -> bool:
    """A path inside a case folder that casereader never reads: a hidden file or folder
    (editors' swap files, ``.git``)."""
    return any(part.startswith(".") for part in relative.parts)


def is_article_path(relative: Path) -> bool:
    """Whether a path inside a case folder names an article: not hidden, and the suffix of
    a format casereader reads."""
    return not is_hidden(relative) and format_for(relative) is not None


def case_files(folder: Path) -> Iterator[Path]:
    """Every candidate article under ``folder``, recursively, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if is_article_path(path.relative_to(folder)) and path.is_file():
            yield path


def doc_id_for(relpath: str) -> str:
    """Document ids are the relative path without its suffix: ``000_931ed05bed4de436``."""
    path = Path(relpath)
    return path.with_suffix("").as_posix()


def read_document(folder: Path, path: Path, catalog: Catalog, doc_id: str | None = None) -> Document:
    """Read one file into a Document; raise UnreadableFile with the reason when it can't."""
    relpath = path.relative_to(folder).as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"too large ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 10**6} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    fmt = format_for(path)
    if fmt is None:
        raise UnreadableFile(f"not a format casereader reads ({path.suffix or 'no suffix'})")
    found = fmt.read(decode(data))
    text = found.text
    paragraphs = split_long(split_paragraphs(text, found.offset, first_line=found.first_line), text)
    if not paragraphs:
        raise UnreadableFile("no text (only blank lines or front matter)")
    entry = catalog.entry(relpath)
    paragraphs, from_text = classify(paragraphs, [entry.get("outlet", ""), found.meta.get("outlet", "")])
    paragraphs = fmt.tidy(paragraphs)
    stem = path.stem.replace("_", " ").replace("-", " ").strip()
    meta = merge_meta(
        [
            ("catalog", entry),
            (found.origin, found.meta),
            ("text", from_text),
            ("file name", {"title": stem}),
        ]
    )
    if not meta.lang:
        from .language import detect

        lang = detect(" ".join(p.text for p in paragraphs if p.is_body))
        if lang:
            meta.lang = lang
            meta.origins["lang"] = "detected"
    return Document(doc_id or doc_id_for(relpath), relpath, meta, paragraphs)
