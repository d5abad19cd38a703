"""casereader's posting blocks read back what Whoosh's own blocks read back: the same
paragraph numbers, weights, positions and block statistics, and the same search results."""

import random
from pathlib import Path
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Existence, Positions

from casereader.core import Case
from casereader.core.index import build
from casereader.core.index.engine import CaseCodec
from casereader.core.index.engine.codec import CaseLeafMatcher


def read_back(codec: Any, format_: Any, postings: list[tuple[int, float, bytes, int]]) -> Any:
    """Write one term's postings with ``codec`` and read them back: every posting, and each
    block's statistics (what block-max skipping uses)."""
    storage = RamStorage()
    out = storage.create_file("postings")
    writer = codec.postings_writer(out)
    writer.start_postings(format_, W3TermInfo())
    for docnum, weight, value, length in postings:
        writer.add_posting(docnum, weight, value, length)
    terminfo = writer.finish_postings()
    out.close()
    matcher = codec.postings_reader(storage.open_file("postings"), terminfo, format_)
    found, blocks = [], []
    while matcher.is_active():
        bounds = (matcher.block_min_id(), matcher.block_max_id(), matcher.block_max_weight())
        blocks.append((*bounds, matcher.block_min_length(), matcher.block_max_length()))
        found.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return found, blocks, terminfo.max_weight(), terminfo.doc_frequency()


@pytest.mark.parametrize("kind", ["positions", "existence"])
@pytest.mark.parametrize("weights", [(1.0, 1.0, 2.0, 3.0), (1.0, 1.0, 2.0, 3.0, 300.0, 0.5)])
def test_a_term_reads_back_as_whoosh_writes_it(kind: str, weights: tuple[float, ...]) -> None:
    """Gaps wider than 16 bits, weights that are counts (kept as bytes), or also over 255 and
    fractional, several blocks and a short last one."""
    rng = random.Random(7)
    format_ = Positions() if kind == "positions" else Existence()
    docnum = 0
    postings = []
    for i in range(700):
        docnum += rng.choice((1, 2, 5, 300, 70_000))
        weight = rng.choice(weights)
        positions = sorted(rng.sample(range(5000), int(weight) if weight >= 1 and weight < 10 else 1))
        value = format_.encode(positions) if kind == "positions" else b""
        postings.append((docnum, weight, value, rng.randint(1, 400) if i % 7 else 0))
    ours = read_back(CaseCodec(), format_, postings)
    theirs = read_back(W3Codec(), format_, postings)
    assert ours == theirs
    assert len(ours[1]) == 700 and ours[0][-1][0] == docnum


def test_a_block_of_ones_and_a_single_posting() -> None:
    for postings in ([(5, 1.0, b"", 3)], [(d, 1.0, b"", 2) for d in range(0, 640, 3)]):
        assert read_back(CaseCodec(), Existence(), postings) == read_back(W3Codec(), Existence(), postings)


WORDS = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "Bukele", "CECOT", "252"]
CASES = {
    "seeds": (
        ["Bukele", "United States", "CECOT -Bukele", '"Tren de Aragua"', "venez*", "Bukele OR Trump", "migrnts~1"],
        "CECOT 252",
    ),
    "many blocks": (
        ["alpha", "alpha omega", "kappa -beta", '"gamma delta"', "sig*", "Bukele OR 252", "omeg~1", "CECOT 252 -alpha"],
        "alpha",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_case_indexed_with_both_codecs_searches_alike(
    name: str, seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = seeds_copy
    if name == "many blocks":  # 1,500 paragraphs of a few words: terms of 12 blocks and more
        rng = random.Random(11)
        folder = tmp_path / "case"
        folder.mkdir()
        for f in range(60):
            lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 60))) + "." for _ in range(25)]
            (folder / f"f{f:02}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    queries, source = CASES[name]

    def results(index_dir: Path) -> list[Any]:
        case = Case(folder, index_dir)
        case.update()
        found: list[Any] = []
        for q in queries:
            result = case.search(q, limit=40, count_docs=True)
            found.append((result.total, result.doc_counts, [(str(h.ref), h.score) for h in result.hits]))
        for hit in case.search(source, limit=3).hits:
            found.append([(str(r.hit.ref), r.hit.score, r.reasons) for r in case.related(hit.ref)])
        case.close()
        return found

    ours = results(tmp_path / "ours")
    monkeypatch.setattr(build, "CaseCodec", W3Codec)
    theirs = results(tmp_path / "theirs")
    assert ours == theirs
    assert all(total > 0 for total, _, _ in ours[: len(queries)])
    if name == "seeds":
        assert any(ours[len(queries) :])  # related passages were compared too


def test_the_index_is_written_with_the_case_codec(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text("\n\n".join(f"Paragraph {i} on the 252 men." for i in range(300)), encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()
    with case.index.searcher() as searcher:
        matcher = searcher.reader().postings("text_en", "men")
    assert isinstance(matcher, CaseLeafMatcher)


@pytest.mark.parametrize("limitmb", [64, 0])
def test_the_term_pool_gives_postings_in_whoosh_pool_order(tmp_path: Path, limitmb: int) -> None:
    """Postings added in any order (a term's paragraphs out of order too), kept in memory or
    spilled after every posting (limit 0): given back as Whoosh's pool sorts them."""
    from whoosh.filedb.filestore import FileStorage

    from casereader.core.index.engine.pool import TermPool

    rng = random.Random(4)
    terms = [b"a", b"bb", b"caf\xc3\xa9", b"z"]
    keys = sorted(
        {(rng.choice(["kind", "text_en", "text_es"]), rng.choice(terms), rng.randrange(500)) for _ in range(400)}
    )
    postings = [
        (f, t, d, float(rng.randint(1, 3)), b"" if f == "kind" else bytes([d % 256]) * rng.randint(1, 4))
        for f, t, d in keys  # one posting per paragraph and term, as an index has
    ]
    rng.shuffle(postings)
    pool = TermPool(FileStorage(str(tmp_path)), None, limitmb=limitmb)
    for item in postings:
        pool.add(item)
    spilled = len(pool.runs)
    assert list(pool.iter_postings()) == sorted(postings)
    assert (spilled > 100) == (limitmb == 0)
