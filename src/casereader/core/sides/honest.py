"""Related passages, compared honestly: what is shared and what differs, and which outlets
say nothing about the passage.

- A figure of the same group in both passages is a reason: a same figure ("same figure:
  252") when the values agree (one a rounding of the other counts: "3,4 millones" and
  3.442.770; ``figures.told_alike``, the rule of the groups' ⚠), a Difference ("differs: 75%
  vs 90 percent") when they do not;
  a figure no group joins is no reason shown ("12%" and "90 percent" share only "percent");
  passages holding figures of the passage's groups join the related ones (they tell the
  same fact).
- A related passage of another document is shown only above a floor: it shares a name, a
  figure, a phrase, or three other words.  An outlet with none is listed as saying nothing related.
- The passages keep the order in which ``related`` ranked them; those only a figure group
  brings come after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..models import Difference, Hit, Paragraph, Related, Span
from ..ref import Ref
from ..text.analysis import fold
from . import SideViews
from .figures import Figure, told_alike


@dataclass(frozen=True)
class RelatedSides:
    items: list[Related]
    missing: list[str]  # outlets with nothing related to the passage
    comparing: bool = False  # the sides' views are being built: items as found, not yet compared


_FIGURE = re.compile(r"\d|%|\bper ?cent\b|\bpor cien|\bpor cento\b", re.I)


def strong(item: Related, names: set[str]) -> bool:
    """Above the floor: a name of the Names view that few passages have, a figure, a phrase
    ("Betty Ford", "criminal record") or a difference in common, or three other words
    ("President", "Meanwhile" or "Venezuela" is not enough).  On ECB+ (bench/quality.py)
    the floor first dropped 252 relevant passages of 729 it dropped, mostly headline phrases
    ("Lindsay Lohan Checks", "Into Betty Ford"); counting those, related hit@5 0.86 → 0.88.
    Counting capitalised words among the three too gave 0.89, but then "Meanwhile,
    questioning, process" was enough: a capital may only start a sentence."""
    if item.differs or item.same_figures or item.meaning or item.similarity or item.likely:
        return True  # (a passage near in meaning is above the meaning floor: search/related.py)
    shared = item.shared
    if sum(1 for r in shared if not r[:1].isupper()) >= 3:
        return True
    return any(fold(r) in names or _FIGURE.search(r) or " " in r for r in shared)


def compare(
    ref: Ref,
    items: list[Related],
    views: SideViews,
    outlet: dict[str, str],
    paragraph: dict[Ref, tuple[Paragraph, Hit | None]] | None = None,
) -> RelatedSides:
    """``items`` (the related passages of ``ref``) with figure differences said, the passages
    of the same figure groups added (``paragraph`` gives their text and citation), weak
    matches from other documents dropped, and the outlets that say nothing related."""
    mine = views.figures_at(ref.doc_id, ref.n)
    others: dict[Ref, list[tuple[Figure, Figure]]] = {}
    for figure in mine:
        group = views.group_of(figure)
        if group is None:
            continue
        for other in group.figures:
            if (other.doc_id, other.n) != (ref.doc_id, ref.n):
                others.setdefault(Ref(other.doc_id, other.n), []).append((figure, other))
    result: list[Related] = []
    seen: set[Ref] = set()
    names = {
        fold(v) for e in views.names if (e.total >= 1 and e.kind != "name") or len(e.variants) > 1 for v in e.variants
    }
    for item in items:
        pairs = others.get(item.hit.ref, [])
        if pairs:
            item = _with_differences(item, pairs)
        seen.add(item.hit.ref)
        if item.same_document or strong(item, names):
            result.append(_figures_said_by_groups(item))
    for other_ref, pairs in others.items():
        if other_ref in seen or paragraph is None or other_ref not in paragraph:
            continue
        _, hit = paragraph[other_ref]
        if hit is None:
            continue
        extra = _with_differences(Related(hit, [], [], other_ref.doc_id == ref.doc_id), pairs)
        seen.add(other_ref)
        result.append(extra)
    # Ranked as ``related`` ranked them: putting every passage with a figure of the same
    # group first put "two", "2008" ahead of better matches (ECB+ related nDCG@10 0.49 vs 0.53).
    result.sort(key=lambda r: r.same_document)
    own = outlet.get(ref.doc_id, "")
    covered = {outlet.get(r.hit.citation.doc_id, "") for r in result if not r.same_document}
    missing = sorted({o for d, o in outlet.items() if o != own and d != ref.doc_id} - covered)
    return RelatedSides(result, missing)


def _figures_said_by_groups(item: Related) -> Related:
    """The item without figures among its shared words that no figure group says are the
    same: "12%" and "90 percent" meet on the word "percent", and count different things."""
    shared = [r for r in item.shared if not _FIGURE.search(r) or r in item.same_figures]
    return item if shared == item.shared else replace(item, shared=shared)


def _with_differences(item: Related, pairs: list[tuple[Figure, Figure]]) -> Related:
    """The item with its figures compared: a figure both passages have words for is not
    shared when the values differ — its highlight moves from "shared" to "differs"."""
    differences, same_figures = _compared(pairs)
    differ = [(m, o) for m, o in pairs if m.unit == o.unit and not told_alike(m, o)]
    same = [(m, o) for m, o in pairs if m.unit == o.unit and told_alike(m, o)]
    mine_spans = [Span(m.start, m.end) for m, _ in differ]
    other_spans = [Span(o.start, o.end) for _, o in differ]

    def apart(spans: list[Span], differing: list[Span]) -> list[Span]:
        return [s for s in spans if not any(s.start < d.end and d.start < s.end for d in differing)]

    kept = [r for r in item.shared if not (differ and _FIGURE.search(r))]
    hit_spans = apart(item.hit.spans, other_spans) + [Span(o.start, o.end) for _, o in same]
    source_spans = apart(item.source_spans, mine_spans) + [Span(m.start, m.end) for m, _ in same]
    return replace(
        item,
        hit=replace(item.hit, spans=sorted(set(hit_spans), key=lambda s: s.start)),
        source_spans=sorted(set(source_spans), key=lambda s: s.start),
        shared=kept,
        differs=differences,
        same_figures=same_figures,
        differing=sorted(set(other_spans), key=lambda s: s.start),
        source_differing=sorted(set(mine_spans), key=lambda s: s.start),
    )


def _compared(pairs: list[tuple[Figure, Figure]]) -> tuple[tuple[Difference, ...], tuple[str, ...]]:
    """The differences (the passage's figure, the other's) and the same figures (as the other
    passage writes them) of figure pairs of one unit, each once, in the pairs' order."""
    differences: dict[Difference, None] = {}
    same: dict[str, None] = {}
    for mine, other in pairs:
        if mine.unit == other.unit and told_alike(mine, other):
            same.setdefault(other.text, None)
        elif mine.unit == other.unit:
            differences.setdefault(Difference(mine.text, other.text), None)
    return tuple(differences), tuple(same)
