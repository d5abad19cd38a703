import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from casereader.core import Case, index_dir_for
from casereader.core.index import manifest

from ..conftest import SEEDS


def article(tag: str, word: str = "prison") -> str:
    """A short article of its own (distinct words per tag, so no two are near-duplicates)."""
    import random

    rng = random.Random(tag)
    vocabulary = [f"{tag}{rng.randrange(10**6)}" for _ in range(60)]
    lines = [
        " ".join(rng.sample(vocabulary, 12)) + f" the men were sent to the {word} in El Salvador without a hearing."
        for _ in range(5)
    ]
    return "By Ana Pérez – March 3, 2025\n" + "\n".join(lines)


ARTICLE = article("base")


def test_incremental_update_reindexes_only_what_changed(make_case: Callable[..., Case]) -> None:
    case = make_case({"a.txt": article("a"), "b.txt": article("b", "jail"), "sub/c.md": article("c")})
    folder = case.folder
    assert case.search("prison").total == 10
    assert case.search("jail").total == 5
    assert case.update().unchanged == 3  # nothing to do: no writer, nothing re-read

    (folder / "d.txt").write_text(article("d", "CECOT"), encoding="utf-8")
    report = case.update()
    assert (report.added, report.updated, report.removed, report.unchanged) == (["d.txt"], [], [], 3)
    assert case.search("CECOT").total == 5

    time.sleep(0.01)
    (folder / "a.txt").write_text(article("a2", "Guantanamo"), encoding="utf-8")
    report = case.update()
    assert (report.added, report.updated, report.unchanged) == ([], ["a.txt"], 3)
    assert case.search("Guantanamo").total == 5
    assert case.search("prison").total == 5

    (folder / "b.txt").unlink()
    report = case.update()
    assert report.removed == ["b.txt"]
    assert case.search("jail").total == 0
    assert [d.path for d in case.documents()] == ["a.txt", "d.txt", "sub/c.md"]

    os.utime(folder / "d.txt")  # touched, same bytes: not re-indexed
    report = case.update()
    assert report.updated == [] and report.unchanged == 3


def test_unreadable_files_are_reported_and_the_rest_indexed(make_case: Callable[..., Case]) -> None:
    case = make_case(
        {
            "good.txt": ARTICLE,
            "empty.txt": "",
            "image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "broken.txt": b"\x00\x01\x02" * 300,
        }
    )
    skipped = {s.path: s.reason for s in case.skipped()}
    assert set(skipped) == {"empty.txt", "image.md", "broken.txt"}
    assert "empty" in skipped["empty.txt"]
    assert "binary" in skipped["image.md"]
    assert "binary" in skipped["broken.txt"]
    assert [d.path for d in case.documents()] == ["good.txt"]
    assert case.search("hearing").total == 5
    # Fixing the file gets it indexed on the next run.
    (case.folder / "broken.txt").write_text(article("fixed", "penitentiary"), encoding="utf-8")
    report = case.update()
    assert report.added == ["broken.txt"]
    assert case.search("penitentiary").total == 5


def test_the_case_folder_is_never_written(make_case: Callable[..., Case]) -> None:
    case = make_case({"a.txt": ARTICLE})
    assert sorted(p.name for p in case.folder.rglob("*")) == ["a.txt"]


def test_each_folder_gets_its_own_index_in_the_user_cache(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    cache = Path(os.environ["XDG_CACHE_HOME"])
    assert index_dir_for(one) != index_dir_for(two)
    assert cache in index_dir_for(one).parents
    assert index_dir_for(SEEDS) == SEEDS.parent / "index"


def test_a_version_change_rebuilds(make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch) -> None:
    case = make_case({"a.txt": ARTICLE})
    monkeypatch.setattr(manifest, "INDEX_VERSION", manifest.INDEX_VERSION + 1)
    fresh = Case(case.folder, case.index.index_dir)
    report = fresh.update()
    assert any("index rebuilt" in n and "is not the current" in n for n in report.notices)
    assert fresh.search("hearing").total == 5


@pytest.mark.parametrize("damage", ["truncate", "garbage_toc", "delete_segment"])
def test_a_damaged_index_is_explained_and_rebuilt(make_case: Callable[..., Case], damage: str) -> None:
    case = make_case({"a.txt": article("a"), "b.txt": article("b")})
    case.close()
    whoosh_dir = case.index.index_dir / "whoosh"
    files = sorted(whoosh_dir.iterdir())
    segment_files = [p for p in files if p.name.startswith("MAIN_") and p.suffix != ".toc" and p.stat().st_size]
    assert segment_files
    if damage == "truncate":
        for path in segment_files:
            path.write_bytes(path.read_bytes()[:20])
    elif damage == "garbage_toc":
        for path in files:
            if path.suffix == ".toc":
                path.write_bytes(b"not an index")
    else:
        for path in segment_files:
            path.unlink()
    fresh = Case(case.folder, case.index.index_dir)
    report = fresh.update()
    notices = " ".join(report.notices)
    assert "index rebuilt" in notices and "damaged" in notices
    assert "\n" not in notices
    assert fresh.search("hearing").total == 10


def _run(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


SLOW_INDEXER = """
    import sys, time
    from pathlib import Path
    from casereader.core import Case
    case = Case(Path(sys.argv[1]), Path(sys.argv[2]))
    def slow(done, total, current):
        print("progress", done, flush=True)
        time.sleep(0.2)
    case.update(progress=slow)
    print("finished", flush=True)
"""


def _many_files(folder: Path, count: int) -> None:
    for i in range(count):
        (folder / f"n{i:03d}.txt").write_text(article(f"n{i}"), encoding="utf-8")


def test_a_killed_indexer_leaves_a_lock_that_the_next_run_explains(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 3)
    Case(folder, index_dir).update()
    _many_files(folder, 40)  # 37 new files to index, slowly
    proc = _run(SLOW_INDEXER, str(folder), str(index_dir))
    assert proc.stdout is not None
    while "progress 2" not in proc.stdout.readline():
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert (index_dir / "whoosh" / "MAIN_WRITELOCK").exists()
    case = Case(folder, index_dir)
    report = case.update()
    assert any("interrupted" in n for n in report.notices)
    assert len(report.added) == 37
    assert case.search("hearing").total == 40 * 5


def test_one_process_indexes_while_another_reads(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 3)
    Case(folder, index_dir).update()
    _many_files(folder, 20)
    writer = _run(SLOW_INDEXER, str(folder), str(index_dir))
    assert writer.stdout is not None
    while "progress 1" not in writer.stdout.readline():
        pass
    reader = Case(folder, index_dir)
    # The reader searches the index as it was, and cannot take the write lock.
    assert reader.search("hearing").total == 15
    from casereader.core import IndexBusy

    with pytest.raises(IndexBusy, match="another casereader process is indexing"):
        reader.index.update(lock_timeout=0.1)
    writer.wait(timeout=60)
    assert writer.returncode == 0
    reader.index.reload_manifest()
    assert reader.search("hearing").total == 20 * 5


def test_manifest_records_where_metadata_came_from(make_case: Callable[..., Case]) -> None:
    case = make_case(
        {"a.txt": ARTICLE},
        catalog='[documents."a.txt"]\ntitle = "Catalog title"\n',
    )
    manifest = json.loads((case.index.index_dir / "manifest.json").read_text(encoding="utf-8"))
    sources = manifest["files"]["a.txt"]["meta"]["origins"]
    assert sources["title"] == "catalog"
    assert sources["author"] == "text"
    # Editing the catalog re-reads the documents.
    (case.folder / "catalog.toml").write_text('[documents."a.txt"]\ntitle = "New title"\n', encoding="utf-8")
    case.update()
    assert case.documents()[0].meta.title == "New title"


def test_a_huge_file_is_skipped_with_its_reason_and_the_rest_indexed(make_case: Callable[..., Case]) -> None:
    case = make_case({"small.txt": "A small article about the transfers to CECOT.\n"})
    with open(case.folder / "dump.txt", "wb") as huge:
        huge.truncate(25 * 10**6)  # 25 MB, written sparse
    case.update()
    assert [d.path for d in case.documents()] == ["small.txt"]
    assert [(s.path, s.reason) for s in case.skipped()] == [("dump.txt", "too large (25 MB; the limit is 20 MB)")]
    assert case.search("transfers").total == 1


@pytest.fixture
def thirty_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A case of 30 articles, and first builds of 20 files or more commit their first 10
    early (1,000 and 1/20 in use)."""
    from casereader.core.index import build

    monkeypatch.setattr(build, "EARLY_MIN_FILES", 20)
    monkeypatch.setattr(build, "EARLY_FILES", 10)
    folder = tmp_path / "case"
    folder.mkdir()
    for i in range(30):
        (folder / f"a{i:02}.txt").write_text(article(f"t{i}"), encoding="utf-8")
    return folder


def test_a_large_first_build_is_searchable_on_its_first_part(thirty_articles: Path, tmp_path: Path) -> None:
    case = Case(thirty_articles, tmp_path / "index")
    seen: list[tuple[int, int, int, int]] = []

    def committed(done: int, total: int) -> None:  # the app searches from here on
        seen.append((done, total, case.search("hearing").total, len(case.documents())))

    report = case.update(committed=committed)
    assert seen == [(10, 30, 50, 10)]  # five paragraphs say "hearing" in each article
    assert case.search("hearing").total == 150 and len(report.added) == 30


def test_a_first_build_stopped_after_its_first_part_resumes_from_there(thirty_articles: Path, tmp_path: Path) -> None:
    folder = thirty_articles

    def quit_app(done: int, total: int) -> None:
        raise KeyboardInterrupt("the app closed")

    with pytest.raises(KeyboardInterrupt):
        Case(folder, tmp_path / "index").update(committed=quit_app)
    again = Case(folder, tmp_path / "index")
    assert again.search("hearing").total == 50  # the first part, searchable after the stop
    report = again.update()
    assert len(report.added) == 20 and report.unchanged == 10
    assert again.search("hearing").total == 150
    assert sorted(d.doc_id for d in again.documents()) == [f"a{i:02}" for i in range(30)]


def test_the_parsed_catalog_is_kept_beside_the_index_for_later_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later run (a new process) reads the catalog as parsed before, until it changes."""
    from casereader.core.index import changes
    from casereader.core.ingest.metadata import Catalog

    folder = tmp_path / "case"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(article(name), encoding="utf-8")
    (folder / "catalog.toml").write_text('[documents."a.txt"]\noutlet = "Alpha News"\n', encoding="utf-8")
    Case(folder, tmp_path / "index").update()
    parsed: list[Path] = []
    load = Catalog.load
    monkeypatch.setattr(Catalog, "load", classmethod(lambda cls, f: parsed.append(f) or load(f)))
    monkeypatch.setattr(changes, "_PARSED", {})  # as in a new process
    (folder / "a.txt").write_text(article("a") + "\n\nOne more paragraph.\n", encoding="utf-8")
    case = Case(folder, tmp_path / "index")
    case.update()
    assert parsed == []  # read from the index folder
    assert {d.doc_id: d.meta.outlet for d in case.documents()}["a"] == "Alpha News"
    (folder / "catalog.toml").write_text('[documents."a.txt"]\noutlet = "Beta Daily"\n', encoding="utf-8")
    case.update()
    assert parsed == [folder]
    assert {d.doc_id: d.meta.outlet for d in case.documents()}["a"] == "Beta Daily"


def test_an_update_with_nothing_to_do_leaves_the_manifest_as_it_would_build_it(
    make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing changed: the manifest is not rebuilt (nor written), and it is what rebuilding
    it would give; a change the plan does not index (a file that cannot be read, the catalog's
    problem) still rebuilds it."""
    from casereader.core.index import case_index as index_module
    from casereader.core.index.changes import plan_changes
    from casereader.core.index.manifest import build_manifest

    case = make_case(
        {"a.txt": article("a"), "b.txt": article("b"), "empty.txt": ""},
        catalog='[documents."a.txt"]\noutlet = "Alpha News"\n',
    )
    idx = case.index
    plan = plan_changes(case.folder, idx._manifest, idx.catalog_path)
    assert not plan.work
    rebuilt = build_manifest(
        case.folder, idx._manifest, plan.unchanged, plan.skipped, plan.catalog.state(), prints_file=idx.prints_path
    )
    assert rebuilt == idx._manifest
    built: list[int] = []
    monkeypatch.setattr(index_module, "build_manifest", lambda *a, **k: built.append(1) or build_manifest(*a, **k))
    written = idx.manifest_path.stat().st_mtime_ns
    case.update()
    assert built == [] and idx.manifest_path.stat().st_mtime_ns == written
    (case.folder / "image.md").write_bytes(b"\x00\x01\x02" * 100)  # skipped: nothing to index
    case.update()
    assert built == [1] and "image.md" in {s.path for s in case.skipped()}


def test_each_paragraphs_document_is_kept_for_the_next_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading which document each paragraph is in from the index's postings took most of the
    app's opening of a 50,000-file case: the build keeps it, and a later opening reads it."""
    from casereader.core.index import engine
    from casereader.core.search import searchable

    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 12)
    Case(folder, index_dir).update()
    counted = Case(folder, index_dir).search("hearing", count_docs=True).doc_counts

    def no_postings(*args: object) -> None:
        raise AssertionError("read from the postings again")

    monkeypatch.setattr(engine, "doc_numbers", no_postings, raising=False)
    monkeypatch.setattr(searchable, "posting_ids", no_postings, raising=False)  # as it was read before
    case = Case(folder, index_dir)
    case.update()  # nothing changed
    assert case.search("hearing", count_docs=True).doc_counts == counted
    assert len(counted) == 12


def _no_manifest_parse(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record each reading of an index's manifest (its JSON parsed)."""
    from casereader.core.index import case_index as index_module

    read: list[Path] = []
    keyed = manifest.read_manifest_keyed

    def counting(path: Path) -> object:
        read.append(path)
        return keyed(path)

    monkeypatch.setattr(index_module, "read_manifest_keyed", counting)
    return read


def test_an_opening_reads_the_listing_and_the_update_still_finds_what_changed_meanwhile(
    make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged 50,000-file case spent most of its opening reading its 24 MB manifest: the
    documents, and whether the index is whole, come from the manifest's listing, and the
    manifest is read by the check for changes.  A file changed while the case was closed
    is still indexed, and the listing follows the new manifest."""
    case = make_case(
        {"a.txt": article("a"), "b.txt": article("b", "jail"), "c.txt": article("c")},
        catalog='[documents."a.txt"]\ntitle = "Alpha"\noutlet = "Alpha News"\n',
    )
    listed = case.documents()
    assert case.index.listing_path.is_file()
    time.sleep(0.01)
    (case.folder / "b.txt").write_text(article("b2", "Guantanamo"), encoding="utf-8")  # while closed

    read = _no_manifest_parse(monkeypatch)
    opened = Case(case.folder, case.index_dir)
    assert opened.listed_documents() == listed and opened.whole()
    assert opened.search("jail").total == 5  # the index as it was, searchable before the check
    assert {d.meta.title for d in opened.documents()} >= {"Alpha"}
    assert opened.index.paragraph_count() == case.index.paragraph_count()
    assert read == []

    report = opened.update()
    assert read and (report.updated, report.unchanged) == (["b.txt"], 2)
    assert opened.search("Guantanamo").total == 5 and opened.search("jail").total == 0
    read.clear()
    again = Case(case.folder, case.index_dir)  # the listing of the manifest just written
    assert again.documents() == opened.documents() and read == []
    assert (
        next(d for d in again.documents() if d.path == "b.txt").sha1
        != next(d for d in listed if d.path == "b.txt").sha1
    )


@pytest.mark.parametrize("listing", ["of an older manifest", "damaged", "missing"])
def test_a_listing_that_is_not_of_the_manifest_is_not_read(
    make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch, listing: str
) -> None:
    """The manifest written by another process (an older casereader writes none), a listing
    damaged or lost: the manifest is read, as it is, and the listing written again."""
    case = make_case({"a.txt": article("a"), "b.txt": article("b")})
    path = case.index.listing_path
    old = path.read_bytes()
    (case.folder / "c.txt").write_text(article("c", "CECOT"), encoding="utf-8")
    case.update()
    if listing == "of an older manifest":
        path.write_bytes(old)
    elif listing == "damaged":
        path.write_bytes(old[: len(old) // 2] + b"\x00" * 16)
    else:
        path.unlink()

    read = _no_manifest_parse(monkeypatch)
    opened = Case(case.folder, case.index_dir)
    assert [d.path for d in opened.listed_documents()] == ["a.txt", "b.txt", "c.txt"] and read
    assert opened.whole() and opened.search("CECOT").total == 5
    assert opened.update().unchanged == 3
    read.clear()
    assert [d.path for d in Case(case.folder, case.index_dir).documents()] == ["a.txt", "b.txt", "c.txt"]
    assert read == []  # written again by the update that found nothing to do


def test_a_case_opened_from_its_listing_takes_in_another_process_s_update(make_case: Callable[..., Case]) -> None:
    """Opened from its listing, the case meets an index another process updated since: it is
    found whole (not damaged, against the listing's paragraph count), and the documents are
    those of the manifest that process wrote."""
    case = make_case({"a.txt": article("a"), "b.txt": article("b")})
    opened = Case(case.folder, case.index_dir)
    assert [d.path for d in opened.listed_documents()] == ["a.txt", "b.txt"]
    (case.folder / "c.txt").write_text(article("c", "CECOT"), encoding="utf-8")
    assert case.update().added == ["c.txt"]  # the other process
    assert opened.whole()
    assert [d.path for d in opened.documents()] == ["a.txt", "b.txt", "c.txt"]
    report = opened.update()
    assert (report.added, report.unchanged, report.notices) == ([], 3, [])
    assert opened.search("CECOT", count_docs=True).doc_counts == {"c": 5}
