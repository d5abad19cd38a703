"""Markdown: YAML front matter as metadata; headings, links, emphasis and list markers as a
reader sees them; code blocks (fenced with ``` or ~~~, or indented) and tables kept out of the
prose, each one paragraph of kind "code" or "table" with its lines."""

from __future__ import annotations

import html
import re
import textwrap

from ...models import Paragraph
from ..metadata import normalise_date
from .base import Extracted, Format

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def front_matter(text: str) -> tuple[dict[str, str], int, int]:
    """(metadata, offset where the body starts, lines used) for a Markdown file's YAML header."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0, 0
    import yaml  # only Markdown with front matter pays for it

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, 0, 0
    if not isinstance(data, dict):
        return {}, 0, 0
    meta: dict[str, str] = {}
    for key, value in data.items():
        key = str(key).lower()
        if key in ("author", "authors", "by"):
            value = ", ".join(map(str, value)) if isinstance(value, list) else value
            meta.setdefault("author", str(value))
        elif key in ("outlet", "source", "site", "site_name", "publisher"):
            meta.setdefault("outlet", str(value))
        elif key in ("date", "published", "pubdate"):
            meta.setdefault("date", normalise_date(value))
        elif key in ("lang", "language"):
            meta.setdefault("lang", str(value))
        elif key == "title":
            meta[key] = " ".join(html.unescape(str(value)).split())  # folded ">" blocks, &amp;
        elif key == "url":
            meta[key] = str(value).strip()
    used_lines = match.group().count("\n") + (0 if match.group().endswith("\n") else 1)
    return meta, match.end(), used_lines


_MD_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"(`+)\s?(.+?)\s?\1(?!`)"), r"\2"),  # inline code, ``with `ticks` inside``
    (re.compile(r"^\s{0,3}(?:>\s?)+"), ""),  # block quotes
    (re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+"), ""),  # list markers
]


_SETEXT = re.compile(r"^(.*\S)\s+(?:=+|-+)\s*$")


def _markdown_paragraph(para: Paragraph) -> Paragraph:
    if para.kind == "code":  # an indented block without its indent
        return Paragraph(para.n, para.kind, para.start, para.end, textwrap.dedent(para.text.expandtabs(4)))
    if para.kind == "table":
        return Paragraph(para.n, para.kind, para.start, para.end, table_text(para.text))
    setext = _SETEXT.match(para.text)
    if setext and len(setext.group(1)) <= 120:  # "Title\n=====": a heading
        return Paragraph(para.n, "heading", para.start, para.end, markdown_text(setext.group(1)))
    return Paragraph(para.n, para.kind, para.start, para.end, markdown_text(para.text))


def markdown_text(text: str) -> str:
    """A Markdown paragraph as a reader sees it: link and image text, no markers."""
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text


_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")  # --- *** ___


def tidy(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """No rules; setext headings as headings; links, images and emphasis as their text."""
    return [_markdown_paragraph(p) for p in paragraphs if p.kind != "body" or not _MD_RULE.match(p.text)]


_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def table_text(text: str) -> str:
    """A pipe table as a reader sees it: a line a row, cells apart by " | ", no delimiter row,
    no Markdown inside the cells."""
    rows = []
    for line in text.split("\n"):
        if not line.strip() or _TABLE_DELIMITER.match(line):
            continue
        cells = re.split(r"(?<!\\)\|", line.strip().removeprefix("|").removesuffix("|"))
        rows.append(" | ".join(markdown_text(cell.strip()).replace("\\|", "|") for cell in cells))
    return "\n".join(rows)


_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")


def code_and_tables(text: str, offset: int) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The spans of ``text[offset:]`` that are code blocks and tables, and the text with the
    fence lines blanked (spaces: the offsets hold), so that neither fences nor code reach the
    prose.  A fence left open runs to the end, as CommonMark reads it."""
    lines: list[tuple[int, str]] = []  # (start, line without its break)
    position = offset
    for raw in text[offset:].splitlines(keepends=True):
        lines.append((position, raw.rstrip("\r\n")))
        position += len(raw)
    chars = list(text) if "`" in text or "~" in text else None
    spans: list[tuple[int, int, str]] = []
    i = 0
    previous_blank, previous_text = True, ""
    while i < len(lines):
        start, line = lines[i]
        fence = _FENCE.match(line)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            mark = fence.group(2)
            j = i + 1
            while j < len(lines) and not re.match(rf"^ {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}\s*$", lines[j][1]):
                j += 1
            if chars is not None:
                for k in (i, j):
                    if k < len(lines):
                        begin, fenced = lines[k]
                        chars[begin : begin + len(fenced)] = " " * len(fenced)
            if j > i + 1:
                spans.append((lines[i + 1][0], lines[j - 1][0] + len(lines[j - 1][1]), "code"))
            i, previous_blank, previous_text = j + 1, True, ""
            continue
        if (
            _INDENTED.match(line)
            and line.strip()
            and previous_blank
            and not _LIST_ITEM.match(previous_text)
            and not _INDENTED.match(previous_text)
        ):
            j = i
            while j < len(lines) and (_INDENTED.match(lines[j][1]) or not lines[j][1].strip()):
                j += 1
            while not lines[j - 1][1].strip():
                j -= 1
            spans.append((start, lines[j - 1][0] + len(lines[j - 1][1]), "code"))
            i, previous_blank, previous_text = j, False, lines[j - 1][1]
            continue
        if "|" in line and i + 1 < len(lines) and _TABLE_DELIMITER.match(lines[i + 1][1]) and "-" in lines[i + 1][1]:
            j = i + 2
            while j < len(lines) and "|" in lines[j][1] and lines[j][1].strip():
                j += 1
            spans.append((start, lines[j - 1][0] + len(lines[j - 1][1]), "table"))
            i, previous_blank, previous_text = j, False, lines[j - 1][1]
            continue
        if line.strip():
            previous_text = line
        previous_blank = not line.strip()
        i += 1
    return ("".join(chars) if chars is not None else text), tuple(spans)


def read(text: str) -> Extracted:
    matter, offset, used_lines = front_matter(text)
    prose, blocks = code_and_tables(text, offset)
    return Extracted(prose, offset, used_lines + 1, matter, "front matter", blocks=blocks)


FORMAT = Format("markdown", (".md", ".markdown"), read, tidy)
