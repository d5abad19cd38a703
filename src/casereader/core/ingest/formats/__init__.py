"""The file formats a case can hold, one module each.

A format module declares its suffixes and a ``read()`` that returns an :class:`Extracted`;
the folder scan, the watcher and the reader of documents all look formats up here.  Adding a
format is one module beside these and one line in ``FORMATS``.
"""

from __future__ import annotations

from pathlib import PurePath

from . import docx, epub, html, mail, markdown, pdf, text, warc
from .base import Extracted, Format

FORMATS: tuple[Format, ...] = (
    text.FORMAT,
    markdown.FORMAT,
    html.FORMAT,
    pdf.FORMAT,
    docx.FORMAT,
    epub.FORMAT,
    mail.EML,
    mail.MBOX,
    warc.WARC,
    warc.WACZ,
)

_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}
_DOUBLE = {suffix for suffix in _BY_SUFFIX if suffix.count(".") > 1}  # ".warc.gz"


def format_for(path: PurePath) -> Format | None:
    """The format of a file, by its suffix (None: not an article)."""
    return format_for_name(path.name)


def format_for_name(name: str) -> Format | None:
    """``format_for`` of a bare file name, without building a path (a scan asks it per file).
    The suffix as ``PurePath.suffix`` takes it: none for ``.txt`` or ``notes.``."""
    dot = name.rfind(".")
    if not 0 < dot < len(name) - 1:
        return None
    found = _BY_SUFFIX.get(name[dot:].lower())
    if found is None and name[dot:].lower() == ".gz":
        second = name.rfind(".", 0, dot)
        if second > 0 and name[second:].lower() in _DOUBLE:
            return _BY_SUFFIX[name[second:].lower()]
    return found


__all__ = ["FORMATS", "Extracted", "Format", "format_for", "format_for_name"]
