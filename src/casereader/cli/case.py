"""The commands about the case itself: ``index``, ``docs`` and ``correct`` (a document's
title, author, date, outlet or language)."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from ..core import EDITABLE, Case, CorrectionError, DocumentInfo
from ..display import ORIGINS_LEGEND, origin_marks, visible
from .opening import open_case, ready_case, update, update_meaning
from .output import NOTHING_FOUND, OK, CaseError, Command, Output


def cmd_index(args: argparse.Namespace, output: Output) -> int:
    case = open_case(args.path)
    report = update(case, quiet=args.json, output=output, wait=True)
    if report is None:
        return NOTHING_FOUND
    meaning = None if args.no_meaning else update_meaning(case, quiet=args.json, output=output)
    if args.json:
        data = report.to_json()
        if meaning is not None:
            data["meaning"] = meaning
        if args.report:
            data["files"] = [_document_json(d) for d in case.documents()]
        output.json(data)
        return OK
    for notice in report.notices:
        output.note(notice)
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
    if meaning is not None:
        said = str(meaning["problem"]) or f"computed for {meaning['computed']} paragraphs (of new or changed documents)"
        summary.add_row("meaning", Text(visible(said)))
    output.out.print(summary)
    if args.report:
        output.out.print(report_table(case.documents()))
    for skipped in report.skipped:
        output.out.print(Text.assemble(("  skipped ", "yellow"), visible(skipped.path), f": {skipped.reason}"))
    return OK


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


def cmd_docs(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=args.json, output=output)
    docs = case.documents()
    if args.json:
        rows = [_document_json(d) for d in docs]
        duplicate_of = case.duplicate_of()
        for row in rows:
            row["duplicate_of"] = duplicate_of.get(row["doc_id"])
        skipped = [{"path": s.path, "reason": s.reason} for s in case.skipped()]
        output.json({"case": case.name, "documents": rows, "skipped": skipped})
        return OK
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
    output.out.print(table)
    for item in case.skipped():
        output.out.print(Text.assemble(("skipped ", "yellow"), visible(item.path), f": {item.reason}"))
    return OK


def cmd_correct(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=args.json, output=output)
    document = _document(case, args.file)
    values: dict[str, str] = {}
    for pair in args.fields:
        key, sep, value = pair.partition("=")
        if not sep:
            raise CaseError(f"{visible(pair)!r}: write field=value (fields: {', '.join(EDITABLE)})")
        values[key.strip().lower()] = value
    try:
        where = case.correct(document.path, values)
    except CorrectionError as exc:
        raise CaseError(str(exc)) from exc
    update(case, quiet=True, output=output, wait=True)
    fixed = next((d for d in case.documents() if d.path == document.path), document)
    if args.json:
        output.json({"catalog": str(where), "document": _document_json(fixed)})
        return OK
    table = Table(title=Text(f"{visible(fixed.path)} · written to {visible(str(where))}"), title_justify="left")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("from", style="dim")
    for key in EDITABLE:
        table.add_row(key, Text(visible(str(getattr(fixed.meta, key)))), fixed.meta.origins.get(key, ""))
    output.out.print(table)
    return OK


def _document(case: Case, given: str) -> DocumentInfo:
    """The document a user names: its path in the case, a path to the file, or its id."""
    documents = case.documents()
    candidates = {given, given.replace("\\", "/")}
    with contextlib.suppress(ValueError, OSError):
        candidates.add(Path(given).resolve().relative_to(case.folder).as_posix())
    for doc in documents:
        if doc.path in candidates or doc.doc_id in candidates:
            return doc
    raise CaseError(f"{visible(given)} is not a document of {visible(case.name)} (casereader docs lists them)")


COMMANDS: dict[str, Command] = {"index": cmd_index, "docs": cmd_docs, "correct": cmd_correct}
