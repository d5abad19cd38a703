"""What an index run says, grouped into one notice: a file's notes ("a.html: encoding guessed:
Windows-1252") counted by kind ("3 files read with a guessed encoding — i for the report")
instead of a notice each, which at start-up covered the reader in a burst (a notice a file)."""

from __future__ import annotations

import re
from collections import Counter

from ..display import visible

REPORT_KEY = "i for the report"
SHOWN = 6  # kinds and case-wide notices named, at most (the rest: "… and N more")

# A file's note, by what it starts with, as a phrase after "N files".
_KINDS = (
    ("encoding guessed", "read with a guessed encoding"),
    ("mojibake", "with text repaired from a wrong encoding"),
)
_PHRASES = {phrase for _, phrase in _KINDS} | {"with lines in another encoding or invalid bytes"}
_NUMBER = re.compile(r"\d[\d,.]*")
_PLURAL = re.compile(r"N (\w+?)s\b")


def _kind(note: str) -> str:
    for start, phrase in _KINDS:
        if note.startswith(start):
            return phrase
    if "not in UTF-8" in note or "invalid bytes" in note:
        return "with lines in another encoding or invalid bytes"
    # Any other note, its numbers (and plurals after them) taken out, so that notes alike
    # are counted together.
    return _PLURAL.sub(r"N \1", _NUMBER.sub("N", note))


def grouped(notices: list[str], paths: set[str]) -> list[str]:
    """The lines of one notice: the case-wide notices as they are, then each kind of file
    note counted ("3 files read with a guessed encoding — i for the report")."""
    case_wide: list[str] = []
    kinds: Counter[str] = Counter()
    example: dict[str, str] = {}  # a kind of note of no known phrase: its first note
    for notice in notices:
        path, _, note = notice.partition(": ")
        if note and path in paths:
            for part in dict.fromkeys(p.strip() for p in note.split("; ") if p.strip()):
                kind = _kind(part)
                kinds[kind] += 1
                example.setdefault(kind, part)
        else:
            case_wide.append(visible(notice))
    lines = case_wide[:SHOWN]
    for kind, count in kinds.most_common(max(0, SHOWN - len(lines))):
        said = kind if kind in _PHRASES else f"with a note such as “{example[kind]}”"
        lines.append(f"{count:,} file{'s' if count != 1 else ''} {visible(said)} — {REPORT_KEY}")
    hidden = len(case_wide) + len(kinds) - len(lines)
    if hidden > 0:
        lines.append(f"… and {hidden} more — {REPORT_KEY}")
    return lines
