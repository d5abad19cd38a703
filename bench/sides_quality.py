"""The Sides views measured against a gold set annotated by people who never saw this code,
each beside a plain baseline computed in the same run, per view, language and split.

The gold set: cases in bench/cases/sides/<case-id>/ (one paragraph per line, ¶N = line N;
the catalog gives each document's date, outlet and lang, and ``split = "tune"|"heldout"``)
and their annotations in bench/judgements/sides/<case-id>.toml (format and rules:
bench/judgements/sides/SPEC.md; the READMEs in bench/cases/sides/ say where the texts come from).
Each case is opened with casereader's core (``Case``, ``Case.views()``); a casereader
paragraph is put on its line of the file by its character offsets (a long line split into
passages is still that line).

Matching, the same for casereader and the baselines:
- Items match only within the same document and paragraph (line).  Gold items in lines the
  view does not read (a document's title; the timeline also reads headings and captions)
  are out of scope for both and counted apart ("out of scope").
- Text overlap: after folding (case, accents, apostrophes) and keeping only word tokens,
  one text's tokens are a contiguous run of the other's (containment), or the token Jaccard
  is >= 0.5.  Figures overlap by position instead: the found number's span in the line meets
  an occurrence of the gold text.
- Numbers are equal within 0.5% (of the gold value).  A figure whose number is the gold's
  but with the scale lost or added ("1,06" for "R$ 1,06 bilhão": a power of 1,000 apart)
  still matches; "scale kept" counts the ones whose value is the gold's.
- Pairs are matched one to one, best overlap first (quotes: a found quote may also be
  correct by overlapping a gold quote already matched, e.g. one quotation cut in two).

Per view:
- quotes: found (recall: gold quotes matched), precision (a listed quote matching a
  [[not_quote]], or nothing in the gold, is wrong; the entries the view marks as
  ``kind = "phrase"`` — words in quote marks it says nobody is quoted for — are not listed
  quotes), speaker right among the matched gold
  quotes: right (the same gold [[name]] through its variants, or the texts overlap; "" for
  "" — unattributed where the gold says "" is right), wrong (another speaker, or any
  speaker where the gold has none), blank (unattributed where the gold names one).
  Baseline: every span in quote marks; speaker = the nearest capitalised run before or
  after it in the paragraph.
- figures: precision (found figures that match a gold [[figure]]), recall, counts right
  (matched figures whose counted phrase shares a content word with the gold ``counts``:
  folded words of 3+ letters that are not function words, equal or sharing their first 5
  letters), scale kept.  Baseline: every run of digits; counts = the next word that is no
  function word.
- figure groups: share of flagged (⚠, values differ) groups that are coherent: at least two
  members matched to gold figures and all matched members in one gold [[figure_group]] (its
  ``members`` name gold figures as "doc:line:text"), i.e. one claim told differently; also the
  share of all groups that are coherent, and found: the share of gold groups that a coherent
  group holds two or more members of.
  Baseline: figures of two or more paragraphs whose counted word is the same, flagged when
  their values differ.
- names: entries that are one real entity (every variant maps to the same gold [[name]],
  none to a [[not_name]] or to nothing), gold entities found (some entry has a variant of
  it), merged wrongly (entries spanning two or more gold entities), split (gold entities
  spread over two or more entries).  A variant maps to a gold name when it is one of its
  variants after folding (and without dots); else to the gold names whose variants it holds
  as separate runs ("Fulano (PT-SP)" holds Fulano, PT and SP); else to the one gold name
  with a variant of token Jaccard >= 0.5 — no containment here: "Brasil" is inside
  "Bandeira do Brasil" and is another entity.  Baseline: every capitalised run.
- timeline: gold dates found (text overlap), resolved right (the same date at the gold
  precision: day, week, month or year), precision (found dated events matching a gold
  date; the documents' own publication dates are not counted).  Baseline: dateparser's
  ``search.search_dates`` alone, RELATIVE_BASE = the document's date, each found date's
  precision from dateparser's own period for it.

    uv run python bench/sides_quality.py [--split tune|heldout] [--lang en] [--case ID]
        [--json | --markdown] [--no-baseline] [--detail quotes|names|figures|groups|timeline]

``--detail`` lists each case's misses and wrong items for one view (tune cases only
unless ``--split heldout`` is given: tune on the tune split, look at held-out output only
to report it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casereader.core.text.analysis import fold

BENCH = Path(__file__).resolve().parent
CASES = BENCH / "cases" / "sides"
GOLD = BENCH / "judgements" / "sides"
VIEWS = ("quotes", "figures", "groups", "names", "timeline")
SCALES = [1000.0**k for k in range(-4, 5)]

# Function words of en/es/pt, for "a content word" of what a figure counts (bench only).
FUNCTION_WORDS = set(
    """a an the of in on at to for from by with as and or but than that which who whom this these those
    its their his her our your my is are was were be been being has have had do does did will would can
    could may might shall should not no nor so such some any all each every more most less least many much
    other another per about over under into onto out up down off only also just very same own both either
    el la los las lo un una unos unas de del al en con por para y o u que como mas menos su sus este esta
    estos estas ese esa esos esas aquel otro otra otros otras cada todo toda todos todas se le les ya es son
    fue fueron era ser estar ha han hay muy sin sobre entre hasta desde segun tras o os as um uma uns umas
    do da dos das no na nos nas ao aos pelo pela pelos pelas com por para e ou que como mais menos seu sua
    seus suas este esta estes estas esse essa esses essas aquele outro outra outros outras cada todo toda
    todos todas se lhe ja foi foram era ser estar tem ter sao muito sem sobre entre ate desde segundo apos
    cerca mil""".split()  # noqa: SIM905
)


# --- text helpers -----------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def contains(a: list[str], b: list[str]) -> bool:
    """``b`` is a contiguous run of ``a``."""
    if not b or len(b) > len(a):
        return False
    n = len(b)
    return any(a[i : i + n] == b for i in range(len(a) - n + 1))


def jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def overlap(a: str, b: str) -> float:
    """0 when the texts do not overlap; else higher is better (containment beats Jaccard)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    j = jaccard(ta, tb)
    if ta == tb:
        return 3.0
    if contains(ta, tb) or contains(tb, ta):
        return 1.0 + j
    return j if j >= 0.5 else 0.0


def content_words(text: str) -> set[str]:
    return {w for w in tokens(text) if len(w) >= 3 and not w.isdigit() and w not in FUNCTION_WORDS}


def shares_content_word(a: str, b: str) -> bool:
    wa, wb = content_words(a), content_words(b)
    return any(x == y or (len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5]) for x in wa for y in wb)


def name_key(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return " ".join(fold(text).replace(".", "").replace("’", "'").split())


def same_value(found: float, gold: float) -> bool:
    return abs(found - gold) <= 0.005 * abs(gold) + 1e-9


# --- the gold set and a case's paragraphs ------------------------------------------------------


@dataclass
class Line:
    doc: str  # the file name, as the gold writes it
    p: int
    text: str
    kinds: set[str] = field(default_factory=set)


@dataclass
class CaseRun:
    """One case: its gold, its lines, what casereader found."""

    case_id: str
    lang: str
    split: str
    gold: dict[str, Any]
    lines: dict[tuple[str, int], Line]
    doc_dates: dict[str, str]  # file name -> ISO date
    views: Any
    place: dict[tuple[str, int], tuple[str, int, int]]  # (doc_id, n) -> (file, line, offset of the paragraph in it)


def list_cases(split: str | None = None, lang: str | None = None, only: Iterable[str] = ()) -> list[Path]:
    chosen = set(only)
    found = []
    for folder in sorted(CASES.iterdir()):
        gold_file = GOLD / f"{folder.name}.toml"
        if not folder.is_dir() or not gold_file.exists() or (chosen and folder.name not in chosen):
            continue
        head = tomllib.loads(gold_file.read_text(encoding="utf-8"))
        if (split and head.get("split") != split) or (lang and head.get("lang") != lang):
            continue
        found.append(folder)
    return found


def open_case(folder: Path, tmp: Path) -> CaseRun:
    from casereader.core import Case

    gold = tomllib.loads((GOLD / f"{folder.name}.toml").read_text(encoding="utf-8"))
    case = Case(folder, tmp / folder.name / "index", tmp / folder.name / "data")
    try:
        case.update()
        lines: dict[tuple[str, int], Line] = {}
        place: dict[tuple[str, int], tuple[str, int, int]] = {}
        dates: dict[str, str] = {}
        for doc in case.documents():
            name = doc.path
            raw = (folder / name).read_text(encoding="utf-8")
            starts = [0] + [m.end() for m in re.finditer("\n", raw)]
            for i, start in enumerate(starts, 1):
                end = raw.find("\n", start)
                lines[(name, i)] = Line(name, i, raw[start : end if end >= 0 else len(raw)])
            dates[name] = doc.meta.date
            for para in case.paragraphs(doc.doc_id):
                if raw[para.start : para.end] != para.text:
                    raise SystemExit(f"{folder.name}/{name}: paragraph {para.n} is not at its offsets in the file")
                line = raw.count("\n", 0, para.start) + 1
                lines[(name, line)].kinds.add(para.kind)
                place[(doc.doc_id, para.n)] = (name, line, para.start - starts[line - 1])
        views = case.views()
    finally:
        case.close()
    return CaseRun(folder.name, gold.get("lang", "?"), gold.get("split", "?"), gold, lines, dates, views, place)


BODY = {"body"}
DATED = {"body", "caption", "heading"}  # what the timeline reads (build_views)


def in_scope(run: CaseRun, item: dict[str, Any], kinds: set[str]) -> bool:
    line = run.lines.get((item["doc"], item["p"]))
    return line is not None and bool(line.kinds & kinds)


def scoped_lines(run: CaseRun, kinds: set[str]) -> list[Line]:
    return [line for line in run.lines.values() if line.kinds & kinds]


# --- names: gold index -------------------------------------------------------------------------


class GoldNames:
    def __init__(self, gold: dict[str, Any]) -> None:
        self.names: list[str] = [n["name"] for n in gold.get("name", [])]
        self.kinds: list[str] = [n.get("kind", "") for n in gold.get("name", [])]
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.variant_tokens: list[tuple[int, list[str]]] = []
        for i, entry in enumerate(gold.get("name", [])):
            for variant in {entry["name"], *entry.get("variants", [])}:
                self.by_key[name_key(variant)].add(i)
                self.variant_tokens.append((i, tokens(variant)))
        self.not_names = {name_key(n["text"]) for n in gold.get("not_name", [])}

    def entities(self, variant: str) -> set[int] | None:
        """The gold names a found variant is; None for a [[not_name]]; empty for nothing."""
        key = name_key(variant)
        if key in self.by_key:
            return set(self.by_key[key])
        if key in self.not_names:
            return None
        found = tokens(variant)
        if not found:
            return set()
        # The gold names it holds as separate runs: "Fulano (PT-SP)" holds Fulano, PT, SP.
        runs: list[tuple[int, int, int]] = []  # (start, end, entity)
        for entity, words in self.variant_tokens:
            n = len(words)
            if not n or n >= len(found):
                continue
            for s in range(len(found) - n + 1):
                if found[s : s + n] == words:
                    runs.append((s, s + n, entity))
        maximal = [r for r in runs if not any(o[0] <= r[0] <= r[1] <= o[1] and o[1] - o[0] > r[1] - r[0] for o in runs)]
        held = {e for _, _, e in maximal}
        covered = sum(1 for i in range(len(found)) if any(s <= i < e for s, e, _ in maximal))
        if len(held) >= 2 and covered * 2 >= len(found):
            return held
        best = [(jaccard(found, words), entity) for entity, words in self.variant_tokens]
        top = max((score for score, _ in best), default=0.0)
        if top >= 0.5:
            winners = {e for score, e in best if score == top}
            if len(winners) == 1:
                return winners
        return set()

    def same(self, a: str, b: str) -> bool:
        """Two speakers are the same: one gold name through the variants, or texts that overlap."""
        if not a or not b:
            return a == b
        ea, eb = self.entities(a) or set(), self.entities(b) or set()
        if ea & eb:
            return True
        if ea and eb:
            return False
        return overlap(a, b) > 0


# --- tallies -----------------------------------------------------------------------------------

Tally = Counter  # counts of one (view, system) in one case; summed over cases


def ratio(n: float, d: float) -> float | None:
    return round(n / d, 3) if d else None


def metrics(view: str, t: Counter[str]) -> dict[str, Any]:
    """The figures reported for a view from its summed tallies."""
    if view == "quotes":
        matched = t["speaker_right"] + t["speaker_wrong"] + t["speaker_blank"]
        return {
            "gold": t["gold"], "listed": t["found"], "found": ratio(t["gold_found"], t["gold"]),
            "precision": ratio(t["found_correct"], t["found"]),
            "speaker_right": ratio(t["speaker_right"], matched), "speaker_wrong": ratio(t["speaker_wrong"], matched),
            "speaker_blank": ratio(t["speaker_blank"], matched), "out_of_scope": t["out_of_scope"],
        }  # fmt: skip
    if view == "figures":
        return {
            "gold": t["gold"], "listed": t["found"], "precision": ratio(t["found_correct"], t["found"]),
            "recall": ratio(t["gold_found"], t["gold"]), "counts_right": ratio(t["counts_right"], t["counts_judged"]),
            "scale_kept": ratio(t["scale_kept"], t["gold_found"]), "out_of_scope": t["out_of_scope"],
        }  # fmt: skip
    if view == "groups":
        return {
            "gold_groups": t["gold"], "found": ratio(t["gold_found"], t["gold"]), "groups": t["groups"],
            "flagged": t["flagged"],
            "flagged_coherent": ratio(t["flagged_coherent"], t["flagged"]),
            "coherent": ratio(t["coherent"], t["groups"]),
        }  # fmt: skip
    if view == "names":
        return {
            "gold": t["gold"], "entries": t["entries"], "one_entity": ratio(t["one_entity"], t["entries"]),
            "found": ratio(t["gold_found"], t["gold"]), "merged_wrongly": t["merged"],
            "merged_person": t["merged_person"], "split": t["split"],
        }  # fmt: skip
    if view == "timeline":
        return {
            "gold": t["gold"], "listed": t["found"], "found": ratio(t["gold_found"], t["gold"]),
            "resolved_right": ratio(t["resolved_right"], t["gold"]),
            "precision": ratio(t["found_correct"], t["found"]), "out_of_scope": t["out_of_scope"],
        }  # fmt: skip
    raise ValueError(view)


# --- quotes ------------------------------------------------------------------------------------


@dataclass
class FoundQuote:
    doc: str
    p: int
    text: str
    speaker: str


_QUOTE_MARKS = re.compile(r"“([^”]+)”|«([^»]+)»|(?<!\w)\"([^\"]+)\"|(?<!\w)‘([^’]+)’(?!\w)")
_CAPITALISED_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'.-]*)*")


def casereader_quotes(run: CaseRun) -> list[FoundQuote]:
    found = []
    for q in run.views.quotes:
        if getattr(q, "kind", "quote") != "quote":
            continue  # words in quote marks the view itself says nobody is quoted for
        doc, line, _ = run.place[(q.doc_id, q.n)]
        found.append(FoundQuote(doc, line, q.text, q.speaker))
    return found


def baseline_quotes(run: CaseRun) -> list[FoundQuote]:
    found = []
    for line in scoped_lines(run, BODY):
        text = line.text
        names = list(_CAPITALISED_RUN.finditer(text))
        for match in _QUOTE_MARKS.finditer(text):
            inside = next(g for g in match.groups() if g is not None)
            outside = [n for n in names if n.end() <= match.start() or n.start() >= match.end()]
            distance = [(min(abs(match.start() - n.end()), abs(n.start() - match.end())), n.group()) for n in outside]
            speaker = min(distance)[1] if distance else ""
            found.append(FoundQuote(line.doc, line.p, inside, speaker))
    return found


def score_quotes(
    run: CaseRun, found: list[FoundQuote], gold_names: GoldNames, detail: list[str] | None
) -> Counter[str]:
    t: Counter[str] = Counter()
    gold = [q for q in run.gold.get("quote", []) if in_scope(run, q, BODY)]
    t["out_of_scope"] = len(run.gold.get("quote", [])) - len(gold)
    not_quotes = run.gold.get("not_quote", [])
    t["gold"], t["found"] = len(gold), len(found)
    by_line: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, q in enumerate(found):
        by_line[(q.doc, q.p)].append(i)
    pairs = []
    for g, q in enumerate(gold):
        for i in by_line.get((q["doc"], q["p"]), []):
            score = overlap(found[i].text, q["text"])
            if score:
                pairs.append((score, g, i))
    gold_match: dict[int, int] = {}
    found_ok: set[int] = set()
    for _, g, i in sorted(pairs, reverse=True):
        found_ok.add(i)
        if g not in gold_match and i not in gold_match.values():
            gold_match[g] = i
    for g, q in enumerate(gold):
        if g not in gold_match:
            if detail is not None:
                detail.append(f"  missed   {q['doc']}:{q['p']} “{q['text'][:70]}” ({q.get('speaker', '')})")
            continue
        t["gold_found"] += 1
        said = found[gold_match[g]].speaker
        want = q.get("speaker", "")
        if gold_names.same(said, want):
            t["speaker_right"] += 1
        elif not said:
            t["speaker_blank"] += 1
            if detail is not None:
                detail.append(f"  blank    {q['doc']}:{q['p']} “{q['text'][:60]}” gold: {want}")
        else:
            t["speaker_wrong"] += 1
            if detail is not None:
                detail.append(f"  speaker  {q['doc']}:{q['p']} “{q['text'][:60]}” said {said!r}, gold {want!r}")
    t["found_correct"] = len(found_ok)
    if detail is not None:
        for i, q in enumerate(found):
            if i in found_ok:
                continue
            why = next((n.get("why", "") for n in not_quotes if (n["doc"], n["p"]) == (q.doc, q.p)
                        and overlap(q.text, n["text"])), "not in the gold")  # fmt: skip
            detail.append(f"  wrong    {q.doc}:{q.p} “{q.text[:70]}” [{why}] speaker {q.speaker!r}")
    return t


# --- figures -----------------------------------------------------------------------------------


@dataclass
class FoundFigure:
    doc: str
    p: int
    start: int  # offsets in the line
    end: int
    value: float
    counts: str
    text: str
    key: int = 0  # the casereader figure's id, to find its group


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def casereader_figures(run: CaseRun) -> list[FoundFigure]:
    found = []
    for f in run.views.figures:
        doc, line, offset = run.place[(f.doc_id, f.n)]
        found.append(FoundFigure(doc, line, offset + f.start, offset + f.end, f.value, f.counts, f.text, id(f)))
    return found


def _plain_number(digits: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
        return float(digits.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        return float(digits.replace(".", "").replace(",", "."))
    try:
        return float(digits.replace(",", "."))
    except ValueError:
        return float(re.sub(r"[.,]", "", digits) or 0)


def baseline_figures(run: CaseRun) -> list[FoundFigure]:
    found = []
    for line in scoped_lines(run, BODY):
        for match in _DIGITS.finditer(line.text):
            after = re.findall(r"[^\W\d_]+", line.text[match.end() : match.end() + 60])
            counts = next((w for w in after if fold(w) not in FUNCTION_WORDS), "")
            value = _plain_number(match.group())
            found.append(FoundFigure(line.doc, line.p, match.start(), match.end(), value, counts, match.group()))
    return found


def _spans(text: str, part: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(part), text)] if part else []


def match_figures(run: CaseRun, found: list[FoundFigure]) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """The in-scope gold figures, and found index -> gold index, one to one."""
    gold = [f for f in run.gold.get("figure", []) if in_scope(run, f, BODY)]
    by_line: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, f in enumerate(found):
        by_line[(f.doc, f.p)].append(i)
    pairs = []
    for g, fig in enumerate(gold):
        line = run.lines[(fig["doc"], fig["p"])]
        spans = _spans(line.text, fig["text"])
        value = float(fig["value"])
        for i in by_line.get((fig["doc"], fig["p"]), []):
            f = found[i]
            meets = any(s < f.end and f.start < e for s, e in spans) if spans else overlap(f.text, fig["text"]) > 0
            if not meets:
                continue
            exact = same_value(f.value, value)
            if exact or any(same_value(f.value * k, value) for k in SCALES):
                pairs.append((exact, -abs(f.start - (spans[0][0] if spans else 0)), g, i))
    match: dict[int, int] = {}
    for _, _, g, i in sorted(pairs, reverse=True):
        if i not in match and g not in match.values():
            match[i] = g
    return gold, match


def score_figures(run: CaseRun, found: list[FoundFigure], detail: list[str] | None) -> Counter[str]:
    t: Counter[str] = Counter()
    gold, match = match_figures(run, found)
    t["out_of_scope"] = len(run.gold.get("figure", [])) - len(gold)
    t["gold"], t["found"], t["found_correct"], t["gold_found"] = len(gold), len(found), len(match), len(match)
    for i, g in match.items():
        fig, f = gold[g], found[i]
        if same_value(f.value, float(fig["value"])):
            t["scale_kept"] += 1
        elif detail is not None:
            detail.append(f"  scale    {fig['doc']}:{fig['p']} {fig['text']!r} = {fig['value']} found {f.value:g}")
        if fig.get("counts"):
            t["counts_judged"] += 1
            if shares_content_word(f.counts, fig["counts"]):
                t["counts_right"] += 1
            elif detail is not None:
                where = f"{fig['doc']}:{fig['p']} {fig['text']!r}"
                detail.append(f"  counts   {where} counts {f.counts!r}, gold {fig['counts']!r}")
    if detail is not None:
        hit = set(match.values())
        for g, fig in enumerate(gold):
            if g not in hit:
                detail.append(f"  missed   {fig['doc']}:{fig['p']} {fig['text']!r} ({fig.get('counts', '')})")
        for i, f in enumerate(found):
            if i not in match:
                line = run.lines[(f.doc, f.p)].text
                detail.append(f"  wrong    {f.doc}:{f.p} {line[max(0, f.start - 25) : f.end + 25]!r}")
    return t


def score_groups(
    run: CaseRun, found: list[FoundFigure], groups: list[tuple[list[int], bool]], detail: list[str] | None
) -> Counter[str]:
    """``groups``: (indices into ``found``, flagged) per group."""
    t: Counter[str] = Counter()
    gold, match = match_figures(run, found)
    keys = {g: f"{fig['doc']}:{fig['p']}:{fig['text']}" for g, fig in enumerate(gold)}
    gold_groups = [set(group.get("members", [])) for group in run.gold.get("figure_group", [])]
    t["gold"] = len(gold_groups)
    covered: set[int] = set()
    for members, flagged in groups:
        matched = {keys[match[i]] for i in members if i in match}
        coherent = len(matched) >= 2 and any(matched <= group for group in gold_groups)
        if coherent:
            covered.update(g for g, group in enumerate(gold_groups) if matched <= group)
        t["groups"] += 1
        t["coherent"] += coherent
        if flagged:
            t["flagged"] += 1
            t["flagged_coherent"] += coherent
            if detail is not None and not coherent:
                shown = ", ".join(found[i].text for i in members[:8])
                detail.append(f"  incoherent ⚠ [{shown}] matched {sorted(matched)[:6]}")
    t["gold_found"] = len(covered)
    if detail is not None:
        for g, group in enumerate(run.gold.get("figure_group", [])):
            if g not in covered:
                detail.append(f"  missed   {group.get('about', '')!r} ({len(group.get('members', []))} members)")
    return t


def casereader_groups(run: CaseRun, found: list[FoundFigure]) -> list[tuple[list[int], bool]]:
    index = {f.key: i for i, f in enumerate(found)}
    return [([index[id(f)] for f in g.figures], g.disagreement) for g in run.views.groups]


def baseline_groups(found: list[FoundFigure]) -> list[tuple[list[int], bool]]:
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(found):
        if f.counts:
            by_word[fold(f.counts)].append(i)
    groups = []
    for members in by_word.values():
        if len({(found[i].doc, found[i].p) for i in members}) >= 2:
            groups.append((members, len({found[i].value for i in members}) > 1))
    return groups


# --- names -------------------------------------------------------------------------------------


def score_names(
    run: CaseRun, entries: list[tuple[str, list[str]]], gold_names: GoldNames, detail: list[str] | None
) -> Counter[str]:
    t: Counter[str] = Counter()
    t["gold"], t["entries"] = len(gold_names.names), len(entries)
    hits: dict[int, int] = Counter()
    for name, variants in entries:
        mapped = [gold_names.entities(v) for v in variants]
        entities = set().union(*(m for m in mapped if m))
        bad = [v for v, m in zip(variants, mapped, strict=True) if not m]
        for e in entities:
            hits[e] += 1
        if len(entities) == 1 and not bad:
            t["one_entity"] += 1
        if len(entities) >= 2:
            t["merged"] += 1
            kinds = sorted(gold_names.kinds[e] for e in entities)
            if kinds.count("person") >= 2 or ("person" in kinds and "organization" in kinds):
                t["merged_person"] += 1  # two people, or a person and a party or body
            if detail is not None:
                detail.append(f"  merged   {name!r}: {variants[:8]} -> {sorted(gold_names.names[e] for e in entities)}")
        elif detail is not None and bad:
            detail.append(f"  wrong    {name!r}: not names {bad[:8]}")
    t["gold_found"] = len(hits)
    t["split"] = sum(1 for n in hits.values() if n >= 2)
    if detail is not None:
        for e, count in hits.items():
            if count >= 2:
                holders = [n for n, vs in entries if e in set().union(*(gold_names.entities(v) or set() for v in vs))]
                detail.append(f"  split    {gold_names.names[e]!r} over {holders[:6]}")
        for e, name in enumerate(gold_names.names):
            if e not in hits:
                detail.append(f"  missed   {name!r} ({gold_names.kinds[e]})")
    return t


def casereader_names(run: CaseRun) -> list[tuple[str, list[str]]]:
    return [(e.name, list(e.variants)) for e in run.views.names]


def baseline_names(run: CaseRun) -> list[tuple[str, list[str]]]:
    runs = {m.group().rstrip(".") for line in scoped_lines(run, BODY) for m in _CAPITALISED_RUN.finditer(line.text)}
    return [(r, [r]) for r in sorted(runs) if r]


# --- timeline ----------------------------------------------------------------------------------


@dataclass
class FoundDate:
    doc: str
    p: int
    text: str
    date: str  # ISO, as precise as found: YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-Www for a week
    precision: str


def _precision_of(iso: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "day")


def casereader_dates(run: CaseRun) -> list[FoundDate]:
    found = []
    for e in run.views.events:
        if e.published or not e.n:
            continue
        doc, line, _ = run.place[(e.doc_id, e.n)]
        found.append(FoundDate(doc, line, e.text, e.date, getattr(e, "precision", "") or _precision_of(e.date)))
    return found


def baseline_dates(run: CaseRun) -> list[FoundDate]:
    import warnings

    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    found = []
    for line in scoped_lines(run, DATED):
        date = run.doc_dates.get(line.doc, "")
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
            continue
        base = dt.datetime.fromisoformat(date)
        settings: Any = {"RELATIVE_BASE": base}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = search_dates(line.text, languages=[run.lang], settings=settings) or []
            parser = DateDataParser(languages=[run.lang], settings=settings)
            for text, when in hits:
                period = getattr(parser.get_date_data(text), "period", None) or "day"
                iso = _iso_at(when.date(), period)
                found.append(FoundDate(line.doc, line.p, text, iso, period))
    return found


def _iso_at(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.isoformat()


def score_dates(run: CaseRun, found: list[FoundDate], detail: list[str] | None) -> Counter[str]:
    t: Counter[str] = Counter()
    gold = [d for d in run.gold.get("date", []) if in_scope(run, d, DATED)]
    t["out_of_scope"] = len(run.gold.get("date", [])) - len(gold)
    t["gold"], t["found"] = len(gold), len(found)
    by_line: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, f in enumerate(found):
        by_line[(f.doc, f.p)].append(i)
    pairs = []
    for g, d in enumerate(gold):
        for i in by_line.get((d["doc"], d["p"]), []):
            score = overlap(found[i].text, d["text"])
            if score:
                pairs.append((score, g, i))
    match: dict[int, int] = {}  # gold -> found
    for _, g, i in sorted(pairs, reverse=True):
        if g not in match and i not in match.values():
            match[g] = i
    t["gold_found"] = t["found_correct"] = len(match)
    for g, i in match.items():
        d, f = gold[g], found[i]
        right = f.precision == d.get("precision", "day") and f.date == str(d["resolved"])
        t["resolved_right"] += right
        if detail is not None and not right:
            detail.append(f"  resolved {d['doc']}:{d['p']} {d['text']!r} = {d['resolved']} ({d.get('precision')}); "
                          f"found {f.date} ({f.precision})")  # fmt: skip
    if detail is not None:
        for g, d in enumerate(gold):
            if g not in match:
                detail.append(f"  missed   {d['doc']}:{d['p']} {d['text']!r} = {d['resolved']}")
        hit = set(match.values())
        for i, f in enumerate(found):
            if i not in hit:
                detail.append(f"  wrong    {f.doc}:{f.p} {f.text!r} -> {f.date}")
    return t


# --- running -----------------------------------------------------------------------------------

SYSTEMS = ("casereader", "baseline")


def measure_case(run: CaseRun, baseline: bool = True, detail: str = "") -> dict[str, dict[str, Counter[str]]]:
    """view -> system -> tallies, for one case; prints ``detail``'s items for casereader."""
    names = GoldNames(run.gold)
    out: dict[str, dict[str, Counter[str]]] = {v: {} for v in VIEWS}
    lines: list[str] | None = [] if detail else None

    def d(view: str) -> list[str] | None:
        return lines if view == detail else None

    out["quotes"]["casereader"] = score_quotes(run, casereader_quotes(run), names, d("quotes"))
    figures = casereader_figures(run)
    out["figures"]["casereader"] = score_figures(run, figures, d("figures"))
    out["groups"]["casereader"] = score_groups(run, figures, casereader_groups(run, figures), d("groups"))
    out["names"]["casereader"] = score_names(run, casereader_names(run), names, d("names"))
    out["timeline"]["casereader"] = score_dates(run, casereader_dates(run), d("timeline"))
    if baseline:
        out["quotes"]["baseline"] = score_quotes(run, baseline_quotes(run), names, None)
        plain = baseline_figures(run)
        out["figures"]["baseline"] = score_figures(run, plain, None)
        out["groups"]["baseline"] = score_groups(run, plain, baseline_groups(plain), None)
        out["names"]["baseline"] = score_names(run, baseline_names(run), names, None)
        out["timeline"]["baseline"] = score_dates(run, baseline_dates(run), None)
    if lines:
        print(f"\n{run.case_id} ({run.lang}, {run.split}) — {detail}")
        print("\n".join(lines))
    return out


def measure(
    split: str | None = None,
    lang: str | None = None,
    cases: Iterable[str] = (),
    baseline: bool = True,
    detail: str = "",
) -> dict[str, dict[str, dict[str, dict[str, dict[str, Any]]]]]:
    """view -> lang -> split -> system -> metrics (and "cases": the case ids), over the chosen cases."""
    sums: dict[tuple[str, str, str, str], Counter[str]] = defaultdict(Counter)
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="casereader-sides-quality-") as tmp:
        for folder in list_cases(split, lang, cases):
            run = open_case(folder, Path(tmp))
            seen[(run.lang, run.split)].append(run.case_id)
            show = detail if detail and (run.split == "tune" or split == "heldout") else ""
            for view, systems in measure_case(run, baseline, show).items():
                for system, tally in systems.items():
                    sums[(view, run.lang, run.split, system)].update(tally)
                    sums[(view, run.lang, run.split, system)].update({k: 0 for k in tally})
    result: dict[str, dict[str, dict[str, dict[str, dict[str, Any]]]]] = {}
    for (view, lg, sp, system), tally in sorted(sums.items()):
        result.setdefault(view, {}).setdefault(lg, {}).setdefault(sp, {"cases": sorted(seen[(lg, sp)])})
        result[view][lg][sp][system] = metrics(view, tally)
    return result


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def print_table(result: dict[str, Any]) -> None:
    for view in VIEWS:
        if view not in result:
            continue
        print(f"\n{view}")
        for lg, splits in result[view].items():
            for sp, systems in splits.items():
                cases = systems.get("cases", [])
                for system in SYSTEMS:
                    if system not in systems:
                        continue
                    cells = "  ".join(f"{k} {_cell(v)}" for k, v in systems[system].items())
                    print(f"  {lg} {sp:<8} {system:<11} {cells}")
                print(f"  {'':12}({len(cases)} cases: {', '.join(cases)})")


def markdown(result: dict[str, Any]) -> str:
    """The table as Markdown: one table per view, a row per language, split and system."""
    out = []
    for view in VIEWS:
        if view not in result:
            continue
        keys: list[str] = []
        for splits in result[view].values():
            for systems in splits.values():
                for system in SYSTEMS:
                    keys += [k for k in systems.get(system, {}) if k not in keys]
        out += [f"\n**{view}**\n", "| lang | split | system | " + " | ".join(keys) + " |",
                "|" + " --- |" * (3 + len(keys))]  # fmt: skip
        for lg, splits in result[view].items():
            for sp, systems in splits.items():
                for system in SYSTEMS:
                    if system in systems:
                        cells = " | ".join(_cell(systems[system].get(k)) for k in keys)
                        out.append(f"| {lg} | {sp} | {system} | {cells} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["tune", "heldout"])
    parser.add_argument("--lang")
    parser.add_argument("--case", action="append", default=[], help="only this case (repeatable)")
    parser.add_argument("--json", action="store_true", help="machine output")
    parser.add_argument("--markdown", action="store_true", help="the tables as Markdown")
    parser.add_argument("--no-baseline", action="store_true", help="casereader only (faster)")
    parser.add_argument("--detail", choices=VIEWS, default="", help="list a view's misses and wrong items")
    args = parser.parse_args()
    result = measure(args.split, args.lang, args.case, not args.no_baseline, args.detail)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.markdown:
        print(markdown(result))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
