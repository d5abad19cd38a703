"""Reading a case folder: files become documents of numbered, classified paragraphs.

Nothing here writes anywhere; the index module decides what to do with the documents.
"""

from __future__ import annotations

import codecs
import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .metadata import Catalog, merge_meta, normalise_date, parse_byline
from .models import BODY, Document, Paragraph

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text", *MARKDOWN_SUFFIXES)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MAX_FILE_BYTES = 20 * 1024 * 1024


class UnreadableFile(Exception):
    """A file that cannot become a document; the message is the reason shown to the user."""


def is_hidden(relative: Path) -> bool:
    """A path inside a case folder that casereader never reads: a hidden file or folder
    (editors' swap files, ``.git``)."""
    return any(part.startswith(".") for part in relative.parts)


def is_article_path(relative: Path) -> bool:
    """Whether a path inside a case folder names an article: not hidden, and a text,
    Markdown or web page suffix."""
    return not is_hidden(relative) and relative.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES


def case_files(folder: Path) -> Iterator[Path]:
    """Every candidate article under ``folder``, recursively, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if is_article_path(path.relative_to(folder)) and path.is_file():
            yield path


def decode(data: bytes) -> str:
    """Decode a text file's bytes, or raise UnreadableFile saying why.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are taken as they are; UTF-8 with a
    few stray invalid bytes keeps everything else (the bad bytes become U+FFFD); anything
    else (Latin-1, Windows-125x, GB2312, UTF-16 without BOM…) is detected with
    charset-normalizer.  NUL and invisible zero-width characters are removed.
    """
    if not data.strip():
        raise UnreadableFile("empty file")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _clean(_not_binary(data.decode(encoding)))
            except UnicodeDecodeError as exc:
                raise UnreadableFile(f"not valid {encoding.upper()} text ({exc.reason})") from exc
    head = data[:8192]
    nuls = head.count(0)
    if nuls > max(4, len(head) // 100):
        return _clean(_not_binary(_detect(data, "binary file (contains NUL bytes)", unicode_only=True)))
    try:
        return _clean(_not_binary(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(2, len(text) // 1000) and _looks_utf8(data):
        return _clean(_not_binary(text))  # a few stray bytes in a UTF-8 file
    failure = "binary file (contains NUL bytes)" if nuls else "not text in any encoding casereader can detect"
    return _clean(_not_binary(_detect(data, failure)))


def _looks_utf8(data: bytes) -> bool:
    """Whether the file has valid multi-byte UTF-8 sequences (not just ASCII and junk)."""
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is not None or data.isascii()


def _detect(data: bytes, failure: str, unicode_only: bool = False) -> str:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000] if len(data) > 200_000 else data))
    best = results[0] if results else None
    if best is not None:
        # Short Western texts fit several single-byte code pages equally well ("São" is
        # "Săo" in cp1250): prefer the Western ones among the equally good.
        for candidate in results:
            if candidate.encoding in _WESTERN and candidate.chaos <= best.chaos + 0.1:
                best = candidate
                break
    if best is None or (unicode_only and not best.encoding.startswith("utf")):
        raise UnreadableFile(failure)
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError as exc:  # pragma: no cover - charset-normalizer names Python codecs
        raise UnreadableFile(failure) from exc


_WESTERN = ("cp1252", "latin_1", "iso8859_15", "utf_8")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
# NUL, zero-width space, word joiner, BOM inside the text, soft hyphen: invisible, and they
# split words ("Bo\u200blívar") for search.  Joiners that shape scripts (ZWJ/ZWNJ) stay.
_INVISIBLE = dict.fromkeys(map(ord, "\x00\u200b\u2060\ufeff\u00ad"))


def _not_binary(text: str) -> str:
    """Reject decoded text that is mostly control characters (a binary file with a BOM)."""
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 20):
        raise UnreadableFile("binary file (mostly control characters)")
    return text


def _clean(text: str) -> str:
    return text.translate(_INVISIBLE)


# --- paragraphs --------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LIST_OR_HEADING = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|>)")


@dataclass
class _Line:
    n: int
    start: int
    end: int  # without the line break
    text: str


def _lines(text: str, offset: int, first_line: int) -> list[_Line]:
    lines = []
    n = first_line
    for match in _LINE.finditer(text, offset):
        raw = match.group()
        if not raw:
            break
        body = raw.rstrip("\r\n")
        lines.append(_Line(n, match.start(), match.start() + len(body), body))
        n += 1
    return lines


def split_paragraphs(text: str, offset: int = 0, first_line: int = 1) -> list[Paragraph]:
    """Paragraphs of ``text[offset:]`` with their numbers and offsets.

    One-paragraph-per-line text (like text copied from a web page) gives one paragraph per
    non-empty line, numbered by its line so "¶35" is line 35 in any editor.  Hard-wrapped
    blocks separated by blank lines give one paragraph per block, numbered 1, 2, 3...; the
    line breaks inside a block are shown as spaces (same length, so offsets still hold).
    """
    blocks: list[list[_Line]] = [[]]
    for line in _lines(text, offset, first_line):
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    wrapped = any(_is_wrapped(b) for b in blocks)
    paragraphs: list[Paragraph] = []
    for block in blocks:
        groups = [block] if wrapped and _is_wrapped(block) else [[line] for line in block]
        for group in groups:
            start, end = group[0].start, group[-1].end
            raw = text[start:end]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw) - len(raw.rstrip())
            start, end = start + lead, end - trail
            shown = text[start:end].replace("\r\n", " \n").replace("\r", "\n").replace("\n", " ")
            number = len(paragraphs) + 1 if wrapped else group[0].n
            paragraphs.append(Paragraph(number, BODY, start, end, shown))
    return paragraphs


MAX_PASSAGE_WORDS = 300  # longer paragraphs (a whole article on one line) are split
_SENTENCE_GAP = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+(?=[\"“«¿¡(]*[A-ZÀ-ÖØ-Þ0-9])")


def split_long(paragraphs: list[Paragraph], text: str) -> list[Paragraph]:
    """Split paragraphs of more than MAX_PASSAGE_WORDS words into passages at sentence
    boundaries (at a space when one sentence is longer still), keeping order and offsets.
    When anything is split, the document's paragraphs are numbered 1, 2, 3… in order."""
    if all(len(p.text.split()) <= MAX_PASSAGE_WORDS for p in paragraphs):
        return paragraphs
    pieces: list[tuple[int, int]] = []
    for para in paragraphs:
        if len(para.text.split()) <= MAX_PASSAGE_WORDS:
            pieces.append((para.start, para.end))
            continue
        cuts = [para.start + m.end() for m in _SENTENCE_GAP.finditer(para.text)]
        start = para.start
        last_cut = start
        for cut in [*cuts, para.end]:
            if len(text[start:cut].split()) > MAX_PASSAGE_WORDS and last_cut > start:
                pieces.append((start, last_cut))
                start = last_cut
            while len(text[start:cut].split()) > MAX_PASSAGE_WORDS:  # one enormous sentence
                words = list(re.finditer(r"\S+", text[start:cut]))
                end = start + words[MAX_PASSAGE_WORDS - 1].end()
                pieces.append((start, end))
                start = end + len(text[end:cut]) - len(text[end:cut].lstrip())
            last_cut = cut
        if start < para.end:
            pieces.append((start, para.end))
    result = []
    for number, (start, end) in enumerate(pieces, 1):
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        start, end = start + lead, end - trail
        shown = text[start:end].replace("\r\n", " \n").replace("\r", "\n").replace("\n", " ")
        result.append(Paragraph(number, BODY, start, end, shown))
    return result


def _is_wrapped(block: list[_Line]) -> bool:
    """Hard-wrapped prose: short lines that mostly break in mid-sentence."""
    if len(block) < 2:
        return False
    if any(_LIST_OR_HEADING.match(line.text) for line in block[1:]):
        return False
    if max(len(line.text) for line in block) > 100:
        return False
    # A break in mid-sentence: no full stop, and the next line goes on in lower case.  A
    # headline over a byline over a sentence ("Nota de prensa / Por Ana Ruiz | …") has no
    # full stops either, but each line starts anew.
    breaks = list(pairwise(block))
    mid = sum(1 for line, after in breaks if not _FULL_STOP.search(line.text) and _continues(after.text))
    return mid >= len(breaks) / 2


def _continues(text: str) -> bool:
    """A line that carries on the line before: starts in lower case, or underlines it
    (a Markdown setext heading)."""
    first = text.lstrip()[:1]
    if first.islower() or _UNDERLINE.match(text):
        return True
    return first.isdigit() and not _NUMBERED_HEADING.match(text.lstrip())


_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")


# --- furniture ---------------------------------------------------------------------------

_CAPTION = re.compile(
    r"\b(?:photo|foto|image|imagen|imagem|picture|credit|crédito)s?\s*(?::|by\b|de\b)|"
    r"\((?:photo|foto|image)\b|\b(?:reuters|ap photo|afp|getty images|efe)\s*\)?\s*\.?$",
    re.I,
)
_NUMBERED_HEADING = re.compile(r"^\d{1,2}[.)]\s+\S")
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")  # --- *** ___
_FULL_STOP = re.compile(r"[.!?…\"”»]\s*$")
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
    kinds = [BODY] * len(paragraphs)
    found: dict[str, str] = {}
    texts = [p.text.strip() for p in paragraphs]
    counts = Counter(texts)
    names = [n.casefold() for n in known_names if n]

    for i, text in enumerate(texts):
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
        numbered = _NUMBERED_HEADING.match(text) and len(text) <= 200
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


# --- front matter --------------------------------------------------------------------------

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


# --- Markdown ----------------------------------------------------------------------------

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


# --- saved web pages -------------------------------------------------------------------

MIN_PAGE_WORDS = 8  # fewer extracted words than this is a menu or an error page, not an article
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)


def extract_html(page: str) -> tuple[str, dict[str, str]]:
    """The article's main text (one paragraph per line) and the page's own metadata.

    trafilatura reads the page from the string given (never the network) and leaves out
    navigation, ads, comments and related-links boxes; og:/JSON-LD/<time>/meta author come
    before its guesses.
    """
    import trafilatura

    text = trafilatura.extract(
        page, output_format="txt", include_comments=False, include_tables=True, favor_precision=True
    )
    if not text or len(text.split()) < MIN_PAGE_WORDS:
        raise UnreadableFile("no article text found in the page")
    meta: dict[str, str] = {}
    found = trafilatura.extract_metadata(page)
    if found is not None:
        for key, value in (
            ("title", found.title),
            ("author", found.author),
            ("date", found.date),
            ("outlet", found.sitename or found.hostname),
            ("url", found.url),
        ):
            if value:
                meta[key] = normalise_date(value) if key == "date" else str(value).replace(";", ",")
    lang = _HTML_LANG.search(page[:5000])
    if lang:
        meta["lang"] = lang.group(1).lower()
    return text, meta


# --- a whole file --------------------------------------------------------------------------


def doc_id_for(relpath: str) -> str:
    """Document ids are the relative path without its suffix: ``000_931ed05bed4de436``."""
    path = Path(relpath)
    return path.with_suffix("").as_posix()


def read_document(folder: Path, path: Path, catalog: Catalog, doc_id: str | None = None) -> Document:
    """Read one file into a Document; raise UnreadableFile with the reason when it can't."""
    relpath = path.relative_to(folder).as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(f"too large ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 10**6} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror or exc})") from exc
    text = decode(data)
    page: dict[str, str] = {}
    suffix = path.suffix.lower()
    markdown = suffix in MARKDOWN_SUFFIXES
    if suffix in HTML_SUFFIXES:
        text, page = extract_html(text)
    matter, offset, used_lines = front_matter(text) if markdown else ({}, 0, 0)
    paragraphs = split_long(split_paragraphs(text, offset, first_line=used_lines + 1), text)
    if not paragraphs:
        raise UnreadableFile("no text (only blank lines or front matter)")
    entry = catalog.entry(relpath)
    known = [entry.get("outlet", ""), matter.get("outlet", ""), page.get("outlet", "")]
    paragraphs, from_text = classify(paragraphs, known)
    if markdown:
        paragraphs = [_markdown_paragraph(p) for p in paragraphs if not _MD_RULE.match(p.text)]
    stem = path.stem.replace("_", " ").replace("-", " ").strip()
    meta = merge_meta(
        [
            ("catalog", entry),
            ("page metadata", page),
            ("front matter", matter),
            ("text", from_text),
            ("file name", {"title": stem}),
        ]
    )
    if not meta.lang:
        from .language import detect

        lang = detect(" ".join(p.text for p in paragraphs if p.is_body))
        if lang:
            meta.lang = lang
            meta.sources["lang"] = "detected"
    return Document(doc_id or doc_id_for(relpath), relpath, meta, paragraphs)
