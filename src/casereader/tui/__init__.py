"""The Textual app."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(folder: Path | None) -> int:
    from .textual_ext import UnsupportedTextual, check_version

    try:
        check_version()  # before the app's modules: another Textual may not even import them
    except UnsupportedTextual as exc:
        print(f"casereader: {exc}", file=sys.stderr)
        return 2
    from .app import make_app

    # "Open a recent case" in the palette closes the app with the case to open next.
    while (folder := make_app(folder).run()) is not None:
        pass
    return 0
