"""Page furniture: which paragraphs are titles, bylines, taglines, captions, headings or
credits rather than the article's body, and what the header says of the document."""

from __future__ import annotations

import re
from collections import Counter

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
    kinds = [p.kind for p in paragraphs]  # a code block or a table is one already
    found: dict[str, str] = {}
    texts = [p.text.strip() for p in paragraphs]
    counts = Counter(texts)
    names = [n.casefold() for n in known_names if n]

    for i, text in enumerate(texts):
        if kinds[i] != BODY:
            continue
        if _MD_HEADING.match(text):
            kinds[i] = "heading"
        elif _CAPTION.search(text) and len(text) < 400:
            kinds[i] = "caption"
        elif counts[text] > 1 and len(text) < 400:
            kinds[i] = "caption"  # repeated verbatim: an image caption or pull quote

    # The header: everything before the first real body paragraph.
    first_body = next(
        (
            i
            for i, t in enumerate(texts)
            if kinds[i] == BODY
            and (_words(t) >= 15 or (_SENTENCE_END.search(t) and _words(t) >= 8 and not parse_byline(t)))
        ),
        len(texts),
    )
    previous_tagline = False
    for i in range(first_body):
        if kinds[i] != BODY:
            continue
        text = texts[i]
        byline = parse_byline(text)
        if byline:
            kinds[i] = "byline"
            found.setdefault("author", byline[0])
            if byline[1]:
                found.setdefault("date", byline[1])
            previous_tagline = False
            continue
        folded = text.casefold()
        if _TAGLINE.match(text) or any(n in folded for n in names) or previous_tagline:
            kinds[i] = "tagline"
            previous_tagline = True
            dash = re.split(r"\s[–—|]\s", text, maxsplit=1)
            if len(dash) == 2:
                found.setdefault("outlet", dash[0].strip())
            continue
        if "title" not in found:
            kinds[i] = "title"
            found["title"] = text.lstrip("# ").strip()
        else:
            kinds[i] = "tagline"
            previous_tagline = True

    # Headings inside the body.
    for i in range(first_body, len(texts)):
        if kinds[i] != BODY:
            continue
        text = texts[i]
        numbered = NUMBERED_HEADING.match(text) and len(text) <= 200
        followed = i + 1 < len(texts) and _words(texts[i + 1]) >= 15
        if (numbered and followed and _words(text) <= 30) or (_short_line(text) and followed and text[:1].isupper()):
            kinds[i] = "heading"

    # Credits and blurbs at the end.
    author = found.get("author", "").casefold()
    names_and_author = [*names, author] if author else names
    for i in range(len(texts) - 1, first_body - 1, -1):
        text = texts[i]
        if kinds[i] not in (BODY, "heading"):
            break
        blurb = _BLURB.match(text)
        if (
            _CREDIT_LABEL.match(text)
            or _CODE.match(text)
            or (
                blurb
                and len(text) < 400
                and (blurb.group("name").casefold() in names_and_author or not _SENTENCE_END.search(text))
            )
        ):
            kinds[i] = "credit"
        else:
            break
        if i < len(texts) - 4:
            break

    return [
        Paragraph(p.n, kind, p.start, p.end, _strip_md_heading(p.text) if kind == "heading" else p.text)
        if kind != p.kind
        else p
        for p, kind in zip(paragraphs, kinds, strict=True)
    ], found


def _strip_md_heading(text: str) -> str:
    return _MD_HEADING.sub(lambda m: " " * len(m.group()), text).strip() if _MD_HEADING.match(text) else text
