"""Generate a realistic synthetic case: articles of ~12 paragraphs of 40-120 words.

Vocabulary is Zipf-distributed (a few very common words, a long tail), with capitalised
names, figures (numbers, percentages, years) and one outlet, author and date per article,
written one paragraph per line after a byline, like text saved from a news page, plus a
catalog.toml giving outlet, author, date and language.

    uv run python bench/generate.py OUT_DIR --paragraphs 20000 [--seed 7] [--per-article N]
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from collections.abc import Callable
from pathlib import Path

SYLLABLES = [
    "ba", "be", "bi", "bo", "ca", "ce", "co", "da", "de", "di", "do", "fa", "fe", "ga", "go",
    "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "pa", "pe", "pi",
    "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te", "ti", "to", "va", "ve",
    "vi", "za", "ze", "tra", "tre", "pro", "con", "ment", "tion", "ver", "ster", "al", "ic",
]  # fmt: skip
_FUNCTION_TEXT = """
the of and to in a is that for on was with as by at from it an be this
which or are have has had not but were their its they been who would will more said also than after
"""
FUNCTION_WORDS = _FUNCTION_TEXT.split()


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        n = rng.choice((2, 2, 3, 3, 3, 4))
        words.add("".join(rng.choice(SYLLABLES) for _ in range(n)))
    ordered = sorted(words)  # a set's order changes from run to run (hash seeds): sort first
    rng.shuffle(ordered)
    return ordered


class Zipf:
    def __init__(self, items: list[str], s: float, rng: random.Random) -> None:
        weights = [1 / (rank**s) for rank in range(1, len(items) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.items = items
        self.rng = rng

    def draw(self) -> str:
        x = self.rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_left(self.cumulative, x)]


def paragraph(rng: random.Random, draw: Callable[[], str], cast: list[str], fewest: int, most: int) -> str:
    """One paragraph of fewest..most words: Zipf words, with the article's names (4%) and
    figures (1.5%: numbers, percentages, years), and some punctuation."""
    words = []
    for i in range(rng.randint(fewest, most)):
        roll = rng.random()
        if roll < 0.04:
            words.append(rng.choice(cast))
        elif roll < 0.055:
            words.append(rng.choice([str(rng.randint(2, 999)), f"{rng.randint(1, 99)}%", str(rng.randint(1990, 2025))]))
        else:
            words.append(draw())
        if i and rng.random() < 0.07:
            words[-1] += rng.choice([".", ",", ",", ";"])
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def generate(out: Path, paragraphs: int, seed: int = 7, per_article: int = 0) -> dict[str, object]:
    """``per_article``: paragraphs per article (0: 9 to 15, as news articles have)."""
    rng = random.Random(seed)
    vocab = make_vocabulary(rng, 30_000)
    zipf = Zipf(FUNCTION_WORDS + vocab, 1.07, rng)
    names = [w.capitalize() for w in make_vocabulary(rng, 800)]
    outlets = [f"{names[i]} {rng.choice(['Times', 'Post', 'Herald', 'Tribune', 'Report'])}" for i in range(12)]
    authors = [f"{names[100 + i]} {names[300 + i]}" for i in range(60)]
    out.mkdir(parents=True, exist_ok=True)
    catalog = ['[case]\nname = "Synthetic case"\n']
    written = 0
    article = 0
    while written < paragraphs:
        count = min(per_article or rng.randint(9, 15), paragraphs - written)
        outlet, author = rng.choice(outlets), rng.choice(authors)
        date = f"{rng.choice([2024, 2025])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        cast = rng.sample(names, 6)
        lines = [f"By {author} – {date}"]
        for _ in range(count):
            lines.append(paragraph(rng, zipf.draw, cast, 40, 120))
        name = f"a{article:05d}.txt"
        (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        title = " ".join(zipf.draw() for _ in range(6)).capitalize()
        catalog.append(
            f'[documents."{name}"]\ntitle = "{title}"\noutlet = "{outlet}"\n'
            f'author = "{author}"\ndate = {date}\nlang = "en"\n'
        )
        written += count
        article += 1
    (out / "catalog.toml").write_text("\n".join(catalog), encoding="utf-8")
    return {"articles": article, "paragraphs": written, "outlets": outlets, "names": names[:50]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--paragraphs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-article", type=int, default=0, help="paragraphs per article (default 9-15)")
    args = parser.parse_args()
    info = generate(args.out, args.paragraphs, args.seed, args.per_article)
    print(f"{info['articles']} articles, {info['paragraphs']} body paragraphs in {args.out}")


if __name__ == "__main__":
    main()
