"""The folder watcher the app uses to follow a case."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from casereader.core.index.watch import relevant, watch_case


def test_which_changes_matter(tmp_path: Path) -> None:
    folder = tmp_path.resolve()
    assert relevant(folder, str(folder / "a.txt")) == "a.txt"
    assert relevant(folder, str(folder / "web" / "page.HTML")) == "web/page.HTML"
    assert relevant(folder, str(folder / "catalog.toml")) == "catalog.toml"
    assert relevant(folder, str(folder / "sub")) == "sub"  # a folder moved in or out
    assert relevant(folder, str(folder / ".a.txt.swp")) is None  # an editor's swap file
    assert relevant(folder, str(folder / ".git" / "index")) is None
    assert relevant(folder, str(folder / "photo.jpg")) is None
    assert relevant(folder, str(tmp_path.parent / "elsewhere.txt")) is None


def test_the_watch_says_when_it_is_in_place_then_reports_changes_then_stops(tmp_path: Path) -> None:
    stop = threading.Event()
    seen: list[set[str]] = []

    def follow() -> None:
        for paths in watch_case(tmp_path, stop, debounce_ms=200):
            seen.append(paths)

    thread = threading.Thread(target=follow, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not seen and time.monotonic() < deadline:
        time.sleep(0.02)
    assert seen == [set()]  # in place: the caller catches up on anything it missed

    (tmp_path / "new.md").write_text("# New\n\nA new article.\n", encoding="utf-8")
    (tmp_path / "notes.jpg").write_bytes(b"not an article")
    while len(seen) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert seen[1] == {"new.md"}

    stop.set()
    thread.join(5)
    assert not thread.is_alive()
