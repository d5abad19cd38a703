"""Figures: every number in body text with what it counts and who is cited for it, grouped
across outlets by what they are about, with disagreements flagged.

A figure is digits ("252", "1,500", "12%"), a number word in English, Spanish or Portuguese
("seven", "siete", "sete"), a percentage ("90 percent", "75 por ciento") or money ("$6
million").  Dates are not figures: years, days next to a month, times.  Two figures are
about the same thing when their sentences share enough rare words (tf-idf cosine over the
case's sentences); a group with different values of one unit is a disagreement.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..ingest.dates import month_pattern
from ..text.analysis import fold
from .text import NUMBER_WORD_PATTERN, NUMBER_WORDS, SCALE_WORDS, name_spans, sentence_at, words

MONTH_PATTERN = month_pattern(running_text=True)  # "20 out of 252" is a figure

_NUMBER = re.compile(
    r"(?P<money>(?:US\$|R\$|\$|€|£)\s?)?"
    r"(?P<digits>\d{1,3}(?:[,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<percent>\s?%|\s(?:percent|per cent|por ciento|por cento)\b)?"
    r"(?P<scale>\s(?:thousand|million|billion|mil|millones|millón|milhões|milhão|bilhões)\b)?",
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(
    rf"\b(?P<word>{NUMBER_WORD_PATTERN})\b(?P<percent>\s(?:percent|per cent|por ciento|por cento)\b)?", re.IGNORECASE
)
_DATE_CONTEXT = re.compile(
    rf"(?:\b(?:{MONTH_PATTERN})\.?\s*$|^\s*(?:de\s+)?(?:{MONTH_PATTERN})\b|^(?:st|nd|rd|th)\b|^:\d\d|^\s?(?:am|pm|a\.m\.|p\.m\.|h\b))",
    re.IGNORECASE,
)
_OF = {"of", "de", "do", "da", "dos", "das", "del"}
_DETERMINERS = {
    "the",
    "those",
    "these",
    "its",
    "their",
    "los",
    "las",
    "el",
    "la",
    "os",
    "as",
    "o",
    "a",
    "esos",
    "esas",
    "estes",
    "estas",
}
_STOP_AFTER = set(
    words(
        "before after when why where how sent remain remains remained represents represent reached received held "
        "being been said says had have has were was are is who that which with and or in to from for on at by as "
        "but than que con y e en em para por com se would could will did do does not no only about some "
        "fueron fue son eran estaban estan tenian tenían habian habían han hay según segun foram foi sao são eram "
        "estavam tinham tiveram haviam nao não segundo más mas more menos less most"
    )
)
# Words after which Spanish "dos" is the number two ("los dos", "de dos", "con dos").
_BEFORE_DOS = set(words("los las de a con en por para sus unos unas entre y o otros otras cada sus estos estas"))
_ATTRIBUTION = re.compile(
    r"\b(?:according to|según|de acuerdo con|de acordo com|segundo|reported by|citing)\s+"
    r"(?P<who>(?:the\s+)?[A-ZÀ-Þ][\w’'.]*(?:\s+(?:of\s+|de\s+)?[A-ZÀ-Þ][\w’'.]*)*)"
)


@dataclass
class Figure:
    value: float
    unit: str  # "count", "percent" or "money"
    text: str  # as written ("32 men", "90 percent")
    counts: str  # what it counts ("men", "people", "those detained"), "" when the text does not say
    source: str  # who is cited for it, "" when the text does not say
    doc_id: str
    n: int
    outlet: str
    sentence: str
    start: int  # offsets of the figure in the paragraph
    end: int
    paragraph_start: int = 0  # where its sentence starts in the paragraph

    @property
    def shown(self) -> str:
        if self.unit == "percent":
            return f"{self.value:g}%"
        return f"{self.value:,.0f}" if self.value == int(self.value) else f"{self.value:g}"


@dataclass
class FigureGroup:
    about: str  # the words the figures' sentences share, best first
    figures: list[Figure] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({f.outlet for f in self.figures})

    @property
    def disagreement(self) -> bool:
        """Different values of one unit about the same thing (a count and its share of the
        whole, "32 men (12%)", are two units, not a disagreement)."""
        for i, a in enumerate(self.figures):
            for b in self.figures[i + 1 :]:
                if a.unit != b.unit or a.value == b.value:
                    continue
                if a.unit != "count" or not a.counts or not b.counts:
                    return True
                if {fold(w)[:4] for w in a.counts.split()} & {fold(w)[:4] for w in b.counts.split()}:
                    return True  # counts of the same thing ("32 men", "7 men")
        return False


def _value(digits: str) -> float | None:
    """1,234.5 and 1.234,5 and 12,5; None for what is no number in any convention
    ("1.077.718.63", a version or an address seen on a real page)."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
        return float(digits.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        return float(digits.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", digits):
        return float(digits.replace(",", "."))
    return None


def _counts(after: str) -> str:
    """What a number counts, from the words after it: "of the Venezuelan migrants" ->
    "Venezuelan migrants"; "men (12%)" -> "men"."""
    words = re.findall(r"\(?[^\W\d_][\w’'-]*\)?|\d+|[^\w\s]", after[:80])
    taken: list[str] = []
    i = 0
    while i < len(words) and words[i].startswith("("):  # "(12%)"
        while i < len(words) and not words[i].endswith(")"):
            i += 1
        i += 1
    if i < len(words) and fold(words[i]) in _OF:
        i += 1
        while i < len(words) and fold(words[i]) in _DETERMINERS:
            i += 1
    for word in words[i:]:
        folded = fold(word)
        if not re.match(r"[^\W\d_]", word) or folded in _STOP_AFTER or len(taken) == 3:
            break
        if taken and (folded.endswith("ed") or (len(folded) > 5 and folded.endswith(("ron", "ram")))):
            break  # a verb: "men detained", "presos salieron", "presos ficaram"
        taken.append(word)
    return " ".join(taken)


def _source(sentence: str, at: int) -> str:
    """Who the sentence cites for the figure at offset ``at``: "according to CBS", or the
    name nearest before a reporting verb ("Diosdado Cabello, confirmed that only seven")."""
    match = _ATTRIBUTION.search(sentence)
    if match:
        return match.group("who").removeprefix("the ").strip(" .,")
    verbs = [m for m in _REPORTING.finditer(sentence)]
    if not verbs:
        return ""
    before = [v for v in verbs if v.start() < at]
    verb = before[-1] if before else verbs[0]
    names = [n for n in name_spans(sentence) if n.end <= verb.start() and verb.start() - n.end <= 60]
    return names[-1].text if names else ""


_REPORTING = re.compile(
    r"\b(?:said|says|stated|states|noted|notes|reported|reports|confirmed|confirms|found|estimated|estimates|"
    r"announced|told|showed|show|shows|suggested|dijo|afirmó|informó|señaló|confirmó|declaró|indicó|disse|afirmou|"
    r"informou|confirmou|declarou)\b"
)


def find_figures(paragraphs: Iterable[tuple[str, int, str, str]]) -> list[Figure]:
    """Every figure of the body ``paragraphs`` — ``(doc_id, n, outlet, text)``."""
    figures = []
    for doc_id, n, outlet, text in paragraphs:
        text_start = text.index(" ") + 1 if re.match(r"\d+\.\s", text) else 0  # "1. The motives…"
        for match in _NUMBER.finditer(text, text_start):
            start, end = match.start(), match.end()
            before, after = text[max(0, start - 12) : start], text[end : end + 16]
            digits = match.group("digits")
            value = _value(digits)
            if value is None:
                continue
            if match.group("percent"):
                unit = "percent"
            elif match.group("money"):
                unit = "money"
            else:
                if _DATE_CONTEXT.search(before) or _DATE_CONTEXT.search(after):
                    continue  # April 20, 20 de abril, 20th, 10:30
                if re.fullmatch(r"1[5-9]\d\d|20\d\d", digits):
                    continue  # a year
                unit = "count"
            if match.group("scale"):
                value *= SCALE_WORDS.get(fold(match.group("scale").strip()), 1)
            if (
                unit == "count"
                and re.search(r"\b(?:of|de|dos|das|del)\s+(?:the\s+|los\s+|las\s+|os\s+|as\s+)?$", before)
                and not _counts(text[end:])
            ):
                continue  # "six of the 252": the whole, not a claim
            figures.append(_figure(value, unit, text, start, end, doc_id, n, outlet))
        for match in _WORD_NUMBER.finditer(text, text_start):
            word = fold(match.group("word"))
            if word not in NUMBER_WORDS or (word in ("dos", "once") and not _counts(text[match.end() :])):
                continue
            previous = re.findall(r"[^\W\d_]+|\d+|%", text[max(0, match.start() - 20) : match.start()])
            if word == "dos" and previous and fold(previous[-1]) not in _BEFORE_DOS:
                continue  # Portuguese "dos" ("90 por cento dos presos") is "of the", not two
            unit = "percent" if match.group("percent") else "count"
            figures.append(
                _figure(float(NUMBER_WORDS[word]), unit, text, match.start(), match.end(), doc_id, n, outlet)
            )
    figures.sort(key=lambda f: (f.doc_id, f.n, f.start))
    return figures


def _figure(value: float, unit: str, text: str, start: int, end: int, doc_id: str, n: int, outlet: str) -> Figure:
    s_start, s_end = sentence_at(text, start)
    sentence = text[s_start:s_end]
    counts = _counts(text[end:]) if unit != "money" else ""
    shown = (
        text[start:end] + (" " + counts if counts and text[end:].lstrip().startswith(counts.split()[0]) else "")
    ).strip()
    return Figure(
        value, unit, shown, counts, _source(sentence, start - s_start), doc_id, n, outlet, sentence, start, end, s_start
    )


_WINDOW_STOP = {
    fold(w)
    for w in words(
        "the of and that had have has for with their this were was not are in on at to from by as but than "
        "they them those these some about only any who which there its his her our your said also been being "
        "into over los las del que con por para una uno sus como más fue han ser las dos das uma com pelo "
        "pela são foi "
    )
}
_DURATION = re.compile(
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|años?|meses|mes|días?|horas?|anos?|dias?)\b", re.I
)
MAX_GROUP = 40  # figures in one group at most: a chain of look-alikes stops there
SIMILAR = 0.15  # tf-idf cosine of the words around two figures


def _window(figure: Figure) -> list[tuple[str, str]]:
    """The words around a figure in its sentence, as (4-letter key, word): "criminal record"
    and "criminal records", "crime" and "criminal" meet on their first letters."""
    text = figure.sentence
    offset = figure.start - (figure.paragraph_start or 0) + (figure.end - figure.start)
    clause = _CLAUSE_END.split(re.sub(r"^\s*\([^)]*\)", "", text[offset : offset + 160]), maxsplit=1)[0]
    counted = {fold(w) for w in figure.counts.split()}
    words = [w for w in re.findall(r"[^\W\d_]+", clause) if fold(w) not in counted]
    # Names are left out: they say who, not what ("United States" is in every other sentence).
    return [(fold(w)[:4], fold(w)) for w in words if len(w) > 2 and w[0].islower() and fold(w) not in _WINDOW_STOP]


# Where the claim about a figure ends: a comma, a dash, "but", "while", "and that".
_CLAUSE_END = re.compile(r"[,;:—–]|\s(?:but|while|whereas|although|and that|pero|mientras|mas|enquanto)\s")


def group_figures(figures: list[Figure]) -> list[FigureGroup]:
    """Figures about the same thing, across outlets: linked when the words around them are
    alike (or they stand in one sentence), strongest links first, groups capped at MAX_GROUP;
    groups of two or more figures in two or more paragraphs, most outlets first."""
    figures = [f for f in figures if not _DURATION.match(f.counts)]  # "300 years" is not a count of anything
    windows = [_window(f) for f in figures]
    bags = [Counter(key for key, _ in w) for w in windows]
    surface: dict[str, Counter[str]] = {}
    for window in windows:
        for key, word in window:
            surface.setdefault(key, Counter())[word] += 1
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    total = max(1, len(bags))
    vectors = []
    for bag in bags:
        vector = {t: (1 + math.log(c)) * math.log(1 + total / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    # Candidate pairs: figures sharing a word that few figures have, and figures of one sentence.
    postings: dict[str, list[int]] = {}
    for i, bag in enumerate(bags):
        for t in bag:
            if 2 <= df[t] <= 30:
                postings.setdefault(t, []).append(i)
    edges: dict[tuple[int, int], float] = {}
    for members in postings.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                if (i, j) not in edges:
                    edges[(i, j)] = sum(v * vectors[j].get(t, 0.0) for t, v in vectors[i].items())
    by_sentence: dict[tuple[str, int, str], list[int]] = {}
    for i, f in enumerate(figures):
        by_sentence.setdefault((f.doc_id, f.n, f.sentence), []).append(i)
    for members in by_sentence.values():
        for a, b in itertools.pairwise(members):
            edges[(a, b)] = 1.0
    parent = list(range(len(figures)))
    size = [1] * len(figures)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), score in sorted(edges.items(), key=lambda e: -e[1]):
        if score < SIMILAR:
            break
        a, b = root(i), root(j)
        if a != b and size[a] + size[b] <= MAX_GROUP:
            parent[b] = a
            size[a] += size[b]
    clusters: dict[int, list[int]] = {}
    for i in range(len(figures)):
        clusters.setdefault(root(i), []).append(i)
    groups = []
    for cluster in clusters.values():
        grouped = [figures[i] for i in cluster]
        if len(grouped) < 2 or len({(m.doc_id, m.n) for m in grouped}) < 2:
            continue
        weight: Counter[str] = Counter()
        present: Counter[str] = Counter()
        for i in cluster:
            weight.update(vectors[i])
            present.update(set(vectors[i]))
        about = [surface[t].most_common(1)[0][0] for t, _ in weight.most_common() if present[t] >= 2][:3]
        groups.append(FigureGroup(", ".join(about), grouped))
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.figures), g.figures[0].doc_id, g.figures[0].n))
    return groups
