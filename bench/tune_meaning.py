"""Tune the fusion of words and meaning in related passages on the tuning halves only:
ECB+'s dev topics and crosslang's tune half (bench/judgements; held-out topics are never
read here).  Each case is indexed and its vectors computed once; then each setting of
search/related.py's RRF weights and meaning floor is measured (hit@1, hit@5, MRR@10,
nDCG@10), and the similarity of the passages found by meaning alone is binned by whether
they were judged relevant (for the floor).

    uv run python bench/tune_meaning.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quality
from casereader.core import Case, Ref
from casereader.core.search import related as related_module

GRID = [
    # (meaning weight, other-language words weight, meaning floor, words found ranked by meaning
    # below the floor too); earlier runs (CHANGELOG.md) tried other-language weights 0,
    # 0.25 and 1, meaning weights 0.5 to 2 and floors 0.3 to 0.6
    (1.5, 1.0, 0.5, False),
]
POOL_GRID = [  # (MoreLikeThis weight, meaning weight, cosine weight, MoreLikeThis candidates)
    (b, m, e, depth)
    for depth in (10, 20, 30)
    for b in (0.0, 0.5, 1.0, 2.0)
    for m in (0.0, 1.0, 1.5, 2.0, 3.0)
    for e in (0.0, 2.0, 4.0)
]


def tuning_topics(name: str, quick: bool) -> tuple[dict[str, Any], list[str]]:
    """A set's judgements and its tuning topics (held-out topics left out; 8 ECB+ topics with
    ``quick``)."""
    judged = quality._judged(name)
    test = {str(t) for t in judged["test_topics"]}
    topics = [t for t in judged["topics"] if t not in test]
    if quick and name == "ecbplus":
        topics = topics[:8]
    return judged, topics


def open_topic(judged: dict[str, Any], topic: str, base: Path) -> tuple[Case, dict[str, Any]]:
    """One topic opened as a case (indexed, its meaning and its views computed) and its related
    judgements with refs as casereader cites them."""
    folder = quality.BENCH_CASES / judged["case"] / topic
    case = Case(folder, base / "index", base / "data")
    case.update()
    case.index.meaning.update(case.index, encode=quality.encoder())
    names = {d.path: d.doc_id for d in case.documents()}
    related = {
        quality._ref(q, names): {quality._ref(r, names): g for r, g in grades.items()}
        for q, grades in judged["topics"][topic]["related"].items()
    }
    case.views()
    return case, related


def each_topic(sets: str, quick: bool, base: Path) -> Iterator[tuple[str, str, Case, dict[str, Any]]]:
    """(set, topic, case, its related judgements) for the tuning topics of ``sets`` (names
    joined by commas), each case opened under ``base`` and closed once the caller moves on."""
    for name in sets.split(","):
        judged, topics = tuning_topics(name, quick)
        for topic in topics:
            case, related = open_topic(judged, topic, base / name / topic)
            try:
                yield name, topic, case, related
            finally:
                case.close()


def found_by_words(case: Case, ref: Ref, depth: int) -> tuple[list[str], list[str]]:
    """The passages of other documents found by words alone for ``ref``, to ``depth``: as
    ``related_sides`` keeps them, and as ``related`` finds them (the studies' candidates)."""
    kept = [str(x.hit.ref) for x in case.related_sides(ref, limit=depth, meaning=False).items if not x.same_document]
    raw = [str(x.hit.ref) for x in case.related(ref, limit=depth, same_document=0, meaning=False)]
    return kept, raw


def cases(tmp: Path, quick: bool) -> list[tuple[str, Case, dict[str, Any]]]:
    """(set, case, related judgements with refs as casereader cites them), tuning halves only."""
    opened = []
    for name in ("ecbplus", "crosslang"):
        judged, topics = tuning_topics(name, quick)
        for topic in topics:
            case, related = open_topic(judged, topic, tmp / name / topic)
            opened.append((name, case, related))
    return opened


def measure(
    opened: list[tuple[str, Case, dict[str, Any]]], meaning: bool, sides: bool = True
) -> tuple[dict[str, Any], dict[str, Any]]:
    runs: dict[str, list[tuple[list[str], dict[str, int]]]] = defaultdict(list)
    bins: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # similarity bin -> [relevant, not]
    for name, case, related in opened:
        for question, grades in related.items():
            ref = Ref.parse(question)
            items = (
                case.related_sides(ref, limit=10, meaning=meaning).items
                if sides
                else case.related(ref, limit=10, meaning=meaning)
            )
            items = [x for x in items if not x.same_document]
            runs[name].append(([str(x.hit.ref) for x in items], grades))
            for x in items:
                if x.meaning:
                    key = f"{int(x.similarity * 10) / 10:.1f}"
                    bins[f"{name} {key}"][0 if grades.get(str(x.hit.ref), 0) > 0 else 1] += 1
    return {n: quality.evaluate(r) for n, r in runs.items()}, dict(bins)


def offline(path: Path) -> int:
    """The fusion's grid on the candidates bench/pool_study.py collected (tuning halves):
    the words list (as related_sides kept it, words alone), MoreLikeThis's, the nearest in
    meaning above the floor, each by weighted reciprocal rank (k 60), plus the cosine."""
    import json

    pool = json.loads(path.read_text())
    k, floor = related_module.RRF_K, related_module.MEANING_FLOOR

    def ranked(q: dict[str, Any], mlt: float, meaning: float, cosine: float, depth: int) -> list[str]:
        scores: dict[str, float] = defaultdict(float)
        near = [r for r in q["near"] if q["cos"][r] >= floor]
        for weight, found in ((1.0, q["words"][:10]), (mlt, q["mlt"][:depth]), (meaning, near)):
            for rank, ref in enumerate(found if weight else [], 1):
                scores[ref] += weight / (k + rank)
        for ref in scores:
            scores[ref] += cosine * q["cos"].get(ref, 0.0) / k
        return sorted(scores, key=lambda r: -scores[r])[:10]

    for setting in POOL_GRID:
        row = []
        for name, questions in pool.items():
            scores = quality.evaluate([(ranked(q, *setting), q["grades"]) for q in questions])
            row.append(f"{name[:9]:<9} {scores.row()}")
        print(f"l={setting[0]:<4} m={setting[1]:<4} c={setting[2]:<4} d={setting[3]:<3}", "   ".join(row), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="8 ECB+ dev topics, not 33")
    parser.add_argument("--unfiltered", action="store_true", help="also related before the honest comparison")
    parser.add_argument("--pool", type=Path, help="the fusion's grid offline, on bench/pool_study.py's JSON")
    args = parser.parse_args()
    if args.pool:
        return offline(args.pool)
    with tempfile.TemporaryDirectory(prefix="casereader-tune-") as tmp:
        opened = cases(Path(tmp), args.quick)
        words, _ = measure(opened, meaning=False)
        for name, scores in words.items():
            print(f"words alone            {name:<10} {scores.row()}", flush=True)
        for weight, other, floor, below in GRID:
            related_module.FUSE_BELOW_FLOOR = below
            related_module.MEANING_WEIGHT = weight
            related_module.OTHER_LANGUAGE_WORDS_WEIGHT = other
            related_module.MEANING_FLOOR = floor
            scores_by_set, bins = measure(opened, meaning=True)
            for name, scores in scores_by_set.items():
                print(f"m={weight:<4} o={other:<4} f={floor:<3} b={below:d} {name:<10} {scores.row()}", flush=True)
            if not below:
                print("  meaning-only passages by similarity: relevant / not")
                for key in sorted(bins):
                    print(f"    {key}: {bins[key][0]} / {bins[key][1]}")
        if args.unfiltered:  # related as found, before the honest comparison drops weak matches
            for meaning in (False, True):
                scores_by_set, _ = measure(opened, meaning=meaning, sides=False)
                for name, scores in scores_by_set.items():
                    print(f"unfiltered meaning={meaning:d} {name:<10} {scores.row()}", flush=True)
        for _, case, _ in opened:
            case.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
