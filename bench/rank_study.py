"""The offline study that led to the learned ranking of related passages (search/related.py,
fitted in the app by bench/tune_related.py): on bench/context_study.py's pickle of the ECB+ dev
topics, candidates (words, MoreLikeThis, nearest in meaning) with features of many kinds are
ranked by a logistic regression fitted on some topics and measured on the others, beside the
reciprocal rank fusion related.py then used and MoreLikeThis alone.

What it found (dev, leave-topics-out): hit@5 0.93 (fusion) -> 0.95-0.97 by the features kept
in the app; the document's nearness (mean vectors, names) is most of the gain.  Left out on
purpose: a passage's place in its article ("pos", "lead": 0.98 with them).  ECB+ annotated
mostly the first sentences of its articles (3% of lines past the ninth are ever judged
related), so the place learns the annotation, not the news.  ``--test PICKLE`` measures the
held-out topics (once, aggregates only).

    uv run python bench/context_study.py /tmp/ctx_dev.pkl --sets ecbplus
    uv run python bench/rank_study.py /tmp/ctx_dev.pkl --drop pos,lead
"""

from __future__ import annotations

import argparse
import math
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np

import quality
from context_grid import Topic

DEPTH = 30
K = 60
FLOOR = 0.5
FEATURES = [
    "kept",  # in the words list as related_sides keeps it
    "kept_rr",  # 1 / rank there
    "raw_rr",  # 1 / rank in the words list before the honest filter
    "mlt",
    "mlt_rr",
    "near_rr",  # 1 / rank by meaning
    "cos",
    "cos_gap",  # cosine less the best cosine of the pool
    "doc_cos",  # the two documents' mean vectors
    "doc_rank_rr",  # 1 / rank of the candidate's document by doc_cos
    "q_doc_cos",  # the compared passage against the candidate's document
    "doc_lex",  # the documents' tf-idf words
    "doc_names",
    "lead",  # among the first three lines of its document
    "pos",  # log line number
    "len",  # log words
    "doc_pool",  # share of the pool from the candidate's document
    "title",  # the candidate is a headline (line 1)
    "names_shared",  # capitalised words inside a sentence, or figures, both passages have
    "words_cos",  # the two passages' tf-idf words
    "cos_x_doc",  # cos times doc_cos
    "c_qdoc_cos",  # the candidate against the compared passage's document
    "c_names_in_qdoc",  # idf share of the candidate's names found in the compared passage's document
]


def names_of(text: str) -> set[str]:
    toks = re.findall(r"\w+", text)
    return {w.lower() for j, w in enumerate(toks) if (w[0].isupper() and j > 0) or w[0].isdigit()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _bag(self: Topic, i: int) -> dict[str, float]:
    if not hasattr(self, "_df"):
        df: Counter[str] = Counter()
        for t in self.data["texts"]:
            df.update({w.lower() for w in re.findall(r"\w+", t) if len(w) > 2})
        self._df, self._bags = df, {}
    if i not in self._bags:
        tf = Counter(w.lower() for w in re.findall(r"\w+", self.data["texts"][i]) if len(w) > 2)
        n = len(self.refs)
        v = {w: (1 + math.log(c)) * math.log(n / self._df[w]) for w, c in tf.items() if self._df[w] > 1}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        self._bags[i] = {w: x / norm for w, x in v.items()}
    return self._bags[i]


Topic.bag = _bag  # type: ignore[attr-defined]


def names_share(topic: Topic, text: str, doc: int) -> float:
    if not hasattr(topic, "_docnames"):
        bags: dict[int, set[str]] = defaultdict(set)
        df: Counter[str] = Counter()
        for i, t in enumerate(topic.data["texts"]):
            bags[topic.doc_of[i]] |= names_of(t)
        for b in bags.values():
            df.update(b)
        topic._docnames, topic._namedf = bags, df  # type: ignore[attr-defined]
    names = names_of(text)
    n = len(topic.doc_ids)
    idf = {w: math.log(n / max(topic._namedf[w], 1)) for w in names}  # type: ignore[attr-defined]
    total = sum(idf.values())
    return sum(v for w, v in idf.items() if w in topic._docnames[doc]) / total if total else 0.0  # type: ignore[attr-defined]


def question_vector(topic: Topic, qi: int) -> np.ndarray | None:
    if topic.has[qi]:
        return topic.V[qi]
    acc, taken = np.zeros(topic.V.shape[1], np.float32), 0
    for j in range(qi + 1, len(topic.refs)):
        if topic.doc_of[j] != topic.doc_of[qi] or taken >= 5:
            break
        if topic.has[j]:
            acc += topic.V[j]
            taken += 1
    return acc / np.linalg.norm(acc) if taken else None


HEADLINES = {"on": False}
POOL = {"mlt": True, "floor": -1.0}


def headline_vectors(topic: Topic) -> tuple[np.ndarray, np.ndarray]:
    """Every passage's vector, a headline's the mean of the body after it, and which can be
    a candidate (body paragraphs; headlines too when HEADLINES is on)."""
    if not hasattr(topic, "_hv"):
        V = topic.V.copy()
        ok = topic.has.copy()
        for i, kind in enumerate(topic.data["kinds"]):
            if kind == "title" and HEADLINES["on"]:
                v = question_vector(topic, i)
                if v is not None:
                    V[i], ok[i] = v, True
        topic._hv = (V, ok)  # type: ignore[attr-defined]
    return topic._hv  # type: ignore[attr-defined]


def candidates(
    topic: Topic, fts: quality.Fts5, q: dict[str, Any], fts_all: quality.Fts5 | None = None
) -> tuple[list[str], np.ndarray, list[str]]:
    """The pool of one question, its features, and the fusion of related.py emulated."""
    qi = topic.index[q["q"]]
    qdoc = topic.doc_of[qi]
    kept, raw = q["words"][:DEPTH], q["raw"][:DEPTH]
    mlt = fts.more_like_this(q["q"], DEPTH)
    if fts_all is not None:  # headlines found by words: MoreLikeThis over body and headlines
        extra = [r for r in fts_all.more_like_this(q["q"], DEPTH) if r not in set(raw)]
        raw = list(dict.fromkeys([*raw, *[r for r in extra if topic.data["kinds"][topic.index[r]] == "title"]]))
    qv = question_vector(topic, qi)
    cos = np.full(len(topic.refs), -1.0, np.float32)
    near: list[str] = []
    HV, ok = headline_vectors(topic)
    if qv is not None:
        cos = np.where(ok, HV @ qv, -1.0)
        order = np.argsort(-cos)
        near = [topic.refs[j] for j in order if topic.doc_of[j] != qdoc and ok[j]][:DEPTH]
    # the fusion as related.py does it
    scores: dict[str, float] = defaultdict(float)
    for rank, r in enumerate(kept[:10], 1):
        scores[r] += 1.0 / (K + rank)
    for rank, r in enumerate(near, 1):
        if r in scores or cos[topic.index[r]] >= FLOOR:
            scores[r] += 1.5 / (K + rank)
    fused = sorted(scores, key=lambda r: -scores[r])[:10]
    pool = list(
        dict.fromkeys(
            [*kept, *raw, *(mlt if POOL["mlt"] else []), *[r for r in near if cos[topic.index[r]] >= POOL["floor"]]]
        )
    )
    rank_of = [{r: i for i, r in enumerate(lst, 1)} for lst in (kept, raw, mlt, near)]
    docs_rank = {}
    if qv is not None:
        dsims = topic.C @ topic.C[qdoc]
        for i, d in enumerate(np.argsort(-dsims)):
            docs_rank[d] = i  # 0 = itself
    pool_docs = defaultdict(int)
    for r in pool:
        pool_docs[topic.doc_of[topic.index[r]]] += 1
    best = max((cos[topic.index[r]] for r in pool), default=0.0)
    qnames = names_of(topic.data["texts"][qi])
    qbag = topic.bag(qi)
    rows = []
    for r in pool:
        ci = topic.index[r]
        cdoc = topic.doc_of[ci]
        line = int(r.rsplit(":", 1)[1])
        text = topic.data["texts"][ci]
        c = float(cos[ci]) if cos[ci] > -1.0 else 0.0
        rows.append(
            [
                1.0 if r in rank_of[0] else 0.0,
                1.0 / rank_of[0][r] if r in rank_of[0] else 0.0,
                1.0 / rank_of[1][r] if r in rank_of[1] else 0.0,
                1.0 if r in rank_of[2] else 0.0,
                1.0 / rank_of[2][r] if r in rank_of[2] else 0.0,
                1.0 / rank_of[3][r] if r in rank_of[3] else 0.0,
                c,
                c - best,
                float(topic.docsim[qdoc, cdoc]),
                1.0 / max(docs_rank.get(cdoc, 50), 1),
                float(topic.C[cdoc] @ qv) if qv is not None else 0.0,
                float(topic.lexsim[qdoc, cdoc]),
                float(topic.namesim[qdoc, cdoc]),
                1.0 if line <= 3 else 0.0,
                math.log(line),
                math.log(1 + len(text.split())),
                pool_docs[cdoc] / len(pool),
                1.0 if topic.data["kinds"][ci] == "title" else 0.0,
                math.log(1 + len(qnames & names_of(text))),
                cosine(qbag, topic.bag(ci)),
                c * float(topic.docsim[qdoc, cdoc]),
                float(HV[ci] @ topic.C[qdoc]) if ok[ci] else 0.0,
                names_share(topic, text, qdoc),
            ]
        )
    return pool, np.array(rows, np.float32), fused


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 3000) -> np.ndarray:
    """Logistic regression by gradient descent on standardised features (bias last)."""
    w = np.zeros(X.shape[1] + 1)
    Xb = np.hstack([X, np.ones((len(X), 1))])
    pos = y.mean()
    sw = np.where(y > 0, 0.5 / pos, 0.5 / (1 - pos))  # balanced classes
    lr = 0.5
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(Xb @ w)))
        grad = Xb.T @ ((p - y) * sw) / len(y) + l2 * np.r_[w[:-1], 0]
        w -= lr * grad
    return w


Question = tuple[dict[str, Any], list[str], np.ndarray, np.ndarray, list[str], list[str]]


def load(path: Path, headlines: bool) -> list[list[Question]]:
    """Each topic's questions: (question, pool, features, relevance, fusion, MoreLikeThis)."""
    HEADLINES["on"] = headlines
    per_topic = []
    for t in pickle.loads(path.read_bytes())["ecbplus"]:
        topic = Topic(t)
        texts = dict(zip(topic.refs, t["texts"], strict=True))
        body = [(r, x) for r, x, k in zip(topic.refs, t["texts"], t["kinds"], strict=True) if k == "body"]
        fts = quality.Fts5(body, texts)
        fts_all = None
        if headlines:
            heads = [
                (r, x) for r, x, k in zip(topic.refs, t["texts"], t["kinds"], strict=True) if k in ("body", "title")
            ]
            fts_all = quality.Fts5(heads, texts)
        qs = []
        for q in t["questions"]:
            pool, X, fused = candidates(topic, fts, q, fts_all)
            y = np.array([1.0 if q["grades"].get(r, 0) > 0 else 0.0 for r in pool])
            qs.append((q, pool, X, y, fused, fts.more_like_this(q["q"], 10)))
        per_topic.append(qs)
    return per_topic


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pickle", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--drop", default="", help="features left out, by name, comma-separated")
    parser.add_argument("--headlines", action="store_true", help="headlines can be related passages too")
    parser.add_argument("--test", type=Path, help="held-out topics' pickle: fitted on every dev topic, measured there")
    parser.add_argument("--floor", type=float, default=-1.0, help="passages by meaning only above this cosine")
    parser.add_argument("--no-mlt-pool", action="store_true")
    args = parser.parse_args()
    POOL.update(mlt=not args.no_mlt_pool, floor=args.floor)
    per_topic = load(args.pickle, args.headlines)
    keep = [i for i, f in enumerate(FEATURES) if f not in args.drop.split(",")]
    allX = np.vstack([X for qs in per_topic for _, _, X, _, _, _ in qs])[:, keep]
    mu, sd = allX.mean(0), allX.std(0) + 1e-9
    folds = [(i, [qs for j, qs in enumerate(per_topic) if j % args.folds != i]) for i in range(args.folds)]
    if args.test:
        folds = [(-1, per_topic)]
        per_topic = load(args.test, args.headlines)
    runs: dict[str, list[tuple[list[str], dict[str, int]]]] = defaultdict(list)
    weights = []
    for fold, train in folds:
        X = np.vstack([X[:, keep] for qs in train for _, _, X, _, _, _ in qs])
        y = np.concatenate([y for qs in train for _, _, _, y, _, _ in qs])
        w = fit((X - mu) / sd, y)
        weights.append(w)
        test = [qs for j, qs in enumerate(per_topic) if fold < 0 or j % args.folds == fold]
        for qs in test:
            for q, pool, Xq, _, fused, mlt in qs:
                s = ((Xq[:, keep] - mu) / sd) @ w[:-1]
                learned = [pool[i] for i in np.argsort(-s)][:10]
                runs["learned"].append((learned, q["grades"]))
                runs["fusion (related.py)"].append((fused, q["grades"]))
                runs["MoreLikeThis"].append((mlt, q["grades"]))
    for name, r in runs.items():
        print(f"{name:<22} n={len(r)}  {quality.evaluate(r).row()}")
    mean_w = np.mean(weights, axis=0)
    for i, f in enumerate(keep):
        print(f"  {FEATURES[f]:<12} {mean_w[i]:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
