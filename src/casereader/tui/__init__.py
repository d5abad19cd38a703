"""The Textual app."""

from __future__ import annotations

from pathlib import Path


def run_app(folder: Path | None) -> int:
    from .app import make_app

    make_app(folder).run()
    return 0
