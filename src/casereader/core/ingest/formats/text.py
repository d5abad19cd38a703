"""Plain text: the file's text as it is."""

from __future__ import annotations

from .base import Extracted, Format


def read(text: str) -> Extracted:
    return Extracted(text)


FORMAT = Format("text", (".txt", ".text"), read)
