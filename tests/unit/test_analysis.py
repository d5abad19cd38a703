from casereader.core.text.analysis import fold, index_terms, term, terms, tokens


def test_accent_folding_both_ways() -> None:
    assert term("Rodriguez") == term("Rodríguez")
    assert term("Maiquetía") == term("Maiquetia")
    assert term("MISIÓN") == term("mision")
    assert fold("Straße") == "strasse"
    assert fold("ﬁnal") == "final"  # ligature


def test_english_stemming_keeps_inflections_together() -> None:
    assert term("records") == term("record")
    assert term("negotiations") == term("negotiation")
    assert term("detained") == term("detain")
    assert term("Venezuela’s") == term("Venezuela")


def test_spanish_and_portuguese_stemmers_exist() -> None:
    assert term("canciones", "es") == term("canción", "es")
    assert term("presidentes", "pt") == term("presidente", "pt")
    assert term("Bolívar", "xx") == "bolivar"  # unknown language: folded, not stemmed


def test_no_stop_words_us_is_a_word() -> None:
    assert terms("the US and it") == ["the", "us", "and", "it"]


def test_offsets_point_at_the_words_as_written() -> None:
    text = "Jorge Rodríguez said 12% of “them”."
    for _, start, end in tokens(text):
        assert text[start:end].strip()
    words = [text[s:e] for _, s, e in tokens(text)]
    assert words == ["Jorge", "Rodríguez", "said", "12", "%", "of", "them"]
    assert term("%") == "percent"


def test_index_terms_match_query_terms() -> None:
    text = "Maiquetía’s records; maximum-security prisons, 90 percent and 12%."
    assert index_terms(text, "en") == terms(text, "en")


def test_terms_are_the_tokens_without_their_offsets() -> None:
    """``terms`` (what search reorders its best hits by) takes the indexing loop: the same
    terms as ``tokens`` gives, on the seeds and on the forms that tokenizing handles apart."""
    from ..conftest import SEEDS

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.suffix in (".md", ".txt")]
    texts += ["U.S. and EE.UU. said 12% (don't); l’État", "Aunque la U.N.  — Misión… 3.5 millones", ""]
    assert texts[0]
    for text in texts:
        for lang in ("en", "es", "pt", "fr", "xx", None):
            assert terms(text, lang) == [t for t, _, _ in tokens(text, lang)]
