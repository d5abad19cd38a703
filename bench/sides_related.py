"""Related passages on cases no ranking was tuned on, judged blind by pooling: the 32 Sides
cases (bench/cases/sides/: en, es, pt; real statements and articles of several sides on one
story each — governments, ministries, Wikinews), against MoreLikeThis.

The related ranking was fitted on ECB+ and crosslang only; these cases were built for the Sides
views and never used for it. No judgements existed for related passages here, so:

- the compared passages: in each case, up to 8 body paragraphs of 12 words or more, drawn at
  random (seeded by the case's name, before any system runs);
- the pool: each system's top 5 passages of the other documents (casereader with meaning, and
  MoreLikeThis as bench/quality.py runs it), all of them;
- the judging: annotators who see neither the systems nor the code judge each pair from the
  texts alone, by the rule ECB+ uses (bench/judgements/pooled/sides-related-answers/BRIEF.md):
  the candidate mentions one of the same specific happenings as the compared passage (1), and
  shares who, when, where or a figure of it (2); the same story or topic without a shared
  happening is 0;
- the scores: hit@1 and hit@5 of both systems over the compared passages that have a related
  passage among the judged ones (the others have nothing to find, as far as anyone knows).
  Every passage in both top 5s is judged, so both measures are decided fully.

    uv run python bench/sides_related.py packets <folder> [--parts 8]
    (annotators write <folder>/answers_<k>.tsv: id, grade, reason; the key is <folder>.index.json)
    uv run python bench/sides_related.py second <folder>   # 150 pairs again, for a second annotator
    uv run python bench/sides_related.py read <folder>     # → bench/judgements/pooled/sides-related.toml
    uv run python bench/sides_related.py measure           # both systems on the judged passages
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path

import ecbplus_pool
import quality

BENCH = Path(__file__).resolve().parent
CASES = BENCH / "cases" / "sides"
JUDGED = BENCH / "judgements" / "pooled" / "sides-related.toml"
SYSTEMS = ("casereader + meaning", "MoreLikeThis")
PER_CASE = 8
MIN_WORDS = 12


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "catalog.toml").exists())


def rankings(folder: Path) -> tuple[dict[str, dict[str, list[str]]], dict[str, tuple[str, str, str]]]:
    """For one case: system → compared passage → its top 10 of the other documents; and each
    paragraph's (text, document's line, the paragraphs around it), refs as "file:n"."""
    from casereader.core import Case

    quality.MEANING["on"] = True
    with tempfile.TemporaryDirectory(prefix="casereader-sides-related-") as tmp:
        case = Case(folder, Path(tmp) / "index", Path(tmp) / "data")
        case.update()
        case.index.meaning.update(case.index, encode=quality.encoder())
        file_of = {d.doc_id: d.path for d in case.documents()}
        texts: dict[str, tuple[str, str, str]] = {}
        bodies = []
        for d in case.documents():
            paras = case.paragraphs(d.doc_id)
            head = f"{d.meta.title} — {d.meta.outlet or '?'}, {d.meta.date or 'no date'}"
            for i, p in enumerate(paras):
                around = " […] ".join(x.text[:300] for x in (paras[i - 1 : i] + paras[i + 1 : i + 2]))
                texts[f"{d.path}:{p.n}"] = (p.text, head, around)
                if p.is_body and len(p.text.split()) >= MIN_WORDS:
                    bodies.append(f"{d.doc_id}:{p.n}")
        picked = sorted(random.Random(folder.name).sample(bodies, min(PER_CASE, len(bodies))))
        runs = quality._case_runs(case, {}, {q: {} for q in picked}, names={i: i for i in file_of})
        case.close()

    def as_file(ref: str) -> str:
        doc, _, n = ref.rpartition(":")
        return f"{file_of[doc]}:{n}"

    out = {
        system: {as_file(q): [as_file(r) for r in ranked] for q, (ranked, _) in zip(picked, pairs, strict=True)}
        for system, pairs in runs["related"].items()
        if system in SYSTEMS
    }
    return out, texts


def _labels(case: str, texts: dict[str, tuple[str, str, str]]) -> dict[str, str]:
    """Each document of a case by a random letter (seeded by the case's name)."""
    docs = sorted({ref.rpartition(":")[0] for ref in texts})
    random.Random(case + "labels").shuffle(docs)
    return {doc: chr(65 + i) for i, doc in enumerate(docs)}


def _block(tag: str, ref: str, texts: dict[str, tuple[str, str, str]], labels: dict[str, str]) -> str:
    text, head, around = texts[ref]
    doc = ref.rpartition(":")[0]
    return "\n".join(
        [
            f"{tag} document {labels[doc]}: {head}",
            f"    >>> PASSAGE: {text}",
            f"    (around it: {around})" if around else "    (no other paragraph)",
        ]
    )


def packets(folder: Path, parts: int) -> int:
    rng = random.Random(17)
    folder.mkdir(parents=True, exist_ok=True)
    items: list[tuple[str, str, list[str], dict]] = []  # case, query, candidates, texts
    for case in _cases():
        ranked, texts = rankings(case)
        labels = _labels(case.name, texts)
        for query in ranked[SYSTEMS[0]]:
            candidates = sorted({r for system in SYSTEMS for r in ranked[system][query][:5]})
            if candidates:
                items.append((case.name, query, candidates, {"texts": texts, "labels": labels}))
        print(f"  {case.name}: {len(ranked[SYSTEMS[0]])} compared passages", file=sys.stderr, flush=True)
    rng.shuffle(items)
    total = sum(len(c) for _, _, c, _ in items)
    share, chunks, size = total / parts, [[]], 0
    for item in items:
        chunks[-1].append(item)
        size += len(item[2])
        if size >= share and len(chunks) < parts:
            chunks.append([])
            size = 0
    index: dict[str, dict[str, str]] = {}
    for part, chunk in enumerate((c for c in chunks if c), 1):
        text = []
        for qi, (case, query, candidates, ctx) in enumerate(chunk, 1):
            text.append(ecbplus_pool.packet_query(f"QUERY {part}-{qi}  (case {case})", _block("QUERY", query, **ctx)))
            refs = candidates[:]
            rng.shuffle(refs)
            assert len(refs) <= 26, "a compared passage's candidates are lettered a-z"
            for ci, ref in enumerate(refs):
                cid = f"{part}-{qi}{chr(97 + ci)}"
                index[cid] = {"case": case, "query": query, "ref": ref}
                text.append(ecbplus_pool.packet_candidate(cid, _block("CANDIDATE", ref, **ctx)))
        (folder / f"packet_{part}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
        print(f"packet {part}: {len(chunk)} compared passages, {sum(len(c[2]) for c in chunk)} candidates")
    ecbplus_pool.write_key(folder, index)
    return 0


def second(folder: Path, count: int) -> int:
    """A second annotator's packet: ``count`` judged pairs drawn at random, under new ids
    (<folder>/second/packet_9.txt and map.json; its answers go to answers_9.tsv there)."""
    index = ecbplus_pool._key(folder)
    rng = random.Random(23)
    by_query: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid in rng.sample(sorted(index), min(count, len(index))):
        by_query[(index[cid]["case"], index[cid]["query"])].append(cid)
    contexts = {}
    for case in sorted({c for c, _ in by_query}):
        _, texts = rankings(CASES / case)
        contexts[case] = {"texts": texts, "labels": _labels(case, texts)}
    queries = sorted(by_query)
    rng.shuffle(queries)
    text, ids = [], {}
    for qi, (case, query) in enumerate(queries, 1):
        ctx = contexts[case]
        text.append(ecbplus_pool.packet_query(f"QUERY 9-{qi}  (case {case})", _block("QUERY", query, **ctx)))
        for ci, cid in enumerate(by_query[(case, query)]):
            again = f"9-{qi}{chr(97 + ci)}"
            ids[again] = cid
            text.append(ecbplus_pool.packet_candidate(again, _block("CANDIDATE", index[cid]["ref"], **ctx)))
    ecbplus_pool.write_second(folder, text, ids, f"{len(queries)} compared passages")
    return 0


def read(folder: Path) -> int:
    index = ecbplus_pool._key(folder)
    answers: dict[str, int] = {}
    for path in sorted(folder.glob("answers_*.tsv")):
        answers.update(ecbplus_pool._answers(path, index))
    missing = sorted(set(index) - set(answers))
    table: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for cid, grade in answers.items():
        entry = index[cid]
        table[entry["case"]][entry["query"]][entry["ref"]] = grade
    lines = [
        "# Related passages on the Sides cases, judged blind from the texts (bench/sides_related.py):",
        "# each compared passage's pooled candidates (both systems' top 5). 0 = judged, not related.",
        "",
    ]
    for case in sorted(table):
        lines.append(f'[cases."{case}"]')
        for query in sorted(table[case]):
            inner = ", ".join(f'"{r}" = {g}' for r, g in sorted(table[case][query].items()))
            lines.append(f'"{query}" = {{ {inner} }}')
        lines.append("")
    JUDGED.write_text("\n".join(lines), encoding="utf-8")
    if (folder / "second" / "answers_9.tsv").exists():
        print(ecbplus_pool._agreement(folder, answers, "judged pairs drawn at random"))
    grades = list(answers.values())
    counts = ", ".join(f"{g}: {grades.count(g)}" for g in (0, 1, 2))
    print(f"{len(answers)} answers, {len(missing)} unanswered; {counts}")
    print(f"wrote {JUDGED.relative_to(BENCH.parent)}")
    return 0


def measure() -> int:
    judged = tomllib.loads(JUDGED.read_text(encoding="utf-8"))["cases"]
    runs: dict[str, dict[str, list[tuple[list[str], dict[str, int]]]]] = defaultdict(lambda: defaultdict(list))
    open_outcomes: dict[str, int] = defaultdict(int)
    for case in _cases():
        if case.name not in judged:
            continue
        ranked, _ = rankings(case)
        for system in SYSTEMS:
            for query, refs in ranked[system].items():
                grades = judged[case.name].get(query, {})
                for minimum, label in ((1, "related (1 or 2)"), (2, "related (2)")):
                    strict = {r: int(g >= minimum) for r, g in grades.items()}
                    if any(strict.values()):
                        for group in ("all", case.name[:2]):
                            runs[f"{label}, {group}"][system].append((refs[:10], strict))
                open_outcomes[system] += any(r not in grades for r in refs[:5])
    print("Sides cases, related passages judged blind (hit@1 / hit@5 over the passages with a related one)")
    for label, systems in sorted(runs.items()):
        for system, pairs in systems.items():
            scores = quality.evaluate(pairs)
            print(f"  {label:<34} {system:<21} n={len(pairs):<4} hit@1 {scores.hit1:.3f}  hit@5 {scores.hit5:.3f}")
    for label in ("related (1 or 2), all", "related (2), all"):
        ours, theirs = (runs[label][system] for system in SYSTEMS)
        for k in (1, 5):
            won = [_hit(a, k) and not _hit(b, k) for a, b in zip(ours, theirs, strict=True)]
            lost = [_hit(b, k) and not _hit(a, k) for a, b in zip(ours, theirs, strict=True)]
            print(f"  {label}: hit@{k} with casereader alone {sum(won)}, with MoreLikeThis alone {sum(lost)}")
    print(f"  compared passages with an unjudged passage in a top 5: {dict(open_outcomes)}")
    return 0


def _hit(pair: tuple[list[str], dict[str, int]], k: int) -> bool:
    ranked, grades = pair
    return any(grades.get(ref, 0) > 0 for ref in ranked[:k])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("packets", "second", "read", "measure"))
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("--parts", type=int, default=8)
    parser.add_argument("--second", type=int, default=150, help="pairs in the second annotator's packet")
    args = parser.parse_args()
    if args.step == "measure":
        return measure()
    if args.folder is None:
        parser.error(f"{args.step} needs the packets' folder")
    if args.step != "packets" and not args.folder.is_dir():
        parser.error(f"no such folder: {args.folder}")
    if args.step == "second":
        return second(args.folder, args.second)
    return packets(args.folder, args.parts) if args.step == "packets" else read(args.folder)


if __name__ == "__main__":
    sys.exit(main())
