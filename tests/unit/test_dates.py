"""Months and weekdays have one home (core/ingest/dates.py): every spelling of every month in
English, Spanish and Portuguese is read the same by the metadata, the credits and the
timeline."""

from __future__ import annotations

import pytest

from casereader.core.ingest.credits import credit_names
from casereader.core.ingest.dates import CALENDARS, EVERYDAY_WORDS, MONTHS, WEEKDAYS, month_number
from casereader.core.ingest.metadata import parse_date
from casereader.core.sides.figures import find_figures
from casereader.core.sides.timeline import find_events

SPELLINGS = [
    (calendar.lang, number, spelling)
    for calendar in CALENDARS
    for number, spellings in enumerate(calendar.months, 1)
    for spelling in spellings
]


def timeline_dates(text: str, published: str = "2025-12-31") -> list[str]:
    events = find_events([("doc", 1, "Outlet", text)], [("doc", "Outlet", published)])
    return [e.date for e in events if not e.published]


def test_each_language_has_twelve_months_and_seven_weekdays() -> None:
    for calendar in CALENDARS:
        assert len(calendar.months) == 12 and len(calendar.weekdays) == 7, calendar.lang


@pytest.mark.parametrize(("lang", "number", "spelling"), SPELLINGS)
def test_every_spelling_of_a_month_names_its_month_in_any_case_with_or_without_its_stop(
    lang: str, number: int, spelling: str
) -> None:
    for written in (spelling, spelling.upper(), spelling.capitalize(), spelling + "."):
        assert month_number(written) == number, (lang, written)


@pytest.mark.parametrize(("lang", "number", "spelling"), SPELLINGS)
def test_a_date_with_any_month_spelling_is_read_alike_by_the_metadata_and_the_timeline(
    lang: str, number: int, spelling: str
) -> None:
    stop = "." if len(spelling) <= 4 else ""  # abbreviations as articles write them: "15 set. 2025"
    written = f"{spelling.capitalize()}{stop} 15, 2024" if lang == "en" else f"15 de {spelling}{stop} de 2024"
    expected = f"2024-{number:02d}-15"
    assert parse_date(written) == expected, written
    assert timeline_dates(f"It happened on {written}.") == [expected], written


def test_the_months_that_disagreed_are_read_everywhere() -> None:
    # The metadata had no "janeiro"; the timeline had no "setiembre" nor Portuguese abbreviations.
    assert parse_date("15 de janeiro de 2025") == "2025-01-15"
    assert parse_date("Por Ana Lima | 3 de março de 2024") == "2024-03-03"
    assert parse_date("3 de marco de 2024") == "2024-03-03"
    assert parse_date("Sept. 4, 2023") == "2023-09-04"
    assert timeline_dates("Llegó el 18 de setiembre de 2025.") == ["2025-09-18"]
    assert timeline_dates("Chegou em 2 fev. 2025 e saiu em dez. de 2025.") == ["2025-02-02", "2025-12"]
    assert timeline_dates("Foi no dia 18 de setembro de 2025.") == ["2025-09-18"]


def test_abbreviations_that_are_everyday_words_are_months_only_before_a_year_in_running_text() -> None:
    assert {"set", "out"} == EVERYDAY_WORDS
    assert timeline_dates("Only 20 out of 252 men had a record, and 12 set up a fund.") == []
    figures = find_figures([("doc", 1, "Outlet", "Only 20 out of 252 men had a record.")])
    assert [f.value for f in figures][:1] == [20]  # a figure, not a day of October
    assert timeline_dates("Preso em 20 out. 2025, solto em 3 set. de 2025.") == ["2025-09-03", "2025-10-20"]
    assert parse_date("12 out 2017") == "2017-10-12"  # a page's date: a year always follows


@pytest.mark.parametrize(
    "weekday",
    ["Monday", "Tues", "Thurs", "miércoles", "Miercoles", "sáb", "domingo", "segunda-feira", "Terça", "quinta"],
)
def test_a_weekday_after_a_name_is_not_part_of_the_name(weekday: str) -> None:
    assert weekday.casefold() in WEEKDAYS
    assert credit_names(f"Ana Lima {weekday}, 12 de outubro de 2017") == ["Ana Lima"]


def test_a_month_after_a_name_is_not_part_of_the_name_in_any_language() -> None:
    for spelling in ("janeiro", "Setiembre", "Sept", "março"):
        assert spelling.casefold() in MONTHS
        assert credit_names(f"Ana Lima {spelling}") == ["Ana Lima"], spelling
