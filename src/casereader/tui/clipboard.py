"""Copying text out of the terminal, wherever the app runs.

The app always sends the text to the terminal itself (OSC 52: most terminals put it on the
clipboard, also over SSH).  Since it cannot know whether the terminal did, it also tries
what it can see: the system clipboard's command (wl-copy, xclip, xsel, pbcopy, clip.exe)
and, inside tmux, tmux's paste buffer (which tmux passes on to the outer terminal's
clipboard when it may).  When none of those exists, the text is appended to a clips file
the notice names, so a copy is never lost.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

TIMEOUT = 3.0  # seconds a clipboard command may take


def clips_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("casereader") / "clips.txt"


@dataclass(frozen=True)
class Copied:
    where: str  # "the system clipboard", "tmux's paste buffer", or "" (only the terminal, maybe)
    clips: Path | None = None  # where the text was written when no clipboard was found
    problem: str = ""

    def message(self, what: str) -> str:
        if self.where:
            return f"Copied {what} to {self.where}."
        saved = f" and saved it in {self.clips}" if self.clips else ""
        why = f" ({self.problem})" if self.problem else ""
        return f"No clipboard found{why}: sent {what} to the terminal (OSC 52, if it allows it){saved}."


def system_commands(env: Mapping[str, str], platform: str = sys.platform) -> list[list[str]]:
    """The system clipboard commands that can work here, best first."""
    candidates: list[list[str]] = []
    if platform == "darwin":
        candidates.append(["pbcopy"])
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    release = os.uname().release.lower() if hasattr(os, "uname") else ""
    if "microsoft" in release:  # WSL
        candidates.append(["clip.exe"])
    return [c for c in candidates if shutil.which(c[0])]


def _run(command: list[str], text: str) -> bool:
    try:
        done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def copy_out(text: str, env: Mapping[str, str] | None = None, clips: Path | None = None) -> Copied:
    """Put ``text`` where the user can paste it (see the module's text).  Blocking: run it in
    a worker.  The terminal's own OSC 52 is the caller's (it must come from the app's thread)."""
    env = os.environ if env is None else env
    for command in system_commands(env):
        if _run(command, text):
            return Copied("the system clipboard")
    # In tmux: its paste buffer; -w also sets the outer terminal's clipboard when tmux may (3.2+).
    if (env.get("TMUX") and shutil.which("tmux")) and (
        _run(["tmux", "load-buffer", "-w", "-"], text) or _run(["tmux", "load-buffer", "-"], text)
    ):
        return Copied("tmux's paste buffer (prefix ] pastes it)")
    clips = clips or clips_path()
    try:
        clips.parent.mkdir(parents=True, exist_ok=True)
        with clips.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError as exc:
        return Copied("", None, f"the clips file {clips} cannot be written: {exc.strerror}")
    return Copied("", clips)
