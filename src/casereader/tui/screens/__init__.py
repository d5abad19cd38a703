"""The app's screens: the main screen, and the help, compare and report dialogs."""

from .compare import CompareScreen
from .help import HelpScreen
from .main import MainScreen
from .report import ReportScreen

__all__ = ["CompareScreen", "HelpScreen", "MainScreen", "ReportScreen"]
