"""Writing and reading the small files casereader keeps: exports, catalogs, aliases, settings.

Every file casereader writes (the notes store aside, which SQLite guards) goes through
:func:`write_atomic`: the text is written to a temporary file beside the target, synced, and
renamed over it.  A kill, a full disk or a quota met halfway leaves the old file whole (and no
temporary file behind, but after a kill -9).

:func:`read_toml` reads a TOML file the user edits: every way it can be unusable (missing
aside) is one :class:`TomlError` with a one-line reason, never a ``RecursionError``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tomllib
from pathlib import Path
from typing import Any


def write_atomic(path: Path, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` so that ``path`` is either the old file or the new one.
    The new file takes the old one's permissions (a new file: the umask's).  OSError when it
    cannot be written; the old file is then untouched."""
    raw = data.encode(encoding) if isinstance(data, str) else data
    folder = path.parent
    temporary = folder / f".{path.name[:80]}.{secrets.token_hex(6)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            with contextlib.suppress(OSError):
                os.chmod(temporary, path.stat().st_mode & 0o777)
            view = memoryview(raw)
            while view:
                written = os.write(handle, view)
                view = view[written:]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # the rename itself durable (not every system allows it)
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


class TomlError(ValueError):
    """A TOML file that cannot be used; the message says why, in one line."""


def parse_toml(text: str) -> dict[str, Any]:
    """``text`` parsed as TOML; TomlError for anything tomllib refuses, and for values nested
    so deep that parsing them would exhaust the stack (tomllib recurses once a level)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(str(exc)) from None
    except RecursionError:
        raise TomlError("values nested too deep (arrays or tables inside each other hundreds of times)") from None


def read_toml(path: Path, encoding: str = "utf-8") -> dict[str, Any]:
    """The TOML file at ``path``; FileNotFoundError when there is none, TomlError (naming the
    file) when it cannot be read or parsed."""
    try:
        text = path.read_text(encoding=encoding)
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise TomlError(f"{path} cannot be read ({exc})") from None
    try:
        return parse_toml(text)
    except TomlError as exc:
        raise TomlError(f"{path} cannot be read (not valid TOML: {exc})") from None
