"""A note's JSON and the Sides views' names each have one home in the core."""

from __future__ import annotations

import pytest

from casereader.cli import sides as sides_commands
from casereader.core import SIDE_VIEWS, Anchor, Citation, Note, Ref
from casereader.core.sides import SideViews

# The keys of a note in `note --json` and `notes --json`, in the README's order.
NOTE_KEYS = [
    "id", "kind", "ref", "quote", "whole_paragraph", "text", "tags", "status", "reason", "title", "outlet",
    "author", "date", "url", "created", "updated",
]  # fmt: skip


def test_a_note_is_json_with_the_documented_keys_and_values() -> None:
    text = "Only 32 men (12%) had criminal records in the United States."
    anchor = Anchor.on(Ref("orinoco", 35), text, text.index("12%"), text.index("12%") + 3)
    citation = Citation("orinoco", 35, "The Repatriation", "Orinoco Tribune", "Misión Verdad", "2025-07-21", "", "en")
    note = Note(7, "note", anchor, "CBS figure", ("figures",), citation, "2025-08-01T10:00:00Z", "2025-08-02T10:00:00Z")
    data = note.to_json()
    assert list(data) == NOTE_KEYS
    assert data["ref"] == "orinoco:35" and data["quote"] == "12%" and data["whole_paragraph"] is False
    assert data["tags"] == ["figures"] and data["status"] == "anchored" and data["reason"] == ""
    assert (data["title"], data["outlet"], data["author"]) == ("The Repatriation", "Orinoco Tribune", "Misión Verdad")
    assert (data["created"], data["updated"]) == ("2025-08-01T10:00:00Z", "2025-08-02T10:00:00Z")


def test_the_views_are_named_once_and_every_name_has_its_json() -> None:
    assert SIDE_VIEWS == ("figures", "names", "quotes", "coverage", "timeline")
    assert sides_commands.VIEWS is SIDE_VIEWS
    views = SideViews([], [], [], [], [], [], [], 0.0, 0, {}, [])
    assert all(isinstance(views.to_json(view), dict) for view in SIDE_VIEWS)
    with pytest.raises(ValueError, match="unknown view"):
        views.to_json("opinions")
