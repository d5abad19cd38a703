"""The timeline: the dated events the passages speak of, resolved against each document's
own date, in order, with each document's publication date on it.

Read in English, Spanish and Portuguese (a document's own language when it has one):
- full dates ("Friday, July 18, 2025", "18 de julio de 2025", "2025-07-18", "06/05/2024"),
  a day and month ("April 20", "20 de abril": the one nearest the document's date, so "Feb. 9"
  in a January article is this February, unless the words lean: "el pasado 19 de diciembre",
  "el próximo 15 de junio"), a month and year, a month ("in December", "en junio");
- weekdays ("on Tuesday": the last one, or the next when the clause looks ahead, "will be held
  on Tuesday"; "este miércoles", "nesta segunda-feira": the document's week; "el pasado
  viernes", "na última sexta-feira"; "na sexta-feira (3/5)", "quarta-feira, dia 8");
- days, weeks, months and years relative to the document ("yesterday", "hoy", "amanhã",
  "last week", "hace dos semanas", "nas últimas semanas", "el año pasado", "este mes",
  "about two months ago", "until the end of the year");
- years ("in 2024", "the 1798 law", "2019").
A month inside a place's name ("Plaza de Mayo", "Rio de Janeiro", "Avenida 9 de Julio") is no
date.  Each event keeps the clause it belongs to and the sentence around it.

The calendar arithmetic and the month and weekday names are ``ingest.dates``'.  dateparser (in
the environment with trafilatura) was measured for this and left out: it resolves none of "este
miércoles", "hace dos semanas", "el pasado viernes", "nesta segunda-feira", "desta quinta",
"na semana que vem" (its parser returns nothing), its ``search_dates`` reads "de Mayo" in
"Plaza de Mayo" as a date, and it costs ~3 ms a paragraph (bench/sides_quality.py prints it
as the baseline).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..ingest.dates import (
    CALENDARS,
    EVERYDAY_WORDS,
    add_months,
    iso_at,
    month_number,
    month_pattern,
    nearest_date,
    week_of,
    weekday_number,
)
from ..text.analysis import fold
from .text import sentence_at, words


@dataclass
class Event:
    date: str  # ISO 8601, as precise as the text: "2025-07-18", "2025-03", "1798"; a week: its Monday
    text: str  # the words that date it, as written ("the night of April 20", "nesta segunda-feira")
    sentence: str
    doc_id: str
    n: int  # 0 for a document's publication date
    outlet: str
    published: bool = False  # the document's own date, not an event it speaks of
    assumed_year: bool = False  # the year was taken from the document's date
    precision: str = ""  # "day", "week", "month" or "year" ("" = told by the date's length)
    clause: str = ""  # the clause of the sentence the date belongs to
    at: int = -1  # where ``text`` starts in ``sentence``
    relative: bool = False  # read against the document's date ("yesterday", "este miércoles")
    year_from: str = ""  # the same day written with its year elsewhere, whose year it takes ("8 de janeiro de 2023")

    @property
    def how(self) -> str:
        """Why the event has this date, as the views say it."""
        if self.published:
            return "the document's publication date"
        if self.relative:
            return f"“{self.text}” read against the document's date"
        if self.year_from:
            return f"“{self.text}”: the year of “{self.year_from}”, the same day written with its year"
        if self.assumed_year:
            return f"“{self.text}”: the year nearest the document's date"
        return f"“{self.text}” as written"


_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_MONTH_ANY = month_pattern(running_text=True)


def _months_of(lang: str) -> str:
    """One language's months as a pattern: every spelling, written and folded; in English only
    capitalised ("mar 5" is no date there); in Spanish and Portuguese an abbreviation only with
    its full stop ("dic.", "fev.": "el mar" is the sea); the everyday words ("set", "out") only
    with their full stop and a year after them, as ``month_pattern`` has it."""
    (calendar,) = [c for c in CALENDARS if c.lang == lang]
    forms = {f for spellings in calendar.months for s in spellings for f in (s, fold(s))}
    short = {f for spellings in calendar.months for s in spellings[1:] if len(s) <= 4 for f in (s, fold(s))}
    everyday = "|".join(re.escape(f) for f in forms if f in EVERYDAY_WORDS)
    guarded = rf"|(?:{everyday})(?=\.,?\s+(?:de\s+)?{_YEAR}\b)" if everyday else ""
    forms -= EVERYDAY_WORDS
    if lang == "en":
        written = {f.capitalize() for f in forms} | {f.upper() for f in forms}
        return rf"(?-i:{'|'.join(sorted(map(re.escape, written), key=len, reverse=True))}){guarded}"
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f) + (r"(?=\.)" if f in short else "") for f in ordered) + guarded


_DAY = r"\d{1,2}(?:st|nd|rd|th|º|°|ª)?"
_MONTH_FULL = {c.lang: "|".join(m[0] for m in c.months) + ("|marco" if c.lang == "pt" else "") for c in CALENDARS}
_WEEKDAY_FULL = {c.lang: "|".join(sorted({s for w in c.weekdays for s in w if len(s) > 3}, key=len, reverse=True))
                 for c in CALENDARS}  # fmt: skip
_WEEKDAY_FULL["pt"] = (
    r"segunda-feira|terça-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira|sábado|sabado|domingo"
)
_WEEKDAY_FULL["es"] = r"lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"

# Words directly before a date that say which way it lies from the document's date.
_BACK = re.compile(r"\b(?:last|past|previous|pasad[oa]s?|anterior|últim[oa]s?|ultim[oa]s?|passad[oa]s?)\s*$", re.I)
_AHEAD = re.compile(r"\b(?:next|coming|upcoming|próxim[oa]s?|proxim[oa]s?|previsiblemente|previsivelmente)\s*$", re.I)
# A clause that looks ahead: "will be held on Feb. 9", "se reunirán el martes", "vai até a quarta".
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|going to|scheduled|set to|due to|expected to|plans? to|to be held|next|"
    r"upcoming|until|till|próxim[oa]s?|que viene|que vem|hasta|até|a partir|vai|vão|van a|va a|previsiblemente|"
    r"previsivelmente|expectedly|previst[oa]s?)\b|['’]ll\b",
    re.I,
)
_STREETS = (
    r"Calle|Avenida|Av\.|Avda\.|Rua|R\.|Plaza|Praça|Praca|Parque|Estación|Estação|Colegio|Colégio|Escola|"
    r"Escuela|Hospital|Barrio|Bairro|Puente|Ponte|Paseo|Ciudad|Cidade|Villa|Vila|Rodovia|Estrada|Street|Avenue|"
    r"Square"
)
# A month after "de" and a capitalised word, or a street's day: a place ("Plaza de Mayo", "Rio
# de Janeiro", "Primero de Mayo", "Praça XV de Novembro", "Avenida 9 de Julio").
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:[A-ZÀ-Ý][\w.]*|[IVXL]+|\d{1,2}[º°ª]?)\s+(?:de|del)\s*$)|"
    rf"(?:\b(?:{_STREETS})\s+$)"
)
_STREET_DAY = re.compile(rf"\b(?:{_STREETS})\s+\d{{1,2}}[º°ª]?\s+(?:de|del)\s*$")
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-ZÀ-Ý][\w-]*|\([A-Z]{2,}\))\s+$")
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\b(?:n[º°o]\.?|n\.º|number|número|numero|lei|ley|law no\.?|decreto|decree|pl|pec|mp|art\.?|artigo|"
    r"artículo|código|codigo|resolução|resolución|portaria|page|página|pagina|us\$|r\$|€|\$|£)\s*$)",
    re.I,
)


_DATELINE = re.compile(r"\s*(?:\d{1,2}[h:]\d\d\s*)?[-–—|]\s")
# "entre el 15 de junio y el 15 de septiembre de 2023": the first date takes the second's year.
_RANGE_YEAR = re.compile(
    rf"\s*(?:y|e|and|a|al|to|until|through|hasta|até|[-–])\s+(?:el\s+|o\s+|the\s+)?(?:{_DAY}\s+(?:de\s+|of\s+)?)?"
    rf"(?:{_MONTH_ANY})\.?(?:\s+{_DAY})?,?\s+(?:de\s+|del\s+)?(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)
# A day and month's year said in words after them: "do ano passado", "de este año", "of last year".
_OF_A_YEAR = re.compile(
    r",?\s+(?:(?:do|de|del|of)\s+(?:(?P<which0>este|esse|o|el|this|last|next)\s+)?|(?:deste|neste|desse)\s+|"
    r"(?=(?:last|next|this)\s+year)(?P<which1>last|next|this)\s+)"
    r"(?:ano|año|year)(?:\s+(?P<which>pasado|passado|anterior|que\s+viene|que\s+vem|próximo|seguinte|siguiente))?\b",
    re.IGNORECASE,
)
# A unit after a number: "the 2000 km pipeline" is no year.
_NOT_A_UNIT = (
    r"(?!\s+(?:km|kilomet\w*|kilómet\w*|quilômet\w*|miles|met(?:er|re)s|metros|tonnes|toneladas|people|personas|"
    r"pessoas|soldiers|troops|euros|dollars|reais)\b)"
)
_FUTURE_ENDINGS = ("rá", "rán", "rão", "remos")  # "será", "cruzarán", "farão"
# A clause that tells the past: "se desarrolló", "ocorrida", "was held".
_PAST_WORDS = frozenset(["was", "were", "had", "did", "ago", "last", "fue", "fueron", "hubo", "foi", "foram", "houve"])
_PAST_ENDINGS = ("ó", "aron", "ieron", "ou", "aram", "eram", "iram", "ada", "ado", "adas", "ados", "ida", "ido")
_WORD = re.compile(r"\w+")


@dataclass
class _Found:
    start: int
    end: int
    day: dt.date
    precision: str
    assumed_year: bool = False
    relative: bool = False


Reader = Callable[[re.Match[str], str, dt.date | None], "_Found | None"]


def _number(word: str) -> int:
    word = fold(word)
    if word.isdigit():
        return int(word)
    return {"a": 1, "an": 1, "one": 1, "un": 1, "una": 1, "uno": 1, "um": 1, "uma": 1, "few": 3, "several": 3,
            "unos": 3, "unas": 3, "uns": 3, "umas": 3, "alguns": 3, "algumas": 3, "algunos": 3,
            "algunas": 3}.get(word) or _number_word(word)  # fmt: skip


def _number_word(word: str) -> int:
    """ "two", "dos", "três": text2num, the figures' reader of number words (0: none)."""
    from text_to_num import text2num

    for lang in ("en", "es", "pt"):
        try:
            return int(text2num(word, lang))
        except ValueError:
            continue
    return 0


def _lean(text: str, start: int) -> int:
    before = text[max(0, start - 24) : start]
    if _BACK.search(before):
        return -1
    if _AHEAD.search(before):
        return 1
    return 0


def _clause_lean(text: str, start: int, end: int) -> int:
    """1 when the clause around [start, end) looks ahead, else 0 (news tells the past)."""
    lo, hi = _clause_span(text, start, end)
    return 1 if _looks_ahead(text[lo:start] + " " + text[end:hi]) else 0


def _looks_ahead(clause: str) -> bool:
    if _FUTURE.search(clause):
        return True
    return any(w.endswith(_FUTURE_ENDINGS) for w in _WORD.findall(clause.lower()))


def _looks_back(clause: str) -> bool:
    return any(w in _PAST_WORDS or w.endswith(_PAST_ENDINGS) for w in _WORD.findall(clause.lower()))


def _year_of(match: re.Match[str]) -> int:
    return int(match.group("year")) if match.groupdict().get("year") else 0


def _dated(match: re.Match[str], text: str, base: dt.date | None, month: int, day: int) -> _Found | None:
    """A day (or a month, ``day`` 0) with or without its year."""
    year = _year_of(match)
    if not month or day > 31:
        return None
    precision = "day" if day else "month"
    if year:
        try:
            return _Found(match.start(), match.end(), dt.date(year, month, day or 1), precision)
        except ValueError:
            return None
    if base is None:
        return None
    of_year = _OF_A_YEAR.match(text, match.end())
    if of_year:  # "8 de janeiro do ano passado", "el 3 de marzo de este año", "June 5 of last year"
        which = of_year["which"] or of_year["which0"] or of_year["which1"] or "este"
        shift = _RELATIVE_SHIFT.get(fold(" ".join(which.split())))
        if shift is not None:
            try:
                said = dt.date(base.year + shift, month, day or 1)
            except ValueError:
                return None
            return _Found(match.start(), of_year.end(), said, precision, relative=True)
    ranged = _RANGE_YEAR.match(text, match.end())
    if ranged:
        try:
            return _Found(match.start(), match.end(), dt.date(int(ranged["year"]), month, day or 1), precision)
        except ValueError:
            return None
    when = nearest_date(base, month, day, _lean(text, match.start()))
    if when is None:
        return None
    # Half a year away either way: the clause's tense says which ("will be held", "se desarrolló").
    far = (when - base).days
    if abs(far) > 92:
        lo, hi = _clause_span(text, match.start(), match.end())
        ahead, back = _looks_ahead(text[lo:hi]), _looks_back(text[lo:hi])
        if far > 0 and back and not ahead:
            when = nearest_date(base, month, day, -1) or when
        elif far < 0 and ahead and not back:
            when = nearest_date(base, month, day, 1) or when
    return _Found(match.start(), match.end(), when, precision, assumed_year=True)


def _is_place(text: str, month_start: int) -> bool:
    """The month at ``month_start`` is part of a place's name, not a date."""
    if not text[month_start : month_start + 1].isupper():
        return False  # months are written in lower case in Spanish and Portuguese dates
    before = text[max(0, month_start - 40) : month_start]
    if _STREET_DAY.search(before):
        return True  # "Avenida 9 de Julio", "Rua 25 de Março"
    head = re.search(r"(\S+)\s+(?:de|del)\s*$", before)
    if head and head.group(1)[:1].isdigit():
        return False  # "el 25 de Mayo", capitalised: still a date
    return bool(_PLACE_BEFORE.search(before))


def _read_day_month(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    if _is_place(text, match.start("month")):
        return None
    return _dated(match, text, base, month_number(match.group("month")), int(re.match(r"\d+", match["day"])[0]))  # type: ignore[index]


def _read_month(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    if _is_place(text, match.start("month")):
        return None
    return _dated(match, text, base, month_number(match.group("month")), 0)


def _read_month_of_a_year(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "em janeiro do ano passado", "in March last year": that month of the year said."""
    month = month_number(match["month"])
    which = fold(" ".join((match["which"] or "este").split()))  # "en enero de este año"
    shift = _RELATIVE_SHIFT.get(which)
    if base is None or not month or shift is None:
        return None
    return _Found(match.start(), match.end(), dt.date(base.year + shift, month, 1), "month", relative=True)


def _read_lone_month(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "in December", "en junio", "do mês de maio": tried after everything else with a month."""
    return _read_month(match, text, base)


def _read_iso(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    try:
        when = dt.date(int(match["year"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return _Found(match.start(), match.end(), when, "day")


def _read_numeric(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    year = int(match["year"])
    year += 2000 if year < 100 else 0
    try:
        when = dt.date(year, int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return _Found(match.start(), match.end(), when, "day")


def _read_day_alone(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "no dia 8", "no último dia 15", "el día 3", "em 8/1": a day of the document's month (or
    the month before or after, whichever is nearest, as the words lean)."""
    if base is None:
        return None
    day = int(match["day"] or match["day2"])
    month = int(match["m"] or match["m2"] or 0)
    said = fold(match.group(0))
    lean = -1 if re.search(r"ultimo|pas+ado", said) else 1 if "proximo" in said else _lean(text, match.start())
    candidates = []
    for shift in (-1, 0, 1):
        first = add_months(base, shift) if not month else dt.date(base.year + shift, month, 1)
        try:
            candidates.append(dt.date(first.year, first.month, day))
        except ValueError:
            continue
    if lean < 0:
        candidates = [c for c in candidates if c <= base]
    elif lean > 0:
        candidates = [c for c in candidates if c >= base]
    if not candidates:
        return None
    when = min(candidates, key=lambda c: abs((c - base).days))
    if not lean and abs((when - base).days) > 92 and len(candidates) > 1:  # half a year either way: the tense
        lo, hi = _clause_span(text, match.start(), match.end())
        if _looks_back(text[lo:hi]) and not _looks_ahead(text[lo:hi]):
            when = max(c for c in candidates if c <= base) if any(c <= base for c in candidates) else when
    return _Found(match.start(), match.end(), when, "day", relative=True)


def _read_year_span(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """A span of years written with a dash or slash ("2024-2026", "2022/28"): one date, its
    first year; the last year is no date of its own."""
    first, last = int(match["year"]), match["last"]
    until = int(last) if len(last) == 4 else first - first % 100 + int(last)
    if not first < until <= first + 50:
        return None  # "2024/23" is no span; "1990-2090" neither
    if _NOT_YEAR_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return None
    if not match.group("lead") and _NAME_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return None  # part of a name: "Plano de Ação 2024-2026"
    return _Found(match.start(), match.end(), dt.date(first, 1, 1), "year")


def _read_year(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    year = int(match["year"])
    bare = not match.group("lead")
    if _NOT_YEAR_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return None
    if bare and not (1900 <= year <= (base.year if base else 2070) + 30):
        return None
    if bare and _NAME_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return None  # part of a name: "Imposto de Renda 2024", "(OPE) 2025"
    return _Found(match.start(), match.end(), dt.date(year, 1, 1), "year")


def _read_weekday(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    if base is None:
        return None
    weekday = weekday_number(match["weekday"])
    if weekday < 0:
        return None
    groups = match.groupdict()
    day = groups.get("pday") or groups.get("dday")
    if day:  # "na sexta-feira (3/5)", "quarta-feira, dia 8": the day written decides
        month = int(groups["pmonth"]) if groups.get("pmonth") else 0
        candidates = []
        for shift in (-1, 0, 1):
            first = add_months(base, shift) if not month else dt.date(base.year + shift, month, 1)
            try:
                candidates.append(dt.date(first.year, first.month, int(day)))
            except ValueError:
                continue
        if not candidates:
            return None
        matching = [c for c in candidates if c.weekday() == weekday] or candidates
        when = min(matching, key=lambda c: abs((c - base).days))
        return _Found(match.start(), match.end(), when, "day", relative=True)
    this = fold(groups.get("this") or "")
    lean = _lean(text, match.start("weekday"))
    if groups.get("after"):
        lean = -1 if re.match(r"pasad|passad", fold(groups["after"].strip())) else 1
    if this and not lean:  # "este miércoles", "nesta segunda-feira": the document's week
        when = week_of(base) + dt.timedelta(days=weekday)
    elif lean < 0:
        when = base - dt.timedelta(days=(base.weekday() - weekday - 1) % 7 + 1)
    elif lean > 0 or _clause_lean(text, match.start(), match.end()):
        strict = 1 if lean > 0 else 0
        when = base + dt.timedelta(days=(weekday - base.weekday() - strict) % 7 + strict)
    else:  # "on Tuesday" in a news report: the last one (the document's own day included)
        when = base - dt.timedelta(days=(base.weekday() - weekday) % 7)
    return _Found(match.start(), match.end(), when, "day", relative=True)


def _unit_shift(base: dt.date, unit: str, amount: int) -> tuple[dt.date, str]:
    unit = fold(unit)
    if unit.startswith(("day", "dia")):
        return base + dt.timedelta(days=amount), "day"
    if unit.startswith("seman") or unit.startswith("week"):
        return base + dt.timedelta(weeks=amount), "week"
    if unit.startswith(("mont", "mes")):
        return add_months(base, amount), "month"
    return dt.date(base.year + amount, 1, 1), "year"


def _read_ago(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "two weeks ago", "hace dos semanas", "há duas semanas"; ahead: "daqui a dois meses",
    "dentro de tres días", "in two weeks"."""
    amount = _number(match["amount"] or match.groupdict().get("amount2") or "")
    if base is None or not amount:
        return None
    if re.search(r"\bdesde\s+$", text[max(0, match.start() - 8) : match.start()], re.IGNORECASE):
        return None  # "desde hace 13 años": how long, a figure (as the figures view reads it), not a date
    ahead = re.match(r"(?i)daqui|dentro|within|in\b", match.group(0)) is not None
    if ahead and re.match(r"(?i)with|in\b", match.group(0)) and not _clause_lean(text, match.start(), match.end()):
        return None  # "the first time in three years": a span of time, not a date
    unit = match["unit"] or match.groupdict().get("unit2") or ""
    when, precision = _unit_shift(base, unit, amount if ahead else -amount)
    return _Found(match.start(), match.end(), when, precision, relative=True)


_RELATIVE_SHIFT = {  # the word that says which one -> how many units from the document's
    "last": -1, "past": -1, "previous": -1, "pasado": -1, "pasada": -1, "anterior": -1, "ultimo": -1,
    "ultima": -1, "ultimas": -1, "ultimos": -1, "passado": -1, "passada": -1, "this": 0, "este": 0, "esta": 0,
    "neste": 0, "nesta": 0, "deste": 0, "desta": 0, "essa": 0, "nessa": 0, "current": 0, "next": 1, "coming": 1,
    "proximo": 1, "proxima": 1, "proximas": 1, "proximos": 1, "que viene": 1, "que vem": 1, "seguinte": 1,
    "siguiente": 1,
}  # fmt: skip


def _read_relative_unit(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "last week", "la semana pasada", "el año anterior", "esta semana", "nos próximos dias",
    "en los próximos meses" (the next month)."""
    if base is None:
        return None
    which = fold(" ".join((match["which2"] or match["which"] or "").split()))
    shift = _RELATIVE_SHIFT.get(which)
    if shift is None:
        return None
    unit = fold(match["unit"])
    if shift < 0 and unit in ("meses", "anos"):
        return None  # "en los últimos meses", "nos últimos anos": a window with no date of its own
    if unit.startswith("dia") or unit.startswith("day"):  # "nos próximos dias", "in the coming days": this week
        return _Found(match.start(), match.end(), base, "week", relative=True)
    when, precision = _unit_shift(base, unit, shift)
    return _Found(match.start(), match.end(), when, precision, relative=True)


def _read_so_far(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "en lo que va de año", "so far this year": the document's year."""
    return _Found(match.start(), match.end(), base, "year", relative=True) if base else None


def _read_year_end(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "until the end of the year", "até o final de 2025", "a finales de año": its December."""
    year = _year_of(match) or (base.year if base else 0)
    if not year:
        return None
    return _Found(match.start(), match.end(), dt.date(year, 12, 1), "month", relative=not _year_of(match))


def _read_season(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    """ "este verano", "this summer": the document's year."""
    return _Found(match.start(), match.end(), base, "year", relative=True) if base else None


_DAY_SHIFT = {
    "today": 0, "todays": 0, "tonight": 0, "yesterday": -1, "yesterdays": -1, "tomorrow": 1, "tomorrows": 1,
    "hoy": 0, "ayer": -1, "anteayer": -2, "anoche": -1, "manana": 1, "pasado manana": 2, "hoje": 0, "ontem": -1,
    "anteontem": -2, "amanha": 1, "this morning": 0, "this afternoon": 0, "this evening": 0, "last night": -1,
}  # fmt: skip


def _read_day_word(match: re.Match[str], text: str, base: dt.date | None) -> _Found | None:
    if base is None:
        return None
    word = fold(re.sub(r"['’]", "", " ".join(match["word"].split())))
    if word in _DAY_SHIFT:
        shift = _DAY_SHIFT[word]
    elif re.match(r"(?:est|ness|dest|ess)a(?:s)? ", word) or word.startswith("this "):
        shift = 0  # "esta mañana", "nesta madrugada", "essa madrugada"
    else:
        return None
    return _Found(match.start(), match.end(), base + dt.timedelta(days=shift), "day", relative=True)


def _patterns(lang: str) -> list[tuple[re.Pattern[str], Reader]]:
    """``lang``'s patterns, each with its reader (``_TIERS`` orders them)."""
    months = _MONTH_FULL[lang]
    lone = months.replace("|marco", "")  # "o marco legal": a month alone only as written, "março"
    weekdays = _WEEKDAY_FULL[lang]
    any_month = _months_of(lang)
    i = re.IGNORECASE
    found: list[tuple[str, int, Reader]] = [(r"\b(?P<year>(?:1[7-9]|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b", 0, _read_iso)]
    if lang == "en":
        titled = weekdays.title()
        found += [
            (
                rf"(?:\b(?:{weekdays}),?\s+)?\b(?P<month>{any_month})\.?\s+(?P<day>{_DAY})\b(?!:)"
                rf"(?:,?\s+(?P<year>{_YEAR})\b)?",
                i,
                _read_day_month,
            ),
            (
                rf"(?:\b(?:{weekdays}),?\s+)?\b(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{any_month})\.?"
                rf"(?:,?\s+(?P<year>{_YEAR}))?\b",
                i,
                _read_day_month,
            ),
            (rf"\b(?P<month>{any_month})\.?,?\s+(?P<year>{_YEAR})\b", i, _read_month),
            (
                rf"\b(?:in\s+)?(?P<month>{months.title()})\s+(?:of\s+)?(?P<which>(?i:last|next|this))\s+(?i:year)\b",
                0,
                _read_month_of_a_year,
            ),
            (
                r"\b(?P<amount>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
                r"\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b|\b(?:in|within)\s+(?P<amount2>an?|one|two|three|four|"
                r"five|six|seven|eight|nine|ten|\d+)\s+(?P<unit2>days?|weeks?|months?|years?)(?!\s+(?:ago|of|to|after))\b",
                i,
                _read_ago,
            ),
            (
                r"\b(?:(?:in|over|during|for)\s+)?(?:the\s+)?(?P<which>last|past|previous|this|next|coming|current)"
                r"\s+(?P<unit>week|month|year|days)\b(?P<which2>)",
                i,
                _read_relative_unit,
            ),
            (r"\bso\s+far\s+this\s+year\b", i, _read_so_far),
            (
                rf"\b(?:until\s+|by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:year|(?P<year>{_YEAR}))\b",
                i,
                _read_year_end,
            ),
            (r"\bthis\s+(?:summer|winter|spring|autumn)\b", i, _read_season),
            (
                r"\b(?P<word>today['’]s|today|tonight|yesterday['’]s|yesterday|tomorrow['’]s|tomorrow|"
                r"this\s+morning|this\s+afternoon|this\s+evening|last\s+night)\b",
                i,
                _read_day_word,
            ),
            (
                r"(?:(?P<this>(?i:this))\s+|(?i:on|by|until|since|from|as\s+of|last|next|early|late)\s+)?"
                rf"(?P<weekday>{titled})(?:['’]s)?\b",
                0,
                _read_weekday,
            ),
            (
                r"\b(?i:in|since|until|by|early|late|mid|through|during|from|last|next|this|of|end\s+of|"
                rf"beginning\s+of)[\s-]+(?P<month>{months.title()})\b(?!\s+\d)",
                0,
                _read_lone_month,
            ),
        ]
    else:
        de = r"(?:de|del|do)"
        this = r"este|esta|nesta|neste|desta|deste|essa|nessa|dessa"
        pre = r"(?:el|la|los|o|a|os|na|no|nas|nos|en|em|desde|hasta|até|ate|de|do|da|pela|pelo)"
        article = r"(?:el|la|o|a|los|las|os|as|nas|nos)"
        ago = r"hace|há|ha|faz" if lang == "pt" else r"hace"
        amounts = (
            r"\d+|un|una|um|uma|dos|dois|duas|tres|três|cuatro|quatro|cinco|seis|siete|sete|ocho|oito|nueve|nove|"
            r"diez|dez|once|onze|doce|doze|algunos|algunas|alguns|algumas|unos|unas|uns|umas|pocos|poucos"
        )
        tail = r"(?:\s*\((?P<pday>\d{1,2})(?:/(?P<pmonth>\d{1,2}))?\)|,?\s+(?:dia|día)\s+(?P<dday>\d{1,2})\b)?"
        found += [
            (r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<year>(?:19|20)\d\d)\b", 0, _read_numeric),
            (
                r"\b(?:(?:(?:n?o|el|en\s+el|desde\s+o|desde\s+el|até\s+o|hasta\s+el)\s+)?(?:(?:último|ultimo|próximo|"
                r"proximo|pasado|passado)\s+)?d[ií]a\s+(?P<day>\d{1,2})(?:/(?P<m>\d{1,2}))?|(?:em|desde|até)\s+"
                r"(?P<day2>\d{1,2})/(?P<m2>\d{1,2}))\b(?![/.,]\d|\s*(?:de|del|h|horas|%)\b|\s*[º°ª])",
                i,
                _read_day_alone,
            ),
            (
                rf"(?:\b(?:(?:{this})\s+)?(?:{weekdays}),?\s+)?\b(?P<day>{_DAY})(?:\s+de)?\s+(?P<month>{any_month})\.?"
                rf"(?:,?\s+(?:de\s+|del\s+)?(?P<year>{_YEAR}))?\b",
                i,
                _read_day_month,
            ),
            (rf"\b(?P<month>{any_month})\.?(?:\s+(?:de|del)|,)?\s+(?P<year>{_YEAR})\b", i, _read_month),
            (
                rf"\b(?:(?:{pre})\s+)?(?P<month>{months})\s+(?:(?:de|del|do)\s+(?:(?:este|el|o)\s+)?|deste\s+|neste\s+)(?:año|ano)"
                r"(?:\s+(?P<which>pasado|passado|anterior|que\s+viene|que\s+vem|próximo|seguinte|siguiente))?\b",
                i,
                _read_month_of_a_year,
            ),
            (
                rf"\b(?:{ago}|daqui\s+a|dentro\s+de)\s+(?:(?:cerca\s+de|unos|unas|mais\s+de|más\s+de|menos\s+de|exatamente|exactamente|quase|casi|"
                rf"pelo\s+menos|al\s+menos|apenas|só|solo|sólo|pouco\s+mais\s+de|poco\s+más\s+de)\s+)?(?P<amount>{amounts})\s+"
                r"(?P<unit>días|dias|semanas|meses|años|anos|día|dia|semana|mes|mês|año|ano)\b",
                i,
                _read_ago,
            ),
            (
                rf"\b(?:{pre}\s+)?(?:(?P<which>{this}|{article})\s+)?(?P<unit>semana|mes|mês|año|ano)\s+"
                r"(?P<which2>pasad[oa]|passad[oa]|anterior|que\s+viene|que\s+vem|próxim[oa]|seguinte|siguiente)\b",
                i,
                _read_relative_unit,
            ),
            (
                rf"\b(?:{pre}\s+)?(?:{article}\s+)?(?P<which>{this}|últim[oa]s?|próxim[oa]s?|pasad[oa]|passad[oa])\s+"
                rf"(?P<unit>semanas?|meses|mes|mês|años|año|anos|ano|dias|días)\b(?!\s+(?:de|del)\s+(?:{months}|\d))(?P<which2>)",
                i,
                _read_relative_unit,
            ),
            (r"\b(?:en\s+)?lo\s+que\s+va\s+(?:de|del)\s+año\b|\b(?:neste|este)\s+ano\s+até\s+agora\b", i, _read_so_far),
            (
                r"\b(?:(?:hasta|até|ate|a|para)\s+)?(?:(?:el|o|los|a)\s+)?(?:fin|final|finales|fim)\s+"
                rf"(?:{de}\s+)?(?:(?:el|o|este|esse)\s+)?(?:año|ano|(?P<year>{_YEAR}))\b",
                i,
                _read_year_end,
            ),
            (rf"\b(?:{this})\s+(?:verano|invierno|primavera|otoño|verão|inverno|outono)\b", i, _read_season),
            (
                r"\b(?P<word>pasado\s+mañana|anteayer|anteontem|anoche|hoy|ayer|hoje|ontem|amanhã|amanha|"
                r"(?:esta|nesta|essa|nessa|desta)\s+(?:madrugada|manhã|mañana|tarde|noite|noche)|"
                r"(?<!la\s)(?<!esta\s)(?<!por\s)(?<!de\s)(?<!cada\s)mañana)\b",
                i,
                _read_day_word,
            ),
            (
                rf"\b(?:(?:{pre}\s+)?(?:(?P<this>{this})|(?:pasad[oa]|passad[oa]|últim[oa]|próxim[oa]))\s+|{pre}\s+)?"
                rf"(?P<weekday>{weekdays})(?P<after>\s+(?:pasad[oa]|passad[oa]|próxim[oa]|que\s+vem))?{tail}",
                i,
                _read_weekday,
            ),
            (  # "desta segunda", "na quinta": the short weekdays only where no noun follows ("a segunda vez")
                rf"\b(?:(?:{pre}\s+)?(?P<this>{this})|(?:{pre}\s+)?(?:últim[oa]|próxim[oa])|na|a)\s+"
                rf"(?P<weekday>segunda|terça|terca|quarta|quinta|sexta)\b(?P<after>)(?!\s+e\s+(?:últim|ultim|penúltim))"
                rf"(?:{tail.removesuffix('?')}|(?=\s*[(),.;:]|\s+(?:e|que|à|às|ao|aos|pela|pelo|de\s+manhã|passad[oa]|um|uma|o|os|as|em|no|na|nos|nas|"
                r"com|para|por|se|foi|foram|houve)\b|\s*$))",
                i,
                _read_weekday,
            ),
            (
                rf"(?:\b(?:{pre}|mes\s+de|mês\s+de)\s+)?\b(?P<month>{lone})\b(?!\s+\d)(?!\s+(?:de|del)\s+\d)",
                i,
                _read_lone_month,
            ),
        ]
    found.append(
        (  # A span of years written with a dash or slash: "2024-2026", "2022/28" (one date; "from 2008 to
            # 2016", "entre 2010 y 2024" are two)
            rf"(?<![\w$€£.,/-])(?P<lead>)(?P<year>{_YEAR})\s?[-–/]\s?(?P<last>(?:19|20)\d\d|\d\d)(?![\w%]|[.,/]\d|-\w)",
            0,
            _read_year_span,
        )
    )
    found.append(
        (
            r"(?<![\w$€£.,/-])(?P<lead>(?:in|since|of|the|until|by|from|during|en|desde|del|do|de|durante|"
            rf"para|em|até|hasta|ley\s+de|lei\s+de)\s+)?(?P<year>{_YEAR})(?![\w%]|[.,/]\d|-\w){_NOT_A_UNIT}",
            i,
            _read_year,
        )
    )
    return [(re.compile(pattern, flags), read) for pattern, flags, read in found]


_PATTERNS = {lang: _patterns(lang) for lang in ("en", "es", "pt")}
# How specific each reader is: with no language known, the three languages' patterns are tried
# tier by tier (a Spanish "mayo de 2024" is read before an English "de 2024" is taken for a year).
_TIERS: dict[Reader, int] = {_read_iso: 0, _read_numeric: 0, _read_day_month: 1, _read_day_alone: 1,
                             _read_month: 2, _read_month_of_a_year: 2, _read_year_span: 2, _read_ago: 3,
                             _read_relative_unit: 3, _read_so_far: 3, _read_year_end: 3, _read_season: 3,
                             _read_day_word: 4, _read_weekday: 5, _read_lone_month: 6, _read_year: 7}  # fmt: skip


def _tiered(entries: list[tuple[re.Pattern[str], Reader]]) -> list[list[tuple[re.Pattern[str], Reader]]]:
    tiers: dict[int, list[tuple[re.Pattern[str], Reader]]] = {}
    for entry in entries:
        tiers.setdefault(_TIERS[entry[1]], []).append(entry)
    return [tiers[t] for t in sorted(tiers)]


_TIERED = {lang: _tiered(entries) for lang, entries in _PATTERNS.items()}
_TIERED[""] = _tiered([entry for lang in ("en", "es", "pt") for entry in _PATTERNS[lang]])
_RELATIVE_WORDS = frozenset(
    words(
        """today tonight yesterday tomorrow day days week weeks month months year years ago morning night summer winter
        spring autumn end hoy ayer anteayer anoche mañana manana semana semanas mes meses año años ano anos hace
        verano invierno otoño fin final finales hoje ontem anteontem amanhã amanha madrugada manhã tarde noite noche
        mês verão inverno outono fim dias días dia día"""
    )
)
_MONTH_WORDS = frozenset(f for c in CALENDARS for spellings in c.months for s in spellings for f in (s, fold(s)))
_WEEKDAY_WORDS = frozenset(
    f for c in CALENDARS for spellings in c.weekdays for s in spellings for f in (s, fold(s), s.split("-")[0])
)
_YEAR_LIKE = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _holds(text: str) -> set[str]:
    """What kinds of date words ``text`` holds at all: a paragraph is tried only with the
    patterns whose words it has (every pattern on every paragraph took 11 s of 17 at 20,000
    paragraphs; a look at its words, 0.3 s)."""
    kinds = set()
    if _DIGIT.search(text):
        kinds.add("digit")
        if _YEAR_LIKE.search(text):
            kinds.add("year")
    words = set(_WORD.findall(text.lower()))
    if words & _MONTH_WORDS:
        kinds.add("month")
    if words & _WEEKDAY_WORDS:
        kinds.add("weekday")
    if words & _RELATIVE_WORDS:
        kinds.add("relative")
    return kinds


_DIGIT = re.compile(r"\d")
_NEEDS: dict[Reader, frozenset[str]] = {
    _read_iso: frozenset({"digit"}), _read_numeric: frozenset({"digit"}),
    _read_day_month: frozenset({"digit", "month"}), _read_day_alone: frozenset({"digit"}),
    _read_month: frozenset({"month", "year"}), _read_month_of_a_year: frozenset({"month", "relative"}),
    _read_lone_month: frozenset({"month"}), _read_ago: frozenset({"relative"}),
    _read_relative_unit: frozenset({"relative"}), _read_so_far: frozenset({"relative"}),
    _read_year_end: frozenset({"relative"}), _read_season: frozenset({"relative"}),
    _read_day_word: frozenset({"relative"}), _read_weekday: frozenset({"weekday"}), _read_year: frozenset({"year"}),
    _read_year_span: frozenset({"year"}),
}  # fmt: skip

# Clause boundaries inside a sentence: semicolons, colons, dashes, and a comma before a
# conjunction or a relative ("…, while …", "…, que …", "…, enquanto …").
_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|\s+[—–-]\s+|\s*[—–]\s*|,\s+(?=(?:and|but|while|which|who|where|when|after|before|as|although|"
    r"y|pero|mientras|que|donde|cuando|aunque|tras|e|mas|enquanto|onde|quando|embora|após|segundo|según|"
    r"according)\b)"
)


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text``'s sentence that holds [start, end)."""
    lo, hi = sentence_at(text, start)
    breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, lo, hi)]
    begin, finish = lo, hi
    for a, b in breaks:
        if b <= start:
            begin = b
        elif a >= end:
            finish = a
            break
    if len(text[begin:finish].split()) < 5:  # a clause of a few words: its neighbours too
        earlier = [b for a, b in breaks if b <= begin and b != begin]
        later = [a for a, b in breaks if a >= finish and a != finish]
        begin = earlier[-1] if earlier else lo
        finish = later[0] if later else hi
    return begin, finish


def _base(date: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date[:10]) if re.fullmatch(r"\d{4}-\d\d-\d\d", date[:10]) else None
    except ValueError:
        return None


def find_dates(text: str, doc_date: str = "", lang: str = "") -> list[tuple[int, int, str, str, bool, bool]]:
    """The dates in ``text`` as ``(start, end, iso, precision, assumed_year, relative)``,
    read against ``doc_date`` (ISO; relative expressions need a day) in ``lang``'s words
    (any of the three when unknown)."""
    holds = _holds(text)
    if not holds - {"digit"}:
        return []
    base = _base(doc_date)
    if base is None and re.fullmatch(r"\d{4}(?:-\d\d)?", doc_date):
        base = None  # a year or month alone: only dates with their year written are read
    taken: list[tuple[int, int]] = []
    out = []
    for tier in _TIERED.get(lang) or _TIERED[""]:
        # Within a tier the longest reading first: "3 set. de 2025", not "3 set." and then "de 2025".
        matches = [(match, read) for pattern, read in tier if _NEEDS[read] <= holds for match in pattern.finditer(text)]
        matches.sort(key=lambda m: (m[0].start() - m[0].end(), m[0].start()))
        for match, read in matches:
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue  # inside a date already read ("July 18, 2025" is not also "July 2025")
            found = read(match, text, base)
            if found is None or (_DATELINE.match(text, match.end()) and match.start() < 60):
                continue  # none, or a dateline's "Mossoró (RN), 15/02/2024 - …": the document's own date
            start, end = found.start, found.end
            while end > start and text[end - 1] in " ,":
                end -= 1
            taken.append((start, end))
            out.append(
                (start, end, iso_at(found.day, found.precision), found.precision, found.assumed_year, found.relative)
            )
    out.sort()
    return out


def find_events(paragraphs: Iterable[tuple[str, int, str, str]], documents: Iterable[tuple[str, ...]]) -> list[Event]:
    """Dated events in ``paragraphs`` — ``(doc_id, n, outlet, text)`` — and each document's
    publication date from ``documents`` — ``(doc_id, outlet, date)`` or ``(doc_id, outlet,
    date, lang)`` — in date order."""
    docs = list(documents)
    dates = {d[0]: d[2] for d in docs}
    langs = {d[0]: d[3] if len(d) > 3 else "" for d in docs}
    events = [Event(d[2], "published", "", d[0], 0, d[1], published=True, precision="") for d in docs if d[2]]
    for doc_id, n, outlet, text in paragraphs:
        for start, end, iso, precision, assumed, relative in find_dates(
            text, dates.get(doc_id, ""), langs.get(doc_id, "")
        ):
            lo, hi = sentence_at(text, start)
            c_lo, c_hi = _clause_span(text, start, end)
            events.append(
                Event(iso, text[start:end], text[lo:hi], doc_id, n, outlet, assumed_year=assumed, precision=precision,
                      clause=text[c_lo:c_hi].strip(), at=start - lo, relative=relative)
            )  # fmt: skip
    events = years_written_elsewhere(events)
    events.sort(key=event_order)
    return events


def event_order(e: Event) -> tuple[str, bool, str, int]:
    """The order ``find_events`` lists events in (also of events read apart and put together)."""
    return (e.date, not e.published, e.outlet, e.n)


def years_written_elsewhere(events: list[Event]) -> list[Event]:
    """A day and month without a year ("os atos de 8 de janeiro") take the year that the same
    day and month have where they are written with one — in the same document, else in one
    year only across the case ("8 de janeiro de 2023") — rather than the year nearest the
    document's date: a date a case keeps coming back to is that one day.  Not when the words
    lean ("el próximo 15 de junio"), nor from another document when the clause looks ahead or
    the year written is not before the one assumed.  The events given are left as they are
    (a document's events are kept between builds): the changed ones are copies."""
    written: dict[str, dict[str, Event]] = {}  # "MM-DD" -> document -> an event with its year written
    years: dict[str, set[str]] = {}
    for e in events:
        if e.published or e.assumed_year or e.relative or e.precision != "day" or len(e.date) != 10:
            continue
        written.setdefault(e.date[5:], {}).setdefault(e.doc_id, e)
        years.setdefault(e.date[5:], set()).add(e.date[:4])
    out = []
    for e in events:
        out.append(e)
        if not e.assumed_year or e.precision != "day" or len(e.date) != 10 or e.date[5:] not in written:
            continue
        if e.at >= 0 and _lean(e.sentence, e.at):
            continue  # "el próximo 15 de junio", "o último 8 de janeiro": read against the document's date
        by_doc = written[e.date[5:]]
        source = by_doc.get(e.doc_id)
        if source is None and len(years[e.date[5:]]) == 1 and not _looks_ahead(e.clause):
            # another document's: only for a day gone by ("se desarrollará entre el 15 de junio y el
            # 15 de septiembre" is this year's, a period that comes back every year)
            source = next(iter(by_doc.values()))
            source = source if source.date < e.date else None
        if source is not None and source.date != e.date:
            out[-1] = replace(e, date=source.date, year_from=source.text)
    return out
