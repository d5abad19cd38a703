"""A driver for the real ``casereader`` in a real terminal (tmux): start it, type, read the
screen.  Shared by the end-to-end tests and ``bench/bench_tui.py``."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path


def casereader_command(folder: Path | None, cache: Path, *args: str) -> str:
    """The shell command that opens ``folder`` in the app with its own cache, data and config
    folders (beside ``cache``).  Textual sizes itself from COLUMNS/LINES when they are set:
    they are left to the terminal.  ``args`` instead of a folder: another command line
    (``--recent 1``)."""
    home = cache.parent
    env = (
        f"-u COLUMNS -u LINES XDG_CACHE_HOME={shlex.quote(str(cache))} TERM=xterm-256color"
        f" XDG_DATA_HOME={shlex.quote(str(home / 'data'))} XDG_CONFIG_HOME={shlex.quote(str(home / 'config'))}"
    )
    argv = [str(folder)] if folder is not None else list(args)
    return f"env {env} {shlex.quote(sys.executable)} -m casereader {shlex.join(argv)}"


class Terminal:
    """One tmux server of its own (a private socket), with one session, ``main``."""

    def __init__(self, name: str = "casereader-test") -> None:
        self.socket = f"{name}-{os.getpid()}-{time.monotonic_ns()}"

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)

    def start(self, command: str, width: int = 120, height: int = 40) -> float:
        """Run ``command`` in a new terminal of that size; returns the time it was started."""
        started = time.perf_counter()
        result = self.tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), command)
        if result.returncode != 0:
            raise RuntimeError(f"tmux could not start: {result.stderr.strip()}")
        return started

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main").stdout

    def send(self, *keys: str) -> None:
        """Keys by tmux's names ("Enter", "C-q", "Up")."""
        self.tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        """Characters, literally."""
        self.tmux("send-keys", "-t", "main", "-l", text)

    def wait_until(self, *needles: str, timeout: float = 30.0, poll: float = 0.1) -> tuple[float, str]:
        """The time when every needle was first on screen, and that screen.  Each poll spawns
        tmux: a benchmark polls often, a test less, to leave the 2 cores to the app."""
        deadline = time.perf_counter() + timeout
        screen = ""
        while time.perf_counter() < deadline:
            screen = self.screen()
            if all(n in screen for n in needles):
                return time.perf_counter(), screen
            time.sleep(poll)
        raise AssertionError(f"{needles} not on screen after {timeout:g} s:\n{screen}")

    def wait_for(self, *needles: str, timeout: float = 30.0) -> str:
        """The screen once every needle is on it."""
        return self.wait_until(*needles, timeout=timeout)[1]

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "main").returncode == 0

    def wait_closed(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        return not self.alive()

    def stop(self) -> None:
        self.tmux("kill-server")
