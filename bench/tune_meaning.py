"""Related passages with and without meaning on the tuning halves only: ECB+'s dev topics
and crosslang's tune half (bench/judgements; held-out topics are never read here).  Each
case is indexed and its vectors computed once; related passages are measured by words alone
and by words and meaning (hit@1, hit@5, MRR@10, nDCG@10), and the similarity of the passages
found by meaning alone is binned by whether they were judged relevant (for the floor).  The
studies (bench/tune_related.py, context_study.py) open their cases through this module.

    uv run python bench/tune_meaning.py [--quick] [--floor 0.5]
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


def tuning_topics(name: str, quick: bool, held_out: bool = False) -> tuple[dict[str, Any], list[str]]:
    """A set's judgements and its tuning topics (held-out topics left out; 8 ECB+ topics with
    ``quick``), or with ``held_out`` its held-out topics alone (for a last measurement)."""
    judged = quality._judged(name)
    test = {str(t) for t in judged["test_topics"]}
    topics = [t for t in judged["topics"] if (t in test) == held_out]
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


def each_topic(
    sets: str, quick: bool, base: Path, held_out: bool = False
) -> Iterator[tuple[str, str, Case, dict[str, Any]]]:
    """(set, topic, case, its related judgements) for the tuning topics of ``sets`` (names
    joined by commas), each case opened under ``base`` and closed once the caller moves on."""
    for name in sets.split(","):
        judged, topics = tuning_topics(name, quick, held_out)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="8 ECB+ dev topics, not 33")
    parser.add_argument("--floor", type=float, help="the meaning floor (default: search/related.py's)")
    parser.add_argument("--unfiltered", action="store_true", help="also related before the honest comparison")
    args = parser.parse_args()
    if args.floor is not None:
        related_module.MEANING_FLOOR = args.floor
    with tempfile.TemporaryDirectory(prefix="casereader-tune-") as tmp:
        opened = cases(Path(tmp), args.quick)
        words, _ = measure(opened, meaning=False)
        for name, scores in words.items():
            print(f"words alone          {name:<10} {scores.row()}", flush=True)
        scores_by_set, bins = measure(opened, meaning=True)
        for name, scores in scores_by_set.items():
            print(f"words and meaning    {name:<10} {scores.row()}", flush=True)
        print(f"  meaning-only passages by similarity (floor {related_module.MEANING_FLOOR}): relevant / not")
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
