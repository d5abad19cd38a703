"""Opening an unchanged large case: seconds from launch until it can be searched.

Prints, for a case of --files articles (generated, 2 paragraphs each, with a catalog entry
each; or --folder), its index built once beforehand (kept with --cache DIR: a 50,000-file
build takes ~10 minutes on 2 busy cores, so keep the folder and the cache between runs):
- the app: seconds from the process's start to the case searchable (the session's state),
  run headless (Textual's test driver, no terminal), with the CPU seconds spent by then by
  the whole process and by its main thread (the app's), and the seconds to up to date (the
  folder checked for changes);
- ``casereader search WORD``: seconds for the whole command (start to exit), for comparison.
Each figure is one fresh process; the best and the median of --repeats are printed, and
the load average (the machine is shared: compare CPU seconds across runs, wall seconds
only within one run).

Python's compiled modules: a user's installation keeps them (pip compiles them at install,
and Python writes them at the first launch), so each launch here reads them from a cache
of the run's own (PYTHONPYCACHEPREFIX), filled by a launch that is not counted, whatever
PYTHONDONTWRITEBYTECODE says.  ``--pyc none`` compiles every module at every launch instead
(what an environment with PYTHONDONTWRITEBYTECODE=1 and no caches does).

``--baseline SRC`` also runs the app from another source tree (``src`` of a checkout of an
older commit; same index version), its launches taking turns with this tree's, so that the
two are measured under the same load.

    uv run python bench/bench_open.py [--files 50000] [--folder F] [--cache DIR] [--repeats 3]
        [--baseline /path/to/checkout/src] [--pyc cached|none]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate


def app_child(folder: Path, started: float) -> None:
    """In a fresh process: the app on ``folder``, headless, until the case is up to date."""
    from casereader.core import index_dir_for
    from casereader.tui.app import make_app

    app = make_app(folder, index_dir_for(folder), watch=True)

    async def run() -> tuple[float, float, float, float]:
        searchable = ready = cpu = main_cpu = 0.0
        async with app.run_test(size=(120, 40)) as pilot:
            deadline = time.monotonic() + 600
            while not ready and time.monotonic() < deadline:
                state = app.session.state
                if state.searchable and not searchable:
                    searchable = time.time() - started
                    cpu, main_cpu = time.process_time(), time.thread_time()  # (this is the app's thread)
                if state.ready:
                    ready = time.time() - started
                await pilot.pause(0.01)
        return searchable, ready, cpu, main_cpu

    assert threading.current_thread() is threading.main_thread()
    figures = asyncio.run(run())
    import casereader

    print(" ".join(f"{x:.3f}" for x in figures), Path(casereader.__file__).parent)


@dataclass
class Launch:
    searchable: float  # wall seconds from the process's start
    ready: float
    cpu: float  # CPU seconds of the process when it was searchable (all threads)
    main_cpu: float  # ...of its main thread (the app's)


def measure_app(folder: Path, env: dict[str, str], src: Path | None) -> Launch:
    if src is not None:  # that tree's casereader, ahead of the installed one
        env = {**env, "PYTHONPATH": os.pathsep.join([str(src), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), repr(time.time())],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    if src is not None and not Path(out[-1]).resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"the baseline ran {out[-1]}, not {src}")
    return Launch(*(float(x) for x in out[-5:-1]))


def measure_cli(folder: Path, env: dict[str, str], word: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "casereader", "search", word, "--corpus", str(folder)],
        capture_output=True,
        env=env,
        check=True,
    )
    return time.perf_counter() - started


def summary(label: str, launches: list[Launch]) -> None:
    def line(values: list[float]) -> str:
        return f"best {min(values):.2f}, median {statistics.median(values):.2f}"

    print(f"{label}:")
    print(f"  launch to searchable, wall s:  {line([x.searchable for x in launches])}")
    print(f"    CPU s by then, process:      {line([x.cpu for x in launches])}")
    print(f"    CPU s by then, main thread:  {line([x.main_cpu for x in launches])}")
    print(f"  launch to up to date, wall s:  {line([x.ready for x in launches])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=50_000)
    parser.add_argument("--folder", type=Path, help="a case folder (else one is generated)")
    parser.add_argument("--cache", type=Path, help="where its index is kept (XDG_CACHE_HOME)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--word", default="the")
    parser.add_argument("--baseline", type=Path, help="the src folder of another checkout, run in turns with this one")
    parser.add_argument("--pyc", choices=("cached", "none"), default="cached")
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
    if args.pyc == "cached":
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "casereader", "index", str(folder)], env=env, check=True, capture_output=True)
    files = sum(1 for _ in folder.iterdir())
    print(f"case: {files} files; index brought up to date in {time.perf_counter() - started:.1f} s")
    print(f"compiled modules: {args.pyc}")
    trees: list[tuple[str, Path | None]] = [("this tree", None)]
    if args.baseline is not None:
        trees.insert(0, (f"baseline {args.baseline}", args.baseline))
    if args.pyc == "cached":  # the launch that writes the caches (not counted)
        for _, src in trees:
            measure_app(folder, env, src)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (2 cores)")
    launches: dict[str, list[Launch]] = {label: [] for label, _ in trees}
    for _ in range(args.repeats):
        for label, src in trees:
            launches[label].append(measure_app(folder, env, src))
    clis = [measure_cli(folder, env, args.word) for _ in range(args.repeats)]
    for label, found in launches.items():
        summary(f"app, {label}", found)
    best, median = min(clis), statistics.median(clis)
    print(f"casereader search {args.word!r} (this tree): best {best:.2f} s, median {median:.2f} s")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
