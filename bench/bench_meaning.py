"""What meaning costs: the paragraphs' vectors built, and related passages with them.

On a generated case (bench/generate.py: English-like paragraphs of 40-120 words, longer than
most news paragraphs) of each size, in processes of their own:

- build: the word index (not counted), then ``Case.update_meaning()`` as ``casereader index``
  and the app run it — worker processes, one per core, one BLAS thread each: wall seconds,
  CPU seconds of the workers, the largest worker's peak memory, this process's peak;
- app: the case opened and warmed as the app does; related passages of 200 paragraphs
  words alone, then of 200 others with meaning (p50/p95; the first call reads the vectors); the
  memory the vectors add to the app's process (resident set before and after); three ``~``
  queries;
- edit: one file changed, its paragraphs' meaning computed again (wall seconds).

    uv run python bench/bench_meaning.py [--sizes 20000] [--stand-in] [--keep DIR] [--steps build app edit]
        [--text generated|news]

``--text news``: the case is made of real news paragraphs instead (the seeds' and the Sides
gold set's, in turn): the encoder's cost grows with the pieces it reads, and the generated
words cut into about 2 pieces each (159 a paragraph of 480 characters).
``--stand-in``: the vectors are made by a stand-in encoder in the builder's process (a fixed
pseudo-random vector a paragraph, written by the store as the real ones are) — to measure the
app's side (related with meaning, memory) at sizes whose real build would take too long; the
build's figures are then not the encoder's.  ``--keep DIR``: the generated case and its index
in DIR, kept (and reused when there), so that another checkout can measure its app step on
the same index (``--steps app``).

The load of the machine (1-minute load average, cores) is printed with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

HERE = Path(__file__).resolve().parent

TARGETS = {20_000: {"build_s": 120.0, "related_p95_ms": 50.0, "app_added_mb": 100.0}}
TARGETS[200_000] = {"build_s": 900.0, "related_p95_ms": 60.0, "app_added_mb": 250.0}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def news_case(out: Path, paragraphs: int) -> None:
    """A case of real news paragraphs: the body paragraphs of the seeds and of the Sides gold
    set's articles (en/es/pt, about 1,000 paragraphs of 8 words or more, 340 characters on average),
    taken in turn, 12 a document, until ``paragraphs`` — as the encoder sees a real case (real
    words: fewer pieces a character than the generated text).  Each is encoded as any other
    paragraph (the store does not share the vectors of equal texts)."""
    pool = []
    for path in sorted(HERE.parent.glob("seeds/*.txt")) + sorted((HERE / "cases" / "sides").rglob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        pool += [line.strip() for line in lines if len(line.split()) >= 8]
    out.mkdir(parents=True, exist_ok=True)
    written = article = 0
    while written < paragraphs:
        count = min(12, paragraphs - written)
        body = [pool[(written + i) % len(pool)] for i in range(count)]
        (out / f"n{article:05d}.txt").write_text(f"Article {article}\n" + "\n".join(body) + "\n", encoding="utf-8")
        written += count
        article += 1


def step(name: str, folder: Path, index_dir: Path) -> dict[str, Any]:
    from casereader.core import Case, Ref

    case = Case(folder, index_dir)
    if name in ("build", "build-stand-in"):
        case.update()
        started = time.perf_counter()
        cpu = time.process_time()
        stand_in = name == "build-stand-in"
        computed = case.index.meaning.update(case.index, encode=_stand_in) if stand_in else case.update_meaning()
        wall = time.perf_counter() - started
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "computed": computed,
            "build_s": wall,
            "builder_cpu_s": time.process_time() - cpu,
            "workers_cpu_s": children.ru_utime + children.ru_stime,
            "worker_peak_mb": children.ru_maxrss / 1024,
            "builder_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    if name == "edit":
        path = sorted(folder.glob("*.txt"))[len(list(folder.glob("*.txt"))) // 2]
        before = path.read_bytes()
        path.write_text(before.decode() + "\nA paragraph added later about the harbour and its ships.\n")
        case.update()
        started = time.perf_counter()
        computed = case.update_meaning()
        wall = time.perf_counter() - started
        path.write_bytes(before)
        case.update()
        case.update_meaning()
        return {"edit_computed": computed, "edit_s": wall}
    case.update()
    case.warm()
    rng = random.Random(3)
    docs = case.documents()
    refs = []
    while len(refs) < 402:
        doc = rng.choice(docs)
        body = [p for p in case.paragraphs(doc.doc_id) if p.is_body]
        if body:
            refs.append(Ref(doc.doc_id, rng.choice(body).n))
    # Two samples of 200 passages, one for each mode: the related search keeps the words it
    # looked up (their counts, their terms), so the same passages asked again would be quicker.
    alone, compared = refs[1:201], refs[202:]
    case.related(refs[0], meaning=False)
    words: list[float] = []
    words_cpu: list[float] = []
    for ref in alone:
        t, c = time.perf_counter(), time.process_time()
        case.related(ref, limit=10, meaning=False)
        words.append((time.perf_counter() - t) * 1000)
        words_cpu.append((time.process_time() - c) * 1000)
    before = rss_mb()
    t = time.perf_counter()
    case.related(refs[201], limit=10)
    first = (time.perf_counter() - t) * 1000
    meaning: list[float] = []
    meaning_cpu: list[float] = []
    for ref in compared:
        t, c = time.perf_counter(), time.process_time()
        case.related(ref, limit=10)
        meaning.append((time.perf_counter() - t) * 1000)
        meaning_cpu.append((time.process_time() - c) * 1000)
    after = rss_mb()
    searches = []
    for query in ("~ the ships in the harbour", "~ a vote on the budget", "~ the court and the judge"):
        t = time.perf_counter()
        result = case.search(query, limit=20)
        searches.append((time.perf_counter() - t) * 1000)
        assert result.meaning_from is not None, result.notes
    case.close()
    return {
        "related_words_p50_ms": percentile(words, 50),
        "related_words_p95_ms": percentile(words, 95),
        "related_first_with_meaning_ms": first,
        "related_p50_ms": percentile(meaning, 50),
        "related_p95_ms": percentile(meaning, 95),
        "related_words_cpu_p50_p95_ms": [percentile(words_cpu, 50), percentile(words_cpu, 95)],
        "related_cpu_p50_p95_ms": [percentile(meaning_cpu, 50), percentile(meaning_cpu, 95)],
        "app_rss_before_mb": before,
        "app_added_mb": after - before,
        "meaning_search_ms": searches,
    }


def _stand_in(texts: Any) -> Any:
    """A fixed pseudo-random vector per text (the benchmark's stand-in for the encoder)."""
    import hashlib

    import numpy as np

    rows = [
        np.random.default_rng(int.from_bytes(hashlib.sha1(t.encode()).digest()[:4], "little")).standard_normal(512)
        for t in texts
    ]
    return np.asarray(rows, dtype=np.float32)


def run(name: str, folder: Path, index_dir: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--step", name, str(folder), str(index_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(proc.stderr[-3000:])
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000])
    parser.add_argument("--stand-in", action="store_true", help="vectors by a stand-in encoder (app figures only)")
    parser.add_argument("--keep", type=Path, help="generate the case and index here, and keep them")
    parser.add_argument("--steps", nargs="+", default=["build", "app", "edit"])
    parser.add_argument(
        "--text",
        choices=["generated", "news"],
        default="generated",
        help="generated: bench/generate.py's paragraphs; news: real paragraphs of the gold sets",
    )
    parser.add_argument("--step", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step[0], Path(args.step[1]), Path(args.step[2]))))
        return 0
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="casereader-meaning-") as tmp:
            name = str(size) if args.text == "generated" else f"{size}-news"
            base = args.keep / name if args.keep else Path(tmp)
            folder, index_dir = base / "case", base / "index"
            if not folder.exists():
                (generate if args.text == "generated" else news_case)(folder, size)
            load = os.getloadavg()[0]
            figures: dict[str, Any] = {"paragraphs": size, "text": args.text, "cores": os.cpu_count()}
            figures["load_before"] = round(load, 2)
            for name in args.steps:
                if name == "build" and args.stand_in:
                    name = "build-stand-in"
                figures.update(run(name, folder, index_dir))
                figures[f"{name}_load_after"] = round(os.getloadavg()[0], 2)
            figures["stand_in"] = args.stand_in
            print(json.dumps(figures, indent=1), flush=True)
            for key, target in TARGETS.get(size, {}).items():
                if key in figures and not (key == "build_s" and args.stand_in):
                    verdict = "met" if figures[key] <= target else "NOT met"
                    print(f"  {key}: {figures[key]:.1f} (target ≤ {target:g}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
