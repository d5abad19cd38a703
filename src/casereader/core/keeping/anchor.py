"""Anchoring a note to the words it is about, so it finds them again after the case changes.

An anchor is the quoted text with a little context on each side (as Hypothesis' and the W3C
Web Annotation's TextQuoteSelector), plus where it was (document, paragraph, offsets) and
the document's SHA-1 then.  After a re-index the quote is looked for in its document:
at its old place, else wherever the same words stand with the same context.  When the
quote is gone, or stands in several places that its context cannot tell apart, the note is
orphaned (shown with its old text) — never attached to a look-alike passage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..models import Paragraph
from ..ref import Ref

CONTEXT = 32  # characters of context kept on each side of the quote
UNIQUE_QUOTE = 40  # a quote this long found once in its document is its place, even if the context changed

ANCHORED, MOVED, ORPHANED = "anchored", "moved", "orphaned"


@dataclass(frozen=True)
class Anchor:
    doc_id: str
    n: int
    exact: str  # the quoted words, as written
    prefix: str  # up to CONTEXT characters before them in the paragraph
    suffix: str  # and after
    start: int  # offsets of the quote in the paragraph's text
    end: int
    doc_sha1: str = ""  # the document's content when the anchor was made or last checked

    @property
    def ref(self) -> Ref:
        return Ref(self.doc_id, self.n)

    @property
    def whole(self) -> bool:
        """Whether the quote is the whole paragraph."""
        return self.start == 0 and not self.prefix and not self.suffix

    @classmethod
    def on(cls, ref: Ref, text: str, start: int = 0, end: int | None = None, doc_sha1: str = "") -> Anchor:
        """An anchor on ``text[start:end]`` of paragraph ``ref`` (the whole paragraph by default).
        ValueError when the range is empty or outside the text."""
        end = len(text) if end is None else end
        if not 0 <= start < end <= len(text):
            raise ValueError("the quoted part is empty or outside the passage")
        # Trim spaces off the ends of a selection, keeping the offsets true.
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        return cls(
            ref.doc_id,
            ref.n,
            text[start:end],
            text[max(0, start - CONTEXT) : start],
            text[end : end + CONTEXT],
            start,
            end,
            doc_sha1,
        )


@dataclass(frozen=True)
class Resolution:
    status: str  # ANCHORED, MOVED or ORPHANED
    anchor: Anchor  # where it is now (the old anchor when orphaned)
    reason: str = ""  # why it moved or was orphaned, in words


def _context_agrees(anchor: Anchor, text: str, pos: int) -> bool:
    end = pos + len(anchor.exact)
    before, after = text[max(0, pos - CONTEXT) : pos], text[end : end + CONTEXT]
    return before == anchor.prefix and after == anchor.suffix


def resolve(anchor: Anchor, paragraphs: list[Paragraph] | None, doc_sha1: str = "") -> Resolution:
    """Where ``anchor``'s quote is in its document's current ``paragraphs`` (None: the
    document is gone)."""
    if paragraphs is None:
        return Resolution(ORPHANED, anchor, "the document is no longer in the case")
    checked = replace(anchor, doc_sha1=doc_sha1 or anchor.doc_sha1)
    found: list[tuple[Paragraph, int]] = []
    for para in paragraphs:
        pos = para.text.find(anchor.exact)
        while pos >= 0:
            found.append((para, pos))
            pos = para.text.find(anchor.exact, pos + 1)
    if not found:
        return Resolution(ORPHANED, anchor, "the quoted words are no longer in the document")
    agreeing = [(p, pos) for p, pos in found if _context_agrees(anchor, p.text, pos)]
    for para, pos in agreeing:
        if para.n == anchor.n and pos == anchor.start:
            return Resolution(ANCHORED, checked)
    if len(agreeing) == 1:
        para, pos = agreeing[0]
        return Resolution(MOVED, _at(checked, para, pos), f"moved from ¶{anchor.n} to ¶{para.n}")
    if len(agreeing) > 1:
        return Resolution(ORPHANED, anchor, f"the quoted words stand in {len(agreeing)} places with the same context")
    if len(found) == 1 and len(anchor.exact) >= UNIQUE_QUOTE:
        para, pos = found[0]
        where = "" if para.n == anchor.n else f"; moved from ¶{anchor.n} to ¶{para.n}"
        return Resolution(MOVED, _at(checked, para, pos), f"the words around the quote changed{where}")
    if len(found) == 1:
        return Resolution(ORPHANED, anchor, "the words around the quote changed, and the quote is too short to be sure")
    return Resolution(ORPHANED, anchor, f"the words around the quote changed, and it stands in {len(found)} places")


def _at(anchor: Anchor, para: Paragraph, pos: int) -> Anchor:
    return Anchor.on(Ref(anchor.doc_id, para.n), para.text, pos, pos + len(anchor.exact), anchor.doc_sha1)
