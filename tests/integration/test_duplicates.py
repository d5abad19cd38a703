"""The same article saved twice: found once, with "also in"."""

import json
from collections.abc import Callable

import pytest

from casereader.core import Case
from casereader.core.index.manifest import PRINTS_NAME
from casereader.core.ingest import duplicates

STORY = (
    "Venezuela received 252 migrants from El Salvador on Friday after months of negotiations "
    "between the governments in Washington and Caracas, officials said in a statement.\n"
    "The men had been held in the CECOT prison since March without charges or hearings, "
    "according to lawyers and relatives who spoke to reporters at the airport.\n"
    "Ten US citizens detained in Venezuela were released at the same time as part of the deal.\n"
)


def test_byte_identical_and_near_identical_files(make_case: Callable[..., Case]) -> None:
    near = "Wire service – reposted\n" + STORY.replace("officials said", "officials told reporters")
    case = make_case({"a.txt": STORY, "b-copy.txt": STORY, "c-wire.txt": near, "d.txt": "Something else " * 30})
    assert case.duplicate_of() == {"b-copy": "a", "c-wire": "a"}
    result = case.search("CECOT prison")
    assert [h.citation.doc_id for h in result.hits] == ["a"]
    assert result.hits[0].also_in == ["b-copy", "c-wire"]
    assert result.total == 1
    assert result.hits[0].to_json()["also_in"] == ["b-copy", "c-wire"]
    # A passage only the duplicate has is still found.
    assert [h.citation.doc_id for h in case.search("reposted").hits] == ["c-wire"]


def test_different_articles_are_not_duplicates(make_case: Callable[..., Case]) -> None:
    other = STORY.replace("Venezuela received", "Colombia sent").replace("CECOT prison", "a migrant shelter")
    other = " ".join(reversed(other.split()))
    case = make_case({"a.txt": STORY, "b.txt": other})
    assert case.duplicate_of() == {}


def test_duplicates_follow_later_updates(make_case: Callable[..., Case]) -> None:
    case = make_case({"a.txt": STORY, "d.txt": "Something else " * 30})
    assert case.duplicate_of() == {}
    folder = case.folder
    # A copy saved later is found by the update that reads it (the first's sample was kept).
    (folder / "e-wire.txt").write_text("Reposted\n" + STORY, encoding="utf-8")
    case.update()
    assert case.duplicate_of() == {"e-wire": "a"}
    # A new process reading the same index agrees, and an edit that makes it another story
    # ends the pairing.
    reopened = Case(folder, case.index_dir)
    reopened.update()
    assert reopened.duplicate_of() == {"e-wire": "a"}
    other = " ".join(reversed(STORY.replace("CECOT prison", "a migrant shelter").split()))
    (folder / "e-wire.txt").write_text(other, encoding="utf-8")
    reopened.update()
    assert reopened.duplicate_of() == {}
    # Removing the original leaves nothing to pair with.
    (folder / "e-wire.txt").write_text(STORY, encoding="utf-8")
    reopened.update()
    assert reopened.duplicate_of() == {"e-wire": "a"}
    (folder / "a.txt").unlink()
    reopened.update()
    assert reopened.duplicate_of() == {}


def test_an_edit_updates_the_pairs_from_the_edited_file_alone(
    make_case: Callable[..., Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    near = "Wire service – reposted\n" + STORY.replace("officials said", "officials told reporters")
    case = make_case({"a.txt": STORY, "c-wire.txt": near, "d.txt": "Something else " * 30})
    assert case.duplicate_of() == {"c-wire": "a"}
    searched_all: list[int] = []
    find_all = duplicates.near_pairs
    monkeypatch.setattr(duplicates, "near_pairs", lambda samples: searched_all.append(1) or find_all(samples))
    (case.folder / "d.txt").write_text("Reposted\n" + STORY, encoding="utf-8")
    case.update()
    assert case.duplicate_of() == {"c-wire": "a", "d": "a"}
    assert searched_all == []
    # Samples kept without their pairs (an index written before they were kept): all found again.
    prints = case.index_dir / PRINTS_NAME
    stored = json.loads(prints.read_text(encoding="utf-8"))
    del stored[""]
    prints.write_text(json.dumps(stored), encoding="utf-8")
    (case.folder / "c-wire.txt").write_text("Something different " * 30, encoding="utf-8")
    case.update()
    assert case.duplicate_of() == {"d": "a"}
    assert searched_all == [1]
