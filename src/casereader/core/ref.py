"""A paragraph's reference: which document, which paragraph.  One value type, parsed and
printed in one place (``000_931ed05bed4de436:35``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Ref:
    doc_id: str
    n: int

    def __str__(self) -> str:
        return f"{self.doc_id}:{self.n}"

    @classmethod
    def parse(cls, text: str) -> Ref:
        """``DOC:N`` -> Ref; ValueError saying how to write one otherwise.  A document id may
        itself contain colons (it is a file path): the number is after the last one."""
        doc_id, colon, number = text.strip().rpartition(":")
        if not colon or not doc_id or not number.isdigit():
            shown = text if len(text) <= 60 else text[:59] + "…"
            raise ValueError(f"{shown!r} is not a paragraph reference; write DOC:N, e.g. 000_931ed05bed4de436:35")
        return cls(doc_id, int(number))
