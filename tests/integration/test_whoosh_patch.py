"""casereader's replacements of Whoosh methods give what Whoosh's own give: the bisecting
skip_to (AND, NOT, phrases), the posting writer, the text postings, the lengths in memory."""

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from whoosh import query as wq

from casereader.core import Case
from casereader.core.index import engine as whoosh_ext
from casereader.core.text import analysis


@contextmanager
def whoosh_own(restore: Callable[[], None], apply: Callable[[], None], case: Case | None = None) -> Iterator[None]:
    """Whoosh's own method in place (``case``'s open searchers closed first, as they hold
    what the replacement read), the replacement put back afterwards."""
    restore()
    try:
        if case is not None:
            case.index.close()
        yield
    finally:
        apply()


def test_patched_skip_to_matches_whoosh(tmp_path: Path) -> None:
    rng = random.Random(3)
    words = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa"]
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(30):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 12))) + "." for _ in range(40)]
        (folder / f"f{f}.txt").write_text("\n".join(lines), encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()
    queries = [
        wq.And([wq.Term("text_en", "alpha"), wq.Term("text_en", "omega")]),
        wq.And([wq.Term("text_en", "kappa"), wq.Not(wq.Term("text_en", "beta"))]),
        wq.Phrase("text_en", ["gamma", "delta"]),
        wq.Phrase("text_en", ["sigma", "sigma", "alpha"]),
    ]

    def run() -> list[list[int]]:
        with case.index.searcher() as searcher:
            return [sorted(searcher.docs_for_query(q)) for q in queries]

    patched = run()
    with whoosh_own(whoosh_ext.restore_skip_to, whoosh_ext.apply_skip_to, case):
        original = run()
    assert patched == original
    assert all(patched)


def test_term_docnums_reads_the_same_paragraphs_as_whoosh(tmp_path: Path) -> None:
    """Read a block at a time, with and without deleted paragraphs in a segment."""
    rng = random.Random(5)
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(12):
        lines = [f"Title {f}"] + [f"Body {rng.random()} paragraph number {i} of the story." for i in range(300)]
        (folder / f"f{f}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()

    def both() -> tuple[set[int], set[int]]:
        with case.index.searcher() as searcher:
            ours = whoosh_ext.term_docnums(searcher, "kind", "body")
            theirs = set(searcher.docs_for_query(wq.Term("kind", "body")))
        return ours, theirs

    ours, theirs = both()
    assert ours == theirs and len(ours) > 3000
    before = len(ours)
    (folder / "f3.txt").write_text("Short now.\n\nOne body paragraph is left here in this file.", encoding="utf-8")
    case.update()  # f3's paragraphs are deleted from their segment, the new ones added
    ours, theirs = both()
    assert ours == theirs and len(theirs) == before - 300 + 1


def test_fast_flush_writes_what_whoosh_writes(tmp_path: Path) -> None:
    """The segment files are the same bytes with Whoosh's own posting writer."""
    from casereader.core.index.engine import flush

    rng = random.Random(9)
    words = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "Bukele", "CECOT", "252"]
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(40):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 40))) + "." for _ in range(30)]
        (folder / f"f{f:02}.txt").write_text("\n\n".join(lines), encoding="utf-8")

    def segment_files(index_dir: Path) -> dict[str, bytes]:
        Case(folder, index_dir).update()
        found = {}
        for path in (index_dir / "whoosh").iterdir():
            if path.name.startswith("MAIN_") and path.name != "MAIN_WRITELOCK":
                found[path.name.split(".", 1)[1]] = path.read_bytes()
        return found

    fast = segment_files(tmp_path / "fast")
    with whoosh_own(flush.restore_flush, flush.apply_fast_flush):
        original = segment_files(tmp_path / "original")
    assert fast.keys() == original.keys() and len(fast) >= 4
    assert fast == original
    assert Case(folder, tmp_path / "fast").search("Bukele CECOT").total > 100


def test_case_text_postings_are_whoosh_positions_postings() -> None:
    """What the text fields index: the same terms, weights and position bytes as Whoosh's own
    Positions format gives from the same tokenizer."""
    from whoosh import fields as wfields

    from casereader.core.index.engine import CaseTokenizer, text_field_type

    texts = [
        "The 252 Venezuelan men were sent to CECOT; the men, the men.",
        "Según la cadena CBS, el 75% de los 252 venezolanos no tenía antecedentes penales.",
        " ".join(["word"] * 1500 + ["tail"]),  # positions past the table of single positions
    ]
    for lang in ("en", "es"):
        ours = text_field_type(lang)
        theirs = wfields.TEXT(analyzer=CaseTokenizer(lang), phrase=True)
        for text in texts:
            assert sorted(ours.index(text)) == sorted(theirs.index(text))


def test_lengths_in_memory_are_whoosh_lengths(tmp_path: Path) -> None:
    """Every paragraph's length in every field, as Whoosh reads it from the file (deleted
    paragraphs and fields without lengths included)."""
    from casereader.core.index.engine import lengths

    rng = random.Random(4)
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(20):
        words = ["alpha", "beta", "CECOT"]
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 300))) for _ in range(15)]
        (folder / f"f{f:02}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()
    (folder / "f03.txt").write_text("Changed.\n\nOne paragraph now.", encoding="utf-8")
    case.update()

    def all_lengths() -> list[object]:
        with case.index.searcher() as searcher:
            reader = searcher.reader()
            return [
                reader.doc_field_length(d, field)
                for field in ("text_en", "text_es", "ref", "kind")
                for d in range(reader.doc_count_all())
            ]

    ours = all_lengths()
    with whoosh_own(lengths.restore_lengths, lengths.apply_lengths_in_memory, case):
        theirs = all_lengths()
    assert ours == theirs and any(n and n > 100 for n in ours)  # type: ignore[operator]


def test_an_or_scored_a_term_at_a_time_ranks_as_whoosh(tmp_path: Path) -> None:
    """top_or and Whoosh's array union over the same weighted terms: the same paragraphs,
    order and scores (to the last bit), in segments with and without deleted paragraphs,
    with repeated terms, terms of two languages, and allow/restrict sets."""
    rng = random.Random(8)
    words = ["CECOT", "Bukele", "deportation", "prison", "252", "men", "court", "judge", "Venezuela", "flight"]
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(16):
        paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 60))) for _ in range(30)]
        (folder / f"f{f:02}.txt").write_text("\n\n".join([f"Title {f}", *paragraphs]), encoding="utf-8")
    (folder / "es.md").write_text("---\nlang: es\n---\n\nLos 252 hombres del CECOT y Bukele.\n", encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()
    (folder / "f05.txt").write_text("Changed.\n\nCECOT prison court, now short.", encoding="utf-8")
    case.update()  # f05's old paragraphs are deleted in their segment
    compared = 0
    with case.index.searcher() as searcher:
        weighted = whoosh_ext.bm25_view(searcher, length_weight=0.25)
        everything = set(range(searcher.doc_count_all()))
        for trial in range(40):
            chosen = rng.sample(words, rng.randint(1, 6))
            parts = [("text_en", analysis.term(w, "en"), rng.choice([1.0, 0.5, 2.7, rng.random() * 5])) for w in chosen]
            parts += [("text_es", analysis.term(w, "es"), 1.3) for w in chosen[:2]]
            parts += parts[:1]  # a repeated term counts twice, in both
            allow = {d for d in everything if rng.random() < 0.8}
            restrict = {d for d in everything if rng.random() < 0.1} if trial % 2 else None
            limit = rng.choice([1, 5, 20, 500])
            theirs = whoosh_ext.top(
                weighted, whoosh_ext.ArrayOr([wq.Term(f, t, boost=b) for f, t, b in parts]), limit, allow, restrict
            )
            ours = whoosh_ext.top_or(weighted, parts, limit, allow, restrict)
            assert ours == theirs, trial
            compared += len(ours)
    assert compared > 500


def test_a_prefix_or_fuzzy_word_scored_a_term_at_a_time_finds_what_whoosh_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """collect_or against Whoosh's array union through the whole search: the same count, the
    same counts per document, the same paragraphs in the same order with the same scores;
    with a segment holding deleted paragraphs, furniture and a filter."""
    from casereader.core.search import searchable as search

    rng = random.Random(12)
    stems = ["deport", "depot", "deposit", "prison", "prism", "court", "courier", "Bukele", "Bukel"]
    endings = ["", "s", "ed", "ation", "ing", "ers"]
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(20):
        paragraphs = [
            " ".join(rng.choice(stems) + rng.choice(endings) for _ in range(rng.randint(3, 40))) for _ in range(30)
        ]
        (folder / f"f{f:02}.md").write_text(
            f"---\noutlet: Outlet {f % 3}\n---\n\n" + "\n\n".join([f"Title {f}", *paragraphs]), encoding="utf-8"
        )
    case = Case(folder, tmp_path / "index")
    case.update()
    (folder / "f05.md").write_text("Changed.\n\ndeportation prison court, now short.", encoding="utf-8")
    case.update()  # f05's old paragraphs are deleted in their segment
    queries = ["dep*", "pri*", "cour*", "prisn~1", "Bukele~1", 'outlet:"Outlet 1" dep*', "depo* prison"]

    def run() -> list[object]:
        found: list[object] = []
        for q in queries:
            result = case.search(q, limit=25, count_docs=True)
            found.append((result.total, result.doc_counts, [(str(h.ref), h.score) for h in result.hits]))
        return found

    called: list[int] = []
    real = search.collect_or

    def counted(*args: object) -> bool:
        called.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "collect_or", counted)
    ours = run()
    assert len(called) >= 5  # the prefixes and fuzzy words went this way
    monkeypatch.setattr(search, "or_terms", lambda wquery: None)
    theirs = run()
    assert ours == theirs
    assert all(total for total, _, _ in ours)


@pytest.mark.parametrize("limitmb", [256, 1])
def test_the_term_pool_writes_what_whoosh_pool_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limitmb: int
) -> None:
    """The segment files are the same bytes with Whoosh's own posting pool (and its own
    flush): in memory, and spilled to runs many times (1 MB); then after an update that
    rewrites a segment with deleted paragraphs (postings added from a reader, term by term)."""
    from casereader.core.index import build
    from casereader.core.index.engine import flush, pool

    rng = random.Random(21)
    words = [f"w{i}" for i in range(3000)] + ["Bukele", "CECOT", "252", "the", "of"] * 200
    folder = tmp_path / "case"
    folder.mkdir()
    for f in range(60):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 80))) + "." for _ in range(25)]
        (folder / f"f{f:03}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    opened: list[int] = []

    def small_writer(ix: object, fresh: bool, files: int, lock_timeout: float = 10.0) -> object:
        opened.append(limitmb)
        return ix.writer(timeout=lock_timeout, limitmb=limitmb, compound=False, codec=build.CaseCodec())  # type: ignore[attr-defined]

    monkeypatch.setattr(build, "open_writer", small_writer)
    monkeypatch.setattr("casereader.core.index.case_index.open_writer", small_writer)

    def segment_files(index_dir: Path) -> list[dict[str, bytes]]:
        versions = []
        case = Case(folder, index_dir)
        for step in range(2):
            if step:  # most of f000..f039 changed: their segment is rewritten without them
                for f in range(40):
                    (folder / f"f{f:03}.txt").write_text(
                        f"Changed {f}.\n\nCECOT and Bukele again {f}.", encoding="utf-8"
                    )
            case.update()
            found = {}
            for path in (index_dir / "whoosh").iterdir():
                if path.name.startswith("MAIN_") and path.name != "MAIN_WRITELOCK" and not path.name.endswith(".toc"):
                    found[path.name] = path.read_bytes()
            versions.append(found)
        case.close()
        return versions

    spills: list[int] = []
    save = pool.TermPool.save

    def counted_save(self: pool.TermPool) -> None:
        spills.append(1)
        save(self)

    monkeypatch.setattr(pool.TermPool, "save", counted_save)
    original_files = {p.name: p.read_bytes() for p in folder.iterdir()}
    ours = segment_files(tmp_path / "ours")
    assert (len(spills) >= 2) == (limitmb == 1)
    for name, data in original_files.items():
        (folder / name).write_bytes(data)
    pool.restore_pool()
    flush.restore_flush()
    try:
        theirs = segment_files(tmp_path / "theirs")
    finally:
        flush.apply_fast_flush()
        pool.apply_term_pool()
    assert opened and len(ours) == len(theirs) == 2
    for mine, whoosh_own_ in zip(ours, theirs, strict=True):
        assert sorted(b for b in mine.values()) == sorted(b for b in whoosh_own_.values())
        assert len(mine) >= 4
