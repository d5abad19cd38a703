"""What the Sides screen shows under its tables: the row under the cursor read in full — its
source (outlet, author, date, ¶), why it is where it is (its group, its variants, how its date
was read) and the whole sentence with the figure, quote, name or date lit — and the columns'
widths fitted to the screen, so that no column is cut off at 80 columns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text

from ...core import CoverageRow, DocumentInfo, Event, Figure, FigureGroup, NameEntry, Quote, SideViews
from ...display import visible

LIT = "bold black on yellow"


@dataclass(frozen=True)
class Column:
    label: str
    natural: int  # the width its content wants
    minimum: int = 0  # below this it is unreadable (0: the natural width, never less)


PADDING = 2  # a DataTable cell's padding, left and right
SCROLLBAR = 2  # kept free for the vertical scrollbar


def fit_widths(total: int, columns: list[Column]) -> list[int]:
    """Each column's width so that all of them fit in ``total`` cells: the flexible ones (a
    minimum below their natural width) give up room in proportion to what they can give."""
    room = total - SCROLLBAR - PADDING * len(columns)
    widths = [c.natural for c in columns]
    excess = sum(widths) - room
    if excess <= 0:
        return widths
    give = [c.natural - (c.minimum or c.natural) for c in columns]
    can = sum(give)
    if can <= 0:
        return widths
    for i, g in enumerate(give):
        widths[i] -= min(g, -(-excess * g // can))  # rounded up: the columns then surely fit
    return widths


def outlet_width(outlets: Iterable[str], cap: int = 24) -> int:
    """Wide enough for every outlet's whole name (up to ``cap``)."""
    return min(cap, max((len(o) for o in outlets), default=6))


def lit(text: str, spans: Iterable[tuple[int, int]]) -> Text:
    """``text`` shown literally, the spans lit."""
    shown = Text(visible(text))
    for start, end in spans:
        if 0 <= start < end <= len(text):
            shown.stylize(LIT, start, end)
    return shown


def _every(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text):
            if not any(a < match.end() and match.start() < b for a, b in spans):
                spans.append((match.start(), match.end()))
    return spans


def source(doc_id: str, n: int, outlet: str, docs: dict[str, DocumentInfo]) -> Text:
    """ "Source: WOLA · Jane Doe · 2025-04-25 · ¶6" """
    doc = docs.get(doc_id)
    author = doc.meta.author if doc else ""
    date = doc.meta.date if doc else ""
    parts = [outlet or doc_id, author or "no author given", date or "no date given"]
    if n:
        parts.append(f"¶{n}")
    shown = Text("Source: ", style="dim")
    shown.append(visible(" · ".join(parts)), style="bold")
    return shown


def _why(label: str, text: str) -> Text:
    shown = Text(f"{label}: ", style="dim")
    shown.append(visible(text))
    return shown


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+(?=[\"“«¿¡(]*[A-ZÀ-ÖØ-Þ0-9])")


def _sentence_of(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """The sentences of ``paragraph`` that [start, end) spans (a quote may span several)."""
    ends = [m.start() for m in _SENTENCE_END.finditer(paragraph)]
    first = max((m.end() for m in _SENTENCE_END.finditer(paragraph, 0, start) if m.end() <= start), default=0)
    last = min((e for e in ends if e >= end), default=len(paragraph))
    return first, last


def figure_detail(f: Figure, group: FigureGroup | None, docs: dict[str, DocumentInfo]) -> Text:
    at = f.start - getattr(f, "paragraph_start", 0)
    sentence = lit(f.sentence, [(at, at + f.end - f.start)] if f.sentence[at : at + f.end - f.start] == f.text else
                   _every(f.sentence, [f.text]))  # fmt: skip
    counts = f"counts {f.counts!r}" if f.counts else "what it counts is not said"
    cited = f", cited to {f.source}" if f.source else ""
    if group is None:
        why = _why("Not grouped", f"no other figure counts the same thing ({counts}{cited})")
    else:
        values = sorted({g.text for g in group.figures})
        verdict = "the figures differ" if group.disagreement else "the figures agree"
        why = _why(
            "Grouped",
            f"with {len(group.figures) - 1} other figure(s) about “{group.about or '—'}” from "
            f"{', '.join(group.outlets)} — {verdict}: {', '.join(values)}; this one {counts}{cited}",
        )
    return Text("\n").join([source(f.doc_id, f.n, f.outlet, docs), why, sentence])


def quote_detail(q: Quote, paragraph: str | None, docs: dict[str, DocumentInfo]) -> Text:
    if q.speaker:
        why = f"said by {q.speaker}"
    elif q.kind == "quote":
        why = "unattributed: the text does not say who said it"
    else:
        why = "words in quote marks that nobody is quoted for"
    if q.linked:
        elsewhere = ", ".join(f"{o} ¶{n}" for _, n, o in q.linked)
        why += f"; also quoted in {elsewhere}" + (" with other wording" if q.wording_differs else "")
    if paragraph is not None and paragraph[q.start : q.end] == q.text:
        lo, hi = _sentence_of(paragraph, q.start, q.end)
        sentence = lit(paragraph[lo:hi], [(q.start - lo, q.end - lo)])
    else:
        sentence = lit(f"“{q.text}”", [(1, 1 + len(q.text))])
    return Text("\n").join([source(q.doc_id, q.n, q.outlet, docs), _why("Quote", why), sentence])


def _name_reason(entry: NameEntry, variant: str, declared: set[str]) -> str:
    if variant in declared:
        return "declared in aliases.toml"
    words = entry.name.split()
    if variant.replace(".", "").isupper() and len(variant) <= 8:
        return (
            "its initials"
            if "".join(w[0] for w in words if w[:1].isupper()) == variant.replace(".", "")
            else ("written so in the case")
        )
    if set(variant.split()) <= set(words):
        return "part of the full name, and no other full name in the case fits"
    return "the same name written otherwise"


def name_detail(entry: NameEntry, paragraph: str | None, declared: set[str], docs: dict[str, DocumentInfo]) -> Text:
    first = entry.refs[0] if entry.refs else None
    mentions = ", ".join(f"{o} {c}¶" for o, c in sorted(entry.mentions.items()))
    if len(entry.variants) > 1:
        why = "; ".join(f"“{v}”: {_name_reason(entry, v, declared)}" for v in entry.variants[1:])
        reason = _why("Joined", f"{entry.name} ({entry.kind}) — {why}")
    else:
        reason = _why("Name", f"{entry.name} ({entry.kind}), written one way only")
    counted = _why("Mentioned", mentions or "—")
    lines = [source(first[0], first[1], first[2], docs) if first else Text("Source: —", style="dim"), reason, counted]
    if paragraph is not None:
        spans = _every(paragraph, entry.variants)
        lo, hi = _sentence_of(paragraph, *spans[0]) if spans else (0, len(paragraph))
        lines.append(lit(paragraph[lo:hi], [(a - lo, b - lo) for a, b in spans if lo <= a and b <= hi]))
    return Text("\n").join(lines)


def event_detail(e: Event, docs: dict[str, DocumentInfo]) -> Text:
    if e.published:
        return Text("\n").join([source(e.doc_id, 0, e.outlet, docs), _why("Date", e.how)])
    precision = getattr(e, "precision", "") or {4: "year", 7: "month"}.get(len(e.date), "day")
    when = f"{precision} of {e.date}" if precision == "week" else e.date
    lines = [source(e.doc_id, e.n, e.outlet, docs), _why("Dated", f"{when} — {e.how}")]
    if getattr(e, "clause", "") and e.clause != e.sentence.strip():
        lines.append(_why("Clause", e.clause))
    at = getattr(e, "at", -1)
    spans = [(at, at + len(e.text))] if at >= 0 and e.sentence[at : at + len(e.text)] == e.text else []
    lines.append(lit(e.sentence, spans or _every(e.sentence, [e.text])))
    return Text("\n").join(lines)


def coverage_detail(
    row: CoverageRow, views: SideViews, docs: dict[str, DocumentInfo], paragraph: str | None = None
) -> Text:
    """A row of Coverage: what is counted, each outlet's paragraphs, and its first passage (a
    name's ``paragraph`` when read, a figure group's first figure)."""
    counts = ", ".join(f"{o}: {row.counts[o]}¶" if row.counts[o] else f"{o}: left out" for o in views.outlets)
    if row.kind == "name":
        entry = next((e for e in views.names if e.name == row.label), None)
        what = f"paragraphs naming {row.label}" + (f" (also written {', '.join(entry.variants[1:])})" if entry
                                                   and len(entry.variants) > 1 else "")  # fmt: skip
        first = entry.refs[0] if entry and entry.refs else None
        lines = [
            source(*first, docs) if first else Text("Source: —", style="dim"),
            _why("Counted", f"{what} — {counts}"),
        ]
        if entry is not None and paragraph is not None:
            spans = _every(paragraph, entry.variants)
            lo, hi = _sentence_of(paragraph, *spans[0]) if spans else (0, len(paragraph))
            lines.append(lit(paragraph[lo:hi], [(a - lo, b - lo) for a, b in spans if lo <= a and b <= hi]))
        return Text("\n").join(lines)
    group = next((g for g in views.groups if (g.about or g.figures[0].text) == row.label), None)
    if group is None:
        return _why("Counted", counts)
    f = group.figures[0]
    values = ", ".join(sorted({g.text for g in group.figures}))
    return Text("\n").join(
        [source(f.doc_id, f.n, f.outlet, docs),
         _why("Counted", f"paragraphs with a figure about “{row.label}” ({values}) — {counts}"),
         lit(f.sentence, _every(f.sentence, [f.text]))]
    )  # fmt: skip
