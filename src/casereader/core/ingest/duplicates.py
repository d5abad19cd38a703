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
from itertools import chain, combinations, repeat

SAMPLE = 8
NEAR_DUPLICATE = 0.8
MIN_WORDS = 20
COMMON = 50  # a sampled shingle in more documents than this is boilerplate: not evidence
INCREMENTAL_MAX = 200  # documents changed at once beyond which all pairs are found again
_STRIP = ".,;:!?\"'“”‘’()[]«»—–-"


def fingerprints(body_texts: Iterable[str]) -> list[int] | None:
    """The sampled shingle hashes of a document's body text (None when it is too short)."""
    # casefold() on the whole text (in C) rather than full accent folding per word: two
    # copies of one story carry the same accents, and this runs on every indexed file.
    # Iterated in C (map, zip, filter): the same hashes as crc32(" ".join(words[i:i+4])),
    # in a third of the time of a loop over the words (1.3 s of a 20,000-paragraph build).
    text = " ".join(body_texts).casefold()
    words = list(map(str.encode, filter(None, map(str.strip, text.split(), repeat(_STRIP)))))
    if len(words) < MIN_WORDS:
        return None
    hashes = set(map(zlib.crc32, map(b" ".join, zip(words, words[1:], words[2:], words[3:], strict=False))))
    sampled = sorted(h for h in hashes if h % SAMPLE == 0)
    return sampled if len(sampled) >= 4 else sorted(hashes)


Pair = tuple[str, str]  # two paths, the first before the second


def groups(entries: dict[str, dict[str, object]], pairs: Iterable[Pair] | None = None) -> dict[str, str]:
    """Each duplicate document's id -> the id of the document it duplicates (the first by path).

    ``entries`` are the manifest's files: {path: {"doc_id", "sha1", "fingerprints"}};
    ``pairs`` their near-identical pairs when known (``near_pairs`` / ``update_pairs``).
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
    for _, entry in ordered:
        doc = str(entry["doc_id"])
        sha1 = str(entry.get("sha1", ""))
        if sha1 in by_hash:
            union(by_hash[sha1], doc)
        else:
            by_hash[sha1] = doc
    if pairs is None:
        pairs = near_pairs(samples_of(entries))
    for first, second in pairs:
        union(str(entries[first]["doc_id"]), str(entries[second]["doc_id"]))
    return {doc: find(doc) for doc in order if find(doc) != doc}


def samples_of(entries: dict[str, dict[str, object]]) -> dict[str, list[int]]:
    """{path: its samples}, in path order, for the entries that have some."""
    found = ((path, entry.get("fingerprints")) for path, entry in sorted(entries.items()))
    return {path: sample for path, sample in found if isinstance(sample, list) and sample}


def near_pairs(samples: dict[str, list[int]]) -> set[Pair]:
    """The pairs of near-identical documents among ``samples`` ({path: samples}, path order)."""
    # Only samples found in 2..COMMON documents can pair documents; finding those that repeat
    # first (set operations, in C) leaves counting to them: a few percent of all samples
    # (36,735 of 1.9 million at 16,657 documents; a Counter of all of them took 0.4-0.6 s).
    seen: set[int] = set()
    repeated: set[int] = set()
    for found in samples.values():
        repeated.update(seen.intersection(found))
        seen.update(found)
    counts = Counter(chain.from_iterable(repeated.intersection(found) for found in samples.values()))
    shared_values = {value for value, n in counts.items() if n <= COMMON}
    postings: dict[int, list[str]] = defaultdict(list)
    for doc, found in samples.items():
        for value in shared_values.intersection(found):
            postings[value].append(doc)
    # Shared samples per pair of documents, counted from the postings: most samples belong
    # to one document only, so this touches few pairs (postings list documents in order,
    # so each pair comes as (earlier, later)); one count over all pairs, in C.
    shared = Counter(chain.from_iterable(combinations(docs, 2) for docs in postings.values()))
    return {pair for pair, count in shared.items() if _near(samples[pair[0]], samples[pair[1]], count)}


def update_pairs(pairs: set[Pair], before: dict[str, list[int]], after: dict[str, list[int]]) -> set[Pair] | None:
    """``near_pairs(after)`` from ``pairs`` = ``near_pairs(before)``, reading only what the
    documents whose samples changed can alter (a file edited in a case of 16,657: ~0.02 s,
    where all pairs took ~1 s).  None when that is not enough: too many documents changed,
    or a sample's document count crossed COMMON (pairs of unchanged documents could change)."""
    changed = {doc for doc in before.keys() | after.keys() if before.get(doc) != after.get(doc)}
    if not changed:
        return set(pairs)
    if len(changed) > INCREMENTAL_MAX:
        return None
    touched: set[int] = set()
    for doc in changed:
        touched.update(before.get(doc) or ())
        touched.update(after.get(doc) or ())
    holders: dict[int, list[str]] = defaultdict(list)  # touched sample -> documents now holding it
    for doc, found in after.items():
        for value in touched.intersection(found):
            holders[value].append(doc)
    now = {value: len(docs) for value, docs in holders.items()}
    then = dict(now)
    for doc in changed:
        for value in after.get(doc) or ():
            then[value] -= 1
        for value in before.get(doc) or ():
            then[value] = then.get(value, 0) + 1
    if any((then.get(value, 0) <= COMMON) != (now.get(value, 0) <= COMMON) for value in touched):
        return None
    kept = {pair for pair in pairs if pair[0] not in changed and pair[1] not in changed}
    for doc in changed:
        mine = after.get(doc)
        if not mine:
            continue
        shared = Counter(
            other for value in mine if 1 < now.get(value, 0) <= COMMON for other in holders[value] if other != doc
        )
        for other, count in shared.items():
            if _near(mine, after[other], count):
                kept.add((doc, other) if doc < other else (other, doc))
    return kept


def _near(first: list[int], second: list[int], shared: int) -> bool:
    return shared / (len(first) + len(second) - shared) >= NEAR_DUPLICATE  # samples hold no repeats
