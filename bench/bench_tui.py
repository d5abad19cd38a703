"""Benchmark the app in a real terminal (tmux), reading the screen as a person would.

Prints first:
- the first frame of casereader on the bundled case (its title on screen) beside the first
  frame of a bare Textual app (a Header, an Input, a Footer: ``bare_textual.py``), launched
  in turns in the same run, median and min of --frames runs each, and their ratio;
then, for the bundled case and for a generated case (20,000 paragraphs, or --size):
- seconds from launch to the document list on screen (index already built, and, for the
  bundled case, with no index yet);
- milliseconds from the last keystroke of a query to its results on screen, p50/p95/max,
  in a 120×40 and an 80×24 terminal;
- for the generated case, the same at 120×40 with the paragraphs' meaning already computed,
  then while the app computes it (its vectors removed first; the typing starts once the
  encoding processes run): the app must stay as quick to answer while they work.

    uv run python bench/bench_tui.py [--samples 30] [--frames 9] [--skip-large] [--size 20000] [--meaning-only]
"""

from __future__ import annotations

import argparse
import os
import shlex
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


def first_frame(command: str, needle: str) -> float:
    """Seconds from launch to ``needle`` on screen; the app is then quit."""
    term = Terminal()
    try:
        started = term.start(command)
        shown, _ = term.wait_until(needle, timeout=60, poll=POLL)
        return shown - started
    finally:
        term.stop()


def first_frames(folder: Path, cache: Path, runs: int) -> None:
    """casereader's first frame beside a bare Textual app's, launched in turns."""
    bare = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve().parent / 'bare_textual.py'))}"
    ours = casereader_command(folder, cache)
    first_frame(ours, "casereader")  # the index is built and the bytecode written before timing
    time_to_documents(folder, cache, first_title(folder))
    bare_times, our_times = [], []
    for _ in range(runs):
        bare_times.append(first_frame(bare, "bare textual"))
        our_times.append(first_frame(ours, "casereader"))
    b, o = statistics.median(bare_times), statistics.median(our_times)
    print("\n== first frame (same run, launched in turns) ==")
    print(f"bare Textual app (Header, Input, Footer): median {b:.2f} s, min {min(bare_times):.2f} s ({runs} runs)")
    print(f"casereader, bundled case               : median {o:.2f} s, min {min(our_times):.2f} s ({runs} runs)")
    print(f"ratio                                  : median {o / b:.2f}×, min {min(our_times) / min(bare_times):.2f}×")


def time_to_documents(folder: Path, cache: Path, title: str) -> float:
    term = Terminal()
    try:
        started = term.start(casereader_command(folder, cache))
        shown, _ = term.wait_until(title, timeout=120, poll=POLL)
        term.wait_until("paragraphs", timeout=120, poll=POLL)  # let the index open before the next run
        return shown - started
    finally:
        term.stop()


def keystroke_latencies(
    folder: Path,
    cache: Path,
    queries: list[tuple[str, int]],
    size: tuple[int, int] = (120, 40),
    terminal: Terminal | None = None,
) -> list[float]:
    """Type each query; time from its last keystroke until its count is on screen (in
    ``terminal``'s app when given, already open; else in an app started for it)."""
    term = terminal or Terminal()
    times = []
    try:
        if terminal is None:
            term.start(casereader_command(folder, cache), *size)
        # The index is open: the title says "2 documents · 67 pa…" (cut at 80 columns).
        term.wait_until("documents ·", timeout=120, poll=POLL)
        term.send("/")  # to the search box (before the focus started on a list, this typed a / that Ctrl+U clears)
        previous = -1
        for query, count in queries:
            if count == previous:
                continue
            term.send("C-u")  # clear the search box
            term.wait_until("Type to search the case", timeout=120, poll=POLL)
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
        if terminal is None:
            term.stop()
    return times


def _encoder_pids() -> list[int]:
    import subprocess

    found = subprocess.run(["pgrep", "-f", "casereader.core.index.meaning"], capture_output=True, check=False)
    return [int(pid) for pid in found.stdout.split()]


def _encoders_cpu() -> float:
    """Seconds of CPU the encoding processes running now have used (Linux /proc)."""
    ticks = 0
    for pid in _encoder_pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def keystrokes_while_meaning(folder: Path, cache: Path, queries: list[tuple[str, int]], rounds: int = 3) -> None:
    """Keystroke latency with the meaning computed, and while the app computes it, in turns
    (``rounds`` of each: this machine's speed drifts within a run); and how much CPU the
    encoding processes took while the keys arrived (the app holds them while the user types)."""
    from casereader.core import Case
    from casereader.core.case import index_dir_for

    os.environ["XDG_CACHE_HOME"] = str(cache)  # the app's index for this folder, as the command gives it
    index_dir = index_dir_for(folder)
    del os.environ["XDG_CACHE_HOME"]
    case = Case(folder, index_dir)
    case.update()
    started = time.perf_counter()
    case.update_meaning()
    print(f"meaning computed by `casereader index`'s path in {time.perf_counter() - started:.0f} s")
    # The Sides views, built once and kept with the index, as after a first session: else the
    # first app to be quiet for a second builds them (~4 s at 20,000 paragraphs), and it was
    # the first "while" round's, whose keys then waited on that build, not on the meaning.
    case.views()
    case.close()
    kept = Path(tempfile.mkdtemp(prefix="cr-bench-meaning-")) / "meaning"
    shutil.copytree(index_dir / "meaning", kept)
    ready: list[float] = []
    busy: list[float] = []
    notes = []
    for number in range(1, rounds + 1):
        shutil.rmtree(index_dir / "meaning", ignore_errors=True)
        shutil.copytree(kept, index_dir / "meaning")
        typed = keystroke_latencies(folder, cache, queries)
        ready += typed
        shutil.rmtree(index_dir / "meaning")
        term = Terminal()
        try:
            term.start(casereader_command(folder, cache))
            term.wait_until("documents ·", timeout=120, poll=POLL)
            deadline = time.perf_counter() + 60
            while not _encoder_pids() and time.perf_counter() < deadline:
                time.sleep(0.2)
            time.sleep(2)  # the encoding under way
            running = bool(_encoder_pids())
            cpu, wall = _encoders_cpu(), time.perf_counter()
            held = keystroke_latencies(folder, cache, queries, terminal=term)
            busy += held
            cpu, wall = _encoders_cpu() - cpu, time.perf_counter() - wall
            notes.append(
                f"round {number}: computed {_spread(typed)}; while computed {_spread(held)}; encoding processes "
                f"running: {running}, their CPU while typing {cpu:.1f} s in {wall:.0f} s"
            )
        finally:
            term.stop()
    for label, times in (("meaning computed", ready), ("while it is computed", busy)):
        print(f"keystroke → results 120×40, {label}: {_spread(times)}")
    for note in notes:
        print(f"  ({note})")


def _spread(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {max(times):.0f} ms ({len(times)} queries)"


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


def report(name: str, folder: Path, samples: int, cold: bool, meaning: bool = False) -> None:
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
    queries = query_sample(folder, samples)
    for width, height in ((120, 40), (80, 24)):
        times = keystroke_latencies(folder, cache, queries, (width, height))
        print(f"keystroke → results on screen {width}×{height}: {_spread(times)}")
    if meaning:
        keystrokes_while_meaning(folder, cache, queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--frames", type=int, default=9, help="first-frame runs of each app")
    parser.add_argument("--frames-only", action="store_true", help="only the first frames")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--size", type=int, default=20_000, help="paragraphs of the generated case")
    parser.add_argument("--meaning-only", action="store_true", help="only typing with and while the meaning")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed for this benchmark")
    seeds = Path(tempfile.mkdtemp(prefix="cr-bench-seeds-")) / "seeds"
    shutil.copytree(REPO / "seeds", seeds)
    if os.path.exists("/proc/loadavg"):
        print(f"load average at start: {Path('/proc/loadavg').read_text().split()[:3]} on {os.cpu_count()} cores")
    if args.meaning_only:
        folder = Path(tempfile.mkdtemp(prefix="cr-bench-tui-"))
        generate(folder, args.size)
        cache = Path(tempfile.mkdtemp(prefix="cr-bench-cache-"))
        print(f"\n== generated case ({args.size:,} paragraphs) ==")
        keystrokes_while_meaning(folder, cache, query_sample(folder, args.samples))
        return
    first_frames(seeds, Path(tempfile.mkdtemp(prefix="cr-bench-cache-")), args.frames)
    if args.frames_only:
        return
    report("bundled case (2 documents, 67 paragraphs)", seeds, args.samples, cold=True)
    if not args.skip_large:
        folder = Path(tempfile.mkdtemp(prefix="cr-bench-tui-"))
        generate(folder, args.size)
        report(f"generated case ({args.size:,} paragraphs)", folder, args.samples, cold=True, meaning=True)


if __name__ == "__main__":
    main()
