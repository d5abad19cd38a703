"""The real command, started as a user starts it: one test for each family of commands (the
other tests of the command line call ``main`` in their own process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..conftest import ORINOCO


def casereader(*args: str, python: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``python -m casereader ARGS`` in a process of its own (its cache: the test's)."""
    env = {**os.environ, "COLUMNS": "200", "TERM": "xterm-256color"}
    command = [sys.executable, *python, "-m", "casereader", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env)


def test_index_through_the_installed_script(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text("An article about the budget of the town.\n", encoding="utf-8")
    script = Path(sys.executable).with_name("casereader")  # [project.scripts]
    proc = subprocess.run([str(script), "index", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "documents   1" in proc.stdout and "1 added" in proc.stdout


def test_search_imports_neither_textual_nor_the_other_commands(cli_seeds: Path) -> None:
    proc = casereader("search", "Cristosal", "--corpus", str(cli_seeds), python=("-X", "importtime"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"{ORINOCO}:35" in proc.stdout
    imported = {line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "casereader.cli.search" in imported
    assert not {m for m in imported if m.split(".")[0] == "textual"}
    assert not {"casereader.tui", "casereader.cli.notes", "casereader.cli.sides", "casereader.cli.case"} & imported


def test_note(cli_seeds: Path) -> None:
    proc = casereader("note", f"{ORINOCO}:35", "--text", "to check", "--corpus", str(cli_seeds))
    assert proc.returncode == 0, proc.stderr
    assert f"Noted {ORINOCO}:35" in proc.stdout


def test_a_view(cli_seeds: Path) -> None:
    proc = casereader("figures", "--json", "--corpus", str(cli_seeds))
    assert proc.returncode == 0, proc.stderr
    assert set(json.loads(proc.stdout)) == {"groups", "figures"}


def test_correct(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "a.txt").write_text("An article about the budget of the town.\n", encoding="utf-8")
    proc = casereader("correct", "a.txt", "author=Ana Pérez", "--corpus", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "Ana Pérez" in proc.stdout and "catalog" in proc.stdout
    bad = casereader("correct", "a.txt", "date=soon", "--corpus", str(folder))
    assert bad.returncode == 2 and "not a date" in bad.stderr and "Traceback" not in bad.stderr
