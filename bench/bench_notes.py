"""Benchmark the notes of a case with 10,000 notes and bookmarks on the bundled case.

Prints, in milliseconds (p50 / p95 / max over the runs):
- the notes store: a filter by words (FTS5), by tag, all notes, the passages marked;
- checking every anchor against the case when nothing changed (what opening the Notes
  screen does first);
- the Notes screen in the app (headless, 120x40): opening it until its rows are drawn, and
  one filter keystroke until the narrowed rows are drawn.

    uv run python bench/bench_notes.py [--notes 10000] [--runs 30]

Target: notes search and the Notes screen under 50 ms with 10,000 notes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_MS = 50.0
WORDS = ["figures", "sources", "months", "cecot", "release", "mediation", "deported", "court", "prison", "lawyer"]
TAGS = ["figures", "sources", "legal", "timeline", "quotes", "todo", "check", "names"]


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):6.1f}  p95 {p95:6.1f}  max {ordered[-1]:6.1f} ms"


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def fill(case: object, count: int) -> None:
    from casereader.core import BOOKMARK, NOTE, Case

    assert isinstance(case, Case)
    rng = random.Random(1)
    passages = [(d.doc_id, p) for d in case.documents() for p in case.paragraphs(d.doc_id) if p.is_body]
    store = case.notes
    store._db.execute("PRAGMA synchronous=OFF")  # filling only: 10,000 separate syncs take minutes
    for i in range(count):
        doc_id, para = rng.choice(passages)
        from casereader.core import Ref

        words = " ".join(rng.sample(WORDS, 3))
        kind = NOTE if i % 3 else BOOKMARK
        case.keep(Ref(doc_id, para.n), kind, f"note {i}: {words}" if kind == NOTE else "", tuple(rng.sample(TAGS, 2)))
    store._db.execute("PRAGMA synchronous=FULL")


async def screen_times(case_dir: Path, index_dir: Path, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds from the key to the frame that shows the notes: the screen's ``show``
    is wrapped to note when the frame after it has been drawn."""
    from textual.widgets import Input

    from casereader.tui.app import make_app
    from casereader.tui.screens import notes as notes_screen
    from casereader.tui.screens.notes import NotesScreen

    drawn: list[float] = []
    show = NotesScreen.show

    def show_and_note_the_frame(self: NotesScreen, text: str, loaded: notes_screen.Loaded) -> None:
        show(self, text, loaded)
        self.call_after_refresh(lambda: drawn.append(time.perf_counter()))

    NotesScreen.show = show_and_note_the_frame  # type: ignore[method-assign]

    app = make_app(case_dir, index_dir, watch=False)
    opening: list[float] = []
    filtering: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.session.state.ready:
            await pilot.pause(0.1)
        await pilot.pause(0.5)
        for run in range(runs):
            drawn.clear()
            start = time.perf_counter()
            app.main.action_notes()
            while not drawn:
                await asyncio.sleep(0.001)
            opening.append((drawn[0] - start) * 1000)
            await pilot.pause(0.2)
            screen = app.screen
            box = screen.query_one("#notes-filter", Input)
            drawn.clear()
            start = time.perf_counter()
            box.value = WORDS[run % len(WORDS)]
            while not drawn:
                await asyncio.sleep(0.001)
            filtering.append((drawn[0] - start) * 1000)
            await pilot.pause(0.2)
            await pilot.press("escape")
            await pilot.pause()
    return opening, filtering


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="casereader-bench-notes-"))
    for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        os.environ[var] = str(home / var.lower())
    from casereader.core import Case, NoteFilter

    case_dir = home / "seeds"
    shutil.copytree(REPO / "seeds", case_dir)
    index_dir = home / "index"
    case = Case(case_dir, index_dir)
    case.update()
    start = time.perf_counter()
    fill(case, args.notes)
    print(f"{args.notes} notes and bookmarks written in {time.perf_counter() - start:.1f} s", flush=True)
    store = case.notes
    words = iter(WORDS * args.runs)
    tags = iter(TAGS * args.runs)
    rows = [
        ("search notes by a word", timed(lambda: store.notes(NoteFilter(query=next(words))), args.runs)),
        ("by tag", timed(lambda: store.notes(NoteFilter(tag=next(tags))), args.runs)),
        ("all notes (what `casereader notes` lists)", timed(store.notes, args.runs)),
        ("passages marked", timed(store.marked, args.runs)),
        ("check anchors, nothing changed", timed(case.check_anchors, args.runs)),
        ("main search's notes (5 best)", timed(lambda: store.notes(NoteFilter(query=next(words)), limit=5), args.runs)),
    ]
    case.close()
    opening, filtering = asyncio.run(screen_times(case_dir, index_dir, max(5, args.runs // 3)))
    rows += [("Notes screen: open, rows drawn", opening), ("Notes screen: filter keystroke", filtering)]
    print(f"\nwith {args.notes} notes (target: {TARGET_MS:.0f} ms)")
    for label, samples in rows:
        flag = "" if sorted(samples)[round(0.95 * (len(samples) - 1))] <= TARGET_MS else "   over target"
        print(f"  {label:<42} {summary(samples)}{flag}")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
