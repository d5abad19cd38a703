"""What a passage is cited as: its document's source fields and its paragraph number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .ref import Ref

if TYPE_CHECKING:
    from .models import DocMeta


@dataclass(frozen=True)
class Citation:
    """The annotation shown beside a passage, and the citation copied with it."""

    doc_id: str
    n: int
    title: str
    outlet: str
    author: str
    date: str
    url: str
    lang: str

    @classmethod
    def of(cls, ref: Ref, meta: DocMeta) -> Citation:
        """Paragraph ``ref`` of the document described by ``meta``."""
        return cls(ref.doc_id, ref.n, meta.title, meta.outlet, meta.author, meta.date, meta.url, meta.lang)

    @property
    def ref(self) -> Ref:
        return Ref(self.doc_id, self.n)

    @property
    def byline(self) -> str:
        """``Orinoco Tribune · Misión Verdad · 2025-07-21`` (the author once when it is the outlet)."""
        parts = [self.outlet, self.author if self.author != self.outlet else "", self.date]
        return " · ".join(p for p in parts if p)

    def annotation(self) -> str:
        """``Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35``"""
        return " · ".join(p for p in (self.byline, f"¶{self.n}") if p)

    def line(self) -> str:
        """``Orinoco Tribune, Misión Verdad, "Title", 2025-07-21, ¶35. https://…``"""
        parts = [self.outlet, self.author if self.author != self.outlet else ""]
        parts += [f'"{self.title}"' if self.title else "", self.date, f"¶{self.n}"]
        cite = ", ".join(p for p in parts if p)
        return f"{cite}. {self.url}" if self.url else cite

    def quote(self, text: str) -> str:
        """The passage in quotes with its citation line under it (what ``y`` copies)."""
        return f"“{text}”\n— {self.line()}"
