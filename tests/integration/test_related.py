import shutil
from pathlib import Path

from casereader.core import Case, Ref

from ..conftest import ORINOCO, SEEDS, WOLA


def test_the_two_criminal_record_paragraphs_are_each_others_top(seeds_case: Case) -> None:
    # Orinoco Tribune: "only 32 men (12%) of the 252 had criminal charges ..."
    # WOLA: "90 percent of the people sent to El Salvador have no criminal record ..."
    from_orinoco = seeds_case.related(Ref(ORINOCO, 35))
    assert from_orinoco[0].hit.ref == Ref(WOLA, 6)
    from_wola = seeds_case.related(Ref(WOLA, 6))
    assert from_wola[0].hit.ref == Ref(ORINOCO, 35)


def test_reasons_name_the_shared_things_as_written(seeds_case: Case) -> None:
    top = seeds_case.related(Ref(ORINOCO, 35))[0]
    reasons = [r.lower() for r in top.reasons]
    assert "united states" in reasons
    assert "el salvador" in reasons
    assert any(r.startswith("criminal record") for r in reasons)
    for span in top.hit.spans:
        assert top.hit.text[span.start : span.end].strip()
    source_text = seeds_case.paragraph(Ref(ORINOCO, 35)).text  # type: ignore[union-attr]
    shown = {source_text[s.start : s.end] for s in top.source_spans}
    assert "United States" in shown


def test_other_documents_first_then_same_document_marked(seeds_case: Case) -> None:
    related = seeds_case.related(Ref(ORINOCO, 35))
    flags = [r.same_document for r in related]
    assert flags[0] is False
    assert flags == sorted(flags)  # other documents, then this one
    assert any(flags)
    for item in related:
        assert (item.hit.citation.doc_id == ORINOCO) == item.same_document
        assert item.hit.ref != Ref(ORINOCO, 35)
        assert item.hit.kind == "body"


def test_unknown_reference(seeds_case: Case) -> None:
    import pytest

    with pytest.raises(KeyError):
        seeds_case.related(Ref(ORINOCO, 999))


def test_words_join_into_one_reason_only_where_both_passages_have_them_together(seeds_case: Case) -> None:
    # WOLA ¶9 speaks of "due process"; an Orinoco Tribune paragraph says "This process is
    # reportedly taking place due to ...": they share two words, not the phrase.
    from casereader.core.text import analysis

    items = seeds_case.related(Ref(WOLA, 9), limit=10)
    assert items
    for item in items:
        hit_terms = analysis.terms(item.hit.text, "en")
        for reason in item.reasons:
            words = analysis.terms(reason, "en")
            runs = [hit_terms[i : i + len(words)] for i in range(len(hit_terms))]
            assert words in runs, (reason, item.hit.ref)  # the reason's words, in a row, in the hit


SPANISH_NOTE = "\n".join(
    [
        "Por Ana Pérez – 22 de julio de 2025",
        "",
        "Según la cadena CBS, el 75% de los 252 venezolanos enviados al CECOT en El Salvador no tenía "
        "antecedentes penales, y el gobierno de Trump los acusó de pertenecer al Tren de Aragua.",
        "",
        "El presidente Nayib Bukele ofreció intercambiar a los migrantes por presos políticos en Venezuela, "
        "una propuesta que el gobierno de Nicolás Maduro rechazó.",
        "",
    ]
)


def test_a_spanish_passage_finds_its_english_counterparts_through_names_and_figures(tmp_path: Path) -> None:
    """Key terms were judged in the passage's own language field: in a case with one Spanish
    article, "CBS" and "75%" were "only here" and the passage found nothing in English."""
    folder = tmp_path / "case"
    shutil.copytree(SEEDS, folder)
    (folder / "nota.txt").write_text(SPANISH_NOTE, encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()
    assert case.document("nota").meta.lang == "es"  # type: ignore[union-attr]
    figures = case.related(Ref("nota", 3), limit=5)
    assert figures[0].hit.ref == Ref(ORINOCO, 34)  # "CBS … 75% of those detained had no criminal record"
    assert {"75%", "CBS", "252"} <= set(figures[0].reasons)
    assert any("Tren de Aragua" in item.reasons for item in figures)  # a name kept whole
    offer = case.related(Ref("nota", 5), limit=5)
    assert offer[0].hit.ref == Ref(WOLA, 1)  # Bukele's offer to Maduro
    assert {"Nicolás Maduro", "Nayib Bukele"} <= set(offer[0].reasons)
    back = case.related(Ref(ORINOCO, 34), limit=5)
    assert Ref("nota", 3) in [item.hit.ref for item in back]


FILLERS = {"recently", "clearly", "stated", "case", "allegedly", "reportedly", "meanwhile", "finally", "due"}


def test_filler_words_are_never_reasons(seeds_case: Case) -> None:
    """Every paragraph of the seeds: a sentence-initial "Meanwhile" was the reason Orinoco's
    ¶19, ¶23 and ¶31 were related to WOLA's ¶11, and "due" (from "due to") was a reason
    beside "process" fourteen times; "due process" is a reason."""
    due_process = 0
    for doc in (ORINOCO, WOLA):
        for para in seeds_case.paragraphs(doc):
            for item in seeds_case.related(Ref(doc, para.n), limit=8):
                words = {w.lower() for reason in item.reasons if reason != "due process" for w in reason.split()}
                assert not words & FILLERS, (doc, para.n, item.reasons)
                due_process += "due process" in item.reasons
    assert due_process >= 2  # WOLA ¶8 and ¶9 both say "due process"


def test_two_word_connectives_are_not_their_words(tmp_path: Path) -> None:
    """Sin embargo is "however": it does not make a passage related to one on an embargo."""
    folder = tmp_path / "caso"
    folder.mkdir()
    (folder / "uno.txt").write_text(
        "Sin embargo, el Tribunal Supremo de Justicia aplazó la audiencia de los 252 detenidos.\n\n"
        "El embargo petrolero de Washington contra Caracas sigue vigente desde 2019.\n\n"
        "La oposición convocó una marcha en Maracaibo para el sábado.\n",
        encoding="utf-8",
    )
    (folder / "dos.txt").write_text(
        "El embargo petrolero impuesto a Venezuela en 2019 sigue vigente, dijo el ministro.\n\n"
        "Sin embargo, los familiares de los 252 detenidos esperan la audiencia del Tribunal Supremo.\n\n"
        "Sin embargo, la lluvia inundó varias calles de Valencia durante la noche.\n",
        encoding="utf-8",
    )
    case = Case(folder, tmp_path / "index")
    case.update()
    hearing = case.related(Ref("uno", 1), limit=5)
    assert all("embargo" not in " ".join(item.reasons).lower() for item in hearing)
    assert Ref("dos", 3) in [item.hit.ref for item in hearing]  # the court and the detainees
    oil = case.related(Ref("uno", 3), limit=5)
    assert oil[0].hit.ref == Ref("dos", 1)
    assert "embargo petrolero" in oil[0].reasons  # the embargo itself is a reason


def test_a_photo_caption_does_not_pull_weak_matches(seeds_case: Case) -> None:
    """Orinoco's ¶2 is a photo caption ("Landing of liberated Venezuelan migrants at Simón
    Bolívar Airport … July 18, 2025"): it shared "July", "migrants" and "Venezuela" with four
    WOLA paragraphs, which were listed as related."""
    assert seeds_case.paragraph(Ref(ORINOCO, 2)).kind == "caption"  # type: ignore[union-attr]
    caption = seeds_case.related_sides(Ref(ORINOCO, 2))
    assert [item for item in caption.items if not item.same_document] == []
    assert caption.missing == ["WOLA"]  # said, not filled with weak matches
    tagline = seeds_case.related_sides(Ref(ORINOCO, 3))
    assert [item for item in tagline.items if not item.same_document] == []
    body = seeds_case.related_sides(Ref(ORINOCO, 34))
    assert body.items[0].hit.ref == Ref(WOLA, 6)  # a body paragraph's floor is unchanged
