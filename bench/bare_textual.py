"""A bare Textual app (a Header, an Input, a Footer): what a first frame costs with Textual
alone, for ``bench_tui.py`` to measure beside casereader's in the same run."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input


class Bare(App[None]):
    TITLE = "bare textual"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "bare textual — first frame"


if __name__ == "__main__":
    Bare().run()
