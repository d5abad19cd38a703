"""Benchmark the case engine against SQLite FTS5 on the same generated paragraphs.

For each corpus size it prints: index build seconds, index size, query latency
p50/p95/max over a fixed mixed query set (words, phrases, prefixes, filters, fuzzy),
related-passage latency p50/p95, and peak memory -- for casereader (Whoosh) and for
SQLite FTS5 (Python's sqlite3, bm25), each engine measured in its own process, and the
ratios between them.  casereader's build and its searching run in processes of their own
(peak memory: the larger of the two, each also printed, with the time to reopen the index
and run a first search); FTS5's process also holds the paragraphs it is given.

    uv run python bench/bench_engine.py [--sizes 2000 20000] [--queries 3] [--casereader-only]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

TARGETS = {"build_s": 12.0, "query_p95_ms": 25.0, "query_max_ms": 150.0, "related_p95_ms": 50.0}  # at 20,000 ¶
TARGETS_LARGE = {  # at 200,000 ¶
    **TARGETS,
    "build_s": 60.0,
    "query_max_ms": 100.0,
    "reopen_ms": 300.0,
    "build_peak_mb": 600.0,
    "app_peak_mb": 600.0,
    "edit_max_ms": 2000.0,
}


def targets(size: int) -> dict[str, float]:
    """The targets a case of ``size`` paragraphs is held to (none below 20,000 or above 200,000)."""
    if size < 20_000 or size > 200_000:
        return {}
    return TARGETS if size < 200_000 else TARGETS_LARGE


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def figures(
    paragraphs: int, build: float, warm: float, index_dir: Path, times: list[float], related: list[float]
) -> dict[str, Any]:
    """The figures both engines report, in the same units."""
    return {
        "paragraphs": paragraphs,
        "build_s": build,
        "warm_ms": warm * 1000,
        "size_mb": folder_size(index_dir) / 1e6,
        "query_p50_ms": percentile(times, 50),
        "query_p95_ms": percentile(times, 95),
        "query_max_ms": max(times),
        "related_p50_ms": percentile(related, 50),
        "related_p95_ms": percentile(related, 95),
        "peak_mb": peak_mb(),
    }


def read_case(folder: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, str]]]:
    """The paragraphs and catalog of a generated case, as both engines get them."""
    from casereader.core.ingest.metadata import Catalog
    from casereader.core.ingest.reader import read_document

    catalog = Catalog.load(folder)
    rows = []
    meta = {}
    for path in sorted(folder.glob("*.txt")):
        doc = read_document(folder, path, catalog)
        meta[doc.doc_id] = vars(doc.meta)
        for para in doc.paragraphs:
            rows.append({"ref": f"{doc.doc_id}:{para.n}", "doc": doc.doc_id, "kind": para.kind, "text": para.text})
    return rows, meta


def query_set(rows: list[dict[str, Any]], meta: dict[str, dict[str, str]], seed: int = 11) -> list[str]:
    """A fixed mix: common and rare words, AND pairs, phrases, prefixes, filters, fuzzy."""
    rng = random.Random(seed)
    words: dict[str, int] = {}
    for row in rows[:4000]:
        for w in re.findall(r"[a-z]{3,}", row["text"]):
            words[w] = words.get(w, 0) + 1
    by_freq = sorted(words, key=lambda w: -words[w])
    common, middle, rare = by_freq[:40], by_freq[200:2000], by_freq[-3000:]
    body = [r for r in rows if r["kind"] == "body"]
    outlets = sorted({m["outlet"] for m in meta.values()})
    queries: list[str] = []
    queries += rng.sample(common, 6) + rng.sample(middle, 8) + rng.sample(rare, 6)
    queries += [f"{rng.choice(common)} {rng.choice(middle)}" for _ in range(6)]
    queries += [f"{rng.choice(middle)} OR {rng.choice(rare)}" for _ in range(3)]
    for _ in range(6):
        toks = re.findall(r"[a-z]{3,}", rng.choice(body)["text"].lower())
        i = rng.randrange(len(toks) - 2)
        queries.append(f'"{toks[i]} {toks[i + 1]}"')
    queries += [f"{w[: rng.choice((3, 4, 5))]}*" for w in rng.sample(middle, 6)]
    queries += [f"outlet:{rng.choice(outlets).split()[0].lower()} {rng.choice(middle)}" for _ in range(3)]
    queries += [f"date:2025-0{rng.randint(1, 9)} {rng.choice(middle)}" for _ in range(2)]
    queries += [f"{rng.choice(middle)} -{rng.choice(common)}" for _ in range(2)]
    queries += [f"{rng.choice(middle)}~1" for _ in range(2)]
    return queries


def run_casereader(folder: Path, repeats: int) -> dict[str, Any]:
    """The build and the searching each in a process of its own, as a user runs them
    (`casereader index`, then the app): each one's peak memory is its own, not this
    process's, which holds every paragraph to draw the queries from."""
    rows, meta = read_case(folder)
    rng = random.Random(5)
    work = {
        "queries": query_set(rows, meta),
        "refs": [r["ref"] for r in rng.sample([r for r in rows if r["kind"] == "body"], 60)],
        "repeats": repeats,
    }
    del rows, meta
    index_dir = Path(tempfile.mkdtemp(prefix="cr-bench-idx-"))
    built = step("build", folder, index_dir, {})
    used = step("app", folder, index_dir, work)
    result = figures(built["paragraphs"], built["build_s"], used["warm_s"], index_dir, used["times"], used["related"])
    result["peak_mb"] = max(built["peak_mb"], used["peak_mb"])
    result.update(
        build_peak_mb=built["peak_mb"],
        app_peak_mb=used["peak_mb"],
        reopen_ms=used["reopen_ms"],
        first_search_ms=used["first_search_ms"],
        edit_first_ms=used["edit_ms"][0],
        edit_max_ms=max(used["edit_ms"]),
        slowest=used["slowest"],
    )
    return result


def step(name: str, folder: Path, index_dir: Path, work: dict[str, Any]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(work, handle)
    proc = subprocess.run(
        [sys.executable, __file__, "--step", name, str(folder), str(index_dir), handle.name],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(handle.name).unlink()
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def run_step(name: str, folder: Path, index_dir: Path, work_file: Path) -> dict[str, Any]:
    """``build``: the index built from nothing (peak memory: this process or its largest
    worker).  ``app``: the built index opened (an update with nothing to do, as the app does
    at launch), warmed, then the query mix and related passages, then three files changed one
    after the other (each put back after)."""
    from casereader.core import Case, Ref

    if name == "build":
        case = Case(folder, index_dir)
        started = time.perf_counter()
        report = case.update()
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        built = time.perf_counter() - started
        return {"build_s": built, "paragraphs": report.paragraphs, "peak_mb": max(peak_mb(), children)}
    work = json.loads(work_file.read_text())
    started = time.perf_counter()
    case = Case(folder, index_dir)
    case.update()
    reopen = time.perf_counter() - started
    started = time.perf_counter()
    case.search("zzzz", limit=20)
    first = time.perf_counter() - started
    started = time.perf_counter()
    case.warm()  # what the app does in a worker once the index is ready
    warm = time.perf_counter() - started
    times: list[float] = []
    queries = work["queries"]
    for _ in range(work["repeats"]):
        for q in queries:
            t = time.perf_counter()
            case.search(q, limit=20)
            times.append((time.perf_counter() - t) * 1000)
    related: list[float] = []
    for ref in work["refs"]:
        t = time.perf_counter()
        case.related(Ref.parse(ref), limit=10)
        related.append((time.perf_counter() - t) * 1000)
    slowest = sorted(zip(times, queries * work["repeats"], strict=True), reverse=True)[:3]
    # One file changed while the app is open, as its folder watcher sees it: from the write
    # to a search that finds the new words (three files, one after the other).
    edits: list[float] = []
    for n, path in enumerate(sorted(folder.rglob("*.txt"))[1 : 3 * 997 : 997]):
        word, before = f"zqxedit{n}", path.read_bytes()
        started = time.perf_counter()
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\nA paragraph added later names {word}.\n")
        case.update()
        found = case.search(word).total
        edits.append((time.perf_counter() - started) * 1000)
        path.write_bytes(before)  # FTS5 reads the same paragraphs afterwards
        assert found == 1, f"{word} not found after the update"
    return {
        "edit_ms": edits,
        "reopen_ms": reopen * 1000,
        "first_search_ms": first * 1000,
        "warm_s": warm,
        "times": times,
        "related": related,
        "peak_mb": peak_mb(),
        "slowest": [f"{q} ({ms:.0f} ms)" for ms, q in slowest],
    }


def fts5_query(q: str, meta: dict[str, dict[str, str]]) -> tuple[str, list[str]]:
    """The same query in FTS5 syntax, with field filters turned into document-id lists."""
    docs: list[str] = []
    parts = []
    for tok in re.findall(r'"[^"]*"|\S+', q):
        if tok.startswith("outlet:"):
            value = tok.split(":", 1)[1]
            docs += [d for d, m in meta.items() if value in m["outlet"].lower()]
        elif tok.startswith("date:"):
            value = tok.split(":", 1)[1]
            docs += [d for d, m in meta.items() if m["date"].startswith(value)]
        elif tok.startswith("-"):
            parts.append(f"NOT {tok[1:]}")
        elif tok.endswith("~1"):
            parts.append(tok[:-2])  # FTS5 has no fuzzy search: the plain word
        else:
            parts.append(tok)
    expr = " ".join(parts)
    expr = re.sub(r"^NOT ", "", expr)
    return expr.replace(" NOT ", " NOT "), docs


def run_fts5(folder: Path, repeats: int) -> dict[str, Any]:
    from casereader.core import Case
    from casereader.core.text.analysis import index_terms

    rows, meta = read_case(folder)
    db_dir = Path(tempfile.mkdtemp(prefix="cr-bench-fts5-"))
    db_path = db_dir / "fts.db"
    started = time.perf_counter()
    con = sqlite3.connect(db_path)
    con.execute(
        "CREATE VIRTUAL TABLE p USING fts5(text, ref UNINDEXED, doc UNINDEXED, kind UNINDEXED, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    con.executemany(
        "INSERT INTO p(text, ref, doc, kind) VALUES (?, ?, ?, ?)",
        [(r["text"], r["ref"], r["doc"], r["kind"]) for r in rows],
    )
    con.commit()
    build = time.perf_counter() - started
    queries = query_set(rows, meta)
    times: list[float] = []
    for _ in range(repeats):
        for q in queries:
            expr, docs = fts5_query(q, meta)
            t = time.perf_counter()
            sql = "SELECT ref, text, bm25(p) FROM p WHERE p MATCH ?"
            args: list[Any] = [expr]
            if docs:
                sql += f" AND doc IN ({','.join('?' * len(docs))})"
                args += docs
            sql += " ORDER BY kind != 'body', bm25(p) LIMIT 20"
            con.execute(sql, args).fetchall()
            con.execute("SELECT count(*) FROM p WHERE p MATCH ?", [expr]).fetchone()
            times.append((time.perf_counter() - t) * 1000)
    # Related passages: the same key terms as casereader picks, as a bm25 OR query.
    case = Case(folder, Path(tempfile.mkdtemp(prefix="cr-bench-keys-")))
    case.update()
    from casereader.core.search.related import RelatedFinder

    finder = RelatedFinder(case.index)
    rng = random.Random(5)
    sample = rng.sample([r for r in rows if r["kind"] == "body"], 60)
    related: list[float] = []
    with case.index.searcher() as searcher:
        keyed = [(r, [k.term for k in finder.key_terms(r["text"], "en", searcher)]) for r in sample]
    for row, _keys in keyed:
        t = time.perf_counter()
        words = sorted(set(index_terms(row["text"], "en")))[:20]
        expr = " OR ".join(f'"{w}"' for w in words) or '""'
        con.execute(
            "SELECT ref, text, bm25(p) FROM p WHERE p MATCH ? AND doc != ? ORDER BY bm25(p) LIMIT 10",
            [expr, row["doc"]],
        ).fetchall()
        related.append((time.perf_counter() - t) * 1000)
    con.close()
    return figures(len(rows), build, 0.0, db_dir, times, related)


def child(engine: str, folder: Path, repeats: int) -> None:
    result = run_casereader(folder, repeats) if engine == "casereader" else run_fts5(folder, repeats)
    print(json.dumps(result))


def measure(engine: str, folder: Path, repeats: int) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(folder), "--queries", str(repeats)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--queries", type=int, default=3, help="times the query set is run")
    parser.add_argument(
        "--casereader-only", action="store_true", help="skip SQLite FTS5 (at 1,000,000 ¶ it doubles the run)"
    )
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--step", nargs=4, metavar=("STEP", "FOLDER", "INDEX", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        name, folder, index_dir, work = args.step
        print(json.dumps(run_step(name, Path(folder), Path(index_dir), Path(work))))
        return
    if args.child:
        child(args.child[0], Path(args.child[1]), args.queries)
        return
    rows = [
        "build_s",
        "warm_ms",
        "size_mb",
        "query_p50_ms",
        "query_p95_ms",
        "query_max_ms",
        "related_p50_ms",
        "related_p95_ms",
        "peak_mb",
    ]
    extra = ["build_peak_mb", "app_peak_mb", "reopen_ms", "first_search_ms", "edit_first_ms", "edit_max_ms"]
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"cr-bench-{size}-"))
        info = generate(folder, size)
        ours = measure("casereader", folder, args.queries)
        fts = {key: 0.0 for key in ours} if args.casereader_only else measure("fts5", folder, args.queries)
        print(
            f"\n== {size:,} body paragraphs ({info['articles']} articles, "
            f"{ours['paragraphs']:,} paragraphs with bylines) =="
        )
        print(f"{'figure':<16}{'casereader':>12}{'FTS5':>10}{'ratio':>8}{'target':>9}")
        for key in rows:
            target = targets(size).get(key)
            mark = "" if target is None else ("  ok" if ours[key] <= target else "  MISSED")
            ratio = ours[key] / fts[key] if fts[key] else float("inf")
            print(
                f"{key:<16}{ours[key]:>12.2f}{fts[key]:>10.2f}{ratio:>7.1f}x"
                f"{(f'{target:g}' if target else ''):>9}{mark}"
            )
        goals = targets(size)
        print(
            "casereader alone: "
            + ", ".join(
                f"{key} {ours[key]:.0f}"
                + (f" ({'ok' if ours[key] <= goals[key] else 'MISSED'}, target {goals[key]:g})" if key in goals else "")
                for key in extra
            )
        )
        print("slowest queries:", "; ".join(ours["slowest"]))


if __name__ == "__main__":
    main()
