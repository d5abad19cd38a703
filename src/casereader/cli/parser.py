"""The argument parser of ``casereader``, built in one place.

The options several commands share (``--corpus``, ``--json``, ``--limit``) are parent parsers
made once; a command's own arguments come first (a parent of their own) or after them (added to
the command), in the order its help has always shown them.  Each command names the module that
runs it (``module``), imported only when that command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, NoReturn

COMMANDS = (
    "index",
    "search",
    "related",
    "docs",
    "correct",
    "add",
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


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 3600 seconds")
    return value


class Parser(argparse.ArgumentParser):
    """The parser; with ``--json`` on the command line (``json_errors``, set by ``main``) a
    mistake in the arguments is said as JSON on standard output, as every error of a
    ``--json`` command is, with the same exit code (2)."""

    json_errors = False

    def error(self, message: str) -> NoReturn:
        if Parser.json_errors:
            from .output import BAD_INPUT, json_error

            json_error(message, "bad_arguments")
            raise SystemExit(BAD_INPUT)
        super().error(message)


def _options() -> argparse.ArgumentParser:
    """A parent parser: arguments to give to commands (``parents=``), without its own -h."""
    return argparse.ArgumentParser(add_help=False)


def _json(what: str) -> argparse.ArgumentParser:
    options = _options()
    options.add_argument("--json", action="store_true", help=f"print {what} as JSON")
    return options


def _limit(default: int, what: str) -> argparse.ArgumentParser:
    options = _options()
    options.add_argument("--limit", type=positive, default=default, help=f"{what} (default {default})")
    return options


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="casereader",
        description=(
            "Read a case: a folder of articles about one event. With no command, opens the app "
            "on PATH (the bundled case when PATH is omitted)."
        ),
        epilog=(
            "Commands: index, search, related, docs, correct, add, note, notes, export, figures, names, quotes, "
            "coverage, timeline. 'casereader COMMAND --help' for each. 'casereader --recent' lists the cases "
            "opened last, 'casereader --recent N' opens the Nth."
        ),
    )
    sub: Any = parser.add_subparsers(dest="command")  # its parsers are Parsers (argparse makes them of its class)

    def command(name: str, module: str, summary: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = sub.add_parser(name, help=summary, parents=list(parents))
        made.set_defaults(module=module)
        return made

    corpus = _options()
    corpus.add_argument("--corpus", type=folder, help="case folder (default: bundled case)")
    ref = "a paragraph as search shows it, e.g. 000_931ed05bed4de436:35"

    index = _options()
    index.add_argument("path", nargs="?", type=folder, help="case folder (default: bundled case)")
    indexing = command("index", "case", "build or update a case's index", index, _json("the summary"))
    indexing.add_argument(
        "--report", action="store_true", help="also list every file: what was extracted, or why it was skipped"
    )
    indexing.add_argument(
        "--no-meaning",
        action="store_true",
        help="do not compute the paragraphs' meaning (related passages and ~ searches then use words alone)",
    )

    search = _options()
    search.add_argument(
        "query",
        nargs="+",
        help="the query (quote it in your shell); one that starts with - goes after --: search -- -tax bukele",
    )
    command("search", "search", "search a case; see the README for the syntax",
            search, corpus, _limit(10, "hits to show"), _json("hits"))  # fmt: skip

    related = _options()
    related.add_argument("ref", help=ref)
    command("related", "search", "passages related to one paragraph",
            related, corpus, _limit(8, "passages to show"), _json("passages"))  # fmt: skip

    command("docs", "case", "list the documents of a case with their metadata", corpus, _json("documents"))

    note = _options()
    note.add_argument("ref", help=ref)
    note.add_argument("--text", help="the note (without it, a bookmark)")
    note.add_argument("--tag", action="append", help="a tag (repeat for several)")
    note.add_argument("--quote", help="the words of the paragraph the note is about (default: all of it)")
    command("note", "notes", "bookmark a paragraph, or write a note on it", note, corpus, _json("the note"))

    correct = _options()
    correct.add_argument("file", help="the document: its path in the case folder (casereader docs lists them)")
    correct.add_argument(
        "fields", nargs="+", help='field=value pairs: title, author, date, updated, outlet, lang, url (author="": none)'
    )
    summary = "correct a document's source (written to the case's catalog.toml, which wins from then on)"
    command("correct", "case", summary, correct, corpus, _json("the corrected document"))

    notes = _options()
    notes.add_argument("--tag", help="only notes with this tag")
    notes.add_argument("--query", help="only notes whose text, quote or tags have these words")
    command("notes", "notes", "list the notes and bookmarks of a case", notes, corpus, _json("notes"))

    export = _options()
    what = export.add_mutually_exclusive_group()
    what.add_argument("--notes", action="store_true", help="the notes and bookmarks (the default)")
    what.add_argument("--query", help="the passages this search finds")
    export.add_argument("--tag", help="only notes with this tag")
    export.add_argument("--limit", type=positive, default=100, help="passages of a --query to export (default 100)")
    export.add_argument(
        "--format", choices=("md", "csv", "json", "csl-json", "bibtex"), default="md", help="default md"
    )
    where = export.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, help="the file to write (default: standard output)")
    where.add_argument(
        "--out", type=Path, metavar="FOLDER", help="the folder to write it in, named casereader-CASE-notes.md (or …)"
    )
    command("export", "notes", "export notes or search results with their citations", export, corpus)

    view = _json("the view")
    for name, summary in (
        ("figures", "the figures each outlet gives, grouped by what they count, with disagreements"),
        ("names", "people, organisations and places, with mentions per outlet"),
        ("quotes", "quoted words and who said them, per outlet"),
        ("coverage", "who mentions what: names and figures by outlet, and who leaves them out"),
        ("timeline", "the dated events the articles speak of, and each article's date"),
    ):
        command(name, "sides", summary, corpus, view)

    add = _options()
    add.add_argument("urls", nargs="*", metavar="URL", help="a web page or a PDF to add (several may be given)")
    add.add_argument("--feed", metavar="URL", help="add the entries of this RSS or Atom feed the case lacks")
    add.add_argument(
        "--timeout", type=seconds, default=20.0, help="seconds to wait for each answer, in all (default 20)"
    )
    summary = "add articles from the web: each page kept in the case folder, its address in catalog.toml"
    command("add", "add", summary, add, corpus, _json("what was added"))
    return parser


def search_argv(argv: list[str]) -> list[str]:
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
