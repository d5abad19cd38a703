"""Collect, once, what the fusion of related passages can choose from on the tuning halves
(ECB+ dev topics, crosslang tune; held-out topics never read): for each judged passage, the
passages found by words (as ``related_sides`` keeps them, words alone), the passages a
MoreLikeThis query finds (the baseline's, ``quality.Fts5.more_like_this``), the passages nearest
in meaning, the cosine of every candidate, and the judgements.  Written as JSON for
bench/tune_meaning.py's offline grid (``--pool``).

    uv run python bench/pool_study.py /tmp/pool.json [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quality
import tune_meaning
from casereader.core import Case, Ref

DEPTH = 30


def collect(case: Case, related: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    every = [(f"{d.doc_id}:{p.n}", p) for d in case.documents() for p in case.paragraphs(d.doc_id)]
    fts = quality.Fts5([(ref, p.text) for ref, p in every if p.is_body], {ref: p.text for ref, p in every})
    vectors = case.index.meaning.vectors()
    assert vectors is not None
    out = []
    for question, grades in related.items():
        ref = Ref.parse(question)
        words, raw = tune_meaning.found_by_words(case, ref, DEPTH)
        mlt = fts.more_like_this(question, DEPTH)
        query = vectors.vector(ref.doc_id, ref.n)
        cos: dict[str, float] = {}
        near: list[str] = []
        if query is not None:
            sims = vectors.similarities(query)
            for nb in vectors.nearest(query, DEPTH, exclude_doc=ref.doc_id):
                near.append(f"{nb.doc_id}:{nb.n}")
            for r in {*words, *raw, *mlt, *near}:
                row = vectors.row(r.rsplit(":", 1)[0], int(r.rsplit(":", 1)[1]))
                if row is not None:
                    cos[r] = round(float(sims[row]), 4)
        out.append({"q": question, "grades": grades, "words": words, "raw": raw, "mlt": mlt, "near": near, "cos": cos})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sets", default="ecbplus,crosslang")
    args = parser.parse_args()
    result: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="casereader-pool-") as tmp:
        # Every ECB+ topic unless --quick (8, as tune_meaning's own runs take).
        for name, topic, case, related in tune_meaning.each_topic(args.sets, args.quick, Path(tmp)):
            result.setdefault(name, []).extend(collect(case, related))
            print(name, topic, len(result[name]), flush=True)
    Path(args.out).write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
