"""The app's screens: the main screen, and the help, compare and report dialogs.

The dialogs' modules are imported when first opened (``screens/main.py``), or here when
first asked for: the app's first frame waits for none of them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .help import HelpScreen
from .main import MainScreen

if TYPE_CHECKING:
    from .compare import CompareScreen
    from .report import ReportScreen

__all__ = ["CompareScreen", "HelpScreen", "MainScreen", "ReportScreen"]

_LATER = {"CompareScreen": ".compare", "ReportScreen": ".report"}


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LATER[name], __name__), name)
