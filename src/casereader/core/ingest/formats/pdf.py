"""PDF: its text layer read with PDFium (pypdfium2), its paragraphs rebuilt from the lines'
positions (``pdf_layout``), each knowing its page; title, author and date from its metadata.

pypdfium2 was chosen over pdfminer.six by measuring both on the fixtures (CHANGELOG.md):
as faithful a paragraph for paragraph once the lines are rebuilt here, and some 10 times faster
(117 pages in about a second).  A PDF without a text layer (a scan) is skipped, "no text layer";
one that needs a password, "encrypted"; a damaged one, "damaged".
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from statistics import median
from typing import Any

from ...models import Paragraph, UnreadableFile
from ..metadata import parse_date
from .base import Extracted, Format, no_text
from .pdf_layout import Line, Page, build_paragraphs

MAX_PDF_BYTES = 200 * 1024 * 1024


def read_pages(data: bytes) -> tuple[list[Page], dict[str, str]]:
    """Every page's lines (text, box, type size, weight) and the document's metadata."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).casefold()
        if "password" in message:
            raise UnreadableFile("encrypted (the PDF needs a password)") from exc
        raise UnreadableFile(f"damaged or not a PDF ({exc})") from exc
    try:
        info = pdf.get_metadata_dict(skip_empty=True)
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    lines = _page_lines(textpage, raw, height)
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append(Page(index + 1, width, height, lines))
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(f"damaged ({exc})") from exc
    finally:
        pdf.close()
    return pages, {k: str(v) for k, v in info.items()}


def _page_lines(textpage: Any, raw: Any, height: float) -> list[Line]:
    """A page's lines from PDFium's characters.  PDFium breaks the text where the writing
    jumps to another line, but not where it jumps across a column's gutter on the same line
    (a three-column page set line by line): a run of text is cut where the space between two
    characters is wider than a justified line's word spaces, or where it goes back leftwards.
    Pieces that sit on one line (a superscript, a word set apart) are put back together."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    got = raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP, or generated ones: one at a time
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD) for i in range(count))
    segments: list[tuple[int, int]] = []
    start = None
    for i, char in enumerate(text):
        if char in "\r\n":
            if start is not None:
                segments.append((start, i))
                start = None
        elif char == "\ufffe":  # PDFium's mark of a hyphen at a line's end: the line ends there
            if start is not None:
                segments.append((start, i + 1))
            start = None
        elif start is None:
            start = i
    if start is not None:
        segments.append((start, count))
    rect = raw.FS_RECTF()
    box = raw.FPDFText_GetLooseCharBox
    pieces: list[_Piece] = []
    for first, last in segments:
        chars: list[tuple[int, float, float, float, float]] = []  # index, left, right, top, bottom
        begin = first
        for i in range(first, last):
            if text[i].isspace() or text[i] == "\ufffe" or not box(textpage, i, ctypes.byref(rect)):
                continue
            if chars:
                previous = chars[-1]
                low, high = sorted((rect.top - rect.bottom, previous[3] - previous[4]))
                em = high / 1.15
                gap = rect.left - previous[2]
                back = rect.left < previous[1] - 0.25 * em  # not a ligature's second letter, in its box
                smaller = low < 0.6 * high and gap > 0.1 * em and text[i].isalpha() and text[previous[0]].isalpha()
                if gap > _SPLIT_GAP * em or back or smaller:
                    # a gutter, a tab, back leftwards, or words in far smaller type set apart
                    _add_piece(pieces, text, begin, i, chars, textpage, raw, height)
                    begin, chars = i, []
            chars.append((i, rect.left, rect.right, rect.top, rect.bottom))
        _add_piece(pieces, text, begin, last, chars, textpage, raw, height)
    return _merged(pieces, raw)


# A run of text is cut where two characters stand further apart than this, in ems: the widest
# word spaces of justified lines in the fixtures are 0.8-1.45 em, a three-column page's
# gutters 1.3 em and more; the pieces of one line are put together again once the page's
# columns are known (pdf_layout).
_SPLIT_GAP = 0.8


def _add_piece(
    pieces: list[_Piece],
    text: str,
    first: int,
    last: int,
    chars: list[tuple[int, float, float, float, float]],
    textpage: Any,
    raw: Any,
    height: float,
) -> None:
    chunk = text[first:last].replace("\ufffe", "-")
    if not chars or not chunk.strip():
        return
    # The type's size as set on the page: the loose box's height of most of its characters
    # (the font size PDFium reports is 1 where the text matrix does the scaling).
    sizes = Counter(round((c[3] - c[4]) / 1.15 * 2) / 2 for c in chars)
    step = max(1, len(chars) // 12)  # a dozen characters tell a piece's weight
    samples = chars[::step]
    heavy = sum(raw.FPDFText_GetFontWeight(textpage, c[0]) >= 600 for c in samples)
    pieces.append(
        _Piece(
            chunk,
            min(c[1] for c in chars),
            max(c[2] for c in chars),
            # Most of its characters' box: a bullet or a symbol from another font is taller.
            height - median(c[3] for c in chars),
            height - median(c[4] for c in chars),
            sizes.most_common(1)[0][0],
            heavy * 2 > len(samples),
            first,
            textpage,
        )
    )


def _alike(text: str, size: float, other: float) -> bool:
    """Type of about the same size, or no words (math symbols' boxes are of other sizes)."""
    return 0.6 <= size / other <= 1.67 or sum(c.isalpha() for c in text) < 3


class _Piece:
    __slots__ = ("bold", "bottom", "first", "size", "text", "textpage", "top", "x0", "x1")

    def __init__(
        self, text: str, x0: float, x1: float, top: float, bottom: float, size: float, bold: bool, first: int, tp: Any
    ) -> None:
        self.text, self.x0, self.x1, self.top, self.bottom = text, x0, x1, top, bottom
        self.size, self.bold, self.first, self.textpage = size, bold, first, tp


def _merged(pieces: list[_Piece], raw: Any) -> list[Line]:
    """Pieces of one line written apart (a superscript note mark, a word in another font)
    put back together when they touch or one sits inside the other; the characters of a piece
    put inside another are placed by their positions.  Pieces set apart by a gutter or a tab
    stay apart: the layout decides whether they are columns or one line."""
    lines: list[list[_Piece]] = []
    for piece in pieces:
        height = piece.bottom - piece.top
        home = None
        for group in reversed(lines[-8:]):
            main = group[0]
            overlap = min(main.bottom, piece.bottom) - max(main.top, piece.top)
            if overlap < 0.5 * min(height, main.bottom - main.top):
                continue
            x0, x1 = min(p.x0 for p in group), max(p.x1 for p in group)
            em = max(piece.size, main.size)
            touches = piece.x0 - x1 < _SPLIT_GAP * em and x0 - piece.x1 < _SPLIT_GAP * em
            alike = _alike(piece.text, piece.size, main.size) or len(piece.text.strip()) <= 4  # or a note mark
            if touches and alike:
                home = group
                break
        if home is None:
            lines.append([piece])
        else:
            home.append(piece)
    result = []
    for group in lines:
        group.sort(key=lambda p: p.x0)
        main = max(group, key=lambda p: len(p.text))
        text = group[0].text
        reach = group[0]
        for piece in group[1:]:
            gap = piece.x0 - reach.x1
            if gap < -0.5 * piece.size:  # inside the text before: a note mark, placed where it sits
                text = _insert(text, reach, piece, raw)
                continue
            text += ("" if gap < 0.15 * piece.size or text.endswith(" ") else " ") + piece.text
            reach = piece
        result.append(
            Line(
                text,
                min(p.x0 for p in group),
                max(p.x1 for p in group),
                main.top,
                main.bottom,
                main.size,
                main.bold,
            )
        )
    return result


def _insert(text: str, host: _Piece, piece: _Piece, raw: Any) -> str:
    """``piece`` (a note mark) put into ``text`` where it sits inside ``host``: after the last
    character of ``host`` that starts left of it ("(DMCA)1 was signed")."""
    at = text.find(host.text)
    if at < 0:
        return text + piece.text.strip()
    rect = raw.FS_RECTF()
    low, high = 0, len(host.text)
    while low < high:  # the first character starting right of the mark
        mid = (low + high) // 2
        if raw.FPDFText_GetLooseCharBox(host.textpage, host.first + mid, ctypes.byref(rect)) and rect.left < piece.x0:
            low = mid + 1
        else:
            high = mid
    cut = at + low
    while cut > at and text[cut - 1] == " ":
        cut -= 1
    return text[:cut] + piece.text.strip() + text[cut:]


def _pdf_date(value: str) -> str:
    """A PDF date ("D:20130613093312-04'00'") as ISO 8601; "" for the empty ones (D:0000…)."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if not match or match.group(1) in ("0000", "1601") or int(match.group(1)) < 1900:
        return ""
    parts = [match.group(1)] + [p for p in match.groups()[1:] if p]
    return "-".join(parts)


_FILING_MARKS = re.compile(r"^\d{1,2}-\d{1,5}\s+|\s*\(\d{1,2}/\d{1,2}/\d{2,4}\)$")
_DECIDED = re.compile(r"(?:Decided|Filed|FILED|Dated|Date of (?:decision|judgment))\s*:?\s*(.{6,40})")
_JUNK_TITLE = re.compile(
    r"(?i)^(?:microsoft (?:word|powerpoint) - |untitled|document\d*$)|\.(?:docx?|wpd|pdf|rtf|tex|dvi|indd|qxd)$"
)


def metadata(info: dict[str, str], paragraphs: list[tuple[str, str, int]], first: list[str]) -> dict[str, str]:
    """Title, author and date from the document's information dictionary; a title that is a
    file name or a placeholder is not one; a date missing there may be printed on page 1."""
    meta: dict[str, str] = {}
    title = " ".join(info.get("Title", "").split())
    title = _FILING_MARKS.sub("", title).strip()  # "11-889 Tarrant … v. Herrmann (06/13/2013)"
    if title and not _JUNK_TITLE.search(title):
        meta["title"] = title
    author = " ".join(info.get("Author", "").split())
    if author and not re.fullmatch(r"(?i)(?:user|admin|administrator|owner|unknown|author)\d*", author):
        meta["author"] = author
    first_page = [text for _, text, page in paragraphs if page == 1][:25]
    decided = (  # the date a court decided or filed it, as printed: not when the PDF was made
        parse_date(match.group(1))
        for text in first + first_page
        if (match := _DECIDED.search(text)) and len(text) < 200
    )
    date = next((found for found in decided if found), "") or _pdf_date(info.get("CreationDate", ""))
    if not date:
        date = next((found for text in first_page[:12] if len(text) < 80 and (found := parse_date(text))), "")
    if date:
        meta["date"] = date
    return meta


def read_pdf(data: bytes) -> list[Extracted]:
    pages, info = read_pages(data)
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise UnreadableFile("no text layer (a scanned PDF: run it through OCR to read it)")
    built = build_paragraphs(pages)
    paragraphs = []
    text_parts: list[str] = []
    position = 0
    for n, (kind, text, page) in enumerate(built, 1):
        paragraphs.append(Paragraph(n, kind, position, position + len(text), text, page))
        text_parts.append(text)
        position += len(text) + 2
    if not paragraphs:
        raise UnreadableFile("no text layer (a scanned PDF: run it through OCR to read it)")
    return [
        Extracted(
            "\n\n".join(text_parts),
            meta=metadata(info, built, [line.text for line in pages[0].lines] if pages else []),
            origin="PDF metadata",
            paragraphs=tuple(paragraphs),
        )
    ]


FORMAT = Format("pdf", (".pdf",), no_text, read_bytes=read_pdf, max_bytes=MAX_PDF_BYTES)
