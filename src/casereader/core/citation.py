"""What a passage is cited as: its document's source fields and its paragraph number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .ref import Ref

if TYPE_CHECKING:
    from .models import DocMeta


ARTICLE_CHARS = 40  # an article named by its title in an annotation: at most this long


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
    page: int = 0  # the page the paragraph starts on, in a document with pages (PDF)

    @classmethod
    def of(cls, ref: Ref, meta: DocMeta, page: int = 0) -> Citation:
        """Paragraph ``ref`` of the document described by ``meta`` (on ``page`` of a PDF)."""
        return cls(ref.doc_id, ref.n, meta.title, meta.outlet, meta.author, meta.date, meta.url, meta.lang, page)

    @property
    def where(self) -> str:
        """``p. 12, ¶3`` in a document with pages, ``¶3`` elsewhere."""
        return f"p. {self.page}, ¶{self.n}" if self.page else f"¶{self.n}"

    @property
    def ref(self) -> Ref:
        return Ref(self.doc_id, self.n)

    @property
    def byline(self) -> str:
        """``Orinoco Tribune · Misión Verdad · 2025-07-21`` (the author once when it is the outlet)."""
        parts = [self.outlet, self.author if self.author != self.outlet else "", self.date]
        return " · ".join(p for p in parts if p)

    def annotation(self) -> str:
        """``Orinoco Tribune · Misión Verdad · 2025-07-21 · ¶35`` (``p. 12, ¶35`` in a PDF).
        A source with neither outlet
        nor date is named by its article (title, else file): ``“Obama admits US gun…” · ¶3``,
        never a bare ``¶3``."""
        byline = self.byline
        if not self.outlet and not self.date:
            name = self.title or self.doc_id
            short = name if len(name) <= ARTICLE_CHARS else name[: ARTICLE_CHARS - 1].rstrip() + "…"
            byline = " · ".join(p for p in (f"“{short}”" if self.title else short, self.author) if p)
        return " · ".join(p for p in (byline, self.where) if p)

    def line(self) -> str:
        """``Orinoco Tribune, Misión Verdad, "Title", 2025-07-21, ¶35. https://…``"""
        return CitationStyle().line(self)

    def quote(self, text: str) -> str:
        """The passage in quotes with its citation line under it (what ``y`` copies)."""
        return f"“{text}”\n— {self.line()}"


#: The citation line (``Citation.line`` and what ``y`` copies and exports write).  ``{field}``
#: is a field of the passage's source; a part in ``[brackets]`` is left out when a field in it
#: is empty.  ``{author}`` is empty when the author is the outlet; ``{page}`` in a document
#: without pages (only a PDF's paragraphs have one: they are cited ``p. 12, ¶3``).
DEFAULT_TEMPLATE = '[{outlet}][, {author}][, "{title}"][, {date}][, p. {page}], ¶{paragraph}[. {url}]'
TEMPLATE_FIELDS = ("outlet", "author", "title", "date", "page", "paragraph", "url", "lang", "doc", "ref")
_PART = re.compile(r"\[([^\[\]]*)\]|([^\[\]]+)")
_FIELD = re.compile(r"\{(\w*)\}")


class TemplateError(ValueError):
    """A citation template that cannot be used; the message says what is wrong."""


@dataclass(frozen=True)
class CitationStyle:
    """A citation line template (see DEFAULT_TEMPLATE)."""

    template: str = DEFAULT_TEMPLATE

    def __post_init__(self) -> None:
        if self.template.count("[") != self.template.count("]") or re.search(r"\[[^\]]*\[", self.template):
            raise TemplateError("brackets in the citation template are unbalanced or nested")
        for name in _FIELD.findall(self.template):
            if name not in TEMPLATE_FIELDS:
                raise TemplateError(
                    f"unknown field {{{name}}} in the citation template; fields: {', '.join(TEMPLATE_FIELDS)}"
                )
        if "".join(_PART.sub("", self.template)):  # pragma: no cover - the checks above catch it
            raise TemplateError("the citation template cannot be read")

    def line(self, citation: Citation) -> str:
        values = {
            "outlet": citation.outlet,
            "author": citation.author if citation.author != citation.outlet else "",
            "title": citation.title,
            "date": citation.date,
            "page": str(citation.page) if citation.page else "",
            "paragraph": str(citation.n),
            "url": citation.url,
            "lang": citation.lang,
            "doc": citation.doc_id,
            "ref": str(citation.ref),
        }
        out = []
        for match in _PART.finditer(self.template):
            optional, fixed = match.group(1), match.group(2)
            part = optional if optional is not None else fixed
            names = _FIELD.findall(part)
            if optional is not None and any(not values[name] for name in names):
                continue
            out.append(_FIELD.sub(lambda m: values[m.group(1)], part))
        return re.sub(r"^[\s,.;:·—-]+", "", "".join(out)).strip()

    def quote(self, citation: Citation, text: str) -> str:
        """The passage in quotes with its citation line under it."""
        return f"“{text}”\n— {self.line(citation)}"
