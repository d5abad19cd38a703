"""The file formats a case can hold, one module each.

A format module declares its suffixes and a ``read()`` that returns an :class:`Extracted`;
the folder scan, the watcher and the reader of documents all look formats up here.  Adding a
format is one module beside these and one line in ``FORMATS``.
"""

from __future__ import annotations

from pathlib import PurePath

from . import html, markdown, text
from .base import Extracted, Format

FORMATS: tuple[Format, ...] = (text.FORMAT, markdown.FORMAT, html.FORMAT)

_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}


def format_for(path: PurePath) -> Format | None:
    """The format of a file, by its suffix (None: not an article)."""
    return format_for_name(path.name)


def format_for_name(name: str) -> Format | None:
    """``format_for`` of a bare file name, without building a path (a scan asks it per file).
    The suffix as ``PurePath.suffix`` takes it: none for ``.txt`` or ``notes.``."""
    dot = name.rfind(".")
    return _BY_SUFFIX.get(name[dot:].lower()) if 0 < dot < len(name) - 1 else None


__all__ = ["FORMATS", "Extracted", "Format", "format_for", "format_for_name"]
