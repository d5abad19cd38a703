"""Taking passages out of casereader: notes, bookmarks or search results as Markdown, CSV,
JSON, and the sources they quote as CSL-JSON or BibTeX (for Zotero, Pandoc, citeproc, BibLaTeX).

Nothing from a document, a note or a file name can style, move or clear the terminal an
export is shown in: Markdown and CSV carry every field as ``text.safe.visible`` shows it,
JSON and CSL-JSON write those characters as ``\\u`` escapes (the data kept whole), BibTeX
as visible stand-ins.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..citation import Citation, CitationStyle
from ..ingest.metadata import is_calendar_date
from ..models import Hit
from ..text.safe import UNSAFE, visible
from .notes import BOOKMARK, NOTE, Note

FORMATS = ("md", "csv", "json", "csl-json", "bibtex")
CSV_COLUMNS = (
    "kind", "ref", "doc_id", "paragraph", "quote", "note", "tags", "status",
    "title", "outlet", "author", "date", "url", "lang", "citation", "created",
)  # fmt: skip

SUFFIX = {"md": "md", "csv": "csv", "json": "json", "csl-json": "csl.json", "bibtex": "bib"}


def export_name(case_name: str, what: str, fmt: str) -> str:
    """The file name an export is given in a folder: ``casereader-seeds-notes.md``."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in case_name)[:40].strip("-") or "case"
    return f"casereader-{safe}-{what}.{SUFFIX[fmt]}"


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
    """One excerpt per passage quoted: the bookmark and the notes on the same words are one
    entry (the quote once, the notes one after the other, the tags of all of them), in the
    order of each passage's first note."""
    grouped: dict[tuple[str, int, str, str], list[Note]] = {}
    for note in notes:
        # An orphaned note keeps its old text: it is not the same passage as a current one.
        key = (note.ref.doc_id, note.ref.n, note.quote, note.status if note.status == "orphaned" else "")
        grouped.setdefault(key, []).append(note)
    excerpts = []
    for same in grouped.values():
        first = same[0]
        texts = [n.text.strip() for n in same if n.text.strip()]
        tags = tuple(dict.fromkeys(t for n in same for t in n.tags))
        kind = NOTE if any(n.kind == NOTE for n in same) else BOOKMARK
        if kind == NOTE and any(n.kind == BOOKMARK for n in same):
            kind = "note+bookmark"
        created = min(n.created for n in same)
        excerpts.append(
            Excerpt(kind, first.citation, first.quote, "\n\n".join(texts), tags, first.status, first.reason, created)
        )
    return excerpts


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
        return safe_json(to_csl(e.citation for e in excerpts)) + "\n"
    if fmt == "bibtex":
        return to_bibtex(e.citation for e in excerpts)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def to_markdown(excerpts: list[Excerpt], style: CitationStyle, heading: str = "") -> str:
    out = [f"# {_md_line(heading)}\n"] if heading else []
    for excerpt in excerpts:
        if excerpt.status == "orphaned":
            out.append(f"*Orphaned: {_md_line(excerpt.reason)} — the text below is as it was quoted.*\n")
        if "bookmark" in excerpt.kind:
            out.append("★ *bookmarked*\n")
        quote = "\n>\n".join("> " + _md_line(line) for line in _lines(excerpt.quote))
        out.append(f"{quote}\n>\n> — {_md_line(style.line(excerpt.citation))}\n")
        if excerpt.note.strip():
            out.append(visible(excerpt.note.strip()) + "\n")
        if excerpt.tags:
            out.append(" ".join(f"`#{visible(t)}`" for t in excerpt.tags) + "\n")
    return "\n".join(out)


def _lines(text: str) -> list[str]:
    """The lines of a quote, split on line feeds only (a carriage return is shown, not obeyed)."""
    return text.split("\n") if text else [""]


def _md_line(text: str) -> str:
    """One line of document text, kept literal in Markdown (no heading, list or HTML it
    could start)."""
    text = re.sub(r"([\\`*_<>\[\]#|])", r"\\\1", visible(text).replace("\n", " "))
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
        writer.writerow({k: visible(csv_cell(v)) if isinstance(v, str) else v for k, v in row.items()})
    return buffer.getvalue()


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet keeps as text: one that would start a formula — ``=``, ``+``,
    ``-`` or ``@`` first, or after spaces, tabs, line ends, control or invisible characters
    a spreadsheet skips — is written with a ``'`` before it (as OWASP advises)."""
    if text[:1] in _FORMULA:
        return "'" + text
    start = 0
    while start < len(text) and (text[start].isspace() or unicodedata.category(text[start]) in ("Cc", "Cf", "Zs")):
        start += 1
    if start and text[start : start + 1] in _FORMULA:
        return "'" + text
    return text


def to_json(excerpts: list[Excerpt], style: CitationStyle) -> str:
    return safe_json([_row(e, style) for e in excerpts]) + "\n"


def safe_json(data: object) -> str:
    """``data`` as indented JSON, every character that could act on a terminal (see
    ``text.safe``) written as a ``\\u`` escape: the text is kept whole, the terminal untouched."""
    text = json.dumps(data, ensure_ascii=False, indent=2)

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code > 0xFFFF:  # a tag character: as its UTF-16 pair, as JSON writes one
            code -= 0x10000
            return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
        return f"\\u{code:04x}"

    return UNSAFE.sub(escape, text)


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
            item["author"] = [_csl_name(name) for name in split_authors(c.author)]
        elif c.author:
            item["author"] = [{"literal": c.author}]
        parts = _date_parts(c.date)
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if c.url:
            item["URL"] = c.url
        if c.lang:
            item["language"] = c.lang
        items[c.doc_id] = item
    return list(items.values())


def _date_parts(date: str) -> list[int]:
    """``2025-07-21`` → ``[2025, 7, 21]``; nothing for a date that is not one of the calendar."""
    if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", date) or not is_calendar_date(date):
        return []
    return [int(p) for p in date.split("-")]


def _csl_name(name: str) -> dict[str, str]:
    """A CSL name: ``Pérez, Ana`` → family and given; any other name (a person written in
    order, an organisation) as a literal, which citeproc prints as it is."""
    family, comma, given = name.partition(",")
    if comma and family.strip() and given.strip() and "," not in given:
        return {"family": family.strip(), "given": given.strip()}
    return {"literal": name}


def _words(text: str) -> int:
    return len(text.split())


def split_authors(author: str) -> list[str]:
    """The people (or organisations) an author line names, each once and whole:
    ``"Ana Pérez and Juan Díaz"``, ``"Ana Pérez, Juan Díaz"``, ``"Ana Pérez y Juan Díaz"`` → two
    names; ``"José Ortega y Gasset"``, ``"Pérez, Ana"``, ``"Procter & Gamble"`` → one.

    A line is split at ``;`` always; at ``and``, ``y``, ``e``, ``&`` and commas only where
    every part is a name of two words or more (``Ortega y Gasset`` and ``Procter & Gamble`` join
    one-word parts; ``Pérez, Ana`` is one name written family first)."""
    names: list[str] = []
    for group in (g.strip() for g in author.split(";")):
        if not group:
            continue
        by_comma = [p.strip() for p in group.split(",") if p.strip()]
        if len(by_comma) > 1 and any(_words(p) < 2 for p in by_comma):
            # "Pérez, Ana" (family, given) or "Pérez, Ana, and Díaz, Juan": kept as written,
            # but split at a conjunction between two such names.
            parts = re.split(r"\s+(?:and|y|e|&)\s+", group)
            names.extend(p.strip(" ,") for p in parts if p.strip(" ,"))
            continue
        for part in by_comma:
            pieces = [p.strip() for p in re.split(r"\s+(?:and|y|e|&)\s+", part)]
            pieces = [re.sub(r"^(?:and|y|e|&)\s+", "", p) for p in pieces if p]
            if len(pieces) > 1 and all(_words(p) >= 2 for p in pieces):
                names.extend(pieces)
            else:
                names.append(re.sub(r"^(?:and|y|e|&)\s+", "", part))
    return names or [author]


_BIBTEX_SPECIAL = re.compile(r"([{}\\#$%&_^~])")


def _bib(text: str) -> str:
    """A BibTeX field value: braces, backslashes and TeX's special characters escaped, nothing
    that could act on a terminal."""
    escaped = _BIBTEX_SPECIAL.sub(
        lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(m.group(1), "\\" + m.group(1)),
        visible(text).replace("\n", " "),
    )
    return "{" + escaped + "}"


def to_bibtex(citations: Iterable[Citation]) -> str:
    """BibTeX entries, one per document cited (in order of first citation): ``@article`` with
    the outlet as ``journal`` when there is one, else ``@online``; authors joined by ``and``
    (an organisation in braces, kept whole)."""
    entries: dict[str, str] = {}
    keys: set[str] = set()
    for c in citations:
        if c.doc_id in entries:
            continue
        key = re.sub(r"[^A-Za-z0-9_:-]+", "-", c.doc_id).strip("-")[:60] or "doc"
        while key in keys:
            key += "x"
        keys.add(key)
        fields: list[tuple[str, str]] = []
        if c.author and c.author != c.outlet:
            people = []
            for name in split_authors(c.author):
                csl = _csl_name(name)
                if "family" in csl:
                    people.append(f"{_bib(csl['family'])[1:-1]}, {_bib(csl['given'])[1:-1]}")
                elif _words(name) >= 2 and "&" not in name:
                    people.append(_bib(name)[1:-1])
                else:  # an organisation: in braces, so BibTeX never reads it as family and given
                    people.append(_bib(name))
            fields.append(("author", " and ".join(people)))
        elif c.author:
            fields.append(("author", "{" + _bib(c.author)[1:-1] + "}"))
        if c.title:
            fields.append(("title", _bib(c.title)[1:-1]))
        if c.outlet:
            fields.append(("journal", _bib(c.outlet)[1:-1]))
        parts = _date_parts(c.date)
        if parts:
            fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
            fields.append(("year", str(parts[0])))
        if c.url:
            fields.append(("url", re.sub(r"[{}\s]", "", visible(c.url))))  # verbatim in BibLaTeX
        if c.lang:
            fields.append(("language", _bib(c.lang)[1:-1]))
        kind = "article" if c.outlet else "online"
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries[c.doc_id] = f"@{kind}{{{key},\n{body}\n}}\n"
    return "\n".join(entries.values())
