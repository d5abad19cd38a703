"""Opening an unchanged large case: seconds from launch until it can be searched.

Prints, for a case of --files articles (generated, 2 paragraphs each, with a catalog entry
each; or --folder), its index built once beforehand:
- the app: seconds from the process's start to the case searchable (the session's state),
  run headless (Textual's test driver, no terminal);
- ``casereader search WORD``: seconds for the whole command (start to exit), for comparison.
Each figure is one fresh process; the best and the median of --repeats are printed.

    uv run python bench/bench_open.py [--files 50000] [--folder F] [--cache DIR] [--repeats 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate


def app_child(folder: Path, started: float) -> None:
    """In a fresh process: the app on ``folder``, headless, until the case is searchable."""
    from casereader.core import index_dir_for
    from casereader.tui.app import make_app

    app = make_app(folder, index_dir_for(folder), watch=True)

    async def run() -> tuple[float, float]:
        searchable = ready = 0.0
        async with app.run_test(size=(120, 40)) as pilot:
            deadline = time.monotonic() + 600
            while not ready and time.monotonic() < deadline:
                state = app.session.state
                if state.searchable and not searchable:
                    searchable = time.time() - started
                if state.ready:
                    ready = time.time() - started
                await pilot.pause(0.01)
        return searchable, ready

    searchable, ready = asyncio.run(run())
    print(f"{searchable:.3f} {ready:.3f}")


def measure_app(folder: Path, env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), repr(time.time())],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    return float(out[-2]), float(out[-1])


def measure_cli(folder: Path, env: dict[str, str], word: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "casereader", "search", word, "--corpus", str(folder)],
        capture_output=True,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=50_000)
    parser.add_argument("--folder", type=Path, help="a case folder (else one is generated)")
    parser.add_argument("--cache", type=Path, help="where its index is kept (XDG_CACHE_HOME)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--word", default="the")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        app_child(Path(args.child[0]), float(args.child[1]))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-open-"))
    folder = args.folder or work / "case"
    if args.folder is None:
        generate(folder, args.files * 2, per_article=2)
    # Opening is measured: the paragraphs' meaning (computed after indexing, in the background
    # in the app) is left out of the build beforehand and of the app's launches.
    env = {**os.environ, "XDG_CACHE_HOME": str(args.cache or work / "cache"), "CASEREADER_NO_MEANING": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casereader", "index", str(folder)], env=env, check=True, capture_output=True)
    files = sum(1 for _ in folder.iterdir())
    print(f"case: {files} files; index brought up to date in {time.perf_counter() - started:.1f} s")
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    apps = [measure_app(folder, env) for _ in range(args.repeats)]
    clis = [measure_cli(folder, env, args.word) for _ in range(args.repeats)]
    searchable = [a for a, _ in apps]
    ready = [b for _, b in apps]
    print(f"app, launch to searchable: best {min(searchable):.2f} s, median {statistics.median(searchable):.2f} s")
    print(f"app, launch to up to date: best {min(ready):.2f} s, median {statistics.median(ready):.2f} s")
    print(f"casereader search {args.word!r}: best {min(clis):.2f} s, median {statistics.median(clis):.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
