"""The cases opened last, kept in the user data folder (``~/.local/share/casereader/recent.json``
on Linux): ``casereader --recent`` lists them, the app's palette opens one.

The file is written whole to a temporary file beside it, then renamed over it, so a kill or a
full disk leaves the old list.  A file that cannot be read as such a list is set aside
(``recent.json.damaged``, never deleted) and the list starts again; the problem is said once.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomic

KEPT = 20  # cases remembered
FILE = "recent.json"
VERSION = 1


@dataclass(frozen=True)
class RecentCase:
    folder: Path
    name: str
    opened: str  # when it was last opened, local time, "2026-12-07 08:50"

    def exists(self) -> bool:
        return self.folder.is_dir()

    def to_json(self) -> dict[str, str]:
        return {"folder": str(self.folder), "name": self.name, "opened": self.opened}


def recent_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("casereader") / FILE


class DamagedList(Exception):
    """The recent cases' file could not be read; ``str()`` says why, in one line."""


class RecentCases:
    """The list of cases opened last, newest first."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or recent_path()

    def cases(self) -> list[RecentCase]:
        """The cases, newest first ([] when there is no list yet); DamagedList when the file
        cannot be read as one."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise DamagedList(f"the recent cases' list {self.path} cannot be read ({exc.strerror})") from None
        try:
            data = json.loads(raw.decode("utf-8"))
            entries = data["cases"] if isinstance(data, dict) else None
            if not isinstance(entries, list):
                raise ValueError("no list of cases")
            return [
                RecentCase(Path(e["folder"]), str(e.get("name") or Path(e["folder"]).name), str(e.get("opened", "")))
                for e in entries
                if isinstance(e, dict) and isinstance(e.get("folder"), str) and e["folder"]
            ][:KEPT]
        except (ValueError, KeyError, TypeError, RecursionError, UnicodeDecodeError):
            raise DamagedList(f"the recent cases' list {self.path} is damaged") from None

    def listed(self) -> tuple[list[RecentCase], str | None]:
        """The cases and, when the file is damaged, the problem (the list is then empty)."""
        try:
            return self.cases(), None
        except DamagedList as exc:
            return [], f"{exc}; it is ignored"

    def record(self, folder: Path, name: str) -> str | None:
        """Put a case first in the list (written at once); the problem, if the old list was
        damaged (it is set aside) or the new one cannot be written (the old one stays)."""
        problem = None
        try:
            cases = self.cases()
        except DamagedList as exc:
            cases = []
            aside = self.path.with_name(self.path.name + ".damaged")
            try:
                os.replace(self.path, aside)
                problem = f"{exc}: set aside as {aside.name}, a new list is started"
            except OSError:
                problem = f"{exc}; a new list is started"
        folder = folder.resolve()
        entry = RecentCase(folder, name, time.strftime("%Y-%m-%d %H:%M"))
        cases = [entry, *(c for c in cases if c.folder != folder)][:KEPT]
        try:
            _write_atomically(self.path, {"version": VERSION, "cases": [c.to_json() for c in cases]})
        except OSError as exc:
            return f"the recent cases' list {self.path} could not be written ({exc.strerror})"
        return problem


def _write_atomically(path: Path, data: object) -> None:
    """The list as JSON, written by the core's one atomic write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
