"""Reading a case folder: files become documents of numbered, classified paragraphs.

Nothing here writes anywhere; the index module decides what to do with the documents.  Each
file format is a module of :mod:`casereader.core.ingest.formats`; decoding, paragraph splitting and
furniture have modules of their own.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..models import DocMeta, Document, Paragraph, Skipped, UnreadableFile
from .credits import author_from, fold
from .encoding import read_text, repair_mojibake
from .formats import format_for, format_for_name
from .formats.base import Extracted
from .furniture import classify
from .metadata import Catalog, merge_meta, relative_age
from .paragraphs import SENTENCE_GAP, split_long, split_paragraphs

MAX_FILE_BYTES = 20 * 1024 * 1024

__all__ = [
    "MAX_FILE_BYTES",
    "Scan",
    "UnreadableFile",
    "case_files",
    "doc_id_for",
    "is_article_path",
    "read_document",
    "scan",
    "unique_doc_id",
]


def is_hidden(relative: Path) -> bool:
    """A path inside a case folder that casereader never reads: a hidden file or folder
    (editors' swap files, ``.git``)."""
    return any(part.startswith(".") for part in relative.parts)


def is_article_path(relative: Path) -> bool:
    """Whether a path inside a case folder names an article: not hidden, and the suffix of
    a format casereader reads."""
    return not is_hidden(relative) and format_for(relative) is not None


@dataclass
class Scan:
    """What a case folder holds: its articles (paths relative to the folder, with their sizes
    and times), and the ones that cannot be read as articles, each with the reason."""

    folder: Path
    relpaths: list[str] = field(default_factory=list)
    stats: list[os.stat_result] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [self.folder / relpath for relpath in self.relpaths]


_SPECIAL = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


def scan(folder: Path) -> Scan:
    """Every article under ``folder``, in a stable order, and what was passed over and why.

    Links are not followed out of the case: a link to a file inside the folder is read, a link
    to anything outside it (or to nothing) is skipped with its reason, and links to folders
    are not entered.  The walk is iterative (a folder nested a thousand deep is fine), and a
    subfolder that cannot be read is reported, not fatal.  One stat per file, no Path
    arithmetic: 16,658 files are listed in ~0.1 s.
    """
    folder = folder.resolve()
    skipped: list[Skipped] = []
    files: list[tuple[tuple[str, ...], str, os.stat_result]] = []
    folders = [(str(folder), "")]  # a stack, not recursion (os.walk recurses on Python 3.11)
    while folders:
        base, prefix = folders.pop()
        try:
            with os.scandir(base) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(shown_path(prefix[:-1] or "."), f"folder cannot be read ({exc.strerror})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relpath = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, relpath + "/"))
            elif entry.is_symlink() and os.path.isdir(entry.path):
                reason = "a link to a folder (casereader does not follow links to folders)"
                skipped.append(Skipped(shown_path(relpath), reason))
            elif format_for_name(entry.name) is not None:
                reason, found = _unreadable_reason(entry, folder)
                if found is None:
                    skipped.append(Skipped(shown_path(relpath), reason))
                else:
                    files.append((tuple(relpath.split("/")), relpath, found))
    files.sort(key=lambda f: f[0])  # in the order of their paths' parts, as Path sorts
    skipped.sort(key=lambda s: s.path)
    return Scan(folder, [f[1] for f in files], [f[2] for f in files], skipped)


def _unreadable_reason(entry: os.DirEntry[str], folder: Path) -> tuple[str, os.stat_result | None]:
    """Why an article cannot be read as one, or its stat when it can."""
    if shown_path(entry.name) != entry.name:
        return "the file name is not valid UTF-8; rename the file to read it", None
    if entry.is_symlink():
        try:
            target = Path(entry.path).resolve(strict=True)
        except (OSError, RuntimeError):
            return "a link to a file that does not exist", None
        if not target.is_relative_to(folder):
            return "a link to a file outside the case folder (links out of the case are not followed)", None
    try:
        found = entry.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})", None
    if not stat.S_ISREG(found.st_mode):
        return f"not a regular file ({_SPECIAL.get(stat.S_IFMT(found.st_mode), 'not a file')})", None
    return "", found


def case_files(folder: Path) -> list[Path]:
    """Every article under ``folder``, in a stable order (see :func:`scan`)."""
    return scan(folder).files


def shown_path(relpath: str) -> str:
    """A path as casereader shows and stores it: bytes that are not UTF-8 in a file name (kept
    by the system as surrogates) become U+FFFD."""
    return relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def doc_id_for(relpath: str) -> str:
    """Document ids are the relative path without its suffix: ``000_931ed05bed4de436``."""
    path = Path(relpath)
    return path.with_suffix("").as_posix()


def unique_doc_id(relpath: str, used: set[str]) -> str:
    """A document id not in ``used``: the path without its suffix, else the whole path."""
    doc_id = doc_id_for(relpath)
    return relpath if doc_id in used else doc_id


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
    decoded, repaired = read_text(data)
    decoded, mended = repair_mojibake(decoded)
    found = fmt.read(decoded)
    text = found.text
    paragraphs = split_long(split_paragraphs(text, found.offset, first_line=found.first_line), text)
    if not paragraphs:
        raise UnreadableFile("no text (only blank lines or front matter)")
    entry = catalog.entry(relpath)
    paragraphs, from_text = classify(paragraphs, [entry.get("outlet", ""), found.meta.get("outlet", "")])
    paragraphs = fmt.tidy(paragraphs)
    notes = [note for note in (repaired, mended) if note]
    meta = document_meta(relpath, entry, found, from_text, paragraphs)
    if not meta.date:
        notes.extend(_date_from_age(meta, found.age or _age_in_bylines(paragraphs), path))
    notes.extend(check_language(meta, paragraphs))
    return Document(doc_id or doc_id_for(relpath), relpath, meta, paragraphs, notes)


def document_meta(
    relpath: str, entry: dict[str, str], found: Extracted, from_text: dict[str, str], paragraphs: list[Paragraph]
) -> DocMeta:
    """Each field from the first place that has it: the catalog (the user's word), the file's
    own metadata, the text (byline, headline), the folder the user put the file in (outlet),
    the first sentence (title), the file name (title)."""
    parent = Path(relpath).parent.name
    stem = Path(relpath).stem.replace("_", " ").replace("-", " ").strip()
    meta = merge_meta(
        [
            ("catalog", entry),
            (found.origin, _cleaned(found.meta)),
            ("text", _cleaned(from_text)),
            ("folder", {"outlet": parent} if parent else {}),
            ("first sentence", {"title": first_sentence(paragraphs)}),
            ("file name", {"title": stem}),
        ]
    )
    for key, origin in found.origins.items():
        if meta.origins.get(key) == found.origin:
            meta.origins[key] = origin
    return meta


def _cleaned(values: dict[str, str]) -> dict[str, str]:
    """A file's own credit as a citation takes it: placeholders, CMS credits, the publisher
    and trailing roles or dates out ("Redacción" is nobody; "Ana Pérez | Madrid" is Ana Pérez)."""
    if not values.get("author"):
        return values
    blocked = {fold(values["outlet"])} if values.get("outlet") else set()
    return {**values, "author": author_from([values["author"]], blocked)}


def first_sentence(paragraphs: list[Paragraph], limit: int = 90) -> str:
    """The first sentence of the first body paragraph, clipped at a word: the title of a text
    that has no headline (better than a file name such as "000_931ed05bed4de436")."""
    body = next((p.text for p in paragraphs if p.is_body and len(p.text.split()) >= 4), "")
    sentence = SENTENCE_GAP.split(" ".join(body.split()), maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"


def _age_in_bylines(paragraphs: list[Paragraph]) -> tuple[int, str] | None:
    return next((age for p in paragraphs if p.kind == "byline" and (age := relative_age(p.text))), None)


def _date_from_age(meta: DocMeta, age: tuple[int, str] | None, path: Path) -> list[str]:
    """A relative stamp ("3 hours ago") counted back from the file's time, said as such: only
    when nothing else dates the document."""
    if not age:
        return []
    try:
        saved = path.stat().st_mtime
    except OSError:
        return []
    meta.date = dt.datetime.fromtimestamp(saved - age[0]).date().isoformat()
    meta.origins["date"] = "file time"
    return [f"date: {age[1]!r} counted back from the file's time ({meta.date})"]


def check_language(meta: DocMeta, paragraphs: list[Paragraph]) -> list[str]:
    """The language: detected when nothing gives it; when the file's metadata gives one the
    text plainly is not in, the text wins and the note says so.  The catalog is not second-guessed."""
    from .language import CANDIDATES, detect

    body = " ".join(p.text for p in paragraphs if p.is_body)
    given = meta.lang.split("-")[0]
    if not meta.lang:
        lang = detect(body)
        if lang:
            meta.lang, meta.origins["lang"] = lang, "detected"
        return []
    if meta.origins.get("lang") == "catalog" or given not in CANDIDATES or len(body) < CHECKED_CHARS:
        return []
    lang = detect(body[: CHECKED_CHARS * 8])
    if not lang or lang == given:
        return []
    origin = meta.origins.get("lang", "metadata")
    said = meta.lang
    meta.lang, meta.origins["lang"] = lang, "detected"
    return [f"language: the {origin} says {said!r}, the text is {lang!r} (the text wins)"]


CHECKED_CHARS = 200  # less body text than this is not enough to overrule the file's metadata
