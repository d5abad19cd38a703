"""Faults: concurrent indexers, a searcher beside an indexer, an index that cannot be written,
indexers killed at random points.  Afterwards, search returns exactly the documents on disk."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from casereader.cli import main
from casereader.core import Case, IndexBusy, IndexUnwritable

from .conftest import Cli
from .test_index import SLOW_INDEXER, _many_files, _run


def exactly_on_disk(folder: Path, index_dir: Path) -> None:
    """The index holds every article in the folder, each once, and nothing else."""
    case = Case(folder, index_dir)
    case.update()
    on_disk = sorted(p.stem for p in folder.glob("*.txt"))
    assert sorted(d.doc_id for d in case.documents()) == on_disk
    hits = case.search("hearing", limit=10_000).hits
    assert sorted({h.citation.doc_id for h in hits}) == on_disk
    assert len(hits) == 5 * len(on_disk)  # five paragraphs say "hearing" in each article


def test_two_indexers_at_once_on_a_fresh_case_both_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "cache"
    folder.mkdir()
    _many_files(folder, 250)  # enough for the parallel writer
    env_cache = {"XDG_CACHE_HOME": str(index_dir)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "casereader", "index", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env_cache},
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=240) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert any("waiting for another casereader process" in err for _, err in outs)
    from casereader.core import index_dir_for

    monkeypatch.setenv("XDG_CACHE_HOME", str(index_dir))
    exactly_on_disk(folder, index_dir_for(folder))


def test_a_search_beside_an_indexer_uses_the_index_as_it_was(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 3)
    Case(folder, index_dir).update()
    _many_files(folder, 30)
    writer = _run(SLOW_INDEXER, str(folder), str(index_dir))
    assert writer.stdout is not None
    while "progress 1" not in writer.stdout.readline():
        pass
    reader = Case(folder, index_dir)
    with pytest.raises(IndexBusy, match="another casereader process is indexing"):
        reader.update()  # at once, not after a wait
    assert reader.search("hearing").total == 15  # the committed index, as it was
    writer.wait(timeout=120)
    assert writer.returncode == 0
    exactly_on_disk(folder, index_dir)


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_an_index_that_cannot_be_written_is_searched_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int
) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 3)
    Case(folder, index_dir).update()
    _many_files(folder, 5)  # two new files the index cannot take
    from casereader.core.index import lock

    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(lock.os, "open", refuse)
    case = Case(folder, index_dir)
    with pytest.raises(IndexUnwritable, match="cannot be written"):
        case.update()
    assert case.search("hearing").total == 15
    # Through the CLI, on this index: a note, then the results.
    from casereader.cli import opening

    monkeypatch.setattr(opening, "open_case", lambda path: Case(folder, index_dir))
    assert main(["search", "hearing", "--corpus", str(folder)]) == 0
    out, err = capsys.readouterr()
    err = " ".join(err.split())  # the console wraps long notes
    assert "cannot be written" in err and "searches use the index as it was" in err
    assert "15 paragraphs match" in out


def test_a_fresh_index_that_cannot_be_written_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    _many_files(folder, 2)
    from casereader.cli import opening

    cache = tmp_path / "ro"
    monkeypatch.setattr(opening, "open_case", lambda path: Case(folder, cache / "index"))
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self.is_relative_to(cache):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refuse)
    assert main(["search", "hearing", "--corpus", str(folder)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "cannot be written (Permission denied)" in err and "Traceback" not in err


def test_indexers_killed_at_random_points_leave_a_case_that_is_whole(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    rng = random.Random(7)
    _many_files(folder, 5)
    for round_ in range(6):
        # Change the folder: add some articles, remove some, then kill an indexer mid-way.
        for path in rng.sample(sorted(folder.glob("*.txt")), 2):
            path.unlink()
        _many_files(folder, 5 + 4 * (round_ + 1))
        proc = _run(SLOW_INDEXER, str(folder), str(index_dir))
        time.sleep(rng.uniform(0.3, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        exactly_on_disk(folder, index_dir)


def test_ctrl_c_during_a_parallel_build_is_one_line_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache = tmp_path / "case", tmp_path / "cache"
    folder.mkdir()
    _many_files(folder, 1500)  # a parallel build of a few seconds
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    proc = subprocess.Popen(
        [sys.executable, "-m", "casereader", "index", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    # Ctrl+C once the parallel build runs: its UPDATING marker written and its worker processes
    # started (a fixed pause of 2 s could come before the build had begun on a busy machine).
    from casereader.core import index_dir_for

    updating, deadline = index_dir_for(folder) / "UPDATING", time.monotonic() + 120
    while proc.poll() is None and not (updating.exists() and psutil.Process(proc.pid).children()):
        assert time.monotonic() < deadline, "the build was not seen running"
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl+C reaches the whole group, workers included
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "interrupted"  # no traceback from the workers
    # Nothing but committed segments: none, or the first part a large build commits early
    # (kept: the next update resumes from it).
    from whoosh import index

    whoosh = index_dir_for(folder) / "whoosh"
    ix = index.open_dir(str(whoosh))
    live = {segment.segment_id() for segment in ix._segments()}
    ix.close()
    names = [p.name for p in whoosh.iterdir() if p.name.startswith("MAIN_") and p.name != "MAIN_WRITELOCK"]
    assert all(name.split(".")[0] in live for name in names), names
    exactly_on_disk(folder, index_dir_for(folder))


def test_a_disk_that_fills_mid_build_leaves_the_old_index_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 3)
    Case(folder, index_dir).update()
    files_before = sorted(p.name for p in (index_dir / "whoosh").iterdir())
    _many_files(folder, 30)
    from casereader.core.index import build as index_module

    real_add = index_module.add_document
    added = []

    def fill_up(writer: object, document: object) -> None:
        if len(added) == 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        added.append(document)
        real_add(writer, document)  # type: ignore[arg-type]

    monkeypatch.setattr(index_module, "add_document", fill_up)
    case = Case(folder, index_dir)
    with pytest.raises(IndexUnwritable, match="No space left on device"):
        case.update()
    assert sorted(p.name for p in (index_dir / "whoosh").iterdir()) == files_before  # no partial segment
    assert Case(folder, index_dir).search("hearing").total == 15  # the old index, whole
    monkeypatch.undo()
    exactly_on_disk(folder, index_dir)  # and the next update completes it


def test_bytes_overwritten_in_the_index_are_found_and_the_index_rebuilt(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 20)
    Case(folder, index_dir).update()
    largest = max((index_dir / "whoosh").iterdir(), key=lambda p: p.stat().st_size)
    data = bytearray(largest.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(255 - b for b in data[middle : middle + 64])  # same size, other bytes
    largest.write_bytes(bytes(data))
    case = Case(folder, index_dir)
    report = case.update()
    assert any(n.startswith("index rebuilt: the index was damaged") and largest.name in n for n in report.notices)
    exactly_on_disk(folder, index_dir)


def test_an_index_copied_with_new_times_is_read_again_once_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files whose times changed are read and their CRCs compared, not taken for damage; once
    found whole they are trusted by their times (a launch does not read every file)."""
    from casereader.core.index.engine import schema

    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 20)
    Case(folder, index_dir).update()
    later = time.time_ns() + 60_000_000_000
    for path in (index_dir / "whoosh").iterdir():
        os.utime(path, ns=(later, later))  # what a copy without -p does to the times
    report = Case(folder, index_dir).update()
    assert not any("rebuilt" in n for n in report.notices) and not report.added
    read: list[str] = []
    crc = schema._crc
    monkeypatch.setattr(schema, "_crc", lambda path: read.append(path.name) or crc(path))
    monkeypatch.setattr(schema, "RACY_NS", -(10**12))  # as if the files were written long before
    report = Case(folder, index_dir).update()
    assert not any("rebuilt" in n for n in report.notices) and read == []
    exactly_on_disk(folder, index_dir)


FAILING_WORKER = """
    import os, sys
    from pathlib import Path
    from whoosh import multiproc
    from casereader.core import Case, IndexUnwritable
    original = multiproc.SubWriterTask._process_file
    def dies(self, filename, doc_count):
        os._exit(3)  # a worker process that dies (a full disk, a crash)
    multiproc.SubWriterTask._process_file = dies
    try:
        Case(Path(sys.argv[1]), Path(sys.argv[2])).update()
    except IndexUnwritable as exc:
        print("unwritable:", exc)
"""


def test_a_worker_that_dies_in_a_parallel_build_is_said_and_the_next_run_rebuilds(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 250)
    proc = _run(FAILING_WORKER, str(folder), str(index_dir))
    out, err = proc.communicate(timeout=120)
    assert "unwritable: a process of the build failed (exit code 3)" in out, err
    exactly_on_disk(folder, index_dir)


def test_a_parallel_build_started_from_a_worker_thread_completes(tmp_path: Path) -> None:
    """The app indexes in a worker thread of a ThreadPoolExecutor: the build's processes are
    forked from it (every parallel build from the app failed with "a process of the build
    failed (exit code 1)")."""
    from concurrent.futures import ThreadPoolExecutor

    folder = tmp_path / "case"
    folder.mkdir()
    _many_files(folder, 260)  # a parallel build (200 files or more)
    case = Case(folder, tmp_path / "index")
    with ThreadPoolExecutor(1) as pool:
        report = pool.submit(case.update).result()
    assert len(report.added) == 260 and not report.notices
    exactly_on_disk(folder, tmp_path / "index")


def _disk_full_at(size: int) -> None:
    """In the child: every file it writes stops growing at ``size`` bytes (the kernel refuses
    with EFBIG, as a full disk refuses with ENOSPC)."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_an_export_that_fills_the_disk_leaves_the_old_file_whole(cli_seeds: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"kept.{fmt}"
    old = ("an earlier export, kept whole\n" * 1000).encode()  # 30 KB
    target.write_bytes(old)
    command = [sys.executable, "-m", "casereader", "export", "--query", "the", "--limit", "200", "--format", fmt]
    proc = subprocess.run(
        [*command, "-o", str(target), "--corpus", str(cli_seeds)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: _disk_full_at(16_384),
    )
    assert proc.returncode == 2, proc.stderr
    assert "cannot write" in proc.stderr and "nothing was changed" in proc.stderr and "Traceback" not in proc.stderr
    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind
    # With room, the same export replaces it whole.
    done = subprocess.run([*command, "-o", str(target), "--corpus", str(cli_seeds)], capture_output=True, text=True)
    assert done.returncode == 0 and f"to {target}" in done.stderr and len(target.read_bytes()) > 16_384


def test_the_atomic_write_keeps_the_old_file_when_the_disk_fills(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casereader.core import files

    target = tmp_path / "aliases.toml"
    target.write_text("[same]\n", encoding="utf-8")
    target.chmod(0o640)
    real_write = os.write
    calls = []

    def fill_up(fd: int, data: bytes | memoryview) -> int:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data)[:10])  # a short write first

    monkeypatch.setattr(files.os, "write", fill_up)
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(target, "x" * 100)
    assert target.read_text(encoding="utf-8") == "[same]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["aliases.toml"]
    monkeypatch.undo()
    files.write_atomic(target, '[same]\n"A" = ["B"]\n')
    assert target.read_text(encoding="utf-8") == '[same]\n"A" = ["B"]\n' and target.stat().st_mode & 0o777 == 0o640


def _damage(store: Path) -> bytes:
    """Overwrite the notes store's pages but the first (its header and schema) with garbage, as
    a bad sector or a half-copied file would; its bytes after."""
    import sqlite3

    db = sqlite3.connect(store)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(store.read_bytes())
    page = 4096
    for at in range(page, len(data) - 1, page):
        data[at + 8 : at + 400] = bytes(range(256)) + bytes(range(136))
    store.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_notes_store_is_said_and_never_written_into(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "story.txt").write_text(
        "Deportations and hearings.\n\nA second paragraph on hearings.\n", encoding="utf-8"
    )
    for n in range(30):
        assert cli("note", "story:1", "--text", f"note {n} " * 20, "--corpus", str(folder)).returncode == 0
    from casereader.core import data_dir_for

    store = data_dir_for(folder) / "notes.sqlite"
    damaged = _damage(store)
    for args in (["notes"], ["notes", "--query", "note"], ["export"], ["export", "--format", "csv"]):
        proc = cli(*args, "--corpus", str(folder))
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "is damaged" in proc.stderr and "Traceback" not in proc.stderr, (args, proc.stderr)
    proc = cli("note", "story:1", "--text", "one more", "--corpus", str(folder))
    assert (
        proc.returncode == 2
        and "is damaged" in proc.stderr
        and "nothing was read from it or written to it" in proc.stderr
    )
    assert store.read_bytes() == damaged
