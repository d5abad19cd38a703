"""A reader's corrections to a document's source: written to the case's ``catalog.toml``,
where they win over everything read from the file from then on.

The catalog in the case folder is the user's own file: it is edited in place (comments,
order and other entries kept, written atomically).  When the case folder cannot be written
(a shared drive, a read-only checkout) the correction goes to a ``catalog.toml`` in the
case's data folder instead, which is read on top of the folder's.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

from ..files import write_atomic
from ..places import data_dir_for
from .metadata import CATALOG_NAME, normalise_date

EDITABLE = ("title", "author", "date", "updated", "outlet", "lang", "url")
_LANG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")


class CorrectionError(ValueError):
    """A correction that cannot be written, with the reason shown to the user."""


def catalog_for_writing(folder: Path) -> Path:
    """The catalog a correction goes to: the case folder's when it can be written, else the
    one in the case's data folder."""
    own = folder / CATALOG_NAME
    if os.access(folder, os.W_OK) and (not own.exists() or os.access(own, os.W_OK)):
        return own
    return data_dir_for(folder) / CATALOG_NAME


def checked(values: dict[str, str]) -> dict[str, str]:
    """The fields as the catalog stores them; CorrectionError for a field casereader does not
    keep, a date it cannot read, or a language that is not a language tag."""
    out: dict[str, str] = {}
    for key, value in values.items():
        if key not in EDITABLE:
            raise CorrectionError(f"{key!r} is not a field casereader keeps (fields: {', '.join(EDITABLE)})")
        value = " ".join(str(value).split())
        if key in ("date", "updated") and value:
            iso = normalise_date(value)
            if not iso:
                raise CorrectionError(f"{key}: {value!r} is not a date casereader can read (write 2025-07-21)")
            value = iso
        if key == "lang" and value:
            value = value.lower().replace("_", "-")
            if not _LANG.fullmatch(value):
                raise CorrectionError(f"lang: {value!r} is not a language tag (write en, es, pt-br…)")
        out[key] = value
    return out


def correct(folder: Path, relpath: str, values: dict[str, str]) -> Path:
    """Write the corrected fields of the file at ``relpath`` (relative to the case folder);
    an empty value says the field is empty (``author = ""``: the piece names no author).
    Returns the catalog written."""
    fields = checked(values)
    if not fields:
        raise CorrectionError("nothing to correct")
    return record(folder, relpath, fields)


def record(folder: Path, relpath: str, fields: dict[str, str]) -> Path:
    """Write ``fields`` into the catalog entry of the file at ``relpath``, the catalog edited in
    place (comments and other entries kept); the catalog written, or CorrectionError."""
    import tomlkit

    path = catalog_for_writing(folder)
    try:
        text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        document = tomlkit.parse(text) if text else _new_catalog(path, folder)
    except (OSError, UnicodeDecodeError) as exc:
        raise CorrectionError(f"{path} cannot be read ({exc})") from exc
    except (tomlkit.exceptions.TOMLKitError, RecursionError) as exc:
        reason = str(exc) if not isinstance(exc, RecursionError) else "values nested too deep"
        raise CorrectionError(f"{path} is not valid TOML ({reason}); mend it first") from None
    documents = document.get("documents")
    if documents is None:
        documents = tomlkit.table(is_super_table=True)
        document["documents"] = documents
    elif not isinstance(documents, dict):
        raise CorrectionError(f"{path}: [documents] is not a table; mend it first")
    entry = documents.get(relpath)
    if entry is None:
        entry = tomlkit.table()
        documents[relpath] = entry
    elif not isinstance(entry, dict):
        raise CorrectionError(
            f"{path}: the entry for {relpath!r} is not a table (title = …, author = …) but {str(entry)[:40]!r};"
            " mend it first"
        )
    for key, value in fields.items():
        entry[key] = value
    _write(path, tomlkit.dumps(document))
    return path


def _new_catalog(path: Path, folder: Path) -> TOMLDocument:
    import tomlkit

    document = tomlkit.document()
    document.add(tomlkit.comment("What casereader shows and cites for each file of this case; it wins"))
    document.add(tomlkit.comment("over what is read from the files.  Written by casereader's corrections"))
    document.add(tomlkit.comment("and by 'casereader add' (where each page was fetched from, and when);"))
    document.add(tomlkit.comment("edit it freely."))
    if path.parent != folder:
        document.add(tomlkit.comment(f"Corrections for the case in {folder} (that folder is not writable)."))
    return document


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)  # made as a new file is (the umask's mode), or with the catalog's own mode
    except OSError as exc:
        raise CorrectionError(f"{path} cannot be written ({exc.strerror or exc})") from exc
