"""Near-identical pairs updated from the documents that changed are the pairs found again."""

from __future__ import annotations

import random

import pytest

from casereader.core.ingest import duplicates
from casereader.core.ingest.duplicates import near_pairs, update_pairs


def _case(rng: random.Random, templates: list[list[int]], names: list[str]) -> dict[str, list[int]]:
    samples = {}
    for name in names:
        values = set(rng.choice(templates))
        for _ in range(rng.choice((0, 0, 1, 2, 4))):  # copies with a word or two changed
            values.discard(rng.choice(sorted(values)))
            values.add(rng.randrange(100, 2_000))
        samples[name] = sorted(values)
    return dict(sorted(samples.items()))


def test_updated_pairs_equal_the_pairs_found_among_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(duplicates, "COMMON", 5)  # small, so counts cross it in small cases
    monkeypatch.setattr(duplicates, "INCREMENTAL_MAX", 3)
    updated = fell_back = 0
    for seed in range(400):
        rng = random.Random(seed)
        templates = [rng.sample(range(100), 12) for _ in range(rng.randint(2, 6))]
        names = [f"doc{i:02}" for i in range(rng.randint(4, 24))]
        before = _case(rng, templates, names)
        after = dict(before)
        for _ in range(rng.randint(1, 5)):
            name = rng.choice([*names, f"new{rng.randrange(5)}"])
            if name in after and rng.random() < 0.3:
                del after[name]
            else:
                after.update(_case(rng, templates, [name]))
        after = dict(sorted(after.items()))
        found = update_pairs(near_pairs(before), before, after)
        if found is None:
            fell_back += 1
            continue
        updated += 1
        assert found == near_pairs(after), seed
    assert updated > 100 and fell_back > 100  # both ways were taken (146 and 254)


def test_unchanged_samples_keep_their_pairs() -> None:
    story = list(range(0, 240, 8))
    samples = {"a.txt": story, "b.txt": [*story[:-1], 999], "c.txt": list(range(1000, 1100, 4))}
    pairs = near_pairs(samples)
    assert pairs == {("a.txt", "b.txt")}
    assert update_pairs(pairs, samples, dict(samples)) == pairs
    assert update_pairs(pairs, samples, {k: v for k, v in samples.items() if k != "a.txt"}) == set()


def test_fingerprints_are_the_crc32_of_each_four_word_shingle() -> None:
    """The definition fingerprints stored in existing indexes were made with: kept the same,
    so a document indexed today matches its copy indexed before (accents, quotes, dashes and
    Unicode spaces included)."""
    import random
    import zlib

    from casereader.core.ingest.duplicates import _STRIP, MIN_WORDS, SAMPLE, fingerprints

    def by_definition(texts: list[str]) -> list[int] | None:
        words = [w for w in (w.strip(_STRIP) for w in " ".join(texts).casefold().split()) if w]
        if len(words) < MIN_WORDS:
            return None
        hashes = {zlib.crc32(" ".join(words[i : i + 4]).encode()) for i in range(len(words) - 3)}
        sampled = sorted(h for h in hashes if h % SAMPLE == 0)
        return sampled if len(sampled) >= 4 else sorted(hashes)

    rng = random.Random(1)
    pieces = [*"abcdeéëñ«»“”‘’—–-.,;:!? \u00a0\u2009\n", "Ünïcode", "CECOT", "252", "«hola»", "“quoted”", "ÉL "]
    for _ in range(800):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 900))) for _ in range(rng.randint(1, 3))]
        assert fingerprints(texts) == by_definition(texts)
