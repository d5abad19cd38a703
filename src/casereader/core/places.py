"""Where casereader keeps what belongs to a case outside the case folder."""

from __future__ import annotations

import hashlib
from pathlib import Path


def data_dir_for(folder: Path) -> Path:
    """Where what the reader keeps of a case (notes, bookmarks, reading progress, corrections
    to a read-only case's metadata) lives: one folder per case in the user data directory
    (``~/.local/share/casereader/cases/NAME-HASH``)."""
    from platformdirs import user_data_path

    return user_data_path("casereader") / "cases" / _case_key(folder.resolve())


def _case_key(folder: Path) -> str:
    digest = hashlib.sha1(str(folder).encode("utf-8")).hexdigest()[:12]
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in folder.name)[:40]
    return f"{safe}-{digest}"
