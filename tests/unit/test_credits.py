"""Credits, outlets and titles as a citation needs them (core/credits.py, core/outlets.py)."""

from __future__ import annotations

import pytest

from casereader.core.ingest.credits import clean_outlet, credit_names, fold, strip_site
from casereader.core.ingest.metadata import normalise_date, parse_date, relative_age
from casereader.core.ingest.outlets import outlet_for_host


@pytest.mark.parametrize(
    "credit",
    [
        "Hecho en Bolivia con Drupal por Smartica",
        "Cortesía",
        "Anónimo",
        "Username",
        "Redacción",
        "elmundo.es",
        "https://www.theguardian.com/profile/emmabrockes",
        "Ediciones El País",
        "Condé Nast",
        "Follow Author",
        "作者",
        "© 2025 Grupo Editorial S.A.",
        "Story By",
    ],
)
def test_credits_that_name_nobody_give_no_author(credit: str) -> None:
    assert credit_names(credit) == []


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        ('"Ana Pérez', ["Ana Pérez"]),  # a stray quote
        ("Ana Pérez – Redacción", ["Ana Pérez"]),
        ("Ana Pérez | Reuters", ["Ana Pérez"]),
        ("Ángeles Escrivá | Madrid", ["Ángeles Escrivá"]),
        ("Patricio Candia | Palma de Mallorca | 08/01/2014", ["Patricio Candia"]),
        ("By GILLIAN MOHNEY March 11, 2015 3:46 PM", ["Gillian Mohney"]),
        ("Joe Wee Monday, February", ["Joe Wee"]),
        ("David Gura, Apr", ["David Gura"]),
        ("Aleš Vávra před", ["Aleš Vávra"]),
        ("By Brenda Goodman, MA", ["Brenda Goodman"]),
        (
            "Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project",
            ["Daniel Kahn Gillmor"],
        ),
        ("JORDAN ROBERTSON; RACHEL METZ; AP", ["Jordan Robertson", "Rachel Metz"]),  # agency with reporters: reporters
        ("Por María R. Sahuquillo / Emilio de Benito", ["María R. Sahuquillo", "Emilio de Benito"]),
        (
            "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            ["Martin Untersinger", "Damien Leloup", "Morgane Tual"],
        ),
        ("Ana y João Lima", ["Ana", "João Lima"]),
        ("EFE", ["EFE"]),
        ("The Associated Press", ["AP"]),
        ("Agence France-Presse", ["AFP"]),
        ("Jeffrey Gettleman, JEFFREY GETTLEMAN", ["Jeffrey Gettleman"]),
        ("Our Foreign Staff", ["Our Foreign Staff"]),
    ],
)
def test_credits_become_the_names_of_who_wrote_it(credit: str, names: list[str]) -> None:
    assert credit_names(credit) == names


def test_the_publisher_and_the_site_are_not_authors() -> None:
    blocked = {fold("USA TODAY"), fold("Mac & i")}
    assert credit_names("Jefferson Graham, USA TODAY", blocked) == ["Jefferson Graham"]
    assert credit_names("Mac & i", blocked) == []


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("Aktuálně.cz - Víte, co se právě děje", "Aktuálně.cz"),
        ("SIMPLYFOUND.COM | BY: JOE WEE", "SIMPLYFOUND.COM"),
        ("http://www.tmz.com", "TMZ"),
        ("www.elcolombiano.com", "El Colombiano"),
        ("Mac &amp; i", "Mac & i"),
        ("El País", "El País"),
    ],
)
def test_outlets_are_named_as_readers_know_them(name: str, outlet: str) -> None:
    assert clean_outlet(name) == outlet


def test_known_outlets_by_web_address_and_its_subdomains() -> None:
    assert outlet_for_host("newsfeed.time.com") == "TIME"
    assert outlet_for_host("www.nytimes.com") == "The New York Times"
    assert outlet_for_host("money.cnn.com") == "CNN"
    assert outlet_for_host("example.org") == ""


@pytest.mark.parametrize(
    ("title", "sites", "want"),
    [
        ("Analysis: The nonstop sparring match | CNN Politics", ["CNN"], "Analysis: The nonstop sparring match"),
        (
            "TechCrunch | 2005 Zuckerberg Didn’t Want To Take Over The World",
            ["TechCrunch"],
            "2005 Zuckerberg Didn’t Want To Take Over The World",
        ),
        (
            "Washington Monument Closes to Repair Crack - TIME NewsFeed",
            ["TIME.com", "NewsFeed"],
            "Washington Monument Closes to Repair Crack",
        ),
        (
            "Anticorrupción decidirá en Madrid si recurre » Local » Noticias » Ultima Hora Mallorca",
            [],
            "Anticorrupción decidirá en Madrid si recurre",
        ),
        ("Whale strandings | Eleanor Ainge Roy", ["The Guardian", "Eleanor Ainge Roy"], "Whale strandings"),
        (
            "How we designed Dropbox’s ATF - an async task framework",
            ["Dropbox"],
            "How we designed Dropbox’s ATF - an async task framework",
        ),
        ("Raspberry Pi 3 - The credit card sized PC", ["SIMPLYFOUND.COM"], "Raspberry Pi 3 - The credit card sized PC"),
    ],
)
def test_the_site_name_comes_out_of_the_title(title: str, sites: list[str], want: str) -> None:
    assert strip_site(title, sites) == want


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-07-21", "2025-07-21"),
        ("2022-04-19T00:00:01-07:00", "2022-04-19"),
        ("2025/04/23", "2025-04-23"),
        ("23/04/2025", "2025-04-23"),
        ("08/01/2014", "2014-01-08"),
        ("04/25/2025", "2025-04-25"),
        ("12 de outubro de 2017", "2017-10-12"),
        ("12 de octubre de 2017", "2017-10-12"),
        ("Jul 21, 2025", "2025-07-21"),
        ("JULY 29, 2016", "2016-07-29"),
        ("21 July 2025", "2025-07-21"),
        ("1º de março de 2024", "2024-03-01"),
    ],
)
def test_dates_in_every_common_written_form(text: str, iso: str) -> None:
    assert normalise_date(text) == iso
    assert parse_date(f"Publicado: {text}") == iso


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("3 hours ago", 3 * 3600),
        ("hace 2 días", 2 * 86400),
        ("Há 1 mês", 2629800),
        ("2 horas atrás", 7200),
        ("an hour ago", 3600),
        ("Ayer", 86400),
    ],
)
def test_relative_stamps_are_read(text: str, seconds: int) -> None:
    found = relative_age(text)
    assert found is not None and found[0] == seconds


def test_text_without_a_relative_stamp_has_none() -> None:
    assert relative_age("The hours of the day") is None
    assert relative_age("Ana Pérez, 21 de julio de 2025") is None
