"""How the views are built (core/sides/pipeline.py): read by several processes, or again from
each document's kept reading after a change, they are the views read in one process; the
processes end with the one that started them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from casereader.core import Case
from casereader.core.models import DocumentInfo, Paragraph
from casereader.core.sides import VIEWS, SideViews, build_views, pipeline
from casereader.core.sides.figures import FigureGroup

from ..conftest import SEEDS

PT_CASE = Path(__file__).resolve().parents[2] / "bench" / "cases" / "sides" / "pt-chuvas-rs"


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The bundled case and a Portuguese one of the gold set in one folder: quotes, figures,
    names and dates of two languages."""
    folder = tmp_path_factory.mktemp("pipeline") / "case"
    shutil.copytree(SEEDS, folder)
    shutil.copytree(PT_CASE, folder / "pt")
    opened = Case(folder, tmp_path_factory.mktemp("pipeline-index"))
    opened.update()
    return opened


def _read(case: Case) -> tuple[list[DocumentInfo], list[tuple[DocumentInfo, list[Paragraph]]]]:
    documents = case.documents()
    return documents, [(d, case.paragraphs(d.doc_id)) for d in documents]


def _shown(views: SideViews) -> dict[str, object]:
    """Everything the views show, as the CLI's --json prints it, and the related pane's groups."""
    shown: dict[str, object] = {view: views.to_json(view) for view in VIEWS}
    shown["groups_of"] = [
        [(g.about if (g := views.group_of(f)) else None) for f in views.figures_at(f.doc_id, f.n)]
        for f in views.figures
    ]
    shown["outlets"] = views.doc_outlets
    return shown


def test_views_read_by_several_processes_are_the_views_read_in_one(case: Case) -> None:
    documents, paragraphs = _read(case)
    alone = build_views(documents, paragraphs, case.aliases(), workers=0)
    shared = build_views(documents, paragraphs, case.aliases(), workers=2)
    assert alone.quotes and alone.groups and alone.events and alone.names  # something to compare
    assert _shown(shared) == _shown(alone)


def test_after_a_change_only_the_changed_document_is_read_again(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, paragraphs = _read(case)
    parts = tmp_path / pipeline.PARTS_FILE
    build_views(documents, paragraphs, case.aliases(), parts, workers=0)
    read: list[str] = []
    original = pipeline.read_figures
    monkeypatch.setattr(pipeline, "read_figures", lambda work: read.append(work.doc[0]) or original(work))
    again = build_views(documents, paragraphs, case.aliases(), parts, workers=0)
    assert read == []  # nothing changed: every document's reading was kept
    assert _shown(again) == _shown(build_views(documents, paragraphs, case.aliases(), workers=0))
    # One paragraph of one document says something else: that document alone is read again,
    # and the views are the ones a build from nothing gives.
    doc, paras = paragraphs[0]
    body = next(i for i, p in enumerate(paras) if p.is_body)
    changed = [*paras]
    changed[body] = replace(paras[body], text="Some 4,200 people were evacuated on March 3, 2024.")
    edited = [(doc, changed), *paragraphs[1:]]
    read.clear()
    rebuilt = build_views(documents, edited, case.aliases(), parts, workers=0)
    assert read == [doc.doc_id]
    fresh = build_views(documents, edited, case.aliases(), workers=0)
    assert _shown(rebuilt) == _shown(fresh)
    assert any(f.text == "4,200 people" for f in rebuilt.figures)


def test_the_readings_of_the_processes_are_kept(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents, paragraphs = _read(case)
    parts = tmp_path / pipeline.PARTS_FILE
    shared = build_views(documents, paragraphs, case.aliases(), parts, workers=2)
    read: list[str] = []
    original = pipeline.read_figures
    monkeypatch.setattr(pipeline, "read_figures", lambda work: read.append(work.doc[0]) or original(work))
    again = build_views(documents, paragraphs, case.aliases(), parts, workers=0)
    assert read == []  # every document's reading, as the processes read it, was kept
    assert _shown(again) == _shown(shared)


def test_the_groups_are_computed_here_when_their_process_fails(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents, paragraphs = _read(case)
    alone = build_views(documents, paragraphs, case.aliases(), workers=0)
    here, original, failed = os.getpid(), pipeline.group_figures, tmp_path / "failed"
    computed: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> list[FigureGroup]:
        if os.getpid() != here:
            failed.write_text(str(os.getpid()))
            raise RuntimeError("the forked process fails")
        computed.append(here)
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "group_figures", failing)
    shared = build_views(documents, paragraphs, case.aliases(), workers=2)
    assert failed.exists() and computed == [here]  # the forked process failed: computed here after
    assert _shown(shared) == _shown(alone)


def test_a_damaged_kept_reading_is_read_again(case: Case, tmp_path: Path) -> None:
    documents, paragraphs = _read(case)
    parts = tmp_path / pipeline.PARTS_FILE
    parts.write_bytes(b"not a pickle")
    views = build_views(documents, paragraphs, case.aliases(), parts, workers=0)
    assert _shown(views) == _shown(build_views(documents, paragraphs, case.aliases(), workers=0))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_reading_processes_end_when_their_parent_is_killed() -> None:
    script = (
        "import time\n"
        "from casereader.core.sides import pipeline\n"
        "with pipeline.processes(2) as pool:\n"
        "    pool.submit(time.sleep, 120)\n"
        "    pool.submit(time.sleep, 120)\n"
        "    print(*pool._processes, flush=True)\n"
        "    time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    try:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        for pid in workers:  # left over when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a process ended but not yet reaped by init is not running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
