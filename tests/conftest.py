from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from casereader.core import Case

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
ORINOCO = "000_931ed05bed4de436"
WOLA = "004_2e854cc63dbf4071"


@pytest.fixture(autouse=True)
def hermetic(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's config, data or cache folders, or the repo's index/."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "TMUX"):  # no test copies to the user's clipboard
        monkeypatch.delenv(var, raising=False)
    # Words alone, unless a test asks for meaning (tests/integration/test_meaning.py): its
    # encoder takes processes of their own and ~2 s to load.
    monkeypatch.setenv("CASEREADER_NO_MEANING", "1")


@pytest.fixture(scope="session")
def seeds_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeds") / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture(scope="session")
def seeds_case(seeds_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The bundled case, indexed once for the session (read-only use)."""
    case = Case(seeds_copy, tmp_path_factory.mktemp("seeds-index"))
    case.update()
    return case


@pytest.fixture
def make_case(tmp_path: Path) -> Callable[..., Case]:
    """Write files into a fresh case folder and open it: make_case({"a.txt": "..."})."""

    def make(files: dict[str, str | bytes], catalog: str | None = None) -> Case:
        folder = tmp_path / "case"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        if catalog is not None:
            (folder / "catalog.toml").write_text(catalog, encoding="utf-8")
        case = Case(folder, tmp_path / "index")
        case.update()
        return case

    return make
