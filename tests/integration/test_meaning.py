"""Related by meaning with the real encoder, computed as the app and `casereader index` do (in
a worker process): an English passage finds its Spanish version though they share no name and
no figure, and says how it was found."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casereader.core import Case, Ref

from ..conftest import REPO

CROSSLANG = REPO / "bench" / "cases" / "crosslang" / "tune"
# NTREX-128 lines (CC BY-SA 4.0; bench/cases/crosslang/README.md) with no name or figure: a
# story's English sentence and its Spanish translation, file and line.
LINES = [
    ("dailymail.co.uk.298732", 13),  # a police officer ... a crime scene
    ("abcnews.306815", 12),  # flash flooding ... tropical rain
    ("dailymail.co.uk.298759", 12),  # long-term sleep deprivation ...
    ("cbsnews.248411", 14),  # wade through waist-deep water ...
    ("dailymail.co.uk.298686", 5),  # the party's economic agenda ...
    ("bbc.381789", 22),  # the stresses and pressure of the job ...
]


def _line(story: str, lang: str, n: int) -> str:
    return (CROSSLANG / f"{story}.{lang}.txt").read_text(encoding="utf-8").splitlines()[n - 1]


@pytest.fixture
def two_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Case:
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    folder = tmp_path / "case"
    folder.mkdir()
    english = [_line(story, "en", n) for story, n in LINES]
    spanish = [_line(story, "es", n) for story, n in reversed(LINES)]
    (folder / "news.txt").write_text("News of the week\n\n" + "\n\n".join(english) + "\n", encoding="utf-8")
    (folder / "noticias.txt").write_text("Noticias de la semana\n\n" + "\n\n".join(spanish) + "\n", encoding="utf-8")
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    return case


def _ref_of(case: Case, path: str, text: str) -> Ref:
    doc = next(d for d in case.documents() if d.path == path)
    return next(Ref(doc.doc_id, p.n) for p in case.paragraphs(doc.doc_id) if p.text == text)


def test_an_english_passage_finds_its_spanish_version_by_meaning(two_languages: Case) -> None:
    case = two_languages
    assert "not available yet" in case.meaning_status()
    assert case.update_meaning() == len(LINES) * 2  # in a worker process, as the app does
    assert case.meaning_status() == ""
    for story, n in LINES[:3]:
        english = _ref_of(case, "news.txt", _line(story, "en", n))
        spanish = _ref_of(case, "noticias.txt", _line(story, "es", n))
        found = [item for item in case.related_sides(english).items if not item.same_document]
        assert found and found[0].hit.ref == spanish, (story, [item.hit.text[:60] for item in found])
        assert found[0].meaning == "in Spanish" or found[0].shared
        words = [item for item in case.related(english, meaning=False) if not item.same_document]
        assert not words or words[0].hit.ref != spanish  # words alone do not find it first


ECBPLUS = REPO / "bench" / "cases" / "ecbplus"  # ECB+ (CC BY 3.0; bench/ecbplus.py), tuning topics


def _ecbplus_case(tmp_path: Path, topic: str, files: list[str]) -> Case:
    folder = tmp_path / "case"
    folder.mkdir()
    for name in files:
        shutil.copy(ECBPLUS / topic / name, folder / name)
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    assert case.update_meaning() > 0  # in a worker process, as the app does
    return case


def test_a_passage_finds_the_same_event_before_a_look_alike_of_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two earthquakes on the Iranian island of Qeshm, told by three outlets: a magnitude-5.6
    # quake one Sunday (20_5ecb, 20_2ecb) and a magnitude-5.9 one years later (20_3ecbplus).
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    case = _ecbplus_case(tmp_path, "20", ["20_5ecb.txt", "20_2ecb.txt", "20_3ecbplus.txt"])
    passage = _ref_of(
        case, "20_5ecb.txt", _file_line("20", "20_5ecb.txt", 5)
    )  # "Earlier on Sunday a 5.6 quake jolted the island, ..."
    same_event = _ref_of(
        case, "20_2ecb.txt", _file_line("20", "20_2ecb.txt", 2)
    )  # "An earthquake measuring 5.6 ... jolted Qeshm island"
    look_alike = _ref_of(
        case, "20_3ecbplus.txt", _file_line("20", "20_3ecbplus.txt", 13)
    )  # "The island, ... about 940 miles south of Tehran"
    found = [item.hit.ref for item in case.related_sides(passage).items if not item.same_document]
    assert same_event in found and look_alike in found  # both near in meaning and in words
    assert found[0] == same_event
    assert found.index(same_event) < found.index(look_alike)


def test_a_headline_finds_the_other_outlets_story_by_meaning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The Indian Navy foiling a pirate attack in the Gulf of Aden (12_*ecbplus), beside another
    # navy's anti-piracy operation (12_*ecb).
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    files = ["12_1ecbplus.txt", "12_2ecbplus.txt", "12_3ecbplus.txt", "12_1ecb.txt", "12_2ecb.txt"]
    case = _ecbplus_case(tmp_path, "12", files)
    headline = _ref_of(case, "12_1ecbplus.txt", "Navy foils Somali pirate attack off Gulf of Aden")
    # (read as a tagline here, without the catalog's headline: it has no vector of its own)
    found = [item for item in case.related_sides(headline).items if not item.same_document]
    by_meaning = [item for item in found if item.meaning]
    assert by_meaning, [item.hit.text[:60] for item in found]
    assert by_meaning[0].meaning == "same meaning, other words"
    story = {case.document(item.hit.ref.doc_id).path for item in found[:3]}  # type: ignore[union-attr]
    assert story <= {"12_2ecbplus.txt", "12_3ecbplus.txt"}, [item.hit.text[:60] for item in found]


def _file_line(topic: str, name: str, n: int) -> str:
    return (ECBPLUS / topic / name).read_text(encoding="utf-8").splitlines()[n - 1]
