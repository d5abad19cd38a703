"""Markdown: YAML front matter as metadata; headings, links, emphasis and list markers as a
reader sees them."""

from __future__ import annotations

import html
import re

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
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"^\s{0,3}(?:>\s?)+"), ""),  # block quotes
    (re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+"), ""),  # list markers
]


_SETEXT = re.compile(r"^(.*\S)\s+(?:=+|-+)\s*$")


def _markdown_paragraph(para: Paragraph) -> Paragraph:
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
    return [_markdown_paragraph(p) for p in paragraphs if not _MD_RULE.match(p.text)]


def read(text: str) -> Extracted:
    matter, offset, used_lines = front_matter(text)
    return Extracted(text, offset, used_lines + 1, matter, "front matter")


FORMAT = Format("markdown", (".md", ".markdown"), read, tidy)
