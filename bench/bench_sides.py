"""Benchmark the views that compare the sides (figures, names, quotes, coverage, timeline)
on a generated case, and the related pane's honest comparison on top of related passages.

Prints, for each size: the seconds to build all views from the index (as the app does in
the background after indexing; wall and CPU time, the processes that read the documents
included, and the load average: the machine may be shared), what was found, the seconds to
read them back from the cache, to build them again after one document changed (the other
documents' readings are kept), and related_sides p50/p95 against plain related.

    uv run python bench/bench_sides.py [--sizes 2000 20000]

Target: all views for 20,000 paragraphs in 10 s or less, in the background.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

TARGET_S = 10.0


def cpu_seconds() -> float:
    """CPU time of this process and of the ones it started and waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--profile", action="store_true", help="print where the build's time goes")
    args = parser.parse_args()
    import compileall

    import casereader
    from casereader.core import Case, Ref

    # The views are built in a process of their own: its modules compiled once here, as an
    # installation has them (this environment sets PYTHONDONTWRITEBYTECODE: uncompiled, that
    # process compiles what it imports at each build, ~0.15 s).
    compileall.compile_dir(Path(casereader.__file__).parent, quiet=1)

    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="casereader-bench-sides-") as tmp:
            folder = Path(tmp) / "case"
            generate(folder, size)
            case = Case(folder, Path(tmp) / "index", Path(tmp) / "data")
            case.update()
            load = os.getloadavg()
            start, cpu = time.perf_counter(), cpu_seconds()
            profile = cProfile.Profile() if args.profile else None
            if profile:
                profile.enable()
            views = case.views()
            if profile:
                profile.disable()
            built, built_cpu = time.perf_counter() - start, cpu_seconds() - cpu
            again = Case(folder, Path(tmp) / "index", Path(tmp) / "data")
            start = time.perf_counter()
            again.views()
            cached = time.perf_counter() - start
            changed = sorted(folder.rglob("*.txt"))[0]
            changed.write_text(changed.read_text(encoding="utf-8") + "\nSome 4,200 people left on March 3.\n", "utf-8")
            case.update()
            start, cpu = time.perf_counter(), cpu_seconds()
            case.views()
            rebuilt, rebuilt_cpu = time.perf_counter() - start, cpu_seconds() - cpu
            flag = "" if built <= TARGET_S else "   over target"
            print(f"\n{size} paragraphs ({len(case.documents())} documents)")
            print(f"  all views built          {built:6.2f} s (target {TARGET_S:g} s){flag}")
            print(f"    CPU time               {built_cpu:6.2f} s (load {load[0]:.2f} on {os.cpu_count()} cores)")
            print(f"    of which the views     {views.seconds:6.2f} s (reading the paragraphs with them)")
            print(f"  read back from the cache {cached:6.2f} s")
            print(f"  one document changed     {rebuilt:6.2f} s, CPU {rebuilt_cpu:.2f} s (the others' readings kept)")
            disagree = sum(g.disagreement for g in views.groups)
            print(f"  found: {len(views.figures)} figures in {len(views.groups)} groups ({disagree} disagree), "
                  f"{len(views.names)} names, {len(views.quotes)} quotes, {len(views.events)} dated events, "
                  f"{len(views.coverage)} coverage rows")  # fmt: skip
            refs = [Ref(d.doc_id, n) for d in case.documents()[:200] for n in (3, 6)]
            random.Random(1).shuffle(refs)
            plain, honest = [], []
            for ref in refs[:60]:
                t = time.perf_counter()
                case.related(ref, limit=8)
                plain.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                case.related_sides(ref, limit=8)
                honest.append((time.perf_counter() - t) * 1000)
            for label, samples in (("related", plain), ("related_sides", honest)):
                ordered = sorted(samples)
                p95 = ordered[round(0.95 * (len(ordered) - 1))]
                print(f"  {label:<14} p50 {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms")
            if profile:
                pstats.Stats(profile).sort_stats("cumtime").print_stats(18)
            case.close()
            again.close()


if __name__ == "__main__":
    main()
