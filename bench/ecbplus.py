"""Turn the ECB+ corpus into casereader cases and judgement sets (run once; its output is kept).

ECB+ (Cybulska & Vossen, LREC 2014; CC BY 3.0) holds 982 news articles from many outlets in
43 topics. Each topic has two similar seminal events (say, two actors checking into rehab),
and annotators linked every mention of the same action, participant, time and place across
the articles: exactly "the same fact told by another outlet". From it:

- cases: one case per topic under bench/cases/ecbplus/<topic>/, one article a .txt file,
  one sentence a line (so ¶n is sentence n), a catalog.toml with each article's web address,
  outlet (its host) and headline where the article has them;
- related: each annotated sentence that mentions an action also mentioned in another article,
  with the sentences of the other articles that mention that action: grade 2 when they also
  share a participant, time or place, 1 when they share the action alone;
- search: each action the annotators named (their label, "t3_escape_nov_30" → "escape nov 30")
  mentioned in two articles or more, with the sentences that mention it (grade 2).

    uv run python bench/ecbplus.py <folder holding ECB+/ and ECBplus_coreference_sentences.csv>

The ECB+ files come from the ECB+_LREC2014 folder of github.com/cltl/ecbPlus (also in
github.com/tommasoc80/EventStoryLine, unzipped).
"""

from __future__ import annotations

import csv
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
CASES = BENCH / "cases" / "ecbplus"
JUDGEMENTS = BENCH / "judgements" / "ecbplus.toml"
#: Held out: the test topics of the usual ECB+ split (Cybulska & Vossen 2015).
TEST_TOPICS = tuple(range(36, 46))
ACTIONS = ("ACT", "NEG")

_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|''|”)")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$“`]) ")


def detokenize(tokens: list[str]) -> str:
    """Tokens as a reader would see them: no space before punctuation, none inside quotes."""
    text = " ".join("“" if t == "``" else "”" if t == "''" else t for t in tokens if t)
    # Straight quotes, standing alone or stuck to a word ('"Justice'), open and close in turn;
    # a lone one opens unless it ends the sentence.
    places = [m.start() for m in re.finditer('"', text)]
    chars = list(text)
    for k, i in enumerate(places):
        opening = k % 2 == 0 if len(places) > 1 else i < len(text) - 1
        chars[i] = "“" if opening else "”"
    text = "".join(chars).replace(" ”", "”")
    text = _NO_SPACE_BEFORE.sub("", text)
    text = _NO_SPACE_AFTER.sub("", text)
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)  # hyphens are tokens of their own
    text = re.sub(r"(?<=\d) ?([:/]) (?=\d)", r"\1", text)  # times and dates: 4:49, 08/04/11
    text = re.sub(r"\s+", " ", text).strip()
    return text[:-2] + "”" if text.endswith(" “") else text  # a `` token closing the sentence


@dataclass
class Article:
    name: str  # "1_10ecbplus"
    topic: int
    url: str = ""
    lines: list[str] = field(default_factory=list)  # line i+1 = sentence first + i
    first: int = 0  # the sentence on line 1
    #: sentence → instances mentioned in it
    mentions: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def line(self, sentence: int) -> int:
        return sentence - self.first + 1


def read_article(path: Path, names: dict[str, str]) -> Article:
    """An article's lines and the instances each sentence mentions; the annotators' label
    of each instance it names goes to ``names``, as words ("t3b_judge_gave_life_sentence" →
    "judge gave life sentence")."""
    root = ET.parse(path).getroot()
    name = path.stem
    article = Article(name, int(name.split("_")[0]))
    sentences: dict[int, list[str]] = defaultdict(list)
    sentence_of: dict[str, int] = {}
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        sentences[sentence].append(token.text or "")
        sentence_of[token.get("t_id", "")] = sentence
    numbers = sorted(sentences)
    if numbers and "".join(sentences[numbers[0]]).startswith("http"):
        article.url = "".join(sentences[numbers[0]])
        numbers = numbers[1:]
    article.first = numbers[0] if numbers else 0
    article.lines = [detokenize(sentences[n]) or "…" for n in range(article.first, (numbers or [0])[-1] + 1)]
    markables: dict[str, int] = {}
    for markable in root.findall("Markables/*"):
        anchors = markable.findall("token_anchor")
        if anchors:
            markables[markable.get("m_id", "")] = sentence_of[anchors[0].get("t_id", "")]
        instance, label = markable.get("instance_id"), markable.get("TAG_DESCRIPTOR")
        if instance and label:
            names[instance] = re.sub(r"^t\d+b?_", "", label).replace("_", " ").strip()
    for relation in root.iter("CROSS_DOC_COREF"):
        instance = relation.get("note", "")
        for source in relation.findall("source"):
            sentence = markables.get(source.get("m_id", ""))
            if sentence is not None and sentence >= article.first:
                article.mentions[sentence].add(instance)
    return article


def outlet_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return re.sub(r"^(www\d?|articles|query|news|edition|abcnews\.go)\.", "", host) if host else ""


def toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_case(folder: Path, articles: list[Article]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    catalog = [f"# ECB+ topic {articles[0].topic} (CC BY 3.0, Cybulska & Vossen); see ../README.md.", ""]
    for article in articles:
        (folder / f"{article.name}.txt").write_text("\n".join(article.lines) + "\n", encoding="utf-8")
        entry = {"lang": "en"}
        if article.url:
            entry.update(url=article.url, outlet=outlet_of(article.url))
            if article.lines and len(article.lines[0].split()) <= 20:
                entry["title"] = article.lines[0]
        catalog.append(f'[documents."{article.name}.txt"]')
        catalog += [f"{key} = {toml_string(value)}" for key, value in entry.items()]
        catalog.append("")
    (folder / "catalog.toml").write_text("\n".join(catalog), encoding="utf-8")


def judgements(articles: list[Article], validated: set[tuple[str, int]], names: dict[str, str]) -> tuple[dict, dict]:
    """(search, related) of one topic, refs as "file.txt:line"."""
    where: dict[str, list[tuple[Article, int]]] = defaultdict(list)
    for article in articles:
        for sentence, instances in article.mentions.items():
            for instance in instances:
                where[instance].append((article, sentence))
    related: dict[str, dict[str, int]] = {}
    for article in articles:
        for sentence, instances in sorted(article.mentions.items()):
            if (article.name, sentence) not in validated:
                continue
            actions = {i for i in instances if i[:3] in ACTIONS}
            others = instances - actions
            grades: dict[str, int] = {}
            for action in actions:
                for other, other_sentence in where[action]:
                    if other is article:
                        continue
                    shared = others & other.mentions[other_sentence]
                    ref = f"{other.name}.txt:{other.line(other_sentence)}"
                    grades[ref] = max(grades.get(ref, 0), 2 if shared else 1)
            if grades:
                related[f"{article.name}.txt:{article.line(sentence)}"] = grades
    search: dict[str, dict[str, int]] = {}
    for instance, places in where.items():
        query = names.get(instance, "")
        if instance[:3] not in ACTIONS or len({a.name for a, _ in places}) < 2 or len(query.split()) < 2:
            continue
        grades = {f"{a.name}.txt:{a.line(s)}": 2 for a, s in places}
        search[query] = {**search.get(query, {}), **grades}
    return search, related


def write_table(lines: list[str], name: str, table: dict[str, dict[str, int]]) -> None:
    lines.append(f"[{name}]")
    for key, grades in sorted(table.items()):
        inner = ", ".join(f"{toml_string(ref)} = {g}" for ref, g in sorted(grades.items()))
        lines.append(f"{toml_string(key)} = {{ {inner} }}")
    lines.append("")


def main(source: Path) -> int:
    root = source / "ECB+"
    validated = set()
    with open(source / "ECBplus_coreference_sentences.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            validated.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    names: dict[str, str] = {}
    if CASES.exists():
        shutil.rmtree(CASES)
    out = [
        "# Generated by bench/ecbplus.py from the ECB+ corpus (Cybulska & Vossen, LREC 2014; CC BY 3.0).",
        "# Refs are file:line of bench/cases/ecbplus/<topic>/; see that folder's README.md.",
        'case = "ecbplus"',
        'lang = "en"',
        f"test_topics = {list(TEST_TOPICS)}",
        "",
    ]
    articles_n = queries = passages = 0
    for topic_dir in sorted(root.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
        if not topic_dir.name.isdigit():
            continue
        articles = [read_article(p, names) for p in sorted(topic_dir.glob("*.xml"))]
        write_case(CASES / topic_dir.name, articles)
        search, related = judgements(articles, validated, names)
        write_table(out, f'topics."{topic_dir.name}".search', search)
        write_table(out, f'topics."{topic_dir.name}".related', related)
        articles_n, queries, passages = articles_n + len(articles), queries + len(search), passages + len(related)
    JUDGEMENTS.write_text("\n".join(out), encoding="utf-8")
    print(f"{articles_n} articles; {queries} search queries; {passages} related passages")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
