"""The commands that compare the sides: figures, names, quotes, coverage, timeline."""

from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from ..core import SIDE_VIEWS, Event, SideViews
from ..display import visible
from .opening import ready_case
from .output import OK, Command, Output

VIEWS = SIDE_VIEWS


def cmd_view(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=args.json, output=output)
    views = case.views()
    for problem in views.problems:
        output.note(problem)
    if args.json:
        output.json(views.to_json(args.command))
        return OK
    table = {"figures": _figures, "names": _names, "quotes": _quotes, "coverage": _coverage, "timeline": _timeline}
    output.out.print(table[args.command](views))
    return OK


def _cell(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _figures(views: SideViews) -> Table:
    table = Table(title="Figures about the same thing, by outlet", title_justify="left", expand=True)
    for column in ("about", "outlet", "figure", "counts", "cited", "¶"):
        table.add_column(column, overflow="fold")
    for group in views.groups:
        label = _cell(group.about or "—", "bold")
        if group.disagreement:
            label.append("\n⚠ the figures differ", style="bold yellow")
        for i, f in enumerate(group.figures):
            table.add_row(label if i == 0 else Text(""), _cell(f.outlet), _cell(f.text, "bold cyan"),
                          _cell(f.counts), _cell(f.source), f"{f.doc_id}:{f.n}")  # fmt: skip
        table.add_section()
    grouped = {id(f) for g in views.groups for f in g.figures}
    others = [f for f in views.figures if id(f) not in grouped]
    if others:
        table.add_row(_cell("other figures", "dim"), "", "", "", "", "")
        for f in others:
            table.add_row("", _cell(f.outlet), _cell(f.text), _cell(f.counts), _cell(f.source), f"{f.doc_id}:{f.n}")
    return table


def _names(views: SideViews) -> Table:
    table = Table(title="Names: people, organisations, places", title_justify="left", expand=True)
    table.add_column("name", overflow="fold")
    table.add_column("kind")
    table.add_column("also written", overflow="fold")
    for outlet in views.outlets:
        table.add_column(visible(outlet), justify="right")
    for entry in views.names:
        counts = [str(entry.mentions.get(o, 0) or "—") for o in views.outlets]
        table.add_row(_cell(entry.name, "bold"), entry.kind, _cell(", ".join(entry.variants[1:])), *counts)
    return table


def _quotes(views: SideViews) -> Table:
    table = Table(title="Quotes and who said them", title_justify="left", expand=True)
    for column in ("speaker", "quote", "outlet", "¶", "also in"):
        table.add_column(column, overflow="fold")
    for q in sorted(views.quotes, key=lambda q: (q.kind != "quote", q.speaker == "", q.speaker, q.outlet, q.n)):
        linked = ", ".join(f"{o} ¶{n}" for _, n, o in q.linked) + (" (worded differently)" if q.wording_differs else "")
        table.add_row(_cell(q.said_by, "bold"), _cell(f"“{q.text}”"), _cell(q.outlet), f"{q.doc_id}:{q.n}",
                      _cell(linked))  # fmt: skip
    return table


def _coverage(views: SideViews) -> Table:
    table = Table(title="Who mentions what (paragraphs; — : left out)", title_justify="left", expand=True)
    table.add_column("name or figure", overflow="fold")
    for outlet in views.outlets:
        table.add_column(visible(outlet), justify="right")
    for row in views.coverage:
        cells = [Text(str(row.counts[o]), style="bold") if row.counts[o] else Text("—", style="yellow")
                 for o in views.outlets]  # fmt: skip
        table.add_row(_cell(row.label, "" if row.kind == "name" else "cyan"), *cells)
    return table


def _clause(e: Event) -> Text:
    """The clause an event belongs to, its date words in bold."""
    clause = " ".join((e.clause or e.text).split())
    shown = _cell(clause)
    at = clause.find(e.text)
    if at >= 0:
        shown.stylize("bold", at, at + len(e.text))
    return shown


def _timeline(views: SideViews) -> Table:
    table = Table(title="Timeline", title_justify="left", expand=True)
    for column in ("date", "outlet", "what", "¶"):
        table.add_column(column, overflow="fold")
    for e in views.events:
        what = Text("published", style="bold magenta") if e.published else _clause(e)
        if e.assumed_year:
            what.append("  (year from the document's date)", style="dim")
        table.add_row(e.date, _cell(e.outlet), what, f"{e.doc_id}:{e.n}" if e.n else "")
    return table


COMMANDS: dict[str, Command] = dict.fromkeys(VIEWS, cmd_view)
