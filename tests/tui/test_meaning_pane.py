"""The related pane and meaning: until the paragraphs' meaning is computed the pane lists the
passages found by their words and says meaning is not available yet; once it is, a passage
found by meaning alone is listed with how it was found."""

from __future__ import annotations

import asyncio

import pytest

from casereader.core import Ref
from casereader.tui.app import CaseReaderApp
from casereader.tui.idle_gc import IdleCollector
from casereader.tui.widgets import ReaderPane, RelatedPane

from ..conftest import ORINOCO, WOLA
from .conftest import open_first_hit, ready, settle


async def test_the_related_pane_says_when_meaning_is_not_compared_yet(
    app: CaseReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    monkeypatch.setattr(IdleCollector, "when_quiet", lambda self, job, cancelled, quiet=1.0: None)  # not computed
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "opportunity appeal removal")
        reader, related = app.query_one(ReaderPane), app.query_one(RelatedPane)
        assert reader.current_ref() == Ref(WOLA, 10)
        assert "meaning not available yet" in str(related.border_title)
        assert related.items  # words alone meanwhile
        assert all(not item.meaning for item in related.items)
        await asyncio.to_thread(app.case.update_meaning)  # as the app does when typing pauses
        await pilot.press("down", "up")  # the cursor comes back: related passages again
        await settle(pilot, app)
        assert "meaning" not in str(related.border_title)
        # WOLA ¶10 and Orinoco ¶39 tell the detainees had no recourse in other words
        found = {item.hit.ref: item for item in related.items}
        assert Ref(ORINOCO, 39) in found
        assert found[Ref(ORINOCO, 39)].meaning == "same meaning, other words"


async def test_the_app_computes_meaning_when_typing_pauses_and_the_pane_then_compares_it(
    app: CaseReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CASEREADER_NO_MEANING")
    monkeypatch.setattr(app.session, "meaning", True)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await open_first_hit(pilot, app, "opportunity appeal removal")
        related = app.query_one(RelatedPane)
        assert app.query_one(ReaderPane).current_ref() == Ref(WOLA, 10)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 180  # the encoder's process starts and reads its weights
        while loop.time() < deadline:
            await pilot.pause(0.1)
            if any(item.meaning for item in related.items):
                break
        # without a key pressed: the pane looked again when the meaning was computed
        assert "meaning" not in str(related.border_title)
        found = {item.hit.ref: item for item in related.items}
        assert found.get(Ref(ORINOCO, 39)) is not None and found[Ref(ORINOCO, 39)].meaning
