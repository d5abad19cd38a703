"""Offline study of document context in related passages, on bench/context_study.py's pickle
(tuning halves only: ECB+ dev topics, crosslang tune).  For each judged passage the fusion is
done as search/related.py does it (words by rank, the nearest in meaning above the floor by
rank, weighted RRF, the weak word matches ``related_sides`` drops left out; "emulated" gives
the figures measured through the app, "as measured"), then with one change of a grid:

- oracle: the documents holding a judged passage first (the ceiling of document context);
- headline: a vector for a headline, which has none (the document's mean, the paragraph after
  it, the mean of the next 3-20, the headline encoded at query time);
- fusion: the documents' nearness as a fusion feature (mean vectors', tf-idf words', names');
- query: the compared passage's neighbours (nb) or document (hd) added to its vector;
- context: the document added for short passages only (up to ``maxwords`` words);
- documents: the documents' nearness moving every passage of a document alike, or relative to
  the median document; the context with the floor on the passages' own cosine.

    uv run python bench/context_study.py /tmp/context.pkl
    uv run python bench/context_grid.py /tmp/context.pkl --grid context
"""

from __future__ import annotations

import argparse
import json
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

K = 60
FLOOR = 0.5


class Topic:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.refs: list[str] = data["refs"]
        self.index = {r: i for i, r in enumerate(self.refs)}
        self.docs: list[str] = data["docs"]
        self.doc_ids = list(dict.fromkeys(self.docs))
        self.doc_index = {d: i for i, d in enumerate(self.doc_ids)}
        self.has = np.array([r is not None for r in data["rows"]])
        self.V = np.stack([r if r is not None else np.zeros(512, np.float32) for r in data["rows"]])
        self.doc_of = np.array([self.doc_index[d] for d in self.docs])
        # document centroids: mean of body vectors
        C = np.zeros((len(self.doc_ids), 512), np.float32)
        for i in range(len(self.refs)):
            if self.has[i]:
                C[self.doc_of[i]] += self.V[i]
        self.C = C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-9)
        self.docsim = self.C @ self.C.T
        # tf-idf of documents' words (lower-cased, length > 2)
        words = [Counter() for _ in self.doc_ids]
        names = [Counter() for _ in self.doc_ids]
        for i, t in enumerate(data["texts"]):
            toks = re.findall(r"\w+", t)
            words[self.doc_of[i]].update(w.lower() for w in toks if len(w) > 2)
            names[self.doc_of[i]].update(
                w.lower() for j, w in enumerate(toks) if (w[0].isupper() and j > 0) or w[0].isdigit()
            )
        self.lexsim = _tfidf_cos(words)
        self.namesim = _tfidf_cos(names)


def _tfidf_cos(bags: list[Counter]) -> np.ndarray:
    df: Counter = Counter()
    for b in bags:
        df.update(set(b))
    n = len(bags)
    vocab = {w: i for i, w in enumerate(df)}
    M = np.zeros((n, len(vocab)), np.float32)
    for d, b in enumerate(bags):
        for w, c in b.items():
            if df[w] > 1:
                M[d, vocab[w]] = (1 + math.log(c)) * math.log(n / df[w])
    M /= np.maximum(np.linalg.norm(M, axis=1, keepdims=True), 1e-9)
    return M @ M.T


ENCODED: dict[tuple[int, int], np.ndarray] = {}


def _title_vector(topic: Topic, qi: int, mode: str) -> np.ndarray:
    """A vector for a passage the index gives none (a headline, a tagline)."""
    qdoc = topic.doc_of[qi]
    if mode == "centroid":
        return topic.C[qdoc].copy()
    if mode == "lead":
        for j in range(qi + 1, len(topic.refs)):
            if topic.doc_of[j] == qdoc and topic.has[j]:
                return topic.V[j].copy()
        return np.zeros(512, np.float32)
    if mode.startswith("section"):  # the body paragraphs after it, to the next heading
        cap = int(mode.rsplit(":", 1)[1])
        acc, taken = np.zeros(512, np.float32), 0
        for j in range(qi + 1, len(topic.refs)):
            if topic.doc_of[j] != qdoc or taken >= cap or topic.data["kinds"][j] in ("title", "heading"):
                break
            if topic.has[j]:
                acc += topic.V[j]
                taken += 1
        return acc / max(np.linalg.norm(acc), 1e-9)
    key = (id(topic), qi)
    if key not in ENCODED:
        v = quality.encoder()([topic.data["texts"][qi]])[0]
        ENCODED[key] = v / max(np.linalg.norm(v), 1e-9)
    own = ENCODED[key].copy()
    if mode == "encoded":
        return own
    if mode.startswith("encoded+centroid"):
        return own + float(mode.rsplit(":", 1)[1]) * topic.C[qdoc]
    raise ValueError(mode)


def ranked(
    topic: Topic,
    q: dict[str, Any],
    setting: dict[str, Any],
    oracle: bool = False,
) -> list[str]:
    qi = topic.index[q["q"]]
    qdoc = topic.doc_of[qi]
    vq = topic.V[qi].copy()
    mode = setting.get("title", "")
    if not topic.has[qi] and mode:
        vq = _title_vector(topic, qi, str(mode))
    if not vq.any():
        near: list[tuple[str, float]] = []
        sims = None
    else:
        nb = setting.get("nb", 0.0)
        if nb:
            extra = np.zeros(512, np.float32)
            for j in (qi - 1, qi + 1):
                if 0 <= j < len(topic.refs) and topic.doc_of[j] == qdoc and topic.has[j]:
                    extra += topic.V[j]
            vq = vq + nb * extra
        hd = setting.get("hd", 0.0) if topic.has[qi] else setting.get("thd", 0.0)
        if len(topic.data["texts"][qi].split()) > setting.get("maxwords", 10**6):
            hd = 0.0  # a passage of several sentences carries its own context
        plain = topic.V @ (vq / max(np.linalg.norm(vq), 1e-9))
        if hd:
            vq = vq + hd * topic.C[qdoc]
        vq = vq / max(np.linalg.norm(vq), 1e-9)
        sims = topic.V @ vq
        if hd and setting.get("hdlang"):  # the document's context for passages in its language only
            langs = topic.data["langs"]
            same = np.array([langs[d] == langs[topic.doc_ids[qdoc]] for d in topic.docs])
            sims = np.where(same, sims, plain)
        rel = setting.get("rel", 0.0)
        if rel:  # the documents' nearness, above or below that of the median other document
            ds = topic.docsim[qdoc].copy()
            others = np.delete(ds, qdoc)
            center = float(np.median(others)) if len(others) else 0.0
            sims = sims + rel * (ds[topic.doc_of] - center)
        dd = setting.get("dd", 0.0)
        if dd:  # the documents' nearness: every passage of a document moved alike
            sims = (sims + dd * topic.docsim[qdoc][topic.doc_of]) / (1 + dd)
        sims = np.where(topic.has & (topic.doc_of != qdoc), sims, -2.0)
        floor = setting.get("floor", FLOOR) if topic.has[qi] else setting.get("tfloor", FLOOR)
        top = np.argsort(-sims)[: int(setting.get("depth", 30))]
        gate = plain if setting.get("plainfloor") else sims
        if setting.get("rankplain"):  # the context lets passages past the floor; ranked by their own cosine
            own = np.where(topic.has & (topic.doc_of != qdoc), plain, -2.0)
            top = np.argsort(-own)[: int(setting.get("depth", 30))]
            sims = plain
        near = [(topic.refs[i], float(sims[i])) for i in top if gate[i] >= floor]
    raw = q["raw"][: int(setting.get("wdepth", 10))]
    strong = set(q["words"])
    scores: dict[str, float] = defaultdict(float)
    for rank, r in enumerate(raw, 1):
        scores[r] += setting.get("w", 1.0) / (K + rank)
    near_set = {r for r, s in near}
    for rank, (r, _) in enumerate(near, 1):
        scores[r] += setting.get("m", 1.5) / (K + rank)
    # document context
    dw, lw, nw = setting.get("dw", 0.0), setting.get("lw", 0.0), setting.get("nw", 0.0)
    if dw or lw or nw or oracle:
        docscore = dw * topic.docsim[qdoc] + lw * topic.lexsim[qdoc] + nw * topic.namesim[qdoc]
        judged_docs = {topic.doc_of[topic.index[r]] for r, g in q["grades"].items() if g > 0 and r in topic.index}
        for r in scores:
            d = topic.doc_of[topic.index[r]]
            scores[r] += float(docscore[d]) / K
            if oracle and d in judged_docs:
                scores[r] += 1.0
    kept = [r for r in scores if r in strong or r in near_set]  # as related_sides keeps them
    return sorted(kept, key=lambda r: -scores[r])[:10]


HEADLINE = {"title": "section:5"}
GRIDS: dict[str, list[dict[str, Any]]] = {
    "oracle": [],
    # a vector for a headline: the document's mean, the next body paragraph, the headline encoded
    # at query time (alone or with the document's mean), the mean of the next few paragraphs
    "headline": [
        {"title": mode, "tfloor": floor}
        for mode in ("centroid", "lead", "encoded", "encoded+centroid:0.5", "encoded+centroid:1")
        for floor in (0.3, 0.4, 0.5)
    ]
    + [{"title": f"section:{n}"} for n in (3, 5, 10, 20)],
    # the documents' nearness as a fusion feature: mean vectors (dw), tf-idf words (lw), names (nw)
    "fusion": [{**HEADLINE, "dw": dw, "lw": lw, "nw": nw} for dw in (0, 1, 2, 4) for lw in (0, 2, 4) for nw in (0, 2)],
    # the compared passage's context added to its vector: its neighbours (nb), its document (hd)
    "query": [{**HEADLINE, "nb": nb, "hd": hd, "thd": hd} for nb in (0, 0.25, 0.5) for hd in (0, 0.25, 0.5, 1.0)],
    # the document's context for short passages only
    "context": [
        {**HEADLINE, "maxwords": words, "hd": hd, "thd": hd}
        for words, hd in ((15, 0.5), (20, 0.5), (25, 0.5), (30, 0.5), (40, 0.5), (10**6, 0.5), (25, 1.0))
    ],
    # the documents' nearness moving every passage of a document alike (dd), relative to the
    # median document (rel); the context with the floor on the passages' own cosine
    "documents": [{**HEADLINE, "dd": dd} for dd in (0.25, 0.5, 1.0)]
    + [{**HEADLINE, "rel": rel} for rel in (0.25, 0.5, 1.0, 2.0)]
    + [{**HEADLINE, "hd": 0.5, "plainfloor": 1}, {**HEADLINE, "hd": 0.5, "rankplain": 1}],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pickle", type=Path)
    parser.add_argument("--grid", default="context", choices=sorted(GRIDS))
    parser.add_argument("--base", default="{}", help="a JSON setting every row starts from")
    args = parser.parse_args()
    data = pickle.loads(args.pickle.read_bytes())
    sets = {name: [Topic(t) for t in topics] for name, topics in data.items()}

    base = json.loads(args.base)

    def run(setting: dict[str, Any], oracle: bool = False) -> str:
        setting = {**base, **setting}
        parts = []
        for name, topics in sets.items():
            runs = [(ranked(t, q, setting, oracle), q["grades"]) for t in topics for q in t.data["questions"]]
            parts.append(f"{name[:9]:<9} {quality.evaluate(runs).row()}")
        return "   ".join(parts)

    for name, topics in sets.items():
        runs = [(q["now"], q["grades"]) for t in topics for q in t.data["questions"]]
        print(f"as measured      {name[:9]:<9} {quality.evaluate(runs).row()}")
    print("emulated        ", run({}))
    if args.grid == "oracle":  # the ceiling of document context
        print("oracle documents ", run({}, oracle=True))
        print("oracle, deeper   ", run({"depth": 50, "wdepth": 30}, oracle=True))
    for setting in GRIDS[args.grid]:
        print(setting, run(setting), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
