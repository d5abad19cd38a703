"""Names: one entry per real entity — sentence-initial and function words, page boilerplate
and portfolios are no names; a party or place in brackets is its own entity; a short form
joins a person's full name only when one fits; nested places and institutions stay apart."""

from __future__ import annotations

from casereader.core.sides.names import NameEntry, find_names


def _names(*paragraphs: str) -> dict[str, NameEntry]:
    rows = [("doc", n, "Outlet", text) for n, text in enumerate(paragraphs, 1)]
    return {e.name: e for e in find_names(rows)}


def test_a_party_and_a_state_in_brackets_are_entities_of_their_own() -> None:
    names = _names(
        "O senador Fulano Beltrano (PT-SP) votou contra.",
        "O ex-presidente Luiz Inácio Lula da Silva (PT) falou em São Paulo.",
        "Lula chegou ao Senado com Fulano Beltrano.",
    )
    assert {"Fulano Beltrano", "PT", "SP", "Luiz Inácio Lula da Silva"} <= set(names)
    assert names["Fulano Beltrano"].variants == ["Fulano Beltrano"]
    assert "Lula" in names["Luiz Inácio Lula da Silva"].variants
    assert "PT" not in names["Luiz Inácio Lula da Silva"].variants


def test_sentence_initial_words_boilerplate_and_portfolios_are_not_names() -> None:
    names = _names(
        "Mesmo assim, Marina Silva defendeu o plano em Brasília.",
        "Assine",
        "CONTINUA DEPOIS DA PUBLICIDADE",
        "EMENDAS — O ministro da Fazenda, Fernando Haddad, anunciou as emendas.",
        "Aprovada a medida, Haddad voltou a Brasília. He said the emendas were ready.",
        "Jader Filho (Cidades) e Marina Silva (Meio Ambiente e Mudança do Clima) estavam lá.",
    )
    assert not {"Mesmo", "Assine", "CONTINUA DEPOIS DA PUBLICIDADE", "EMENDAS", "Fazenda", "Aprovada", "He"} & set(
        names
    )
    assert not {"Cidades", "Meio Ambiente", "Mudança do Clima"} & set(names)
    assert {"Marina Silva", "Fernando Haddad", "Jader Filho", "Brasília"} <= set(names)
    assert "Haddad" in names["Fernando Haddad"].variants


def test_a_short_form_joins_a_full_name_only_when_exactly_one_fits() -> None:
    names = _names(
        "Marina Silva e Luiz Inácio Lula da Silva chegaram.",
        "Depois, Silva e Lula falaram.",
    )
    assert "Lula" in names["Luiz Inácio Lula da Silva"].variants
    assert "Silva" in names and "Silva" not in names["Marina Silva"].variants


def test_nested_places_institutions_and_coordinated_names_stay_themselves() -> None:
    names = _names(
        "A Bandeira do Brasil foi hasteada no Brasil e em Portugal.",
        "El Puerto de Tarifa y el Gobierno de España reforzaron Ceuta y Melilla; Tarifa y España lo celebraron.",
        "The talks were held by President of Russia Vladimir Putin and Vladimir Putin met Emmanuel Macron.",
        "O Ministério da Justiça e Segurança Pública enviou Rogério Mendonça e Deibson Nascimento.",
    )
    assert names["Brasil"].variants == ["Brasil"] and "Bandeira do Brasil" in names
    assert names["Tarifa"].variants == ["Tarifa"] and names["España"].variants == ["España"]
    assert {"Puerto de Tarifa", "Gobierno de España", "Ceuta", "Melilla", "Russia", "Vladimir Putin"} <= set(names)
    assert {"Ministério da Justiça e Segurança Pública", "Rogério Mendonça", "Deibson Nascimento"} <= set(names)
    assert not any(" y " in n or (" e " in n and "Ministério" not in n) for n in names)


def test_a_list_of_portfolios_after_a_role_is_no_names_but_the_person_after_it_is() -> None:
    names = _names(
        "Estiveram lá representantes dos ministérios da Justiça e Segurança Pública, Saúde, Transportes, "
        "Portos e Aeroportos.",
        "La ministra de Inclusión, Seguridad Social y Migraciones, Elma Saiz, viajó a Dakar.",
        "Participou o ministro da Integração e Desenvolvimento Regional, Waldez Góes, em Brasília.",
    )
    assert not {"Justiça", "Segurança Pública", "Saúde", "Transportes", "Portos", "Aeroportos"} & set(names)
    assert not {"Inclusión", "Seguridad Social", "Migraciones", "Integração", "Desenvolvimento Regional"} & set(names)
    assert {"Elma Saiz", "Waldez Góes", "Brasília", "Dakar"} <= set(names)


def test_a_member_of_a_place_or_party_a_title_and_words_that_are_no_names() -> None:
    names = _names(
        "Steve Scalise of Louisiana and Yvette Cooper of the Labour Party spoke; Conservative MP Philip Hammond "
        "did not.",
        "The Soviet-style inquiry started at 11:25 UTC, which is OK for Luiz Inácio Lula da Silva.",
    )
    assert {"Steve Scalise", "Louisiana", "Yvette Cooper", "Labour Party", "Philip Hammond"} <= set(names)
    assert not {"Steve Scalise of Louisiana", "Conservative MP Philip Hammond", "Soviet-style", "UTC", "OK"} & set(
        names
    )
    assert "Luiz Inácio Lula da Silva" in names and "Silva" not in names
