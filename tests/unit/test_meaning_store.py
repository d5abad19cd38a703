"""The paragraphs' meaning kept beside the index: written and read back, computed again for
changed documents only, and never in the way when missing or damaged (words alone, said)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from casereader.core import Case, Ref
from casereader.core.index.meaning import DIMS

ENGLISH = """Storm over the coast

A police officer was heard telling one man that the entire area is now being treated as a crime scene.

Flash flooding is possible with rapidly deteriorating conditions due to the scattered nature of tropical rain.

The council will vote next week on the new budget for the schools of the district.
"""

OTHER = """Budget news

The district's schools get a new budget after the council votes next week.

Nothing else happened in the town this week, the mayor said at the market.
"""


class Recorder:
    """A stand-in encoder: a fixed pseudo-random vector per text, and the texts it was given."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:4], "little")
            rows.append(np.random.default_rng(seed).standard_normal(DIMS).astype(np.float32))
        return np.stack(rows)


@pytest.fixture
def case(tmp_path: Path) -> Case:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "storm.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "budget.txt").write_text(OTHER, encoding="utf-8")
    opened = Case(folder, tmp_path / "index", tmp_path / "data")
    opened.update()
    return opened


def _body(case: Case) -> dict[Ref, str]:
    return {Ref(d.doc_id, p.n): p.text for d in case.documents() for p in case.paragraphs(d.doc_id) if p.is_body}


def test_every_body_paragraph_gets_its_meaning_and_reads_back_as_it_was_computed(case: Case) -> None:
    encoder = Recorder()
    body = _body(case)
    assert case.index.meaning.update(case.index, encode=encoder) == len(body)
    vectors = case.index.meaning.vectors()
    assert vectors is not None and len(vectors) == len(body)
    for ref, text in body.items():
        expected = encoder([text])[0]
        expected /= np.linalg.norm(expected)
        stored = vectors.vector(ref.doc_id, ref.n)
        assert stored is not None
        assert float(stored @ expected) > 0.999  # int8 with its scale: the same direction
        nearest = vectors.nearest(stored, 1)[0]
        assert (nearest.doc_id, nearest.n) == (ref.doc_id, ref.n)
    assert case.meaning_status() == "" or not case.meaning_enabled


@pytest.mark.parametrize("simd", [True, False])
def test_the_int8_search_gives_the_cosines_of_the_stored_vectors(
    case: Case, simd: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    from casereader.core.index import meaning

    if not simd:  # numpy a block of rows at a time (blocks of 2 rows: several of them)
        real_import = builtins.__import__

        def no_simsimd(name: str, *args: object, **kwargs: object) -> object:
            if name == "simsimd":
                raise ImportError(name)
            return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(builtins, "__import__", no_simsimd)
        monkeypatch.setattr(meaning, "BLOCK", 2)
    case.index.meaning.update(case.index, encode=Recorder())
    vectors = case.index.meaning.vectors()
    assert vectors is not None
    refs = list(_body(case))
    stored = np.stack([vectors.vector(r.doc_id, r.n) for r in refs])  # type: ignore[misc]
    for i, ref in enumerate(refs):
        sims = vectors.similarities(stored[i])
        expected = stored @ stored[i]
        rows = [vectors.row(r.doc_id, r.n) for r in refs]
        assert np.allclose(sims[rows], expected, atol=1e-4)
        others = [r for r in refs if r.doc_id != ref.doc_id]
        best = max(others, key=lambda r: float(expected[refs.index(r)]))
        (first,) = vectors.nearest(stored[i], 1, exclude_doc=ref.doc_id)
        assert Ref(first.doc_id, first.n) == best
    assert vectors.row("no such document", 1) is None and vectors.row(refs[0].doc_id, 10_000) is None


def test_only_a_changed_document_is_computed_again(case: Case) -> None:
    case.index.meaning.update(case.index, encode=Recorder())
    (case.folder / "budget.txt").write_text(OTHER + "\nA new paragraph about the budget of the schools.\n")
    case.update()
    again = Recorder()
    computed = case.index.meaning.update(case.index, encode=again)
    changed = {text for ref, text in _body(case).items() if ref.doc_id.startswith("budget")}
    assert set(again.texts) == changed and computed == len(changed)
    vectors = case.index.meaning.vectors()
    assert vectors is not None and len(vectors) == len(_body(case))
    assert case.index.meaning.update(case.index, encode=Recorder()) == 0  # nothing changed since


def test_a_document_is_as_near_as_its_paragraphs_mean(case: Case) -> None:
    """What related passages weigh of two articles: each document's mean vector."""
    case.index.meaning.update(case.index, encode=Recorder())
    vectors = case.index.meaning.vectors()
    assert vectors is not None
    for doc in case.documents():
        rows = [v for p in case.paragraphs(doc.doc_id) if (v := vectors.vector(doc.doc_id, p.n)) is not None]
        mean = np.sum(rows, axis=0)
        centroid = vectors.centroid(doc.doc_id)
        assert centroid is not None
        assert float(centroid @ (mean / np.linalg.norm(mean))) > 0.9999
        assert abs(float(np.linalg.norm(centroid)) - 1.0) < 1e-5
    assert vectors.centroid("no such document") is None


def test_a_removed_document_leaves_the_stored_meanings(case: Case) -> None:
    case.index.meaning.update(case.index, encode=Recorder())
    (case.folder / "budget.txt").unlink()
    case.update()
    case.index.meaning.update(case.index, encode=Recorder())
    vectors = case.index.meaning.vectors()
    assert vectors is not None and set(vectors.docs) == {d.doc_id for d in case.documents()}


@pytest.mark.parametrize("damage", ["truncated", "missing", "not json"])
def test_a_damaged_or_missing_file_means_words_alone_said_without_a_traceback(
    case: Case, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    case.index.meaning.update(case.index, encode=Recorder())
    folder = case.index_dir / "meaning"
    (vectors_file,) = folder.glob("vectors-*.npy")
    if damage == "truncated":
        vectors_file.write_bytes(vectors_file.read_bytes()[:300])
    elif damage == "missing":
        vectors_file.unlink()
    else:
        (folder / "meaning.json").write_text("{", encoding="utf-8")
    reopened = Case(case.folder, case.index_dir, case.data_dir)
    status = reopened.meaning_status()
    assert "words alone" in status or "not available" in status
    storm = next(d.doc_id for d in reopened.documents() if d.path == "storm.txt")
    budget = next(d.doc_id for d in reopened.documents() if d.path == "budget.txt")
    items = reopened.related(Ref(storm, 7))  # the council's budget: found by its words
    assert any(item.hit.ref.doc_id == budget for item in items)
    assert all(not item.meaning for item in items)
    # and the next update computes them again
    assert reopened.index.meaning.update(reopened.index, encode=Recorder()) == len(_body(reopened))
    assert reopened.meaning_status() == ""


def test_related_passages_come_from_words_before_any_meaning_is_computed(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    assert case.index.meaning.vectors() is None
    assert "not available yet" in case.meaning_status()
    storm = next(d.doc_id for d in case.documents() if d.path == "storm.txt")
    budget = next(d.doc_id for d in case.documents() if d.path == "budget.txt")
    items = case.related(Ref(storm, 7))
    assert [item.hit.ref.doc_id for item in items if not item.same_document][:1] == [budget]


def test_an_encoder_that_cannot_start_is_a_note_of_casereader_index_not_a_traceback(
    case: Case, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from casereader.cli.opening import update_meaning
    from casereader.cli.output import Output
    from casereader.core.index import meaning

    monkeypatch.delenv("CASEREADER_NO_MEANING")
    monkeypatch.setattr(meaning.sys, "executable", "/bin/false")  # the worker process exits at once
    with pytest.raises(RuntimeError, match="the meaning encoder"):
        case.update_meaning()
    said = update_meaning(case, quiet=True, output=Output())
    assert said["computed"] == 0 and "words alone" in str(said["problem"])
    assert "Traceback" not in capsys.readouterr().err
    assert case.index.meaning.vectors() is None  # nothing half-written
    assert case.related(Ref(next(d.doc_id for d in case.documents() if d.path == "storm.txt"), 7))


def test_while_the_user_types_nothing_is_encoded_and_everything_is_once_they_stop(case: Case) -> None:
    """The app holds the encoding while keys arrive (``hold``): no paragraph is encoded then,
    and every one is once typing stops."""
    typing, asked = threading.Event(), threading.Event()
    typing.set()
    encoder = Recorder()
    encoded_while_typing: list[int] = []
    looks = 0

    def hold() -> bool:
        nonlocal looks
        if typing.is_set():
            encoded_while_typing.append(len(encoder.texts))
            looks += 1
            if looks >= 3:
                asked.set()
        return typing.is_set()

    result: list[int | None] = []
    thread = threading.Thread(
        target=lambda: result.append(case.index.meaning.update(case.index, encode=encoder, hold=hold))
    )
    thread.start()
    assert asked.wait(10)
    typing.clear()
    thread.join(10)
    assert set(encoded_while_typing) == {0}
    assert result == [len(_body(case))]
    assert sorted(encoder.texts) == sorted(_body(case).values())


def test_a_large_case_shortlists_by_signs_and_finds_the_same_nearest(monkeypatch: pytest.MonkeyPatch) -> None:
    # 60 documents of 50 paragraphs, two by two on one story (their paragraphs near its theme):
    # from APPROX_MIN rows the nearest are shortlisted by their vectors' signs, then compared
    # exactly.
    from casereader.core.index import meaning

    pytest.importorskip("simsimd")
    rng = np.random.default_rng(7)
    themes = rng.standard_normal((30, DIMS)).astype(np.float32)
    floats = np.repeat(themes, 100, axis=0) + 0.8 * rng.standard_normal((3000, DIMS)).astype(np.float32)
    floats /= np.linalg.norm(floats, axis=1, keepdims=True)
    docs = {f"d{i}": {"start": i * 50, "ns": list(range(1, 51)), "sha1": ""} for i in range(60)}
    vectors = meaning.Vectors(meaning.quantize(floats), docs)
    monkeypatch.setattr(meaning, "SHORTLIST", 200)
    for i in (0, 777, 2999):
        query = floats[i] + 0.3 * rng.standard_normal(DIMS).astype(np.float32) / np.sqrt(DIMS)
        query /= np.linalg.norm(query)
        own = f"d{i // 50}"
        monkeypatch.setattr(meaning, "APPROX_MIN", 10**9)  # every row compared
        exact = vectors.nearest(query, 10, exclude_doc=own if i else "")
        monkeypatch.setattr(meaning, "APPROX_MIN", 1000)
        shortlisted = vectors.nearest(query, 10, exclude_doc=own if i else "")
        assert [(n.doc_id, n.n) for n in shortlisted] == [(n.doc_id, n.n) for n in exact]
        assert [n.similarity for n in shortlisted] == [n.similarity for n in exact]  # the same figures
        if i:
            assert all(n.doc_id != own for n in shortlisted)
    far = vectors.nearest(query, 10, floor=0.99)
    assert far == []  # nothing that near: the floor holds on the shortlist too
