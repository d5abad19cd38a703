"""Turn NTREX-128 into a cross-language related-passages set (run once; its output is kept).

NTREX-128 (Federmann, Kocmi & Xin, SUMEval 2022; CC BY-SA 4.0; github.com/MicrosoftTranslator/NTREX)
holds the 123 English news articles of the WMT19 news test set (BBC, Reuters, The New York Times,
Euronews, ... from the last days of September 2018) and their translations by professional
translators, line by line, into 128 languages; here into Spanish twice (Spain, Mexico) and
Portuguese twice (Portugal, Brazil). From it:

- cases: bench/cases/crosslang/tune/ and heldout/ (the stories split in two halves, stories of
  one event always in the same half), each story five files, <story>.<lang>.txt for lang in
  en, es, es-MX, pt, pt-BR, one sentence a line (line n = segment n of the article, line 1 the
  headline), and a catalog.toml;
- related: for a few sentences of each story (3; 2 in the stories that share their event with
  other stories), in English, Spanish (es) and Portuguese (pt), the sentences of the other
  files that tell the same fact: the same line of the four other versions of the story (grade
  2; each pair read, see bench/cases/crosslang/README.md), and the sentences of the other
  outlets' stories of the same event judged by reading (bench/cases/crosslang/same-event.toml,
  in English; a judgement holds for every version of the two stories).

    uv run python bench/crosslang.py <folder holding NTREX-128/ and DOCUMENT_IDS.tsv>
"""

from __future__ import annotations

import random
import shutil
import sys
import tomllib
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CASES = BENCH / "cases" / "crosslang"
JUDGEMENTS = BENCH / "judgements" / "crosslang.toml"
SAME_EVENT = CASES / "same-event.toml"

# The language versions: file suffix -> (NTREX file, catalog lang, what it is).
VERSIONS = {
    "en": ("newstest2019-src.eng.txt", "en", "the original English article"),
    "es": ("newstest2019-ref.spa.txt", "es", "NTREX-128 translation into Spanish (Spain)"),
    "es-MX": ("newstest2019-ref.spa-MX.txt", "es", "NTREX-128 translation into Spanish (Mexico)"),
    "pt": ("newstest2019-ref.por.txt", "pt", "NTREX-128 translation into Portuguese (Portugal)"),
    "pt-BR": ("newstest2019-ref.por-BR.txt", "pt", "NTREX-128 translation into Portuguese (Brazil)"),
}
SOURCES = ("en", "es", "pt")  # the versions whose sentences are asked about

# Stories of one event, told by several outlets (read from the headlines and the texts): kept
# in one half, and judged against each other by hand (same-event.toml).
EVENTS = {
    "Indonesia quake and tsunami": [
        "nytimes.184837",
        "euronews-en.153835",
        "reuters.218863",
        "nytimes.184860",
        "telegraph.405422",
        "reuters.218865",
        "euronews-en.153797",
        "newsweek.51340",
    ],
    "Ryder Cup 2018": [
        "independent.226301",
        "reuters.218923",
        "reuters.218914",
        "scotsman.133758",
        "euronews-en.153826",
    ],
    "Macedonia name referendum": ["rt.com.91337", "reuters.218932"],
    "Rangers: Livingston 1-0 Rangers, Rapid Vienna next": ["bbc.381746", "scotsman.133791", "scotsman.133801"],
    "Hurricane Rosa": ["abcnews.306815", "newsweek.51338"],
    "Wayde Sims shooting": ["cbsnews.248387", "reuters.218909"],
    "North Korea on disarmament": ["cnbc.com.6769", "reuters.218861"],
    "Warren on running in 2020": ["newsweek.51300", "abcnews.306755"],
    "Syria asks foreign forces to leave": ["thelocal.65969", "euronews-en.153799"],
    "Kavanaugh hearing and FBI inquiry; Trump's rally in West Virginia": [
        "cbsnews.248384",
        "cnn.304489",
        "cbsnews.248471",
        "newsweek.51328",
        "telegraph.405413",
        "cbsnews.248394",
        "cnn.304447",
        "newsweek.51310",
        "cnn.304478",
        "newsweek.51339",
    ],
}
OUTLETS = {
    "abcnews": "ABC News",
    "bbc": "BBC",
    "cbsnews": "CBS News",
    "cnbc.com": "CNBC",
    "cnn": "CNN",
    "dailymail.co.uk": "Daily Mail",
    "euronews-en": "Euronews",
    "foxnews": "Fox News",
    "guardian": "The Guardian",
    "independent": "The Independent",
    "newsweek": "Newsweek",
    "nytimes": "The New York Times",
    "reuters": "Reuters",
    "rt.com": "RT",
    "scotsman": "The Scotsman",
    "telegraph": "The Telegraph",
    "thelocal": "The Local",
    "upi": "UPI",
}
SEED = 20261207


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def outlet(story: str) -> str:
    return OUTLETS[story.rsplit(".", 1)[0]]


def read(source: Path) -> tuple[list[str], dict[str, dict[str, list[str]]]]:
    """The stories in their order, and each story's lines in each version."""
    ids = (source / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    texts = {v: (source / "NTREX-128" / f).read_text(encoding="utf-8").split("\n") for v, (f, _, _) in VERSIONS.items()}
    stories: dict[str, dict[str, list[str]]] = {}
    for i, story in enumerate(ids):
        if not story.strip():
            continue
        entry = stories.setdefault(story.strip(), {v: [] for v in VERSIONS})
        for v in VERSIONS:
            entry[v].append(texts[v][i].strip() or "…")
    return list(stories), stories


def halves(order: list[str]) -> dict[str, str]:
    """Each story's half, "tune" or "heldout": an event's stories together, the units shuffled
    (seeded) and each given to the half with fewer stories so far."""
    unit_of = {s: name for name, members in EVENTS.items() for s in members}
    units: dict[str, list[str]] = {}
    for story in order:
        units.setdefault(unit_of.get(story, story), []).append(story)
    keys = sorted(units, key=lambda k: (-len(units[k]), k))
    big, small = [k for k in keys if len(units[k]) > 1], [k for k in keys if len(units[k]) == 1]
    random.Random(SEED).shuffle(small)
    size = {"tune": 0, "heldout": 0}
    half_of: dict[str, str] = {}
    for n, key in enumerate(big + small):
        half = min(size, key=lambda h: (size[h], h != ("heldout" if n % 2 else "tune")))
        size[half] += len(units[key])
        for story in units[key]:
            half_of[story] = half
    return half_of


def asked(story: str, lines: dict[str, list[str]]) -> list[int]:
    """The lines asked about: body sentences (not line 1, the headline) of 8 words or more in
    English, chosen at random (seeded by the story), 3 a story, 2 where the event has other
    stories (their other outlets' sentences are read by hand)."""
    k = 2 if any(story in members for members in EVENTS.values()) else 3
    fit = [n for n in range(2, len(lines["en"]) + 1) if len(lines["en"][n - 1].split()) >= 8]
    rng = random.Random(f"{SEED}:{story}")
    return sorted(rng.sample(fit, min(k, len(fit))))


def write_case(folder: Path, stories: dict[str, dict[str, list[str]]], names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    catalog = [
        "# NTREX-128 (CC BY-SA 4.0; Federmann, Kocmi & Xin 2022): the WMT19 news test articles and their",
        "# translations; see README.md beside this folder.",
        "",
    ]
    for story in names:
        for v, (_, lang, what) in VERSIONS.items():
            name = f"{story}.{v}.txt"
            (folder / name).write_text("\n".join(stories[story][v]) + "\n", encoding="utf-8")
            who = outlet(story) if v == "en" else f"{outlet(story)}, {what.replace('NTREX-128 translation into ', '')}"
            catalog.append(f'[documents."{name}"]')
            catalog.append(f"title = {toml_string(stories[story][v][0])}")
            catalog.append(f"outlet = {toml_string(who)}")
            catalog.append(f"outlet_description = {toml_string(what + '; NTREX-128 document ' + story)}")
            catalog.append(f"lang = {toml_string(lang)}")
            catalog.append("")
    (folder / "catalog.toml").write_text("\n".join(catalog), encoding="utf-8")


def overrides() -> dict[str, int]:
    """Translation lines read as saying something else: their grade instead of 2."""
    if not SAME_EVENT.exists():
        return {}
    return dict(tomllib.loads(SAME_EVENT.read_text(encoding="utf-8")).get("translation", {}))


def same_event() -> dict[str, dict[str, int]]:
    """The hand judgements between outlets, made symmetric: "story:line" -> {"story:line": grade}."""
    if not SAME_EVENT.exists():
        return {}
    pairs: dict[str, dict[str, int]] = {}
    for query, grades in tomllib.loads(SAME_EVENT.read_text(encoding="utf-8")).get("pairs", {}).items():
        for ref, grade in grades.items():
            if grade <= 0:
                continue
            pairs.setdefault(query, {})[ref] = max(grade, pairs.get(query, {}).get(ref, 0))
            pairs.setdefault(ref, {})[query] = max(grade, pairs.get(ref, {}).get(query, 0))
    return pairs


def related(
    story: str, lines: dict[str, list[str]], event: dict[str, dict[str, int]], fixed: dict[str, int]
) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for n in asked(story, lines):
        for source in SOURCES:
            grades = {f"{story}.{v}.txt:{n}": 2 for v in VERSIONS if v != source}
            grades.update({ref: g for ref, g in fixed.items() if ref in grades})
            for ref, grade in event.get(f"{story}:{n}", {}).items():
                other, line = ref.rsplit(":", 1)
                for v in VERSIONS:
                    grades[f"{other}.{v}.txt:{line}"] = max(grade, grades.get(f"{other}.{v}.txt:{line}", 0))
            table[f"{story}.{source}.txt:{n}"] = grades
    return table


def write_table(lines: list[str], name: str, table: dict[str, dict[str, int]]) -> None:
    lines.append(f"[{name}]")
    for key, grades in sorted(table.items()):
        inner = ", ".join(f"{toml_string(ref)} = {g}" for ref, g in sorted(grades.items()))
        lines.append(f"{toml_string(key)} = {{ {inner} }}")
    lines.append("")


def main(source: Path) -> int:
    order, stories = read(source)
    half_of = halves(order)
    event = same_event()
    fixed = overrides()
    for half in ("tune", "heldout"):
        if (CASES / half).exists():
            shutil.rmtree(CASES / half)
    out = [
        "# Generated by bench/crosslang.py from NTREX-128 (CC BY-SA 4.0) and the hand judgements of",
        "# bench/cases/crosslang/same-event.toml. Refs are file:line of bench/cases/crosslang/<half>/;",
        "# see that folder's README.md. Files: <story>.<en|es|es-MX|pt|pt-BR>.txt.",
        'case = "crosslang"',
        'lang = "en es pt"',
        'test_topics = ["heldout"]',
        "",
    ]
    for half in ("tune", "heldout"):
        names = [s for s in order if half_of[s] == half]
        write_case(CASES / half, stories, names)
        table: dict[str, dict[str, int]] = {}
        for story in names:
            table.update(related(story, stories[story], event, fixed))
        out.append(f'[topics."{half}".search]')
        out.append("")
        write_table(out, f'topics."{half}".related', table)
        paragraphs = sum(len(stories[s][v]) for s in names for v in VERSIONS)
        print(
            f"{half}: {len(names)} stories, {len(names) * len(VERSIONS)} files, {paragraphs} lines, {len(table)} asked"
        )
    JUDGEMENTS.write_text("\n".join(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
