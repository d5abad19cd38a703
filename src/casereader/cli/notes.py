"""The commands for what the reader keeps: ``note``, ``notes`` and ``export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.text import Text

from ..core import (
    BOOKMARK,
    NOTE,
    ORPHANED,
    Case,
    Excerpt,
    Note,
    NoteFilter,
    QueryError,
    StoreError,
    export,
    export_name,
    from_hits,
    from_notes,
    load_settings,
    write_atomic,
)
from ..display import quoted, visible
from .opening import paragraph_at, ready_case
from .output import NOTHING_FOUND, OK, CaseError, Command, Output


def cmd_note(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=args.json, output=output)
    ref, para = paragraph_at(case, args.ref)
    start, end = 0, len(para.text)
    if args.quote:
        start = para.text.find(args.quote)
        if start < 0 or not args.quote.strip():
            raise CaseError(f"{quoted(args.quote)} is not in ¶{ref.n}; quote words exactly as the passage has them")
        end = start + len(args.quote)
    kind = NOTE if args.text else BOOKMARK
    try:
        note = case.keep(ref, kind, args.text or "", tuple(args.tag or ()), start, end)
    except StoreError as exc:
        raise CaseError(str(exc)) from None
    if args.json:
        output.json(note.to_json())
        return OK
    what = "Noted" if kind == NOTE else "Bookmarked"
    said = f"{what} {visible(str(ref))} ({visible(note.citation.annotation())}) as #{note.id}"
    output.out.print(Text(said, style="bold"))
    return OK


def cmd_notes(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=args.json, output=output)
    try:
        notes = _select(case, args)
    except StoreError as exc:
        raise CaseError(str(exc)) from None
    if args.json:
        output.json([n.to_json() for n in notes])
        return OK if notes else NOTHING_FOUND
    out = output.out
    if not notes:
        out.print(Text("No notes or bookmarks" + (" match." if args.query or args.tag else " yet."), style="yellow"))
        return NOTHING_FOUND
    for note in notes:
        mark = "✎" if note.kind == NOTE else "★"
        head = Text.assemble((f"#{note.id} {mark} ", "bold"), (visible(note.citation.annotation()), "bold cyan"))
        head.append(f"  {visible(str(note.ref))}", style="dim")
        if note.tags:
            head.append("  " + " ".join(f"#{t}" for t in note.tags), style="magenta")
        out.print(head)
        if note.status == ORPHANED:
            out.print(Text(f"    orphaned: {note.reason}; as quoted:", style="yellow"))
        out.print(Text(f"    “{visible(note.quote)}”", style="dim" if note.status == ORPHANED else ""))
        if note.text:
            out.print(Text("    " + visible(note.text).replace("\n", "\n    "), style="italic"))
    return OK


def _select(case: Case, args: argparse.Namespace) -> list[Note]:
    notes = case.check_notes()
    if args.tag or getattr(args, "query", None):
        wanted = {
            n.id for n in case.notes.notes(NoteFilter(tag=args.tag or "", query=getattr(args, "query", "") or ""))
        }
        notes = [n for n in notes if n.id in wanted]
    return notes


def cmd_export(args: argparse.Namespace, output: Output) -> int:
    case = ready_case(args.corpus, quiet=True, output=output)
    settings = load_settings()
    if settings.problem:
        output.note(settings.problem)
    excerpts: list[Excerpt]
    if args.query is not None:
        try:
            result = case.search(args.query, limit=args.limit)
        except QueryError as exc:
            return output.error(f"cannot search for {quoted(args.query)}: {exc}", "bad_query")
        excerpts = from_hits(result.hits)
        heading = f"{case.name}: {args.query}"
    else:
        args.query = None
        try:
            notes = _select(case, argparse.Namespace(tag=args.tag, query=None))
        except StoreError as exc:
            raise CaseError(str(exc)) from None
        # In reading order: by document, then paragraph, then where in it.
        notes.sort(key=lambda n: (n.ref.doc_id, n.ref.n, n.anchor.start, n.id))
        excerpts = from_notes(notes)
        heading = f"{case.name}: notes"
    text = export(excerpts, args.format, settings.style, heading)
    target: Path | None = args.output if args.output and str(args.output) != "-" else None
    if args.out is not None or (target is not None and target.is_dir()):
        folder = args.out if args.out is not None else target
        assert folder is not None
        target = folder / export_name(case.name, "results" if args.query is not None else "notes", args.format)
    if target is not None:
        try:
            # Atomically: a full disk or a kill leaves the file that was there whole.
            write_atomic(target, text)
        except OSError as exc:
            raise CaseError(
                f"cannot write {visible(str(target))} ({exc.strerror or exc}); nothing was changed"
            ) from None
        count = f"{len(excerpts)} passage{'s' if len(excerpts) != 1 else ''}"
        output.err.print(Text(f"wrote {count} to {visible(str(target.resolve()))}"), soft_wrap=True)
    else:
        sys.stdout.write(text)
    return OK if excerpts else NOTHING_FOUND


COMMANDS: dict[str, Command] = {"note": cmd_note, "notes": cmd_notes, "export": cmd_export}
