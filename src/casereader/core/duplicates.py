"""Duplicate documents: byte-identical files, and near-identical articles (the same wire story
saved twice, from two sites, with different page furniture).

Each document keeps a sample of its body text's 4-word shingles (words case-folded and
stripped of punctuation): the CRC-32 of every shingle, kept when it is 0
modulo SAMPLE, which keeps the same shingles in every copy.  Two documents whose samples
overlap by NEAR_DUPLICATE (Jaccard) or more are near-identical.  Candidates come from an
inverted index of the samples, so thousands of files are not compared pair by pair, and
the cost at indexing time is one CRC-32 per word.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain

SAMPLE = 8
NEAR_DUPLICATE = 0.8
MIN_WORDS = 20
COMMON = 50  # a sampled shingle in more documents than this is boilerplate: not evidence
_STRIP = ".,;:!?\"'“”‘’()[]«»—–-"


def fingerprints(body_texts: Iterable[str]) -> list[int] | None:
    """The sampled shingle hashes of a document's body text (None when it is too short)."""
    # casefold() on the whole text (in C) rather than full accent folding per word: two
    # copies of one story carry the same accents, and this runs on every indexed file.
    words = [w for w in (w.strip(_STRIP) for w in " ".join(body_texts).casefold().split()) if w]
    if len(words) < MIN_WORDS:
        return None
    hashes = {zlib.crc32(" ".join(words[i : i + 4]).encode()) for i in range(len(words) - 3)}
    sampled = sorted(h for h in hashes if h % SAMPLE == 0)
    return sampled if len(sampled) >= 4 else sorted(hashes)


def groups(entries: dict[str, dict[str, object]]) -> dict[str, str]:
    """Each duplicate document's id -> the id of the document it duplicates (the first by path).

    ``entries`` are the manifest's files: {path: {"doc_id", "sha1", "fingerprints"}}.
    """
    ordered = sorted(entries.items())
    order = {str(entry["doc_id"]): i for i, (_, entry) in enumerate(ordered)}
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

    by_hash: dict[str, str] = {}
    samples: dict[str, list[int]] = {}
    for _, entry in ordered:
        doc = str(entry["doc_id"])
        sha1 = str(entry.get("sha1", ""))
        if sha1 in by_hash:
            union(by_hash[sha1], doc)
        else:
            by_hash[sha1] = doc
        found = entry.get("fingerprints")
        if isinstance(found, list) and found:
            samples[doc] = found
    # Only samples found in 2..COMMON documents can pair documents; counting them all first
    # (in C) keeps the Python loops to those few (a few percent of all samples).
    counts = Counter(chain.from_iterable(samples.values()))
    shared_values = {value for value, n in counts.items() if 1 < n <= COMMON}
    postings: dict[int, list[str]] = defaultdict(list)
    for doc, found in samples.items():
        for value in shared_values.intersection(found):
            postings[value].append(doc)
    # Shared samples per pair of documents, counted from the postings: most samples belong
    # to one document only, so this touches few pairs (postings list documents in order).
    shared: Counter[tuple[str, str]] = Counter()
    for docs in postings.values():
        if 1 < len(docs) <= COMMON:
            for i, first in enumerate(docs):
                shared.update((first, other) for other in docs[i + 1 :])
    for (first, other), count in shared.items():
        union_size = len(samples[first]) + len(samples[other]) - count  # samples hold no repeats
        if count / union_size >= NEAR_DUPLICATE:
            union(first, other)
    return {doc: find(doc) for doc in order if find(doc) != doc}
