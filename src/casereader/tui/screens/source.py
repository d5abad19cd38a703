"""Correcting a document's source: its title, author, date, outlet and language, as cited.

The correction is written to the case's catalog (the core decides where) and the document
is read again in a worker; the catalog wins over what the file says from then on.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ...core import DocMeta, DocumentInfo
from ...display import visible
from ..textual_ext import InOrderInput

FIELDS = (
    ("title", "Title", ""),
    ("author", "Author", "several: Ana Pérez, João Lima · empty: names no author"),
    ("date", "Published", "2025-07-21"),
    ("updated", "Updated", "2025-07-22, or empty"),
    ("outlet", "Outlet", "as readers know it: El Colombiano"),
    ("lang", "Language", "en, es, pt…"),
)


class SourceScreen(ModalScreen[dict[str, str] | None]):
    """A form with the document's fields as read, each with where it came from; it returns
    the fields the reader changed (None when nothing was)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="source.cancel"),
        Binding("ctrl+s", "save", "Save", id="source.save"),
    ]

    def __init__(self, document: DocumentInfo) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        meta = self.document.meta
        with Vertical(id="source-box", classes="dialog"):
            yield Label(Text(f"Correct the source of {visible(self.document.path)}", style="bold cyan"))
            with Grid(id="source-fields"):
                for key, label, placeholder in FIELDS:
                    origin = meta.origins.get(key, "")
                    yield Label(Text(label, style="bold"))
                    yield InOrderInput(
                        visible(str(getattr(meta, key))),
                        placeholder=placeholder,
                        id=f"source-{key}",
                        tooltip=f"from {origin}" if origin else None,
                    )
                    yield Label(Text(f"from {origin}" if origin else "", style="dim"))
            yield Static(
                Text(
                    "Written to the case's catalog.toml; it wins over the file from now on.  "
                    "Enter next field · Ctrl+S save · Esc cancel",
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_position = 0  # a long title shows its start, not its end
        self.query_one("#source-title", Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        self.dismiss(
            changed(self.document.meta, {key: self.query_one(f"#source-{key}", Input).value for key, _, _ in FIELDS})
        )


def changed(meta: DocMeta, values: dict[str, str]) -> dict[str, str] | None:
    """The fields whose value differs from what is shown now (a field left as shown is not
    written: it keeps following the file)."""
    out = {
        key: " ".join(value.split())
        for key, value in values.items()
        if " ".join(value.split()) != " ".join(visible(str(getattr(meta, key))).split())
    }
    return out or None
