"""Duplicate documents: byte-identical files, and near-identical articles (the same wire story
saved twice, from two sites, with different page furniture).

Each document gets a MinHash signature of its body text's 4-word shingles (words folded, so
punctuation, case and accents do not matter); signatures that agree on at least
NEAR_DUPLICATE of their values are near-identical.  Candidates come from banding the
signatures (locality-sensitive hashing), so a case of thousands of files is not compared
pair by pair.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from . import analysis

HASHES = 32
BANDS = 8  # 8 bands of 4 values: pairs about 80% similar almost always share a band
NEAR_DUPLICATE = 0.8
_MASK = (1 << 64) - 1
_SEEDS = [int.from_bytes(hashlib.sha1(str(i).encode()).digest()[:8], "big") for i in range(HASHES)]


def signature(body_texts: Iterable[str]) -> list[int] | None:
    """The MinHash signature of a document's body text (None when it is too short to tell)."""
    words = [analysis.fold(w) for text in body_texts for w in text.split()]
    words = [w for w in (w.strip(".,;:!?\"'“”‘’()[]«»—–-") for w in words) if w]
    if len(words) < 20:
        return None
    shingles = {
        int.from_bytes(hashlib.blake2b(" ".join(words[i : i + 4]).encode(), digest_size=8).digest(), "big")
        for i in range(len(words) - 3)
    }
    return [min(((s ^ seed) * 0x9E3779B97F4A7C15) & _MASK for s in shingles) for seed in _SEEDS]


def similarity(a: list[int], b: list[int]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / HASHES


def groups(entries: dict[str, dict[str, object]]) -> dict[str, str]:
    """Each duplicate document's id -> the id of the document it duplicates (the first by path).

    ``entries`` are the manifest's files: {path: {"doc_id", "sha1", "minhash"}}.
    """
    parent: dict[str, str] = {}

    def find(doc: str) -> str:
        while parent.get(doc, doc) != doc:
            doc = parent[doc]
        return doc

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=order.__getitem__)
            parent[second] = first

    ordered = sorted(entries.items())
    order = {str(entry["doc_id"]): i for i, (_, entry) in enumerate(ordered)}
    by_hash: dict[str, str] = {}
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    signatures: dict[str, list[int]] = {}
    for _, entry in ordered:
        doc = str(entry["doc_id"])
        sha1 = str(entry.get("sha1", ""))
        if sha1 in by_hash:
            union(by_hash[sha1], doc)
        else:
            by_hash[sha1] = doc
        minhash = entry.get("minhash")
        if isinstance(minhash, list):
            signatures[doc] = minhash
            rows = HASHES // BANDS
            for band in range(BANDS):
                buckets[(band, tuple(minhash[band * rows : (band + 1) * rows]))].append(doc)
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if find(a) != find(b) and similarity(signatures[a], signatures[b]) >= NEAR_DUPLICATE:
                    union(a, b)
    return {doc: find(doc) for doc in order if find(doc) != doc}
