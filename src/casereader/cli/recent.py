"""``casereader --recent``: the cases opened last; ``casereader --recent N`` opens the Nth."""

from __future__ import annotations

import argparse

from rich.text import Text

from ..core import RecentCases
from ..display import visible
from .output import NOTHING_FOUND, OK, CaseError, Output


def cmd_recent(args: argparse.Namespace, output: Output) -> int:
    """List the recent cases, or (``args.number``) say which folder to open: the CLI's main
    opens the app on ``args.folder`` once this returns OK."""
    cases, problem = RecentCases().listed()
    if problem:
        output.note(problem)
    if args.number is not None:
        if not 1 <= args.number <= len(cases):
            listed = f"1 to {len(cases)}" if cases else "none yet"
            raise CaseError(f"there is no recent case {args.number} (casereader --recent lists them: {listed})")
        case = cases[args.number - 1]
        if not case.exists():
            raise CaseError(f"{visible(str(case.folder))} is not a folder any more", "not_a_folder")
        args.folder = case.folder
        return OK
    if args.json:
        output.json({"cases": [{**c.to_json(), "exists": c.exists()} for c in cases]})
        return OK if cases else NOTHING_FOUND
    if not cases:
        output.out.print(Text("No case opened yet: casereader PATH opens one.", style="yellow"))
        return NOTHING_FOUND
    for number, case in enumerate(cases, 1):
        gone = "" if case.exists() else "  (not a folder any more)"
        output.out.print(
            Text.assemble(
                (f"{number:>2}. ", "bold"),
                (visible(case.name), "bold cyan"),
                (f"  {visible(str(case.folder))}", ""),
                (f"  opened {case.opened}", "dim"),
                (gone, "yellow"),
            ),
            soft_wrap=True,
        )
    output.out.print(Text("casereader --recent N opens the Nth.", style="dim"))
    return OK
