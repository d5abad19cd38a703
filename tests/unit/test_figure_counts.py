"""What a figure counts when the words after it do not say, and which figures a ⚠ may join:
sentences written for these tests, one rule each."""

from __future__ import annotations

from casereader.core.sides.figures import Figure, find_figures, group_figures


def counted(text: str, lang: str) -> dict[str, str]:
    return {f.text: f.counts for f in find_figures([("doc", 1, "Outlet", text)], {"doc": lang})}


def test_a_figure_after_a_verb_counts_the_clauses_subject() -> None:
    """ "cayeron un 60%", "asciende a 5.500", "se situó en el 12%": the verb is not what is
    counted, the clause's subject is."""
    assert counted("Las llegadas a Lanzarote cayeron un 60% en el primer trimestre.", "es")["60%"] == "llegadas"
    assert counted("El número de menores tutelados asciende a 5.500.", "es")["5.500"] == "número de menores"
    assert counted("La tasa de paro se situó en el 12%.", "es")["12%"] == "tasa de paro"
    assert counted("A produção de soja cresceu até 40 mil.", "pt")["40 mil"] == "produção de soja"


def test_a_name_opening_the_clause_is_who_not_what_is_counted() -> None:
    assert counted("Portugal recibirá 30 millones de euros del fondo.", "es")["30 millones de euros"] == "fondo"
    assert counted("Mauritania recibirá 210 millones de euros.", "es")["210 millones de euros"] == ""


def test_a_noun_before_of_still_wins_over_the_subject() -> None:
    """ "un descenso del 45%": the noun the figure completes."""
    assert counted("El paro marca un descenso del 45% este año.", "es")["45%"] == "descenso"
    assert counted("The shelter counted a rise of 15% in arrivals.", "en")["15%"] == "arrivals"


def test_a_range_keeps_its_own_reading() -> None:
    """ "from 11 to 75": the number before "to" is no verb, the subject is not taken."""
    found = counted("The council grew the budget from 11 to 75 in a decade.", "en")
    assert found["75"] != "council"


def test_a_figure_with_its_noun_left_out_counts_what_the_figure_before_it_counts() -> None:
    """ "12.012 rotaciones, un 8,4 más"; "39.910 llegadas, frente a las 15.682 del año anterior"."""
    found = counted("El puerto registró 39.910 llegadas, frente a las 15.682 del año anterior.", "es")
    assert found["15.682"] == "llegadas"
    found = counted("Se han previsto 1.500 vuelos chárter, un 7,5 más que el año pasado.", "es")
    assert found["7,5"] == "vuelos chárter"


def test_comparisons_and_times_after_a_share_are_not_what_it_counts() -> None:
    assert counted("Las solicitudes aumentaron un 24% respecto a 2023.", "es")["24%"] == "solicitudes"
    assert "mes" not in counted("Las ventas bajaron un 8% en los primeros meses.", "es")["8%"]


def group_texts(rows: list[tuple[str, int, str, str]], lang: str = "en") -> list[tuple[set[str], bool]]:
    found = find_figures(rows, {doc: lang for doc, *_ in rows})
    return [({f.text for f in g.figures}, g.disagreement) for g in group_figures(found)]


def group_values(rows: list[tuple[str, int, str, str]], lang: str = "en") -> list[tuple[list[float], bool]]:
    found = find_figures(rows, {doc: lang for doc, *_ in rows})
    return [(sorted(f.value for f in g.figures), g.disagreement) for g in group_figures(found)]


def test_different_sums_of_money_are_other_tranches_not_one_claim_told_differently() -> None:
    rows = [
        ("a", 1, "Post", "The White House announced $800 million in new security assistance for the port of Odesa."),
        ("b", 1, "Times", "The White House announced $1 billion in new security assistance for the port of Odesa."),
    ]
    assert not any(flagged for _, flagged in group_texts(rows))


def test_a_rounded_sum_is_still_one_claim_told_differently() -> None:
    rows = [
        ("a", 1, "Post", "The package adds $13.6 billion in emergency aid for the flooded province of Lorca."),
        ("b", 1, "Times", "The package adds $13.9 billion in emergency aid for the flooded province of Lorca."),
    ]
    assert any(flagged for _, flagged in group_texts(rows))


def test_counts_read_from_the_clauses_subject_are_not_enough_to_say_two_figures_differ() -> None:
    """The subject is read from afar: two figures may be of one noun and still not one claim."""
    rows = [
        ("a", 1, "Diario", "Las llegadas de pateras a Almería cayeron hasta las 4.100 durante el verano."),
        ("b", 1, "Gaceta", "Las llegadas de pateras a Almería cayeron hasta las 5.300 durante el verano."),
    ]
    assert not any(flagged for _, flagged in group_texts(rows, "es"))
    rows = [
        ("a", 1, "Diario", "Las patrulleras rescataron a 4.100 migrantes en pateras cerca de Almería en verano."),
        ("b", 1, "Gaceta", "Las patrulleras rescataron a 5.300 migrantes en pateras cerca de Almería en verano."),
    ]
    assert any(flagged for _, flagged in group_texts(rows, "es"))


def test_a_figure_passes_its_noun_only_to_one_of_its_kind() -> None:
    """A span of months does not count the migrants before it; a sum is the value of the count
    before it, not more of it."""
    found = counted("Más de 900 migrantes murieron en la ruta durante los primeros cinco meses del año.", "es")
    assert found["900 migrantes"] == "migrantes" and found["cinco meses"] != "migrantes"
    found = counted("A medida atinge 2,1 milhões de contribuintes, com valor estimado em R$ 3 bilhões.", "pt")
    assert found["R$ 3 bilhões"] != "contribuintes"


def test_a_verb_with_no_subject_in_its_clause_gives_way_to_the_figure_before_it() -> None:
    found = counted("El centro tiene plazas para 300 menores, pero ya atiende a 700.", "es")
    assert found["700"] == "menores"


def test_a_grouped_number_after_a_place_name_is_a_count_not_part_of_the_name() -> None:
    """ "llegaron a Canarias 19.257 personas"; "Nord Stream 2" stays a name."""
    assert counted("Entre enero y junio llegaron a Baleares 19.257 personas.", "es")["19.257 personas"] == "personas"
    assert "2" not in " ".join(counted("The pipeline Nord Stream 2 was halted.", "en"))


def test_a_mission_or_stage_number_is_no_figure() -> None:
    found = counted("Na área da saúde (missão 2), a meta é produzir 70% dos insumos.", "pt")
    assert "2" not in found and "70%" in found
    assert "3" not in counted("La etapa 3 del plan empieza en otoño.", "es")


def test_cubic_metres_are_a_unit_and_the_gas_is_what_is_counted() -> None:
    figure = find_figures([("d", 1, "O", "The line carries 12 billion cubic metres of gas a year.")], {"d": "en"})[0]
    assert (figure.value, figure.measure, figure.counts) == (12e9, "cubic metre", "gas")


def test_words_that_approximate_or_place_a_figure_in_time_are_not_what_it_counts() -> None:
    """ "una inversión cercana a los 11 millones", "nos próximos 90 dias", "21% hoje"."""
    assert (
        counted("Se hizo tras una inversión cercana a los 14 millones de euros.", "es")["14 millones de euros"]
        == "inversión"
    )
    assert counted("O plano prevê a revisão das regras nos próximos 60 dias.", "pt")["60 dias"] == "revisão das regras"
    assert counted("A participação do etanol é de 21,4% hoje.", "pt")["21,4%"] != "hoje"
    assert (
        counted("O programa prevê investimentos da ordem de R$ 80 bilhões até 2030.", "pt")["R$ 80 bilhões"]
        == "investimentos"
    )


def test_what_a_sum_is_for_is_not_what_it_counts() -> None:
    """ "14 millones de euros para equipar": a verb of purpose; "para el hogar" is still a noun."""
    found = counted("Se aprobó una inversión de 14 millones de euros para equipar el puerto.", "es")
    assert found["14 millones de euros"] == "inversión"
    assert counted("Se destinan 5 millones de euros para el hogar de acogida.", "es")["5 millones de euros"] == (
        "hogar de acogida"
    )


def test_what_qualifies_a_figure_after_it_is_not_what_it_counts() -> None:
    """ "2.9 million strong", "25% higher", "five weeks yesterday", a score "229-to-197"; but
    "two previous rounds" counts rounds, "17 out of 18 districts" districts, and "two Mi-17
    helicopters" stays a count of helicopters."""
    assert counted("Marchers, more than 2.9 million strong, filled the avenue.", "en")["2.9 million"] == ""
    assert counted("More than 2.9 million strong turned out.", "en")["2.9 million"] != "turned out"
    assert counted("Turnout was some 25% higher than in 2015.", "en")["25%"] != "higher"
    assert counted("The Senate was suspended for five weeks yesterday.", "en")["five weeks"] != "yesterday"
    assert counted("The delegations held two previous rounds of talks.", "en")["two"] == "rounds of talks"
    assert counted("The opposition now controls 17 out of 18 districts.", "en")["17"] == "districts"
    assert counted("The House voted 229-to-197 on the second article.", "en")["229"] == ""
    assert counted("The army will receive two Mi-17 helicopters.", "en")["two Mi-17 helicopters"] == "Mi-17 helicopters"


def test_a_number_after_de_is_a_figure_unless_a_part_of_it_comes_first() -> None:
    """ "la cifra fue de 10.457" is a figure; "seis de los 252": the 252 is the whole. A month
    abbreviation earlier in the window ("el mar fue de") does not make it a date."""
    found = counted("La cifra de muertos en el mar fue de 10.457, según la ONG.", "es")
    assert found["10.457"] == "cifra de muertos"
    assert "252" not in " ".join(counted("Solo seis de los 252 tenían antecedentes.", "es"))
    assert "20" not in " ".join(counted("On April 20 the rally drew 3,000 people.", "en"))


def test_imperfects_and_gerunds_are_verbs_not_what_is_counted() -> None:
    assert counted("De ellas, el 40% procedían de Venezuela.", "es")["40%"] != "procedían de Venezuela"
    found = counted("Há 44 pontos de bloqueio, sendo 15 com bloqueio total.", "pt")
    assert found["15"] == "pontos de bloqueio"


def test_percentage_points_are_a_unit() -> None:
    figure = find_figures([("d", 1, "O", "A meta é ampliar em 25 pontos percentuais a participação.")], {"d": "pt"})[0]
    assert (figure.value, figure.measure) == (25.0, "pp")


def test_an_english_word_ending_like_a_spanish_verb_is_still_a_noun() -> None:
    """ "Russian", "civilian" end as "procedían" does, without its accent."""
    assert counted("Sanctions hit two Russian banks and three civilian ports.", "en") == {
        "two Russian banks": "Russian banks",
        "three civilian ports": "civilian ports",
    }


def test_a_rounding_is_one_claim_told_alike_not_a_disagreement() -> None:
    """ "3,4 millones" is 3.442.770 rounded as finely as it is written, "almost 16 billion" is
    15.75 billion: one group, no ⚠; $13.6 billion and $13.9 billion still differ."""
    rows = [
        ("a", 1, "Interior", "En la OPE de 2024 cruzaron el Estrecho 3.442.770 pasajeros entre España y Marruecos."),
        ("b", 1, "Exteriores", "En la OPE de 2024 cruzaron el Estrecho 3,4 millones de pasajeros entre ambos."),
    ]
    assert group_values(rows, "es") == [([3400000.0, 3442770.0], False)]
    rows = [
        ("a", 1, "Kremlin", "Each of the two lines of the pipeline carries 15.75 billion cubic metres of gas a year."),
        ("a", 2, "Kremlin", "Each line of the pipeline carries almost 16 billion cubic metres of gas a year now."),
    ]
    assert group_values(rows) == [([15.75e9, 16e9], False)]


def test_figures_of_other_years_are_other_quantities() -> None:
    """ "en 2023" and "en 2024", "last year" and "this year": two counts, not one told twice."""
    rows = [
        ("a", 1, "Diario", "En 2023 las patrulleras rescataron a 4.100 migrantes en cayucos cerca de El Hierro."),
        ("b", 1, "Gaceta", "En 2024 las patrulleras rescataron a 5.300 migrantes en cayucos cerca de El Hierro."),
    ]
    assert group_texts(rows, "es") == []
    rows = [
        ("a", 1, "Post", "Last year the coastguard rescued 4,100 migrants from boats off the island of Lampedusa."),
        ("b", 1, "Times", "This year the coastguard rescued 5,300 migrants from boats off the island of Lampedusa."),
    ]
    found = find_figures(rows, {"a": "en", "b": "en"})
    assert group_figures(found, {"a": "2024-06-01", "b": "2024-06-03"}) == []


def test_figures_of_other_places_are_other_quantities_and_of_one_place_differ() -> None:
    rows = [
        ("a", 1, "Post", "The UN says 300 civilians were killed by shelling in Mariupol during the siege."),
        ("b", 1, "Times", "The UN says 350 civilians were killed by shelling in Ukraine during the siege."),
    ]
    assert group_texts(rows) == []
    rows[1] = ("b", 1, "Times", "The UN says 350 civilians were killed by shelling in Mariupol during the siege.")
    assert group_values(rows) == [([300.0, 350.0], True)]


def test_people_counted_are_told_apart_by_the_words_after_them() -> None:
    """ "45.237 pessoas em abrigos" and "47.676 pessoas em abrigos" are one claim told
    differently; "1,000 people infected" and "1,000 US deaths" are two."""
    rows = [
        ("a", 1, "Planalto", "O balanço da Defesa Civil indica 45.237 pessoas em abrigos e 85 mortes confirmadas."),
        ("b", 1, "Secom", "O boletim da Defesa Civil indica 47.676 pessoas em abrigos e 85 mortes no estado."),
    ]
    assert ([45237.0, 47676.0], True) in group_values(rows, "pt")
    rows = [
        ("a", 1, "Wire", "Officials said 1,000 people were infected with the virus in the city in a single week."),
        ("b", 1, "Post", "The country passed 1,000 deaths from the virus on Monday, officials said."),
    ]
    assert group_values(rows) == []


def test_a_value_a_document_repeats_of_one_noun_is_one_claim() -> None:
    rows = [
        ("a", 2, "Interior", "El Consejo y el Parlamento han alcanzado un acuerdo sobre cinco reglamentos clave."),
        ("a", 8, "Interior", "El Pacto es una propuesta legislativa, compuesta por cinco reglamentos, de la Comisión."),
    ]
    assert group_values(rows, "es") == [([5.0, 5.0], False)]


def test_two_figures_agree_when_one_may_stand_for_the_other_as_written() -> None:
    """ "almost", "more than", "about" and a round number say which values a figure stands for;
    exact values differ when they differ at all."""
    from casereader.core.sides.figures import told_alike

    def one(text: str, lang: str = "es") -> Figure:
        return find_figures([("doc", 1, "Outlet", text)], {"doc": lang})[0]

    exact = one("El sistema suma 32.142 plazas.")
    assert told_alike(exact, one("El sistema suma en torno a 32.000 plazas."))
    assert told_alike(exact, one("El sistema suma 32.000 plazas."))  # three zeros: a round number
    assert not told_alike(exact, one("El sistema suma casi las 30 mil plazas."))  # almost: below it
    assert told_alike(one("Ya hay más de 46 mil personas."), one("Ya hay 46.012 personas."))
    assert not told_alike(one("Ya hay más de 924 mil personas."), one("Ya hay 1.178.226 personas."))
    assert not told_alike(one("Fueron 238.404 personas."), one("Fueron 237.286 personas."))
    assert not told_alike(one("For two days.", "en"), one("For three days.", "en"))


def test_a_sum_in_reais_is_one_written_with_the_sign_or_the_word() -> None:
    rows = [
        ("a", 1, "MMA", "O governo aprovou R$ 137 milhões em recursos extraordinários para o combate aos incêndios."),
        ("b", 1, "Planalto", "O governo aprovou 137 milhões de reais para o combate aos incêndios no Pantanal."),
    ]
    assert group_values(rows, "pt") == [([137e6, 137e6], False)]


def test_values_that_differ_are_flagged_only_when_surely_one_claim() -> None:
    """A year one figure is of and the other does not say, or shares of one whole that say
    different things of it: not one claim told differently."""
    rows = [
        ("a", 1, "Post", "In 2023 the coastguard rescued 4,100 migrants from boats off the island of Lampedusa."),
        ("b", 1, "Times", "The coastguard rescued 5,300 migrants from boats off the island of Lampedusa."),
    ]
    assert group_values(rows) == []
    rows = [
        ("a", 1, "Post", "A poll found that 60% of voters in the region backed the new bridge."),
        ("b", 1, "Times", "A poll found that 70% of voters in the region opposed the new toll."),
    ]
    assert group_values(rows) == []
    rows[1] = ("b", 1, "Times", "A poll found that 70% of voters in the region backed the new bridge.")
    assert group_values(rows) == [([60.0, 70.0], True)]


def test_a_list_items_figure_counts_its_label_not_the_next_items() -> None:
    """ "Stellantis — R$ 30 bilhões (2025/2030); Volkswagen — R$ 16 bilhões": each sum is its
    item's; in items glued together ("(2023/2025)BMW – R$ 500 milhões") the label after a sum
    is the next item's."""
    text = "Stellantis — R$ 30 bilhões (2025/2030); Volkswagen — R$ 16 bilhões (2022/28); e BMW — R$ 500 milhões."
    assert counted(text, "pt") == {
        "R$ 30 bilhões": "Stellantis",
        "R$ 16 bilhões": "Volkswagen",
        "R$ 500 milhões": "BMW",
    }
    glued = "Nissan – R$ 2,8 bilhões (2023/2025)BMW – R$ 500 milhões"
    assert counted(glued, "pt") == {"R$ 2,8 bilhões": "Nissan", "R$ 500 milhões": "BMW"}


def test_figures_of_a_named_kind_and_of_all_are_not_one_claim_told_differently() -> None:
    """2,000 Javelin, 1,000 light anti-armor weapons and 6,000 AT-4 make 9,000 anti-armor
    systems: no ⚠ between the 9,000 and the 6,000 AT-4."""
    rows = [
        ("remarks", 3, "White House", "The package also includes 9,000 anti-armor systems for Ukraine's forces."),
        ("sheet", 5, "Fact sheet", "The package includes 6,000 AT-4 anti-armor systems for Ukraine's forces."),
    ]
    assert not any(flagged for _, flagged in group_texts(rows))
