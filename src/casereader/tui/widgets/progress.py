"""The progress bar shown while the index is built."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from ...display import visible


class IndexProgress(Vertical):
    """Shown while the index is being built."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Indexing the case…"), id="progress-label")
        yield ProgressBar(id="progress-bar", show_eta=False)

    searchable: tuple[int, int] | None = None  # a first part can be searched: (files, of files)

    def update_progress(self, done: int, total: int, current: str) -> None:
        """``total`` 0: nothing counted yet, ``current`` says what is awaited."""
        self.query_one(ProgressBar).update(total=max(total, 1) if total else None, progress=done)
        label = Text(f"Indexing the case: {done}/{total} files  " if total else "")
        if self.searchable and total:
            label = Text(f"Searchable: the first {self.searchable[0]:,} files. Indexing the rest: {done}/{total}  ")
        label.append(visible(current)[-60:] if total else visible(current), style="dim")
        self.query_one("#progress-label", Static).update(label)
