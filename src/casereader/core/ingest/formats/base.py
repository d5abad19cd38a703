"""What every format module gives: its suffixes and a reader of its decoded text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...models import Paragraph


@dataclass(frozen=True)
class Extracted:
    """What a format reads from a file's decoded text, before paragraphs are split."""

    text: str  # the text paragraphs are split from (offsets and line numbers refer to it)
    offset: int = 0  # where the article starts in ``text`` (after front matter)
    first_line: int = 1  # the line number of ``text[offset:]``
    meta: dict[str, str] = field(default_factory=dict)  # metadata the file gives of itself
    origin: str = ""  # where ``meta`` came from, as the ingestion report says it
    origins: dict[str, str] = field(default_factory=dict)  # fields that came from elsewhere
    age: tuple[int, str] | None = None  # a relative stamp ("3 hours ago") when no date is given


def unchanged(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return paragraphs


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    read: Callable[[str], Extracted]  # raises UnreadableFile with the reason shown to the user
    # Paragraphs as a reader sees them, once furniture is classified (Markdown drops its markers).
    tidy: Callable[[list[Paragraph]], list[Paragraph]] = unchanged
