"""The ``casereader`` command line: the app by default, and index/search/related/docs.

This module stays light (no Rich, no Textual, no Whoosh at import): ``casereader`` with no
command starts the app, whose first frame should not wait for imports it does not need.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

COMMANDS = (
    "index",
    "search",
    "related",
    "docs",
    "correct",
    "note",
    "notes",
    "export",
    "figures",
    "names",
    "quotes",
    "coverage",
    "timeline",
)


def folder(text: str) -> Path:
    """A case folder argument: an empty one is a mistake, not the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name is not a folder (leave it out for the bundled case)")
    return Path(text)


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casereader",
        description=(
            "Read a case: a folder of articles about one event. With no command, opens the app "
            "on PATH (the bundled case when PATH is omitted)."
        ),
        epilog=(
            "Commands: index, search, related, docs, correct, note, notes, export, figures, names, quotes, coverage, "
            "timeline. 'casereader COMMAND --help' for each."
        ),
    )
    sub = parser.add_subparsers(dest="command")

    p_index = sub.add_parser("index", help="build or update a case's index")
    p_index.add_argument("path", nargs="?", type=folder, help="case folder (default: bundled case)")
    p_index.add_argument("--json", action="store_true", help="print the summary as JSON")
    p_index.add_argument(
        "--report", action="store_true", help="also list every file: what was extracted, or why it was skipped"
    )

    p_search = sub.add_parser("search", help="search a case; see the README for the syntax")
    p_search.add_argument(
        "query",
        nargs="+",
        help="the query (quote it in your shell); one that starts with - goes after --: search -- -tax bukele",
    )
    p_search.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
    p_search.add_argument("--limit", type=positive, default=10, help="hits to show (default 10)")
    p_search.add_argument("--json", action="store_true", help="print hits as JSON")

    p_related = sub.add_parser("related", help="passages related to one paragraph")
    p_related.add_argument("ref", help="a paragraph as search shows it, e.g. 000_931ed05bed4de436:35")
    p_related.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
    p_related.add_argument("--limit", type=positive, default=8, help="passages to show (default 8)")
    p_related.add_argument("--json", action="store_true", help="print passages as JSON")

    p_docs = sub.add_parser("docs", help="list the documents of a case with their metadata")
    p_docs.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
    p_docs.add_argument("--json", action="store_true", help="print documents as JSON")

    p_note = sub.add_parser("note", help="bookmark a paragraph, or write a note on it")
    p_note.add_argument("ref", help="a paragraph as search shows it, e.g. 000_931ed05bed4de436:35")
    p_note.add_argument("--text", help="the note (without it, a bookmark)")
    p_note.add_argument("--tag", action="append", help="a tag (repeat for several)")
    p_note.add_argument("--quote", help="the words of the paragraph the note is about (default: all of it)")
    p_note.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
    p_note.add_argument("--json", action="store_true", help="print the note as JSON")

    p_correct = sub.add_parser(
        "correct", help="correct a document's source (written to the case's catalog.toml, which wins from then on)"
    )
    p_correct.add_argument("file", help="the document: its path in the case folder (casereader docs lists them)")
    p_correct.add_argument(
        "fields", nargs="+", help='field=value pairs: title, author, date, updated, outlet, lang, url (author="": none)'
    )
    p_correct.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
    p_correct.add_argument("--json", action="store_true", help="print the corrected document as JSON")

    p_notes = sub.add_parser("notes", help="list the notes and bookmarks of a case")
    p_notes.add_argument("--tag", help="only notes with this tag")
    p_notes.add_argument("--query", help="only notes whose text, quote or tags have these words")
    p_notes.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
    p_notes.add_argument("--json", action="store_true", help="print notes as JSON")

    p_export = sub.add_parser("export", help="export notes or search results with their citations")
    what = p_export.add_mutually_exclusive_group()
    what.add_argument("--notes", action="store_true", help="the notes and bookmarks (the default)")
    what.add_argument("--query", help="the passages this search finds")
    p_export.add_argument("--tag", help="only notes with this tag")
    p_export.add_argument("--limit", type=positive, default=100, help="passages of a --query to export (default 100)")
    p_export.add_argument("--format", choices=("md", "csv", "json", "csl-json"), default="md", help="default md")
    p_export.add_argument("-o", "--output", type=Path, help="the file to write (default: standard output)")
    p_export.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")

    for name, summary in (
        ("figures", "the figures each outlet gives, grouped by what they count, with disagreements"),
        ("names", "people, organisations and places, with mentions per outlet"),
        ("quotes", "quoted words and who said them, per outlet"),
        ("coverage", "who mentions what: names and figures by outlet, and who leaves them out"),
        ("timeline", "the dated events the articles speak of, and each article's date"),
    ):
        p_view = sub.add_parser(name, help=summary)
        p_view.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
        p_view.add_argument("--json", action="store_true", help="print the view as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        return _open_app(args_list)
    if args_list[0] == "search":
        args_list = _search_argv(args_list)
    args = _parser().parse_args(args_list)
    from . import commands

    return commands.run(args)


def _search_argv(argv: list[str]) -> list[str]:
    """``search`` with its query words after ``--``, so a word starting with - (an exclusion:
    ``-tax``) is part of the query, not an unknown option.  Options keep their meaning wherever
    they stand; a ``--`` of the user's ends the options."""
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--":
            words.extend(rest)
        elif arg in ("--corpus", "--limit"):
            options += [arg, next(rest, "")]
        elif arg.startswith(("--corpus=", "--limit=")) or arg in ("--json", "-h", "--help"):
            options.append(arg)
        else:
            words.append(arg)
    return ["search", *options, "--", *words] if words else ["search", *options]


def _open_app(argv: list[str]) -> int:
    if len(argv) > 1 or (argv and argv[0] in ("-h", "--help")):
        _parser().print_help()
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    if argv and not argv[0].strip():
        print("casereader: an empty name is not a folder (leave it out for the bundled case)", file=sys.stderr)
        return 2
    folder = Path(argv[0]) if argv else None
    if folder is not None and not folder.is_dir():
        from .display import visible

        print(f"casereader: {visible(str(folder))} is not a folder", file=sys.stderr)
        return 2
    from .tui import run_app

    return run_app(folder)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
