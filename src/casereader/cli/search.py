"""The commands that find passages: ``search`` and ``related``."""

from __future__ import annotations

import argparse
import shlex

from rich.text import Text

from ..core import Case, Hit, QueryError
from ..display import highlighted, quoted, visible
from .opening import paragraph_at, ready_case
from .output import NOTHING_FOUND, OK, Command, Output


def _annotation(hit: Hit) -> Text:
    return Text.assemble(
        (visible(hit.citation.annotation()), "bold cyan"),
        ("  ", ""),
        (visible(str(hit.ref)), "dim"),
    )


def _label(case: Case, doc_id: str) -> str:
    doc = case.document(doc_id)
    if doc is None:
        return doc_id
    meta = doc.meta
    return " · ".join(p for p in (meta.outlet, meta.title[:60]) if p) or doc_id


def cmd_search(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=args.json, output=output)
    query = " ".join(args.query)
    try:
        result = case.search(query, limit=max(1, args.limit), count_docs=args.json)
    except QueryError as exc:
        return output.error(f"cannot search for {quoted(query)}: {exc}", "bad_query")
    if args.json:
        output.json(result.to_json())
        return OK
    none_has_all = result.some_words_from == 0 and result.notes
    for note in result.notes[1:] if none_has_all else result.notes:
        output.note(note)
    out = output.out
    shown = len(result.hits)
    if none_has_all:  # "no paragraph has all 3 words — 14 have some": the count, honestly
        headline = f"{quoted(query)}: {result.notes[0]}" + (f", showing {shown}" if shown < result.listable else "")
    else:
        headline = f"{result.total} paragraph{'s' if result.total != 1 else ''} match {quoted(query)}" + (
            f", showing {shown}" if shown < result.total else ""
        )
    out.print(Text(headline + f" ({result.seconds * 1000:.0f} ms)", style="bold"))
    if result.suggestion and (not result.hits or result.missing_words):
        out.print(Text(f"did you mean: {visible(result.suggestion)}", style="yellow"))
        out.print(Text("    " + visible(_suggested_command(args, result.suggestion)), style="yellow"), soft_wrap=True)
    some = len(result.hits) if result.some_words_from is None else result.some_words_from
    near = len(result.hits) if result.meaning_from is None else result.meaning_from
    for rank, hit in enumerate(result.hits, 1):
        out.print()
        tag = ("  some of the words", "yellow") if rank > some else ("", "")
        if rank > near:
            tag = ("  by meaning", "cyan")
        out.print(Text.assemble((f"{rank:>2}. ", "bold"), _annotation(hit), (f"  score {hit.score:.2f}", "dim"), tag))
        title = visible(hit.citation.title) + ("" if hit.kind == "body" else f"  [{hit.kind}]")
        if hit.also_in:
            title += "  (also in: " + ", ".join(visible(_label(case, d)) for d in hit.also_in) + ")"
        out.print(Text("    " + title, style="italic dim"))
        body = highlighted(hit.text, hit.spans, base="" if hit.kind == "body" else "dim")
        out.print(Text("    ") + body)
    return OK if result.hits else NOTHING_FOUND


def _suggested_command(args: argparse.Namespace, suggestion: str) -> str:
    """The command that searches for 'did you mean', to copy: the options as given."""
    argv = ["casereader", "search"]
    if args.corpus is not None:
        argv += ["--corpus", str(args.corpus)]
    if args.limit != 10:
        argv += ["--limit", str(args.limit)]
    argv += ["--", suggestion] if suggestion.startswith("-") else [suggestion]
    return shlex.join(argv)


def cmd_related(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=args.json, output=output)
    ref, para = paragraph_at(case, args.ref)
    found = case.related_sides(ref, limit=max(1, args.limit))
    related = found.items
    if args.json:
        output.json(
            {
                "ref": str(ref),
                "text": para.text,
                "related": [r.to_json() for r in related],
                "nothing_related_in": found.missing,
            }
        )
        return OK
    out = output.out
    citation = case.citation(ref)
    out.print(
        Text.assemble(
            ("Passage  ", "bold"), (visible(citation.annotation()), "bold cyan"), ("  " + visible(str(ref)), "dim")
        )
    )
    spans = [s for r in related[:1] for s in r.source_spans]
    out.print(Text("    ") + highlighted(para.text, spans))
    if not related:
        out.print(
            Text(
                "\nNo related passages: this paragraph shares no distinctive words with others.",
                style="yellow",
            )
        )
        return NOTHING_FOUND
    for rank, item in enumerate(related, 1):
        out.print()
        marker = "  (same document)" if item.same_document else ""
        out.print(
            Text.assemble(
                (f"{rank:>2}. ", "bold"),
                _annotation(item.hit),
                (f"  score {item.hit.score:.2f}{marker}", "dim"),
            )
        )
        out.print(Text("    " + visible(item.hit.citation.title), style="italic dim"))
        differs = [str(difference) for difference in item.differs]
        if differs:
            out.print(Text("    " + visible("; ".join(differs)), style="bold yellow"))
        shared = item.in_common
        if item.meaning:  # found by meaning alone: no word in common
            out.print(Text(f"    {item.meaning} (meaning {item.similarity:.2f})", style="italic cyan"))
        else:
            out.print(Text.assemble(("    shared: ", "dim"), (visible(", ".join(shared[:8])), "green")))
        out.print(Text("    ") + highlighted(item.hit.text, item.hit.spans, style="bold green"))
    for outlet in found.missing:
        out.print(Text(f"\nNothing related in {visible(outlet)}.", style="yellow"))
    return OK


COMMANDS: dict[str, Command] = {"search": cmd_search, "related": cmd_related}
