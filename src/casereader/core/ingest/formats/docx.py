"""Word documents (.docx): paragraphs, headings (Title and Heading styles), tables (one
paragraph each, a line a row) in the body's order; title, author and date from the core
properties.  An encrypted document (an OLE file, not a zip) or a damaged one is skipped with
the reason."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ...models import Paragraph, UnreadableFile
from .base import Extracted, Format, no_text

_HEADING_STYLE = re.compile(r"(?i)^(?:heading|title|subtitle|überschrift|titre|título|titulo|kop)\b")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(data: bytes) -> Any:
    import docx

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableFile("encrypted, or an old Word (.doc) file saved as .docx")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"damaged or not a Word document ({exc})") from exc
    except Exception as exc:  # python-docx raises its own and lxml's errors on a broken part
        raise UnreadableFile(f"damaged ({type(exc).__name__}: {exc})") from exc


def _text(element: Any) -> str:
    """A paragraph's text as Word shows it: runs, tabs and breaks as spaces."""
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return " ".join("".join(parts).split())


def read_docx(data: bytes) -> list[Extracted]:
    document = _open(data)
    styles = {}
    try:
        for style in document.styles:
            styles[style.style_id] = style.name or ""
    except Exception:  # a document without a styles part
        styles = {}
    found: list[tuple[str, str]] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            text = _text(child)
            if not text:
                continue
            style = child.find(f"{_W}pPr/{_W}pStyle")
            name = styles.get(style.get(f"{_W}val"), style.get(f"{_W}val")) if style is not None else ""
            outline = child.find(f"{_W}pPr/{_W}outlineLvl")
            heading = bool(_HEADING_STYLE.match(name or "")) or outline is not None
            found.append(("heading" if heading else "body", text))
        elif child.tag == f"{_W}tbl":
            rows = []
            for row in child.iter(f"{_W}tr"):
                cells = [_text(cell) for cell in row.iter(f"{_W}tc")]
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                found.append(("table", "\n".join(rows)))
    if not found:
        raise UnreadableFile("no text in the document")
    paragraphs = []
    position = 0
    for n, (kind, text) in enumerate(found, 1):
        paragraphs.append(Paragraph(n, kind, position, position + len(text), text))
        position += len(text) + 2
    props = document.core_properties
    meta: dict[str, str] = {}
    if props.title:
        meta["title"] = " ".join(props.title.split())
    if props.author:
        meta["author"] = " ".join(props.author.split())
    if props.created is not None:
        meta["date"] = props.created.date().isoformat()
    if props.language:
        meta["lang"] = props.language
    return [
        Extracted(
            "\n\n".join(text for _, text in found),
            meta=meta,
            origin="document properties",
            paragraphs=tuple(paragraphs),
        )
    ]


FORMAT = Format("docx", (".docx",), no_text, read_bytes=read_docx)
