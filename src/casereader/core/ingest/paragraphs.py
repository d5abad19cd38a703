"""Splitting a document's text into numbered paragraphs, with their offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from ..models import BODY, LINED_KINDS, Paragraph

FULL_STOP = re.compile(r"[.!?…\"”»]\s*$")
NUMBERED_HEADING = re.compile(r"^\d{1,2}[.)]\s+\S")

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


def split_paragraphs(
    text: str, offset: int = 0, first_line: int = 1, blocks: tuple[tuple[int, int, str], ...] = ()
) -> list[Paragraph]:
    """Paragraphs of ``text[offset:]`` with their numbers and offsets.

    One-paragraph-per-line text (like text copied from a web page) gives one paragraph per
    non-empty line, numbered by its line so "¶35" is line 35 in any editor.  Hard-wrapped
    blocks separated by blank lines give one paragraph per block, numbered 1, 2, 3...; the
    line breaks inside a block are shown as spaces (same length, so offsets still hold).
    ``blocks``: (start, end, kind) spans that are one paragraph each whatever their lines
    (a Markdown code block or table): their line breaks are kept.
    """
    atoms = sorted(blocks)
    runs: list[list[_Line]] = [[]]
    whole: dict[int, tuple[int, int, str]] = {}  # a run that is an atom: its span and kind
    atom = 0
    for line in _lines(text, offset, first_line):
        while atom < len(atoms) and atoms[atom][1] <= line.start:
            atom += 1
        if atom < len(atoms) and atoms[atom][0] <= line.start < atoms[atom][1]:
            if id(runs[-1]) not in whole or whole[id(runs[-1])] is not atoms[atom]:
                runs.append([])
                whole[id(runs[-1])] = atoms[atom]
            runs[-1].append(line)
            continue
        if id(runs[-1]) in whole:
            runs.append([])
        if line.text.strip():
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    kept = [b for b in runs if b and (id(b) in whole or any(line.text.strip() for line in b))]
    wrapped = any(_is_wrapped(b) for b in kept if id(b) not in whole)
    paragraphs: list[Paragraph] = []
    for block in kept:
        if id(block) in whole:
            start, end, kind = whole[id(block)]
            first = next((line.n for line in block if line.start >= start), block[0].n)
            number = len(paragraphs) + 1 if wrapped else first
            shown = text[start:end].replace("\r\n", "\n").replace("\r", "\n").strip("\n")
            if shown.strip():
                paragraphs.append(Paragraph(number, kind, start, end, shown))
            continue
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


_WORD_RUN = re.compile(r"\S+")
MAX_PASSAGE_WORDS = 300  # longer paragraphs (a whole article on one line) are split
SENTENCE_GAP = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+(?=[\"“«¿¡(]*[A-ZÀ-ÖØ-Þ0-9])")


def split_long(paragraphs: list[Paragraph], text: str) -> list[Paragraph]:
    """Split paragraphs of more than MAX_PASSAGE_WORDS words into passages at sentence
    boundaries (at a space when one sentence is longer still), keeping order and offsets.
    When anything is split, the document's paragraphs are numbered 1, 2, 3… in order."""
    if all(len(p.text.split()) <= MAX_PASSAGE_WORDS or p.kind in LINED_KINDS for p in paragraphs):
        return paragraphs
    pieces: list[tuple[int, int] | Paragraph] = []
    for para in paragraphs:
        if para.kind in LINED_KINDS:  # a code block or a table: one paragraph, never cut
            pieces.append(para)
            continue
        if len(para.text.split()) <= MAX_PASSAGE_WORDS:
            pieces.append((para.start, para.end))
            continue
        cuts = [para.start + m.end() for m in SENTENCE_GAP.finditer(para.text)]
        # Word positions once, counted by bisection: linear in the paragraph's length (a 2.4 MB
        # line with no sentence end took 178 s when each step re-split the text).
        words = [(para.start + m.start(), para.start + m.end()) for m in _WORD_RUN.finditer(para.text)]
        starts = [w[0] for w in words]

        def count(a: int, b: int, starts: list[int] = starts) -> int:
            return bisect_left(starts, b) - bisect_left(starts, a)

        start = para.start
        last_cut = start
        for cut in [*cuts, para.end]:
            if count(start, cut) > MAX_PASSAGE_WORDS and last_cut > start:
                pieces.append((start, last_cut))
                start = last_cut
            while count(start, cut) > MAX_PASSAGE_WORDS:  # one enormous sentence
                first = bisect_left(starts, start)
                pieces.append((start, words[first + MAX_PASSAGE_WORDS - 1][1]))
                start = starts[first + MAX_PASSAGE_WORDS]
            last_cut = cut
        if start < para.end:
            pieces.append((start, para.end))
    result = []
    for number, piece in enumerate(pieces, 1):
        if isinstance(piece, Paragraph):
            result.append(Paragraph(number, piece.kind, piece.start, piece.end, piece.text))
            continue
        start, end = piece
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
    mid = sum(1 for line, after in breaks if not FULL_STOP.search(line.text) and _continues(after.text))
    return mid >= len(breaks) / 2


def _continues(text: str) -> bool:
    """A line that carries on the line before: starts in lower case, or underlines it
    (a Markdown setext heading)."""
    first = text.lstrip()[:1]
    if first.islower() or _UNDERLINE.match(text):
        return True
    return first.isdigit() and not NUMBERED_HEADING.match(text.lstrip())


_UNDERLINE = re.compile(r"^\s*(?:=+|-+)\s*$")
