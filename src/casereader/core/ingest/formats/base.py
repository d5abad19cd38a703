"""What every format module gives: its suffixes and a reader of its decoded text, or of its bytes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...models import Paragraph


@dataclass(frozen=True)
class Extracted:
    """What a format reads from a file, before paragraphs are split (or with its paragraphs,
    when the format knows them: a PDF's, a Word document's, an e-mail's)."""

    text: str  # the text paragraphs are split from (offsets and line numbers refer to it)
    offset: int = 0  # where the article starts in ``text`` (after front matter)
    first_line: int = 1  # the line number of ``text[offset:]``
    meta: dict[str, str] = field(default_factory=dict)  # metadata the file gives of itself
    origin: str = ""  # where ``meta`` came from, as the ingestion report says it
    origins: dict[str, str] = field(default_factory=dict)  # fields that came from elsewhere
    age: tuple[int, str] | None = None  # a relative stamp ("3 hours ago") when no date is given
    # The paragraphs, numbered, with their kinds (and pages), when the format builds them
    # itself; None: they are split from ``text`` (and furniture found) by the reader.
    paragraphs: tuple[Paragraph, ...] | None = None
    key: str = ""  # in a file of several documents: this one's (a message's number, a page's URL)
    notes: tuple[str, ...] = ()  # what the ingestion report says of the reading (an encoding guessed…)
    # Spans of ``text`` that are one paragraph each, of a kind, whatever their lines look like:
    # (start, end, kind) of a Markdown code block or table, its lines kept.
    blocks: tuple[tuple[int, int, str], ...] = ()


def unchanged(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return paragraphs


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    read: Callable[[str], Extracted]  # raises UnreadableFile with the reason shown to the user
    # Paragraphs as a reader sees them, once furniture is classified (Markdown drops its markers).
    tidy: Callable[[list[Paragraph]], list[Paragraph]] = unchanged
    # A format that reads the file's bytes itself (PDF, Word, EPUB, e-mail, web archives): its
    # documents, one or several (each with its ``key`` when there are several).  ``read`` is
    # then not used.
    read_bytes: Callable[[bytes], list[Extracted]] | None = None
    many: bool = False  # a file of several documents (a mailbox, a web archive)
    max_bytes: int = 20 * 1024 * 1024  # larger files are skipped, "too large"


def no_text(text: str) -> Extracted:
    """The ``read`` of a format that reads bytes (never called)."""
    raise NotImplementedError("this format reads bytes")
