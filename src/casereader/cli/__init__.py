"""The ``casereader`` command line: the app by default, and the commands (index, search, …).

This package stays light at import (no Rich, no Textual, no Whoosh): ``casereader`` with no
command starts the app, whose first frame should not wait for imports it does not need, and a
command imports only its own module (``casereader search`` never imports Textual).

    parser.py   the argument parser, built once, with the options every command shares
    output.py   what every command shares: the consoles, JSON, errors and exit codes, broken pipes
    opening.py  a command's case: opened, brought up to date, a paragraph reference found
    case.py     index, docs, correct          search.py  search, related
    add.py      add (pages, PDFs and feeds from the web)
    notes.py    note, notes, export           sides.py   figures, names, quotes, coverage, timeline
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .parser import COMMANDS, Parser, build_parser, search_argv


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "--recent":
        return _recent(args_list[1:])
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return _open_app(args_list)
    if args_list[0] == "search":
        args_list = search_argv(args_list)
    options = args_list[: args_list.index("--")] if "--" in args_list else args_list
    Parser.json_errors = "--json" in options  # every error said as JSON, the arguments' too
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:  # ``casereader --``: options, and no command after them
        parser.print_help()
        return 2
    bad = _not_utf8(args)
    if bad:
        print(f"casereader: {bad}", file=sys.stderr)
        return 2
    return _run(args)


def _not_utf8(args: argparse.Namespace) -> str:
    """What is wrong with a text argument that is not valid UTF-8 (the terminal or a script
    sent bytes in another encoding: Python keeps them as lone surrogates, which no text can
    hold); "" when every one is.  Paths are left alone: a file name may be any bytes."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and any("\udc80" <= c <= "\udcff" for c in text):
                shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                option = name if name in ("ref", "query", "file", "fields") else "--" + name.replace("_", "-")
                return (
                    f"the {option} argument {shown!r} is not valid UTF-8; set the terminal to UTF-8"
                    " (or type it again) and retry"
                )
    return ""


def _run(args: argparse.Namespace) -> int:
    """Run a parsed command: its module (named by the parser) is imported now, and only it."""
    from .output import Command, run

    commands: dict[str, Command]
    if args.module == "case":
        from .case import COMMANDS as commands
    elif args.module == "search":
        from .search import COMMANDS as commands
    elif args.module == "notes":
        from .notes import COMMANDS as commands
    elif args.module == "add":
        from .add import COMMANDS as commands
    else:
        from .sides import COMMANDS as commands
    return run(commands[args.command], args)


def _recent(argv: list[str]) -> int:
    """``--recent [N] [--json]``: the cases opened last, or the app on the Nth."""
    from .output import BAD_INPUT, OK, run
    from .recent import cmd_recent

    json = "--json" in argv
    rest = [a for a in argv if a != "--json"]
    number: int | None = None
    if len(rest) > 1 or (rest and not rest[0].isdigit()) or (rest and json):
        from .output import Output

        wrong = "--json lists the cases, it opens none" if json and rest else f"not {' '.join(rest)!r}"
        Output(json=json).error(f"--recent takes the number of the case to open; {wrong}", "bad_arguments")
        return BAD_INPUT
    if rest:
        number = int(rest[0])
    args = argparse.Namespace(number=number, json=json, folder=None)
    code = run(cmd_recent, args)
    if code != OK or args.folder is None:
        return code
    return _open_app([str(args.folder)])


def _open_app(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0] in ("-h", "--help")):
        build_parser().print_help()
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    if argv and not argv[0].strip():
        print("casereader: an empty name is not a folder (leave it out for the bundled case)", file=sys.stderr)
        return 2
    folder = Path(argv[0]) if argv else None
    if folder is not None and not folder.is_dir():
        from ..display import visible

        print(f"casereader: {visible(str(folder))} is not a folder", file=sys.stderr)
        return 2
    from ..tui import run_app

    return run_app(folder)
