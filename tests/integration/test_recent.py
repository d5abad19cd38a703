"""Recent cases: ``casereader --recent`` lists the cases opened last, ``--recent N`` opens one;
the list is written whole or not at all, and a damaged one is set aside, never fatal."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from casereader import tui
from casereader.core import RecentCases
from casereader.core import files as files_module

from .conftest import Cli


def _folders(tmp_path: Path, *names: str) -> list[Path]:
    made = []
    for name in names:
        (tmp_path / name).mkdir()
        made.append((tmp_path / name).resolve())
    return made


def test_recent_lists_the_cases_opened_last_and_opens_one(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = cli("--recent")
    assert empty.returncode == 1 and "No case opened yet" in empty.stdout
    first, second = _folders(tmp_path, "first", "second")
    recent = RecentCases()
    assert recent.record(first, "The first case") is None
    assert recent.record(second, "The second case") is None
    assert recent.record(first, "The first case") is None  # opened again: first, once
    listed = cli("--recent")
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stdout.splitlines() if line.strip()[:2].rstrip(".").isdigit()]
    assert [line.split(".")[0].strip() for line in lines] == ["1", "2"]
    assert "The first case" in lines[0] and str(first) in lines[0] and "The second case" in lines[1]
    data = json.loads(cli("--recent", "--json").stdout)
    assert [c["name"] for c in data["cases"]] == ["The first case", "The second case"]
    assert data["cases"][0]["folder"] == str(first) and data["cases"][0]["exists"]

    opened: list[Path | None] = []
    monkeypatch.setattr(tui, "run_app", lambda folder: opened.append(folder) or 0)
    assert cli("--recent", "2").returncode == 0 and opened == [second]
    wrong = cli("--recent", "3")
    assert wrong.returncode == 2 and "there is no recent case 3" in wrong.stderr and opened == [second]
    assert json.loads(cli("--recent", "x", "--json").stdout)["code"] == "bad_arguments"
    second.rmdir()  # a folder gone since: said, not opened
    gone = cli("--recent", "2")
    assert gone.returncode == 2 and "not a folder any more" in gone.stderr
    assert "not a folder any more" in cli("--recent").stdout


def test_a_damaged_list_is_ignored_with_a_notice_and_set_aside(cli: Cli, tmp_path: Path) -> None:
    recent = RecentCases()
    recent.path.parent.mkdir(parents=True, exist_ok=True)
    recent.path.write_bytes(b'{"cases": [{"folder": ')  # cut short
    listed = cli("--recent")
    assert listed.returncode == 1 and "is damaged; it is ignored" in listed.stderr and "Traceback" not in listed.stderr
    (folder,) = _folders(tmp_path, "case")
    problem = recent.record(folder, "A case")
    assert problem is not None and "set aside as recent.json.damaged" in problem
    assert recent.path.with_name("recent.json.damaged").read_bytes() == b'{"cases": [{"folder": '  # nothing lost
    assert [c.folder for c in recent.cases()] == [folder]
    for wrong in (b"[1, 2]", b'{"cases": 3}', b"\xff\xfe", b"[" * 5000):
        recent.path.write_bytes(wrong)
        assert recent.listed()[0] == [] and "damaged" in str(recent.listed()[1])


def test_the_list_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recent = RecentCases()
    first, second = _folders(tmp_path, "first", "second")
    recent.record(first, "First")
    before = recent.path.read_bytes()

    real_write = os.write

    def disk_full(handle: int, data: bytes) -> int:
        real_write(handle, bytes(data[:20]))  # a part, then the disk is full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files_module.os, "write", disk_full)
    problem = recent.record(second, "Second")
    assert problem is not None and "could not be written (No space left on device)" in problem
    assert recent.path.read_bytes() == before  # the old list, whole
    assert sorted(p.name for p in recent.path.parent.iterdir()) == ["recent.json"]  # no temporary file left
