"""The case session (``tui/session.py``): news from its workers is taken into its state, then
published once to whoever subscribed; the state is the one place that says whether the case
can be searched; a screen that comes up after the news shows it all the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from casereader.tui import app as app_module
from casereader.tui.app import CaseReaderApp, make_app
from casereader.tui.messages import CaseNews, DocumentsLoaded, IndexReady
from casereader.tui.session import CaseSession, CaseState
from casereader.tui.widgets import DocumentsPane

from .conftest import record_notices, status, type_text, wait_for


@pytest.fixture
def quiet_session(monkeypatch: pytest.MonkeyPatch) -> None:
    """The session opens no index: the news comes from the test."""
    monkeypatch.setattr(CaseSession, "_prepare", lambda self: None)


def _groups(app: CaseReaderApp) -> list[str]:
    return [w.group for w in app.workers if not w.is_finished]


async def test_news_is_taken_into_the_state_before_the_subscribers_hear_it(
    quiet_session: None, seeds_copy: Path, seeds_indexed: Path
) -> None:
    app = make_app(seeds_copy, seeds_indexed, watch=True)
    heard: list[tuple[str, CaseState]] = []
    async with app.run_test() as pilot:
        session = app.session

        def hear(news: CaseNews) -> None:
            heard.append((type(news).__name__, session.state))

        session.subscribe(app, hear)
        listed = app.case.listed_documents()
        session.post(DocumentsLoaded(listed, indexing=True))  # as a worker does, from its thread
        await pilot.pause()
        assert session.state == CaseState(documents=listed, indexing=True)
        session.post(IndexReady(None, searchable=True, partial=(1, 2)))  # a first part of a large build
        await pilot.pause()
        assert session.state.searchable and not session.state.ready and session.state.partial == (1, 2)
        assert app.sub_title == "indexing · 1 of 2 files searchable"
        assert "watch" not in _groups(app) and "views" not in _groups(app)
        session.post(IndexReady(None, searchable=True))
        session.post(IndexReady(None, searchable=True))  # said twice: one watcher all the same
        await pilot.pause()
        assert session.state.ready and session.state.partial is None
        assert _groups(app).count("watch") == 1 and _groups(app).count("views") <= 1
        assert app.sub_title == "2 documents · 67 paragraphs"
    assert [name for name, _ in heard] == ["DocumentsLoaded", "IndexReady", "IndexReady", "IndexReady"]
    assert [state.searchable for _, state in heard] == [False, True, True, True]


async def test_an_index_that_cannot_be_opened_leaves_the_case_unsearchable(
    quiet_session: None, seeds_copy: Path, seeds_indexed: Path
) -> None:
    app = make_app(seeds_copy, seeds_indexed, watch=True)
    notices: list[str] = []
    async with app.run_test(message_hook=record_notices(notices)) as pilot:
        app.session.post(IndexReady(None, searchable=False, problem="the disk went away"))
        await pilot.pause()
        state = app.session.state
        assert state.unavailable and not state.searchable and not state.ready
        assert app.sub_title == "index unavailable" and "watch" not in _groups(app)
        app.main.action_sides("figures")  # nothing to compare: said, not crashed
        await pilot.pause()
        assert app.screen is app.main
    assert any("the disk went away" in n for n in notices)


class EarlyNews(CaseReaderApp):
    """The session's news arrives before the main screen is up (the app mounts first)."""

    CSS_PATH = Path(app_module.__file__).parent / "app.tcss"

    def on_mount(self) -> None:
        super().on_mount()
        self.session.apply(DocumentsLoaded(self.case.listed_documents(), indexing=False))
        self.session.apply(IndexReady(None, searchable=True))


async def test_a_main_screen_that_comes_up_after_the_news_shows_it(
    quiet_session: None, seeds_copy: Path, seeds_indexed: Path
) -> None:
    from casereader.core import Case

    app = EarlyNews(Case(seeds_copy, seeds_indexed), watch=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.query_one(DocumentsPane).row_count == 2
        assert "/ to search" in status(app)  # the hint of a case that can be searched


async def test_a_case_with_an_index_is_searched_while_its_folder_is_checked(
    seeds_copy: Path, seeds_indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening an unchanged case of 50,000 files took 28 s before a search could run, most of
    it comparing the folder with the index: the index as it was is searched meanwhile."""
    import threading

    from casereader.core.index import case_index

    checked = threading.Event()
    plan_changes = case_index.plan_changes

    def slow_check(*args: object, **kwargs: object) -> object:
        checked.wait(60)  # the folder is being compared with the index until the test says
        return plan_changes(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(case_index, "plan_changes", slow_check)
    app = make_app(seeds_copy, seeds_indexed, watch=False)
    try:

        async def until(condition: Callable[[], bool]) -> None:  # (wait_for settles workers: the check is one)
            for _ in range(1500):
                if condition():
                    return
                await pilot.pause(0.02)
            raise AssertionError("the app did not get there")

        async with app.run_test() as pilot:
            await until(lambda: app.session.state.searchable)
            assert not app.session.state.ready  # the check goes on
            app.query_one("#query", Input).focus()
            await type_text(pilot, "Bukele")
            await until(lambda: "match" in status(app))
            assert not status(app).startswith("0 "), status(app)
            checked.set()
            await wait_for(pilot, app, lambda: app.session.state.ready)
    finally:
        checked.set()


async def test_the_check_for_changes_starts_once_the_app_has_taken_in_that_it_can_search(
    seeds_copy: Path, seeds_indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check begins by reading the manifest, one call holding the interpreter (over a
    second on a busy machine at 50,000 files): the news that the case can be searched is
    taken in by the app first, not after it."""
    from casereader.core import Case

    app = make_app(seeds_copy, seeds_indexed, watch=False)
    known: list[bool] = []
    update_index = Case.update_index

    def checking(self: Case, *args: object, **kwargs: object) -> object:
        known.append(app.session.state.searchable)  # what the app's thread has taken in
        return update_index(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Case, "update_index", checking)
    async with app.run_test() as pilot:
        await wait_for(pilot, app, lambda: app.session.state.ready)
    assert known == [True]
