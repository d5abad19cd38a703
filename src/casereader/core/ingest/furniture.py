"""Page furniture: which paragraphs are titles, bylines, taglines, captions, headings or
credits rather than the article's body, and what the header says of the document."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..models import BODY, Paragraph
from .metadata import parse_byline
from .paragraphs import NUMBERED_HEADING

_CAPTION = re.compile(
    r"\b(?:photo|foto|image|imagen|imagem|picture|credit|crédito)s?\s*(?::|by\b|de\b)|"
    r"\((?:photo|foto|image)\b|\b(?:reuters|ap photo|afp|getty images|efe)\s*\)?\s*\.?$",
    re.I,
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_SENTENCE_END = re.compile(r"[.!?:;,…\"”»)]\s*$")
_CREDIT_LABEL = re.compile(
    r"^(?:translation|translated by|traducción|tradução|source|fuente|fonte|editing|edited by|"
    r"edición|edição|photos?|fotos?|with information from|con información de|"
    r"com informações de)\s*:?\s+\S.{0,100}$",
    re.I,
)
_CODE = re.compile(r"^[A-Z0-9]{1,6}(?:/[A-Z0-9]{1,6})+\.?$")
_BLURB = re.compile(r"^(?P<name>[A-ZÁÉÍÓÚÑ][\w’'.\- ]{1,60}?)\s+(?:is|are|was|es|é)\s+(?:a|an|the|un|una|um|uma)\s")
_TAGLINE = re.compile(r"^[^.!?]{2,60}\s[–—|]\s\S")


def _words(text: str) -> int:
    return len(text.split())


def _short_line(text: str) -> bool:
    return len(text) <= 90 and _words(text) <= 12 and not _SENTENCE_END.search(text)


def classify(paragraphs: list[Paragraph], known_names: list[str]) -> tuple[list[Paragraph], dict[str, str]]:
    """Mark page furniture and read what the text says of itself (byline, title, outlet).

    Returns the paragraphs with their kinds and the metadata found in the text.
    """
    texts = [p.text.strip() for p in paragraphs]
    names = [n.casefold() for n in known_names if n]
    kinds = _by_their_look(texts, [p.kind for p in paragraphs])  # a code block or a table is one already
    first_body = _first_body(texts, kinds)
    found = _read_header(texts[:first_body], kinds, names)
    _mark_headings(texts, kinds, first_body)
    author = found.get("author", "").casefold()
    _mark_credits(texts, kinds, first_body, [*names, author] if author else names)
    return [
        replace(p, kind=kind, text=_strip_md_heading(p.text) if kind == "heading" else p.text) if kind != p.kind else p
        for p, kind in zip(paragraphs, kinds, strict=True)
    ], found


def _by_their_look(texts: list[str], given: list[str]) -> list[str]:
    """Each paragraph's kind from its own text, where its format gave none (a code block or a
    table keeps its kind): a Markdown heading, a caption (a photo credit, or a line repeated
    verbatim: an image caption or pull quote), else body."""
    counts = Counter(texts)
    kinds = list(given)
    for i, text in enumerate(texts):
        if kinds[i] != BODY:
            continue
        if _MD_HEADING.match(text):
            kinds[i] = "heading"
        elif (_CAPTION.search(text) or counts[text] > 1) and len(text) < 400:
            kinds[i] = "caption"
    return kinds


def _first_body(texts: list[str], kinds: list[str]) -> int:
    """Where the header ends: the first real body paragraph (long, or a sentence that is
    not a byline)."""
    for i, text in enumerate(texts):
        if kinds[i] != BODY:
            continue
        if _words(text) >= 15 or (_SENTENCE_END.search(text) and _words(text) >= 8 and not parse_byline(text)):
            return i
    return len(texts)


def _read_header(header: list[str], kinds: list[str], names: list[str]) -> dict[str, str]:
    """Mark the header's lines as byline, tagline or title (in ``kinds``), and return what
    they say of the document: author and date, outlet, title."""
    found: dict[str, str] = {}
    after_tagline = False  # a line after a tagline is one too
    for i, text in enumerate(header):
        if kinds[i] == "title":  # the format's own headline (a web page's <h1>)
            found.setdefault("title", text)
        if kinds[i] == BODY:
            kinds[i] = _header_line(text, names, after_tagline, found)
            after_tagline = kinds[i] == "tagline"
    return found


def _header_line(text: str, names: list[str], after_tagline: bool, found: dict[str, str]) -> str:
    """The kind of one header line; what it says is added to ``found`` (the first wins)."""
    byline = parse_byline(text)
    if byline:
        found.setdefault("author", byline[0])
        if byline[1]:
            found.setdefault("date", byline[1])
        return "byline"
    folded = text.casefold()
    if _TAGLINE.match(text) or any(n in folded for n in names) or after_tagline:
        dash = re.split(r"\s[–—|]\s", text, maxsplit=1)
        if len(dash) == 2:
            found.setdefault("outlet", dash[0].strip())
        return "tagline"
    if "title" in found:
        return "tagline"
    found["title"] = text.lstrip("# ").strip()
    return "title"


def _mark_headings(texts: list[str], kinds: list[str], first_body: int) -> None:
    """Headings inside the body: a numbered or short line that a long paragraph follows."""
    for i in range(first_body, len(texts)):
        if kinds[i] != BODY:
            continue
        text = texts[i]
        numbered = NUMBERED_HEADING.match(text) and len(text) <= 200
        followed = i + 1 < len(texts) and _words(texts[i + 1]) >= 15
        if (numbered and followed and _words(text) <= 30) or (_short_line(text) and followed and text[:1].isupper()):
            kinds[i] = "heading"


def _mark_credits(texts: list[str], kinds: list[str], first_body: int, names: list[str]) -> None:
    """Credits and blurbs at the end (at most the last four lines, up from the last)."""
    for i in range(len(texts) - 1, first_body - 1, -1):
        if kinds[i] not in (BODY, "heading") or not _is_credit(texts[i], names):
            break
        kinds[i] = "credit"
        if i < len(texts) - 4:
            break


def _is_credit(text: str, names: list[str]) -> bool:
    """A credit line ("Translation: …", "EFE/AP"), or a blurb about one of ``names`` (or
    one that is not a sentence): "Ana Pérez is a reporter at …"."""
    if _CREDIT_LABEL.match(text) or _CODE.match(text):
        return True
    blurb = _BLURB.match(text)
    return bool(
        blurb and len(text) < 400 and (blurb.group("name").casefold() in names or not _SENTENCE_END.search(text))
    )


def _strip_md_heading(text: str) -> str:
    return _MD_HEADING.sub(lambda m: " " * len(m.group()), text).strip() if _MD_HEADING.match(text) else text
