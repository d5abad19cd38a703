"""Fit the learned ranking of related passages (src/casereader/core/search/related_model.py)
on the tuning halves only: ECB+ dev topics and crosslang's tune half (held-out topics are
never opened here).  For each judged passage, casereader's own candidates and features
(``RelatedFinder.pool``: the passages found by words and those near in meaning above the
floor) are labelled by the judgements (relevant: grade ≥ 1); a logistic regression with
balanced classes is fitted by gradient descent on standardised features.

Printed: leave-topics-out folds (fitted on four fifths of the topics, measured on the
rest), per set, beside the same candidates ordered by words alone and by the reciprocal rank
fusion related.py used before (meaning 1.5 times words, k 60); then the weights fitted on
every tuning topic.  ``--write`` puts those weights in related_model.py.  The ECB+ rankings are
measured again on its judgements completed by bench/judgements/pooled/ecbplus.toml (with the
outcomes that rest on a passage no one judged); ``--completed`` fits on those instead.

    uv run python bench/tune_related.py [--write] [--drop feature,feature] [--completed]
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import ecbplus_pool
import quality
import tune_meaning
from casereader.core import Ref
from casereader.core.search import related as finder_module
from casereader.core.search import related_model

MODEL = Path(related_model.__file__)
FOLDS = 5
L2 = 1e-3
STEPS = 3000
FEATURE = {name: i for i, name in enumerate(related_model.FEATURES)}

# (set, topic, question, its grades, candidates, features)
Row = tuple[str, str, str, dict[str, int], list[str], np.ndarray]


def collect(sets: str, base: Path, held_out: bool = False) -> tuple[list[Row], dict[str, int]]:
    """Every judged passage's candidates and features; and how many had no candidates
    (no key term, no vector) per set."""
    rows: list[Row] = []
    empty: dict[str, int] = defaultdict(int)
    for name, topic, case, related in tune_meaning.each_topic(sets, False, base, held_out):
        finder = case.related_finder()
        for question, grades in related.items():
            pool = finder.pool(Ref.parse(question))
            if pool is None or not pool.refs:
                empty[name] += 1
                rows.append((name, topic, question, grades, [], np.zeros((0, len(related_model.FEATURES)))))
                continue
            rows.append((name, topic, question, grades, [str(r) for r in pool.refs], pool.features.astype(np.float64)))
        print(f"  {name} {topic}: {len(related)} judged passages", file=sys.stderr, flush=True)
    return rows, dict(empty)


def _completed(rows: list[Row]) -> list[Row]:
    """The rows with ECB+'s judgements completed by bench/judgements/pooled/ecbplus.toml (0s kept)."""
    pooled = quality._pooled("ecbplus")
    out = []
    for r in rows:
        if r[0] == "ecbplus":
            extra = pooled.get(r[1], {}).get(ecbplus_pool._file(r[2]), {})
            r = (r[0], r[1], r[2], {**{ecbplus_pool._plain(k): g for k, g in extra.items()}, **r[3]}, r[4], r[5])
        out.append(r)
    return out


def fit(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression, balanced classes, L2; the bias is the last weight."""
    w = np.zeros(X.shape[1] + 1)
    Xb = np.hstack([X, np.ones((len(X), 1))])
    positive = max(float(y.mean()), 1e-9)
    weight = np.where(y > 0, 0.5 / positive, 0.5 / max(1 - positive, 1e-9))
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(Xb @ w)))
        grad = Xb.T @ ((p - y) * weight) / len(y) + L2 * np.r_[w[:-1], 0]
        w -= 0.5 * grad
    return w


def labels(row: Row) -> np.ndarray:
    return np.array([1.0 if row[3].get(r, 0) > 0 else 0.0 for r in row[4]])


def rrf(X: np.ndarray) -> np.ndarray:
    """The fusion related.py used before: 1 / (60 + rank by words) + 1.5 / (60 + rank by meaning)."""
    words, near = X[:, FEATURE["words_rr"]], X[:, FEATURE["near_rr"]]
    with np.errstate(divide="ignore"):
        return np.where(words > 0, 1 / (60 + 1 / np.where(words > 0, words, 1)), 0) + np.where(
            near > 0, 1.5 / (60 + 1 / np.where(near > 0, near, 1)), 0
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="ecbplus,crosslang")
    parser.add_argument("--drop", default="", help="features left out (weight 0), comma-separated")
    parser.add_argument("--write", action="store_true", help="write the weights fitted on every topic")
    parser.add_argument("--cache", type=Path, help="keep the candidates in this pickle, and read them from it")
    parser.add_argument(
        "--held-out-check",
        action="store_true",
        help="the weights of related_model.py on the held-out topics, aggregates only (a last check, never tuned on)",
    )
    parser.add_argument("--depth", help="candidates by words,by meaning (default: related.py's)")
    parser.add_argument(
        "--completed", action="store_true", help="fit on ECB+'s judgements completed by the pooled ones"
    )
    args = parser.parse_args()
    if args.depth:
        finder_module.WORDS_CANDIDATES, finder_module.MEANING_CANDIDATES = (int(x) for x in args.depth.split(","))
    if args.held_out_check:
        return held_out_check(args.sets)
    if args.cache and args.cache.exists():
        rows, empty = pickle.loads(args.cache.read_bytes())
    else:
        with tempfile.TemporaryDirectory(prefix="casereader-tune-related-") as tmp:
            rows, empty = collect(args.sets, Path(tmp))
        if args.cache:
            args.cache.write_bytes(pickle.dumps((rows, empty)))
    rows = [r for r in rows if r[0] in args.sets.split(",")]
    completed = _completed(rows)
    corpus = {(r[0], r[2]): r[3] for r in rows}  # the first block is measured on these
    if args.completed:  # fitted on the completed judgements
        rows = completed
    # crosslang's tune half is one case: its passages are spread over the folds in turn
    rows = [(r[0], f"{r[1]}-{i % FOLDS}", *r[2:]) if r[0] == "crosslang" else r for i, r in enumerate(rows)]
    keep = [i for i, f in enumerate(related_model.FEATURES) if f not in args.drop.split(",")]
    filled = [r for r in rows if r[4]]
    every = np.vstack([r[5] for r in filled])
    mean, scale = every.mean(0), every.std(0)
    scale = np.where(scale > 1e-9, scale, 1.0)

    def design(r: Row) -> np.ndarray:
        return ((r[5] - mean) / scale)[:, keep]

    def fitted(train: list[Row]) -> np.ndarray:
        return fit(np.vstack([design(r) for r in train]), np.concatenate([labels(r) for r in train]))

    topics = sorted({(r[0], r[1]) for r in rows})
    fold_of = {t: i % FOLDS for i, t in enumerate(topics)}
    runs: dict[str, dict[str, list[tuple[list[str], dict[str, Any]]]]] = defaultdict(lambda: defaultdict(list))
    for fold in range(FOLDS):
        train = [r for r in filled if fold_of[(r[0], r[1])] != fold]
        w = fitted(train)
        for r in rows:
            if fold_of[(r[0], r[1])] != fold:
                continue
            name, grades, refs = r[0], corpus[(r[0], r[2])], r[4]
            if not refs:
                for system in ("learned", "fusion before", "words alone"):
                    runs[name][system].append(([], grades))
                continue
            learned = design(r) @ w[:-1]
            runs[name]["learned"].append(([refs[i] for i in np.argsort(-learned, kind="stable")][:10], grades))
            runs[name]["fusion before"].append(([refs[i] for i in np.argsort(-rrf(r[5]), kind="stable")][:10], grades))
            words = [
                refs[i]
                for i in np.argsort(-r[5][:, FEATURE["words_rr"]], kind="stable")
                if r[5][i, FEATURE["words"]] > 0
            ]
            runs[name]["words alone"].append((words[:10], grades))
    print(f"leave-topics-out ({FOLDS} folds over {len(topics)} tuning topics); passages without candidates: {empty}")
    grades_of = {(r[0], r[2]): r[3] for r in completed}
    for name, systems in runs.items():
        for system, pairs in systems.items():
            scores = quality.evaluate(pairs)
            print(f"  {name:<9} {system:<14} n={len(pairs):<5} {scores.row()}  (hit@5 {scores.hit5:.3f})")
    for name, systems in runs.items():  # the same rankings, the judgements completed
        if name != "ecbplus":
            continue
        questions = [r[2] for r in sorted(rows, key=lambda r: fold_of[(r[0], r[1])]) if r[0] == name]
        for system, pairs in systems.items():
            full = [(ranked, grades_of[(name, q)]) for (ranked, _), q in zip(pairs, questions, strict=True)]
            scores = quality.evaluate(full, complete=True)
            print(f"  completed {system:<14} n={len(full):<5} {scores.row()}")
    w = fitted(filled)
    weights = np.zeros(len(related_model.FEATURES))
    weights[keep] = w[:-1]
    bias = float(w[-1])
    print("weights fitted on every tuning topic (standardised features):")
    for name, value in zip(related_model.FEATURES, weights, strict=True):
        print(f"  {name:<15} {value:+.3f}")
    if args.write:
        write(mean, scale, weights, bias, len(filled))
        print(f"written: {MODEL}")
    return 0


def held_out_check(sets: str) -> int:
    """How the written weights rank the held-out topics' candidates, before the honest
    comparison: whether any judged passage is among the candidates at all, and hit@5 of the
    learned order and of the fusion used before."""
    with tempfile.TemporaryDirectory(prefix="casereader-tune-related-") as tmp:
        rows, empty = collect(sets, Path(tmp), held_out=True)
    runs: dict[str, dict[str, list[tuple[list[str], dict[str, Any]]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        name, grades, refs, X = r[0], r[3], r[4], r[5]
        if not refs:
            for system in ("learned", "fusion before", "candidates (any)"):
                runs[name][system].append(([], grades))
            continue
        learned = related_model.score(X.astype(np.float32))
        runs[name]["learned"].append(([refs[i] for i in np.argsort(-learned, kind="stable")][:10], grades))
        runs[name]["fusion before"].append(([refs[i] for i in np.argsort(-rrf(X), kind="stable")][:10], grades))
        judged = [x for x in refs if grades.get(x, 0) > 0]
        runs[name]["candidates (any)"].append((judged[:1] or refs[:1], grades))
    print(f"held-out topics; passages without candidates: {empty}")
    for name, systems in runs.items():
        for system, pairs in systems.items():
            print(f"  {name:<9} {system:<16} n={len(pairs):<5} {quality.evaluate(pairs).row()}")
    return 0


def write(mean: np.ndarray, scale: np.ndarray, weights: np.ndarray, bias: float, questions: int) -> None:
    text = MODEL.read_text(encoding="utf-8")
    head = text[: text.index("# Fitted on ") if "# Fitted on " in text else text.index("MEAN = ")]
    tail = text[text.index("\n\ndef score") :]

    def numbers(values: np.ndarray) -> str:
        return "(\n" + "".join(f"    {v:.6g},\n" for v in values) + ")"

    body = (
        f"# Fitted on {questions} judged passages of the tuning halves (bench/tune_related.py).\n"
        f"MEAN = {numbers(mean)}\nSCALE = {numbers(scale)}\nWEIGHTS = {numbers(weights)}\nBIAS = {bias:.6g}\n"
    )
    MODEL.write_text(head + body + tail, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
