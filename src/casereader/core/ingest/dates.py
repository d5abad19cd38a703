"""Month and weekday names as articles in English, Spanish and Portuguese write them: one
table per language, read by the metadata (bylines, page dates), the credits (a date after a
name is not part of it) and the timeline of the Sides views.

Each month and weekday is listed with every spelling in use: the name, its variants
("septiembre" and "setiembre", "março" written without its cedilla as "marco") and its
abbreviations ("sept.", "set.", "fev."). Lookups fold case and accents and ignore a final
full stop, so "MARÇO", "Março" and "marco" are one month.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..text.analysis import fold


@dataclass(frozen=True)
class Calendar:
    """One language's months and weekdays: for each, its spellings, the full name first."""

    lang: str
    months: tuple[tuple[str, ...], ...]  # January first
    weekdays: tuple[tuple[str, ...], ...]  # Monday first


ENGLISH = Calendar(
    "en",
    months=(
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
        ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ),
    weekdays=(
        ("monday", "mon"), ("tuesday", "tues", "tue"), ("wednesday", "wed"),
        ("thursday", "thurs", "thur", "thu"), ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"),
    ),
)  # fmt: skip
SPANISH = Calendar(
    "es",
    months=(
        ("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"), ("mayo", "may"),
        ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"), ("septiembre", "setiembre", "sept", "sep", "set"),
        ("octubre", "oct"), ("noviembre", "nov"), ("diciembre", "dic"),
    ),
    weekdays=(
        ("lunes", "lun"), ("martes", "mar"), ("miércoles", "mié"), ("jueves", "jue"), ("viernes", "vie"),
        ("sábado", "sáb"), ("domingo", "dom"),
    ),
)  # fmt: skip
PORTUGUESE = Calendar(
    "pt",
    months=(
        ("janeiro", "jan"), ("fevereiro", "fev"), ("março", "mar"), ("abril", "abr"), ("maio", "mai"),
        ("junho", "jun"), ("julho", "jul"), ("agosto", "ago"), ("setembro", "set"), ("outubro", "out"),
        ("novembro", "nov"), ("dezembro", "dez"),
    ),
    weekdays=(
        ("segunda-feira", "segunda", "seg"), ("terça-feira", "terça", "ter"), ("quarta-feira", "quarta", "qua"),
        ("quinta-feira", "quinta", "qui"), ("sexta-feira", "sexta", "sex"), ("sábado", "sáb"), ("domingo", "dom"),
    ),
)  # fmt: skip
CALENDARS = (ENGLISH, SPANISH, PORTUGUESE)

#: Abbreviations that are everyday English words ("set up", "20 out of 252"): in running text
#: a month only with its full stop and a year after it ("15 set. 2025", "out. de 2017").
EVERYDAY_WORDS = frozenset({"set", "out"})
_YEAR = r"(?:1[7-9]\d\d|20\d\d)"


def _written_and_folded(spellings: tuple[str, ...]) -> set[str]:
    return {form for spelling in spellings for form in (spelling, fold(spelling))}


#: Every spelling of a month, as written and folded ("março", "marco"), -> its number.
MONTHS: dict[str, int] = {
    form: number
    for calendar in CALENDARS
    for number, spellings in enumerate(calendar.months, 1)
    for form in _written_and_folded(spellings)
}
#: Every spelling of a weekday, as written and folded.
WEEKDAYS: frozenset[str] = frozenset(
    form for calendar in CALENDARS for spellings in calendar.weekdays for form in _written_and_folded(spellings)
)


def month_number(word: str) -> int:
    """The month ``word`` names, in any of the three languages ("Sept.", "MARÇO", "setiembre"), else 0."""
    return MONTHS.get(fold(word).rstrip("."), 0)


def month_pattern(running_text: bool = False) -> str:
    """The months' spellings as a regular-expression alternative (longest first, so "junio"
    is not read as "jun"); match it case-insensitively.  In ``running_text`` an abbreviation
    that is an everyday word (EVERYDAY_WORDS) is a month only with its full stop and a year
    after it; elsewhere (a byline, a page's date: a year follows anyway) it always is."""
    if not running_text:
        return _alternative(MONTHS)
    plain = _alternative(m for m in MONTHS if m not in EVERYDAY_WORDS)
    return rf"{plain}|(?:{_alternative(EVERYDAY_WORDS)})(?=\.,?\s+(?:de\s+)?{_YEAR}\b)"


def _alternative(forms: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(m) for m in forms), key=lambda m: (-len(m), m)))


# --- dates relative to a document's own ---------------------------------------------------------
#
# What the timeline needs to read "last week", "hace dos semanas", "nesta segunda-feira" against
# the date of the document that says it.  The expressions themselves are found by the timeline
# (core/sides/timeline.py); here is the calendar arithmetic, in one place.

PRECISIONS = ("day", "week", "month", "year")


def weekday_number(word: str) -> int:
    """0 for Monday ... 6 for Sunday, in any of the three languages ("Tues", "miércoles",
    "segunda-feira", "quinta"), else -1."""
    folded = fold(word).rstrip(".")
    for calendar in CALENDARS:
        for number, spellings in enumerate(calendar.weekdays):
            if folded in {fold(s) for s in spellings}:
                return number
    return -1


def add_months(day: _dt.date, months: int) -> _dt.date:
    """``day`` moved by whole months, on the first of its month (a month is its precision)."""
    index = day.year * 12 + day.month - 1 + months
    return _dt.date(index // 12, index % 12 + 1, 1)


def week_of(day: _dt.date) -> _dt.date:
    """The Monday of ``day``'s week: a week is written as its first day."""
    return day - _dt.timedelta(days=day.weekday())


def iso_at(day: _dt.date, precision: str) -> str:
    """``day`` written as precisely as ``precision`` ("2024", "2024-05", "2024-05-06"; a week
    as its Monday)."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        return week_of(day).isoformat()
    return day.isoformat()


def nearest_date(base: _dt.date, month: int, day: int = 0, lean: int = 0) -> _dt.date | None:
    """The date with this month (and day) nearest to ``base`` — "Feb. 9" in a January article is
    this February, "in December" in a February one last December.  ``lean`` > 0: the text looks
    ahead ("will be held", "el próximo"), so not one more than a month before ``base``; < 0: it
    looks back ("el pasado", "last"), so not after ``base``."""
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(_dt.date(year, month, day or 1))
        except ValueError:
            continue
    if not candidates:
        return None

    def distance(when: _dt.date) -> int:
        if not day:  # a month: its distance is from its nearest day
            last = add_months(when, 1) - _dt.timedelta(days=1)
            return 0 if when <= base <= last else min(abs((when - base).days), abs((last - base).days))
        return abs((when - base).days)

    if lean > 0:
        candidates = [c for c in candidates if (add_months(c, 1) if not day else c) >= base - _dt.timedelta(days=31)]
    elif lean < 0:
        candidates = [c for c in candidates if c <= base]
    return min(candidates, key=distance) if candidates else None
