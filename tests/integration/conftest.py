"""The command line run in the test's own process, and the bundled case's index built once.

``cli("search", "x", "--corpus", folder)`` calls ``casereader.cli.main`` as ``python -m casereader``
would in a terminal 200 columns wide whose output is not a terminal (no colour), and returns
what it printed and its exit code.  ``cli_seeds`` is the bundled case with its index (and its
views) already where the command line looks for it: built once per session, copied per test.
A few tests in test_cli_smoke.py still start the real command, one per family of commands.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from casereader.cli import main
from casereader.core import Case, index_dir_for


@dataclass(frozen=True)
class Ran:
    """What a run of the command line did: as ``subprocess.CompletedProcess`` says it."""

    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    def run(*args: str, columns: int = 200, cwd: Path | None = None) -> Ran:
        # What the subprocesses these tests started had: COLUMNS set, output to a pipe.
        monkeypatch.setenv("COLUMNS", str(columns))
        monkeypatch.setenv("TERM", "xterm-256color")
        for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "LINES"):
            monkeypatch.delenv(var, raising=False)
        capsys.readouterr()
        with monkeypatch.context() as here:
            if cwd is not None:
                here.chdir(cwd)
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, or a bad argument
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


@pytest.fixture(scope="session")
def seeds_index(seeds_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled case's index and views, built once for the session (never used in place)."""
    index_dir = tmp_path_factory.mktemp("cli-seeds-index") / "index"
    case = Case(seeds_copy, index_dir)
    case.update()
    case.views()
    case.close()
    return index_dir


@pytest.fixture
def cli_seeds(seeds_copy: Path, seeds_index: Path) -> Path:
    """The bundled case (its folder, not to be changed), its index copied to where this test's
    command line looks for it (the cache folder is the test's own)."""
    shutil.copytree(seeds_index, index_dir_for(seeds_copy))
    return seeds_copy
