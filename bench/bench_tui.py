"""Benchmark the app in a real terminal (tmux), reading the screen as a person would.

Prints, for the bundled case and for a generated case (20,000 paragraphs, or --size):
- seconds from launch to the document list on screen (index already built, and, for the
  bundled case, with no index yet);
- milliseconds from the last keystroke of a query to its results on screen, p50/p95.

    uv run python bench/bench_tui.py [--samples 30] [--skip-large] [--size 20000]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(REPO)]
from tests.tmux import Terminal, casereader_command  # noqa: E402  (the e2e tests' driver)

from generate import generate  # noqa: E402

POLL = 0.01  # seconds between screen reads; each spawns tmux on the 2 cores being measured


def built(folder: Path) -> object:
    """The case with an index of its own (built once per folder), for choosing what to look for."""
    from casereader.core import Case

    case = _BUILT.get(folder)
    if case is None:
        case = _BUILT[folder] = Case(folder, Path(tempfile.mkdtemp()))
        case.update()
    return case


_BUILT: dict[Path, object] = {}


def first_title(folder: Path) -> str:
    case: Any = built(folder)
    return str(case.documents()[0].meta.title[:20])  # the list cuts titles at 29 characters


def time_to_documents(folder: Path, cache: Path, title: str) -> float:
    term = Terminal()
    try:
        started = term.start(casereader_command(folder, cache))
        shown, _ = term.wait_until(title, timeout=120, poll=POLL)
        term.wait_until("paragraphs", timeout=120, poll=POLL)  # let the index open before the next run
        return shown - started
    finally:
        term.stop()


def keystroke_latencies(folder: Path, cache: Path, queries: list[tuple[str, int]]) -> list[float]:
    """Type each query; time from its last keystroke until its count is on screen."""
    term = Terminal()
    times = []
    try:
        term.start(casereader_command(folder, cache))
        term.wait_until("paragraphs", timeout=120, poll=POLL)
        previous = -1
        for query, count in queries:
            if count == previous:
                continue
            term.send("C-u")  # clear the search box
            term.wait_until("Type to search the case.", timeout=120, poll=POLL)
            # Ctrl+U is a binding: Textual runs its action after the keys already read, so
            # letters sent in the same instant were typed and then deleted with the rest (the
            # box kept "acan" of "vivacan"); the status said "Type to search" already.
            time.sleep(0.2)
            term.type(query[:-1])
            time.sleep(0.3)
            started = time.perf_counter()
            term.type(query[-1])
            label = f"{count} paragraph{'s' if count != 1 else ''} match"
            times.append((term.wait_until(label, timeout=20, poll=POLL)[0] - started) * 1000)
            previous = count
    finally:
        term.stop()
    return times


def query_sample(folder: Path, samples: int) -> list[tuple[str, int]]:
    """Words of the case with their exact counts (not broad queries, whose counts are estimates)."""
    import random
    import re

    case: Any = built(folder)
    rng = random.Random(3)
    words: list[str] = []
    for doc in case.documents()[:40]:
        for para in case.paragraphs(doc.doc_id):
            words += re.findall(r"[A-Za-z]{5,}", para.text)
    chosen: list[tuple[str, int]] = []
    for word in rng.sample(sorted(set(words)), min(len(set(words)), samples * 3)):
        result = case.search(word)
        # The count on screen must be this query's: skip words whose prefix typed one key
        # earlier shows the same count (the result would seem to arrive before the key).
        before = case.search(word[:-1])
        if result.exact and result.total and (not before.exact or before.total != result.total):
            chosen.append((word.lower(), result.total))
        if len(chosen) >= samples:
            break
    return chosen


def report(name: str, folder: Path, samples: int, cold: bool) -> None:
    cache = Path(tempfile.mkdtemp(prefix="cr-bench-cache-"))
    title = first_title(folder)
    print(f"\n== {name} ==")
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
        print(f"launch → document list, no index yet : {time_to_documents(folder, cache, title):.2f} s")
    runs = [time_to_documents(folder, cache, title) for _ in range(5)]
    print(
        f"launch → document list, index built  : median {statistics.median(runs):.2f} s, max {max(runs):.2f} s (5 runs)"
    )
    times = keystroke_latencies(folder, cache, query_sample(folder, samples))
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"keystroke → results on screen        : p50 {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, max {max(times):.0f} ms ({len(times)} queries)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--size", type=int, default=20_000, help="paragraphs of the generated case")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for this benchmark")
    seeds = Path(tempfile.mkdtemp(prefix="cr-bench-seeds-")) / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    report("bundled case (2 documents, 67 paragraphs)", seeds, args.samples, cold=True)
    if not args.skip_large:
        folder = Path(tempfile.mkdtemp(prefix="cr-bench-tui-"))
        generate(folder, args.size)
        report(f"generated case ({args.size:,} paragraphs)", folder, args.samples, cold=True)


if __name__ == "__main__":
    main()
