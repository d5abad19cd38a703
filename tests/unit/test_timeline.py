"""The timeline reads dates as a reader of the article would: relative and weekday expressions
against the article's own date, future references forward, a month inside a place's name as no
date, and each event with the clause it belongs to."""

from __future__ import annotations

import pytest

from casereader.core.sides.timeline import Event, find_events


def events(text: str, published: str, lang: str = "") -> list[Event]:
    found = find_events([("doc", 1, "Outlet", text)], [("doc", "Outlet", published, lang)])
    return [e for e in found if not e.published]


def dated(text: str, published: str, lang: str = "") -> list[tuple[str, str]]:
    return [(e.text, e.date) for e in events(text, published, lang)]


@pytest.mark.parametrize(
    ("lang", "published", "text", "said", "date"),
    [
        # Wednesday 2022-05-04
        ("es", "2022-05-04", "El ministro habló este miércoles 4 de mayo en el Congreso.", "este miércoles 4 de mayo",
         "2022-05-04"),
        # Monday 2024-05-06
        ("pt", "2024-05-06", "O governo anunciou nesta segunda-feira o novo plano.", "nesta segunda-feira",
         "2024-05-06"),
        ("pt", "2024-05-09", "A Receita informou desta quinta que vai pagar.", "desta quinta", "2024-05-09"),
        ("pt", "2024-05-06", "A chuva caiu na última sexta-feira em Porto Alegre.", "na última sexta-feira",
         "2024-05-03"),
        ("pt", "2024-05-09", "Ele chegou na terça-feira (7/5) ao estado.", "na terça-feira (7/5)", "2024-05-07"),
        ("en", "2024-05-08", "The talks collapsed last week in Doha.", "last week", "2024-04-29"),
        ("es", "2024-05-08", "Los migrantes llegaron hace dos semanas a Canarias.", "hace dos semanas", "2024-04-22"),
        ("pt", "2024-05-08", "A ponte caiu há duas semanas.", "há duas semanas", "2024-04-22"),
        ("es", "2024-05-08", "El acuerdo se firmó el año pasado en Rabat.", "el año pasado", "2023"),
        ("pt", "2024-05-08", "O ano passado foi o mais quente.", "O ano passado", "2023"),
        ("en", "2024-05-08", "The minister resigned yesterday.", "yesterday", "2024-05-07"),
        ("es", "2024-05-08", "El juicio empieza mañana en Madrid.", "mañana", "2024-05-09"),
        # Thursday 2020-04-02 is the last Thursday before Sunday 2020-04-05
        ("en", "2020-04-05", "On Thursday the WHO counted a million cases.", "On Thursday", "2020-04-02"),
        ("en", "2020-02-14", "The disease was first recognised about two months ago in Wuhan.",
         "two months ago", "2019-12"),
        ("es", "2025-02-17", "Lo anunció el pasado viernes en Bruselas.", "el pasado viernes", "2025-02-14"),
        ("es", "2023-12-20", "Se aprobará en las próximas semanas.", "en las próximas semanas", "2023-12-25"),
        ("en", "2020-03-25", "The measures apply until the end of the year.", "until the end of the year", "2020-12"),
        # Thursday 2025-07-10
        ("pt", "2025-07-10", "Ele foi preso no sábado passado.", "no sábado passado", "2025-07-05"),
        ("pt", "2025-07-10", "A operação começou na quarta-feira (9/1).", "na quarta-feira (9/1)", "2025-01-09"),
        ("pt", "2025-07-10", "A ponte caiu em janeiro do ano passado.", "em janeiro do ano passado", "2024-01"),
        ("pt", "2025-07-10", "Choveu muito em março deste ano.", "em março deste ano", "2025-03"),
        ("en", "2025-07-10", "Prices fell in March last year.", "in March last year", "2024-03"),
        ("pt", "2025-07-10", "O ataque ocorreu no último dia 3.", "no último dia 3", "2025-07-03"),
        ("pt", "2025-07-10", "Na quarta (9) o ministro falou.", "Na quarta (9)", "2025-07-09"),
        ("pt", "2025-07-10", "O governo inaugurou nesta segunda um escritório.", "nesta segunda", "2025-07-07"),
        ("pt", "2025-07-10", "A obra termina daqui a dois meses.", "daqui a dois meses", "2025-09"),
        ("en", "2025-07-10", "The vote will be held in two weeks.", "in two weeks", "2025-07-21"),
    ],
)  # fmt: skip
def test_relative_and_weekday_expressions_are_read_against_the_documents_date(
    lang: str, published: str, text: str, said: str, date: str
) -> None:
    found = dated(text, published, lang)
    assert len(found) == 1, found
    (written, resolved) = found[0]
    assert said.casefold() in written.casefold() or written.casefold() in said.casefold(), found
    assert resolved == date


def test_a_week_is_its_monday_and_says_it_is_a_week() -> None:
    (event,) = events("Prices rose last week.", "2024-05-08", "en")
    assert (event.date, event.precision, event.relative) == ("2024-04-29", "week", True)
    assert "against the document's date" in event.how


def test_future_references_go_forward_and_past_ones_back() -> None:
    # "will be held on Feb. 9" in a January article: this year's February, not last year's.
    assert dated("The ceremony will be held on Feb. 9 in Los Angeles.", "2020-01-20", "en") == [
        ("Feb. 9", "2020-02-09")
    ]
    assert dated("The board will meet on Tuesday.", "2024-05-08", "en") == [("on Tuesday", "2024-05-14")]
    assert dated("The board met on Tuesday.", "2024-05-08", "en") == [("on Tuesday", "2024-05-07")]
    assert dated("Será el próximo 15 de junio.", "2025-05-07", "es")[0][1] == "2025-06-15"
    assert dated("Ocurrió el pasado 19 de diciembre.", "2024-01-19", "es")[0][1] == "2023-12-19"
    # a range takes the year written at its end
    assert [
        d for _, d in dated("Se desarrolló entre el 15 de junio y el 15 de septiembre de 2023.", "2024-01-19", "es")
    ] == [
        "2023-06-15",
        "2023-09-15",
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Miles de personas marcharon hasta la Plaza de Mayo."),
        ("es", "La manifestación salió de la calle Primero de Mayo."),
        ("pt", "Os presos foram levados para o Rio de Janeiro."),
        ("es", "El acto fue en la Avenida 9 de Julio."),
        ("pt", "A loja fica na Praça XV de Novembro."),
    ],
)
def test_a_month_inside_a_place_name_is_no_date(lang: str, text: str) -> None:
    assert dated(text, "2024-05-08", lang) == []
    assert dated(text, "2024-05-08") == []  # nor when the language is not known


def test_each_event_shows_its_clause_not_a_window_of_words() -> None:
    text = (
        "The United Nations said the convoy had been stopped at the border, "
        "while the ministry announced on Tuesday that the crossing would reopen within days."
    )
    (event,) = events(text, "2024-05-08", "en")
    assert event.clause == "while the ministry announced on Tuesday that the crossing would reopen within days."
    assert event.sentence == text
    assert event.sentence[event.at : event.at + len(event.text)] == event.text


def test_a_span_of_time_is_no_date() -> None:
    assert dated("Prices rose for the first time in three years.", "2025-07-10", "en") == []
    assert dated("Foi a segunda vez que o rio subiu.", "2025-07-10", "pt") == []  # "segunda": second
    assert dated("Começa nesta segunda etapa do plano.", "2025-07-10", "pt") == []
    assert dated("The coronavirus 2019-nCoV spread.", "2025-07-10", "en") == []  # a name, not a year


def test_dates_are_read_in_the_documents_language_only() -> None:
    # "mar" and "sexta" are a month and a weekday elsewhere; in English they are words.
    assert dated("The mar 5 fund and sexta 2 stayed.", "2024-05-08", "en") == []
    assert dated("Navegaron por el mar 5 horas sin parar.", "2024-05-08", "es") == []  # "mar." abbreviates marzo


def test_a_day_and_month_take_the_year_said_after_them_in_words() -> None:
    assert dated("A ponte foi interditada em 12 de março do ano passado.", "2025-07-10", "pt") == [
        ("12 de março do ano passado", "2024-03-12")
    ]
    assert dated("El puente se cerró el 12 de marzo del año pasado.", "2025-07-10", "es")[0][1] == "2024-03-12"
    assert dated("The bridge closed on March 12 of last year.", "2025-07-10", "en")[0][1] == "2024-03-12"
    assert dated("A obra começa em 3 de agosto do ano que vem.", "2025-07-10", "pt")[0][1] == "2026-08-03"


def case_dates(rows: list[tuple[str, int, str]], docs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    found = find_events(
        [(d, n, d.upper(), text) for d, n, text in rows], [(d, d.upper(), day, "pt") for d, day in docs]
    )
    return [(e.doc_id, e.text, e.date) for e in found if not e.published]


def test_a_day_the_case_writes_with_its_year_keeps_that_year_where_the_year_is_left_out() -> None:
    """ "a enchente de 3 de maio de 2023" in one article, "um ano depois da enchente de 3 de
    maio" in one of the next year: that day of 2023, not of the article's year."""
    rows = [("a", 1, "A enchente de 3 de maio de 2023 destruiu a ponte."),
            ("b", 1, "Um ano depois da enchente de 3 de maio, a ponte segue fechada.")]  # fmt: skip
    found = case_dates(rows, [("a", "2023-05-10"), ("b", "2024-05-06")])
    assert ("b", "3 de maio", "2023-05-03") in found
    event = next(e for e in find_events([("b", 1, "B", rows[1][2]), ("a", 1, "A", rows[0][2])],
                                        [("a", "A", "2023-05-10", "pt"), ("b", "B", "2024-05-06", "pt")])
                 if e.text == "3 de maio")  # fmt: skip
    assert "3 de maio de 2023" in event.how


def test_a_day_that_comes_back_every_year_is_not_taken_back_to_another_articles_year() -> None:
    """A season "del 15 de junio al 15 de septiembre" each year: the article of 2025 that says
    the next one will start on 15 June means 2025, whatever an article of 2023 wrote."""
    rows = [("a", 1, "La campaña se desarrolló entre el 15 de junio y el 15 de septiembre de 2023."),
            ("b", 1, "La campaña arrancará el próximo 15 de junio."),
            ("b", 2, "La campaña se desarrollará hasta el 15 de septiembre.")]  # fmt: skip
    found = find_events(
        [(d, n, d, t) for d, n, t in rows], [("a", "a", "2024-01-19", "es"), ("b", "b", "2025-05-07", "es")]
    )
    dates = {(e.doc_id, e.date) for e in found if not e.published}
    assert ("b", "2025-06-15") in dates and ("b", "2025-09-15") in dates


def test_a_few_words_between_ago_and_its_amount_still_date() -> None:
    assert dated("Há exatamente dois anos, a ponte caiu.", "2025-07-10", "pt")[0][1] == "2023"
    assert dated("Hace casi tres semanas se cerró el puente.", "2025-07-10", "es")[0][1] == "2025-06-16"


def test_a_day_and_month_before_last_year_are_of_last_year() -> None:
    assert dated("The treaty was signed on June 2 last year in Rome.", "2020-01-10", "en") == [
        ("June 2 last year", "2019-06-02")
    ]


def test_a_number_before_a_unit_is_no_year() -> None:
    assert dated("The 1900 km railway would link both ports.", "2020-01-10", "en") == []


def test_an_ordinal_sexta_and_a_landmark_marco_are_no_dates() -> None:
    assert dated("A sexta e última etapa prevê obras no porto.", "2024-01-22", "pt") == []
    assert dated("O governo aprovou o novo marco regulatório do saneamento.", "2024-01-22", "pt") == []
    assert dated("Choveu muito em março.", "2024-05-22", "pt") == [("em março", "2024-03")]


def test_the_coming_months_are_the_next_month_and_recent_months_no_date() -> None:
    assert dated("La obra arrancará en los próximos meses.", "2025-02-05", "es") == [
        ("en los próximos meses", "2025-03")
    ]
    assert dated("Los precios subieron en los últimos meses.", "2025-02-05", "es") == []


def test_an_expected_month_lies_ahead() -> None:
    """ "previsiblemente en octubre" in February: this October, not last."""
    assert dated(
        "Estamos preparados para el cambio cuando Bruselas lo decida, previsiblemente en octubre.", "2025-02-05", "es"
    ) == [("en octubre", "2025-10")]


def test_since_so_long_ago_is_a_span_not_a_date() -> None:
    """ "desde hace 13 años" is how long (a figure), "hace 13 años" when."""
    assert dated("La asociación trabaja desde hace 11 años en Ceuta.", "2025-03-17", "es") == []
    assert dated("La asociación nació hace 11 años en Ceuta.", "2025-03-17", "es") == [("hace 11 años", "2014")]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("O plano de ação para o período de 2024-2026 foi entregue.", "2024-2026"),
        ("A GM investe R$ 7 bilhões (2024/28) no país.", "2024/28"),
    ],
)
def test_a_span_of_years_is_one_date_its_first_year(text: str, said: str) -> None:
    assert dated(text, "2024-03-26", "pt") == [(said, "2024")]


def test_a_span_of_years_in_words_is_two_dates() -> None:
    """ "from 2008 to 2016" names two years (as the gold sets read it)."""
    assert [d for _, d in dated("He was mayor from 2008 to 2016.", "2019-07-24", "en")] == ["2008", "2016"]
