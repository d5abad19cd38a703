"""A duplicate article is counted once in every Sides view: the bundled case with a copy of one
of its articles (byte for byte, or the same story saved again with other page furniture) gives
the views of the bundled case alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casereader.core import Case
from casereader.core.sides import SideViews

from ..conftest import SEEDS, WOLA

WOLA_FILE = "004_2e854cc63dbf4071.txt"


def counts(views: SideViews) -> dict[str, object]:
    """What a reader of each view counts."""
    return {
        "coverage": {row.label: row.counts for row in views.coverage},
        "events": sorted((e.date, e.outlet, e.published) for e in views.events),
        "quotes": sorted((q.speaker, q.text, q.outlet) for q in views.quotes),
        "figures": sorted((f.text, f.outlet) for f in views.figures),
        "names": {e.name: e.mentions for e in views.names},
    }


def views_of(folder: Path, index: Path) -> SideViews:
    case = Case(folder, index)
    try:
        case.update()
        return case.views()
    finally:
        case.close()


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("alone") / "seeds"
    shutil.copytree(SEEDS, folder)
    return counts(views_of(folder, folder.parent / "index"))


@pytest.mark.parametrize("copy", ["byte for byte", "with other furniture"])
def test_a_duplicate_article_is_counted_once_in_every_view(copy: str, alone: dict[str, object], tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    text = (folder / WOLA_FILE).read_text(encoding="utf-8")
    if copy != "byte for byte":
        text = "Share this article\n\n" + text + "\n\nSubscribe to our newsletter.\n"
    (folder / "wola-again.txt").write_text(text, encoding="utf-8")
    views = views_of(folder, tmp_path / "index")
    assert counts(views) == alone  # e.g. Coverage's "United States": WOLA 15 paragraphs, not 30
    assert list(views.duplicates.values()) == [WOLA]  # the copy is the one left out
