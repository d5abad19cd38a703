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
    from casereader.core import Case
    original = multiproc.SubWriterTask._process_file
    def dies(self, filename, doc_count):
        try:  # "one": the first worker at its first job; "all": every worker
            os.close(os.open(sys.argv[2] + ".died", os.O_CREAT | os.O_EXCL))
            first = True
        except FileExistsError:
            first = False
        if first or sys.argv[3] == "all":
            os._exit(3)  # a worker process that dies (a full disk, a crash)
        original(self, filename, doc_count)
    multiproc.SubWriterTask._process_file = dies
    report = Case(Path(sys.argv[1]), Path(sys.argv[2])).update()
    print("added", len(report.added))
    print("notices", report.notices)
"""


@pytest.mark.parametrize("which", ["all", "one"])
def test_a_worker_that_dies_in_a_parallel_build_is_said_and_its_files_indexed_all_the_same(
    tmp_path: Path, which: str
) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 1100)  # a first part committed early, then the rest
    proc = _run(FAILING_WORKER, str(folder), str(index_dir), which)
    out, err = proc.communicate(timeout=300)
    assert "added 1100" in out, err
    assert "a process of the build failed (exit code 3); its files were indexed again" in out, err
    assert "Traceback" not in err
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


def _indexers_of(folder: Path) -> list[psutil.Process]:
    """The live processes running `casereader index FOLDER`: the command and its workers
    (forked, so with the same command line), wherever they were reparented."""
    found = []
    for process in psutil.process_iter():
        try:
            if process.status() == psutil.STATUS_ZOMBIE:
                continue
            line = process.cmdline()
        except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
            continue
        if "index" in line and str(folder) in line:
            found.append(process)
    return found


def _parallel_build_running(folder: Path) -> subprocess.Popen[str]:
    """A real `casereader index` of ``folder`` in its parallel build (workers running)."""
    from casereader.core import index_dir_for

    proc = subprocess.Popen(
        [sys.executable, "-m", "casereader", "index", str(folder)],
        stdout=subprocess.DEVNULL,  # a worker that outlives it would hold a pipe open
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    updating, deadline = index_dir_for(folder) / "UPDATING", time.monotonic() + 120
    while proc.poll() is None and not (updating.exists() and len(_indexers_of(folder)) >= 3):
        assert time.monotonic() < deadline, "the build was not seen running"
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before its parent could be killed"
    return proc


@pytest.mark.parametrize("sign", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_a_killed_parallel_build_takes_its_workers_with_it_and_the_next_index_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sign: signal.Signals
) -> None:
    """The parent of a parallel build killed (SIGKILL), stopped (SIGTERM) or its terminal closed
    (SIGHUP): its workers end too, and the next `index` neither waits for ever nor loses files."""
    folder, cache = tmp_path / "case", tmp_path / "cache"
    folder.mkdir()
    _many_files(folder, 1200)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    proc = _parallel_build_running(folder)
    proc.send_signal(sign)  # the parent alone, as a kill of its pid does
    proc.wait(timeout=60)
    deadline = time.monotonic() + 30
    while (alive := _indexers_of(folder)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for survivor in alive:
        survivor.kill()  # not left behind by the test
    assert not alive, f"{len(alive)} worker(s) outlived their parent"
    again = subprocess.run(
        [sys.executable, "-m", "casereader", "index", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    from casereader.core import index_dir_for

    exactly_on_disk(folder, index_dir_for(folder))


LEFT_BEHIND = """
    import fcntl, os, sys, time
    handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)  # as a worker left behind holds its dead parent's lock
    os.ftruncate(handle, 0)
    os.pwrite(handle, sys.argv[2].encode(), 0)  # its dead owner's pid and start time
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_lock_whose_owner_is_dead_is_taken_over_with_a_notice(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 3)
    Case(folder, index_dir).update()
    _many_files(folder, 6)
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    holder = _run(LEFT_BEHIND, str(index_dir / "UPDATE.lock"), f"{ended.stdout.strip()} 1\n")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        case = Case(folder, index_dir)
        report = case.index.update(lock_timeout=30)  # before: IndexBusy after 30 s
        assert any(f"process {ended.stdout.strip()}, which has ended, was taken over" in n for n in report.notices)
        assert len(report.added) == 3
    finally:
        holder.kill()
        holder.wait()
    exactly_on_disk(folder, index_dir)
    # A lock whose owner lives is waited for, not taken over.
    holder = _run(LEFT_BEHIND, str(index_dir / "UPDATE.lock"), f"{os.getpid()}\n")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        (folder / "n000.txt").write_text("changed hearing", encoding="utf-8")
        with pytest.raises(IndexBusy):
            Case(folder, index_dir).index.update(lock_timeout=0.5)
    finally:
        holder.kill()
        holder.wait()


def _temporary_files(index_dir: Path) -> list[str]:
    """What a build writes for itself alone and leaves behind: temporary files and folders
    (Whoosh's job lists and posting runs, a manifest not yet renamed into place)."""
    return sorted(str(p.relative_to(index_dir)) for p in index_dir.rglob("*") if ".tmp" in p.name)


def test_a_disk_that_fills_during_a_parallel_build_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 250)  # a parallel build
    real_write = Path.write_bytes

    def fills_up(path: Path, data: bytes) -> int:  # the disk fills half-way through a file
        if ".tmp" in path.name:
            real_write(path, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", fills_up)
    with pytest.raises(IndexUnwritable, match="No space left on device"):
        Case(folder, index_dir).update()
    assert _temporary_files(index_dir) == []  # the failing run cleaned up after itself
    monkeypatch.undo()
    exactly_on_disk(folder, index_dir)


def test_temporary_files_a_killed_build_left_are_removed_by_the_next(tmp_path: Path) -> None:
    folder, index_dir = tmp_path / "case", tmp_path / "index"
    folder.mkdir()
    _many_files(folder, 5)
    Case(folder, index_dir).update()
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    # What a run killed on a full disk left: a manifest half written, Whoosh's temporary folder.
    (index_dir / f"manifest.{ended.stdout.strip()}.tmp").write_bytes(b"{" * 1000)
    runs = index_dir / "whoosh" / "MAIN.tmp"
    runs.mkdir()
    (runs / "abcdef.run").write_bytes(b"\0" * 100_000)
    (runs / "ghijkl.doclist").write_bytes(b"\0" * 100_000)
    _many_files(folder, 8)  # something to index
    Case(folder, index_dir).update()
    assert _temporary_files(index_dir) == []
    exactly_on_disk(folder, index_dir)
