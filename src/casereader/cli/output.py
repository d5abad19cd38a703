"""What every command shares: where it writes (Rich consoles, JSON), its errors and exit codes,
an interrupt and a closed pipe."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from ..display import visible

# Exit codes: found (or done), nothing found, bad input.
OK, NOTHING_FOUND, BAD_INPUT = 0, 1, 2


class CaseError(Exception):
    """A problem with the user's input, shown as one line; ``code`` names its kind for
    scripts (``--json``)."""

    def __init__(self, message: str, code: str = "bad_input") -> None:
        super().__init__(message)
        self.code = code


def json_error(message: str, code: str) -> None:
    """An error as a ``--json`` command says it: ``{"error": …, "code": …}`` on standard
    output (where a script reads the answer), the message as the terminal would show it."""
    print(json.dumps({"error": message, "code": code}, ensure_ascii=False), flush=True)


def _finite(data: object) -> object:
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(v) for v in data]
    return data


class Output:
    """Where a command writes.  Made for each run: a console reads the terminal's width
    (``COLUMNS``) and whether it takes colour when it is made, and ``main`` may run more than
    once in a process (the tests run it in theirs).  ``json``: the command prints JSON, and
    its errors are JSON too."""

    def __init__(self, json: bool = False) -> None:
        self.out = Console(highlight=False)
        self.err = Console(stderr=True, highlight=False)
        self.json_errors = json

    def json(self, data: object) -> None:
        """``data`` as JSON; a float no JSON holds (infinity, NaN) is written as null."""
        print(json.dumps(_finite(data), ensure_ascii=False, indent=2, allow_nan=False))

    def note(self, message: str) -> None:
        """A remark on standard error, shown literally."""
        self.err.print(Text(f"note: {visible(message)}", style="yellow"))

    def error(self, message: str, code: str = "bad_input") -> int:
        """A one-line error on standard error, shown literally (never broken into lines: the
        terminal wraps it), or as JSON on standard output for ``--json``; the exit code of
        bad input."""
        if self.json_errors:
            json_error(visible(message), code)
        else:
            self.err.print(Text(f"casereader: {visible(message)}", style="red"), soft_wrap=True)
        return BAD_INPUT


Command = Callable[[argparse.Namespace, Output], int]


def run(command: Command, args: argparse.Namespace) -> int:
    """Run a command: its exit code, a CaseError as one line, an interrupt or a reader that
    went away handled."""
    output = Output(json=bool(getattr(args, "json", False)))
    try:
        return command(args, output)
    except KeyboardInterrupt:
        if output.json_errors:
            json_error("interrupted", "interrupted")
        else:
            output.err.print("interrupted")
        # The index's clean-up ran before the interrupt reached here; leave now, without
        # waiting on threads of a stopped parallel build (exit handlers could wait for ever).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    except CaseError as exc:
        return output.error(str(exc), exc.code)
    except BrokenPipeError:
        # The reader of our output went away (``| head -1``): stop quietly.  Python would
        # report the pipe again when it flushes stdout at exit, so point stdout elsewhere.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OK
