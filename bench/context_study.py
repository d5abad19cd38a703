"""Collect, once, what a document-context fusion of related passages can use on the tuning
halves (ECB+ dev topics, crosslang tune; held-out topics never read): per case, every body
paragraph's vector, document and text; per judged passage, the passages found by words (as
``related_sides`` keeps them, words alone, and as ``related`` finds them) and the judgements.
Written as a pickle for offline study (bench/context_grid.py).

    uv run python bench/context_study.py /tmp/context.pkl [--quick]
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import tune_meaning
from casereader.core import Case, Ref
from casereader.core.index.meaning import DIMS

DEPTH = 30


def collect(case: Case, related: dict[str, dict[str, int]]) -> dict[str, Any]:
    vectors = case.index.meaning.vectors()
    assert vectors is not None
    refs, docs, texts, kinds = [], [], [], []
    rows = []
    for d in case.documents():
        for p in case.paragraphs(d.doc_id):
            row = vectors.row(d.doc_id, p.n)
            refs.append(f"{d.doc_id}:{p.n}")
            docs.append(d.doc_id)
            texts.append(p.text)
            kinds.append(p.kind)
            rows.append(
                None
                if row is None
                else np.asarray(vectors.rows[row, :DIMS], dtype=np.float32) * float(vectors.scales[row])
            )
    langs = {d.doc_id: d.meta.lang for d in case.documents()}
    questions = []
    for question, grades in related.items():
        ref = Ref.parse(question)
        words, raw = tune_meaning.found_by_words(case, ref, DEPTH)
        now = [str(x.hit.ref) for x in case.related_sides(ref, limit=10).items if not x.same_document]
        questions.append({"q": question, "grades": grades, "words": words, "raw": raw, "now": now})
    return {
        "refs": refs,
        "docs": docs,
        "texts": texts,
        "kinds": kinds,
        "rows": rows,
        "langs": langs,
        "questions": questions,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--held-out", action="store_true", help="the held-out topics (a last measurement only)")
    parser.add_argument("--sets", default="ecbplus,crosslang")
    args = parser.parse_args()
    result: dict[str, list[dict[str, Any]]] = {}
    start, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory(prefix="casereader-context-") as tmp:
        for name, topic, case, related in tune_meaning.each_topic(args.sets, args.quick, Path(tmp), args.held_out):
            result.setdefault(name, []).append(collect(case, related))
            print(name, topic, f"{time.perf_counter() - start:.0f} s", flush=True)
    Path(args.out).write_bytes(pickle.dumps(result))
    print(f"wall {time.perf_counter() - start:.0f} s, cpu {time.process_time() - cpu:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
