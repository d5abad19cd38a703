"""A word looked for by its stem only in the languages whose paragraphs have it as typed
(``Compiler.written_in``), against every language of the case (before), in the same run, on
the 90 real pages of tests/fixtures (en, es, pt, fr, de, cs… as one case):

- quality: the known-item headlines and the Spanish and Portuguese judgements of
  bench/quality.py (pages-es-pt.toml);
- cost: each headline word searched alone (search as you type), p50 / p95 / max;
- what changes: the queries whose count changes, and the paragraphs no longer found.

    uv run python bench/bench_languages.py
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quality
from casereader.core import Case
from casereader.core.search.compile import Compiler

WRITTEN_IN = Compiler.written_in


def every_language(self: Compiler, word: str) -> list[str]:  # the behaviour before
    return self.langs


def _words() -> list[str]:
    words: dict[str, None] = {}
    for source in quality.PAGES:
        gold = tomllib.loads((source / "gold.toml").read_text(encoding="utf-8"))["pages"]
        for entry in gold.values():
            title = entry.get("title")
            title = title[0] if isinstance(title, list) else title
            for word in re.findall(r"\w{3,}", title or ""):
                words.setdefault(word.lower())
    return list(words)


def _timed(case: Case, words: list[str]) -> tuple[list[float], dict[str, int]]:
    times, totals = [], {}
    for word in words:
        started = time.perf_counter()
        totals[word] = case.search(word, limit=50).total
        times.append(time.perf_counter() - started)
    return times, totals


def main() -> int:
    words = _words()
    with tempfile.TemporaryDirectory(prefix="casereader-langs-") as tmp:
        case = Case(quality._pages_case(Path(tmp) / "case"), Path(tmp) / "index", Path(tmp) / "data")
        case.update()
        print(f"{len(case.documents())} documents, languages {case.index.languages()}, {len(words)} words")
        _timed(case, words[:50])  # warm
        figures = {}
        for label, method in (("every language (before)", every_language), ("as typed (after)", WRITTEN_IN)):
            Compiler.written_in = method  # type: ignore[method-assign]
            quality.measure_pages.cache_clear()
            pages = quality.measure_pages()
            times, totals = _timed(case, words)
            figures[label] = totals
            ms = sorted(t * 1000 for t in times)
            print(f"\n{label}")
            for task, systems in pages.items():
                print(f"  {task:<10} casereader  {systems['casereader'].row()}")
            p95 = ms[int(len(ms) * 0.95)]
            print(f"  one word   p50 {statistics.median(ms):.1f} ms  p95 {p95:.1f} ms  max {ms[-1]:.1f} ms")
        before, after = figures.values()
        changed = [(w, before[w], after[w]) for w in words if before[w] != after[w]]
        print(f"\n{len(changed)} of {len(words)} one-word queries count differently (before -> after):")
        for word, b, a in changed[:25]:
            print(f"  {word:<20} {b:>5} -> {a}")
        case.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
