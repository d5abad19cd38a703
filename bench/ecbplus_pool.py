"""Judge, blind, the related passages that ECB+ never judged (pooling), and keep the answers.

ecbplus.toml judges a passage related when the corpus annotators linked one of its action
mentions to one of the compared passage's. That leaves two gaps, both of which a reader of the
texts sees at once (a system's "miss" whose five passages all tell the same fire):

- the annotators' work aimed at a selection of sentences; mentions outside it are annotated
  in part and unchecked. The corpus' README says so and lists the selection
  (ECBplus_coreference_sentences.csv), "to prevent skewed evaluation results due to system
  output for mentions that might not be annotated properly". A third to two-fifths of the
  passages the systems rank in their top 5 lie outside it;
- inside the selection, some same-event mentions were never linked (two accounts of the same
  heist, one "robbery", one "stole", judged 0).

So, the way TREC completes its judgements: the passages that decide each system's hit@5 and
hit@1 and that ecbplus.toml does not judge related are pooled, and annotators who see neither
the systems nor the code judge them from the texts alone, by the ECB+ rule (the candidate
mentions one of the same happenings: 1; and shares who, when or where: 2; a similar happening
of the topic's other incident: 0). The pool, per system and per judged passage:
its top 5 when none of them is judged related (decides hit@5), else its first passage when that
one is not (decides hit@1), leaving out what is judged already. Pooled: casereader with
meaning, and MoreLikeThis; then casereader with words alone (the related passages shown until
the meaning is computed), in a second round (ecbplus-answers-2/). Three in ten
packets' queries also carry one passage ecbplus.toml judges related, unannounced, to measure
how often the annotators agree with the corpus' links.

Articles are named by a random label in their topic (not "ecb"/"ecbplus", which tells the two
incidents apart), candidates are shuffled, and nothing says which system found them. The key to
the ids is written beside the packets' folder, not in it, until the answers are in.

    uv run python bench/ecbplus_pool.py packets <folder> [--parts-test 4 --parts-dev 4]
    (annotators write <folder>/answers_<k>.tsv: id, grade, reason; tab-separated; the key,
    <folder>.index.json, is read from there or from <folder>/index.json)
    uv run python bench/ecbplus_pool.py second <folder> [--second 150]
    (another annotator judges <folder>/second/packet_9.txt again, into answers_9.tsv beside it)
    uv run python bench/ecbplus_pool.py read <folder>
    uv run python bench/ecbplus_pool.py selection [--split test|dev]

``read`` rebuilds bench/judgements/pooled/ecbplus.toml from every round kept in
bench/judgements/pooled/ecbplus-answers*/ (and <folder>): the pooled grades, 0s kept (judged,
not related). bench/quality.py lays them under ecbplus.toml to report "related, completed"
beside the corpus' own judgements, and counts the outcomes that still rest on a passage no one
judged; a later change that ranks such passages shows there, and ``packets`` pools only those.
``selection`` measures the corpus authors' protocol instead (the sentences outside their
selection left out of rankings and judgements; the selection is kept as
ecbplus-selected-sentences.csv).

Each round's folder keeps the brief the annotators read, the packets as they read them
(packets.tar.xz), the key (index.json: each id's passages, whether it was a control, and which
system's ranking pooled it), the answers with a reason each, and for the first round a second
annotator's answers on 150 held-out candidates drawn at random (second/). The first round's
packets were made by an earlier draft of this script (the same pool and controls; other random
article labels), and the reasons in its key were added afterwards, recomputed from the same
rankings. The annotators were language-model helper sessions given only the brief and their
packet; the key sat in the packets' folder during the first round (they were told to read
nothing else, and said they did not); in the second it sat beside that folder. So the second
annotator measures consistency, not correctness; the controls measure recall of the corpus'
links only.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path

import quality

BENCH = Path(__file__).resolve().parent
POOLED = BENCH / "judgements" / "pooled" / "ecbplus.toml"
SYSTEMS = ("casereader + meaning", "casereader", "MoreLikeThis")
CONTROLS = 0.3  # share of a packet's queries that also get one of ECB+'s related passages


def _plain(ref: str) -> str:
    """A judged ref ("36_1ecb.txt:3") as casereader cites it in ECB+ cases ("36_1ecb:3")."""
    doc, _, n = ref.rpartition(":")
    return f"{doc.removesuffix('.txt')}:{n}"


def _file(ref: str) -> str:
    """A ref as ecbplus.toml writes it ("36_1ecb:3" → "36_1ecb.txt:3"; one already so is kept)."""
    doc, _, n = ref.rpartition(":")
    return f"{doc.removesuffix('.txt')}.txt:{n}"


def _lines(ref: str) -> list[str]:
    doc = ref.rpartition(":")[0]
    path = BENCH / "cases" / "ecbplus" / doc.split("_")[0] / f"{doc}.txt"
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def _labels() -> dict[str, str]:
    """Each article's blind label: its topic and a random number in it."""
    labels = {}
    for folder in sorted((BENCH / "cases" / "ecbplus").iterdir()):
        if not folder.is_dir():
            continue
        docs = sorted(p.stem for p in folder.glob("*.txt"))
        random.Random(str(folder.name)).shuffle(docs)
        labels.update({doc: f"{folder.name}-{i:02d}" for i, doc in enumerate(docs, 1)})
    return labels


def _block(ref: str, tag: str, labels: dict[str, str]) -> str:
    """The passage with its article's first two lines and its neighbours, for context."""
    doc, _, number = ref.rpartition(":")
    n, lines = int(number), _lines(ref)
    out = [f"{tag} article {labels[doc]} (sentence {n} of {len(lines)})"]
    if n > 1:
        out.append(f"    headline/first: {lines[0]}")
    if n > 2:
        out.append(f"    second:         {lines[1]}")
    if n > 3:
        out.append(f"    before:         {lines[n - 2]}")
    out.append(f"    >>> PASSAGE:    {lines[n - 1]}")
    if n < len(lines):
        out.append(f"    after:          {lines[n]}")
    return "\n".join(out)


def pool(topics: list[str]) -> dict[tuple[str, str, str], set[str]]:
    """(topic, judged passage, candidate) → why pooled, for the candidates not judged yet."""
    quality.MEANING["on"] = True
    judged, done = quality._judged("ecbplus"), quality._pooled("ecbplus")
    found: dict[tuple[str, str, str], set[str]] = {}
    for topic in topics:
        related = judged["topics"][topic]["related"]
        runs = quality._runs(quality.BENCH_CASES / "ecbplus" / topic, {}, related)["related"]
        for system in SYSTEMS:
            for question, (ranked, grades) in zip(related, runs[system], strict=True):
                query = _plain(question)
                # the corpus' grades over the pooled ones (0s kept: judged, not related)
                known = {**{_plain(r): g for r, g in done.get(topic, {}).get(question, {}).items()}, **grades}
                if not any(known.get(r, 0) > 0 for r in ranked[:5]):
                    picked, why = ranked[:5], "miss@5"
                elif known.get(ranked[0], 0) == 0:
                    picked, why = ranked[:1], "top1"
                else:
                    continue
                for ref in picked:
                    if ref not in known:
                        found.setdefault((topic, query, ref), set()).add(f"{system} {why}")
    return found


def packets(folder: Path, parts: dict[str, int]) -> int:
    judged = quality._judged("ecbplus")
    test = [str(t) for t in judged["test_topics"]]
    splits = {"test": test, "dev": [t for t in judged["topics"] if t not in test]}
    rng = random.Random(7)
    labels = _labels()
    folder.mkdir(parents=True, exist_ok=True)
    index: dict[str, dict[str, str]] = {}
    why: dict[tuple[str, str, str], str] = {}
    part = 0
    for split, topics in splits.items():
        found = pool(topics)
        why.update({key: ", ".join(sorted(reasons)) for key, reasons in found.items()})
        by_query: dict[tuple[str, str], list[str]] = defaultdict(list)
        for topic, query, ref in found:
            by_query[(topic, query)].append(ref)
        controls = set()
        for (topic, query), refs in by_query.items():
            grades = judged["topics"][topic]["related"][_file(query)]
            known = [_plain(r) for r, g in grades.items() if g > 0 and _plain(r) not in refs]
            if known and rng.random() < CONTROLS:
                control = rng.choice(known)
                refs.append(control)
                controls.add((topic, query, control))
        queries = list(by_query)
        rng.shuffle(queries)
        share = sum(len(by_query[q]) for q in queries) / parts[split]
        chunks: list[list[tuple[str, str]]] = [[]]
        size = 0
        for q in queries:
            chunks[-1].append(q)
            size += len(by_query[q])
            if size >= share and len(chunks) < parts[split]:
                chunks.append([])
                size = 0
        for chunk in (c for c in chunks if c):
            part += 1
            text = []
            for qi, (topic, query) in enumerate(chunk, 1):
                text.append(packet_query(f"QUERY {part}-{qi}  (collection {topic})", _block(query, "QUERY", labels)))
                refs = by_query[(topic, query)][:]
                rng.shuffle(refs)
                assert len(refs) <= 26, "a judged passage's candidates are lettered a-z"
                for ci, ref in enumerate(refs):
                    cid = f"{part}-{qi}{chr(97 + ci)}"
                    kind = "control" if (topic, query, ref) in controls else "pooled"
                    index[cid] = {"split": split, "topic": topic, "query": query, "ref": ref, "kind": kind}
                    if kind == "pooled":
                        index[cid]["why"] = why[(topic, query, ref)]
                    text.append(packet_candidate(cid, _block(ref, "CANDIDATE", labels)))
            (folder / f"packet_{part}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
            n = sum(len(by_query[q]) for q in chunk)
            print(f"packet {part}: {split}, {len(chunk)} judged passages, {n} candidates")
    write_key(folder, index)
    return 0


def packet_query(header: str, block: str) -> str:
    """A compared passage in a packet: its header line, then its block."""
    return f"\n==================== {header}\n{block}"


def packet_candidate(cid: str, block: str) -> str:
    """A candidate in a packet: its id in brackets, then its block, indented."""
    return f"\n  [{cid}]\n" + "\n".join("  " + x for x in block.split("\n"))


def write_key(folder: Path, index: dict[str, dict[str, str]]) -> None:
    """The key to a round's ids, beside its packets' folder, not in it: the annotators read that
    folder. ``_key`` finds it there, or in the folder once moved in (as the kept rounds have it)."""
    aside = folder.parent / f"{folder.name}.index.json"
    aside.write_text(json.dumps(index, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"the key to the ids: {aside}")


def write_second(folder: Path, text: list[str], ids: dict[str, str], what: str) -> None:
    """A second annotator's packet and the map from its ids to the first round's, in <folder>/second/."""
    (folder / "second").mkdir(exist_ok=True)
    (folder / "second" / "packet_9.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    (folder / "second" / "map.json").write_text(json.dumps(ids), encoding="utf-8")
    print(f"second packet: {what}, {len(ids)} candidates")


def second(folder: Path, count: int) -> int:
    """A second annotator's packet: ``count`` pooled held-out candidates drawn at random, under
    new ids (<folder>/second/packet_9.txt; its answers go to answers_9.tsv beside it)."""
    index = _key(folder)
    rng = random.Random(11)  # the draw of the first round's second packet
    held = [cid for cid, entry in index.items() if entry["split"] == "test" and entry["kind"] == "pooled"]
    by_query: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid in rng.sample(held, min(count, len(held))):
        by_query[(index[cid]["topic"], index[cid]["query"])].append(cid)
    labels, text, ids = _labels(), [], {}
    queries = list(by_query)
    rng.shuffle(queries)
    for qi, (topic, query) in enumerate(queries, 1):
        text.append(packet_query(f"QUERY 9-{qi}  (collection {topic})", _block(query, "QUERY", labels)))
        for ci, cid in enumerate(by_query[(topic, query)]):
            again = f"9-{qi}{chr(97 + ci)}"
            ids[again] = cid
            text.append(packet_candidate(again, _block(index[cid]["ref"], "CANDIDATE", labels)))
    write_second(folder, text, ids, f"{len(queries)} judged passages")
    return 0


def _answers(path: Path, ids: Collection[str]) -> dict[str, int]:
    """id → grade of an annotator's answers file (lines: id, grade, reason; tab-separated)."""
    answers: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        cells = [cell.strip() for cell in line.split("\t")]
        if not line.strip():
            continue
        if len(cells) < 2 or cells[0] not in ids or cells[1] not in {"0", "1", "2"}:
            print(f"  {path.name}:{number}: not an id and a grade 0-2, left out: {line[:60]!r}")
        elif answers.get(cells[0], int(cells[1])) != int(cells[1]):
            raise SystemExit(f"{path.name}:{number}: {cells[0]} graded twice, differently")
        else:
            answers[cells[0]] = int(cells[1])
    return answers


def _agreement(folder: Path, answers: dict[str, int], what: str = "pooled held-out candidates") -> str:
    """How often the second annotator agrees with the first on related or not, and Cohen's kappa."""
    ids = json.loads((folder / "second" / "map.json").read_text(encoding="utf-8"))
    theirs = _answers(folder / "second" / "answers_9.tsv", ids)
    pairs = [(answers[ids[k]] > 0, g > 0) for k, g in theirs.items() if ids[k] in answers]
    if not pairs:
        return "second annotator: no answers"
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, other = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    chance = first * other + (1 - first) * (1 - other)
    kappa = f"{(observed - chance) / (1 - chance):.2f}" if chance < 1 else "undefined"
    same = sum(answers[ids[k]] == g for k, g in theirs.items() if ids[k] in answers) / n
    return (
        f"second annotator, {n} {what}: related or not agrees on {observed:.2f}"
        f" (Cohen's kappa {kappa}), the same grade on {same:.2f}; related: first {first:.2f}, second {other:.2f}"
    )


def _key(folder: Path) -> dict[str, dict[str, str]]:
    """A round's key to the ids: <folder>/index.json, or beside the folder where ``packets`` left it."""
    inside, aside = folder / "index.json", folder.parent / f"{folder.name}.index.json"
    return json.loads((inside if inside.exists() or not aside.exists() else aside).read_text(encoding="utf-8"))


def _round(folder: Path) -> tuple[dict[str, dict[str, str]], dict[str, int]]:
    """One pooling round's key and answers, with what they say printed: how many candidates are
    answered, the grades, the controls' agreement with the corpus, the second annotator's."""
    index = _key(folder)
    answers: dict[str, int] = {}
    for path in sorted(folder.glob("answers_*.tsv")):
        answers.update(_answers(path, index))
    missing = sorted(set(index) - set(answers))
    unanswered = f": {', '.join(missing[:10])}" if missing else ""
    graded = [g for cid, g in answers.items() if index[cid]["kind"] == "pooled"]
    controls = [g for cid, g in answers.items() if index[cid]["kind"] == "control"]
    print(f"{folder.name}: {len(answers)} answers, {len(missing)} candidates unanswered{unanswered}")
    print(f"  pooled: {len(graded)} judged — 0: {graded.count(0)}, 1: {graded.count(1)}, 2: {graded.count(2)}")
    if controls:
        agree = sum(g > 0 for g in controls)
        print(f"  controls (ECB+ related): {agree} of {len(controls)} judged related ({agree / len(controls):.2f})")
    if (folder / "second" / "answers_9.tsv").exists():
        print("  " + _agreement(folder, answers))
    return index, answers


def read(folder: Path) -> int:
    """bench/judgements/pooled/ecbplus.toml rebuilt from every round's answers: each
    bench/judgements/pooled/ecbplus-answers*/ folder in name order, and ``folder`` if it is
    elsewhere. A pair two rounds grade differently stops it."""
    folders = sorted(p for p in POOLED.parent.glob("ecbplus-answers*") if p.is_dir())
    if folder.resolve() not in {f.resolve() for f in folders}:
        folders.append(folder)
    table: dict[str, dict[str, dict[str, int]]] = {}
    conflicts = []
    for each in folders:
        index, answers = _round(each)
        for cid, grade in answers.items():
            entry = index[cid]
            if entry["kind"] != "pooled":
                continue
            grades = table.setdefault(entry["topic"], {}).setdefault(_file(entry["query"]), {})
            ref = _file(entry["ref"])
            if grades.get(ref, grade) != grade:
                conflicts.append(f"{entry['query']} → {entry['ref']}: {grades[ref]} then {grade} ({each.name} {cid})")
            grades[ref] = grade
    if conflicts:
        print(f"{len(conflicts)} pairs graded differently by two rounds; nothing written:", *conflicts[:20], sep="\n  ")
        return 1
    lines = [
        "# Pooled judgements over ecbplus.toml, made by bench/ecbplus_pool.py (see its docstring):",
        "# passages the systems ranked first or in a missed top 5 that the corpus does not judge related,",
        "# judged blind from the texts by the ECB+ rule. 0 = judged, not related. Refs as in ecbplus.toml.",
        "",
    ]
    for topic in sorted(table, key=int):
        lines.append(f'[topics."{topic}"]')
        for query in sorted(table[topic]):
            inner = ", ".join(f'"{r}" = {g}' for r, g in sorted(table[topic][query].items()))
            lines.append(f'"{query}" = {{ {inner} }}')
        lines.append("")
    POOLED.parent.mkdir(parents=True, exist_ok=True)
    POOLED.write_text("\n".join(lines), encoding="utf-8")
    pairs = sum(len(grades) for queries in table.values() for grades in queries.values())
    print(f"wrote {POOLED.relative_to(BENCH.parent)}: {pairs} judged pairs from {len(folders)} rounds")
    return 0


SELECTED = BENCH / "judgements" / "pooled" / "ecbplus-selected-sentences.csv"


def _selected() -> set[str]:
    """The sentences the corpus' annotators marked (its ECBplus_coreference_sentences.csv, kept
    here), as casereader cites them: an "ecbplus" article's line n is sentence n (its sentence 0
    is its web address), an "ecb" article's line n is sentence n - 1."""
    refs = set()
    with SELECTED.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            doc, sentence = f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])
            refs.add(f"{doc}:{sentence if doc.endswith('plus') else sentence + 1}")
    return refs


def selection(split: str) -> int:
    """The corpus authors' own protocol beside the completed judgements: how much of each
    system's top 5 lies outside the annotated selection, and the scores with those sentences
    left out of the rankings and of the judgements (a judged passage left with none is dropped)."""
    quality.MEANING["on"] = True
    quality.RELATED_DEPTH["n"] = 50  # so that each system fills its top 10 from deeper down
    judged, selected = quality._judged("ecbplus"), _selected()
    test = [str(t) for t in judged["test_topics"]]
    topics = test if split == "test" else [t for t in judged["topics"] if t not in test]
    merged: dict[str, list[tuple[list[str], dict[str, int]]]] = defaultdict(list)
    for topic in topics:
        runs = quality._runs(quality.BENCH_CASES / "ecbplus" / topic, {}, judged["topics"][topic]["related"])
        for system, pairs in runs["related"].items():
            merged[system].extend(pairs)
    print(f"ECB+ {split} topics: {len(topics)}")
    for system, pairs in merged.items():
        top = [ref for ranked, _ in pairs for ref in ranked[:5]]
        outside = sum(ref not in selected for ref in top)
        kept = [
            ([r for r in ranked if r in selected][:10], {r: g for r, g in grades.items() if r in selected})
            for ranked, grades in pairs
        ]
        pairs = [(ranked[:10], grades) for ranked, grades in pairs]
        kept = [(ranked, grades) for ranked, grades in kept if grades]
        print(f"  {system:<21} top 5 outside the selection: {outside} of {len(top)}")
        print(f"  {'':<21} the corpus' judgements:  {quality.evaluate(pairs).row()}  n={len(pairs)}")
        print(f"  {'':<21} selected sentences only: {quality.evaluate(kept).row()}  n={len(kept)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("packets", "second", "read", "selection"))
    parser.add_argument("folder", type=Path, nargs="?", help="the packets' folder (not for selection)")
    parser.add_argument("--split", choices=("test", "dev"), default="test", help="for selection")
    parser.add_argument("--parts-test", type=int, default=4)
    parser.add_argument("--parts-dev", type=int, default=4)
    parser.add_argument("--second", type=int, default=150, help="candidates in the second annotator's packet")
    args = parser.parse_args()
    if args.step == "selection":
        return selection(args.split)
    if args.folder is None:
        parser.error(f"{args.step} needs the packets' folder")
    if args.step != "packets" and not args.folder.is_dir():
        parser.error(f"no such folder: {args.folder}")
    if args.step == "packets":
        return packets(args.folder, {"test": args.parts_test, "dev": args.parts_dev})
    if args.step == "second":
        return second(args.folder, args.second)
    return read(args.folder)


if __name__ == "__main__":
    sys.exit(main())
