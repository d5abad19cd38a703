"""``casereader correct``: set a document's title, author, date, outlet or language."""

from __future__ import annotations

import argparse
import contextlib
import json
from pathlib import Path

from rich.table import Table
from rich.text import Text

from .commands import CaseError, _document_json, _update, out, ready_case
from .core import EDITABLE, Case, CorrectionError, DocumentInfo
from .display import visible


def cmd_correct(args: argparse.Namespace) -> int:
    case = ready_case(args.corpus, quiet=args.json)
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
    _update(case, quiet=True, wait=True)
    fixed = next((d for d in case.documents() if d.path == document.path), document)
    if args.json:
        print(json.dumps({"catalog": str(where), "document": _document_json(fixed)}, ensure_ascii=False, indent=2))
        return 0
    table = Table(title=Text(f"{visible(fixed.path)} · written to {visible(str(where))}"), title_justify="left")
    table.add_column("field")
    table.add_column("value", overflow="fold")
    table.add_column("from", style="dim")
    for key in EDITABLE:
        table.add_row(key, Text(visible(str(getattr(fixed.meta, key)))), fixed.meta.origins.get(key, ""))
    out.print(table)
    return 0


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
