"""The timeline: the dated events the passages speak of, resolved against each document's
own date, in order, with each document's publication date on it.

Recognised: full dates ("Friday, July 18, 2025", "18 July 2025", "18 de julio de 2025",
"18 de julho de 2025", "2025-07-18"), a day and month ("the night of April 20", "20 de
abril": the document's year, or the year before when that would be after the document),
a month and year ("March 2025", "marzo de 2025"), a month after "since/in/en/desde/em/in
early" ("since March"), and years that name an event or a law ("in 2024", "the 1798 law",
"the Act of 1798").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..ingest.dates import month_number, month_pattern
from .text import sentence_at

MONTH_PATTERN = month_pattern(running_text=True)  # "20 out of 252" is no date, "20 out. 2025" is
_M = rf"(?P<month>{MONTH_PATTERN})\.?"
_PATTERNS = [
    ("day", re.compile(rf"\b{_M}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>1[7-9]\d\d|20\d\d))?\b", re.I)),
    (
        "day",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:\s+de)?\s+{_M}(?:,?\s+(?:de\s+|of\s+)?(?P<year>1[7-9]\d\d|20\d\d))?\b", re.I
        ),
    ),
    ("day", re.compile(r"\b(?P<year>1[7-9]\d\d|20\d\d)-(?P<monthnum>\d\d)-(?P<day>\d\d)\b")),
    ("month", re.compile(rf"\b{_M}(?:\s+de|,)?\s+(?P<year>1[7-9]\d\d|20\d\d)\b", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?:since|in|until|by|early|late|mid|desde|en|em|hasta|até|de|a partir de)\s+{_M}\b(?!\s+\d)", re.I
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:in|since|of|the|until|by|en|desde|em|de|del|do|ley de|lei de)\s+"
            r"(?P<year>1[7-9]\d\d|20\d\d)\b(?![-/]\d)",
            re.I,
        ),
    ),
]


_DIGIT = re.compile(r"\d")
_ANY_MONTH = re.compile(rf"\b(?:{MONTH_PATTERN})\b", re.IGNORECASE)
_DIGITS_ONLY = [(kind, pattern) for kind, pattern in _PATTERNS if "(?P<month>" not in pattern.pattern]  # ISO, years
_WORDS_ONLY = [(kind, pattern) for kind, pattern in _PATTERNS if "since" in pattern.pattern]  # "since March"


@dataclass
class Event:
    date: str  # ISO 8601, as precise as the text: "2025-07-18", "2025-03", "1798"
    text: str  # the words that date it, as written ("the night of April 20")
    sentence: str
    doc_id: str
    n: int  # 0 for a document's publication date
    outlet: str
    published: bool = False  # the document's own date, not an event it speaks of
    assumed_year: bool = False  # the year was taken from the document's date


def _resolve(kind: str, match: re.Match[str], doc_date: str) -> tuple[str, bool] | None:
    groups = match.groupdict()
    year = groups.get("year")
    month = int(groups["monthnum"]) if groups.get("monthnum") else month_number(groups.get("month") or "")
    if kind == "year":
        return (year, False) if year else None
    if not month:
        return None
    day = int(groups["day"]) if groups.get("day") else 0
    if day > 31:
        return None
    assumed = False
    if not year:
        if not re.match(r"\d{4}", doc_date):
            return None
        assumed = True
        year = doc_date[:4]
        candidate = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        if candidate[: len(doc_date)] > doc_date[: len(candidate)]:  # after the document: the year before
            year = str(int(year) - 1)
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else ""), assumed


def find_events(
    paragraphs: Iterable[tuple[str, int, str, str]], documents: Iterable[tuple[str, str, str]]
) -> list[Event]:
    """Dated events in ``paragraphs`` — ``(doc_id, n, outlet, text)`` — and each document's
    publication date from ``documents`` — ``(doc_id, outlet, date)`` — in date order."""
    dates = {doc_id: date for doc_id, _, date in documents}
    events = [
        Event(date, "published", "", doc_id, 0, outlet, published=True) for doc_id, outlet, date in documents if date
    ]
    for doc_id, n, outlet, text in paragraphs:
        taken: list[tuple[int, int]] = []
        has_digit = _DIGIT.search(text) is not None
        has_month = _ANY_MONTH.search(text) is not None
        if not has_digit and not has_month:
            continue  # nothing here can be a date (most paragraphs: a quick look saves the six patterns)
        patterns = _PATTERNS if has_digit and has_month else _WORDS_ONLY if has_month else _DIGITS_ONLY
        for kind, pattern in patterns:
            for match in pattern.finditer(text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue  # inside a date already read ("July 18, 2025" is not also "July 2025")
                resolved = _resolve(kind, match, dates.get(doc_id, ""))
                if resolved is None:
                    continue
                date, assumed = resolved
                taken.append((match.start(), match.end()))
                start, end = sentence_at(text, match.start())
                tail = re.match(r"\s+(?:law|act|ley|lei|elections?|elecciones|eleições)\b", text[match.end() :], re.I)
                phrase = text[max(start, match.start() - 16) : match.end() + (tail.end() if tail else 0)].strip()
                phrase = phrase[phrase.find(" ") + 1 :] if match.start() - 16 > start else phrase
                events.append(Event(date, phrase, text[start:end], doc_id, n, outlet, assumed_year=assumed))
    events.sort(key=lambda e: (e.date, not e.published, e.outlet, e.n))
    return events
