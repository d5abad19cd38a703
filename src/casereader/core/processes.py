"""What the project's helper processes share: ending with the process that started them."""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import sys
from contextlib import suppress

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies (Linux)


def kill_with_parent() -> bool:
    """Linux: ask the kernel for SIGKILL to this process when the thread that started it ends
    (a stopped process is killed too); whether it could be asked.  The caller checks that its
    parent still lives: one that died before the request sends nothing."""
    if not sys.platform.startswith("linux"):
        return False
    with suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    return False
