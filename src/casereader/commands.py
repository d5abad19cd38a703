"""The terminal commands (index, search, related, docs), printed with Rich or as JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .core import Case, DocumentInfo, Hit, IndexReport, Paragraph, QueryError, Ref
from .display import ORIGINS_LEGEND, highlighted, origin_marks, quoted, visible

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


def run(args: argparse.Namespace) -> int:
    from . import notes_commands, sides_commands, source_commands

    handler = {
        "index": cmd_index,
        "search": cmd_search,
        "related": cmd_related,
        "docs": cmd_docs,
        "correct": source_commands.cmd_correct,
        "note": notes_commands.cmd_note,
        "notes": notes_commands.cmd_notes,
        "export": notes_commands.cmd_export,
        **dict.fromkeys(sides_commands.VIEWS, sides_commands.cmd_view),
    }
    try:
        return handler[args.command](args)
    except KeyboardInterrupt:
        err.print("interrupted")
        # The index's clean-up ran before the interrupt reached here; leave now, without
        # waiting on threads of a stopped parallel build (exit handlers could wait for ever).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    except CaseError as exc:
        err.print(Text(f"casereader: {exc}", style="red"))
        return 2
    except BrokenPipeError:
        # The reader of our output went away (``| head -1``): stop quietly.  Python would
        # report the pipe again when it flushes stdout at exit, so point stdout elsewhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


class CaseError(Exception):
    """A problem with the user's input, shown as one line."""


def _case(path: Path | None) -> Case:
    if path is not None and not path.is_dir():
        raise CaseError(f"{visible(str(path))} is not a folder")
    return Case(path)


def ready_case(path: Path | None, quiet: bool) -> Case:
    """The case of a command, brought up to date (its notices printed on stderr)."""
    case = _case(path)
    _notices(_update(case, quiet=quiet))
    return case


def _update(case: Case, quiet: bool, wait: bool = False) -> IndexReport | None:
    """Bring the index up to date, with a progress bar on stderr when it takes a while.

    While another process indexes the case, search its index as it was (or, with ``wait``
    or when there is no index yet, wait for that process, saying so)."""

    def waiting(message: str) -> None:
        err.print(Text(f"note: {message}", style="yellow"))

    if quiet:
        update = case.update_index(waiting=waiting, wait=wait)
    else:
        with Progress(
            TextColumn("[bold]indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[current]}", markup=False),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("index", total=None, current="")

            def report(done: int, total: int, current: str) -> None:
                progress.update(task, completed=done, total=total, current=visible(current)[-50:])

            update = case.update_index(report, waiting=waiting, wait=wait)
    if update.problem:  # busy in another process, or unwritable: the index as it was, if there is one
        if not update.searchable:
            raise CaseError(update.problem)
        err.print(Text(f"note: {visible(update.problem)}", style="yellow"))
    return update.report


def _notices(report: IndexReport | None) -> None:
    if report is None:
        return
    for notice in report.notices:
        err.print(Text(f"note: {visible(notice)}", style="yellow"))
    if report.added or report.updated or report.removed:
        for skipped in report.skipped:
            err.print(Text(f"skipped {visible(skipped.path)}: {skipped.reason}", style="yellow"))


def cmd_index(args: argparse.Namespace) -> int:
    case = _case(args.path)
    report = _update(case, quiet=args.json, wait=True)
    if report is None:
        return 1
    if args.json:
        data = report.to_json()
        if args.report:
            data["files"] = [_document_json(d) for d in case.documents()]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for notice in report.notices:
        err.print(Text(f"note: {visible(notice)}", style="yellow"))
    summary = Table.grid(padding=(0, 2))
    summary.add_row("case", Text(visible(case.name)))
    summary.add_row("folder", Text(visible(str(case.folder))))
    summary.add_row("documents", str(report.documents))
    summary.add_row("paragraphs", str(report.paragraphs))
    summary.add_row(
        "this run",
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed, {report.unchanged} unchanged",
    )
    summary.add_row("skipped", str(len(report.skipped)))
    summary.add_row("seconds", f"{report.seconds:.2f}")
    out.print(summary)
    if args.report:
        out.print(report_table(case.documents()))
    for skipped in report.skipped:
        out.print(Text.assemble(("  skipped ", "yellow"), visible(skipped.path), f": {skipped.reason}"))
    return 0


def report_table(documents: list[DocumentInfo]) -> Table:
    """What was extracted from each file, with where each field came from."""
    table = Table(
        title="Ingestion report",
        caption=ORIGINS_LEGEND,
        title_justify="left",
        expand=True,
    )
    for column in ("file", "title", "author", "date", "lang", "¶", "from"):
        table.add_column(column, overflow="fold")
    for doc in documents:
        meta = doc.meta
        table.add_row(
            Text(visible(doc.path)),
            Text(visible(meta.title)),
            Text(visible(meta.author)),
            meta.date,
            meta.lang,
            str(doc.paragraphs),
            origin_marks(meta.origins),
        )
    return table


def _document_json(doc: DocumentInfo) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "paragraphs": doc.paragraphs,
        **{k: v for k, v in vars(doc.meta).items() if k != "origins"},
        # Each field's origin, under the key scripts already read.
        "sources": doc.meta.origins,
    }


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


def cmd_search(args: argparse.Namespace) -> int:
    case = ready_case(args.corpus, quiet=args.json)
    query = " ".join(args.query)
    try:
        result = case.search(query, limit=max(1, args.limit), count_docs=args.json)
    except QueryError as exc:
        err.print(Text(f"casereader: cannot search for {quoted(query)}: {exc}", style="red"))
        return 2
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return 0
    for note in result.notes:
        err.print(Text(f"note: {visible(note)}", style="yellow"))
    shown = len(result.hits)
    out.print(
        Text(
            f"{result.total} paragraph{'s' if result.total != 1 else ''} match {quoted(query)}"
            + (f", showing {shown}" if shown < result.total else "")
            + f" ({result.seconds * 1000:.0f} ms)",
            style="bold",
        )
    )
    if result.suggestion and (not result.hits or result.missing_words):
        out.print(Text(f"did you mean: {result.suggestion}", style="yellow"))
    some = len(result.hits) if result.some_words_from is None else result.some_words_from
    for rank, hit in enumerate(result.hits, 1):
        out.print()
        tag = ("  some of the words", "yellow") if rank > some else ("", "")
        out.print(Text.assemble((f"{rank:>2}. ", "bold"), _annotation(hit), (f"  score {hit.score:.2f}", "dim"), tag))
        title = visible(hit.citation.title) + ("" if hit.kind == "body" else f"  [{hit.kind}]")
        if hit.also_in:
            title += "  (also in: " + ", ".join(visible(_label(case, d)) for d in hit.also_in) + ")"
        out.print(Text("    " + title, style="italic dim"))
        body = highlighted(hit.text, hit.spans, base="" if hit.kind == "body" else "dim")
        out.print(Text("    ") + body)
    return 0 if result.hits else 1


def paragraph_at(case: Case, text: str) -> tuple[Ref, Paragraph]:
    """The paragraph a REF argument names, or a one-line CaseError saying why not."""
    try:
        ref = Ref.parse(text)
    except ValueError as exc:
        raise CaseError(str(exc)) from None
    para = case.paragraph(ref)
    if para is None:
        raise CaseError(f"no paragraph {quoted(str(ref))} in this case (casereader docs lists the documents)")
    return ref, para


def cmd_related(args: argparse.Namespace) -> int:
    case = ready_case(args.corpus, quiet=args.json)
    ref, para = paragraph_at(case, args.ref)
    found = case.related_sides(ref, limit=max(1, args.limit))
    related = found.items
    if args.json:
        print(
            json.dumps(
                {
                    "ref": str(ref),
                    "text": para.text,
                    "related": [r.to_json() for r in related],
                    "nothing_related_in": found.missing,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
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
        return 1
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
        out.print(Text.assemble(("    shared: ", "dim"), (visible(", ".join(shared[:8])), "green")))
        out.print(Text("    ") + highlighted(item.hit.text, item.hit.spans, style="bold green"))
    for outlet in found.missing:
        out.print(Text(f"\nNothing related in {visible(outlet)}.", style="yellow"))
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    case = ready_case(args.corpus, quiet=args.json)
    docs = case.documents()
    if args.json:
        rows = [_document_json(d) for d in docs]
        duplicate_of = case.duplicate_of()
        for row in rows:
            row["duplicate_of"] = duplicate_of.get(row["doc_id"])
        skipped = [{"path": s.path, "reason": s.reason} for s in case.skipped()]
        print(
            json.dumps(
                {"case": case.name, "documents": rows, "skipped": skipped},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    table = Table(title=Text(visible(case.name)), title_justify="left", caption=ORIGINS_LEGEND, expand=True)
    for column in ("document", "title", "outlet", "author", "date", "lang", "¶", "from"):
        table.add_column(column, overflow="fold")
    duplicate_of = case.duplicate_of()
    for d in docs:
        original = duplicate_of.get(d.doc_id)
        table.add_row(
            Text(visible(d.doc_id) + (f"\n= {visible(original)}" if original else "")),
            Text(visible(d.meta.title)),
            Text(visible(d.meta.outlet)),
            Text(visible(d.meta.author)),
            d.meta.date,
            d.meta.lang,
            str(d.paragraphs),
            origin_marks(d.meta.origins),
        )
    out.print(table)
    for item in case.skipped():
        out.print(Text.assemble(("skipped ", "yellow"), visible(item.path), f": {item.reason}"))
    return 0
