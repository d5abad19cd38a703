"""Spanish and Portuguese articles: the language is detected, and search matches inflected
forms and accents in each language."""

from collections.abc import Callable

import pytest

from casereader.core import Case

SPANISH = """Los migrantes venezolanos fueron enviados a la cárcel de máxima seguridad en El Salvador.
Ninguno de los detenidos tuvo acceso a un abogado ni compareció ante un juez.
El gobierno de Bukele recibió millones de dólares por encarcelar a los migrantes.
Las familias denunciaron que no sabían dónde estaban sus hijos ni por qué los detuvieron.
"""
PORTUGUESE = """Os migrantes venezuelanos foram enviados para a prisão de segurança máxima em El Salvador.
Nenhum dos detidos teve acesso a advogados nem foi levado a um juiz, segundo as organizações.
As famílias denunciaram que não sabiam onde estavam os filhos nem por que foram presos.
O governo de Bolívar não comentou as denúncias das famílias sobre as prisões.
"""


@pytest.fixture
def case(make_case: Callable[..., Case]) -> Case:
    return make_case({"es.txt": SPANISH, "pt.txt": PORTUGUESE, "en.txt": "The men were sent to CECOT.\n" * 3})


def test_language_is_detected_when_no_metadata_gives_it(case: Case) -> None:
    langs = {d.path: (d.meta.lang, d.meta.origins.get("lang")) for d in case.documents()}
    assert langs["es.txt"] == ("es", "detected")
    assert langs["pt.txt"] == ("pt", "detected")


def test_spanish_inflections_and_accents(case: Case) -> None:
    result = case.search("migrante detenido lang:es")  # the two words are never in one paragraph:
    assert result.notes[0].startswith("no paragraph has all 2 words — ")  # the ones with some of them
    assert result.hits and all(h.citation.doc_id == "es" for h in result.hits)
    words = {h.text[s.start : s.end] for h in case.search("detenidos lang:es").hits for s in h.spans}
    assert words == {"detenidos"}
    # "carcel" without its accent, singular "familia" for "familias", "encarcelar" by prefix.
    assert case.search("carcel").hits[0].citation.doc_id == "es"
    assert {h.citation.doc_id for h in case.search("familia", limit=50).hits} >= {"es"}
    assert case.search("encarcel*").total == 1


def test_portuguese_inflections_and_accents(case: Case) -> None:
    assert case.search("prisao lang:pt").total == 1  # "prisão"
    assert {h.text[s.start : s.end] for h in case.search("familia lang:pt").hits for s in h.spans} == {"famílias"}
    assert case.search("Bolivar").hits[0].text[case.search("Bolivar").hits[0].spans[0].start :].startswith("Bolívar")
    assert case.search("denuncia lang:pt").total == 2  # "denunciaram", "denúncias"


def test_lang_filter(case: Case) -> None:
    assert {h.citation.doc_id for h in case.search("El Salvador lang:es", limit=50).hits} == {"es"}
    assert {h.citation.doc_id for h in case.search('"El Salvador"', limit=50).hits} == {"es", "pt"}
