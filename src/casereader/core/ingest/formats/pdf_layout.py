"""A PDF's paragraphs rebuilt from its positioned lines, whatever library read them.

A PDF holds glyphs at positions, not paragraphs.  Here the lines of each page are put in
reading order (columns found by cutting the page along its white gaps; the pieces of a row
that no column gap parts are one line again), running headers, footers and page numbers are
told from text (they repeat page after page, or carry the page's number, in the page's
margins), footnotes from body (smaller type under the body), and lines are joined into
paragraphs: a paragraph ends where the spacing grows (for the type's size, or for the
paragraph's own spacing: a block quote set tighter), the next line is indented, a line is
centred (a caption, a section's letter), the line stops short after a full stop, or the type
changes (a heading; capitals then lower case: a title and its subtitle).  A paragraph cut by
a page or column break goes on across it.  A word hyphenated at a line's end is joined
("imple-/mented"), a compound keeps its hyphen ("breach-/of-contract", "Schwarz-/Weiß"), a
dash set close keeps its words close ("Compact—/recognizing").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from statistics import median


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float  # y grows downwards: top < bottom
    bottom: float
    size: float  # the font size most of its characters have
    bold: bool = False


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass
class Block:
    """Lines of one column, in reading order, with the column's left and right edges."""

    lines: list[Line]
    left: float
    right: float

    @cached_property
    def lo(self) -> float:
        """Where its leftmost line starts (``left`` is where most start)."""
        return min((line.x0 for line in self.lines), default=self.left)

    @cached_property
    def hi(self) -> float:
        return max((line.x1 for line in self.lines), default=self.right)


@dataclass
class Para:
    kind: str  # "body", "heading" or "footnote"
    lines: list[Line]
    page: int
    column: tuple[float, float]
    last_page: int = 0  # the page of its last line

    def add(self, line: Line, page: int) -> None:
        self.lines.append(line)
        self.last_page = page

    @property
    def last(self) -> Line:
        return self.lines[-1]


# --- reading order ---------------------------------------------------------------------------


def _gaps(intervals: list[tuple[float, float]], minimum: float) -> list[tuple[float, float]]:
    """The gaps at least ``minimum`` wide between the union of ``intervals``."""
    found = []
    intervals = sorted(intervals)
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start - reach >= minimum:
            found.append((reach, start))
        reach = max(reach, end)
    return found


def _edges(lines: list[Line]) -> tuple[float, float]:
    """A column's left edge (where most of its lines start) and right edge (its widest line)."""
    starts = Counter(round(line.x0) for line in lines)
    common = starts.most_common(1)[0]
    left = common[0] if common[1] >= 3 else min(line.x0 for line in lines)
    return float(left), max(line.x1 for line in lines)


def _rows_of(lines: list[Line]) -> int:
    """How many rows of text ``lines`` stand on (lines side by side count once)."""
    bottoms: list[float] = []
    for line in sorted(lines, key=lambda line: line.top):
        if not bottoms or line.top > bottoms[-1] - 0.5 * (line.bottom - line.top):
            bottoms.append(line.bottom)
    return len(bottoms)


def _column_of_text(lines: list[Line]) -> bool:
    """Lines that make a column: more than one row, and words, not only numbers or symbols
    (a contents page's page numbers, a list's bullets)."""
    rows = _rows_of(lines)
    return rows > 1 and sum(c.isalpha() for line in lines for c in line.text) >= 4 * rows


def reading_order(lines: list[Line], left: float, right: float, size: float, depth: int = 0) -> list[Block]:
    """Recursive XY cut: columns where a white gap runs down the whole region, else bands where
    one runs across it; a region neither cuts is one block, read top to bottom, its pieces
    side by side on one row joined as one line.  A gap with a single row or no words on one
    side is no column (a tab in a line, a word set apart, a column of page numbers)."""
    if len(lines) <= 1 or depth > 60:
        return [Block(_rows(lines), left, right)] if lines else []
    columns = _gaps([(line.x0, line.x1) for line in lines], max(1.2 * size, 8.0))
    for cut in sorted(columns, key=lambda gap: gap[0] - gap[1]):
        middle = (cut[0] + cut[1]) / 2
        before = [line for line in lines if (line.x0 + line.x1) / 2 < middle]
        after = [line for line in lines if (line.x0 + line.x1) / 2 >= middle]
        if before and after and _column_of_text(before) and _column_of_text(after):
            return reading_order(before, *_edges(before), size, depth + 1) + reading_order(
                after, *_edges(after), size, depth + 1
            )
    bands = _gaps([(line.top, line.bottom) for line in lines], 1.2 * size)
    if not bands:
        return [Block(_rows(lines), left, right)]
    cut = max(bands, key=lambda gap: gap[1] - gap[0])
    middle = (cut[0] + cut[1]) / 2
    above = [line for line in lines if line.top < middle]
    below = [line for line in lines if line.top >= middle]
    if not above or not below:
        return [Block(_rows(lines), left, right)]
    # A band keeps the region's edges unless it cuts into columns of its own.
    return reading_order(above, left, right, size, depth + 1) + reading_order(below, left, right, size, depth + 1)


def _rows(lines: list[Line]) -> list[Line]:
    """A block's lines in reading order, the pieces that stand side by side on one row joined
    (a run-in head and its text, a bullet and its item, the words on both sides of a tab)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.top):
        height = line.bottom - line.top
        for row in reversed(rows[-3:]):
            main = max(row, key=lambda piece: len(piece.text))
            overlap = min(main.bottom, line.bottom) - max(main.top, line.top)
            if overlap >= 0.5 * min(height, main.bottom - main.top):
                row.append(line)
                break
        else:
            rows.append([line])
    joined = [line for row in rows for line in _row_lines(row)]
    return sorted(joined, key=lambda line: (round(line.top), line.x0))


def _row_lines(row: list[Line]) -> list[Line]:
    """A row's pieces as one line; a warning sign and its label left out; pieces in type of
    another size (a clerk's stamp beside a title) stay lines of their own."""
    if len(row) == 1:
        return row
    row.sort(key=lambda piece: piece.x0)
    main = max(row, key=lambda piece: len(piece.text))
    kept = [piece for piece in row if piece is main or not _icon(piece, row, main)]
    apart = [piece for piece in kept if _other_type(piece, main)]
    alike = [piece for piece in kept if not _other_type(piece, main)]
    text = " ".join(" ".join(piece.text.split()) for piece in alike)
    line = Line(text, alike[0].x0, max(p.x1 for p in alike), main.top, main.bottom, main.size, main.bold)
    return [line, *apart]


def _other_type(piece: Line, main: Line) -> bool:
    """Words in type less than half or more than twice the size of the row's main text."""
    return not 0.4 <= piece.size / main.size <= 2.5 and sum(c.isalpha() for c in piece.text) >= 3


def _icon(piece: Line, row: list[Line], main: Line) -> bool:
    """A warning sign at the start or end of a row, set apart from the text: a symbol far
    larger or smaller than the text, or its label in small capitals ("CAUTION", "TIP")."""
    at = row.index(piece)
    if 0 < at < len(row) - 1:
        return False
    neighbour = row[1] if at == 0 else row[-2]
    apart = (neighbour.x0 - piece.x1 if at == 0 else piece.x0 - neighbour.x1) > main.size
    text = piece.text.strip()
    if not any(c.isalnum() for c in text):  # a sign, not a formula's arrow or operator
        sign = not any(unicodedata.category(c) == "Sm" for c in text)
        return sign and apart and len(text) <= 2 and not 0.7 < piece.size / main.size < 1.4
    letters = text.replace(" ", "")
    return letters.isalpha() and letters.isupper() and len(text.split()) <= 2 and piece.size < 0.8 * main.size


# --- page furniture --------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\W*(?:page\s+|p\.\s*|seite\s+|página\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s+of\s+\d+)?\W*$", re.I
)
_DIGITS = re.compile(r"\d+")


def _shape(text: str) -> str:
    """A line's text with its numbers as #: running headers differ only in their page numbers."""
    return _DIGITS.sub("#", " ".join(text.split()))


def _carries_number(text: str, number: int) -> bool:
    """A line whose first or last word is the page's number (give or take a front matter's offset)."""
    words = text.split()
    ends = {words[0], words[-1]} if words else set()
    return any(w.strip("-–—()[]") == str(number) for w in ends)


def _page_rows(lines: list[Line]) -> list[tuple[Line, list[Line]]]:
    """A page's rows from edge to edge as one line each, with the pieces they are made of:
    running heads are set as pieces apart ("(Slip Opinion)   OCTOBER TERM, 2012   1")."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.top):
        height = line.bottom - line.top
        row = rows[-1] if rows else None
        if row and min(row[0].bottom, line.bottom) - max(row[0].top, line.top) >= 0.5 * min(
            height, row[0].bottom - row[0].top
        ):
            row.append(line)
        else:
            rows.append([line])
    result = []
    for row in rows:
        row.sort(key=lambda piece: piece.x0)
        text = " ".join(" ".join(piece.text.split()) for piece in row)
        top, bottom = min(p.top for p in row), max(p.bottom for p in row)
        result.append((Line(text, row[0].x0, max(p.x1 for p in row), top, bottom, 0), row))
    return result


def furniture(pages: list[Page]) -> set[int]:
    """The ids of lines that are running headers, footers and page numbers: among a page's
    first or last rows, repeated on other pages (numbers aside), or a bare page number, or
    carrying the page's number, in its margins; and the same short words elsewhere on a page."""
    marked: set[int] = set()
    edges: dict[int, list[Line]] = {}
    pieces: dict[int, list[Line]] = {}
    shapes: Counter[str] = Counter()
    for page in pages:
        rows = _page_rows(page.lines)
        near = [row for row in rows[:5] + rows[-4:] if len(row[0].text) < 120]
        edges[page.number] = list({id(line): line for line, _ in near}.values())
        pieces.update((id(line), row) for line, row in near)
        shapes.update({_shape(line.text) for line in edges[page.number]})
    repeated = 2 if len(pages) <= 4 else max(2, len(pages) // 5)
    offset = _numbering_offset(pages, edges)
    texts: set[str] = set()
    for page in pages:
        for line in edges[page.number]:
            text = " ".join(line.text.split())
            margin = _in_margin(line, page)
            if (
                (_PAGE_NUMBER.match(text) and margin)
                or (shapes[_shape(text)] >= repeated and len(pages) > 1 and margin)
                or (
                    len(text) < 90
                    and margin
                    and (_carries_number(text, page.number) or _carries_number(text, page.number + offset))
                )
            ):
                marked.update(id(piece) for piece in pieces[id(line)])
                if sum(c.isalpha() for c in text) >= 4:  # not a bare number
                    texts.add(text)
    for page in pages:  # a running head printed again inside the page ("Syllabus")
        for line in page.lines:
            if len(line.text) < 40 and " ".join(line.text.split()) in texts:
                marked.add(id(line))
    return marked


def _numbering_offset(pages: list[Page], edges: dict[int, list[Line]]) -> int:
    """How the printed page numbers differ from the pages' places (a book whose page 1 is its
    fourth page: -3), from the numbers at the ends of the pages' first and last lines."""
    offsets: Counter[int] = Counter()
    for page in pages:
        for line in edges[page.number]:
            words = line.text.split()
            for word in {words[0], words[-1]} if words else set():
                if word.isdigit() and len(word) <= 4:
                    offsets[int(word) - page.number] += 1
    if not offsets:
        return 0
    best, count = offsets.most_common(1)[0]
    return best if count >= max(3, len(pages) // 4) else 0


def _in_margin(line: Line, page: Page) -> bool:
    return line.bottom < page.height * 0.2 or line.top > page.height * 0.8


# --- lines into paragraphs -------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]\s*$")
_BULLET = re.compile(r"^\s*(?:[•●○◦▪■□‣⁃∙·*!–-]|\(?\d{1,2}[.)]|\([a-z]\)|\(\d{1,2}\)|[a-z][.)])\s+\S")
_GLYPH_BULLET = re.compile(r"^\s*[•●○◦▪■□‣⁃∙·!]\s+")


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _pitch(pages: list[Page], size: float) -> float:
    """The usual distance from one line of body text to the next."""
    steps = []
    for page in pages:
        ordered = sorted((line for line in page.lines if abs(line.size - size) < 0.6), key=lambda line: line.top)
        for a, b in pairwise(ordered):
            step = b.top - a.top
            if 0.8 * size < step < 2.5 * size and min(a.x1, b.x1) > max(a.x0, b.x0):
                steps.append(step)
    return median(steps) if steps else 1.2 * size


_RUN_IN = re.compile(r"[^\W\d_]{3,}[.:]\s+[A-Z]")


def _is_heading_line(line: Line, size: float) -> bool:
    """A line of a heading: larger type, or bold or capitals on a short line that is not a
    list item and does not end a sentence."""
    text = line.text.strip()
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text.split()) > 16 or _BULLET.match(text):
        return False
    if line.size > size * 1.12:
        return True
    if _RUN_IN.search(text):
        return False  # a bold run-in head and the text after it
    caps = len(letters) >= 3 and all(c.isupper() for c in letters)
    ends = text.endswith((".", ",", ";")) and not re.search(r"\b(?:No|Nos|v|vs|Inc|Co|Jr|Sr|U\.S)\.$", text)
    return (line.bold or caps) and not ends and len(text.split()) <= 12


def build_paragraphs(pages: list[Page]) -> list[tuple[str, str, int]]:
    """A document's paragraphs as (kind, text, page): kind "body", "heading" or "footnote"."""
    size = _body_size(pages)
    pitch = _pitch(pages, size)
    skip = furniture(pages)
    indented = _indent_style(pages, skip, size)
    paras: list[Para] = []
    for page in pages:
        lines = [line for line in page.lines if id(line) not in skip and line.text.strip()]
        if not lines:
            continue
        notes = _footnotes(lines, size, page)
        body = [line for line in lines if id(line) not in notes]
        left, right = _edges(body) if body else (0.0, page.width)
        blocks = reading_order(body, left, right, size)
        for block in blocks:
            _add_block(paras, block, page.number, size, pitch, indented)
        footnote_lines = sorted((line for line in lines if id(line) in notes), key=lambda line: line.top)
        _add_footnotes(paras, footnote_lines, page.number, size)
    return [(_kind(p), _joined(p.lines, _vocabulary(pages)), p.page) for p in paras]


def _kind(para: Para) -> str:
    """A heading is a line or three: a longer run of bold or capitals is a paragraph (a
    block quote set in capitals)."""
    if para.kind == "heading" and (len(para.lines) > 3 or sum(len(line.text.split()) for line in para.lines) > 30):
        return "body"
    return para.kind


def _footnotes(lines: list[Line], size: float, page: Page) -> set[int]:
    """Lines of the footnotes: in smaller type, under the last line of body type, in the page's
    lower half."""
    body_bottom = max((line.bottom for line in lines if line.size >= size * 0.97), default=0.0)
    return {
        id(line)
        for line in lines
        if line.size < size * 0.95 and line.top > max(body_bottom, page.height * 0.5) - 1 and len(line.text) > 3
    }


def _add_footnotes(paras: list[Para], lines: list[Line], page: int, size: float) -> None:
    current: Para | None = None
    for line in lines:
        starts = re.match(r"^\s*(?:\d{1,3}|[*†‡§])\s*\S", line.text) is not None
        if current is None or starts or line.top - current.last.bottom > 0.8 * line.size:
            current = Para("footnote", [line], page, (line.x0, line.x1), page)
            paras.append(current)
        else:
            current.add(line, page)


def _indent_style(pages: list[Page], skip: set[int], size: float) -> bool:
    """Whether the document starts its paragraphs with an indent: then a line that stops short
    after a full stop and is followed by an unindented one does not end a paragraph."""
    indented = flush = 0
    for page in pages:
        lines = sorted((line for line in page.lines if id(line) not in skip), key=lambda line: line.top)
        starts = Counter(round(line.x0) for line in lines)
        left = starts.most_common(1)[0][0] if starts else 0.0
        ends = Counter(round(line.x1) for line in lines)
        right = ends.most_common(1)[0][0] if ends else 0.0
        for a, b in pairwise(lines):
            if not _SENTENCE_END.search(a.text) or b.top - a.bottom > size or _BULLET.match(b.text):
                continue
            if a.x1 > right - 3 * size:  # a line that ends a sentence but not its paragraph
                continue
            if left + 0.9 * size < b.x0 < left + 6 * size and a.x0 < b.x0:
                indented += 1
            elif abs(b.x0 - a.x0) < 0.5 * size:
                flush += 1
    return indented >= 3 and indented > flush


def _add_block(paras: list[Para], block: Block, page: int, size: float, pitch: float, indented: bool) -> None:
    """Append a column block's lines to the paragraphs: the first line may go on with the
    paragraph before it (a paragraph cut by the column or page break)."""
    previous: Line | None = None
    for line in block.lines:
        heading = _is_heading_line(line, size)
        current = next((p for p in reversed(paras) if p.kind != "footnote"), None)
        if previous is None or current is None:
            if current is not None and _continues(current, line, block, page, size, pitch, heading):
                current.add(line, page)
            else:
                paras.append(Para("heading" if heading else "body", [line], page, (block.left, block.right), page))
            previous = line
            continue
        if _close(previous, line, pitch, size):
            # A bold phrase inside a paragraph, or a heading's second line, at the usual distance.
            heading = current.kind == "heading"
        if _breaks(current, previous, line, block, size, pitch, heading, indented):
            paras.append(Para("heading" if heading else "body", [line], page, (block.left, block.right), page))
        else:
            current.add(line, page)
        previous = line


def _step(pitch: float, size: float, *lines: Line) -> float:
    """The usual distance from a line to the next for these lines' type: larger type is set
    further apart."""
    return pitch * max(size, *(line.size for line in lines)) / size


def _close(previous: Line, line: Line, pitch: float, size: float) -> bool:
    """The next line of the same type, at the usual distance."""
    return abs(line.size - previous.size) < 0.8 and 0 < line.top - previous.top <= _step(pitch, size, previous) * 1.25


def _continues(current: Para, line: Line, block: Block, page: int, size: float, pitch: float, heading: bool) -> bool:
    """Whether the first line of a new column or page goes on with the paragraph before it."""
    if heading or current.kind != "body":
        return False
    last = current.last
    if _SENTENCE_END.search(last.text) and not last.text.rstrip().endswith("-"):
        return False
    if last.x1 < current.column[1] - 4 * size:  # the paragraph before ended short
        return False
    if _BULLET.match(line.text) or line.x0 > block.left + 1.5 * size:
        return False
    if page == current.last_page and line.top > last.top and line.top - last.top > _step(pitch, size, line) * 1.45:
        return False  # further down the same column, after a white gap: a new paragraph
    if _centred(line, block, size):
        return False
    return abs(line.size - last.size) < 0.8


def _symmetric(line: Line, block: Block, size: float) -> bool:
    """A line as far in from both edges of its column (centred, or as wide as the column):
    the edges where most lines start and end, or its outermost lines' (a hanging indent)."""
    middle = (line.x0 + line.x1) / 2
    return min(abs(middle - (block.left + block.right) / 2), abs(middle - (block.lo + block.hi) / 2)) < 0.6 * size


def _centred(line: Line, block: Block, size: float) -> bool:
    """A line set in the middle of its column, well in from both edges."""
    well_in = line.x0 - max(block.left, block.lo) > 2 * size and min(block.right, block.hi) - line.x1 > 2 * size
    return well_in and _symmetric(line, block, size)


def _caps(line: Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _breaks(
    current: Para, previous: Line, line: Line, block: Block, size: float, pitch: float, heading: bool, indented: bool
) -> bool:
    """Whether ``line`` starts a new paragraph after ``previous`` in the same block."""
    gap = line.top - previous.top
    if gap > _step(pitch, size, line, previous) * 1.45 or gap < -0.5 * size:
        return True
    if len(current.lines) >= 2 and current.last_page == current.page:
        own = current.lines[-1].top - current.lines[-2].top
        if 0 < own < gap and gap > own * 1.25 and gap - own > 0.2 * size:
            return True  # a paragraph set tighter than what follows it (a block quote)
    if heading != (current.kind == "heading") or abs(line.size - previous.size) > 0.8:
        return True
    if (
        (_centred(line, block, size) or _centred(previous, block, size))
        and not (_symmetric(line, block, size) and _symmetric(previous, block, size))
        and abs(line.x0 - previous.x0) > 0.5 * size  # not the short last line of a block quote
    ):
        return True  # into or out of a centred caption, title or section letter
    if current.kind == "heading":
        return _caps(line) != _caps(previous)  # a title in capitals, then its subtitle
    indent = size * 0.9
    if _BULLET.match(line.text):
        return True
    if line.x0 > block.left + indent and previous.x0 <= block.left + indent:
        return True  # a first-line indent
    short = previous.x1 < block.right - 3 * size
    if (
        line.x0 > block.left + indent
        and abs(line.x0 - previous.x0) < 0.5 * size
        and len(current.lines) == 1
        and previous.x1 < min(block.right, line.x1) - 3 * size
    ):
        return True  # a short indented line alone (a section's title), then an indented paragraph
    if (
        line.x0 < previous.x0 - indent
        and previous.x0 > block.left + indent
        and len(current.lines) > 1
        and _SENTENCE_END.search(previous.text)
    ):
        return True  # out of an indented block quote or a hanging list item
    flush = current.lines[0].x0 <= current.column[0] + indent
    return short and (not indented or flush) and bool(_SENTENCE_END.search(previous.text))


# --- joining the lines of a paragraph ---------------------------------------------------------

_WORDS = re.compile(r"[^\W\d_]+", re.U)
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_COMPOUNDS = re.compile(r"[^\W\d_]+-[^\W\d_]+", re.U)


def _vocabulary(pages: list[Page]) -> Counter[str]:
    cached = _VOCABULARIES.get(id(pages))
    if cached is not None and cached[0] is pages:
        return cached[1]
    counts: Counter[str] = Counter()
    for page in pages:
        for line in page.lines:
            counts.update(w.casefold() for w in _WORDS.findall(line.text))
            counts.update(w.casefold() for w in _COMPOUNDS.findall(line.text))
    _VOCABULARIES.clear()
    _VOCABULARIES[id(pages)] = (pages, counts)
    return counts


_VOCABULARIES: dict[int, tuple[list[Page], Counter[str]]] = {}


def _joined(lines: list[Line], vocabulary: Counter[str]) -> str:
    text = ""
    for line in lines:
        part = " ".join(line.text.split())
        if not text:
            text = part
            continue
        match = _HYPHEN_END.search(text)
        if match and part[:1].isalpha():
            text = text[:-1] + part if _join_hyphen(match.group(1), part, vocabulary) else text + part
        elif text.endswith(("—", "–")) and not text[-2:-1].isspace() and part[:1].isalnum():
            text += part  # a dash set close to its words ("the Compact—/recognizing")
        else:
            text = f"{text} {part}"
    return _GLYPH_BULLET.sub("", text).strip()


def _join_hyphen(before: str, after: str, vocabulary: Counter[str]) -> bool:
    """Whether "before-" at a line's end and "after" on the next are one word broken in two
    (joined without the hyphen) rather than a compound (the hyphen kept)."""
    word = re.match(r"[^\W\d_]+", after)
    if word is None or not after[:1].islower():
        return False  # "Schwarz-/Weiß", "pre-/1998": a compound
    rest = after[word.end() :]
    if rest.startswith("-"):
        return False  # "breach-/of-contract"
    second = word.group().casefold()
    first = before.casefold()
    if vocabulary[first + second] > 0:
        return True  # the word is written whole elsewhere
    if vocabulary[f"{first}-{second}"] > 0:
        return False
    # The first half is a word the document uses on its own ("contract-/law"): a compound;
    # else a word broken in two ("imple-/mented", "wa-/ter"; each half is counted once here).
    return not (vocabulary[first] > 1 and len(first) > 3 and len(second) > 2)
