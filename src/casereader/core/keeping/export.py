"""Taking passages out of casereader: notes, bookmarks or search results as Markdown, CSV,
JSON, and the sources they quote as CSL-JSON (for Zotero, Pandoc and citeproc)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..citation import Citation, CitationStyle
from ..models import Hit
from .notes import Note

FORMATS = ("md", "csv", "json", "csl-json")
CSV_COLUMNS = (
    "kind", "ref", "doc_id", "paragraph", "quote", "note", "tags", "status",
    "title", "outlet", "author", "date", "url", "lang", "citation", "created",
)  # fmt: skip


@dataclass(frozen=True)
class Excerpt:
    """One passage to export: what it quotes, where from, and what the reader wrote."""

    kind: str  # "note", "bookmark" or "result"
    citation: Citation
    quote: str
    note: str = ""
    tags: tuple[str, ...] = ()
    status: str = ""  # for notes: anchored, moved or orphaned
    reason: str = ""
    created: str = ""


def from_notes(notes: Iterable[Note]) -> list[Excerpt]:
    return [Excerpt(n.kind, n.citation, n.quote, n.text, n.tags, n.status, n.reason, n.created) for n in notes]


def from_hits(hits: Iterable[Hit]) -> list[Excerpt]:
    return [Excerpt("result", h.citation, h.text) for h in hits]


def export(excerpts: list[Excerpt], fmt: str, style: CitationStyle, heading: str = "") -> str:
    """The excerpts in format ``fmt`` (one of FORMATS)."""
    if fmt == "md":
        return to_markdown(excerpts, style, heading)
    if fmt == "csv":
        return to_csv(excerpts, style)
    if fmt == "json":
        return to_json(excerpts, style)
    if fmt == "csl-json":
        return json.dumps(to_csl(e.citation for e in excerpts), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def to_markdown(excerpts: list[Excerpt], style: CitationStyle, heading: str = "") -> str:
    out = [f"# {_md_line(heading)}\n"] if heading else []
    for excerpt in excerpts:
        if excerpt.status == "orphaned":
            out.append(f"*Orphaned: {excerpt.reason} — the text below is as it was quoted.*\n")
        quote = "\n>\n".join("> " + _md_line(line) for line in excerpt.quote.splitlines() or [""])
        out.append(f"{quote}\n>\n> — {_md_line(style.line(excerpt.citation))}\n")
        if excerpt.note.strip():
            out.append(excerpt.note.strip() + "\n")
        if excerpt.tags:
            out.append(" ".join(f"`#{t}`" for t in excerpt.tags) + "\n")
    return "\n".join(out)


def _md_line(text: str) -> str:
    """One line of document text, kept literal in Markdown (no heading, list or HTML it
    could start)."""
    text = re.sub(r"([\\`*_<>\[\]#|])", r"\\\1", text)
    return re.sub(r"^(\s*)([+\-=]|\d+[.)])(\s)", r"\1\\\2\3", text)


def _row(excerpt: Excerpt, style: CitationStyle) -> dict[str, Any]:
    c = excerpt.citation
    return {
        "kind": excerpt.kind,
        "ref": str(c.ref),
        "doc_id": c.doc_id,
        "paragraph": c.n,
        "quote": excerpt.quote,
        "note": excerpt.note,
        "tags": list(excerpt.tags),
        "status": excerpt.status,
        "title": c.title,
        "outlet": c.outlet,
        "author": c.author,
        "date": c.date,
        "url": c.url,
        "lang": c.lang,
        "citation": style.line(c),
        "created": excerpt.created,
    }


def to_csv(excerpts: list[Excerpt], style: CitationStyle) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for excerpt in excerpts:
        row = _row(excerpt, style)
        row["tags"] = " ".join(row["tags"])
        # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
        writer.writerow(
            {k: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for k, v in row.items()}
        )
    return buffer.getvalue()


def to_json(excerpts: list[Excerpt], style: CitationStyle) -> str:
    return json.dumps([_row(e, style) for e in excerpts], ensure_ascii=False, indent=2) + "\n"


def to_csl(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    """CSL-JSON items, one per document cited (in order of first citation)."""
    items: dict[str, dict[str, Any]] = {}
    for c in citations:
        if c.doc_id in items:
            continue
        item: dict[str, Any] = {
            "id": c.doc_id,
            "type": "article-newspaper" if c.outlet else "webpage" if c.url else "article",
        }
        if c.title:
            item["title"] = c.title
        if c.outlet:
            item["container-title"] = c.outlet
            item["publisher"] = c.outlet
        if c.author and c.author != c.outlet:
            item["author"] = [{"literal": name} for name in split_authors(c.author)]
        elif c.author:
            item["author"] = [{"literal": c.author}]
        parts = [int(p) for p in re.findall(r"\d+", c.date)[:3]] if re.match(r"^\d{4}(-\d{2}){0,2}$", c.date) else []
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if c.url:
            item["URL"] = c.url
        if c.lang:
            item["language"] = c.lang
        items[c.doc_id] = item
    return list(items.values())


def split_authors(author: str) -> list[str]:
    """``"Ana Pérez and Juan Díaz"``, ``"Ana Pérez, Juan Díaz"``, ``"Ana Pérez y Juan Díaz"`` → two names."""
    names = [n.strip() for n in re.split(r",|;|\s+(?:and|y|e|&)\s+", author) if n.strip()]
    return names or [author]
